"""The corpus as tidy tables: one row per version × provision × claim, one per piece of evidence.

A researcher loads these into pandas or R and joins them with other datasets
(the PA-X codes are a column). Every provision key used by any version gets a
row for every version, so a missing key is stated, not implied: in a
full-text version it is `omitted` (the text does not hold it), in a partial
one `unreported`; `state_from` says whether the state was recorded in the file
or follows from the version's coverage. Values keep their full JSON form and
are also spread over typed columns (a number with its unit, a scope, a text
or a boolean) so the common questions — the troop cap across versions, the
guarantee's term — need no JSON parsing.

Both tables and the Frictionless Data Package descriptor are built here from
the same column list, so the descriptor cannot drift from the files.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from typing import Any

from plandiff.kinds import Kind
from plandiff.lineage import lineage_order
from plandiff.load.plan_fields import REPORT_DATE_PATTERN
from plandiff.model import ABSENT, HELD, OMITTED, STATES, Plan, Provision
from plandiff.points import point_list
from plandiff.taxonomy import Taxonomy, default_taxonomy

EXPORT_SCHEMA = "plandiff.export/1"
LIST_SEP = "; "  # joins the members of a list value, a point list, a version's drafters


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean, date
    description: str
    enum: tuple[str, ...] = ()
    pattern: str | None = None


PROVISION_COLUMNS = (
    Column("version", "string", "Plan version id (plans/<id>.yaml)."),
    Column(
        "version_date", "date", "Date of the version (see the plan's notes for which date: presented, leaked, signed)."
    ),
    Column(
        "version_coverage",
        "string",
        "full-text: a complete text was published; partial: known from reports.",
        ("full-text", "partial"),
    ),
    Column("drafted_by", "string", f"Who drafted the version, joined by '{LIST_SEP}'."),
    Column("provision", "string", "Taxonomy key (docs/provisions.md), or custom.<slug>."),
    Column("label", "string", "Human label of the provision."),
    Column("topic", "string", "Taxonomy topic."),
    Column("pax", "string", f"Matching PA-X Peace Agreements Database codes, joined by '{LIST_SEP}'."),
    Column("claim", "integer", "Number of the claim when reports disagree (1, 2, …); empty when they do not."),
    Column("claims", "integer", "How many claims the provision has (0 when undisputed)."),
    Column(
        "state",
        "string",
        "held: the version holds the provision; omitted: known not to; unreported: "
        "the version is not known to hold it (or holds it, but no report says what).",
        STATES,
    ),
    Column(
        "state_from",
        "string",
        "file: the plan file records the state; coverage: it follows from a key the "
        "file lacks and the version's coverage.",
        ("file", "coverage"),
    ),
    Column("point", "string", f"The version's own point number(s), joined by '{LIST_SEP}'."),
    Column("summary", "string", "One-sentence summary, in the analyst's words."),
    Column("value_kind", "string", "The taxonomy value type (count, enum, set, record, money, duration, …)."),
    Column(
        "value_number",
        "number",
        "Numeric part of the value: personnel of a count, amount of money, length of a "
        "duration, or a number/integer value.",
    ),
    Column("value_unit", "string", "Unit of value_number: the count's unit, the currency, or years/months/days."),
    Column("value_scope", "string", "Scope of a count (unqualified, peacetime, wartime)."),
    Column(
        "value_text",
        "string",
        f"Enum value(s), set members, a special such as no-cap, text or a date; lists joined by '{LIST_SEP}'.",
    ),
    Column("value_bool", "boolean", "A yes/no value."),
    Column("value_json", "string", "The value exactly as the plan file holds it, as JSON (records in full)."),
    Column("note", "string", "The analyst's note on the provision or claim."),
    Column("evidence_count", "integer", "How many pieces of evidence support the row (table evidence has them)."),
    Column("evidence_outlets", "string", "Outlets of the evidence, in order, joined by ' | '."),
    Column("evidence_dates", "string", "Dates of the evidence, in the same order, joined by ' | ' (empty: undated)."),
    Column("evidence_urls", "string", "URLs (or plans/ article files) of the evidence, joined by ' | '."),
)

EVIDENCE_COLUMNS = (
    Column("version", "string", "Plan version id."),
    Column("provision", "string", "Taxonomy key."),
    Column("claim", "integer", "Claim number, as in the provisions table; empty when undisputed."),
    Column("source", "string", "Source id within the plan file."),
    Column("outlet", "string", "Who published the report."),
    Column(
        "date",
        "string",
        "Date of the report: the day (YYYY-MM-DD), or the month (YYYY-MM) when only the month is known.",
        pattern=REPORT_DATE_PATTERN,
    ),
    Column("url", "string", "Address of the report (external sources)."),
    Column("file", "string", "Article kept in plans/sources/ (archived sources)."),
    Column("title", "string", "Title of the report."),
    Column("language", "string", "Language of the report, when not English."),
    Column("caveats", "string", f"aggregator, state-aligned, machine-translated, joined by '{LIST_SEP}'."),
    Column("quote", "string", "The words the evidence rests on (archived sources)."),
    Column("attribution", "string", "uncertain: the report may be about another version."),
    Column("note", "string", "What the report says, in the analyst's words."),
)


@dataclass(frozen=True)
class Tables:
    provisions: list[dict]
    evidence: list[dict]


def build_tables(plans: list[Plan], taxonomy: Taxonomy | None = None) -> Tables:
    """The provisions and evidence tables of a corpus, versions in lineage order."""
    tax = taxonomy or default_taxonomy()
    ordered = lineage_order(plans)
    used = {k for p in ordered for k in p.provisions}
    keys = [k for k in tax.provisions if k in used] + sorted(used - set(tax.provisions))
    rows: list[dict] = []
    evidence: list[dict] = []
    for plan in ordered:
        for key in keys:
            ptype = tax.get(key)
            base = {
                "version": plan.id,
                "version_date": plan.date,
                "version_coverage": plan.coverage,
                "drafted_by": LIST_SEP.join(plan.drafted_by),
                "provision": key,
                "label": ptype.label if ptype else key,
                "topic": ptype.topic if ptype else "custom",
                "pax": LIST_SEP.join(ptype.pax) if ptype else None,
            }
            kind = tax.kind(key)
            prov = plan.provisions.get(key)
            if prov is None:
                rows.append(_row(base, kind, state=plan.state(key), state_from="coverage", claim=None, claims=0))
                continue
            point = _point(prov)
            if prov.claims:
                for n, c in enumerate(prov.claims, 1):
                    state = ABSENT if c.status == OMITTED else HELD
                    rows.append(
                        _row(
                            base,
                            kind,
                            state=state,
                            state_from="file",
                            claim=n,
                            claims=len(prov.claims),
                            point=point,
                            summary=prov.summary,
                            value=c.value,
                            note=c.note or prov.note,
                            evidence=_evidence(plan, c.evidence),
                        )
                    )
                    evidence += _evidence_rows(plan, key, n, c.evidence)
                continue
            state = plan.state(key)
            rows.append(
                _row(
                    base,
                    kind,
                    state=state,
                    state_from="file",
                    claim=None,
                    claims=0,
                    point=point,
                    summary=prov.summary,
                    value=prov.value,
                    note=prov.note,
                    evidence=_evidence(plan, prov.evidence),
                )
            )
            evidence += _evidence_rows(plan, key, None, prov.evidence)
    return Tables(rows, evidence)


def _point(prov: Provision) -> str | None:
    return LIST_SEP.join(map(str, point_list(prov.point))) if prov.point is not None else None


def _row(
    base: dict,
    kind: Kind,
    *,
    state: str,
    state_from: str,
    claim: int | None,
    claims: int,
    point: str | None = None,
    summary: str | None = None,
    value: Any = None,
    note: str | None = None,
    evidence: list | None = None,
) -> dict:
    row = dict.fromkeys(c.name for c in PROVISION_COLUMNS)
    row.update(base)
    row.update(
        claim=claim,
        claims=claims,
        state=state,
        state_from=state_from,
        point=point,
        summary=summary,
        value_kind=kind.name,
        note=note,
    )
    if value is not None:
        row.update({k: LIST_SEP.join(v) if isinstance(v, list) else v for k, v in kind.columns(value).items()})
        row["value_json"] = json.dumps(value, ensure_ascii=False, sort_keys=True)
    evidence = evidence or []
    row["evidence_count"] = len(evidence)
    row["evidence_outlets"] = " | ".join(s.outlet or s.id for s in evidence) or None
    row["evidence_dates"] = " | ".join(s.date or "" for s in evidence) or None
    row["evidence_urls"] = " | ".join(s.url or f"plans/{s.file}" for s in evidence) or None
    return row


def _evidence(plan: Plan, evidence) -> list:
    out = []
    for e in evidence:
        src = plan.source(e.source)
        if src is not None:
            out.append(src)
    return out


def _evidence_rows(plan: Plan, key: str, claim: int | None, evidence) -> list[dict]:
    out = []
    for e in evidence:
        src = plan.source(e.source)
        out.append(
            {
                "version": plan.id,
                "provision": key,
                "claim": claim,
                "source": e.source,
                "outlet": src.outlet if src else None,
                "date": src.date if src else None,
                "url": src.url if src else None,
                "file": src.file if src else None,
                "title": src.title if src else None,
                "language": src.language if src else None,
                "caveats": LIST_SEP.join(src.caveats) if src and src.caveats else None,
                "quote": e.quote,
                "attribution": e.attribution,
                "note": e.note,
            }
        )
    return out


# --- formats --------------------------------------------------------------------------------


def to_csv(rows: list[dict], columns: tuple[Column, ...]) -> str:
    """RFC 4180 CSV with a header; empty cells are missing values, booleans true/false."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([_cell(row.get(c.name)) for c in columns])
    return buf.getvalue()


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def to_json(tables: Tables) -> str:
    doc = {"schema": EXPORT_SCHEMA, "provisions": tables.provisions, "evidence": tables.evidence}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


