"""How a citation reads in a report: the source and the words it rests on."""
from __future__ import annotations

from plandiff.model import Evidence, Plan, Provision


def cite(plan: Plan, ev: Evidence, width: int = 0) -> str:
    src = plan.source(ev.source)
    where = ev.source
    if src is not None and src.url:
        bits = [b for b in (src.outlet, src.date) if b]
        where = f"{ev.source} ({', '.join(bits)})" if bits else ev.source
    text = where
    if ev.quote:
        quote = ev.quote if not width or len(ev.quote) <= width else ev.quote[: width - 1] + "…"
        text += f' "{quote}"'
    if ev.attribution:
        text += f" [attribution {ev.attribution}]"
    return text


def evidence_lines(plan: Plan, prov: Provision | None, width: int = 0) -> list[str]:
    """One line per citation; claims of a disputed provision are numbered."""
    if prov is None:
        return []
    if prov.claims:
        out = []
        for n, claim in enumerate(prov.claims, 1):
            out += [f"claim {n}: {cite(plan, e, width)}" for e in claim.evidence]
        return out
    return [cite(plan, e, width) for e in prov.evidence]
