"""What a phrase naming a plan version says about it (`Cues`), and the phrase found (`Phrase`).

`mentions.py` reads them out of an article; `resolve.py` scores them against every plan file's metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SPECIFIC_KINDS = ("counterproposal", "memorandum", "declaration", "statement", "guarantee", "framework", "roadmap")


@dataclass
class Cues:
    """What a referring phrase says about the version it names."""

    points: int | None = None
    fewer_than: int | None = None
    parties: list[tuple[frozenset, bool, str | None]] = field(default_factory=list)  # (names, all required, group)
    places: list[str] = field(default_factory=list)
    either: list[tuple[frozenset, str]] = field(default_factory=list)  # a capital: party or place
    kind: str | None = None
    lineage: str | None = None  # original | revised
    months: list[tuple[int | None, int]] = field(default_factory=list)  # (year or None, month)
    relative_months: list[int] = field(default_factory=list)  # months back from the article's date
    years: list[int] = field(default_factory=list)
    before_places: list[str] = field(default_factory=list)
    before_months: list[tuple[int | None, int]] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # title/alias words ("~word": written in lower case)
    definite: bool = True  # "the/this/its …" refers back; "a …" introduces something new

    @property
    def discriminating(self) -> bool:
        """Whether the phrase says enough to score versions on (a bare "the plan" does not)."""
        return bool(
            self.points
            or self.fewer_than
            or self.parties
            or self.places
            or self.either
            or self.months
            or self.relative_months
            or self.years
            or self.before_places
            or self.before_months
            or self.names
            or (self.definite and (self.lineage == "original" or self.kind in SPECIFIC_KINDS))
        )

    def merge(self, got: Cues) -> None:
        """Take in what another stretch of the same phrase says."""
        self.points = self.points or got.points
        self.fewer_than = self.fewer_than or got.fewer_than
        self.parties += got.parties
        self.places += got.places
        self.either += got.either
        self.lineage = self.lineage or got.lineage
        self.months += got.months
        self.relative_months += got.relative_months
        self.years += got.years
        self.before_places += got.before_places
        self.before_months += got.before_months


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    version: str | None  # known at once for an alias
    cues: Cues | None
    dependent: bool  # "unlike the US draft", "a counterproposal to the US plan"


class MetadataReading:
    """A plan file's own header read through the phrase grammar: its kinds, places and drafters.

    Mixed into `mentions.MentionFinder`, which compiles the patterns named here.
    """

    head: re.Pattern[str]
    kind_after: list[tuple[str, re.Pattern[str]]]
    place_rx: re.Pattern[str]
    places: list[str]
    parties: list[tuple[str, re.Pattern[str]]]
    groups: list[tuple[str, re.Pattern[str], frozenset, bool]]

    def kinds_of(self, status: str | None, title: str | None, status_kinds: dict, aliases=()) -> frozenset:
        kinds = set()
        st = (status or "").lower()
        for k, p in status_kinds.items():
            if re.search(p, st):
                kinds.add(k)
                break
        t = (title or "").lower()
        m = self.head.search(t)
        if m is not None and m.lastgroup != "event":
            kinds.add(m.lastgroup)
        for a in aliases or ():  # "Geneva framework": a version's own names say what it is, if specifically
            m = self.head.search(a.lower())
            if m is not None and m.lastgroup in SPECIFIC_KINDS:
                kinds.add(m.lastgroup)
        # a kind its title or an alias names after a head ("Paris declaration on security guarantees")
        for text in (t, *(a.lower() for a in aliases or ())):
            for m in self.head.finditer(text):
                kinds.update(k for k, rx in self.kind_after if rx.match(text, m.end()))
        return frozenset(kinds or {"plan"})

    def places_in(self, *texts: str) -> set[str]:
        out = set()
        for t in texts:
            for m in self.place_rx.finditer((t or "").lower()):
                out.add(next(p for p in self.places if p.lower() == m.group(1)))
        return out

    def party_names(self, drafter: str) -> set[str]:
        """The party and group names a drafted_by entry stands for."""
        low = drafter.lower()
        out = {drafter}
        for name, rx in self.parties:
            if rx.fullmatch(low) or name.lower() == low:
                out.add(name)
        for name, grx, members, _ in self.groups:
            if drafter in members or grx.search(low) or out & members:
                out.add(f"group:{name}")
                if not any(rx.fullmatch(low) for _, rx in self.parties):
                    out.add(f"collective:{name}")  # "Coalition of the Willing", "European Commission"
        return out
