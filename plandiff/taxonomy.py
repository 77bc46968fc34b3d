"""The provision taxonomy, read from `data/taxonomy.yaml` and checked once.

Everything that knows about provision keys (the loader, the differ's typed
descriptions, the JSON Schema, the docs) reads it from here, so a key or an
enum value is added in one place: the data file.
"""
from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

VALUE_KINDS = ("count", "enum", "set", "bool", "integer", "number", "text", "date",
               "money", "duration", "record")
DURATION_UNITS = ("years", "months", "days")
CUSTOM_PREFIX = "custom."
CUSTOM_RE = re.compile(r"custom\.[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class ProvisionType:
    key: str
    label: str
    topic: str
    description: str
    value: dict  # a normalised value-type spec: {"type": kind, ...}
    pax: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    topics: dict[str, str]
    vocabularies: dict[str, dict[str, str]]
    provisions: dict[str, ProvisionType]

    def get(self, key: str) -> ProvisionType | None:
        """The type of a key; custom keys get a free-form type."""
        found = self.provisions.get(key)
        if found is None and CUSTOM_RE.fullmatch(key):
            slug = key[len(CUSTOM_PREFIX):]
            return ProvisionType(key, slug.replace("_", " ").replace("-", " "), "custom",
                                 "A point that fits no taxonomy key.", {"type": "any"})
        return found

    def suggest(self, key: str) -> str | None:
        return did_you_mean(key, self.provisions)

    def topic_order(self) -> list[str]:
        return list(self.topics)


def did_you_mean(word: str, choices) -> str | None:
    if len(str(word)) > 100:  # difflib is quadratic; nothing that long is a typo of a key
        return None
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return match[0] if match else None


class TaxonomyError(ValueError):
    pass


def _normalise_spec(spec: Any, vocabularies: dict, where: str, problems: list[str]) -> dict:
    if not isinstance(spec, dict) or spec.get("type") not in VALUE_KINDS:
        problems.append(f"{where}: value type must be a mapping with type one of {', '.join(VALUE_KINDS)}")
        return {"type": "text"}
    spec = dict(spec)
    kind = spec["type"]
    if kind == "enum":
        if "vocabulary" in spec:
            vocab = vocabularies.get(spec["vocabulary"])
            if vocab is None:
                problems.append(f"{where}: unknown vocabulary {spec['vocabulary']!r}")
                vocab = {}
            spec["values"] = list(vocab)
        values = spec.get("values")
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            problems.append(f"{where}: enum needs a non-empty list of string values")
            spec["values"] = []
        elif len(set(values)) != len(values):
            problems.append(f"{where}: enum values repeat")
        spec.setdefault("multiple", False)
    elif kind == "count":
        if not isinstance(spec.get("unit"), str):
            problems.append(f"{where}: count needs a unit")
        spec.setdefault("scopes", [])
        spec.setdefault("specials", [])
    elif kind == "record":
        fields = spec.get("fields")
        if not isinstance(fields, dict) or not fields:
            problems.append(f"{where}: record needs fields")
            fields = {}
        spec["fields"] = {name: _normalise_spec(f, vocabularies, f"{where}.{name}", problems)
                          for name, f in fields.items()}
        for name, f in spec["fields"].items():
            if f["type"] == "record":
                problems.append(f"{where}.{name}: records do not nest")
    return spec


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
            key=key, label=str(entry.get("label", key)), topic=str(entry.get("topic")),
            description=str(entry.get("description", "")),
            value=_normalise_spec(entry.get("value"), vocabularies, key, problems),
            pax=tuple(entry.get("pax") or ()))
    if problems:
        raise TaxonomyError("taxonomy is invalid:\n" + "\n".join(problems))
    return Taxonomy(dict(topics), {k: dict(v) for k, v in vocabularies.items()}, provisions)


@functools.lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    text = resources.files("plandiff").joinpath("data/taxonomy.yaml").read_text(encoding="utf-8")
    return build_taxonomy(yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
