"""The whole change vocabulary: one small frozen record per kind of change.

Every consumer (each renderer, `apply`) dispatches on the record's type, so a
new kind means one handler per consumer, and a test proves none is missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar, overload

from plandiff.kinds.detail import Detail
from plandiff.model import HELD, SILENT, Plan, Provision

__all__ = [
    "Detail",
    "Change",
    "ChangeSet",
    "KINDS",
    "KIND_NAMES",
    "DIFFERENCE_KINDS",
    "MIRROR",
    "PLAN_HEADER_FIELDS",
    "Added",
    "Dropped",
    "Changed",
    "Renumbered",
    "Reworded",
    "Recited",
    "Unreported",
    "Unchanged",
]


@dataclass(frozen=True)
class Change:
    """A provision as it stands in OLD and in NEW, and how they differ.

    `old_state`/`new_state` say what each version is known to say about the
    provision (model.HELD, ABSENT or SILENT); `old`/`new` are the entries the
    files hold, None where a file lacks the key.
    """

    kind: ClassVar[str] = ""
    difference: ClassVar[bool] = False  # whether it makes the versions differ (totals, exit status)
    key: str
    label: str
    topic: str
    old: Provision | None
    new: Provision | None
    fields: tuple[str, ...] = ()
    details: tuple[Detail, ...] = ()
    words: tuple[tuple[int, str], ...] = ()  # summary word diff: (-1 deleted | 0 kept | 1 inserted, text)
    old_state: str = HELD
    new_state: str = HELD

    @property
    def description(self) -> str:
        """One line: "Troop cap: 600,000 → 800,000 personnel (+200,000, +33%); scope: …"."""
        return f"{self.label}: " + "; ".join(str(d) for d in self.details) if self.details else self.label


@dataclass(frozen=True)
class Added(Change):
    """Held in NEW; OLD is known not to hold it (omitted there, or OLD is a full text without it)."""

    kind: ClassVar[str] = "added"
    difference: ClassVar[bool] = True


@dataclass(frozen=True)
class Dropped(Change):
    """Held in OLD; NEW is known not to hold it. `new` holds NEW's `status: omitted` entry, if any."""

    kind: ClassVar[str] = "dropped"
    difference: ClassVar[bool] = True


@dataclass(frozen=True)
class Changed(Change):
    """Held in both, and the plan moved: its value, point, status or claims."""

    kind: ClassVar[str] = "changed"
    difference: ClassVar[bool] = True


@dataclass(frozen=True)
class Renumbered(Change):
    """Only the point number moved: the text of the provision did not change."""

    kind: ClassVar[str] = "renumbered"
    difference: ClassVar[bool] = True


@dataclass(frozen=True)
class Reworded(Change):
    """Same plan content; only our own summary or notes differ (evidence may differ too)."""

    kind: ClassVar[str] = "reworded"


@dataclass(frozen=True)
class Recited(Change):
    """Same plan content and wording; only the evidence cited for it differs."""

    kind: ClassVar[str] = "recited"


@dataclass(frozen=True)
class Unreported(Change):
    """One side says nothing about the provision: silence, not a difference."""

    kind: ClassVar[str] = "unreported"

    @property
    def silent(self) -> str:
        """Which side is silent: "old" or "new" (both only when neither holds it)."""
        return "old" if self.old_state == SILENT else "new"


@dataclass(frozen=True)
class Unchanged(Change):
    """Same content, wording and evidence (or known absent from both)."""

    kind: ClassVar[str] = "unchanged"


KINDS: tuple[type[Change], ...] = (Added, Dropped, Changed, Renumbered, Reworded, Recited, Unreported, Unchanged)
KIND_NAMES = tuple(k.kind for k in KINDS)
DIFFERENCE_KINDS = tuple(k.kind for k in KINDS if k.difference)
MIRROR = {**{k: k for k in KIND_NAMES}, "added": "dropped", "dropped": "added"}
# Header fields that are the plan's own; the others (notes, aliases, coverage) are our knowledge of it.
C = TypeVar("C", bound=Change)  # one kind asked for: the list holds that kind

PLAN_HEADER_FIELDS = ("id", "title", "date", "drafted_by", "status", "revises", "responds_to", "point_count")


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

    @property
    def differences(self) -> int:
        """How many provisions differ in the plan itself (silence, wording and evidence aside)."""
        return sum(1 for c in self.changes if c.difference)

    def visible(self, show_all: bool = False) -> list[Change]:
        return [c for c in self.changes if show_all or not isinstance(c, Unchanged)]

    @overload
    def of_kind(self, kind: type[C], /) -> list[C]: ...
    @overload
    def of_kind(self, *kinds: type[Change]) -> list[Change]: ...
    def of_kind(self, *kinds: type[Change]) -> list[Any]:
        return [c for c in self.changes if isinstance(c, kinds)]

    @property
    def differs(self) -> bool:
        """Whether the plans themselves differ (diff(1)'s exit status 1): a provision that
        differs, or a header field of the plan's own. Silence, our wording and new
        evidence are shown but do not make two versions different."""
        return self.differences > 0 or any(k in PLAN_HEADER_FIELDS for k in self.header)

    @property
    def edited(self) -> bool:
        """Whether the two files differ at all (wording, evidence, sources included)."""
        return bool(
            self.header
            or self.sources_differ
            or any(c.fields for c in self.changes)
            or any(c.old_state != c.new_state for c in self.changes)
        )
