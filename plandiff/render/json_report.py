"""The JSON contract of a diff (`plandiff.diff/1`), documented in docs/json.md.

It carries each changed provision whole on both sides, so `apply` can rebuild
NEW from OLD; unchanged provisions appear only with `--all`, or when their
evidence or notes moved (apply needs those too).
"""
from __future__ import annotations

from typing import Any

from plandiff.diff.apply import DIFF_SCHEMA
from plandiff.diff.changes import Change, ChangeSet, Unchanged


def _ref(plan) -> dict:
    return {"id": plan.id, "path": plan.path}


def change_to_json(c: Change) -> dict[str, Any]:
    return {"key": c.key, "kind": c.kind, "topic": c.topic, "label": c.label, "fields": list(c.fields),
            "old": c.old.to_data() if c.old is not None else None,
            "new": c.new.to_data() if c.new is not None else None,
            "summary": c.description,
            "details": [{"label": d.label, "old": d.old, "new": d.new, "note": d.note} for d in c.details],
            "words": [[op, text] for op, text in c.words]}


def changeset_to_json(cs: ChangeSet, show_all: bool = False) -> dict[str, Any]:
    changes = [c for c in cs.changes if show_all or not isinstance(c, Unchanged) or c.fields]
    doc: dict[str, Any] = {"schema": DIFF_SCHEMA, "old": _ref(cs.old), "new": _ref(cs.new),
                           "counts": cs.counts(),
                           "header": {k: {"old": a, "new": b} for k, (a, b) in cs.header.items()},
                           "changes": [change_to_json(c) for c in changes]}
    if cs.sources_differ:
        doc["sources"] = {"old": [s.to_data() for s in cs.old.sources],
                          "new": [s.to_data() for s in cs.new.sources]}
    return doc
