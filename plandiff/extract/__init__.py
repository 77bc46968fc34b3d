"""`plandiff extract`: claims about plan versions, read out of news articles.

Pipeline: `text` (HTML → text, sentences) → `versions` (which version each
sentence speaks of) → `values` (rules from plandiff/data/extract/*.yaml:
triggers, numbers, stances) → `claims` (records with exact quotes) →
`propose` (claims → proposed plan edits, shown as a plandiff diff). `stream`
runs the extractor over many articles on all cores.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from plandiff.extract.claims import SCHEMA, Claim, Extractor, claims_document

__all__ = ["SCHEMA", "Claim", "Extractor", "claims_document", "plan_context", "extractor_for"]


def plan_context(plans_dir: str | Path | None) -> dict[str, Any]:
    """What the plan files tell the extractor: aliases, each version's base, and base values.

    Plain data (picklable), so worker processes can rebuild the same extractor.
    """
    ctx: dict[str, Any] = {"aliases": {}, "bases": {}, "base_values": {}}
    if plans_dir is None or not Path(plans_dir).is_dir():
        return ctx
    from plandiff.load import load_plan
    from plandiff.load.corpus import PLAN_SUFFIXES

    for f in sorted(Path(plans_dir).iterdir()):
        if f.suffix not in PLAN_SUFFIXES or not f.is_file():
            continue
        plan = load_plan(f, verify_quotes=False).plan
        if plan is None:
            continue
        ctx["aliases"][plan.id] = list(plan.aliases)
        ctx["bases"][plan.id] = plan.revises or plan.responds_to
        ctx["base_values"][plan.id] = {k: p.value for k, p in plan.provisions.items()
                                       if p.value is not None and not p.disputed}
    return ctx


def extractor_for(ctx: dict[str, Any] | None = None) -> Extractor:
    ctx = ctx or {}
    return Extractor(ctx.get("aliases"), ctx.get("bases"), ctx.get("base_values"))
