"""Whether two values of one provision agree: equal, or the claim less specific than the plan.

Used by the claims stage (to keep the most specific of two values found in
one sentence) and by `propose` (agreement adds evidence, contradiction makes
a dispute), so it lives apart from both. Pairs of enum values that agree are
data: `compatible` in plandiff/data/extract/vocab.yaml.
"""
from __future__ import annotations

from typing import Any


def _compat() -> dict:
    from plandiff.extract.data import load

    return load()["vocab"].get("compatible") or {}


def consistent(spec: dict, key: str, claim: Any, plan: Any) -> bool:
    """Whether a claimed value agrees with (equals or is less specific than) the plan's value."""
    if claim is None or plan is None or claim == plan:
        return True
    kind = spec["type"]
    compat = _compat()
    if kind == "enum":
        table = compat.get(key) or compat.get(spec.get("vocabulary", "")) or compat.get("territory_status"
                                                                                         if spec.get("multiple") else "", {})
        cl = claim if isinstance(claim, list) else [claim]
        pl = plan if isinstance(plan, list) else [plan]
        return all(c in pl or any(p in (table.get(c) or ()) for p in pl) for c in cl)
    if kind == "count":
        if isinstance(claim, dict) and isinstance(plan, dict):
            unit = spec["unit"]
            return claim.get(unit) == plan.get(unit) and (
                "scope" not in claim or "scope" not in plan or claim["scope"] == plan["scope"])
        return False
    if kind == "set":
        return isinstance(claim, list) and isinstance(plan, list) and set(claim) <= set(plan)
    if kind == "record":
        if not (isinstance(claim, dict) and isinstance(plan, dict)):
            return False
        for k, v in claim.items():
            if k in plan and not consistent(spec["fields"].get(k, {"type": "any"}), f"{key}.{k}", v, plan[k]):
                return False
        return True
    if kind in ("text", "any"):
        return True
    return False


def holds(spec: dict, key: str, claim: Any, plan: Any) -> bool:
    """Whether the plan's value already states everything the claim says (record fields included)."""
    if spec["type"] == "record" and isinstance(claim, dict) and isinstance(plan, dict):
        return all(k in plan for k in claim) and consistent(spec, key, claim, plan)
    return consistent(spec, key, claim, plan)


def merge(spec: dict, claim: Any, plan: Any) -> Any:
    """The plan's value with fields the claim adds (records only)."""
    if spec["type"] == "record" and isinstance(claim, dict) and isinstance(plan, dict):
        merged = dict(plan)
        for k, v in claim.items():
            merged.setdefault(k, v)
        return merged
    return plan
