"""The JSON contract of a diff (`plandiff.diff/2`), documented in docs/json.md.

It carries each changed provision whole on both sides, with what each side is
known to say (`old_state`/`new_state`: held, omitted, unreported), so `apply`
can rebuild NEW from OLD; unchanged provisions appear only with `--all`.
"""
from __future__ import annotations

from typing import Any

from plandiff.diff.apply import DIFF_SCHEMA
from plandiff.diff.changes import Change, ChangeSet, Unchanged, Unreported
from plandiff.kinds.detail import detail_words


def _ref(plan) -> dict:
    return {"id": plan.id, "path": plan.path, "coverage": plan.coverage}


def change_to_json(c: Change) -> dict[str, Any]:
    extra = {"silent": c.silent} if isinstance(c, Unreported) else {}
    return {"key": c.key, "kind": c.kind, "difference": c.difference, "topic": c.topic, "label": c.label,
            "old_state": c.old_state, "new_state": c.new_state, **extra, "fields": list(c.fields),
            "old": c.old.to_data() if c.old is not None else None,
            "new": c.new.to_data() if c.new is not None else None,
            "summary": c.description,
            "details": [detail_words(d)._asdict() for d in c.details],
            "words": [[op, text] for op, text in c.words],
            "words_granularity": getattr(c.words, "granularity", "words")}


def changeset_to_json(cs: ChangeSet, show_all: bool = False) -> dict[str, Any]:
    changes = [c for c in cs.changes if show_all or not isinstance(c, Unchanged) or c.fields]
    doc: dict[str, Any] = {"schema": DIFF_SCHEMA, "old": _ref(cs.old), "new": _ref(cs.new),
                           "differs": cs.differs, "differences": cs.differences, "counts": cs.counts(),
                           "header": {k: {"old": a, "new": b} for k, (a, b) in cs.header.items()},
                           "changes": [change_to_json(c) for c in changes]}
    if cs.sources_differ:
        doc["sources"] = {"old": [s.to_data() for s in cs.old.sources],
                          "new": [s.to_data() for s in cs.new.sources]}
    return doc
