"""One article during extraction: its text, view, sentences, clauses and segments.

Stage one of the engine (after text.py has turned a page into text): the
view every pattern runs on, the sentences with their paragraphs, and — on
demand, per sentence — the clauses (cut at semicolons, dashes, brackets,
"which", "but", "while" …) and segments (clauses cut again at commas and
at "and" before a new verb phrase) that bound where values and stance cues
are looked for. Every boundary pattern is data (cues.yaml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plandiff.extract.text import Sentence, sentence_index

if TYPE_CHECKING:
    from plandiff.extract.attribution import Attributor


@dataclass
class Raw:
    """A claim before attribution and clean-up; spans index the document text."""

    rule: Any
    key: str
    spans: list[tuple[int, int]]
    value: Any
    stance: str
    si: int
    clause: tuple[int, int]
    pos: int
    confidence: float = 0.9
    delta: int | None = None
    version: str | None = None  # set when the handler knows it (a comparison's other side)
    note: str | None = None


class Doc:
    attr: Attributor  # set by the engine once versions are resolved
    party_speech: re.Pattern[str]  # set by the engine

    def __init__(self, text: str, v: str, sents: list[Sentence], clause_break, segment_break):
        self.text, self.v, self.sents = text, v, sents
        self.clause_break, self.segment_break = clause_break, segment_break
        self.starts = [s.start for s in sents]
        self._clauses: dict[int, list[tuple[int, int]]] = {}
        self.points: dict[int, str] = {}

    def si(self, pos: int) -> int:
        return sentence_index(self.sents, self.starts, pos)

    def clauses(self, si: int) -> list[tuple[int, int]]:
        if si not in self._clauses:
            s = self.sents[si]
            out, pos = [], s.start
            for m in self.clause_break.finditer(self.v, s.start, s.end):
                if m.start() > pos:
                    out.append((pos, m.start()))
                pos = m.end()
            if pos < s.end:
                out.append((pos, s.end))
            # a relative clause ("which capped the army at 600,000") ends at its first comma
            split = []
            for cs, ce in out:
                if self.v.startswith(("which ", "who "), cs):
                    comma = self.v.find(", ", cs, ce)
                    if comma > 0:
                        split += [(cs, comma), (comma + 2, ce)]
                        continue
                split.append((cs, ce))
            self._clauses[si] = split or [(s.start, s.end)]
        return self._clauses[si]

    def clause(self, si: int, pos: int) -> tuple[int, int]:
        cl = self.clauses(si)
        lo, hi = 0, len(cl)
        while lo < hi:  # clauses are in order: bisect, so a long sentence costs log n per lookup
            mid = (lo + hi) // 2
            if cl[mid][1] <= pos:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(cl) and cl[lo][0] <= pos < cl[lo][1]:
            return cl[lo]
        s = self.sents[si]
        return s.start, s.end

    def segment(self, clause: tuple[int, int], pos: int) -> tuple[int, int]:
        cs, ce = clause
        # only the text near pos matters: a segment longer than this is cut (linear time in long clauses)
        lo = max(cs, pos - 400)
        hi = min(ce, pos + 400)
        start = cs if lo == cs else lo
        for m in self.segment_break.finditer(self.v, lo, hi):
            if m.start() >= pos:
                return start, m.start()
            start = m.end()
        return start, (ce if hi == ce else hi)
