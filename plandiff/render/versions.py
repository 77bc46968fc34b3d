"""A one-screen overview of the plan versions in a corpus.

One line per version, numbered in lineage order, so that lineage can point
at a row number ("answers 2") instead of repeating a long id; the drafters
are summed up as their side (plandiff.sides) and the titles are left to
`--long`. With sixteen versions the table stays within 120 columns and
twenty lines.
"""

from __future__ import annotations

from plandiff.lineage import lineage_order
from plandiff.model import HELD, Plan
from plandiff.render.style import Style
from plandiff.sides import default_sides

LEGEND = (
    "text: full = a complete text was published, part = known only from reports",
    "in / ⚠ disputed / − omitted: provisions · from: the row whose version this one revises or answers",
)


TIGHT = {7, 8, 9}  # the counts after "pts" sit one space apart, so 18 versions stay within 120 columns


def render_versions(plans: list[Plan], style: Style, long: bool = False) -> str:
    sides = default_sides()
    ordered = lineage_order(plans)
    number = {p.id: str(i) for i, p in enumerate(ordered, 1)}
    rows = [("#", "version", "date", "side", "text", "status", "pts", "in", "⚠", "−", "from")]
    for p in ordered:
        lineage = []
        for word, parent in (("revises", p.revises), ("answers", p.responds_to)):
            if parent:
                lineage.append(f"{word} {number.get(parent, parent)}")
        provs = p.provisions.values()
        rows.append(
            (
                number[p.id],
                p.id,
                p.date or "?",
                sides.label(p.drafted_by),
                "full" if p.full_text else "part",
                p.status or "?",
                str(p.point_count or "?"),
                str(sum(1 for k in p.provisions if p.state(k) == HELD)),
                str(sum(1 for x in provs if x.disputed)),
                str(sum(1 for x in provs if x.omitted)),
                ", ".join(lineage) or "—",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    right = {0, 6, 7, 8, 9}  # numbers line up on the right
    lines = []
    for n, r in enumerate(rows):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        line = "".join((" " if i in TIGHT else "  ") + c if i else c for i, c in enumerate(cells)).rstrip()
        lines.append(style(line, "bold") if n == 0 else line)
    lines += [""] + [style(line, "dim") for line in LEGEND]
    if long:
        for p in ordered:
            lines.append("")
            lines.append(f"{style(p.id, 'bold')}: {p.title}; drafted by {', '.join(p.drafted_by) or 'unknown'}")
    return "\n".join(lines) + "\n"
