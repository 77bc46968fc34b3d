"""Aligned pairs → typed changes.

A provision is *in* a version when it is present and not `status: omitted`.
In OLD only: dropped (with NEW's omission evidence, if it states one); in NEW
only: added; in both: renumbered when only the point number moved, changed
when its point, summary, value, claims or status moved, unchanged otherwise
(evidence and notes are listed in `fields` but are annotations, not content;
so is a point number that only one side knows — that is missing knowledge,
not a renumbering).
"""
from __future__ import annotations

from typing import Any

from plandiff.diff.align import align
from plandiff.diff.changes import (Added, Change, ChangeSet, Changed, Detail, Dropped, Renumbered,
                                   Unchanged)
from plandiff.diff.describe import compare_values, format_value
from plandiff.diff.words import word_diff
from plandiff.model import Claim, Plan, Provision
from plandiff.taxonomy import Taxonomy, default_taxonomy

CONTENT_FIELDS = ("point", "summary", "value", "claims", "status")
ANNOTATION_FIELDS = ("evidence", "note")


def _field_value(p: Provision, name: str) -> Any:
    if name == "claims":
        return [c.to_data() for c in p.claims]
    if name == "evidence":
        return [e.to_data() for e in p.evidence]
    return getattr(p, name)


def differing_fields(old: Provision | None, new: Provision | None) -> tuple[str, ...]:
    if old is None or new is None:
        present = old or new
        return tuple(f for f in CONTENT_FIELDS + ANNOTATION_FIELDS
                     if _field_value(present, f) not in (None, [], "included"))
    return tuple(f for f in CONTENT_FIELDS + ANNOTATION_FIELDS if _field_value(old, f) != _field_value(new, f))


def _point(p: Provision | None) -> str:
    if p is None or p.point is None:
        return "unnumbered"
    return ", ".join(map(str, p.point)) if isinstance(p.point, list) else str(p.point)


def _claims_text(spec: dict, claims: tuple[Claim, ...]) -> str:
    parts = []
    for c in claims:
        srcs = ", ".join(e.source for e in c.evidence)
        what = "dropped" if c.status == "omitted" else format_value(spec, c.value)
        parts.append(f"{what} [{srcs}]")
    return "disputed: " + " | ".join(parts)


def _state(spec: dict, p: Provision) -> str:
    if p.disputed:
        return _claims_text(spec, p.claims)
    if p.omitted:
        return "omitted"
    if p.value is None:
        return "mentioned without a value"
    return format_value(spec, p.value)


def _dispute_details(spec: dict, old: Provision, new: Provision) -> list[Detail] | None:
    """A value that became disputed (or a dispute that settled): what every report agrees
    changed, typed as usual, then what only some reports say. None unless exactly one
    side is disputed and the other has a value."""
    if old.disputed == new.disputed:
        return None
    plain = new if old.disputed else old
    if plain.omitted or plain.value is None:
        return None
    plain_text = format_value(spec, plain.value)
    per_claim = []
    for c in (new if new.disputed else old).claims:
        if c.status == "omitted":
            ds = [Detail("", plain_text, "dropped") if new.disputed else Detail("", "dropped", plain_text)]
        elif new.disputed:
            ds = compare_values(spec, "", plain.value, c.value)
        else:
            ds = compare_values(spec, "", c.value, plain.value)
        per_claim.append((c, ds))
    common = [d for d in per_claim[0][1] if all(d in ds for _, ds in per_claim[1:])]
    parts = []
    for n, (c, ds) in enumerate(per_claim, 1):
        rest = [str(d) for d in ds if d not in common]
        parts.append(f"claim {n} [{', '.join(e.source for e in c.evidence)}]: {'; '.join(rest) or 'no further change'}")
    return common + [Detail("now disputed" if new.disputed else "dispute settled", note=" | ".join(parts))]


