"""`plandiff extract`: claims about plan versions, read out of news articles.

Stages (engine.py runs them in order): text and segmentation (`text`,
`segments`, `structure`) → version mentions, resolution and attribution (`mentions`,
`resolve`, `attribution`, `dates`) → provision cues (`provisions`; back-references in `anaphora`) → values (`fields`,
`values`) → stance (`stance`) → claims (`claims`, the record in `record`).
`propose` turns claims into proposed plan edits, shown as a plandiff diff;
`stream` runs the extractor over many articles on all cores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from plandiff.extract.engine import Extractor
from plandiff.extract.record import SCHEMA, Claim, claims_document

__all__ = ["SCHEMA", "Claim", "Extractor", "claims_document", "plan_context", "extractor_for"]

# plan-header fields the resolver reads (read defensively: older models lack some)
META_FIELDS = (
    "title",
    "date",
    "drafted_by",
    "status",
    "revises",
    "responds_to",
    "point_count",
    "aliases",
    "place",
    "coverage",
)


def plan_context(plans_dir: str | Path | None) -> dict[str, Any]:
    """What the plan files tell the extractor: aliases, metadata, each version's base, and base values.

    Plain data (picklable), so worker processes can rebuild the same extractor.
    """
    ctx: dict[str, Any] = {"aliases": {}, "bases": {}, "base_values": {}, "meta": {}}
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
        ctx["base_values"][plan.id] = {
            k: p.value for k, p in plan.provisions.items() if p.value is not None and not p.disputed
        }
        meta = {}
        missing = []
        for name in META_FIELDS:
            if not hasattr(plan, name):
                missing.append(name)
            value = getattr(plan, name, None)
            if isinstance(value, tuple):
                value = list(value)
            meta[name] = value
        if missing:  # a field the plan model does not carry yet (`place`): read it from the file's header
            meta.update(_header_fields(f, missing))
        ctx["meta"][plan.id] = meta
    return ctx


def _header_fields(path: Path, names: list[str]) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    out = {}
    for name in names:
        value = data.get(name)
        if isinstance(value, str) or (isinstance(value, list) and all(isinstance(x, str) for x in value)):
            out[name] = value
    return out


def extractor_for(ctx: dict[str, Any] | None = None) -> Extractor:
    ctx = ctx or {}
    return Extractor(ctx.get("aliases"), ctx.get("bases"), ctx.get("base_values"), ctx.get("meta"))
