"""Claims: what an article says a plan version contains, with the exact words it rests on.

`Extractor.extract(text, source)` turns one article into claims
(`plandiff.claims/1`): each names the version (or null), the taxonomy key,
a value valid for that key's type, a stance (included, omitted, rejected,
changed) and the span of the extracted text it rests on, so
`text[start:end] == quote` always holds.
"""
from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from typing import Any

from plandiff.extract.data import load
from plandiff.extract.keywords import Dispatch, Keywords, lower_view
from plandiff.extract.text import Sentence, sentence_index, sentences, view
from plandiff.extract.values import Numbers, Rule, build_rules, build_territory
from plandiff.extract.versions import Attributor, VersionIndex

SCHEMA = "plandiff.claims/1"
STANCES = ("included", "omitted", "rejected", "changed")
_TRIM = " \t\n,;:-–—"


@dataclass
class Claim:
    source: str
    start: int
    end: int
    quote: str
    plan: str | None
    provision: str
    value: Any
    stance: str
    relative_to: str | None
    confidence: float
    candidates: list[str] = field(default_factory=list)
    note: str | None = None

    def to_data(self) -> dict:
        d = {"source": self.source, "start": self.start, "end": self.end, "quote": self.quote,
             "plan": self.plan, "provision": self.provision, "value": self.value, "stance": self.stance,
             "relative_to": self.relative_to, "confidence": self.confidence}
        if self.plan is None and self.candidates:
            d["candidates"] = self.candidates
        if self.note:
            d["note"] = self.note
        return d

    @classmethod
    def from_data(cls, d: dict) -> "Claim":
        return cls(d["source"], d["start"], d["end"], d["quote"], d.get("plan"), d["provision"], d.get("value"),
                   d["stance"], d.get("relative_to"), float(d.get("confidence", 0.5)),
                   list(d.get("candidates") or ()), d.get("note"))


@dataclass
class _Raw:
    """A claim before attribution and clean-up; spans index the document text."""

    rule: Rule | None
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


class _Doc:
    def __init__(self, text: str, v: str, sents: list[Sentence], attr: Attributor, ex: "Extractor"):
        self.text, self.v, self.sents, self.attr, self.ex = text, v, sents, attr, ex
        self.starts = [s.start for s in sents]
        self._clauses: dict[int, list[tuple[int, int]]] = {}

    def si(self, pos: int) -> int:
        return sentence_index(self.sents, self.starts, pos)

    def clauses(self, si: int) -> list[tuple[int, int]]:
        if si not in self._clauses:
            s = self.sents[si]
            out, pos = [], s.start
            for m in self.ex.clause_break.finditer(self.v, s.start, s.end):
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
        for cs, ce in self.clauses(si):
            if cs <= pos < ce:
                return cs, ce
        s = self.sents[si]
        return s.start, s.end

    def segment(self, clause: tuple[int, int], pos: int) -> tuple[int, int]:
        cs, ce = clause
        start = cs
        for m in self.ex.segment_break.finditer(self.v, cs, ce):
            if m.start() >= pos:
                return start, m.start()
            start = m.end()
        return start, ce


