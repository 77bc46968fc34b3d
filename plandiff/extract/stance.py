"""Stance and negation: what the words around a provision trigger say about it.

A stage of its own, run on every trigger the provision rules find. It reads
the scope of the cues in cues.yaml within the trigger's clause (change
verbs within its segment):

* `omitted` — "omitted / dropped / removed / struck out / deleted / no longer
  includes …", or after the trigger "… was dropped";
* `parked` cues ("shelved", "parked", "set aside", "put on hold") make a
  claim `omitted` with lower confidence and a note: a disputed omission;
* `changed` — "raised / lowered / softened / replaced with …";
* a negation ("does not", "no", "without", "no longer requires") either
  turns the value into the rule's negated value ("does not bar Ukraine from
  NATO" → not-barred; "no longer requires Kyiv to renounce NATO" →
  not-barred, changed) or drops the claim when the rule has none;
* no claim at all when the clause is a party's wish, demand or opinion,
  unless the plan is the subject ("under the plan, Ukraine must …");
* `rejected` when a party rejects the provision ("conditions Kyiv has long
  rejected").

The cue words that set the stance are added to the claim's spans, so the
quote always carries "no longer", "dropped" or "does not".
"""

from __future__ import annotations

import copy
import re

from plandiff.extract.segments import Doc, Raw

CUES = (
    "opinion_inside",
    "pronoun_subject",
    "omission_before",
    "omission_after",
    "parked_before",
    "parked_after",
    "change_before",
    "change_after",
    "negation_before",
    "no_longer_before",
    "no_longer_cap",
    "opinion",
    "content",
    "rejection",
    "rejection_party",
    "rejection_backref",
)


