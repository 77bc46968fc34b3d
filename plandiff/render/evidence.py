"""How a citation reads in a report: who published it, when, and the words it rests on.

A reader must be able to cite from the terminal: a source is named by its
outlet and date (never by our internal id alone), its caveats travel with it,
and the Markdown report links the URL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from plandiff.model import Evidence, Plan, Provision, Source

EVIDENCE_MODES = ("one", "full", "none")  # one citation per side (default), all of them, or none


@dataclass(frozen=True)
class Citation:
    """One piece of evidence, resolved against its plan's source list."""

    source_id: str
    outlet: str | None
    date: str | None
    url: str | None
    file: str | None
    caveats: tuple[str, ...]
    quote: str | None
    attribution: str | None
    claim: int | None = None  # the claim of a disputed provision it supports (1-based)

    @property
    def name(self) -> str:
        """The outlet, or the article's id when the text does not show its outlet."""
        if self.outlet:
            return self.outlet
        return f"article {self.source_id}" if self.file else self.source_id

    def where(self) -> str:
        """`Outlet (caveats), date` — the part of a citation that names the report."""
        name = self.name + (f" ({', '.join(self.caveats)})" if self.caveats else "")
        return f"{name}, {self.date}" if self.date else name

    def tail(self, width: int = 0) -> str:
        """` "the quote" [attribution uncertain]` — what follows the report's name."""
        text = ""
        if self.quote:
            q = self.quote if not width or len(self.quote) <= width else self.quote[: width - 1] + "…"
            text += f' "{q}"'
        if self.attribution:
            text += f" [attribution {self.attribution}]"
        return text

    @property
    def prefix(self) -> str:
        return f"claim {self.claim}: " if self.claim else ""

    def text(self, width: int = 0) -> str:
        return self.prefix + self.where() + self.tail(width)


def citation(plan: Plan, ev: Evidence, claim: int | None = None) -> Citation:
    src = plan.source(ev.source) or Source(ev.source)
    return Citation(ev.source, src.outlet, src.date, src.url, src.file, src.caveats, ev.quote, ev.attribution, claim)


def citations(plan: Plan, prov: Provision | None) -> list[Citation]:
    """Every citation of a provision; those of a disputed provision carry their claim number."""
    if prov is None:
        return []
    if prov.claims:
        return [citation(plan, e, n) for n, c in enumerate(prov.claims, 1) for e in c.evidence]
    return [citation(plan, e) for e in prov.evidence]


def cite(plan: Plan, ev: Evidence, width: int = 0) -> str:
    return citation(plan, ev).text(width)


def evidence_lines(plan: Plan, prov: Provision | None, width: int = 0) -> list[str]:
    """One line per citation; claims of a disputed provision are numbered."""
    return [c.text(width) for c in citations(plan, prov)]


def paired_citations(cs, change, mode: str = "one") -> list[tuple[str, Citation]]:
    """(side, citation) for a change — "both" for a citation the two versions share.

    In "one" mode each side shows the citation that best supports its value
    (`best_citation`), or one shared line when it is the same; "full" shows
    all; "none" nothing.
    """
    if mode == "none":
        return []
    old, new = citations(cs.old, change.old), citations(cs.new, change.new)
    if mode == "one":
        old, new = best_citation(cs.old, change.old, old), best_citation(cs.new, change.new, new)
    shared = [c for c in old if c in new]
    return (
        [("both", c) for c in shared]
        + [("old", c) for c in old if c not in shared]
        + [("new", c) for c in new if c not in shared]
    )


def version_changes(cs) -> list[str]:
    """The version's own fields that differ, one short line each, then one line for what
    moved only in our record of it (notes, aliases, sources)."""
    out, record = [], []
    for name, (a, b) in cs.header.items():
        label = name.replace("_", " ")
        if name in ("id", "title", "date", "coverage", "coverage_source"):
            continue  # every report's first lines already show them
        if name == "notes":
            record.append("notes changed")
        elif isinstance(a, list) and isinstance(b, list):
            plus = [x for x in b if x not in a]
            minus = [x for x in a if x not in b]
            if not plus and not minus:
                continue  # only the order moved
            if name == "aliases":
                record.append(f"aliases {len(plus)} added, {len(minus)} removed")
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
        record.append("sources " + ", ".join(bits))
    if record:
        out.append("our record: " + "; ".join(record))
    return out


def best_citation(plan: Plan, prov: Provision | None, cits: list[Citation]) -> list[Citation]:
    """The one citation a short report shows, among those whose attribution is not uncertain when there are
    any: for a value with figures, the first whose quoted words state one ("600,000" for a cap of 600,000),
    else the published full text the version is coded from; otherwise, and failing those, the first.

    A reader checking "600,000 → 800,000" should see the words that say 600,000, not a quote that only
    mentions "curbs on its military"."""
    if not cits:
        return []
    figures = _figures(prov.value) if prov is not None else set()
    sure = [c for c in cits if c.attribution != "uncertain"] or cits
    if figures:
        for c in sure:
            if c.quote and figures & set(_DIGITS.findall(_GROUPED.sub("", c.quote))):
                return [c]
        for c in sure:  # no quote states the figure: the full text does
            if c.source_id == plan.coverage_source:
                return [c]
    return sure[:1]


_GROUPED = re.compile(r"(?<=\d)[,\u202f\u00a0 ](?=\d{3}\b)")  # 600,000 / 600 000 → 600000
_DIGITS = re.compile(r"\d+")


def _figures(value: Any) -> set[str]:
    """The whole numbers of at least two digits in a value, as digit strings (small ones say too little)."""
    out: set[str] = set()
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            stack += v.values()
        elif isinstance(v, list):
            stack += v
        elif isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and abs(v) >= 10:
            out.add(str(int(abs(v))))
    return out