def _details(spec: dict, old: Provision | None, new: Provision | None,
             fields: tuple[str, ...], old_id: str, new_id: str) -> list[Detail]:
    """Typed details, labelled relative to the provision (the change carries its label)."""
    in_old = old is not None and not old.omitted
    in_new = new is not None and not new.omitted
    if in_old and not in_new:
        why = "reported omitted" if new is not None else f"not reported in {new_id}"
        return [Detail("dropped", note=f"was {_state(spec, old)}; {why}")]
    if in_new and not in_old:
        why = "previously reported omitted" if old is not None else f"not reported in {old_id}"
        return [Detail("added", note=f"{_state(spec, new)}; {why}")]
    if old is None or new is None:
        # In neither version: reported omitted on one side, not reported on the other.
        if old is not None:
            note = f"reported omitted in {old_id}; not reported in {new_id}"
        else:
            note = f"not reported in {old_id}; reported omitted in {new_id}"
        return [Detail("in neither version", note=note)]
    out: list[Detail] = []
    if "point" in fields and _both_numbered(old, new):
        out.append(Detail("point", _point(old), _point(new)))
    if "claims" in fields or (old.disputed != new.disputed and "value" in fields):
        out += _dispute_details(spec, old, new) or [Detail("", _state(spec, old), _state(spec, new))]
    elif "value" in fields:
        out += compare_values(spec, "", old.value, new.value)
    if "status" in fields and not out:
        out.append(Detail("status", old.status, new.status))
    if "summary" in fields and not out:
        out.append(Detail("summary reworded"))
    if not _content(old, new, fields):
        if "point" in fields:
            out.append(Detail("point now known" if old.point is None else "point no longer given",
                              note=_point(new if old.point is None else old)))
        if "evidence" in fields:
            before = {(e.source, e.quote) for e in old.evidence}
            after = {(e.source, e.quote) for e in new.evidence}
            added, removed = len(after - before), len(before - after)
            bits = " ".join(b for b in (f"+{added}" if added else "", f"−{removed}" if removed else "") if b)
            out.append(Detail("evidence updated", note=bits or "reordered"))
        if "note" in fields:
            out.append(Detail("note changed"))
    return out


def _both_numbered(old: Provision | None, new: Provision | None) -> bool:
    return old is not None and new is not None and old.point is not None and new.point is not None


def _content(old: Provision | None, new: Provision | None, fields: tuple[str, ...]) -> list[str]:
    """The content fields that differ (a point only one side knows is not content)."""
    return [f for f in fields if f in CONTENT_FIELDS and (f != "point" or _both_numbered(old, new))]


def _kind(old: Provision | None, new: Provision | None, fields: tuple[str, ...]) -> type[Change]:
    in_old = old is not None and not old.omitted
    in_new = new is not None and not new.omitted
    if in_old and not in_new:
        return Dropped
    if in_new and not in_old:
        return Added
    content = _content(old, new, fields) if old is not None and new is not None else \
        [f for f in fields if f in CONTENT_FIELDS]
    if not content:
        return Unchanged
    if content == ["point"]:
        return Renumbered
    return Changed


def diff_plans(old: Plan, new: Plan, taxonomy: Taxonomy | None = None) -> ChangeSet:
    """Every provision of either version as a typed change, in taxonomy order."""
    tax = taxonomy or default_taxonomy()
    changes = []
    for key, a, b in align(old, new, tax):
        ptype = tax.get(key)
        spec = ptype.value if ptype else {"type": "any"}
        label = ptype.label if ptype else key
        topic = ptype.topic if ptype else "custom"
        fields = differing_fields(a, b)
        kind = _kind(a, b, fields)
        words = ()
        if "summary" in fields and a is not None and b is not None and a.summary and b.summary:
            words = word_diff(a.summary, b.summary)
        changes.append(kind(key=key, label=label, topic=topic, old=a, new=b, fields=fields,
                            details=tuple(_details(spec, a, b, fields, old.id, new.id)), words=words))
    header = {k: (v, new.header()[k]) for k, v in old.header().items() if v != new.header()[k]}
    # Sources are a set keyed by id (the loader rejects a repeated id): their order in the file is not content.
    sources_differ = {s.id: s for s in old.sources} != {s.id: s for s in new.sources}
    return ChangeSet(old=old, new=new, changes=tuple(changes), header=header, sources_differ=sources_differ)
