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


def paired_evidence(cs, change, width: int = 0) -> list[tuple[str, str]]:
    """(side, citation) for a change: citations both versions share once, as "both"."""
    old = evidence_lines(cs.old, change.old, width)
    new = evidence_lines(cs.new, change.new, width)
    shared = [line for line in old if line in new]
    return ([("both", line) for line in shared] + [("old", line) for line in old if line not in shared]
            + [("new", line) for line in new if line not in shared])


def version_changes(cs) -> list[str]:
    """The version's own fields and sources that differ, one short line each."""
    out = []
    for name, (a, b) in cs.header.items():
        label = name.replace("_", " ")
        if name in ("id", "title", "date"):
            continue  # every report's first lines already show them
        if name == "notes":
            out.append("notes changed")
        elif isinstance(a, list) and isinstance(b, list):
            plus = [x for x in b if x not in a]
            minus = [x for x in a if x not in b]
            if not plus and not minus:
                continue  # only the order moved
            if name == "aliases":
                out.append(f"aliases: {len(plus)} added, {len(minus)} removed")
            else:
                out.append(f"{label}: " + ", ".join([f"+{x}" for x in plus] + [f"−{x}" for x in minus]))
        else:
            out.append(f"{label}: {'none' if a is None else a} → {'none' if b is None else b}")
    if cs.sources_differ:
        before = {s.id: s for s in cs.old.sources}
        after = {s.id: s for s in cs.new.sources}
        added = sum(1 for i in after if i not in before)
        removed = sum(1 for i in before if i not in after)
        edited = sum(1 for i in after if i in before and after[i] != before[i])
        bits = [f"{n} {what}" for n, what in ((added, "added"), (removed, "removed"), (edited, "edited")) if n]
        out.append("sources: " + ", ".join(bits))
    return out


def hidden_updates(cs, show_all: bool) -> str | None:
    """The line that says how many unchanged provisions a report leaves out although their
    evidence, notes or numbering moved; None when there are none or all are shown."""
    quiet = [c for c in cs.changes if c.kind == "unchanged" and c.fields]
    if not quiet or show_all:
        return None
    return f"{len(quiet)} unchanged provision{'s' * (len(quiet) != 1)} with updated evidence, notes or numbering"
