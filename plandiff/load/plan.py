"""The plan format (`schema: plandiff/1`): plain data → `Plan`, reporting every problem.

Problems are (path, message, at_key) triples; the caller turns a path into a
line and column. All problems are collected, not just the first, so an
analyst fixes a file in one pass.
"""

from __future__ import annotations

import math
import re
from typing import Any

from plandiff.hints import did_you_mean_suffix
from plandiff.kinds import Kind
from plandiff.kinds.base import is_int, type_name
from plandiff.load.plan_fields import ID_RE, FieldChecker, Problem  # noqa: F401  (ID_RE: re-exported)
from plandiff.load.values import check as check_value
from plandiff.load.values import show
from plandiff.load.yamlsafe import INVALID
from plandiff.model import (
    CAVEATS,
    COVERAGES,
    FULL_TEXT,
    HEADER_FIELDS,
    INCLUDED,
    OMITTED,
    PARTIAL,
    PROVISION_STATUSES,
    UNREPORTED,
    Claim,
    Evidence,
    Plan,
    Provision,
    Source,
)
from plandiff.taxonomy import Taxonomy, default_taxonomy, did_you_mean

SCHEMA = "plandiff/1"
POINT_RE = re.compile(r"[0-9]+[a-z]?")
TOP_FIELDS = HEADER_FIELDS + ("sources", "provisions")
SOURCE_FIELDS = ("id", "file", "url", "outlet", "date", "title", "language", "caveats", "note")
PROVISION_FIELDS = ("point", "summary", "value", "status", "claims", "evidence", "note")
EVIDENCE_FIELDS = ("source", "quote", "attribution", "note")
CLAIM_FIELDS = ("value", "status", "evidence", "note")
ATTRIBUTIONS = ("uncertain",)


