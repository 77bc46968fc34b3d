"""The change set as JSON (`plandiff.diff/2`, docs/json.md), both ways, in one module.

`changeset_to_json` writes what the differ made; `read_changeset` reads it
back, against OLD, into the same model: the `ChangeSet` with NEW rebuilt and
every listed change as its typed record. Like patch(1), reading refuses when
OLD is not the version the changes were made from: every change states the
provision it expects to find. Each change kind is applied by its own method
(`_apply_<Kind>`), as every renderer dispatches. A change's `summary` and
`details` are renderings of its two provisions; the reader takes the
provisions and states and lets the differ type them again, so no text is
parsed back.
"""

from __future__ import annotations

from typing import Any

from plandiff.diff.changes import KINDS, Change, ChangeSet, Unchanged, Unreported
from plandiff.diff.compare import type_change
from plandiff.diff.words import WordDiff
from plandiff.kinds.detail import detail_words
from plandiff.model import Plan, Provision, Source
from plandiff.taxonomy import Taxonomy, default_taxonomy

DIFF_SCHEMA = "plandiff.diff/2"
OLDER_SCHEMAS = ("plandiff.diff/1",)
_BY_NAME = {k.kind: k for k in KINDS}


# --- writing -------------------------------------------------------------------------


def _ref(plan) -> dict:
    return {"id": plan.id, "path": plan.path, "coverage": plan.coverage}


def change_to_json(c: Change) -> dict[str, Any]:
    extra = {"silent": c.silent} if isinstance(c, Unreported) else {}
    return {
        "key": c.key,
        "kind": c.kind,
        "difference": c.difference,
        "topic": c.topic,
        "label": c.label,
        "old_state": c.old_state,
        "new_state": c.new_state,
        **extra,
        "fields": list(c.fields),
        "old": c.old.to_data() if c.old is not None else None,
        "new": c.new.to_data() if c.new is not None else None,
        "summary": c.description,
        "details": [detail_words(d)._asdict() for d in c.details],
        "words": [[op, text] for op, text in c.words],
        "words_granularity": getattr(c.words, "granularity", "words"),
    }


def changeset_to_json(cs: ChangeSet, show_all: bool = False) -> dict[str, Any]:
    changes = [c for c in cs.changes if show_all or not isinstance(c, Unchanged) or c.fields]
    doc: dict[str, Any] = {
        "schema": DIFF_SCHEMA,
        "old": _ref(cs.old),
        "new": _ref(cs.new),
        "differs": cs.differs,
        "differences": cs.differences,
        "counts": cs.counts(),
        "header": {k: {"old": a, "new": b} for k, (a, b) in cs.header.items()},
        "changes": [change_to_json(c) for c in changes],
    }
    if cs.sources_differ:
        doc["sources"] = {"old": [s.to_data() for s in cs.old.sources], "new": [s.to_data() for s in cs.new.sources]}
    return doc


# --- reading -------------------------------------------------------------------------


class ApplyError(ValueError):
    pass


def _expect(ok: bool, where: str, what: str) -> None:
    if not ok:
        raise ApplyError(f"{where}: expected {what}")


def _check_provision(d: Any, where: str) -> None:
    _expect(isinstance(d, dict), where, "an object (a provision) or null")
    for name in ("evidence", "claims"):
        items = d.get(name, [])
        _expect(
            isinstance(items, list) and all(isinstance(i, dict) for i in items), f"{where}.{name}", "a list of objects"
        )
    for i, e in enumerate(d.get("evidence", [])):
        _expect(isinstance(e.get("source"), str), f"{where}.evidence[{i}].source", "a source id")
    for i, c in enumerate(d.get("claims", [])):
        _check_provision({"evidence": c.get("evidence", [])}, f"{where}.claims[{i}]")


_LIST_FIELDS = ("drafted_by", "aliases")  # lists of text; every other header field is text, a number or null


def _check_header_value(name: str, value: Any) -> None:
    """A header value of the type its field takes (a bare "USA" for drafted_by is not [U, S, A])."""
    where = f"header.{name}.new"
    if name in _LIST_FIELDS:
        _expect(isinstance(value, list) and all(isinstance(x, str) for x in value), where, "a list of text")
    elif name == "point_count":
        _expect(
            value is None or (isinstance(value, int) and not isinstance(value, bool)), where, "a whole number or null"
        )
    elif name in ("schema", "id", "title", "coverage"):
        _expect(isinstance(value, str), where, "text")
    else:
        _expect(value is None or isinstance(value, str), where, "text or null")


def check_shape(doc: Any) -> None:
    """Raise ApplyError naming the first part of `doc` that is not a change set's."""
    _expect(isinstance(doc, dict), "(top)", "a JSON object")
    if doc.get("schema") in OLDER_SCHEMAS:
        raise ApplyError(
            f"schema: this change set is {doc['schema']}, made by an older plandiff that did not "
            f"tell unreported provisions from dropped ones; make it again with "
            f"`plandiff diff --format json` ({DIFF_SCHEMA})"
        )
    _expect(doc.get("schema") == DIFF_SCHEMA, "schema", f'"{DIFF_SCHEMA}"')
    _expect(isinstance(doc.get("old"), dict) and isinstance(doc["old"].get("id"), str), "old", '{"id": …}')
    changes = doc.get("changes", [])
    _expect(isinstance(changes, list), "changes", "a list")
    for n, c in enumerate(changes):
        _expect(isinstance(c, dict) and isinstance(c.get("key"), str), f"changes[{n}]", 'an object with a "key"')
        for side in ("old", "new"):
            if c.get(side) is not None:
                _check_provision(c[side], f"changes[{n}].{side}")
    header = doc.get("header") or {}
    _expect(
        isinstance(header, dict) and all(isinstance(v, dict) and "new" in v for v in header.values()),
        "header",
        'an object of {"old": …, "new": …}',
    )
    for field_name, pair in header.items():
        _check_header_value(field_name, pair["new"])
    if doc.get("sources") is not None:
        new = doc["sources"].get("new") if isinstance(doc["sources"], dict) else None
        _expect(
            isinstance(new, list) and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in new),
            "sources.new",
            "a list of sources with ids",
        )


