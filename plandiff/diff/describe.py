"""Typed descriptions: what a value means and how it moved, from its taxonomy type.

A generic differ sees `600000` become `800000`; the troop cap's kind says
"troop cap: 600,000 → 800,000 personnel (+200,000, +33%)". The formatting and
comparing are the value kinds' (plandiff/kinds); these two functions are the
differ's and renderers' way in when they hold a spec rather than a kind.
"""

from __future__ import annotations

from typing import Any

from plandiff.kinds import Kind, kind_of
from plandiff.kinds.base import fmt_any
from plandiff.kinds.detail import Detail

__all__ = ["format_value", "compare_values", "fmt_any"]


def format_value(spec: Kind | dict | None, v: Any) -> str:
    """A short human form of a value of the given type, for reports and the matrix."""
    return kind_of(spec).format(v)


def compare_values(spec: Kind | dict | None, label: str, old: Any, new: Any) -> list[Detail]:
    """Details of how `old` became `new` (both present or absent); [] if equal."""
    return kind_of(spec).compare(label, old, new)
