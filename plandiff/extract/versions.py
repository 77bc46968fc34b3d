"""Which plan version a sentence speaks of: mentions, and the mention that governs a claim.

A *mention* is a phrase naming a version ("the 28-point plan", "Europe's
counterproposal", "fewer points than 28"). Mentions come from the plan
files' `aliases` (literal, longest first) and the general patterns in
versions.yaml, combined into one regex so the text is scanned once.

A claim belongs to the mention in its own clause; failing that, to the
sentence's governing mention (its first mention that is not a comparison or
complement: in "Europe's counterproposal to the US plan" that is Europe's);
failing that, to the governing mention of one of the few sentences before it
in the same or the previous paragraph. A sentence about another conflict's
plan (Gaza) stops that search. Otherwise the claim's plan is null.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from plandiff.extract.data import load, trie_regex
from plandiff.extract.keywords import Dispatch, Keywords, satisfied


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    version: str
    dependent: bool  # "unlike the US draft", "a counterproposal to the US plan"


_BOUNDARY = re.compile(r"[\w-]")
# words too common to stand for an alias when choosing which sentences to search for it
_GENERIC = frozenset("the a an of to in on for and plan peace proposal draft framework text version point points "
                     "deal talks statement ceasefire joint document agreement us new".split())


class VersionIndex:
    """Compiled mention patterns for a set of versions.

    Aliases (from the plan files) are literal: they are found with one
    trie regex over the lower-case view, longest first. The general patterns
    of versions.yaml run only in sentences holding the keywords they need.
    """

    def __init__(self, aliases: dict[str, list[str]] | None = None, bases: dict[str, str | None] | None = None,
                 keywords: Keywords | None = None):
        data = load()
        spec = data["versions"]
        compile_ = data["compile"]
        self.keywords = keywords or Keywords()
        ignore = {a.lower() for a in spec.get("ignore_aliases") or ()}
        self.versions = list(spec["versions"])
        self.bases: dict[str, str | None] = {v: (e or {}).get("base") for v, e in spec["versions"].items()}
        if bases:
            self.bases.update(bases)
        self.alias_version: dict[str, str] = {}
        for v, names in (aliases or {}).items():
            if v not in self.versions:
                self.versions.append(v)
            for a in names:
                low = " ".join(a.lower().replace("\u2019", "'").split())
                if low in ignore or not low:
                    continue
                for variant in {low, low.replace("-", " "), low.replace(" ", "-")}:
                    self.alias_version.setdefault(variant, v)
        self.alias_regex = re.compile(trie_regex(sorted(self.alias_version))) if self.alias_version else None
        # aliases are looked for only in sentences holding one of their longer words
        words = set()
        for a in self.alias_version:
            parts = [w for w in re.split(r"[^\w']+", a) if w]
            specific = [w for w in parts if w not in _GENERIC]
            words.add(max(specific or parts, key=len))
        self.alias_needs = self.keywords.needs(["|".join(sorted(words))]) if words else ()
        self.patterns: list[tuple[re.Pattern, str, tuple]] = []
        for v, entry in spec["versions"].items():
            for i, p in enumerate((entry or {}).get("patterns") or ()):
                where = f"versions.yaml {v} patterns[{i}]"
                if isinstance(p, str):
                    p = {"pattern": p}
                self.patterns.append((compile_(p["pattern"], where), v, self.keywords.needs(p.get("needs"))))
        self.dispatch = Dispatch(self.patterns, lambda p: p[2])
        self.foreign = compile_.any_of(spec.get("foreign_contexts") or [r"(?!x)x"], "versions.yaml foreign_contexts")
        self.foreign_needs = self.keywords.needs(spec.get("foreign_contexts_needs"))
        self.dependent = compile_(spec["dependent_before"], "versions.yaml dependent_before")
        gov = spec.get("governing") or {}
        self.max_sentences = int(gov.get("max_sentences", 3))
        self.max_paragraphs = int(gov.get("max_paragraphs", 1))

    def mentions(self, lv: str, sents, hits: dict[int, set]) -> list[Mention]:
        v = lv
        found: list[tuple[int, int, str]] = []
        for si, kws in hits.items():
            sent = sents[si]
            if self.alias_regex is not None and satisfied(self.alias_needs, kws):
                for m in self.alias_regex.finditer(lv, sent.start, sent.end):
                    s, e = m.start(), m.end()
                    if (s and _BOUNDARY.match(lv, s - 1)) or _BOUNDARY.match(lv, e):
                        continue
                    found.append((s, e, self.alias_version[m.group()]))
            for rx, version, needs in self.dispatch.candidates(kws):
                for m in rx.finditer(v, sent.start, sent.end):
                    if m.end() > m.start():
                        found.append((m.start(), m.end(), version))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[Mention] = []
        dep = self.dependent
        last_end = -1
        for s, e, version in found:
            if s < last_end:
                continue
            out.append(Mention(s, e, version, bool(dep.search(v[max(0, s - 30):s]))))
            last_end = e
        return out

    def is_foreign(self, v: str, sent, kws: set) -> bool:
        return satisfied(self.foreign_needs, kws) and self.foreign.search(v, sent.start, sent.end) is not None


class Attributor:
    """Answers "which version does the claim at this position speak of?" for one document."""

    def __init__(self, index: VersionIndex, v: str, sents, mentions: list[Mention], hits: dict[int, set]):
        import bisect

        self.index = index
        self.v = v
        self.sents = sents
        self.foreign: set[int] = {i for i, kws in hits.items() if index.is_foreign(v, sents[i], kws)}
        self.by_sentence: dict[int, list[Mention]] = {}
        starts = [s.start for s in sents]
        for m in mentions:
            i = max(0, bisect.bisect_right(starts, m.start) - 1)
            if i not in self.foreign:
                self.by_sentence.setdefault(i, []).append(m)
        self.document_versions = sorted({m.version for ms in self.by_sentence.values() for m in ms})

    def governing(self, i: int) -> Mention | None:
        ms = self.by_sentence.get(i)
        if not ms:
            return None
        for m in ms:
            if not m.dependent:
                return m
        return ms[0]

    def attribute(self, si: int, pos: int, clause: tuple[int, int]) -> tuple[str | None, float]:
        """(version or None, confidence factor) for a claim at `pos` in sentence `si`."""
        if si in self.foreign:
            return None, 0.0
        ms = self.by_sentence.get(si) or []
        cs, ce = clause
        if ms:
            inside = [m for m in ms if cs <= m.start < ce]
            before = [m for m in inside if m.start <= pos]
            if before:
                return before[-1].version, 1.0
            if inside:
                return inside[0].version, 0.95
            relative = re.match(r"\s*(?:which|that|who)\b", self.v[cs:cs + 12], re.I)
            earlier = [m for m in ms if m.end <= cs]
            if relative and earlier:  # "the US plan, which barred …"
                return earlier[-1].version, 0.9
            main = [m for m in ms if not m.dependent]
            prior = [m for m in main if m.start <= pos]
            if prior:
                return prior[-1].version, 0.9
            if main:
                return main[0].version, 0.85
            return ms[0].version, 0.75
        paragraph = self.sents[si].paragraph
        for back in range(1, self.index.max_sentences + 1):
            j = si - back
            if j < 0 or j in self.foreign:
                return None, 0.0
            if paragraph - self.sents[j].paragraph > self.index.max_paragraphs:
                return None, 0.0
            g = self.governing(j)
            if g is not None:
                return g.version, (0.8 if self.sents[j].paragraph == paragraph else 0.7)
        return None, 0.0
