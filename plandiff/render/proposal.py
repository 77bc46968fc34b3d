"""The report of `plandiff extract --propose`: each proposed version as a plandiff diff, then the claims by fate.

The model (plandiff.extract.propose.Proposal) does not print itself; this is its renderer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plandiff.render.formats import ReportOptions, render_report
from plandiff.render.style import Style

if TYPE_CHECKING:
    from plandiff.extract.propose import Proposal
    from plandiff.extract.record import Claim


def _where(c: Claim) -> str:
    return f'{c.source}:{c.start}-{c.end} "{c.quote}"'


def render_proposal(proposal: Proposal, style: Style | None = None, fmt: str = "text") -> str:
    from plandiff.diff import diff_plans
    from plandiff.diff.changes import ChangeSet

    style = style or Style(False)
    p = proposal
    out = [
        style("plandiff extract --propose", "bold"),
        f"  {len(p.reproduced)} claim(s) already in the plan files, "
        f"{len(p.applied)} proposed edit(s) in {len(p.proposed)} version(s), "
        f"{len(p.review)} contradiction(s) for review, {len(p.skipped)} claim(s) not applied",
        "",
    ]
    for pid, plan in p.proposed.items():
        cs = diff_plans(p.originals[pid], plan)
        # only what the claims touched, evidence-only updates included (the stock report hides those)
        touched = ChangeSet(cs.old, cs.new, tuple(c for c in cs.changes if c.fields), cs.header, cs.sources_differ)
        out.append(render_report(touched, fmt, ReportOptions(style, show_all=True)))
    sections = [
        (
            "== Proposed from these claims ==",
            [f"  {pid}: {c.provision} {c.stance} — {what}: {_where(c)}" for pid, c, what in p.applied],
        ),
        (
            "== Already in the plan files ==",
            [f'  {pid}: {c.provision} {c.stance}: "{c.quote}"' for pid, c in p.reproduced],
        ),
        (
            "== Contradictions for review (not written into drafts) ==",
            [f"  {pid}: {c.provision} {c.stance} — {why}: {_where(c)}" for pid, c, why in p.review],
        ),
        (
            "== Not applied (for the analyst) ==",
            [f"  {c.plan or '?'}: {c.provision} {c.stance} — {why}: {_where(c)}" for c, why in p.skipped],
        ),
    ]
    for title, lines in sections:
        if lines:
            out += [style(title, "bold"), *lines, ""]
    return "\n".join(out).rstrip("\n") + "\n"
