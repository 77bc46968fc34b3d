"""The extractor: one article in, claims out, through the stages in order.

    text and segmentation (text.py, segments.py, structure.py)
      → version mentions, resolution and attribution (mentions.py, resolve.py, attribution.py, dates.py)
      → provision cues (provisions.py; back-references, anaphora.py)
      → values (fields.py, values.py)
      → stance (stance.py)
      → claims (claims.py; the record in record.py)

Everything is compiled once per process from the data files and the plan
files' metadata (`plan_context`); `extract()` then costs one keyword scan
and the few patterns that scan allows, so time stays linear in the length
of an article and of a sentence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from plandiff.extract.anaphora import Anaphora
from plandiff.extract.attribution import Attributor
from plandiff.extract.claims import finish
from plandiff.extract.data import load
from plandiff.extract.dates import article_date
from plandiff.extract.fields import FieldReader
from plandiff.extract.keywords import Keywords, lower_view
from plandiff.extract.mentions import MentionFinder
from plandiff.extract.provisions import Provisions
from plandiff.extract.record import Claim
from plandiff.extract.resolve import Resolver, profiles_from
from plandiff.extract.segments import Doc, Raw
from plandiff.extract.stance import Stance
from plandiff.extract.structure import analyse
from plandiff.extract.text import sentences, view
from plandiff.extract.values import Numbers


class Extractor:
    """Compiled rules and version knowledge; `extract()` runs them over one article.

    `aliases` (version → names) and `bases` (version → the version it is
    compared with) normally come from the plan files, as does `meta`
    (version → its header: point_count, drafted_by, place, date, status,
    title, revises, responds_to); `base_values` (version → {key: value})
    lets "raised the cap by 200,000" become a number.
    """

    _ctx: dict[str, Any] | None  # the plan context it was built from (stream.py), when set

    def __init__(
        self,
        aliases: dict[str, list[str]] | None = None,
        bases: dict[str, str | None] | None = None,
        base_values: dict[str, dict[str, Any]] | None = None,
        meta: dict[str, dict] | None = None,
    ):
        from plandiff.taxonomy import default_taxonomy

        data = load()
        c = data["compile"]
        cues, vocab, spec = data["cues"], data["vocab"], data["versions"]
        self.keywords = Keywords()
        self.numbers = Numbers(vocab, c)
        self.mentions = MentionFinder(aliases, self.keywords)
        self.mentions.numbers = self.numbers
        meta = dict(meta or {})
        for v in aliases or {}:
            assert aliases is not None  # the loop runs only over aliases
            meta.setdefault(v, {"aliases": list(aliases[v])})
        self.resolver = Resolver(profiles_from(meta, self.mentions)) if meta else None
        if self.resolver is not None:
            # a name counts only if it sets a version or two apart ("Telegraph", "Witkoff", "prosperity")
            seen: dict[str, int] = {}
            for p in self.resolver.profiles.values():
                for w in p.names:
                    seen[w] = seen.get(w, 0) + 1
            self.mentions.names = {
                w for w, n in seen.items() if n <= 2 and not self.mentions.head.fullmatch(w) and len(w) > 3
            }
        self.bases: dict[str, str | None] = {v: (m.get("revises") or m.get("responds_to")) for v, m in meta.items()}
        self.bases.update(bases or {})
        self.stance = Stance(c, cues)
        self.fields = FieldReader(c, cues, vocab, self.numbers, self.stance)
        self.provisions = Provisions(c, cues, self.keywords, self.stance, self.fields)
        self.rules = self.provisions.rules
        self.tax = default_taxonomy()
        self.anaphora = Anaphora(
            c, data["anaphora"], self.rules, self.stance, self.fields, self.tax, self.keywords, vocab["number_words"]
        )
        self.foreign = c.any_of(spec.get("foreign_contexts") or [r"(?!x)x"], "versions.yaml foreign_contexts")
        self.foreign_needs = self.keywords.needs(spec.get("foreign_contexts_needs"))
        self.keywords.compile()
        self.provisions.dispatch()
        self.clause_break = c(cues["clause_break"], "cues.yaml clause_break")
        self.party_speech = c(cues["party_speech"], "cues.yaml party_speech")
        self.segment_break = c(cues["segment_break"], "cues.yaml segment_break")
        self.governing = spec.get("governing") or {}
        self.salience = spec.get("salience") or {}
        self.base_values = base_values or {}

    def extract(self, text: str, source: str = "-", date: dt.date | None = None) -> list[Claim]:
        from plandiff.extract.keywords import satisfied

        v = view(text)
        sents = sentences(v)
        if not sents:
            return []
        lv = lower_view(v)  # every pattern is lower-case and runs on this
        hits = self.keywords.scan(lv, sents)
        foreign = {
            i
            for i, kws in hits.items()
            if satisfied(self.foreign_needs, kws) and self.foreign.search(lv, sents[i].start, sents[i].end)
        }
        structure = analyse(v, sents)
        phrases = self.mentions.find(lv, sents, hits, v)
        ref = article_date(text, date)
        doc = Doc(text, lv, sents, self.clause_break, self.segment_break)
        doc.attr = Attributor(self.resolver, lv, sents, phrases, foreign, ref, structure, self.governing, self.salience)
        doc.points = structure.points
        doc.party_speech = self.party_speech
        raws = self.provisions.run(doc, hits)
        raws = _shared(doc, raws + self.anaphora.run(doc, raws, hits))
        return finish(raws, doc, source, self.tax, self.bases, self.base_values)


def _shared(doc: Doc, raws: list[Raw]) -> list[Raw]:
    """A claim whose subject stands for several versions ("both foresee …") once for each of them."""
    out = []
    for raw in raws:
        versions = doc.attr.shared(raw.si, raw.pos, raw.clause) if raw.version is None else []
        if versions:
            out += [replace(raw, version=v) for v in versions]
        else:
            out.append(raw)
    return out
