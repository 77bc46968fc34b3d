"""The kinds made of names: enum (one of a vocabulary), set (distinct names), count (a figure or a special).

Enum values agree when equal or when the claim is less specific; which pairs
are "less specific" is data (`compatible` in plandiff/data/extract/vocab.yaml),
handed in by the caller.
"""

from __future__ import annotations

from typing import Any

from plandiff.hints import did_you_mean_suffix
from plandiff.kinds.base import (
    Detail,
    Kind,
    Problems,
    SpecContext,
    did_you_mean,
    fmt_any,
    is_int,
    is_number,
    num,
    show,
    type_name,
)
from plandiff.kinds.scalar import TEXT_SCHEMA


def _one_of(values: list[str]) -> dict:
    return {"type": "string", "enum": list(values)}


def _as_list(v: Any) -> list:
    return v if isinstance(v, list) else [v]


class Enum(Kind):
    name = "enum"
    chart = "status"

    @classmethod
    def parse(cls, spec: dict, ctx: SpecContext) -> Kind:
        if "vocabulary" in spec:
            vocab = ctx.vocabularies.get(spec["vocabulary"])
            if vocab is None:
                ctx.problems.append(f"{ctx.where}: unknown vocabulary {spec['vocabulary']!r}")
                vocab = {}
            spec["values"] = list(vocab)
        values = spec.get("values")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            ctx.problems.append(f"{ctx.where}: enum needs a non-empty list of string values")
            spec["values"] = []
        elif len(set(values)) != len(values):
            ctx.problems.append(f"{ctx.where}: enum values repeat")
        spec.setdefault("multiple", False)
        return cls(spec)

    @property
    def values(self) -> list[str]:
        return self.spec["values"]

    @property
    def vocabulary(self) -> str:
        return self.spec.get("vocabulary") or ""

    def _one(self, v: Any, at: tuple, out: Problems) -> None:
        if not isinstance(v, str):
            out.append((at, f"expected one of {', '.join(self.values)}; got {type_name(v)}"))
        elif v not in self.values:
            hint = did_you_mean(v, self.values)
            extra = did_you_mean_suffix(hint, show, f" (allowed: {', '.join(self.values)})")
            out.append((at, f"unknown value {show(v)}{extra}"))

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        if isinstance(v, list) and self.spec.get("multiple"):
            if not v:
                out.append((at, "empty list; give at least one value"))
            for i, item in enumerate(v):
                self._one(item, at + (i,), out)
            if len(set(map(str, v))) != len(v):
                out.append((at, "a value is listed twice"))
        else:
            self._one(v, at, out)

    def schema(self) -> dict:
        one = _one_of(self.values)
        if self.spec.get("multiple"):
            return {"anyOf": [one, {"type": "array", "items": one, "minItems": 1, "uniqueItems": True}]}
        return one

    def docs(self) -> str:
        values = ", ".join(f"`{v}`" for v in self.values)
        return f"one of {values}" + (" — or a list of them" if self.spec.get("multiple") else "")

    def _format(self, v: Any) -> str:
        return " + ".join(map(str, v)) if isinstance(v, list) else fmt_any(v)

    def _compare(self, label: str, old: Any, new: Any) -> list[Detail] | None:
        if (
            self.spec.get("multiple")
            and (isinstance(old, list) or isinstance(new, list))
            and sorted(map(str, _as_list(old))) == sorted(map(str, _as_list(new)))
        ):
            return [Detail(f"{label} reordered".strip())]
        return None

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        table = (
            compat.get(key)
            or compat.get(self.vocabulary)
            or compat.get("territory_status" if self.spec.get("multiple") else "", {})
        )
        held_list = _as_list(held)
        return all(c in held_list or any(p in (table.get(c) or ()) for p in held_list) for c in _as_list(claim))

    def columns(self, v: Any) -> dict:
        return {"value_text": v}  # a list stays a list: the export joins it


