"""Provision cues: which words signal a provision, run over the sentences that can hold them.

Stage three of the engine. Every rule of rules.yaml names the keywords it
`needs`; the keyword scan (keywords.py) says which sentences hold them, and
only there are the rule's trigger patterns run. A trigger hands its words
to the stance stage (stance.py: omitted, changed, negated, a wish, a
rejection) and to the value readers (fields.py). Territory is read per
region: a status phrase (cede, freeze along the line, recognise as de facto
Russian, a demilitarised zone) and the regions named near it.
"""

from __future__ import annotations

import copy
from typing import Any

from plandiff.extract.data import load
from plandiff.extract.keywords import Dispatch
from plandiff.extract.segments import Doc, Raw
from plandiff.extract.values import Rule, build_rules, build_territory

PARKED = "shelved or parked: a disputed omission"


def _parked(raw: Raw, stance) -> None:
    if raw.stance == "parked":
        raw.stance = "omitted"
        raw.confidence *= stance.parked_confidence
        raw.note = PARKED


def _most_specific(found: list[tuple]) -> list[Raw]:
    """Drop a region's status when a status it yields to is said of the same region in the sentence.

    "international legal recognition of Crimea" also reads as a legal (de jure) recognition, and
    "formally recognise Crimea as Russian" also as a de facto one: the more specific status stands.
    """
    said = {(r.key, r.value[0]) for _, r in found if isinstance(r.value, list) and r.value}
    return [
        r
        for st, r in found
        if not (st.yields_to and isinstance(r.value, list) and any((r.key, y) in said for y in st.yields_to))
    ]


