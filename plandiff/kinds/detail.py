"""One typed line of a change, and the one function that words it.

A `Detail` carries data: a label, the old and new values (already in a
kind's words, or a figure with its unit), and for a figure that moved its
delta and percentage; for evidence, how many citations came and went. Every
renderer (text, Markdown, JSON, HTML) words it through `detail_words`, so
"600,000 → 800,000 personnel (+200,000, +33%)" is written in one place and
no renderer parses another's text. It lives apart from the change
vocabulary (diff/changes.py re-exports it) so the value kinds, which the
taxonomy builds at import time, need nothing from the differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


def num(n: object) -> str:
    if isinstance(n, bool):
        return str(n).lower()
    if isinstance(n, int):
        return f"{n:,}"
    if isinstance(n, float):
        return f"{n:,.0f}" if n.is_integer() else f"{n:,.2f}".rstrip("0")
    return str(n)


@dataclass(frozen=True)
class Detail:
    """One typed line of a change; old/new None when absent."""

    label: str
    old: str | int | float | None = None
    new: str | int | float | None = None
    note: str | None = None
    delta: int | float | None = None  # how far a figure moved (new − old)
    percent: float | None = None  # the same as a share of the old figure; None when that was 0
    unit: str | None = None  # what the figures count; said after the new one
    added: int = 0  # citations that came (an evidence line)
    removed: int = 0  # citations that went

    @property
    def measured(self) -> bool:
        """Whether the note says by how much something moved (a delta, or citations counted)."""
        return self.delta is not None or bool(self.added or self.removed)

    def __str__(self) -> str:
        return detail_text(self)


class Words(NamedTuple):
    """A detail in words: each part a string or None."""

    label: str
    old: str | None
    new: str | None
    note: str | None


def _signed(n: float) -> str:
    return f"{'+' if n >= 0 else '−'}{num(abs(n))}"


def detail_words(d: Detail) -> Words:
    """The words of each part of a detail: `label`, `old`, `new`, `note` (the JSON details, the HTML spans)."""
    old = None if d.old is None else num(d.old)
    new = None if d.new is None else num(d.new) + (f" {d.unit}" if d.unit else "")
    bits = []
    if d.delta is not None:
        bits.append(_signed(d.delta))
        if d.percent is not None:
            bits.append(f"{d.percent:+.0f}%".replace("-", "−"))
    counted = " ".join(b for b in (f"+{d.added}" if d.added else "", f"−{d.removed}" if d.removed else "") if b)
    note = ", ".join(bits) or counted or None
    if d.note:
        note = f"{note}, {d.note}" if note else d.note
    return Words(d.label, old, new, note)


def detail_text(d: Detail) -> str:
    """`label: old → new (note)`, the one-line form every report prints."""
    w = detail_words(d)
    if w.old is None and w.new is None:
        text = w.label
    else:
        one = w.old if w.new is None else w.new  # the side that is there (not both are None here)
        values = f"{w.old} → {w.new}" if w.old is not None and w.new is not None else one
        assert values is not None
        text = f"{w.label}: {values}" if w.label else values
    return f"{text} ({w.note})" if w.note else text
