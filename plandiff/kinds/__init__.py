"""The value kinds of the taxonomy, one class each, in one explicit registry.

A provision's `value` has a kind (count, enum, set, record, money, …) named
in plandiff/data/taxonomy.yaml. Everything the pipeline knows about a kind —
checking, JSON Schema, docs, formatting, comparing, agreeing claims, chart
numbers, export columns — is a method of its class, so a new kind is one
class here and one row in tests/load/test_kinds.py. `KINDS` is the registry;
`parse_kind` builds a kind from a raw taxonomy spec, `kind_of` from a
normalised one (for callers that hold only the spec dict).
"""

from __future__ import annotations

from typing import Any

from plandiff.kinds.base import ANY, Kind, SpecContext, did_you_mean
from plandiff.kinds.choice import Count, Enum, Set
from plandiff.kinds.detail import Detail
from plandiff.kinds.measure import DURATION_UNITS, Duration, Money
from plandiff.kinds.record import Record
from plandiff.kinds.scalar import Bool, Date, Integer, Number, Text, Year

KINDS: dict[str, type[Kind]] = {
    cls.name: cls for cls in (Count, Enum, Set, Bool, Integer, Number, Text, Date, Year, Money, Duration, Record)
}
VALUE_KINDS = tuple(KINDS)  # the kinds a taxonomy may name ("any" is only for custom keys)
_BUILT: dict[int, tuple[dict, Kind]] = {}  # id(spec) → (spec, kind): a spec dict is parsed once


def parse_kind(spec: Any, ctx: SpecContext) -> Kind:
    """The kind a taxonomy spec names, its spec normalised; problems go to `ctx.problems`."""
    if not isinstance(spec, dict) or spec.get("type") not in KINDS:
        ctx.problems.append(f"{ctx.where}: value type must be a mapping with type one of {', '.join(VALUE_KINDS)}")
        return _remember(Text({"type": "text"}))
    return _remember(KINDS[spec["type"]].parse(dict(spec), ctx))


def _remember(kind: Kind) -> Kind:
    _BUILT[id(kind.spec)] = (kind.spec, kind)
    for f in kind.fields.values():
        _remember(f)
    return kind


def kind_of(spec: Kind | dict | None) -> Kind:
    """The kind of a normalised spec (or the kind itself); None and {"type": "any"} are "any"."""
    if isinstance(spec, Kind):
        return spec
    if spec is None or spec.get("type", "any") == "any":
        return ANY
    known = _BUILT.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    kind = parse_kind(spec, SpecContext({}, "(spec)"))
    _BUILT[id(spec)] = (spec, kind)
    return kind


Record.parse_field = staticmethod(parse_kind)

__all__ = [
    "KINDS",
    "VALUE_KINDS",
    "ANY",
    "Kind",
    "Detail",
    "SpecContext",
    "DURATION_UNITS",
    "parse_kind",
    "kind_of",
    "did_you_mean",
]
