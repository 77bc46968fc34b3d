"""The events file (`plans/events.yaml`, `schema: plandiff.events/1`): data → `Event`s, every problem located.

Events are the dated steps of the talks that left no text to code — summits,
rounds, letters — so they are not plan versions; the timeline shows them
beside the versions. The checks reuse the plan checker's field helpers, so
an event's source is held to the same rules as a plan's external source
(outlet and an http(s) url, a date, caveats from the same list).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from plandiff.diagnostics import Diagnostic
from plandiff.hints import did_you_mean_suffix
from plandiff.kinds.base import type_name
from plandiff.load.plan import _Checker
from plandiff.load.values import show
from plandiff.load.yamlsafe import read_yaml
from plandiff.model import EVENT_KINDS, Event, Source
from plandiff.taxonomy import default_taxonomy, did_you_mean

EVENTS_FILE = "events.yaml"
EVENTS_SCHEMA = "plandiff.events/1"
EVENT_FIELDS = ("id", "date", "end", "title", "place", "kind", "parties", "versions", "summary", "sources")
EVENT_SOURCE_FIELDS = ("outlet", "date", "url", "title", "language", "caveats", "note")


class _EventChecker(_Checker):
    def events(self, data: Any) -> list[Event]:
        if not isinstance(data, dict):
            self.bad((), f"an events file is a mapping with schema and events; got {type_name(data)}")
            return []
        self.fields(data, ("schema", "events"), (), "an events file")
        if data.get("schema") != EVENTS_SCHEMA:
            self.bad(
                ("schema",) if "schema" in data else (),
                f"expected schema: {EVENTS_SCHEMA}; got {show(data.get('schema'))}",
            )
        raw = data.get("events")
        if not isinstance(raw, list):
            self.bad(("events",) if "events" in data else (), "events must be a list of events")
            return []
        out, seen = [], set()
        for i, e in enumerate(raw):
            event = self.event(e, ("events", i))
            if event is None:
                continue
            if event.id in seen:
                self.bad(("events", i, "id"), f"event id {show(event.id)} is used twice")
                continue
            seen.add(event.id)
            out.append(event)
        return out

    def event(self, e: Any, at: tuple) -> Event | None:
        if not isinstance(e, dict):
            self.bad(at, f"an event is a mapping (id, date, title, kind, sources …); got {type_name(e)}")
            return None
        self.fields(e, EVENT_FIELDS, at, "an event")
        eid = self.slug(e, "id", at, True)
        date = self.date(e, "date", at, True)
        end = self.date(e, "end", at)
        if date and end and end < date:
            self.bad(at + ("end",), f"end {end} is before the event's date {date}")
        title = self.text(e, "title", at, True)
        kind = self.text(e, "kind", at, True)
        if kind is not None and kind not in EVENT_KINDS:
            hint = did_you_mean(kind, EVENT_KINDS)
            extra = did_you_mean_suffix(hint, show, f" (allowed: {', '.join(EVENT_KINDS)})")
            self.bad(at + ("kind",), f"unknown event kind {show(kind)}{extra}")
        parties = self.strings(e, "parties", at)
        if not parties and "parties" not in e:
            self.missing(e, "parties", at)
        sources = self.event_sources(e.get("sources"), at)
        if eid is None or date is None or title is None or kind is None:
            return None
        return Event(
            id=eid,
            date=date,
            title=title,
            kind=kind,
            parties=parties,
            end=end,
            place=self.text(e, "place", at),
            versions=self.strings(e, "versions", at),
            summary=self.text(e, "summary", at),
            sources=sources,
        )

    def event_sources(self, raw: Any, at: tuple) -> tuple[Source, ...]:
        if not isinstance(raw, list) or not raw:
            where = at + ("sources",) if raw is not None else at
            self.bad(where, "an event needs sources: a non-empty list of {outlet, date, url}", raw is None)
            return ()
        out = []
        for i, s in enumerate(raw):
            sat = at + ("sources", i)
            if not isinstance(s, dict):
                self.bad(sat, f"a source is a mapping with outlet, date and url; got {type_name(s)}")
                continue
            self.fields(s, EVENT_SOURCE_FIELDS, sat, "an event source")
            outlet = self.text(s, "outlet", sat, True)
            url = self.text(s, "url", sat, True)
            if url is not None and not re.fullmatch(r"https?://\S+", url):
                self.bad(sat + ("url",), f"url must be an http(s) address; got {show(url)}")
            out.append(
                Source(
                    id=f"{at[1] + 1}.{i + 1}",
                    url=url,
                    outlet=outlet,
                    date=self.date(s, "date", sat, month=True),
                    title=self.text(s, "title", sat),
                    language=self.text(s, "language", sat),
                    caveats=self.caveats(s, sat),
                    note=self.text(s, "note", sat),
                )
            )
        return tuple(out)


def load_events(path: str | Path, plan_ids: set[str] | None = None) -> tuple[list[Event], list[Diagnostic]]:
    """Read and check an events file; with `plan_ids`, each event's versions must name one of them."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return [], [Diagnostic(name, 1, 1, f"cannot read file: {exc.strerror or exc}")]
    doc = read_yaml(name, raw)
    if doc.root is None:
        return [], doc.problems
    checker = _EventChecker(default_taxonomy())
    events = checker.events(doc.data)
    diagnostics = list(doc.problems) + [doc.error(w, m, k) for w, m, k in checker.problems]
    if plan_ids is not None:
        raw_events = doc.data.get("events") if isinstance(doc.data, dict) else None
        by_id = {e.get("id"): i for i, e in enumerate(raw_events or []) if isinstance(e, dict)}
        for event in events:
            for j, vid in enumerate(event.versions):
                if vid not in plan_ids:
                    hint = did_you_mean(vid, plan_ids)
                    extra = did_you_mean_suffix(hint, show)
                    diagnostics.append(
                        doc.error(
                            ("events", by_id[event.id], "versions", j),
                            f"versions names {show(vid)}, but no plan has that id{extra}",
                        )
                    )
    return events, sorted(set(diagnostics))
