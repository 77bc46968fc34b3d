"""The order in which versions are read: by date, never before what they revise or answer."""

from __future__ import annotations

from plandiff.model import Plan


def lineage_order(plans: list[Plan]) -> list[Plan]:
    by_id = {p.id: p for p in plans}
    placed: list[Plan] = []
    done: set[str] = set()

    def place(p: Plan, trail: frozenset = frozenset()) -> None:
        if p.id in done or p.id in trail:
            return
        for parent in (p.revises, p.responds_to):
            if parent in by_id:
                place(by_id[parent], trail | {p.id})
        done.add(p.id)
        placed.append(p)

    for p in sorted(plans, key=lambda p: (p.date or "", p.id)):
        place(p)
    return placed
