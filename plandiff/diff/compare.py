"""Aligned pairs → typed changes.

Each side is in one of three states for a key (`Plan.state`): held, known
absent (reported omitted, or missing from a full text), or silent (nobody
reported on it). Held in OLD and absent in NEW is dropped, the reverse added;
silence on one side is `unreported` — never a difference. Held in both:
renumbered when only the point number moved, changed when the value, point,
claims or status moved; when only our summary or notes differ, reworded; when
only the evidence does, recited. A point number only one side knows is missing
knowledge, not a renumbering.
"""

from __future__ import annotations

from typing import Any

from plandiff.diff.align import align
from plandiff.diff.changes import (
    Added,
    Change,
    Changed,
    ChangeSet,
    Detail,
    Dropped,
    Recited,
    Renumbered,
    Reworded,
    Unchanged,
    Unreported,
)
from plandiff.diff.describe import compare_values, format_value
from plandiff.diff.words import word_diff
from plandiff.kinds import Kind
from plandiff.model import ABSENT, HELD, SILENT, Claim, Plan, Provision
from plandiff.points import point_numbers
from plandiff.taxonomy import Taxonomy, default_taxonomy

# What the plan says, and what is only our record of it (our wording, the evidence).
CONTENT_FIELDS = ("point", "value", "claims", "status")
RECORD_FIELDS = ("summary", "evidence", "note")
ALL_FIELDS = ("point", "summary", "value", "claims", "status", "evidence", "note")


def _field_value(p: Provision, name: str) -> Any:
    if name == "claims":  # what the reports claim; the evidence for each claim is "evidence"
        return [(c.value, c.status) for c in p.claims]
    if name == "evidence":
        return [e.to_data() for e in p.evidence] + [[e.to_data() for e in c.evidence] for c in p.claims]
    if name == "note":
        return [p.note] + [c.note for c in p.claims]
    return getattr(p, name)


def differing_fields(old: Provision | None, new: Provision | None) -> tuple[str, ...]:
    if old is None or new is None:
        present = old if old is not None else new
        assert present is not None  # one side at least
        return tuple(f for f in ALL_FIELDS if _field_value(present, f) not in (None, [], "included", [None]))
    return tuple(f for f in ALL_FIELDS if _field_value(old, f) != _field_value(new, f))


def _point(p: Provision | None) -> str:
    if p is None or p.point is None:
        return "unnumbered"
    return point_numbers(p.point)


def _outlets(plan: Plan, claim: Claim) -> str:
    """Who reports a claim, by outlet (a report names sources as a reader can cite them, never by our ids)."""
    names: list[str] = []
    for e in claim.evidence:
        src = plan.source(e.source)
        name = (src.outlet if src is not None and src.outlet else None) or f"article {e.source}"
        if name not in names:
            names.append(name)
    return ", ".join(names)


def _claims_text(spec: Kind | dict, claims: tuple[Claim, ...], plan: Plan) -> str:
    parts = []
    for c in claims:
        srcs = _outlets(plan, c)
        what = "omitted" if c.status == "omitted" else format_value(spec, c.value)
        parts.append(f"{what} [{srcs}]")
    return "disputed: " + " | ".join(parts)


def _state(spec: Kind | dict, p: Provision, plan: Plan) -> str:
    if p.disputed:
        return _claims_text(spec, p.claims, plan)
    if p.omitted:
        return "omitted"
    if p.value is None:
        return "mentioned without a value"
    return format_value(spec, p.value)


def _dispute_details(spec: Kind | dict, old: Provision, new: Provision, plan: Plan) -> list[Detail] | None:
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
        parts.append(f"claim {n} [{_outlets(plan, c)}]: {'; '.join(rest) or 'no further change'}")
    return common + [Detail("now disputed" if new.disputed else "dispute settled", note=" | ".join(parts))]


def _why_absent(plan: Plan, prov: Provision | None) -> str:
    return "reported omitted" if prov is not None else f"not in the full text of {plan.id}"


def _absence(plan: Plan, prov: Provision | None, state: str) -> str:
    """Why a version does not hold a provision, naming the version."""
    if state == SILENT:
        return f"not reported in {plan.id}"
    return f"reported omitted in {plan.id}" if prov is not None else f"not in the full text of {plan.id}"


