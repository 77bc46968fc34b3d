"""What a phrase naming a plan version says about it (`Cues`), and the phrase found (`Phrase`).

`mentions.py` reads them out of an article; `resolve.py` scores them against every plan file's metadata.
"""

from __future__ import annotations

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