class Extractor:
    """Compiled rules and version patterns; `extract()` runs them over one article.

    `aliases` (version → names) and `bases` (version → the version it is
    compared with) normally come from the plan files; `base_values`
    (version → {key: value}) lets "raised the cap by 200,000" become a number.
    """

    def __init__(self, aliases: dict[str, list[str]] | None = None, bases: dict[str, str | None] | None = None,
                 base_values: dict[str, dict[str, Any]] | None = None):
        from plandiff.taxonomy import default_taxonomy

        data = load()
        c = data["compile"]
        cues, vocab = data["cues"], data["vocab"]
        self.keywords = Keywords()
        self.index = VersionIndex(aliases, bases, self.keywords)
        self.rules = build_rules(c, self.keywords)
        self.statuses, self.regions, self.region_groups, self.other_regions = build_territory(c, self.keywords)
        self.keywords.compile()
        self.rule_dispatch = Dispatch(self.rules, lambda r: r.needs)
        self.status_dispatch = Dispatch(self.statuses, lambda s: s.needs)
        self.numbers = Numbers(vocab, c)
        self.clause_break = c(cues["clause_break"], "cues.yaml clause_break")
        self.segment_break = c(cues["segment_break"], "cues.yaml segment_break")
        for name in ("omission_before", "omission_after", "change_before", "change_after", "negation_before",
                     "opinion", "content", "rejection", "rejection_party", "rejection_backref", "current_state",
                     "floor", "not_personnel_after", "russia_subject"):
            setattr(self, name, c(cues[name], f"cues.yaml {name}"))
        self.scopes = [(name, c(p, f"vocab.yaml troop_scopes {name}")) for name, p in vocab["troop_scopes"].items()]
        self.parties = [(name, c(p, f"vocab.yaml parties {name}")) for name, p in vocab["parties"].items()]
        self.russia = c("%RUS%")
        self.tax = default_taxonomy()
        self.base_values = base_values or {}

    # --- the document pass -------------------------------------------------------

    def extract(self, text: str, source: str = "-") -> list[Claim]:
        v = view(text)
        sents = sentences(v)
        if not sents:
            return []
        lv = lower_view(v)  # every pattern below is lower-case and runs on this
        hits = self.keywords.scan(lv, sents)
        attr = Attributor(self.index, lv, sents, self.index.mentions(lv, sents, hits), hits)
        doc = _Doc(text, lv, sents, attr, self)
        v = lv
        raws: list[_Raw] = []
        for si in sorted(hits):
            if si in attr.foreign:
                continue
            kws = hits[si]
            sent = sents[si]
            for rule in self.rule_dispatch.candidates(kws):
                rx = rule.regex_for(kws)
                if rx is not None:
                    for m in rx.finditer(v, sent.start, sent.end):
                        raws += self._apply(rule, m, doc)
            for st in self.status_dispatch.candidates(kws):
                for m in st.regex.finditer(v, sent.start, sent.end):
                    raws += self._territory(st, m, doc)
        return self._finish(raws, doc, source)

    def _blocked(self, doc: _Doc, si: int, clause: tuple[int, int], pos: int, opinion_ok: bool) -> bool:
        if si in doc.attr.foreign:
            return True
        if opinion_ok:
            return False
        prefix = doc.v[clause[0]:pos]
        op = self.opinion.search(prefix)
        if op is None:
            return False
        return self.content.search(prefix, 0, op.end()) is None

    def _stance(self, doc: _Doc, clause: tuple[int, int], t0: int, t1: int, omission: bool = True) -> str:
        v = doc.v
        prefix = v[max(clause[0], t0 - 80):t0]
        suffix = v[t1:clause[1]]
        if omission and (self.omission_before.search(prefix) or self.omission_after.search(suffix)):
            return "omitted"
        seg = doc.segment(clause, t0)  # "cut its army to 600,000 and give up NATO": the cut is not NATO's
        if self.change_before.search(v[max(seg[0], t0 - 80):t0]) or self.change_after.search(v[t1:max(seg[1], t1)]):
            return "changed"
        return "included"

    def _apply(self, rule: Rule, m, doc: _Doc) -> list[_Raw]:
        t0, t1 = m.start(), m.end()
        si = doc.si(t0)
        clause = doc.clause(si, t0)
        if self._blocked(doc, si, clause, t0, rule.opinion_ok):
            return []
        v = doc.v
        stance = self._stance(doc, clause, t0, t1, rule.omission)
        negated = stance == "included" and bool(self.negation_before.search(v[max(clause[0], t0 - 40):t0]))
        spans = [(t0, t1)] + self._cue_span(doc, clause, t0, t1, stance)
        raw = _Raw(rule, rule.key, spans, None, stance, si, clause, t0, rule.confidence)
        if rule.handler == "enum":
            name = m.lastgroup
            raw.value = copy.deepcopy(rule.group_values.get(name))
        elif rule.handler == "count":
            out = self._count(rule, m, doc, raw)
            if out is None:
                return []
            return out
        else:
            raw.value = copy.deepcopy(rule.value)
            self._fields(rule, doc, raw, t0, t1)
        if negated:
            if isinstance(rule.negated, dict) and "value" in rule.negated:
                raw.value = copy.deepcopy(rule.negated["value"])
            else:
                return []
        if raw.stance == "omitted":
            raw.value = None
        return [raw] + self._rejections(doc, raw, t0, t1)

    def _window(self, rule: Rule, doc: _Doc, raw: _Raw, t0: int, t1: int) -> tuple[int, int]:
        s = doc.sents[raw.si]
        if rule.window == "sentence":
            lo, hi = s.start, s.end
        elif rule.window == "segment":
            lo, hi = doc.segment(raw.clause, t0)
        else:
            lo, hi = raw.clause
        if rule.after:
            hi = max(hi, min(s.end, t1 + rule.after))
        return lo, max(hi, t1)

    def _fields(self, rule: Rule, doc: _Doc, raw: _Raw, t0: int, t1: int) -> None:
        if not rule.fields:
            return
        lo, hi = self._window(rule, doc, raw, t0, t1)
        value = raw.value if isinstance(raw.value, dict) else {}
        done: set[str] = set()
        for f in rule.fields:
            if f.name in done and f.kind not in ("set", "parties"):
                continue
            m = f.regex.search(doc.v, lo, hi)
            if m is None:
                continue
            got = self._field_value(f, m, doc, lo, hi)
            if got is None:
                continue
            if f.kind in ("set", "parties"):
                members = value.setdefault(f.name, [])
                for g in (got if f.kind == "parties" else [got]):
                    if g not in members:
                        members.append(g)
            else:
                value[f.name] = got
            done.add(f.name)
            raw.spans.append((m.start(), m.end()))
        if value or isinstance(raw.value, dict):
            raw.value = value

    def _field_value(self, f, m, doc: _Doc, lo: int, hi: int) -> Any:
        if f.kind in ("value", "set"):
            return copy.deepcopy(f.value)
        if f.kind == "number":
            return self.numbers.value(m.group(f.group))
        if f.kind == "party":
            said = m.group(f.group)
            for name, rx in self.parties:
                if rx.fullmatch(said) or rx.match(said):
                    return name
            return None
        if f.kind == "parties":
            out = []
            for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(f.group)):
                part = part.strip()
                for name, rx in self.parties:
                    if rx.fullmatch(part) or rx.fullmatch(re.sub(r"^the\s+", "", part)):
                        if name not in out:
                            out.append(name)
                        break
            return out or None
        if f.kind == "money":
            n = self.numbers.regex.search(doc.v, m.start(), m.end())
            if n is None:
                return None
            amount = self.numbers.value(n.group())
            cur = self.numbers.currency(doc.v[max(lo, n.start() - 4):min(hi, n.end() + 12)])
            if amount is None or cur is None:
                return None
            return {"amount": amount, "currency": cur}
        if f.kind == "duration":
            n = self.numbers.value(m.group("n"))
            unit = m.group("u").lower().rstrip("s") + "s"
            if n is None or unit not in ("days", "months", "years"):
                return None
            out = {unit: n}
            s = doc.sents[doc.si(m.start())]
            if re.search(r"\b(?:extend|extendable|prolong|renew)", doc.v[s.start:s.end]):
                out["extendable"] = True
            return out
        return None

    # --- troop cap ----------------------------------------------------------------

    def _count(self, rule: Rule, m, doc: _Doc, raw: _Raw) -> list[_Raw] | None:
        v, x = doc.v, rule.extra
        t0, t1 = m.start(), m.end()
        unit = x["unit"]
        if m.group("nocap") is not None:
            if raw.stance == "omitted":
                raw.value = None
            else:
                raw.value, raw.stance = "no-cap", "included"
            return [raw]
        if self.negation_before.search(v[max(raw.clause[0], t0 - 40):t0]) and raw.stance == "included":
            return None  # "does not cap the army": not a claim we can type safely
        seg = doc.segment(raw.clause, t0)
        lo, hi = seg[0], max(seg[1], t1)
        if hi < t1 + 12:  # "capped at" + number just past a segment break
            hi = min(raw.clause[1], t1 + 40)
        value = delta = frm = None
        value_at = value_end = -1
        spans = []
        for n in self.numbers.regex.finditer(v, lo, hi):
            before, after = v[max(lo, n.start() - 40):n.start()], v[n.end():n.end() + 30]
            if self.not_personnel_after.match(after) or self.floor.search(before):
                continue
            local = v[max(lo, n.start() - 45):min(hi, n.end() + 25)]
            if self.current_state.search(local):
                continue
            val = self.numbers.value(n.group())
            if not isinstance(val, (int, float)):
                continue
            val = int(round(val))
            if x["relative_by"].search(before):
                if 1000 <= val <= x["max"] and delta is None:
                    lowered = x["lowered"].search(v[max(lo, t0 - 40):n.start()])
                    delta = -val if lowered else val
                    spans.append((n.start(), n.end()))
                continue
            if not (x["min"] <= val <= x["max"]):
                continue
            strong = x["number_before"].search(before) or x["number_after"].match(after)
            if not strong and not (n.start() >= t1 and n.start() - t1 <= 25):
                continue
            if x["relative_from"].search(before) and frm is None:
                frm = val
                spans.append((n.start(), n.end()))
                continue
            # the figure right after "capped at" wins over one inside the trigger ("army of 880,000 …")
            if value is None or (value_at < t1 - 1 <= n.start()):
                if value is not None:
                    spans = [sp for sp in spans if sp[0] != value_at and sp[0] != value_end]
                value, value_at, value_end = val, n.start(), n.end()
                spans.append((n.start(), n.end()))
                au = x["number_after"].match(after)
                if au:
                    spans.append((n.end(), n.end() + au.end()))
        scope = None
        for name, rx in sorted(self.scopes, key=lambda s: {"unqualified": 0, "wartime": 2}.get(s[0], 1)):
            sm = rx.search(v, raw.clause[0], raw.clause[1])
            if sm:
                scope = name
                spans.append((sm.start(), sm.end()))
                break
        raw.spans += spans
        if raw.stance == "omitted":
            raw.value = None
            return [raw] + self._rejections(doc, raw, t0, t1)
        if delta is not None or frm is not None:
            raw.stance = "changed"
        if value is not None:
            raw.value = {unit: value, **({"scope": scope} if scope else {})}
        elif delta is not None:
            raw.delta = delta
            raw.note = f"{'lowered' if delta < 0 else 'raised'} by {abs(delta):,}"
        out = [raw]
        out += self._compared_counts(rule, doc, raw, seg, spans)
        if frm is not None and value is not None:
            other = _Raw(rule, rule.key, [(t0, t1)] + spans, {unit: frm}, "included", raw.si, raw.clause, t0,
                         rule.confidence * 0.9)
            other.version = "@base"
            other.note = "the figure the change starts from"
            out.append(other)
        return out + self._rejections(doc, raw, t0, t1)

    def _compared_counts(self, rule: Rule, doc: _Doc, raw: _Raw, seg: tuple[int, int], used) -> list[_Raw]:
        """"…, up from the 600,000 in the US draft": a claim for the version named beside the other figure."""
        v, x = doc.v, rule.extra
        s = doc.sents[raw.si]
        taken = {a for a, _ in used}
        out = []
        for n in self.numbers.regex.finditer(v, seg[1], s.end):
            if n.start() in taken or not x["compared"].search(v[max(s.start, n.start() - 30):n.start()]):
                continue
            val = self.numbers.value(n.group())
            if not isinstance(val, (int, float)) or not (x["min"] <= val <= x["max"]):
                continue
            if self.not_personnel_after.match(v[n.end():n.end() + 30]):
                continue
            near = [m for m in doc.attr.by_sentence.get(raw.si) or () if abs(m.start - n.end()) <= 30 or
                    abs(n.start() - m.end) <= 30]
            if len(near) != 1:
                continue
            other = _Raw(rule, rule.key, [(n.start(), n.end()), (near[0].start, near[0].end)],
                         {x["unit"]: int(round(val))}, "included", raw.si, raw.clause, n.start(), rule.confidence * 0.85)
            other.version = near[0].version
            out.append(other)
        return out

    # --- territory -----------------------------------------------------------------

    def _territory(self, st, m, doc: _Doc) -> list[_Raw]:
        """Claims from a status phrase (cede, freeze along the line …) and the regions in its clause."""
        out: list[_Raw] = []
        v = doc.v
        t0, t1 = m.start(), m.end()
        si = doc.si(t0)
        clause = doc.clause(si, t0)
        if self._blocked(doc, si, clause, t0, False):
            return out
        stance = self._stance(doc, clause, t0, t1)
        if stance == "included" and self.negation_before.search(v[max(clause[0], t0 - 30):t0]):
            return out
        status = st.status
        seg = doc.segment(clause, t0)
        if st.russia_subject and self.russia_subject.search(v[max(clause[0], t0 - 60):t0]):
            status = st.russia_subject
        lo, hi = clause
        if st.regions_after:  # "withdraw from the part of Donetsk …": what follows the verb
            lo, hi = t0, max(seg[1], t1)
        found: list[tuple[str, int, int]] = []
        if not st.always_key:
            for key, rx in self.regions:
                for r in rx.finditer(v, lo, hi):
                    found.append((key, r.start(), r.end()))
            for rx, keys in self.region_groups:
                for r in rx.finditer(v, lo, hi):
                    found += [(k, r.start(), r.end()) for k in keys]
        others = []
        for name, rx in self.other_regions:
            r = rx.search(v, lo, hi)
            if r:
                others.append((name, r.start(), r.end()))
        extra = self._cue_span(doc, clause, t0, t1, stance)
        seen = set()
        for key, r0, r1 in found:
            if key in seen:
                continue
            seen.add(key)
            val = None if stance == "omitted" else [status]
            out.append(_Raw(None, key, [(t0, t1), (r0, r1)] + extra, val, stance, si, clause, t0, 0.85))
        if others and status in ("russian-withdrawal", "withdrawal") and not st.always_key:
            val = None if stance == "omitted" else {"status": status, "regions": [o[0] for o in others]}
            out.append(_Raw(None, "territory.other_regions", [(t0, t1)] + [(o[1], o[2]) for o in others] + extra,
                            val, stance, si, clause, t0, 0.8))
        key = st.always_key or (st.key if (st.record or not found) else None)
        if key:
            val = dict(st.record) if st.record else [status]
            out.append(_Raw(None, key, [(t0, t1)] + extra, None if stance == "omitted" else val, stance, si,
                            clause, t0, 0.85))
        return out

    def _cue_span(self, doc: _Doc, clause: tuple[int, int], t0: int, t1: int, stance: str) -> list[tuple[int, int]]:
        """The words that made a claim omitted or changed, so the quote shows them."""
        if stance not in ("omitted", "changed"):
            return []
        v = doc.v
        lo = max(clause[0], t0 - 80)
        if stance == "changed":
            lo = max(lo, doc.segment(clause, t0)[0])
        before = (self.omission_before if stance == "omitted" else self.change_before).search(v[lo:t0])
        after = (self.omission_after if stance == "omitted" else self.change_after).search(v[t1:clause[1]])
        spans = []
        if before:
            spans.append((t0 - (lo + before.start()), (lo + before.start(), t0)))
        if after:
            spans.append((after.end(), (t1, t1 + after.end())))
        return [min(spans)[1]] if spans else []

    # --- rejection -------------------------------------------------------------------

    def _rejections(self, doc: _Doc, raw: _Raw, t0: int, t1: int) -> list[_Raw]:
        if raw.stance not in ("included", "changed"):
            return []
        v = doc.v
        s = doc.sents[raw.si]
        prefix = v[raw.clause[0]:t0]
        r = self.rejection.search(prefix)
        if r and self.rejection_party.search(prefix):
            raw.stance = "rejected"
            return []
        r = self.rejection.search(v, t1, s.end)
        if r is None:
            return []
        near = v[max(t1, r.start() - 45):r.start()]
        if not self.rejection_party.search(near):
            return []
        if not (self.rejection_backref.search(v, max(t1, r.start() - 60), r.start())
                or self.rejection_backref.match(v, r.end() + 1, min(s.end, r.end() + 12))):
            return []
        end = r.end()
        back = self.rejection_backref.match(v, r.end() + 1, min(s.end, r.end() + 12))
        if back:
            end = back.end()
        rej = _Raw(raw.rule, raw.key, list(raw.spans) + [(r.start(), end)], copy.deepcopy(raw.value), "rejected",
                   raw.si, raw.clause, raw.pos, raw.confidence * 0.9)
        return [rej]

    # --- clean-up ----------------------------------------------------------------------

    def _finish(self, raws: list[_Raw], doc: _Doc, source: str) -> list[Claim]:
        from plandiff.load.values import check

        text = doc.text
        claims: list[Claim] = []
        for raw in raws:
            ptype = self.tax.get(raw.key)
            if ptype is None:
                continue
            value = raw.value
            if value == {} or value == []:
                value = None
            if value is not None and check(ptype.value, value):
                value = None  # never emit a value the taxonomy would refuse
            plan, factor = doc.attr.attribute(raw.si, raw.pos, raw.clause)
            relative_to = None
            if raw.version not in (None, "@base"):
                plan, factor = raw.version, 0.9
            elif raw.version == "@base":
                base = self.index.bases.get(plan) if plan else None
                if base is None:
                    continue
                plan, relative_to = base, None
            elif raw.stance in ("changed", "omitted") and plan is not None:
                relative_to = self._compared_with(doc, raw, plan) or self.index.bases.get(plan)
            if raw.delta is not None and value is None and relative_to:
                base = (self.base_values.get(relative_to) or {}).get(raw.key)
                if isinstance(base, dict) and isinstance(base.get("personnel"), int):
                    value = {"personnel": base["personnel"] + raw.delta}
            start = min(a for a, _ in raw.spans)
            end = max(b for _, b in raw.spans)
            while start < end and text[start] in _TRIM:
                start += 1
            while end > start and text[end - 1] in _TRIM:
                end -= 1
            conf = raw.confidence * (factor if plan else 0.55) * (0.9 if value is None else 1.0)
            claims.append(Claim(source, start, end, text[start:end], plan, raw.key, value, raw.stance, relative_to,
                                round(min(conf, 0.99), 2),
                                list(doc.attr.document_versions) if plan is None else [], raw.note))
        return _dedupe(claims, doc)

    def _compared_with(self, doc: _Doc, raw: _Raw, plan: str) -> str | None:
        for m in doc.attr.by_sentence.get(raw.si) or ():
            if m.dependent and m.version != plan:
                return m.version
        return None