class Set(Kind):
    name = "set"
    doc = "a list of distinct names (members are compared: +added, −removed)"

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        if not isinstance(v, list):
            out.append((at, f"expected a list; got {type_name(v)}"))
            return
        for i, item in enumerate(v):
            if not isinstance(item, str) or not item.strip():
                out.append((at + (i,), f"set members are non-empty strings; got {type_name(item)}"))
        if len(set(map(str, v))) != len(v):
            out.append((at, "a member is listed twice"))

    def schema(self) -> dict:
        return {"type": "array", "items": TEXT_SCHEMA, "uniqueItems": True}

    def _compare(self, label: str, old: Any, new: Any) -> list[Detail] | None:
        if not (isinstance(old, list) and isinstance(new, list)):
            return None
        parts = [f"+{x}" for x in new if x not in old] + [f"−{x}" for x in old if x not in new]
        text = ", ".join(map(str, parts)) if parts else "reordered"
        return [Detail(f"{label}: {text}" if label else text)]

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        return isinstance(claim, list) and isinstance(held, list) and set(claim) <= set(held)

    def columns(self, v: Any) -> dict:
        return {"value_text": v}  # a list stays a list: the export joins it


class Count(Kind):
    """{<unit>: N, scope: …}, or one of the specials ("no-cap")."""

    name = "count"
    chart = "numeric"

    @classmethod
    def parse(cls, spec: dict, ctx: SpecContext) -> Kind:
        if not isinstance(spec.get("unit"), str):
            ctx.problems.append(f"{ctx.where}: count needs a unit")
        spec.setdefault("scopes", [])
        spec.setdefault("specials", [])
        return cls(spec)

    def unit(self) -> str:
        return self.spec["unit"]

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        unit, spec = self.unit(), self.spec
        if isinstance(v, str):
            if v not in spec["specials"]:
                allowed = ", ".join(spec["specials"]) or "none"
                out.append((at, f"expected a mapping {{{unit}: N, scope: …}} or one of: {allowed}; got {show(v)}"))
            return
        if not isinstance(v, dict):
            out.append((at, f"expected a mapping {{{unit}: N, scope: …}}; got {type_name(v)}"))
            return
        if unit not in v:
            out.append((at, f"missing {show(unit)}"))
        elif not is_int(v[unit]) or v[unit] < 0:
            out.append((at + (unit,), f"{unit} must be a whole number ≥ 0; got {show(v[unit])}"))
        for k in v:
            if k == "scope":
                if v[k] not in spec["scopes"]:
                    out.append((at + (k,), f"unknown scope {show(v[k])} (allowed: {', '.join(spec['scopes'])})"))
            elif k != unit:
                out.append(((at + (k,)), f"unknown field {show(k)} in a count (fields: {unit}, scope)"))

    def schema(self) -> dict:
        unit = self.unit()
        shape = {
            "type": "object",
            "required": [unit],
            "additionalProperties": False,
            "properties": {unit: {"type": "integer", "minimum": 0}, "scope": _one_of(self.spec["scopes"])},
        }
        return {"anyOf": [shape, _one_of(self.spec["specials"])]} if self.spec["specials"] else shape

    def docs(self) -> str:
        scopes = ", ".join(f"`{s}`" for s in self.spec["scopes"])
        text = f"`{{{self.unit()}: N, scope: …}}` with scope {scopes}"
        if self.spec["specials"]:
            text += "; or " + ", ".join(f"`{s}`" for s in self.spec["specials"])
        return text

    def _format(self, v: Any) -> str:
        unit = self.unit()
        if isinstance(v, dict) and isinstance(v.get(unit), int):
            return f"{num(v[unit])} {unit}" + (f" ({v['scope']})" if v.get("scope") else "")
        return fmt_any(v)

    def _compare(self, label: str, old: Any, new: Any) -> list[Detail] | None:
        unit = self.unit()
        if not (isinstance(old, dict) and isinstance(new, dict)):
            return None
        a, b = old.get(unit), new.get(unit)
        out = []
        if a != b and isinstance(a, int) and isinstance(b, int):
            out.append(Detail(label, a, b, delta=b - a, percent=(b - a) / abs(a) * 100 if a else None, unit=unit))
        elif a != b:
            out.append(Detail(label, fmt_any(a), fmt_any(b)))
        if old.get("scope") != new.get("scope"):
            out.append(Detail("scope", old.get("scope") or "unstated", new.get("scope") or "unstated"))
        return out

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        if isinstance(claim, dict) and isinstance(held, dict):
            unit = self.unit()
            return claim.get(unit) == held.get(unit) and (
                "scope" not in claim or "scope" not in held or claim["scope"] == held["scope"]
            )
        return False

    def number(self, v: Any) -> float | None:
        n = v.get(self.unit()) if isinstance(v, dict) else None
        return float(n) if is_number(n) else None

    def columns(self, v: Any) -> dict:
        if isinstance(v, dict):
            return {"value_number": v.get(self.unit()), "value_unit": self.unit(), "value_scope": v.get("scope")}
        return {"value_text": v}