class Stance:
    # compiled cue patterns, set from CUES in __init__
    opinion_inside: re.Pattern[str]
    pronoun_subject: re.Pattern[str]
    omission_before: re.Pattern[str]
    omission_after: re.Pattern[str]
    parked_before: re.Pattern[str]
    parked_after: re.Pattern[str]
    change_before: re.Pattern[str]
    change_after: re.Pattern[str]
    negation_before: re.Pattern[str]
    no_longer_before: re.Pattern[str]
    no_longer_cap: re.Pattern[str]
    opinion: re.Pattern[str]
    content: re.Pattern[str]
    rejection: re.Pattern[str]
    rejection_party: re.Pattern[str]
    rejection_backref: re.Pattern[str]

    def __init__(self, compile_, cues: dict):
        for name in CUES:
            setattr(self, name, compile_(cues[name], f"cues.yaml {name}"))
        w = cues.get("windows") or {}
        self.before = int(w.get("stance_before", 80))
        self.negation_reach = int(w.get("negation_before", 40))
        self.parked_confidence = float(cues.get("parked_confidence", 0.6))

    def blocked(
        self, doc: Doc, si: int, clause: tuple[int, int], pos: int, opinion_ok: bool, end: int | None = None
    ) -> bool:
        """A wish, demand or opinion (or a sentence about another conflict): no claim.

        `end` is where the trigger ends: a prescription inside it ("… said sanctions should be
        lifted") is as much an opinion as one before it.
        """
        if si in doc.attr.foreign:
            return True
        if opinion_ok:
            return False
        lo = max(clause[0], pos - 300)
        prefix = doc.v[lo:pos]
        op = self.opinion.search(prefix)
        if op is None and end is not None and end > pos:
            inside = self.opinion_inside.search(doc.v, pos, end)
            if inside is not None:
                prefix = doc.v[lo : inside.end()]
                op = self.opinion_inside.search(prefix, pos - lo)
        if op is None:
            return False
        if self.content.search(prefix, 0, op.end()) is not None:
            return False
        if self._pronoun_for_plan(doc, si, prefix[: op.start()]):
            return False
        # the plan is the subject when it introduces the clause: a list under "The 28-point plan would:",
        # a "Point 4:" item, or a headline "Russia's memorandum: Ukraine must …"
        if si in doc.attr.leads or si in doc.points:
            return False
        end = doc.attr.mention_end_before(si, clause[0])
        return not (end is not None and doc.v[end : clause[0]].strip() == ":")

    def _pronoun_for_plan(self, doc: Doc, si: int, before: str) -> bool:
        """ "The Russian memorandum … . It also demands that …": "it" right after a sentence that named a
        version is that version, so its demand is the text's content, not a party's wish."""
        if self.pronoun_subject.search(before) is None or si == 0:
            return False
        if doc.sents[si - 1].paragraph != doc.sents[si].paragraph:
            return False
        m = doc.attr.governing(si - 1)
        return m is not None and m.explicit and m.version is not None and not m.dependent

    def _start(self, doc: Doc, clause: tuple[int, int], t0: int) -> int:
        """Where stance cues before t0 may begin: in its segment, after any version phrase ("the revised plan")."""
        lo = max(clause[0], t0 - self.before, doc.segment(clause, t0)[0])
        end = doc.attr.mention_end_before(doc.si(t0), t0)
        return max(lo, end) if end is not None and end <= t0 else lo

    def read(
        self, doc: Doc, clause: tuple[int, int], t0: int, t1: int, omission: bool = True, change: bool = True
    ) -> str:
        """included | omitted | parked | changed."""
        v = doc.v
        seg = doc.segment(clause, t0)  # "cut its army to 600,000 and give up NATO": the cut is not NATO's
        prefix = v[self._start(doc, clause, t0) : t0]
        suffix = v[t1 : min(clause[1], t1 + 200)]
        if omission and (self.parked_before.search(prefix) or self.parked_after.search(suffix)):
            return "parked"
        if omission and (self.omission_before.search(prefix) or self.omission_after.search(suffix)):
            return "omitted"
        if change and (
            self.change_before.search(prefix) or self.change_after.search(v[t1 : max(min(seg[1], t1 + 200), t1)])
        ):
            return "changed"
        return "included"

    def negation(self, doc: Doc, clause: tuple[int, int], t0: int) -> tuple[int, int] | None:
        """The span of a negation governing the trigger at t0, if any."""
        lo = max(clause[0], t0 - self.negation_reach)
        m = self.negation_before.search(doc.v, lo, t0)
        return (m.start(), m.end()) if m else None

    def no_longer(self, doc: Doc, clause: tuple[int, int], t0: int) -> tuple[int, int] | None:
        """ "no longer requires Kyiv to …": a negation that is also a change."""
        lo = max(clause[0], t0 - self.before)
        m = self.no_longer_before.search(doc.v, lo, t0)
        return (m.start(), m.end()) if m else None

    def apply_negation(self, doc: Doc, raw: Raw, rule, t0: int) -> bool:
        """Turn a negated or "no longer" trigger into the rule's negated value; False: drop the claim."""
        if raw.stance not in ("included", "omitted"):
            return True
        nl = self.no_longer(doc, raw.clause, t0)
        neg = nl or (self.negation(doc, raw.clause, t0) if raw.stance == "included" else None)
        if neg is None:
            return True
        if isinstance(rule.negated, dict) and "value" in rule.negated:
            raw.value = copy.deepcopy(rule.negated["value"])
            raw.stance = "changed" if nl else "included"
            raw.spans = [sp for sp in raw.spans if sp[0] >= t0] + [neg]
            return True
        return raw.stance == "omitted" and nl is None

    def cue_span(self, doc: Doc, clause: tuple[int, int], t0: int, t1: int, stance: str) -> list[tuple[int, int]]:
        """The words that made a claim omitted or changed, so the quote shows them."""
        if stance not in ("omitted", "changed", "parked"):
            return []
        v = doc.v
        lo = self._start(doc, clause, t0)
        before_rx, after_rx = {
            "omitted": (self.omission_before, self.omission_after),
            "parked": (self.parked_before, self.parked_after),
            "changed": (self.change_before, self.change_after),
        }[stance]
        before = before_rx.search(v, lo, t0)
        after = after_rx.search(v[t1 : min(clause[1], t1 + 200)])  # ^-anchored: on a slice
        spans = []
        if before:
            spans.append((t0 - before.start(), (before.start(), t0)))
        if after:
            spans.append((after.end(), (t1, t1 + after.end())))
        return [min(spans)[1]] if spans else []

    def rejections(self, doc: Doc, raw: Raw, t0: int, t1: int) -> list[Raw]:
        if raw.stance not in ("included", "changed"):
            return []
        v = doc.v
        s = doc.sents[raw.si]
        prefix = v[max(raw.clause[0], t0 - 300) : t0]
        r = self.rejection.search(prefix)
        if r and self.rejection_party.search(prefix):
            raw.stance = "rejected"
            return []
        r = self.rejection.search(v, t1, min(s.end, t1 + 300))
        if r is None:
            return []
        near = v[max(t1, r.start() - 45) : r.start()]
        if not self.rejection_party.search(near):
            return []
        if not (
            self.rejection_backref.search(v, max(t1, r.start() - 60), r.start())
            or self.rejection_backref.match(v, r.end() + 1, min(s.end, r.end() + 12))
        ):
            return []
        end = r.end()
        back = self.rejection_backref.match(v, r.end() + 1, min(s.end, r.end() + 12))
        if back:
            end = back.end()
        rej = Raw(
            raw.rule,
            raw.key,
            list(raw.spans) + [(r.start(), end)],
            copy.deepcopy(raw.value),
            "rejected",
            raw.si,
            raw.clause,
            raw.pos,
            raw.confidence * 0.9,
        )
        return [rej]