class _Checker(FieldChecker):
    # --- sections ----------------------------------------------------------

    def plan(self, data: Any) -> Plan | None:
        if not isinstance(data, dict):
            self.bad((), f"a plan file must be a mapping of fields (schema, id, title, …); got {type_name(data)}")
            return None
        self.fields(data, TOP_FIELDS, (), "a plan")
        schema = data.get("schema")
        if schema is None:
            self.bad((), f"missing required field 'schema' (expected schema: {SCHEMA})")
        elif schema != SCHEMA:
            self.bad(("schema",), f"unsupported schema {show(schema)}; this plandiff reads {SCHEMA}")
        pid = self.slug(data, "id", (), True)
        title = self.text(data, "title", (), True)
        date = self.date(data, "date", (), True)
        place = self.text(data, "place", ())
        status = self.slug(data, "status", (), True)
        revises = self.slug(data, "revises", ())
        responds_to = self.slug(data, "responds_to", ())
        point_count = data.get("point_count")
        if point_count is not None and (not is_int(point_count) or point_count < 1):
            self.bad(("point_count",), f"point_count must be a whole number ≥ 1 or null; got {show(point_count)}")
            point_count = None
        notes = self.text(data, "notes", ())
        sources = self.sources(data.get("sources"))
        coverage, coverage_source = self.coverage(data)
        provisions = self.provisions(data.get("provisions"))
        if pid is None or title is None:
            return None
        return Plan(
            id=pid,
            title=title,
            date=date,
            place=place,
            drafted_by=self.strings(data, "drafted_by", ()),
            status=status,
            revises=revises,
            responds_to=responds_to,
            point_count=point_count,
            coverage=coverage,
            coverage_source=coverage_source,
            aliases=self.strings(data, "aliases", ()),
            notes=notes,
            sources=sources,
            provisions=provisions,
            schema=SCHEMA,
        )

    def coverage(self, data: dict) -> tuple[str, str | None]:
        """How much of the version's text is known; a full text names the source that published it.

        A file without the field reads as partial (the cautious reading: a key
        it lacks is unreported, never absent); `check` asks for the field.
        """
        coverage = data.get("coverage")
        if coverage is INVALID:
            coverage = None
        if coverage is not None and coverage not in COVERAGES:
            self.bad(("coverage",), f"coverage must be {' or '.join(COVERAGES)}; got {show(coverage)}")
            coverage = None
        source = self.text(data, "coverage_source", ())
        if coverage == FULL_TEXT and source is None and "coverage_source" not in data:
            self.bad(
                ("coverage",),
                "a full-text version names the source that published the text (coverage_source: <source id>)",
                True,
            )
        if source is not None:
            if coverage != FULL_TEXT:
                self.bad(("coverage_source",), "coverage_source goes with coverage: full-text", True)
            elif source not in self.source_ids:
                hint = did_you_mean(source, self.source_ids)
                extra = did_you_mean_suffix(hint, show)
                self.bad(("coverage_source",), f"source {show(source)} is not declared under sources{extra}")
        return coverage or PARTIAL, source

    def sources(self, raw: Any) -> tuple[Source, ...]:
        if raw is None:
            self.bad((), "missing required field 'sources' (the reports the plan cites)")
            return ()
        if not isinstance(raw, list):
            self.bad(("sources",), f"sources must be a list; got {type_name(raw)}")
            return ()
        out = []
        for i, s in enumerate(raw):
            at = ("sources", i)
            if not isinstance(s, dict):
                self.bad(at, f"a source must be a mapping with id and file or url; got {type_name(s)}")
                continue
            self.fields(s, SOURCE_FIELDS, at, "a source")
            sid = self.text(s, "id", at, True)
            file, url = self.text(s, "file", at), self.text(s, "url", at)
            if (file is None) == (url is None) and "file" not in s and "url" not in s:
                self.bad(at, "a source needs either file (an article in plans/sources/) or url (an external report)")
            elif file is not None and url is not None:
                self.bad(at + ("url",), "a source has either file or url, not both", True)
            outlet = self.text(s, "outlet", at)
            if url is not None:
                if not re.fullmatch(r"https?://\S+", url):
                    self.bad(at + ("url",), f"url must be an http(s) address; got {show(url)}")
                if "outlet" not in s:
                    self.bad(at, "an external source needs outlet (who published the report)")
            src = Source(
                id=sid or "",
                file=file,
                url=url,
                outlet=outlet,
                date=self.date(s, "date", at, month=True),
                title=self.text(s, "title", at),
                language=self.text(s, "language", at),
                caveats=self.caveats(s, at),
                note=self.text(s, "note", at),
            )
            if sid is not None:
                if sid in self.source_ids:
                    self.bad(at + ("id",), f"source id {show(sid)} is used twice")
                else:
                    self.source_ids[sid] = src
            out.append(src)
        return tuple(out)

    def caveats(self, s: dict, at: tuple) -> tuple[str, ...]:
        out = []
        for i, c in enumerate(self.strings(s, "caveats", at)):
            if c in CAVEATS:
                out.append(c)
            else:
                hint = did_you_mean(c, CAVEATS)
                extra = did_you_mean_suffix(hint, show, f" (allowed: {', '.join(CAVEATS)})")
                self.bad(at + ("caveats", i), f"unknown caveat {show(c)}{extra}")
        return tuple(out)

    def provisions(self, raw: Any) -> dict[str, Provision]:
        if raw is None:
            self.bad((), "missing required field 'provisions'")
            return {}
        if not isinstance(raw, dict):
            self.bad(("provisions",), f"provisions must be a mapping of key: provision; got {type_name(raw)}")
            return {}
        out = {}
        for key, p in raw.items():
            at = ("provisions", key)
            if not isinstance(key, str):
                self.bad(at, f"provision keys are taxonomy names; got {show(key)}", True)
                continue
            ptype = self.tax.get(key)
            if ptype is None:
                hint = self.tax.suggest(key)
                extra = did_you_mean_suffix(hint, show, " (use custom.<slug> for a point that fits no key)")
                self.bad(at, f"unknown provision key {show(key)}{extra}", True)
            if not isinstance(p, dict):
                self.bad(at, f"a provision must be a mapping (summary, value, evidence …); got {type_name(p)}")
                continue
            prov = self.provision(key, p, at, ptype.kind if ptype else None)
            out[key] = prov
        return out

    def provision(self, key: str, p: dict, at: tuple, spec: Kind | None) -> Provision:
        self.fields(p, PROVISION_FIELDS, at, "a provision")
        point = self.point(p, at)
        summary = self.text(p, "summary", at, True)
        status = p.get("status", INCLUDED)
        if status not in PROVISION_STATUSES:
            self.bad(at + ("status",), f"status must be one of {', '.join(PROVISION_STATUSES)}; got {show(status)}")
            status = INCLUDED
        claims: tuple[Claim, ...] = ()
        if status == UNREPORTED:
            for clash in ("value", "claims"):
                if clash in p:
                    self.bad(
                        at + (clash,), f"an unreported provision has no {clash}: nobody has said what it holds", True
                    )
            if "note" not in p:
                self.bad(
                    at,
                    "an unreported provision needs a note saying why it is kept (e.g. the full text has "
                    "the point, but no cited copy shows it)",
                    True,
                )
            return Provision(
                key=key,
                point=point,
                summary=summary,
                status=status,
                evidence=self.evidence(p.get("evidence"), at, required=False),
                note=self.text(p, "note", at),
            )
        if "claims" in p:
            for clash in ("value", "evidence"):
                if clash in p:
                    self.bad(
                        at + (clash,), f"a disputed provision keeps {clash} inside each claim, not beside claims", True
                    )
            if status == OMITTED:
                self.bad(
                    at + ("status",), "a disputed provision records omission as one of its claims (status: omitted)"
                )
            claims = self.claims(p["claims"], at + ("claims",), spec)
        else:
            if status == OMITTED and p.get("value") is not None:
                self.bad(at + ("value",), "an omitted provision has no value", True)
            elif p.get("value") is not None and spec is not None:
                for rel, msg in check_value(spec, p["value"]):
                    self.bad(at + ("value",) + rel, msg)
            self.finite(p.get("value"), at + ("value",))
        evidence = self.evidence(p.get("evidence"), at, required="claims" not in p)
        value = p.get("value") if "claims" not in p else None
        return Provision(
            key=key,
            point=point,
            summary=summary,
            value=None if value is INVALID else value,
            status=status,
            evidence=evidence,
            claims=claims,
            note=self.text(p, "note", at),
        )

    def finite(self, value: Any, at: tuple) -> None:
        """NaN and infinity are errors in every value, custom keys included (JSON input can carry them)."""
        if self.numbers_checked or value is None:
            return
        stack: list[tuple[tuple[str | int, ...], Any]] = [((), value)]
        while stack:
            rel, v = stack.pop()
            if isinstance(v, float) and not math.isfinite(v):
                self.bad(at + rel, f"{v} is not a finite number; a plan value must be a finite number or text")
            elif isinstance(v, dict):
                stack += [(rel + (k,), x) for k, x in v.items()]
            elif isinstance(v, list):
                stack += [(rel + (i,), x) for i, x in enumerate(v)]

    def point(self, p: dict, at: tuple) -> Any:
        v = p.get("point")
        if v is None or v is INVALID:
            return None
        items = v if isinstance(v, list) else [v]
        ok = bool(items) and all(
            (is_int(x) and x >= 1) or (isinstance(x, str) and POINT_RE.fullmatch(x)) for x in items
        )
        if not ok:
            self.bad(
                at + ("point",), f"point must be a number, a sub-point such as 21a, or a list of them; got {show(v)}"
            )
            return None
        return v

    def claims(self, raw: Any, at: tuple, spec: Kind | None) -> tuple[Claim, ...]:
        if not isinstance(raw, list) or len(raw) < 2:
            self.bad(at, "claims lists the disagreeing reports: at least two {value, evidence} entries")
            return ()
        out = []
        for i, c in enumerate(raw):
            cat = at + (i,)
            if not isinstance(c, dict):
                self.bad(cat, f"a claim is a mapping with value (or status: omitted) and evidence; got {type_name(c)}")
                continue
            self.fields(c, CLAIM_FIELDS, cat, "a claim")
            status = c.get("status", INCLUDED)
            if status not in (INCLUDED, OMITTED):
                self.bad(cat + ("status",), f"status must be included or omitted; got {show(status)}")
                status = INCLUDED
            value = c.get("value")
            if status == OMITTED and value is not None:
                self.bad(cat + ("value",), "a claim of omission has no value", True)
            elif status == INCLUDED and value is None:
                self.bad(cat, "a claim needs a value, or status: omitted for a report that the point was dropped")
            elif value is not None and spec is not None:
                for rel, msg in check_value(spec, value):
                    self.bad(cat + ("value",) + rel, msg)
            self.finite(value, cat + ("value",))
            out.append(
                Claim(
                    value=value,
                    status=status,
                    evidence=self.evidence(c.get("evidence"), cat, True),
                    note=self.text(c, "note", cat),
                )
            )
        return tuple(out)

    def evidence(self, raw: Any, at: tuple, required: bool) -> tuple[Evidence, ...]:
        if raw is None:
            if required:
                self.bad(
                    at, "missing evidence: cite at least one source (a quote from plans/sources/ or a report)", True
                )
            return ()
        if not isinstance(raw, list) or not raw:
            self.bad(at + ("evidence",), "evidence must be a non-empty list of {source, quote}")
            return ()
        out = []
        for i, e in enumerate(raw):
            eat = at + ("evidence", i)
            if not isinstance(e, dict):
                self.bad(eat, f"evidence entries are mappings with source and quote; got {type_name(e)}")
                continue
            self.fields(e, EVIDENCE_FIELDS, eat, "evidence")
            sid = self.text(e, "source", eat, True)
            quote = self.text(e, "quote", eat)
            if sid is not None and sid not in self.source_ids:
                hint = did_you_mean(sid, self.source_ids)
                extra = did_you_mean_suffix(hint, show)
                self.bad(eat + ("source",), f"source {show(sid)} is not declared under sources{extra}")
            elif sid is not None and self.source_ids[sid].file is not None and quote is None:
                self.bad(eat, f"evidence from the article {show(sid)} needs the quote it rests on")
            attribution = e.get("attribution")
            if attribution is not None and attribution not in ATTRIBUTIONS:
                self.bad(
                    eat + ("attribution",),
                    f"attribution must be one of {', '.join(ATTRIBUTIONS)}; got {show(attribution)}",
                )
                attribution = None
            out.append(Evidence(source=sid or "", quote=quote, note=self.text(e, "note", eat), attribution=attribution))
        return tuple(out)


def plan_from_data(
    data: Any, taxonomy: Taxonomy | None = None, *, numbers_checked: bool = False
) -> tuple[Plan | None, list[Problem]]:
    """Check plan data against the format and taxonomy; the plan is None if unusable.

    `numbers_checked`: the data comes from load.yamlsafe, which already
    refused every NaN and infinity, so the values need no second walk.
    """
    checker = _Checker(taxonomy or default_taxonomy(), numbers_checked)
    plan = checker.plan(data)
    return plan, [p for p in checker.problems if not _through_invalid(data, p[0])]


def _through_invalid(data: Any, where: tuple) -> bool:
    """Whether a problem is about a node the YAML reader already reported as unreadable."""
    node = data
    for step in (None,) + where:
        if step is not None:
            if (
                isinstance(node, dict)
                and step in node
                or isinstance(node, list)
                and isinstance(step, int)
                and 0 <= step < len(node)
            ):
                node = node[step]
            else:
                return False
        if node is INVALID:
            return True
    return False
