"""Claims: raw findings turned into records with a version, an exact quote and a confidence.

The last stage of the engine. Each raw finding (a provision, a value, a
stance, the spans of the words it rests on) gets its version from the
attributor (resolve.py), `relative_to` for a change or an omission (the
version named beside it in the sentence, else the plan file's
`revises`/`responds_to`), a value the taxonomy accepts (or none), and a
quote that is exactly `text[start:end]`. Then one claim is kept per
sentence, version, provision and stance: the most specific value, the
widest span.

The record itself and its renderings live in record.py (re-exported here).
"""

from __future__ import annotations

import json
from typing import Any

from plandiff.extract.compat import consistent
from plandiff.extract.record import SCHEMA, STANCES, Claim, claims_document, render_claims
from plandiff.extract.segments import Doc, Raw

__all__ = ["SCHEMA", "STANCES", "Claim", "claims_document", "render_claims", "finish"]
_TRIM = " \t\n,;:-–—"


def finish(raws: list[Raw], doc: Doc, source: str, tax, bases: dict, base_values: dict) -> list[Claim]:
    text = doc.text
    claims: list[Claim] = []
    for raw in raws:
        ptype = tax.get(raw.key)
        if ptype is None:
            continue
        value = raw.value
        if value == {} or value == []:
            value = None
        if value is not None and ptype.kind.check(value):
            value = None  # never emit a value the taxonomy would refuse
        plan, factor, how, candidates = doc.attr.attribute(raw.si, raw.pos, raw.clause)
        if how == "foreign":
            continue  # a claim about a document outside the corpus
        if plan is None and how == "none" and _party_speaks(doc, raw):
            continue  # no version anywhere, and a party is the speaker: its position, not a plan's
        relative_to = None
        if raw.version not in (None, "@base"):
            plan, factor, how = raw.version, 0.9, "sentence"
        elif raw.version == "@base":
            base = bases.get(plan) if plan else None
            if base is None:
                continue
            plan, relative_to = base, None
        elif raw.stance in ("changed", "omitted") and plan is not None:
            relative_to = _compared_with(doc, raw, plan) or bases.get(plan)
        if raw.delta is not None and value is None and relative_to:
            base = (base_values.get(relative_to) or {}).get(raw.key)
            if isinstance(base, dict) and isinstance(base.get("personnel"), int):
                value = {"personnel": base["personnel"] + raw.delta}
        start = min(a for a, _ in raw.spans)
        end = max(b for _, b in raw.spans)
        while start < end and text[start] in _TRIM:
            start += 1
        while end > start and text[end - 1] in _TRIM:
            end -= 1
        conf = raw.confidence * (factor if plan else 0.55) * (0.9 if value is None else 1.0)
        cands = list(candidates) if candidates else list(doc.attr.document_versions)
        c = Claim(
            source,
            start,
            end,
            text[start:end],
            plan,
            raw.key,
            value,
            raw.stance,
            relative_to,
            round(min(conf, 0.99), 2),
            cands if plan is None else [],
            raw.note,
            how,
        )
        c.point = doc.points.get(raw.si)
        claims.append(c)
    return _dedupe(claims, doc, tax)


def _party_speaks(doc: Doc, raw: Raw) -> bool:
    rx = getattr(doc, "party_speech", None)
    if rx is None:
        return False
    s = doc.sents[raw.si]
    return rx.search(doc.v, s.start, max(s.start, raw.pos)) is not None


def _compared_with(doc: Doc, raw: Raw, plan: str) -> str | None:
    for m in doc.attr.by_sentence.get(raw.si) or ():
        if m.dependent and m.version and m.version != plan:
            return m.version
    return None


def _vkey(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


def _dedupe(claims: list[Claim], doc: Doc, tax) -> list[Claim]:
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
    return _drop_less_specific(sorted(best.values(), key=lambda c: (c.start, c.provision, c.stance)), doc, tax)


def _drop_less_specific(claims: list[Claim], doc: Doc, tax) -> list[Claim]:
    """ "… enshrine in its constitution that it will never join NATO": barred-constitutionally, not also barred."""
    groups: dict[tuple, list[Claim]] = {}
    for c in claims:
        if c.value is not None:
            groups.setdefault((doc.si(c.start), c.plan, c.provision, c.stance), []).append(c)
    drop = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        spec = tax.get(group[0].provision).kind
        for a in group:
            for b in group:
                if (
                    a is not b
                    and a.value != b.value
                    and consistent(spec, a.provision, a.value, b.value)
                    and not consistent(spec, a.provision, b.value, a.value)
                ):
                    drop.add(id(a))
    return [c for c in claims if id(c) not in drop]