def _details(
    spec: Kind | dict,
    old: Provision | None,
    new: Provision | None,
    fields: tuple[str, ...],
    old_plan: Plan,
    new_plan: Plan,
    states: tuple[str, str],
) -> list[Detail]:
    """Typed details, labelled relative to the provision (the change carries its label)."""
    a, b = states
    if a == HELD and b == ABSENT:
        assert old is not None  # held: the version has the provision
        return [Detail("dropped", note=f"was {_state(spec, old, old_plan)}; {_why_absent(new_plan, new)}")]
    if a == ABSENT and b == HELD:
        assert new is not None
        why = "previously reported omitted" if old is not None else f"not in the full text of {old_plan.id}"
        return [Detail("added", note=f"{_state(spec, new, new_plan)}; {why}")]
    if a != b and SILENT in states:
        if a == SILENT:
            silent, said, prov, said_state = old_plan, new_plan, new, b
        else:
            silent, said, prov, said_state = new_plan, old_plan, old, a
        if said_state == HELD:
            assert prov is not None
            what = _state(spec, prov, said)
        else:
            what = _why_absent(said, prov)
        return [Detail(f"not reported in {silent.id}", note=f"{said.id}: {what}")]
    if old is None or new is None:
        # held by neither: known absent from both, or silent in both
        return [Detail("in neither version", note=f"{_absence(old_plan, old, a)}; {_absence(new_plan, new, b)}")]
    out: list[Detail] = []
    if "point" in fields and _both_numbered(old, new):
        out.append(Detail("point", _point(old), _point(new)))
    if "claims" in fields or (old.disputed != new.disputed and "value" in fields):
        disputed_plan = new_plan if new.disputed else old_plan
        out += _dispute_details(spec, old, new, disputed_plan) or [
            Detail("", _state(spec, old, old_plan), _state(spec, new, new_plan))
        ]
    elif "value" in fields:
        out += compare_values(spec, "", old.value, new.value)
    if "status" in fields and not out:
        out.append(Detail("status", old.status, new.status))
    if not _content(old, new, fields):
        out += _annotation_details(old, new, fields)
    return out


def _annotation_details(old: Provision | None, new: Provision | None, fields: tuple[str, ...]) -> list[Detail]:
    """What moved in our record of a provision whose plan content did not: wording, evidence."""
    out = []
    if "summary" in fields and old is not None and new is not None:
        out.append(Detail("summary reworded"))
    if "point" in fields and old is not None and new is not None:
        out.append(
            Detail(
                "point now known" if old.point is None else "point no longer given",
                note=_point(new if old.point is None else old),
            )
        )
    if "note" in fields:
        out.append(Detail("note changed"))
    if "evidence" in fields or "claims" in fields:
        before = {(e.source, e.quote) for e in _all_evidence(old)}
        after = {(e.source, e.quote) for e in _all_evidence(new)}
        added, removed = len(after - before), len(before - after)
        out.append(Detail("evidence", note=None if added or removed else "reordered", added=added, removed=removed))
    return out


def _all_evidence(p: Provision | None) -> list:
    if p is None:
        return []
    return list(p.evidence) + [e for c in p.claims for e in c.evidence]


def _both_numbered(old: Provision | None, new: Provision | None) -> bool:
    return old is not None and new is not None and old.point is not None and new.point is not None


def _content(old: Provision | None, new: Provision | None, fields: tuple[str, ...]) -> list[str]:
    """The content fields that differ (a point only one side knows is not content)."""
    return [f for f in fields if f in CONTENT_FIELDS and (f != "point" or _both_numbered(old, new))]


def _kind(
    old: Provision | None, new: Provision | None, fields: tuple[str, ...], states: tuple[str, str]
) -> type[Change]:
    a, b = states
    if a == HELD and b == ABSENT:
        return Dropped
    if a == ABSENT and b == HELD:
        return Added
    if a != b:
        return Unreported  # one side is silent (the other holds it, or is known not to)
    if a != HELD and (old is None or new is None or not fields):
        return Unchanged  # held by neither, and nothing recorded of it differs
    if a != HELD:  # held by neither, but our record of its absence or silence differs: wording or evidence
        return Reworded if {"summary", "note", "point", "status"} & set(fields) else Recited
    content = _content(old, new, fields)
    if content == ["point"]:
        return Renumbered
    if content:
        return Changed
    wording = {"summary", "note", "point", "status"} & set(fields)
    if wording:
        return Reworded
    return Recited if fields else Unchanged


def type_change(
    tax: Taxonomy,
    key: str,
    a: Provision | None,
    b: Provision | None,
    old: Plan,
    new: Plan,
    states: tuple[str, str],
    fields: tuple[str, ...] | None = None,
    words: Any = None,
    kind: type[Change] | None = None,
) -> Change:
    """One aligned pair as its typed change. A change set read back from JSON hands in the
    fields, word diff and kind it states; the differ works them out."""
    ptype = tax.get(key)
    fields = differing_fields(a, b) if fields is None else fields
    kind = kind or _kind(a, b, fields, states)
    if words is None:
        words = ()
        if "summary" in fields and a is not None and b is not None and a.summary and b.summary:
            words = word_diff(a.summary, b.summary)
    return kind(
        key=key,
        label=ptype.label if ptype else key,
        topic=ptype.topic if ptype else "custom",
        old=a,
        new=b,
        fields=fields,
        details=tuple(_details(tax.kind(key), a, b, fields, old, new, states)),
        words=words,
        old_state=states[0],
        new_state=states[1],
    )


def diff_plans(old: Plan, new: Plan, taxonomy: Taxonomy | None = None) -> ChangeSet:
    """Every provision of either version as a typed change, in taxonomy order."""
    tax = taxonomy or default_taxonomy()
    changes = [
        type_change(tax, key, a, b, old, new, (old.state(key), new.state(key))) for key, a, b in align(old, new, tax)
    ]
    header = {k: (v, new.header()[k]) for k, v in old.header().items() if v != new.header()[k]}
    # Sources are a set keyed by id (the loader rejects a repeated id): their order in the file is not content.
    sources_differ = {s.id: s for s in old.sources} != {s.id: s for s in new.sources}
    return ChangeSet(old=old, new=new, changes=tuple(changes), header=header, sources_differ=sources_differ)
