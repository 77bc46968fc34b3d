"""Applying a JSON change set (`plandiff.diff/2`) to OLD, which reproduces NEW.

Like patch(1), it refuses when OLD is not the version the changes were made
from: every change states the provision it expects to find.
"""
from __future__ import annotations

from typing import Any

from plandiff.model import Plan, Provision, Source

DIFF_SCHEMA = "plandiff.diff/2"
OLDER_SCHEMAS = ("plandiff.diff/1",)


class ApplyError(ValueError):
    pass


def _expect(ok: bool, where: str, what: str) -> None:
    if not ok:
        raise ApplyError(f"{where}: expected {what}")


def _check_provision(d: Any, where: str) -> None:
    _expect(isinstance(d, dict), where, "an object (a provision) or null")
    for name in ("evidence", "claims"):
        items = d.get(name, [])
        _expect(isinstance(items, list) and all(isinstance(i, dict) for i in items), f"{where}.{name}",
                "a list of objects")
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
        _expect(value is None or (isinstance(value, int) and not isinstance(value, bool)), where,
                "a whole number or null")
    elif name in ("schema", "id", "title", "coverage"):
        _expect(isinstance(value, str), where, "text")
    else:
        _expect(value is None or isinstance(value, str), where, "text or null")


def check_shape(doc: Any) -> None:
    """Raise ApplyError naming the first part of `doc` that is not a change set's."""
    _expect(isinstance(doc, dict), "(top)", "a JSON object")
    if doc.get("schema") in OLDER_SCHEMAS:
        raise ApplyError(f"schema: this change set is {doc['schema']}, made by an older plandiff that did not "
                         f"tell unreported provisions from dropped ones; make it again with "
                         f"`plandiff diff --format json` ({DIFF_SCHEMA})")
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
    _expect(isinstance(header, dict) and all(isinstance(v, dict) and "new" in v for v in header.values()),
            "header", 'an object of {"old": …, "new": …}')
    for field_name, pair in header.items():
        _check_header_value(field_name, pair["new"])
    if doc.get("sources") is not None:
        new = doc["sources"].get("new") if isinstance(doc["sources"], dict) else None
        _expect(isinstance(new, list) and all(isinstance(x, dict) and isinstance(x.get("id"), str) for x in new),
                "sources.new", "a list of sources with ids")


def apply_changes(old: Plan, doc: dict[str, Any]) -> Plan:
    check_shape(doc)
    want = doc["old"]["id"]
    if want != old.id:
        raise ApplyError(f"the changes were made from {want!r}, not from {old.id!r}")
    provisions = dict(old.provisions)
    for change in doc.get("changes", []):
        key = change["key"]
        current = provisions.get(key)
        expected = change.get("old")
        if (current.to_data() if current else None) != expected:
            raise ApplyError(f"{key}: OLD does not hold the provision these changes start from")
        if change.get("new") is None:
            provisions.pop(key, None)
        else:
            provisions[key] = Provision.from_data(key, change["new"])
    header = old.header()
    for name, pair in (doc.get("header") or {}).items():
        if name not in header:
            raise ApplyError(f"unknown header field {name!r}")
        header[name] = pair["new"]
    sources = old.sources
    if doc.get("sources") is not None:
        sources = tuple(Source.from_data(s) for s in doc["sources"]["new"])
    return Plan(id=header["id"], title=header["title"], date=header["date"], place=header["place"],
                drafted_by=tuple(header["drafted_by"]), status=header["status"], revises=header["revises"],
                responds_to=header["responds_to"], point_count=header["point_count"],
                coverage=header["coverage"], coverage_source=header["coverage_source"],
                aliases=tuple(header["aliases"]), notes=header["notes"], sources=sources,
                provisions=provisions, schema=header["schema"])
