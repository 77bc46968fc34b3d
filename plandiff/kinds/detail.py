"""One typed line of a change, the unit every value kind compares into.

It lives apart from the change vocabulary (diff/changes.py re-exports it) so
the value kinds, which the taxonomy builds at import time, need nothing from
the differ.
"""
from __future__ import annotations

from dataclasses import dataclass


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
