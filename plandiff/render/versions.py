"""A one-screen overview of the plan versions in a corpus."""
from __future__ import annotations

from plandiff.lineage import lineage_order
from plandiff.model import HELD, Plan
from plandiff.render.style import Style


def render_versions(plans: list[Plan], style: Style) -> str:
    rows = [("version", "date", "status", "text", "points", "held", "disputed", "omitted", "lineage")]
    for p in lineage_order(plans):
        lineage = []
        if p.revises:
            lineage.append(f"revises {p.revises}")
        if p.responds_to:
            lineage.append(f"answers {p.responds_to}")
        provs = p.provisions.values()
        rows.append((p.id, p.date or "?", p.status or "?", "full" if p.full_text else "partial",
                     str(p.point_count or "?"), str(sum(1 for k in p.provisions if p.state(k) == HELD)),
                     str(sum(1 for x in provs if x.disputed)),
                     str(sum(1 for x in provs if x.omitted)), ", ".join(lineage) or "—"))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, r in enumerate(rows):
        line = "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()
        lines.append(style(line, "bold") if n == 0 else line)
    lines.append("")
    lines.append("text: full = a complete text was published (a provision it lacks, it does not hold); "
                 "partial = known only through reports")
    for p in lineage_order(plans):
        lines.append("")
        lines.append(f"{style(p.id, 'bold')}: {p.title}; drafted by {', '.join(p.drafted_by) or 'unknown'}")
    return "\n".join(lines) + "\n"
