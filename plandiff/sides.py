"""The drafting sides (United States, Europe, Ukraine, Russia, joint) and which actor belongs to which.

The mapping is data (`plandiff/data/sides.yaml`), shared by the timeline's
lanes and the `versions` overview, so a new actor is one line there.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

import yaml

JOINT = "joint"


@dataclass(frozen=True)
class Sides:
    lanes: tuple[str, ...]
    actors: dict[str, str]
    short: dict[str, str]
    codes: dict[str, str]

    def lane(self, actors) -> str:
        """The one side all the actors belong to; joint when they span sides or one is not listed."""
        sides = {self.actors.get(a) for a in actors}
        only = sides.pop() if len(sides) == 1 else None
        return only if only is not None else JOINT

    def short_name(self, lane: str) -> str:
        return self.short.get(lane, lane)

    def label(self, actors) -> str:
        """A short name for who drafted something: its side, or for a joint text the sides' codes ("US+RU")."""
        lane = self.lane(actors)
        if lane != JOINT:
            return self.short_name(lane)
        sides = {self.actors.get(a) for a in actors}
        if None in sides or not all(s in self.codes for s in sides):
            return JOINT
        return "+".join(self.codes[s] for s in self.lanes if s in sides)


@functools.lru_cache(maxsize=1)
def default_sides() -> Sides:
    data = yaml.safe_load(resources.files("plandiff.data").joinpath("sides.yaml").read_text(encoding="utf-8"))
    return Sides(
        tuple(data["lanes"]), dict(data["actors"]), dict(data.get("short") or {}), dict(data.get("codes") or {})
    )
