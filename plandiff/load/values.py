"""Checks a provision's `value` against its taxonomy type.

Works on plain data and reports (relative path, message) pairs, so the same
checks serve YAML files (where the loader turns paths into line:col) and
plans built by `apply` or the extractor.
"""
from __future__ import annotations

import datetime
import re
from typing import Any, Callable

from plandiff.load.yamlsafe import INVALID
from plandiff.taxonomy import DURATION_UNITS, did_you_mean

Problems = list[tuple[tuple, str]]
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")


def show(value: Any, width: int = 60) -> str:
    """repr() cut to a readable length: messages must not echo a megabyte back."""
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE_RE.fullmatch(value):
        return False
    try:
        datetime.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "an integer", float: "a number", str: "a string",
            list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return (isinstance(v, (int, float)) and not isinstance(v, bool)
            and v == v and v not in (float("inf"), float("-inf")))


def _enum_one(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    if not isinstance(v, str):
        out.append((at, f"expected one of {', '.join(spec['values'])}; got {_type_name(v)}"))
    elif v not in spec["values"]:
        hint = did_you_mean(v, spec["values"])
        extra = f"; did you mean {show(hint)}?" if hint else f" (allowed: {', '.join(spec['values'])})"
        out.append((at, f"unknown value {show(v)}{extra}"))


def _enum(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    if isinstance(v, list) and spec.get("multiple"):
        if not v:
            out.append((at, "empty list; give at least one value"))
        for i, item in enumerate(v):
            _enum_one(spec, item, at + (i,), out)
        if len(set(map(str, v))) != len(v):
            out.append((at, "a value is listed twice"))
    else:
        _enum_one(spec, v, at, out)


def _count(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    unit = spec["unit"]
    if isinstance(v, str):
        if v not in spec["specials"]:
            allowed = ", ".join(spec["specials"]) or "none"
            out.append((at, f"expected a mapping {{{unit}: N, scope: …}} or one of: {allowed}; got {show(v)}"))
        return
    if not isinstance(v, dict):
        out.append((at, f"expected a mapping {{{unit}: N, scope: …}}; got {_type_name(v)}"))
        return
    if unit not in v:
        out.append((at, f"missing {show(unit)}"))
    elif not _is_int(v[unit]) or v[unit] < 0:
        out.append((at + (unit,), f"{unit} must be a whole number ≥ 0; got {show(v[unit])}"))
    for k in v:
        if k == "scope":
            if v[k] not in spec["scopes"]:
                out.append((at + (k,), f"unknown scope {show(v[k])} (allowed: {', '.join(spec['scopes'])})"))
        elif k != unit:
            out.append(((at + (k,)), f"unknown field {show(k)} in a count (fields: {unit}, scope)"))


def _set(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    if not isinstance(v, list):
        out.append((at, f"expected a list; got {_type_name(v)}"))
        return
    for i, item in enumerate(v):
        if not isinstance(item, str) or not item.strip():
            out.append((at + (i,), f"set members are non-empty strings; got {_type_name(item)}"))
    if len(set(map(str, v))) != len(v):
        out.append((at, "a member is listed twice"))


def _money(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    if not isinstance(v, dict):
        out.append((at, f"expected {{amount: N, currency: USD}}; got {_type_name(v)}"))
        return
    if not _is_number(v.get("amount")) or v["amount"] < 0:
        out.append((at, "money needs amount: a number ≥ 0"))
    if not isinstance(v.get("currency"), str) or not _CURRENCY_RE.fullmatch(v["currency"]):
        out.append((at, "money needs currency: a three-letter code such as USD or EUR"))
    for k in set(v) - {"amount", "currency"}:
        out.append((at + (k,), f"unknown field {show(k)} in money (fields: amount, currency)"))


def _duration(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    if not isinstance(v, dict):
        out.append((at, f"expected a mapping such as {{years: 15}}; got {_type_name(v)}"))
        return
    units = [u for u in DURATION_UNITS if u in v]
    if len(units) != 1:
        out.append((at, f"a duration has exactly one of {', '.join(DURATION_UNITS)}"))
    for u in units:
        if not _is_number(v[u]) or v[u] < 0:
            out.append((at + (u,), f"{u} must be a number ≥ 0"))
    if "extendable" in v and not isinstance(v["extendable"], bool):
        out.append((at + ("extendable",), "extendable must be true or false"))
    for k in set(v) - set(DURATION_UNITS) - {"extendable"}:
        out.append((at + (k,), f"unknown field {show(k)} in a duration"))


def _record(spec: dict, v: Any, at: tuple, out: Problems) -> None:
    if not isinstance(v, dict):
        out.append((at, f"expected a mapping with fields {', '.join(spec['fields'])}; got {_type_name(v)}"))
        return
    if not v:
        out.append((at, "empty record; leave value out when nothing is known"))
    for k, item in v.items():
        field_spec = spec["fields"].get(k)
        if field_spec is None:
            hint = did_you_mean(k, spec["fields"])
            extra = f"; did you mean {show(hint)}?" if hint else f" (fields: {', '.join(spec['fields'])})"
            out.append((at + (k,), f"unknown field {show(k)}{extra}"))
        else:
            check(field_spec, item, at + (k,), out)


def _simple(test: Callable[[Any], bool], what: str):
    def run(spec: dict, v: Any, at: tuple, out: Problems) -> None:
        if not test(v):
            out.append((at, f"expected {what}; got {_type_name(v)}"))
    return run


_CHECKERS = {
    "enum": _enum,
    "count": _count,
    "set": _set,
    "money": _money,
    "duration": _duration,
    "record": _record,
    "bool": _simple(lambda v: isinstance(v, bool), "true or false"),
    "integer": _simple(_is_int, "an integer"),
    "number": _simple(_is_number, "a number"),
    "text": _simple(lambda v: isinstance(v, str) and bool(v.strip()), "non-empty text"),
    "date": _simple(is_date, "a date YYYY-MM-DD"),
    "any": lambda spec, v, at, out: None,
}


def check(spec: dict, value: Any, at: tuple = (), out: Problems | None = None) -> Problems:
    """Append to `out` every way `value` fails `spec`; return `out`."""
    out = [] if out is None else out
    if value is INVALID:  # already reported where it was read
        return out
    _CHECKERS[spec["type"]](spec, value, at, out)
    return out
