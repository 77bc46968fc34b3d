"""One provision across all versions (history), and all provisions × versions (matrix)."""
from __future__ import annotations

from dataclasses import dataclass

from plandiff.diff.align import key_order
from plandiff.diff.describe import format_value
from plandiff.lineage import lineage_order
from plandiff.model import Plan, Provision
from plandiff.taxonomy import Taxonomy, default_taxonomy

ABSENT, OMITTED, UNKNOWN, DISPUTED, VALUE = "absent", "omitted", "unknown", "disputed", "value"
SYMBOL = {ABSENT: "—", OMITTED: "—", UNKNOWN: "?", DISPUTED: "⚠"}


@dataclass(frozen=True)
class Cell:
    """What one version says about one provision."""

    plan: Plan
    provision: Provision | None
    state: str
    text: str  # the short form shown in a matrix or history

    @property
    def short(self) -> str:
        if self.state == VALUE:
            return self.text
        if self.state == DISPUTED:
            return f"⚠ {self.text}"
        return SYMBOL[self.state]


def cell(plan: Plan, key: str, taxonomy: Taxonomy | None = None) -> Cell:
    tax = taxonomy or default_taxonomy()
    ptype = tax.get(key)
    spec = ptype.value if ptype else {"type": "any"}
    p = plan.provisions.get(key)
    if p is None:
        return Cell(plan, None, ABSENT, "not in this version")
    if p.disputed:
        parts = ["dropped" if c.status == "omitted" else format_value(spec, c.value) for c in p.claims]
        return Cell(plan, p, DISPUTED, " | ".join(parts))
    if p.omitted:
        return Cell(plan, p, OMITTED, "reported omitted")
    if p.value is None:
        return Cell(plan, p, UNKNOWN, "mentioned without a value")
    return Cell(plan, p, VALUE, format_value(spec, p.value))


def history(key: str, plans: list[Plan], taxonomy: Taxonomy | None = None) -> list[Cell]:
    """The provision in every version, in lineage and date order."""
    return [cell(p, key, taxonomy) for p in lineage_order(plans)]


@dataclass(frozen=True)
class Matrix:
    plans: list[Plan]
    keys: list[str]
    rows: dict[str, list[Cell]]


def matrix(plans: list[Plan], taxonomy: Taxonomy | None = None) -> Matrix:
    ordered = lineage_order(plans)
    keys = key_order([k for p in ordered for k in p.provisions], taxonomy)
    return Matrix(ordered, keys, {k: [cell(p, k, taxonomy) for p in ordered] for k in keys})
