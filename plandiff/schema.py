"""The JSON Schema of the plan format, generated from the taxonomy.

Editors with a YAML language server use it to validate and complete plan
files as they are typed. It is derived, never written by hand, so it cannot
drift from what the loader accepts; the loader remains the authority for
what a schema cannot say (quotes found in articles, declared sources,
lineage).
"""

from __future__ import annotations

from plandiff.kinds import Kind, kind_of
from plandiff.kinds.scalar import DATE_SCHEMA as _DATE
from plandiff.kinds.scalar import TEXT_SCHEMA as _TEXT
from plandiff.load.plan import ATTRIBUTIONS, SCHEMA
from plandiff.load.plan_fields import REPORT_DATE_PATTERN
from plandiff.model import CAVEATS, COVERAGES, PROVISION_STATUSES
from plandiff.taxonomy import CUSTOM_RE, Taxonomy, default_taxonomy

SCHEMA_ID = "https://plandiff.invalid/schema/plandiff-1.json"
_SLUG = {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_-]*$"}


def value_schema(spec: Kind | dict) -> dict:
    """The JSON Schema of a value of one kind (the kind says it)."""
    return kind_of(spec).schema()


def _evidence() -> dict:
    return {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["source"],
            "additionalProperties": False,
            "properties": {
                "source": {"type": "string", "description": "id of an entry under sources"},
                "quote": {"type": "string", "description": "verbatim words from that source"},
                "attribution": {"enum": list(ATTRIBUTIONS)},
                "note": _TEXT,
            },
        },
    }


def _provision(value: dict, label: str, description: str) -> dict:
    point_one = {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "pattern": r"^\d+[a-z]?$"}]}
    claim = {
        "type": "object",
        "required": ["evidence"],
        "additionalProperties": False,
        "properties": {
            "value": value,
            "status": {"enum": ["included", "omitted"]},
            "evidence": _evidence(),
            "note": _TEXT,
        },
    }
    return {
        "title": label,
        "description": description,
        "type": "object",
        "required": ["summary"],
        "additionalProperties": False,
        "properties": {
            "point": {"anyOf": [point_one, {"type": "array", "items": point_one, "minItems": 1}]},
            "summary": _TEXT,
            "value": value,
            "status": {"enum": list(PROVISION_STATUSES)},
            "evidence": _evidence(),
            "claims": {"type": "array", "minItems": 2, "items": claim},
            "note": _TEXT,
        },
    }


def plan_schema(taxonomy: Taxonomy | None = None) -> dict:
    tax = taxonomy or default_taxonomy()
    provisions = {
        key: _provision(p.kind.schema(), p.label, f"{p.description} (topic: {p.topic})")
        for key, p in tax.provisions.items()
    }
    source = {
        "type": "object",
        "required": ["id"],
        "additionalProperties": False,
        "properties": {
            "id": _TEXT,
            "file": {"type": "string", "pattern": "^sources/"},
            "url": {"type": "string", "pattern": "^https?://"},
            "outlet": _TEXT,
            "date": {"type": "string", "pattern": f"^{REPORT_DATE_PATTERN}$"},
            "title": _TEXT,
            "language": _TEXT,
            "caveats": {"type": "array", "items": {"enum": list(CAVEATS)}, "uniqueItems": True},
            "note": _TEXT,
        },
        "oneOf": [{"required": ["file"]}, {"required": ["url", "outlet"]}],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "plandiff plan version",
        "type": "object",
        "required": ["schema", "id", "title", "date", "status", "coverage", "sources", "provisions"],
        "additionalProperties": False,
        "properties": {
            "schema": {"const": SCHEMA},
            "id": _SLUG,
            "title": _TEXT,
            "date": _DATE,
            "place": {"type": "string", "minLength": 1, "description": "where the text was presented or signed"},
            "drafted_by": {"type": "array", "items": _TEXT},
            "status": _SLUG,
            "revises": {"anyOf": [_SLUG, {"type": "null"}]},
            "responds_to": {"anyOf": [_SLUG, {"type": "null"}]},
            "point_count": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
            "coverage": {"enum": list(COVERAGES)},
            "coverage_source": {"type": "string", "description": "id of the source that published the full text"},
            "aliases": {"type": "array", "items": _TEXT},
            "notes": _TEXT,
            "sources": {"type": "array", "items": source},
            "provisions": {
                "type": "object",
                "properties": provisions,
                "additionalProperties": False,
                "patternProperties": {
                    f"^{CUSTOM_RE.pattern}$": _provision({}, "Custom point", "A point that fits no taxonomy key.")
                },
            },
        },
    }
