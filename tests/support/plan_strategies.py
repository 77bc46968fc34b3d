"""Hypothesis strategies for valid plan files, built from the real taxonomy.

`plans()` draws `(data, articles)`: `data` is a plan exactly as `Plan.to_data()`
gives it back (every header field present, empty optional fields left out),
and `articles` maps each cited `file` (e.g. "sources/a1.txt") to the article
text, so every article quote is a real run of words from its article.
`write_plan(tmp_dir, data, articles)` lays them out as `tmp_dir/plans/<id>.yaml`
plus `tmp_dir/plans/sources/…` and returns the plan's path.

Differ tests can reuse `plans()`, `value_for(spec)` (a value of a taxonomy
value-type spec) and `provision_keys` (taxonomy keys with their specs).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from plandiff.taxonomy import DURATION_UNITS, default_taxonomy

TAXONOMY = default_taxonomy()
provision_keys: dict[str, dict] = {key: p.value for key, p in TAXONOMY.provisions.items()}

# Printable text with no control or line-separator characters: letters, digits,
# punctuation, symbols and spaces from all of Unicode.
_CHARS = st.characters(categories=["L", "N", "P", "S", "Zs"])
text = st.text(_CHARS, min_size=1, max_size=24).filter(lambda s: bool(s.strip()))
slug = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,15}\Z")
iso_date = st.dates().map(lambda d: d.isoformat())
# Articles are lowercase ASCII words, so an uppercase word is never in one.
word = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)
non_negative = st.one_of(st.integers(0, 10**12), st.floats(0, 1e15, allow_nan=False, allow_infinity=False))
number = st.one_of(st.integers(-(10**12), 10**12), st.floats(allow_nan=False, allow_infinity=False))

json_like = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-(10**9), 10**9), text),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(slug, inner, max_size=3)),
    max_leaves=8,
)


def value_for(spec: dict) -> st.SearchStrategy:
    """A strategy for values that the spec (a normalised taxonomy value type) accepts."""
    kind = spec["type"]
    if kind == "enum":
        one = st.sampled_from(spec["values"])
        if spec.get("multiple"):
            return st.one_of(one, st.lists(one, min_size=1, max_size=3, unique=True))
        return one
    if kind == "count":
        unit = spec["unit"]
        optional = {"scope": st.sampled_from(spec["scopes"])} if spec["scopes"] else {}
        shape = st.fixed_dictionaries({unit: st.integers(0, 10**7)}, optional=optional)
        return st.one_of(shape, st.sampled_from(spec["specials"])) if spec["specials"] else shape
    if kind == "set":
        return st.lists(text, max_size=4, unique=True)
    if kind == "bool":
        return st.booleans()
    if kind == "integer":
        return st.integers(-(10**12), 10**12)
    if kind == "year":
        return st.integers(1900, 2100)
    if kind == "number":
        return number
    if kind == "text":
        return text
    if kind == "date":
        return iso_date
    if kind == "money":
        return st.fixed_dictionaries({"amount": non_negative, "currency": st.from_regex(r"\A[A-Z]{3}\Z")})
    if kind == "duration":
        return st.builds(
            lambda unit, n, ext: {unit: n, **ext},
            st.sampled_from(DURATION_UNITS),
            non_negative,
            st.one_of(st.just({}), st.builds(lambda b: {"extendable": b}, st.booleans())),
        )
    if kind == "record":
        fields = spec["fields"]
        return st.sets(st.sampled_from(sorted(fields)), min_size=1).flatmap(
            lambda names: st.fixed_dictionaries({n: value_for(fields[n]) for n in sorted(names)})
        )
    if kind == "any":
        return json_like
    raise ValueError(f"no strategy for value type {kind!r}")


def _value_of(spec: dict) -> st.SearchStrategy:
    """A provision's or claim's value: not null (that means "no value") and not [].

    to_data() drops a value of [] as empty, so [] would not round-trip; only a
    custom key's free-form value (or a set) could be [].
    """
    if spec["type"] == "any":
        return st.one_of(
            st.booleans(),
            st.integers(-(10**9), 10**9),
            text,
            st.lists(json_like, min_size=1, max_size=3),
            st.dictionaries(slug, json_like, max_size=3),
        )
    return value_for(spec).filter(lambda v: v != [])


point = st.one_of(st.integers(1, 60), st.from_regex(r"\A[1-9][0-9]?[a-z]?\Z"))


@st.composite
def _sources(draw) -> tuple[list[dict], dict[str, str]]:
    ids = draw(st.lists(slug, min_size=1, max_size=4, unique=True))
    sources, articles = [], {}
    for sid in ids:
        optional = {
            k: draw(s)
            for k, s in (("date", iso_date), ("title", text), ("language", slug), ("note", text))
            if draw(st.booleans())
        }
        if draw(st.booleans()):
            file = f"sources/{sid}.txt"
            sentences = draw(st.lists(st.lists(word, min_size=3, max_size=10), min_size=1, max_size=4))
            articles[file] = "\n".join(" ".join(s).capitalize() + "." for s in sentences) + "\n"
            sources.append({"id": sid, "file": file, **optional})
        else:
            host = draw(slug)
            sources.append(
                {"id": sid, "url": f"https://{host}.example.org/{draw(slug)}", "outlet": draw(text), **optional}
            )
    return sources, articles


@st.composite
def _evidence(draw, sources: list[dict], articles: dict[str, str]) -> list[dict]:
    out = []
    for _ in range(draw(st.integers(1, 3))):
        src = draw(st.sampled_from(sources))
        ev: dict[str, Any] = {"source": src["id"]}
        if "file" in src:
            words = articles[src["file"]].split()
            start = draw(st.integers(0, len(words) - 1))
            end = draw(st.integers(start + 1, min(len(words), start + 8)))
            ev["quote"] = " ".join(words[start:end])
        elif draw(st.booleans()):
            ev["quote"] = draw(text)
        if draw(st.integers(0, 4)) == 0:
            ev["attribution"] = "uncertain"
        if draw(st.booleans()):
            ev["note"] = draw(text)
        out.append(ev)
    return out


@st.composite
def _provision(draw, spec: dict, sources: list[dict], articles: dict[str, str]) -> dict:
    p: dict[str, Any] = {"summary": draw(text)}
    if draw(st.booleans()):
        p["point"] = draw(st.one_of(point, st.lists(point, min_size=1, max_size=3)))
    mode = draw(st.sampled_from(["value", "value", "unknown-value", "omitted", "claims"]))
    if mode == "value":
        p["value"] = draw(_value_of(spec))
    elif mode == "omitted":
        p["status"] = "omitted"
    if mode == "claims":
        claims = []
        for _ in range(draw(st.integers(2, 3))):
            c: dict[str, Any] = {}
            if draw(st.integers(0, 3)) == 0:
                c["status"] = "omitted"
            else:
                c["value"] = draw(_value_of(spec))
            c["evidence"] = draw(_evidence(sources, articles))
            if draw(st.booleans()):
                c["note"] = draw(text)
            claims.append(c)
        p["claims"] = claims
    else:
        p["evidence"] = draw(_evidence(sources, articles))
    if draw(st.booleans()):
        p["note"] = draw(text)
    return p


@st.composite
def plans(draw, max_provisions: int = 6) -> tuple[dict, dict[str, str]]:
    """A valid plan as `Plan.to_data()` would give it, and its articles (file → text)."""
    sources, articles = draw(_sources())
    keys = draw(st.lists(st.sampled_from(sorted(provision_keys)), max_size=max_provisions, unique=True))
    keys += draw(st.lists(slug.map(lambda s: "custom." + s), max_size=1))
    provisions = {}
    for key in keys:
        spec = provision_keys.get(key, {"type": "any"})
        provisions[key] = draw(_provision(spec, sources, articles))
    data: dict[str, Any] = {
        "schema": "plandiff/1",
        "id": draw(slug),
        "title": draw(text),
        "date": draw(iso_date),
        "drafted_by": draw(st.lists(text, max_size=3)),
        "status": draw(slug),
        "revises": None,
        "responds_to": None,
        "point_count": draw(st.one_of(st.none(), st.integers(1, 60))),
        "coverage": "partial",
        "aliases": draw(st.lists(text, max_size=3)),
    }
    if sources and draw(st.booleans()):
        data["coverage"] = "full-text"
        data["coverage_source"] = draw(st.sampled_from([s["id"] for s in sources]))
    if draw(st.booleans()):
        data["notes"] = draw(text)
    data["sources"] = sources
    data["provisions"] = provisions
    return data, articles


def dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def write_plan(tmp_dir: str | Path, data: dict, articles: dict[str, str], text: str | bytes | None = None) -> Path:
    """Write `tmp_dir/plans/<id>.yaml` (the data dumped, or `text` as given) and its articles."""
    plans_dir = Path(tmp_dir) / "plans"
    (plans_dir / "sources").mkdir(parents=True, exist_ok=True)
    for file, article in articles.items():
        (plans_dir / file).write_text(article, encoding="utf-8")
    pid = data.get("id") if isinstance(data.get("id"), str) and data.get("id") else "plan"
    path = plans_dir / f"{pid}.yaml"
    body = dump(data) if text is None else text
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    return path