def _vkey(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _dedupe(claims: list[Claim], doc: _Doc) -> list[Claim]:
    """One claim per (sentence, version, key, stance): the most specific value, the widest span."""
    best: dict[tuple, Claim] = {}
    for c in claims:
        si = doc.si(c.start)
        k = (si, c.plan, c.provision, c.stance)
        have = best.get(k)
        if have is None:
            best[k] = c
            continue
        if have.value is None and c.value is not None:
            best[k] = c
        elif (have.value is None) == (c.value is None) and _vkey(have.value) != _vkey(c.value):
            # two different values in one sentence: keep both (a comparison), keyed apart
            best[k + (_vkey(c.value),)] = c
        elif (have.value is None) == (c.value is None) and c.confidence > have.confidence:
            best[k] = c
    return _drop_less_specific(sorted(best.values(), key=lambda c: (c.start, c.provision, c.stance)), doc)


def _drop_less_specific(claims: list[Claim], doc: _Doc) -> list[Claim]:
    """"… enshrine in its constitution that it will never join NATO": barred-constitutionally, not also barred."""
    from plandiff.extract.propose import consistent
    from plandiff.taxonomy import default_taxonomy

    tax = default_taxonomy()
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.value is not None:
            groups.setdefault((doc.si(c.start), c.plan, c.provision, c.stance), []).append(c)
    drop = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        spec = tax.get(group[0].provision).value
        for a in group:
            for b in group:
                if a is not b and a.value != b.value and consistent(spec, a.provision, a.value, b.value) \
                        and not consistent(spec, a.provision, b.value, a.value):
                    drop.add(id(a))
    return [c for c in claims if id(c) not in drop]


def claims_document(claims: list[Claim]) -> dict:
    return {"schema": SCHEMA, "claims": [c.to_data() for c in claims]}


def render_claims(claims: list[Claim], fmt: str) -> str:
    """The claims as json, yaml or text (jsonl is written line by line by the caller)."""
    if fmt == "json":
        return json.dumps(claims_document(claims), indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        import yaml

        return yaml.safe_dump(claims_document(claims), sort_keys=False, allow_unicode=True, width=100)
    if fmt == "jsonl":
        return "".join(json.dumps(c.to_data(), ensure_ascii=False) + "\n" for c in claims)
    lines = []
    for c in claims:
        value = "" if c.value is None else " " + json.dumps(c.value, ensure_ascii=False)
        rel = f" (vs {c.relative_to})" if c.relative_to else ""
        plan = c.plan or ("? " + "/".join(c.candidates) if c.candidates else "?")
        lines.append(f"{c.source}:{c.start}-{c.end}: {plan}: {c.provision} {c.stance}{rel}{value} [{c.confidence:.2f}]")
        lines.append(f"    \"{c.quote}\"")
    return "\n".join(lines) + ("\n" if lines else "")
