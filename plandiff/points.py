"""A provision's point numbers in words, written once: "6", "point 6", "points 5, 10".

A point is a number, a sub-point ("21a"), or a list of them; None when the
version does not number the provision.
"""

from __future__ import annotations

from typing import Any


def point_list(point: Any) -> list:
    """The point numbers as a list ([] when unnumbered)."""
    if point is None:
        return []
    return list(point) if isinstance(point, list) else [point]


def point_numbers(point: Any) -> str:
    """ "5, 10" ("" when unnumbered)."""
    return ", ".join(map(str, point_list(point)))


def points_phrase(point: Any, plural: bool = True) -> str | None:
    """ "point 6", "points 5, 10" (or "point 5, 10" with plural=False, as the text reports say); None when unnumbered."""
    pts = point_list(point)
    if not pts:
        return None
    return ("points " if plural and len(pts) > 1 else "point ") + point_numbers(point)
