"""The plan model every stage shares: what a plan version says, and on what evidence.

Values are kept as the plain data the file holds (typed by the taxonomy, not
by Python classes), so a provision round-trips to YAML or JSON unchanged and
the differ can compare any two of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

INCLUDED = "included"
OMITTED = "omitted"
UNREPORTED = "unreported"  # in a full-text version: the point exists, but no cited copy shows it
PROVISION_STATUSES = (INCLUDED, OMITTED, UNREPORTED)

# What a plan file says about the version's text as a whole (see docs/plan-format.md).
FULL_TEXT = "full-text"  # a complete text was published: a key the file lacks is a provision it does not hold
PARTIAL = "partial"  # known through reports: a key the file lacks is only "not reported"
COVERAGES = (FULL_TEXT, PARTIAL)

# What a version is known to say about one provision (docs/plan-format.md, "Three states").
HELD = "held"  # the version holds it (its value may still be unknown or disputed)
ABSENT = "omitted"  # known not to hold it: reported removed, or missing from a full text
SILENT = "unreported"  # nobody has said: a partial version without the key, or status: unreported
STATES = (HELD, ABSENT, SILENT)

# Warnings a source carries with it, shown next to every citation of it.
CAVEATS = ("aggregator", "state-aligned", "machine-translated")


def _drop_empty(d: dict) -> dict:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != ()}


@dataclass(frozen=True)
class Evidence:
    source: str
    quote: str | None = None
    note: str | None = None
    attribution: str | None = None  # "uncertain" when the report's version is unclear

    def to_data(self) -> dict:
        return _drop_empty(
            {"source": self.source, "quote": self.quote, "attribution": self.attribution, "note": self.note}
        )

    @classmethod
    def from_data(cls, d: dict) -> Evidence:
        return cls(d["source"], d.get("quote"), d.get("note"), d.get("attribution"))


@dataclass(frozen=True)
class Claim:
    """One source's account of a disputed provision."""

    value: Any = None
    status: str = INCLUDED
    evidence: tuple[Evidence, ...] = ()
    note: str | None = None

    def to_data(self) -> dict:
        d = _drop_empty(
            {
                "status": self.status if self.status != INCLUDED else None,
                "evidence": [e.to_data() for e in self.evidence],
                "note": self.note,
            }
        )
        return {"value": self.value, **d} if self.value is not None else d

    @classmethod
    def from_data(cls, d: dict) -> Claim:
        return cls(
            d.get("value"),
            d.get("status") or INCLUDED,
            tuple(Evidence.from_data(e) for e in d.get("evidence") or ()),
            d.get("note"),
        )


@dataclass(frozen=True)
class Provision:
    key: str
    point: Any = None  # int, "21a", or a list of those
    summary: str | None = None
    value: Any = None  # None: mentioned without a known value
    status: str = INCLUDED
    evidence: tuple[Evidence, ...] = ()
    claims: tuple[Claim, ...] = ()
    note: str | None = None

    @property
    def disputed(self) -> bool:
        return bool(self.claims)

    @property
    def omitted(self) -> bool:
        return self.status == OMITTED

    @property
    def unreported(self) -> bool:
        return self.status == UNREPORTED

    def to_data(self) -> dict:
        """The provision as a plan file holds it (without its key)."""
        d = _drop_empty({"point": self.point, "summary": self.summary})
        if self.value is not None:
            d["value"] = self.value  # an empty list or mapping is a value too
        d.update(
            _drop_empty(
                {
                    "status": self.status if self.status != INCLUDED else None,
                    "claims": [c.to_data() for c in self.claims],
                    "evidence": [e.to_data() for e in self.evidence],
                    "note": self.note,
                }
            )
        )
        return d

    @classmethod
    def from_data(cls, key: str, d: dict) -> Provision:
        return cls(
            key,
            d.get("point"),
            d.get("summary"),
            d.get("value"),
            d.get("status") or INCLUDED,
            tuple(Evidence.from_data(e) for e in d.get("evidence") or ()),
            tuple(Claim.from_data(c) for c in d.get("claims") or ()),
            d.get("note"),
        )