class _Reader:
    """Applies each listed change to OLD's provisions, one method per change kind."""

    def __init__(self, old: Plan):
        self.old = old
        self.provisions = dict(old.provisions)

    def apply(self, n: int, entry: dict) -> None:
        key = entry["key"]
        current = self.provisions.get(key)
        if (current.to_data() if current else None) != entry.get("old"):
            raise ApplyError(f"{key}: OLD does not hold the provision these changes start from")
        kind = _BY_NAME.get(entry.get("kind", "changed"))  # a hand-written change may leave its kind out
        if kind is None:
            raise ApplyError(f"changes[{n}].kind: expected one of {', '.join(_BY_NAME)}")
        getattr(self, f"_apply_{kind.__name__}")(key, entry.get("new"))

    def _put(self, key: str, new: dict | None) -> None:
        """NEW's entry for the key, or none: the file then lacks it."""
        if new is None:
            self.provisions.pop(key, None)
        else:
            self.provisions[key] = Provision.from_data(key, new)

    def _apply_Added(self, key: str, new: dict | None) -> None:
        self._put(key, new)

    def _apply_Dropped(self, key: str, new: dict | None) -> None:
        self._put(key, new)  # NEW's `status: omitted` entry, or none in a full text

    def _apply_Changed(self, key: str, new: dict | None) -> None:
        self._put(key, new)

    def _apply_Renumbered(self, key: str, new: dict | None) -> None:
        self._put(key, new)

    def _apply_Reworded(self, key: str, new: dict | None) -> None:
        self._put(key, new)

    def _apply_Recited(self, key: str, new: dict | None) -> None:
        self._put(key, new)

    def _apply_Unreported(self, key: str, new: dict | None) -> None:
        self._put(key, new)

    def _apply_Unchanged(self, key: str, new: dict | None) -> None:
        self._put(key, new)  # listed when the entries still differ (known absent from both, evidence moved)

    def new_plan(self, doc: dict) -> Plan:
        header = self.old.header()
        for name, pair in (doc.get("header") or {}).items():
            if name not in header:
                raise ApplyError(f"unknown header field {name!r}")
            header[name] = pair["new"]
        sources = self.old.sources
        if doc.get("sources") is not None:
            sources = tuple(Source.from_data(s) for s in doc["sources"]["new"])
        return Plan(
            id=header["id"],
            title=header["title"],
            date=header["date"],
            place=header["place"],
            drafted_by=tuple(header["drafted_by"]),
            status=header["status"],
            revises=header["revises"],
            responds_to=header["responds_to"],
            point_count=header["point_count"],
            coverage=header["coverage"],
            coverage_source=header["coverage_source"],
            aliases=tuple(header["aliases"]),
            notes=header["notes"],
            sources=sources,
            provisions=self.provisions,
            schema=header["schema"],
        )


def apply_changes(old: Plan, doc: dict[str, Any]) -> Plan:
    """NEW, rebuilt from OLD and a change set."""
    check_shape(doc)
    if doc["old"]["id"] != old.id:
        raise ApplyError(f"the changes were made from {doc['old']['id']!r}, not from {old.id!r}")
    reader = _Reader(old)
    for n, entry in enumerate(doc.get("changes", [])):
        reader.apply(n, entry)
    return reader.new_plan(doc)


def read_changeset(old: Plan, doc: dict[str, Any], taxonomy: Taxonomy | None = None) -> ChangeSet:
    """The change set a document holds, read against OLD: the changes it lists — every one the differ
    made when it was written with `--all`; without, the unchanged provisions it leaves out are not in it."""
    new = apply_changes(old, doc)
    tax = taxonomy or default_taxonomy()
    changes = []
    for n, e in enumerate(doc.get("changes", [])):
        if e.get("kind") not in _BY_NAME:
            raise ApplyError(f"changes[{n}].kind: expected one of {', '.join(_BY_NAME)}")
        a = Provision.from_data(e["key"], e["old"]) if e.get("old") is not None else None
        b = Provision.from_data(e["key"], e["new"]) if e.get("new") is not None else None
        words = WordDiff(tuple((op, text) for op, text in e.get("words") or ()), e.get("words_granularity", "words"))
        changes.append(
            type_change(
                tax,
                e["key"],
                a,
                b,
                old,
                new,
                (e["old_state"], e["new_state"]),
                fields=tuple(e.get("fields") or ()),
                words=words,
                kind=_BY_NAME[e["kind"]],
            )
        )
    header = {k: (pair.get("old"), pair["new"]) for k, pair in (doc.get("header") or {}).items()}
    return ChangeSet(
        old=old, new=new, changes=tuple(changes), header=header, sources_differ=doc.get("sources") is not None
    )
