"""Applying a JSON change set (`plandiff.diff/1`) to OLD, which reproduces NEW.

Like patch(1), it refuses when OLD is not the version the changes were made
from: every change states the provision it expects to find.
"""
from __future__ import annotations

from typing import Any

from plandiff.model import Plan, Provision, Source

DIFF_SCHEMA = "plandiff.diff/1"


class ApplyError(ValueError):
    pass


def apply_changes(old: Plan, doc: dict[str, Any]) -> Plan:
    if not isinstance(doc, dict) or doc.get("schema") != DIFF_SCHEMA:
        raise ApplyError(f"not a plandiff change set (expected schema {DIFF_SCHEMA})")
    want = (doc.get("old") or {}).get("id")
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
    return Plan(id=header["id"], title=header["title"], date=header["date"],
                drafted_by=tuple(header["drafted_by"]), status=header["status"], revises=header["revises"],
                responds_to=header["responds_to"], point_count=header["point_count"],
                aliases=tuple(header["aliases"]), notes=header["notes"], sources=sources,
                provisions=provisions, schema=header["schema"])