@dataclass(frozen=True)
class Source:
    id: str
    file: str | None = None
    url: str | None = None
    outlet: str | None = None
    date: str | None = None
    title: str | None = None
    language: str | None = None
    caveats: tuple[str, ...] = ()
    note: str | None = None

    def to_data(self) -> dict:
        return _drop_empty(
            {
                "id": self.id,
                "file": self.file,
                "url": self.url,
                "outlet": self.outlet,
                "date": self.date,
                "title": self.title,
                "language": self.language,
                "caveats": list(self.caveats),
                "note": self.note,
            }
        )

    @classmethod
    def from_data(cls, d: dict) -> Source:
        fields: dict[str, Any] = {
            k: d.get(k) for k in ("id", "file", "url", "outlet", "date", "title", "language", "note")
        }
        return cls(**fields, caveats=tuple(d.get("caveats") or ()))


HEADER_FIELDS = (
    "schema",
    "id",
    "title",
    "date",
    "place",
    "drafted_by",
    "status",
    "revises",
    "responds_to",
    "point_count",
    "coverage",
    "coverage_source",
    "aliases",
    "notes",
)


@dataclass(frozen=True)
class Plan:
    id: str
    title: str
    date: str | None = None
    drafted_by: tuple[str, ...] = ()
    place: str | None = None  # where the text was presented or signed ("Istanbul"); reports name versions by it
    status: str | None = None
    revises: str | None = None
    responds_to: str | None = None
    point_count: int | None = None
    coverage: str = PARTIAL
    coverage_source: str | None = None  # the source that published the full text
    aliases: tuple[str, ...] = ()
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    provisions: dict[str, Provision] = field(default_factory=dict)
    schema: str = "plandiff/1"
    path: str | None = field(default=None, compare=False)

    def source(self, source_id: str) -> Source | None:
        for s in self.sources:
            if s.id == source_id:
                return s
        return None

    def header(self) -> dict:
        """The version's own fields (everything but sources and provisions)."""
        return {
            "schema": self.schema,
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "place": self.place,
            "drafted_by": list(self.drafted_by),
            "status": self.status,
            "revises": self.revises,
            "responds_to": self.responds_to,
            "point_count": self.point_count,
            "coverage": self.coverage,
            "coverage_source": self.coverage_source,
            "aliases": list(self.aliases),
            "notes": self.notes,
        }

    @property
    def full_text(self) -> bool:
        return self.coverage == FULL_TEXT

    def state(self, key: str) -> str:
        """HELD, ABSENT or SILENT: what this version is known to say about `key`."""
        p = self.provisions.get(key)
        if p is None:
            return ABSENT if self.full_text else SILENT
        if p.unreported:
            return SILENT
        return ABSENT if p.omitted else HELD

    def to_data(self) -> dict:
        d = {k: v for k, v in self.header().items() if not (k in ("notes", "coverage_source", "place") and v is None)}
        d["sources"] = [s.to_data() for s in self.sources]
        d["provisions"] = {k: p.to_data() for k, p in self.provisions.items()}
        return d


# What kind of thing an event is: it has no text of its own to code (see plans/events.yaml).
EVENT_KINDS = ("summit", "round", "meeting", "statement", "letter", "report", "arrangement", "postponement")


@dataclass(frozen=True)
class Event:
    """A dated step in the talks that produced no plan text: a summit, a round, a letter."""

    id: str
    date: str
    title: str
    kind: str
    parties: tuple[str, ...] = ()
    end: str | None = None  # last day, for events that span several
    place: str | None = None
    versions: tuple[str, ...] = ()  # plan versions the event produced or discussed
    summary: str | None = None
    sources: tuple[Source, ...] = ()