class Provisions:
    def __init__(self, compile_, cues: dict, keywords, stance, fields):
        self.stance, self.fields = stance, fields
        self.rules = build_rules(compile_, keywords)
        self.statuses, self.regions, self.region_groups, self.other_regions = build_territory(compile_, keywords)
        self.russia_subject = compile_(cues["russia_subject"], "cues.yaml russia_subject")
        self.russia_object = compile_(cues["russia_object"], "cues.yaml russia_object")
        self.reach = int((cues.get("windows") or {}).get("value_reach", 400))
        # statuses that, said of regions outside the five, make a territory.other_regions claim
        self.other_region_statuses = frozenset(load()["rules"]["territory"].get("other_region_statuses") or ())

    def dispatch(self) -> None:
        """Index rules by keyword (after the keyword regex is compiled)."""
        self.rule_dispatch = Dispatch(self.rules, lambda r: r.needs)
        self.status_dispatch = Dispatch(self.statuses, lambda s: s.needs)

    def run(self, doc: Doc, hits: dict[int, set]) -> list[Raw]:
        raws: list[Raw] = []
        v = doc.v
        for si in sorted(hits):
            if si in doc.attr.foreign:
                continue
            kws = hits[si]
            sent = doc.sents[si]
            if doc.v[sent.end - 1] == "?":
                continue  # a question asserts nothing ("Does the plan bar Ukraine from NATO?")
            for rule in self.rule_dispatch.candidates(kws):
                rx = rule.regex_for(kws)
                if rx is not None:
                    for m in rx.finditer(v, sent.start, sent.end):
                        raws += self.apply(rule, m, doc)
            found: list[tuple] = []
            for st in self.status_dispatch.candidates(kws):
                for m in st.regex.finditer(v, sent.start, sent.end):
                    found += [(st, r) for r in self.territory(st, m, doc)]
            raws += _most_specific(found)
        return raws

    def apply(self, rule: Rule, m, doc: Doc) -> list[Raw]:
        t0, t1 = m.start(), m.end()
        si = doc.si(t0)
        clause = doc.clause(si, t0)
        if self.stance.blocked(doc, si, clause, t0, rule.opinion_ok, t1):
            return []
        stance = self.stance.read(doc, clause, t0, t1, rule.omission, rule.change)
        spans = [(t0, t1)] + self.stance.cue_span(doc, clause, t0, t1, stance)
        raw = Raw(rule, rule.key, spans, None, stance, si, clause, t0, rule.confidence)
        _parked(raw, self.stance)
        done = getattr(self, f"_handle_{rule.handler}")(rule, m, doc, raw)
        if done is not None:
            return done
        if not self.stance.apply_negation(doc, raw, rule, t0):
            return []
        if raw.stance == "omitted":
            raw.value = None
        return [raw] + self.stance.rejections(doc, raw, t0, t1)

    # --- one method per rule handler (rules.yaml `handler:`); a list return is the handler's final word ---

    def _handle_const(self, rule: Rule, m, doc: Doc, raw: Raw) -> list[Raw] | None:
        raw.value = copy.deepcopy(rule.value)
        self.fields.fields(rule, doc, raw, m.start(), m.end())
        return None

    def _handle_enum(self, rule: Rule, m, doc: Doc, raw: Raw) -> list[Raw] | None:
        raw.value = copy.deepcopy(rule.group_values.get(m.lastgroup))
        return None

    def _handle_count(self, rule: Rule, m, doc: Doc, raw: Raw) -> list[Raw] | None:
        return self.fields.count(rule, m, doc, raw) or []

    @staticmethod
    def _after_other_version(doc: Doc, si: int, lo: int, t0: int) -> int:
        """Regions before the trigger are read only after the last version phrase before it, when an
        earlier phrase names another version: in "Where the US text recognises Crimea as Russian, the
        London text leaves territory to talks from the line of contact", Crimea is the US text's."""
        ms = [m for m in doc.attr.by_sentence.get(si) or () if m.explicit and m.version and m.end <= t0]
        if len(ms) < 2:
            return lo
        last = ms[-1]
        if last.start > lo and any(m.version != last.version and m.end <= last.start for m in ms[:-1]):
            return max(lo, last.start)
        return lo

    def territory(self, st, m, doc: Doc) -> list[Raw]:
        """Claims from a status phrase (cede, freeze along the line …) and the regions in its clause."""
        out: list[Raw] = []
        v = doc.v
        t0, t1 = m.start(), m.end()
        si = doc.si(t0)
        clause = doc.clause(si, t0)
        if self.stance.blocked(doc, si, clause, t0, False, t1):
            return out
        stance = self.stance.read(doc, clause, t0, t1)
        seg = doc.segment(clause, t0)
        status = st.status
        nl = self.stance.no_longer(doc, clause, t0) if stance in ("included", "changed") else None
        neg = (
            (self.stance.negation(doc, (max(clause[0], seg[0] - 2), t1), t0) or nl)
            if stance in ("included", "changed")
            else None
        )
        if nl and st.negated:
            # "no longer asks Kyiv to recognise Crimea as Russian": the demand is gone from this
            # version, which says nothing in its place: an omission, not a refusal to recognise
            stance = "omitted"
        elif neg:
            if not st.negated:
                return out  # "does not cede Donbas": no status to claim
            status, stance = st.negated, "included"  # "does not recognise Crimea as Russian": not-recognized
        if (
            st.russia_subject
            and not neg
            and (
                self.russia_subject.search(v[max(clause[0], t0 - 60) : t0])
                or self.russia_object.match(v, t1, min(clause[1], t1 + 40))
            )
        ):
            status = st.russia_subject  # "Russia would withdraw …", "the withdrawal of Russian troops …"
        lo, hi = max(clause[0], t0 - self.reach), min(clause[1], t1 + self.reach)
        if st.regions_after:  # "withdraw from the part of Donetsk …": what follows the verb, to the clause end
            lo, hi = t0, max(min(clause[1], t1 + self.reach), t1)
        found: list[tuple[str, int, int]] = []
        key: str | None
        lo = self._after_other_version(doc, si, lo, t0)
        if not st.always_key:
            for key, rx in self.regions:
                for r in rx.finditer(v, lo, hi):
                    found.append((key, r.start(), r.end()))
            for rx, keys in self.region_groups:
                for r in rx.finditer(v, lo, hi):
                    found += [(k, r.start(), r.end()) for k in keys]
        others = []
        for name, rx in self.other_regions:
            hit = rx.search(v, lo, hi)
            if hit:
                others.append((name, hit.start(), hit.end()))
        extra = self.stance.cue_span(doc, clause, t0, t1, stance) + ([neg] if neg else [])
        conf = 0.85 * (self.stance.parked_confidence if stance == "parked" else 1.0)
        note = PARKED if stance == "parked" else None
        stance = "omitted" if stance == "parked" else stance
        seen = set()
        val: list[Any] | dict[str, Any] | None
        for key, r0, r1 in found:
            if key in seen:
                continue
            seen.add(key)
            val = None if stance == "omitted" else [status]
            out.append(Raw(None, key, [(t0, t1), (r0, r1)] + extra, val, stance, si, clause, t0, conf, note=note))
        if others and status in self.other_region_statuses and not st.always_key:
            val = None if stance == "omitted" else {"status": status, "regions": [o[0] for o in others]}
            out.append(
                Raw(
                    None,
                    "territory.other_regions",
                    [(t0, t1)] + [(o[1], o[2]) for o in others] + extra,
                    val,
                    stance,
                    si,
                    clause,
                    t0,
                    conf * 0.95,
                    note=note,
                )
            )
        key = st.always_key or (st.key if (st.record or not found) else None)
        if key:
            val = dict(st.record) if st.record else [status]
            out.append(
                Raw(
                    None,
                    key,
                    [(t0, t1)] + extra,
                    None if stance == "omitted" else val,
                    stance,
                    si,
                    clause,
                    t0,
                    conf,
                    note=note,
                )
            )
        return out