PROVISIONS_CSV, EVIDENCE_CSV, DATAPACKAGE = "provisions.csv", "evidence.csv", "datapackage.json"


def datapackage(tables: Tables) -> str:
    """The Frictionless Data Package descriptor for the two CSV files."""

    def fields(columns):
        out = []
        for c in columns:
            f = {"name": c.name, "type": c.type, "description": c.description}
            if c.enum:
                f["constraints"] = {"enum": list(c.enum)}
            if c.pattern:
                f["constraints"] = {"pattern": c.pattern}
            out.append(f)
        return out

    def resource(name, path, columns, title, rows, extra):
        schema = {"fields": fields(columns), "missingValues": [""], **extra}
        return {
            "name": name,
            "path": path,
            "title": title,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "dialect": {"delimiter": ",", "lineTerminator": "\r\n"},
            "schema": schema,
            "count": len(rows),
        }

    keys = ["version", "provision", "claim"]
    doc = {
        "profile": "tabular-data-package",
        "name": "plandiff-ukraine-peace-plans",
        "title": "Ukraine peace-plan versions, provision by provision, with their evidence",
        "description": "Exported by plandiff export. One row per version × provision × claim (provisions.csv) and "
        "one per piece of evidence (evidence.csv); see docs/export.md.",
        "resources": [
            resource(
                "provisions", PROVISIONS_CSV, PROVISION_COLUMNS, "Provisions of each version", tables.provisions, {}
            ),
            resource(
                "evidence",
                EVIDENCE_CSV,
                EVIDENCE_COLUMNS,
                "Evidence behind each provision (join on " + ", ".join(keys) + ")",
                tables.evidence,
                {},
            ),
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
