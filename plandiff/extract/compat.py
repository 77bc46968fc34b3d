"""Whether two values of one provision agree: equivalent, or the claim less specific than the plan.

Used by the claims stage (to keep the most specific of two values found in
one sentence) and by `propose` (agreement adds evidence, contradiction makes
a dispute), so it lives apart from both. The judgement is each value kind's
(plandiff/kinds: 1.5bn dollars is $1,500,000,000, a year is twelve months);
what this adds is the data: pairs of enum values that agree are `compatible`
in plandiff/data/extract/vocab.yaml.
"""

from __future__ import annotations

from typing import Any

from plandiff.kinds import Kind, kind_of


def _compat() -> dict:
    from plandiff.extract.data import load

    return load()["vocab"].get("compatible") or {}


def consistent(spec: Kind | dict, key: str, claim: Any, plan: Any) -> bool:
    """Whether a claimed value agrees with (is equivalent to or less specific than) the plan's value."""
    return kind_of(spec).agrees(claim, plan, key, _compat())


def holds(spec: Kind | dict, key: str, claim: Any, plan: Any) -> bool:
    """Whether the plan's value already states everything the claim says (record fields included)."""
    return kind_of(spec).holds(claim, plan, key, _compat())


def merge(spec: Kind | dict, claim: Any, plan: Any) -> Any:
    """The plan's value with fields the claim adds (records only)."""
    return kind_of(spec).merge(claim, plan)
