"""The whole change vocabulary: one small frozen record per kind of change.

Every consumer (each renderer, `apply`) dispatches on the record's type, so a
new kind means one handler per consumer, and a test proves none is missing.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from plandiff.model import Plan, Provision


@dataclass(frozen=True)
class Detail:
    """One typed line of a change: `label: old → new (note)`; old/new None when absent."""

    label: str
    old: str | None = None
    new: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        if self.old is None and self.new is None:
            text = self.label
        else:
            values = f"{self.old} → {self.new}" if self.old is not None and self.new is not None \
                else (self.old if self.new is None else self.new)
            text = f"{self.label}: {values}" if self.label else values
        return f"{text} ({self.note})" if self.note else text


@dataclass(frozen=True)
class Change:
    """A provision as it stands in OLD and in NEW, and how they differ."""

    kind: ClassVar[str] = ""
    key: str
    label: str
    topic: str
    old: Provision | None
    new: Provision | None
    fields: tuple[str, ...] = ()
    details: tuple[Detail, ...] = ()
    words: tuple[tuple[int, str], ...] = ()  # summary word diff: (-1 deleted | 0 kept | 1 inserted, text)

    @property
    def description(self) -> str:
        """One line: "Troop cap: 600,000 → 800,000 personnel (+200,000, +33%); scope: …"."""
        return f"{self.label}: " + "; ".join(str(d) for d in self.details) if self.details else self.label


@dataclass(frozen=True)
class Added(Change):
    kind: ClassVar[str] = "added"


@dataclass(frozen=True)
class Dropped(Change):
    """In OLD, not in NEW; `new` holds NEW's `status: omitted` entry and its evidence, if any."""

    kind: ClassVar[str] = "dropped"


@dataclass(frozen=True)
class Changed(Change):
    kind: ClassVar[str] = "changed"


@dataclass(frozen=True)
class Renumbered(Change):
    """Only the point number moved: the text of the provision did not change."""

    kind: ClassVar[str] = "renumbered"


@dataclass(frozen=True)
class Unchanged(Change):
    """Same content; `fields` may still name evidence or notes that differ."""

    kind: ClassVar[str] = "unchanged"


KINDS: tuple[type[Change], ...] = (Added, Dropped, Changed, Renumbered, Unchanged)
KIND_NAMES = tuple(k.kind for k in KINDS)
MIRROR = {"added": "dropped", "dropped": "added", "changed": "changed", "renumbered": "renumbered",
          "unchanged": "unchanged"}


@dataclass(frozen=True)
class ChangeSet:
    """Everything that differs between two plan versions."""

    old: Plan
    new: Plan
    changes: tuple[Change, ...]
    header: dict[str, tuple] = field(default_factory=dict)  # field → (old, new)
    sources_differ: bool = False

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(KIND_NAMES, 0)
        for c in self.changes:
            out[c.kind] += 1
        return out

    def visible(self, show_all: bool = False) -> list[Change]:
        return [c for c in self.changes if show_all or not isinstance(c, Unchanged)]

    @property
    def differs(self) -> bool:
        """Whether the versions differ at all (diff(1)'s exit status 1)."""
        return bool(self.header or self.sources_differ or any(c.fields for c in self.changes))
