"""One provision across all versions (history), and all provisions × versions (matrix).

A cell says what one version is known to say about one provision. Its
`presence` is one of the three states every report tells apart (model.HELD,
ABSENT, SILENT); its `state` refines it for display: a held provision has a
value, an unknown value or disputed claims; an absent one was reported
omitted or is missing from a published full text; a silent one was simply not
reported on.
"""

from __future__ import annotations

from dataclasses import dataclass

from plandiff.diff.align import key_order
from plandiff.diff.describe import format_value
from plandiff.lineage import lineage_order
from plandiff.model import ABSENT as KNOWN_ABSENT
from plandiff.model import HELD, SILENT, Plan, Provision
from plandiff.taxonomy import Taxonomy, default_taxonomy

# Display states. Held: VALUE, UNKNOWN, DISPUTED; known absent: OMITTED, ABSENT; silent: UNREPORTED.
VALUE, UNKNOWN, DISPUTED = "value", "unknown", "disputed"
OMITTED, ABSENT = "omitted", "absent"  # reported omitted; missing from a published full text
UNREPORTED = "unreported"
PRESENCE = {VALUE: HELD, UNKNOWN: HELD, DISPUTED: HELD, OMITTED: KNOWN_ABSENT, ABSENT: KNOWN_ABSENT, UNREPORTED: SILENT}
SYMBOL = {ABSENT: "—", OMITTED: "—", UNKNOWN: "?", DISPUTED: "⚠", UNREPORTED: "n/r"}
WORDS = {
    ABSENT: "not in the full text",
    OMITTED: "reported omitted",
    UNKNOWN: "held, value not reported",
    UNREPORTED: "not reported",
}
LEGEND_ENTRIES = (
    "— not in that version (reported omitted, or missing from its published full text)",
    "n/r not reported (the version is known only through reports, and none mentions it)",
    "? held, value not reported",
    "⚠ disputed between reports",
)
LEGEND = " · ".join(LEGEND_ENTRIES)


@dataclass(frozen=True)
class Cell:
    """What one version says about one provision."""

    plan: Plan
    provision: Provision | None
    state: str
    text: str  # the value in words, or what the state means

    @property
    def presence(self) -> str:
        return PRESENCE[self.state]

    @property
    def held(self) -> bool:
        return self.presence == HELD

    @property
    def prov(self) -> Provision:
        """The provision of a cell whose version has it (every state but ABSENT and UNREPORTED)."""
        assert self.provision is not None, self.state
        return self.provision

    @property
    def short(self) -> str:
        """The form a matrix shows: the value, or a symbol explained by LEGEND."""
        if self.state == VALUE:
            return self.text
        if self.state == DISPUTED:
            return f"⚠ {self.text}"
        return SYMBOL[self.state]

    @property
    def words(self) -> str:
        """The cell without symbols, for CSV and screen readers."""
        if self.state == VALUE:
            return self.text
        if self.state == DISPUTED:
            return f"disputed: {self.text}"
        return WORDS[self.state]


def cell(plan: Plan, key: str, taxonomy: Taxonomy | None = None) -> Cell:
    tax = taxonomy or default_taxonomy()
    spec = tax.kind(key)
    p = plan.provisions.get(key)
    presence = plan.state(key)
    if presence == SILENT:
        return Cell(plan, p, UNREPORTED, WORDS[UNREPORTED])
    if p is None:
        return Cell(plan, None, ABSENT, WORDS[ABSENT])
    if p.disputed:
        parts = ["omitted" if c.status == "omitted" else format_value(spec, c.value) for c in p.claims]
        return Cell(plan, p, DISPUTED, " | ".join(parts))
    if p.omitted:
        return Cell(plan, p, OMITTED, WORDS[OMITTED])
    if p.value is None:
        return Cell(plan, p, UNKNOWN, WORDS[UNKNOWN])
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
