"""Values: the fields and figures a provision trigger's words give.

Stage four of the engine. For a trigger found by a rule (provisions.py),
read the value from the words around it, within the rule's window (its
segment, clause or sentence, never more than `windows.value_reach`
characters from the trigger, so a very long sentence costs linear time):
record fields and sets (`fields:` in rules.yaml), parties, money,
durations, and — for the troop cap — the number of personnel with its
scope, a change "by 200,000", both sides of "from 600,000 to 800,000", and
the other version's figure in "up from the 600,000 in the US draft".
Numbers that count something else (the army's current strength, a floor,
drones, casualties) are skipped.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from plandiff.extract.data import DataError
from plandiff.extract.segments import Doc, Raw
from plandiff.extract.values import Rule
from plandiff.kinds import DURATION_UNITS


class FieldReader:
    # compiled cue patterns, set in __init__
    current_state: re.Pattern[str]
    floor: re.Pattern[str]
    not_personnel_after: re.Pattern[str]
    contrast: re.Pattern[str]
    extendable: re.Pattern[str]

    def __init__(self, compile_, cues: dict, vocab: dict, numbers, stance):
        self.numbers, self.stance = numbers, stance
        for name in ("current_state", "floor", "not_personnel_after", "contrast", "extendable"):
            setattr(self, name, compile_(cues[name], f"cues.yaml {name}"))
        self.scopes = [
            (name, compile_(p, f"vocab.yaml troop_scopes {name}")) for name, p in vocab["troop_scopes"].items()
        ]
        self.parties = [(name, compile_(p, f"vocab.yaml parties {name}")) for name, p in vocab["parties"].items()]
        self.reach = int((cues.get("windows") or {}).get("value_reach", 400))

    def window(self, rule: Rule, doc: Doc, raw: Raw, t0: int, t1: int) -> tuple[int, int]:
        s = doc.sents[raw.si]
        if rule.window == "sentence":
            lo, hi = s.start, s.end
        elif rule.window == "segment":
            lo, hi = doc.segment(raw.clause, t0)
        else:
            lo, hi = raw.clause
        if rule.after:
            hi = max(hi, min(s.end, t1 + rule.after))
        # fields lie near their trigger: bounding the window keeps a very long sentence linear
        lo, hi = max(lo, t0 - self.reach), min(max(hi, t1), t1 + self.reach)
        # "as soon as possible rather than within 100 days": what follows a contrast is what the
        # provision is not, so its words give no field
        c = self.contrast.search(doc.v, t1, hi)
        return lo, (c.start() if c else hi)

    def fields(self, rule: Rule, doc: Doc, raw: Raw, t0: int, t1: int) -> None:
        if not rule.fields:
            return
        lo, hi = self.window(rule, doc, raw, t0, t1)
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
                for g in got if f.kind == "parties" else [got]:
                    if g not in members:
                        members.append(g)
            else:
                value[f.name] = got
            done.add(f.name)
            raw.spans.append((m.start(), m.end()))
        if value or isinstance(raw.value, dict):
            raw.value = value

    def _field_value(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        read = getattr(self, f"_read_{f.kind}", None)
        if read is None:
            raise DataError(f"rules.yaml {f.name}: no reader for a {f.kind!r} field")
        return read(f, m, doc, lo, hi)

    # --- one reader per field kind (the key beside `pattern` in rules.yaml `fields:`) ---

    def _read_value(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        return copy.deepcopy(f.value)

    _read_set = _read_value  # a member; `fields` adds it to the list

    def _read_number(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        return self.numbers.value(m.group(f.group))

    def _read_party(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        said = m.group(f.group)
        for name, rx in self.parties:
            if rx.fullmatch(said) or rx.match(said):
                return name
        return None

    def _read_parties(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        out = []
        for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", m.group(f.group)):
            part = part.strip()
            for name, rx in self.parties:
                if rx.fullmatch(part) or rx.fullmatch(re.sub(r"^the\s+", "", part)):
                    if name not in out:
                        out.append(name)
                    break
        return out or None

    def _read_money(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        n = self.numbers.regex.search(doc.v, m.start(), m.end())
        if n is None:
            return None
        amount = self.numbers.value(n.group())
        cur = self.numbers.currency(doc.v[max(lo, n.start() - 4) : min(hi, n.end() + 12)])
        if amount is None or cur is None:
            return None
        return {"amount": amount, "currency": cur}

    def _read_duration(self, f, m, doc: Doc, lo: int, hi: int) -> Any:
        n = self.numbers.value(m.group("n"))
        unit = m.group("u").lower().rstrip("s") + "s"
        if n is None or unit not in DURATION_UNITS:
            return None
        out = {unit: n}
        s = doc.sents[doc.si(m.start())]
        if self.extendable.search(doc.v, s.start, s.end):
            out["extendable"] = True
        return out

    # --- troop cap ----------------------------------------------------------------

    def count(self, rule: Rule, m, doc: Doc, raw: Raw) -> list[Raw] | None:
        v, x = doc.v, rule.extra
        t0, t1 = m.start(), m.end()
        unit = x["unit"]
        if m.group("nocap") is not None:
            if raw.stance == "omitted":
                raw.value = None
            else:
                raw.value, raw.stance = "no-cap", "included"
            return [raw]
        if raw.stance in ("included", "changed"):
            nl = self.stance.no_longer(doc, raw.clause, t0)
            if nl is None and self.stance.no_longer_cap.search(doc.v, max(raw.clause[0], t0 - 30), t0):
                nl = self.stance.no_longer_cap.search(doc.v, max(raw.clause[0], t0 - 30), t0).span()
            if nl is not None:
                # "no longer caps the army": the cap is gone from this version, which sets none; but
                # "no longer caps it at 600,000" only says the figure changed, to what is not said
                seg = doc.segment(raw.clause, t0)
                if self.numbers.regex.search(doc.v, t1, max(seg[1], t1)):
                    return None
                raw.stance, raw.value = "omitted", None
                raw.spans.append(nl)
                return [raw]
            if self.stance.negation(doc, raw.clause, t0):
                return None  # "does not cap the army": not a claim we can type safely
        seg = doc.segment(raw.clause, t0)
        lo, hi = seg[0], max(seg[1], t1)
        if hi < t1 + 12:  # "capped at" + number just past a segment break
            hi = min(raw.clause[1], t1 + 40)
        value = delta = frm = None
        value_at = value_end = -1
        spans = []
        for n in self.numbers.regex.finditer(v, lo, hi):
            before, after = v[max(lo, n.start() - 40) : n.start()], v[n.end() : n.end() + 30]
            if self.not_personnel_after.match(after) or self.floor.search(before):
                continue
            local = v[max(lo, n.start() - 45) : min(hi, n.end() + 25)]
            if self.current_state.search(local):
                continue
            val = self.numbers.value(n.group())
            if not isinstance(val, (int, float)):
                continue
            val = int(round(val))
            if x["relative_by"].search(before):
                if 1000 <= val <= x["max"] and delta is None:
                    lowered = x["lowered"].search(v[max(lo, t0 - 40) : n.start()])
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
        for name, rx in self.scopes:  # in the order of vocab.yaml troop_scopes: the first that matches wins
            sm = rx.search(v, max(raw.clause[0], t0 - self.reach), min(raw.clause[1], t1 + self.reach))
            if sm:
                scope = name
                spans.append((sm.start(), sm.end()))
                break
        raw.spans += spans
        if raw.stance == "omitted":
            raw.value = None
            return [raw] + self.stance.rejections(doc, raw, t0, t1)
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
            other = Raw(
                rule,
                rule.key,
                [(t0, t1)] + spans,
                {unit: frm},
                "included",
                raw.si,
                raw.clause,
                t0,
                rule.confidence * 0.9,
            )
            other.version = "@base"
            other.note = "the figure the change starts from"
            out.append(other)
        return out + self.stance.rejections(doc, raw, t0, t1)

    def _compared_counts(self, rule: Rule, doc: Doc, raw: Raw, seg: tuple[int, int], used) -> list[Raw]:
        """ "…, up from the 600,000 in the US draft": a claim for the version named beside the other figure."""
        v, x = doc.v, rule.extra
        s = doc.sents[raw.si]
        taken = {a for a, _ in used}
        out = []
        for n in self.numbers.regex.finditer(v, seg[1], min(s.end, seg[1] + self.reach)):
            if n.start() in taken or not x["compared"].search(v[max(s.start, n.start() - 30) : n.start()]):
                continue
            val = self.numbers.value(n.group())
            if not isinstance(val, (int, float)) or not (x["min"] <= val <= x["max"]):
                continue
            if self.not_personnel_after.match(v[n.end() : n.end() + 30]):
                continue
            near = [
                m
                for m in doc.attr.by_sentence.get(raw.si) or ()
                if abs(m.start - n.end()) <= 30 or abs(n.start() - m.end) <= 30
            ]
            if len(near) != 1:
                continue
            other = Raw(
                rule,
                rule.key,
                [(n.start(), n.end()), (near[0].start, near[0].end)],
                {x["unit"]: int(round(val))},
                "included",
                raw.si,
                raw.clause,
                n.start(),
                rule.confidence * 0.85,
            )
            other.version = near[0].version
            out.append(other)
        return out

    # --- territory -----------------------------------------------------------------
