"""Back-references: a value clause whose object is a pronoun or a shell noun takes its provision
from the one provision noun named just before it.

Runs after the provision cues (provisions.py). The shared keyword scan says which sentences name a
provision noun and which can hold an anaphor (`*_needs` in `data/extract/anaphora.yaml`); each pattern
then reads only the sentences at and just after a noun that can hold its anaphor. "Ukraine's armed forces … the E3 edit caps them at 800,000",
"the amnesty clause …; it was struck": the anaphor ("caps them at", "it was struck", "the figure
rises to") is found first; the provision nouns (`antecedents`) named before it in its sentence or
in the previous one (an answer: in its question) are then read, at most `reach` characters back,
so each anaphor costs a bounded window and the pass stays linear in the text. Only when exactly
one provision of a compatible value type (a count for a figure; any for a struck clause) was named
there is a claim made, through the same stance, value and negation readers as a provision cue;
two candidates, or none, give nothing. A clause a provision cue already claimed is left alone.
"""

from __future__ import annotations

from typing import Any

from plandiff.extract.keywords import satisfied
from plandiff.extract.segments import Doc, Raw


class _At:
    """The anaphor's span, standing in for a trigger match (the count reader asks for no `nocap`)."""

    def __init__(self, start: int, end: int):
        self._s, self._e = start, end

    def start(self) -> int:
        return self._s

    def end(self) -> int:
        return self._e

    def group(self, _name: str) -> None:
        return None


class Anaphora:
    def __init__(self, compile_, data: dict, rules, stance, fields, tax, keywords, number_words: dict):
        self.stance, self.fields = stance, fields
        self.reach = int(data.get("reach", 600))
        self.nouns = [(k, compile_(p, f"anaphora.yaml antecedents {k}")) for k, p in data["antecedents"].items()]
        # which sentences the patterns read, from the one keyword scan every stage shares
        self.antecedent_needs = keywords.needs(data["antecedent_needs"])
        self.omitted_needs = keywords.needs(data["omitted_needs"])
        parts = ("units", "tens", "scales", "fractions")
        figures = [str(d) for d in range(10)] + [w for part in parts for w in number_words[part]]
        self.count_needs = keywords.needs(["|".join(figures)])
        self.count = [compile_(p, "anaphora.yaml count") for p in data["count"]]
        self.answer_count = compile_(data["answer_count"], "anaphora.yaml answer_count")
        self.omitted = compile_.any_of(data["omitted"], "anaphora.yaml omitted")
        self.rules = {r.key: r for r in rules}
        self.count_keys = frozenset(k for k, _ in self.nouns if k in self.rules and self.rules[k].handler == "count")
        self.tax = tax

    def run(self, doc: Doc, raws: list[Raw], hits: dict[int, set[str]]) -> list[Raw]:
        claimed = {(r.key, r.clause) for r in raws}
        out: list[Raw] = []
        v = doc.v
        # an anaphor takes its provision from its own sentence or the one before: only sentences at or
        # after a provision noun can hold one, so the anaphor patterns read those sentences alone
        near: set[int] = set()
        for si, kws in hits.items():
            if satisfied(self.antecedent_needs, kws):
                near.update(i for i in (si, si + 1) if i < len(doc.sents))
        # an answer's sentences may also take their provision from the question they answer
        answers = doc.attr.questions
        near.update(si for si, q in answers.items() if satisfied(self.antecedent_needs, hits.get(q, set())))
        for si in sorted(near):
            s, kws = doc.sents[si], hits.get(si, set())
            if satisfied(self.count_needs, kws):
                for rx in self.count:
                    for m in rx.finditer(v, s.start, s.end):
                        out += self._one(doc, m, self.count_keys, "count", claimed)
            if satisfied(self.omitted_needs, kws):
                for m in self.omitted.finditer(v, s.start, s.end):
                    out += self._one(doc, m, None, "omitted", claimed)
        for si, q in doc.attr.questions.items():
            s = doc.sents[si]
            m = self.answer_count.match(v, s.start, s.end)
            if m is not None:
                out += self._one(doc, m, self.count_keys, "count", claimed, question=q)
        return out

    def antecedent(self, doc: Doc, si: int, t0: int, keys, question: int | None = None) -> str | None:
        """The one provision (among `keys`, or any) named before `t0` in this sentence or the previous one."""
        if question is not None:
            q = doc.sents[question]
            windows = [(max(q.start, q.end - self.reach), q.end)]
        else:
            lo = doc.sents[si - 1].start if si > 0 else doc.sents[si].start
            windows = [(max(lo, t0 - self.reach), t0)]
            asked = doc.attr.questions.get(si)
            if asked is not None and asked < si - 1:  # an answer's later sentence: its question too
                q = doc.sents[asked]
                windows.append((max(q.start, q.end - self.reach), q.end))
        found = set()
        for lo, hi in windows:
            for key, rx in self.nouns:
                if (keys is None or key in keys) and rx.search(doc.v, lo, hi):
                    found.add(key)
        return found.pop() if len(found) == 1 else None

    def _one(self, doc: Doc, m, keys, kind: str, claimed: set, question: int | None = None) -> list:
        # the stance and the value are read at the object ("raises [that ceiling] to"), the quote is all of it
        t0, t1 = m.span("obj") if "obj" in m.re.groupindex else m.span()
        quoted = (m.end("mark") if "mark" in m.re.groupindex and m.group("mark") else m.start(), m.end())
        si = doc.si(t0)
        if si in doc.attr.foreign or doc.v[doc.sents[si].end - 1] == "?":
            return []
        clause = doc.clause(si, t0)
        key = self.antecedent(doc, si, t0, keys, question)
        if key is None or (key, clause) in claimed or self.tax.get(key) is None:
            return []
        rule: Any = self.rules.get(key)
        if self.stance.blocked(doc, si, clause, t0, bool(rule and rule.opinion_ok), t1):
            return []
        if kind == "omitted":
            if self.stance.negation(doc, clause, t0):
                return []  # "it was not dropped"
            raw = Raw(rule, key, [quoted], None, "omitted", si, clause, t0, 0.8)
            claimed.add((key, clause))
            return [raw]
        stance = self.stance.read(doc, clause, t0, t1, rule.omission, rule.change)
        if stance not in ("included", "changed"):
            return []
        spans = [quoted] + self.stance.cue_span(doc, clause, t0, t1, stance)
        raw = Raw(rule, key, spans, None, stance, si, clause, t0, 0.8)
        got = self.fields.count(rule, _At(t0, t1), doc, raw)
        got = [r for r in got or () if r.value is not None or r.delta is not None]
        if got:
            claimed.add((key, clause))
        return got
