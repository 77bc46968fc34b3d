"""Which version a claim speaks of, once the phrases of an article are resolved (resolve.py).

`Attributor` gives each claim a version: the mention in its own clause
(though a comparison's mention governs only its own words), else its
sentence's governing mention, else that of a list's lead, an interview's
question or a section's heading (structure.py), else of one of the few
sentences before it, else the salient version; `plan: null` only when none
applies. A shared subject ("both foresee …") stands for every version the
sentence named.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from plandiff.extract.data import load
from plandiff.extract.mentions import Phrase
from plandiff.extract.resolve import Resolver

# what joins a version phrase to the comparison that complements it ("a counterproposal to the US plan")
_COMPLEMENT = re.compile(
    r"\s*,?\s*(?:to|of|on|over|against|versus|vs\.?|compared (?:with|to)|instead of|rather than|in place of)"
    r"(?:\s+(?:the|a|an))?\s*"
)
# a comparison ends at a comma, a semicolon or a new verb phrase ("…, and says")
_ENDED = re.compile(r"[,;]|\s(?:and|but|while|whereas)\s")
# …and a shared subject's reach, at a semicolon or a comma before a new clause
_SUBJECT_ENDED = re.compile(r";|,\s+(?:but|while|whereas|yet)\s|,\s+and\s+(?!that\b)")


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    version: str | None
    dependent: bool
    explicit: bool  # named by cues or an alias (not a bare "the plan")
    candidates: tuple = ()
    foreign: bool = False


@functools.cache
def _pattern(name: str) -> re.Pattern | None:
    """A pattern of versions.yaml, compiled once per process rather than once per document."""
    source = load()["versions"].get(name)
    return load()["compile"](source, f"versions.yaml {name}") if source else None


class Attributor:
    """Answers "which version does the claim at this position speak of?" for one document."""

    def __init__(
        self,
        resolver: Resolver | None,
        v: str,
        sents,
        phrases: dict[int, list[Phrase]],
        foreign: set[int],
        ref: dt.date | None,
        structure,
        gov: dict,
        salience: dict,
    ):
        self.v, self.sents = v, sents
        self.foreign = set(foreign)
        self.leads, self.headings = structure.leads, structure.headings
        self.questions: dict[int, int] = getattr(structure, "questions", {})
        self.intros: dict[int, int] = getattr(structure, "intros", {})
        self.heading_lines: set[int] = getattr(structure, "heading_lines", set())
        self.max_sentences = int(gov.get("max_sentences", 3))
        self.max_paragraphs = int(gov.get("max_paragraphs", 1))
        keep = int(salience.get("max_paragraphs", 4))
        self.by_sentence: dict[int, list[Mention]] = {}
        self.salient_at: dict[int, str | None] = {}
        salient, salient_para = None, -99
        versions: set[str] = set()
        version: str | None
        for si in range(len(sents)):
            para = sents[si].paragraph
            if si in self.foreign:
                salient = None
            if salient is not None and para - salient_para > keep and len(versions) > 1:
                salient = None  # an article about one version keeps speaking of it
            self.salient_at[si] = salient
            if si in self.foreign or si not in phrases:
                continue
            out = []
            for ph in phrases[si]:
                if ph.version is not None:
                    version = ph.version
                    if ph.cues is not None and ph.cues.discriminating and resolver is not None:
                        version = resolver.overrule(version, ph.cues, ref)
                    out.append(Mention(ph.start, ph.end, version, ph.dependent, True))
                elif ph.cues is not None and ph.cues.discriminating and resolver is not None:
                    version, cands, foreign_doc = resolver.resolve(ph.cues, ref, salient)
                    out.append(Mention(ph.start, ph.end, version, ph.dependent, True, tuple(cands), foreign_doc))
                else:
                    out.append(Mention(ph.start, ph.end, salient, ph.dependent, False))
            self.by_sentence[si] = out
            named = [m for m in out if m.explicit and m.version and not m.dependent] or [
                m for m in out if m.explicit and m.version
            ]
            if any(m.foreign and not m.dependent for m in out) and not named:
                salient = None
            elif named:
                salient, salient_para = named[0].version, para
                versions.update(m.version for m in out if m.explicit and m.version)
            for m in out:
                if m.explicit and m.version:
                    versions.add(m.version)
        self.document_versions = sorted(versions)
        spec = load()["versions"]
        self.factors = {k: float(x) for k, x in (spec.get("attribution") or {}).items()}
        self.shared_subject = _pattern("shared_subject")
        self.forward_reference = _pattern("forward_reference")
        self.forward_anywhere = _pattern("forward_reference_anywhere")
        self._idx: dict = {}
        self._gov: dict[int, Mention | None] = {}
        self._all_starts: dict[int, list[int]] = {}
        self._ends: dict = {}

    def _index(self, si: int):
        """(mentions that name something, their starts, their ends, first non-dependent) for a sentence."""
        got = self._idx.get(si)
        if got is None:
            ms = [m for m in self.by_sentence.get(si) or () if m.version or m.foreign or m.candidates]
            first_main = next((m for m in ms if not m.dependent), None)
            got = (ms, [m.start for m in ms], [m.end for m in ms], first_main)
            self._idx[si] = got
        return got

    def mention_end_before(self, si: int, pos: int) -> int | None:
        """The end of the last mention (of any kind) that ends at or before pos in sentence si."""
        ms = self.by_sentence.get(si)
        if not ms:
            return None
        ends = self._ends.get(si)
        if ends is None:
            ends = self._ends[si] = [m.end for m in ms]
        i = bisect.bisect_right(ends, pos) - 1
        return ends[i] if i >= 0 else None

    def governing(self, i: int) -> Mention | None:
        if i in self._gov:  # asked once per claim near it: kept, so a long sentence is read once
            return self._gov[i]
        ms = [m for m in self.by_sentence.get(i) or () if m.version or m.foreign or m.candidates]
        got = (
            next((m for m in ms if not m.dependent and m.explicit), None)
            or next((m for m in ms if not m.dependent), None)
            or (ms[0] if ms else None)
        )
        self._gov[i] = got
        return got

    def attribute(self, si: int, pos: int, clause: tuple[int, int]) -> tuple[str | None, float, str, tuple]:
        """(version or None, confidence factor, how it was found, candidates) for a claim at `pos`."""
        if si in self.foreign:
            return None, 0.0, "foreign", ()
        f = self.factors
        ms, starts, ends, first_main = self._index(si)
        cs, ce = clause
        if ms:
            # bisect, not scans: a very long sentence may hold thousands of mentions
            lo = bisect.bisect_left(starts, cs)
            hi = bisect.bisect_left(starts, ce)
            at = bisect.bisect_right(starts, pos)
            if lo < min(at, hi):
                k = min(at, hi) - 1
                if ms[k].dependent:
                    head = self._head_of(si, ms, k, pos)
                    if head is not None:
                        return self._of(head, f["in_clause"] if head.start >= cs else f["in_sentence"], "clause")
                return self._of(ms[k], f["in_clause"], "clause")
            if lo < hi:
                return self._of(ms[lo], f["later_in_clause"], "clause")
            relative = re.match(r"\s*(?:which|that|who)\b", self.v[cs : cs + 12])
            e = bisect.bisect_right(ends, cs)
            if relative and e > 0:  # "the US plan, which barred …"
                return self._of(ms[e - 1], f["relative_clause"], "sentence")
            for k in range(at - 1, max(-1, at - 50), -1):
                if not ms[k].dependent:
                    return self._of(ms[k], f["in_sentence"], "sentence")
            if first_main is not None:
                return self._of(first_main, f["later_in_sentence"], "sentence")
            return self._of(ms[0], f["complement"], "sentence")
        for g in (self.leads.get(si), self.intros.get(si)):
            if g is not None and g not in self.foreign:
                m = self.governing(g)
                if m is not None:
                    return self._of(m, f["list_lead"], "heading")
        paragraph = self.sents[si].paragraph
        question = self.questions.get(si)
        for back in range(1, self.max_sentences + 1):
            j = si - back
            if j < 0 or j in self.foreign:
                break
            if paragraph - self.sents[j].paragraph > self.max_paragraphs:
                break
            if question is not None and j <= question:
                break  # an answer looks back within itself, then to its question
            m = self.governing(j)
            if m is not None:
                same = self.sents[j].paragraph == paragraph
                how = "heading" if self.headings.get(si) == j else ("paragraph" if same else "earlier")
                return self._of(m, f["same_paragraph"] if same else f["previous_paragraph"], how)
        if question is not None and question not in self.foreign:
            m = self.governing(question)
            if m is not None:
                return self._of(m, f["list_lead"], "heading")
        g = self.headings.get(si)
        if g is not None and g not in self.foreign:
            m = self.governing(g)
            if m is not None:
                return self._of(m, f["section_heading"], "heading")
        if j_foreign_between(self, si):
            return None, 0.0, "none", ()
        ahead = self._forward(si)
        if ahead is not None:
            headline = si in self.heading_lines
            return self._of(
                ahead, f["section_heading" if headline else "same_paragraph"], "heading" if headline else "paragraph"
            )
        salient = self.salient_at.get(si)
        if salient is not None:
            return salient, f["only_version"] if len(self.document_versions) == 1 else f["salient"], "salient", ()
        return None, 0.0, "none", ()

    def shared(self, si: int, pos: int, clause: tuple[int, int]) -> list[str]:
        """The versions a shared subject ("both foresee …", "the two texts keep …") before `pos` stands for.

        Only when no version is named between the clause's start and the claim, and the sentence before the
        clause (or else the sentence before) names at least two versions explicitly; otherwise none.
        """
        if self.shared_subject is None or si in self.foreign:
            return []
        cs = clause[0]
        sub = self.shared_subject.search(self.v, cs, pos)
        if sub is None or _SUBJECT_ENDED.search(self.v, sub.end(), pos) is not None:
            return []
        every = self.by_sentence.get(si) or []
        starts = self._starts(si)
        lo, at = bisect.bisect_left(starts, cs), bisect.bisect_left(starts, pos)
        if lo < at:
            return []  # a version named in the clause before the claim speaks for it
        # the few mentions just before the clause (bounded: a long sentence may hold thousands)
        named = [m for m in every[max(0, lo - 8) : lo] if m.explicit and m.version and not m.foreign]
        if not named and si > 0 and self.sents[si - 1].paragraph == self.sents[si].paragraph:
            prev = self.by_sentence.get(si - 1) or []
            named = [m for m in prev[-8:] if m.explicit and m.version and not m.foreign]
        out: list[str] = []
        for m in named:
            if m.version not in out:
                out.append(m.version)  # type: ignore[arg-type]
        return out if len(out) >= 2 else []

    def _forward(self, si: int) -> Mention | None:
        """The version the next sentence of the paragraph names when it refers back to this one (or a headline's).

        "Ukraine would keep 800,000 troops. That is what the European counterproposal says." — only a
        sentence that begins by pointing back ("That is", "This", "Such") and names a version explicitly.
        """
        j = si + 1
        if self.forward_reference is None or j >= len(self.sents) or j in self.foreign:
            return None
        if si in self.heading_lines and self.sents[j].paragraph == self.sents[si].paragraph + 1:
            # a headline that names no version speaks of the one its first sentence names
            m = self.governing(j)
            return m if m is not None and m.explicit and m.version and not m.dependent else None
        if self.sents[j].paragraph != self.sents[si].paragraph:
            return None
        nxt = self.sents[j]
        if self.forward_reference.match(self.v, nxt.start) is None and (
            self.forward_anywhere is None or self.forward_anywhere.search(self.v, nxt.start, nxt.end) is None
        ):
            return None
        m = self.governing(j)
        return m if m is not None and m.explicit and m.version and not m.dependent else None

    def _head_of(self, si: int, ms: list[Mention], k: int, pos: int) -> Mention | None:
        """The version a claim after a comparison's mention `ms[k]` speaks of, when not that one.

        A dependent mention governs only its own words: in "a counterproposal to the US plan caps …" the
        noun phrase's head is the subject; in "… up from 600,000 in the US text, and says …" the comparison
        ended at the comma, and the sentence's own version speaks again.
        """
        m = ms[k]
        every = self.by_sentence.get(si) or []
        b = bisect.bisect_left(self._starts(si), m.start) - 1  # the mention (of any kind) right before it
        if b >= 0 and not every[b].dependent and _COMPLEMENT.fullmatch(self.v, every[b].end, m.start):
            return every[b]  # "a counterproposal to the US plan": the phrase is one noun phrase, its head first
        if _ENDED.search(self.v, m.end, pos) is None:
            return None
        for j in range(k - 1, max(-1, k - 50), -1):
            if not ms[j].dependent:
                return ms[j]
        return None

    def _starts(self, si: int) -> list[int]:
        got = self._all_starts.get(si)
        if got is None:
            got = self._all_starts[si] = [m.start for m in self.by_sentence.get(si) or ()]
        return got

    def _of(self, m: Mention, factor: float, how: str):
        if m.foreign:
            return None, 0.0, "foreign", ()
        if m.version is None:
            return None, 0.0, "unresolved", m.candidates
        return m.version, factor * (1.0 if m.explicit else self.factors["bare_phrase"]), how, ()


def j_foreign_between(attr: Attributor, si: int) -> bool:
    """Whether the last sentence with a mention before `si` is about a foreign document."""
    for j in range(si - 1, max(-1, si - 8), -1):
        ms = attr.by_sentence.get(j)
        if j in attr.foreign:
            return True
        if ms:
            g = attr.governing(j)
            return g is not None and g.foreign
    return False
