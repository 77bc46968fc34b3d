"""The provision taxonomy, read from `data/taxonomy.yaml` and checked once.

Everything that knows about provision keys (the loader, the differ's typed
descriptions, the JSON Schema, the docs) reads it from here, so a key or an
enum value is added in one place: the data file.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

from plandiff.kinds import ANY, DURATION_UNITS, VALUE_KINDS, Kind, SpecContext, did_you_mean, parse_kind

__all__ = [
    "DURATION_UNITS",
    "VALUE_KINDS",
    "ProvisionType",
    "Taxonomy",
    "TaxonomyError",
    "build_taxonomy",
    "default_taxonomy",
    "did_you_mean",
]

CUSTOM_PREFIX = "custom."
CUSTOM_RE = re.compile(r"custom\.[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class ProvisionType:
    key: str
    label: str
    topic: str
    description: str
    kind: Kind  # what its values are: checked, described, compared and charted by the kind
    pax: tuple[str, ...] = ()

    @property
    def value(self) -> dict:
        """The normalised value-type spec, {"type": kind name, ...}, as data."""
        return self.kind.spec


@dataclass(frozen=True)
class Taxonomy:
    topics: dict[str, str]
    vocabularies: dict[str, dict[str, str]]
    provisions: dict[str, ProvisionType]

    def get(self, key: str) -> ProvisionType | None:
        """The type of a key; custom keys get a free-form type."""
        found = self.provisions.get(key)
        if found is None and CUSTOM_RE.fullmatch(key):
            slug = key[len(CUSTOM_PREFIX) :]
            return ProvisionType(
                key, slug.replace("_", " ").replace("-", " "), "custom", "A point that fits no taxonomy key.", ANY
            )
        return found

    def kind(self, key: str) -> Kind:
        """The kind of a key's values; "any" for a key the taxonomy does not know."""
        ptype = self.get(key)
        return ptype.kind if ptype else ANY

    def suggest(self, key: str) -> str | None:
        return did_you_mean(key, self.provisions)

    def topic_order(self) -> list[str]:
        return list(self.topics)


class TaxonomyError(ValueError):
    pass


def build_taxonomy(data: Any) -> Taxonomy:
    """Validate raw taxonomy data; raise TaxonomyError listing every problem."""
    problems: list[str] = []
    if not isinstance(data, dict) or data.get("schema") != "plandiff.taxonomy/1":
        raise TaxonomyError("taxonomy: expected a mapping with schema: plandiff.taxonomy/1")
    topics = data.get("topics") or {}
    vocabularies = data.get("vocabularies") or {}
    provisions: dict[str, ProvisionType] = {}
    for key, entry in (data.get("provisions") or {}).items():
        if not isinstance(key, str) or not re.match(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$", key):
            problems.append(f"{key!r}: provision keys are lowercase dotted names")
            continue
        if key.startswith(CUSTOM_PREFIX):
            problems.append(f"{key}: the custom. prefix is reserved for plan files")
        if not isinstance(entry, dict):
            problems.append(f"{key}: entry must be a mapping")
            continue
        unknown = set(entry) - {"label", "topic", "description", "value", "pax"}
        if unknown:
            problems.append(f"{key}: unknown fields {sorted(unknown)}")
        for req in ("label", "topic", "description", "value"):
            if req not in entry:
                problems.append(f"{key}: missing {req}")
        if entry.get("topic") not in topics:
            problems.append(f"{key}: topic {entry.get('topic')!r} is not one of {sorted(topics)}")
        provisions[key] = ProvisionType(
            key=key,
            label=str(entry.get("label", key)),
            topic=str(entry.get("topic")),
            description=str(entry.get("description", "")),
            kind=parse_kind(entry.get("value"), SpecContext(vocabularies, key, problems)),
            pax=tuple(entry.get("pax") or ()),
        )
    if problems:
        raise TaxonomyError("taxonomy is invalid:\n" + "\n".join(problems))
    return Taxonomy(dict(topics), {k: dict(v) for k, v in vocabularies.items()}, provisions)


@functools.lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    text = resources.files("plandiff").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")
    return build_taxonomy(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
