"""The record kind: a mapping of named fields, each of its own kind, all optional.

Records do not nest, so a field is always one of the other kinds; a field a
record does not declare (only possible in values built in code) is "any".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from plandiff.hints import did_you_mean_suffix
from plandiff.kinds.base import ANY, Detail, Kind, Problems, SpecContext, did_you_mean, fmt_any, show, type_name


class Record(Kind):
    name = "record"
    parse_field: Callable[[Any, SpecContext], Kind]  # set by the registry, which knows every kind

    def __init__(self, spec: dict, fields: dict[str, Kind] | None = None):
        super().__init__(spec)
        self._fields = fields if fields is not None else {}

    @classmethod
    def parse(cls, spec: dict, ctx: SpecContext) -> Kind:
        raw = spec.get("fields")
        if not isinstance(raw, dict) or not raw:
            ctx.problems.append(f"{ctx.where}: record needs fields")
            raw = {}
        fields = {name: cls.parse_field(f, ctx.at(name)) for name, f in raw.items()}
        for name, f in fields.items():
            if isinstance(f, Record):
                ctx.problems.append(f"{ctx.where}.{name}: records do not nest")
        spec["fields"] = {name: f.spec for name, f in fields.items()}
        return cls(spec, fields)

    @property
    def fields(self) -> dict[str, Kind]:
        return self._fields

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        if not isinstance(v, dict):
            out.append((at, f"expected a mapping with fields {', '.join(self.fields)}; got {type_name(v)}"))
            return
        if not v:
            out.append((at, "empty record; leave value out when nothing is known"))
        for k, item in v.items():
            field_kind = self.fields.get(k)
            if field_kind is None:
                hint = did_you_mean(k, self.fields)
                extra = did_you_mean_suffix(hint, show, f" (fields: {', '.join(self.fields)})")
                out.append((at + (k,), f"unknown field {show(k)}{extra}"))
            else:
                field_kind.check(item, at + (k,), out, skip)

    def schema(self) -> dict:
        return {
            "type": "object",
            "additionalProperties": False,
            "minProperties": 1,
            "properties": {k: f.schema() for k, f in self.fields.items()},
        }

    def docs(self) -> str:
        return "a mapping with any of these fields"

    def doc_lines(self) -> list[str]:
        return ["Value: a mapping with any of these fields:", ""] + [
            f"- `{name}`: {f.docs()}" for name, f in self.fields.items()
        ]

    def _format(self, v: Any) -> str:
        if not isinstance(v, dict):
            return fmt_any(v)
        return "; ".join(f"{k.replace('_', ' ')}: {self.field(k).format(x)}" for k, x in v.items())

    def _compare(self, label: str, old: Any, new: Any) -> list[Detail] | None:
        if not (isinstance(old, dict) and isinstance(new, dict)):
            return None
        out: list[Detail] = []
        names = list(self.fields) + [k for k in list(old) + list(new) if k not in self.fields]
        for name in dict.fromkeys(names):
            if name not in old and name not in new:
                continue
            fkind = self.field(name)
            flabel = f"{label} · {name.replace('_', ' ')}" if label else name.replace("_", " ")
            if name not in new:
                out.append(Detail(flabel, fkind.format(old[name]), None, "no longer stated"))
            elif name not in old:
                out.append(Detail(flabel, None, fkind.format(new[name]), "newly stated"))
            else:
                out += fkind.compare(flabel, old[name], new[name])
        return out

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        if not (isinstance(claim, dict) and isinstance(held, dict)):
            return False
        return all(k not in held or self.field(k).agrees(v, held[k], f"{key}.{k}", compat) for k, v in claim.items())

    def holds(self, claim: Any, held: Any, key: str = "", compat: dict | None = None) -> bool:
        if isinstance(claim, dict) and isinstance(held, dict) and not all(k in held for k in claim):
            return False
        return self.agrees(claim, held, key, compat)

    def merge(self, claim: Any, held: Any) -> Any:
        if not (isinstance(claim, dict) and isinstance(held, dict)):
            return held
        merged = dict(held)
        for k, v in claim.items():
            merged.setdefault(k, v)
        return merged


__all__ = ["Record", "ANY"]
