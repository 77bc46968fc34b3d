"""Hypothesis strategies for the differ: valid `Plan` objects built in memory from the real taxonomy.

`plans()` draws one plan: a random subset of taxonomy keys plus a few
`custom.<slug>` keys, each value drawn from its key's value-type spec (the
same rules plandiff/load/values.py enforces), point numbers, summaries of
random words, evidence from the plan's declared sources, and now and then a
provision reported omitted or a disputed one (two or more claims, one of
them possibly a claim of omission).

`plan_pairs()` draws (a, b) where b is a after a few realistic edits: a
provision dropped, added, its value changed, its summary reworded, only
renumbered, only its evidence changed, reported omitted, disputed; and
occasionally the header or the list of sources. Each edit is recorded in
`b_edits` for failure messages.

Every plan drawn here round-trips through the loader without a problem:
`plan_from_data(plan.to_data())` gives the same plan back (tests/diff/test_diff_properties.py
asserts it), so what the property tests find is the differ's doing, not the data's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from typing import Any

from hypothesis import strategies as st

from plandiff.model import FULL_TEXT, OMITTED, PARTIAL, UNREPORTED, Claim, Evidence, Plan, Provision, Source
from plandiff.taxonomy import DURATION_UNITS, default_taxonomy

TAX = default_taxonomy()
TAXONOMY_KEYS = list(TAX.provisions)
CUSTOM_KEYS = ["custom.kakhovka_dam", "custom.black-sea-grain", "custom.x1", "custom.prisoner_list"]

# Words for summaries and free text: plain words, a few with punctuation or
# non-ASCII letters, and ones YAML would read as other types if unquoted.
WORDS = [
    "Russia",
    "Ukraine",
    "Europe",
    "NATO",
    "troops",
    "cap",
    "the",
    "a",
    "of",
    "and",
    "in",
    "peace",
    "guarantee",
    "is",
    "are",
    "not",
    "600,000",
    "800,000",
    "point",
    "Article",
    "5",
    "sanctions",
    "frozen",
    "assets",
    "Zaporizhzhia",
    "Kyiv's",
    "de",
    "facto",
    "line",
    "contact",
    "yes",
    "no",
    "null",
    "true",
    "1.5",
    "Донецьк",
    "Krym",
    "(AFP)",
    "—",
    "per-cent",
    "US$100bn",
    "#7",
    "&",
    "x:y",
]
SLUGS = ["alpha", "beta", "plan-x", "us-28-point", "draft-2", "v9"]


def _sentence(seed: int, min_words: int, max_words: int) -> str:
    rnd = random.Random(seed)
    text = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(min_words, max_words)))
    return text + rnd.choice(["", "", ".", ",", ";", "!"])


def sentences(min_words: int = 1, max_words: int = 12) -> st.SearchStrategy[str]:
    """Random words, drawn from one integer (text content need not shrink; it must be cheap to draw)."""
    return st.integers(0, 2**32).map(lambda seed: _sentence(seed, min_words, max_words))


short_text = sentences(1, 4)
iso_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)).map(dt.date.isoformat)
numbers = st.one_of(
    st.integers(-1000, 10**9), st.floats(-1e6, 1e12, allow_nan=False, allow_infinity=False).map(lambda f: round(f, 3))
)
nonneg_numbers = st.one_of(st.integers(0, 10**12), st.floats(0, 1e12, allow_nan=False, allow_infinity=False))
set_members = st.sampled_from(
    [
        "United States",
        "NATO",
        "Europe",
        "Russia",
        "Ukraine",
        "European signatories",
        "ai",
        "energy",
        "data-centres",
        "start",
        "un",
        "iaea",
        "Türkiye",
    ]
)


def value_strategy(spec: dict, top: bool = True) -> st.SearchStrategy[Any]:
    """Valid values of one taxonomy value-type spec (see plandiff/load/values.py)."""
    kind = spec["type"]
    if kind == "count":
        unit = spec["unit"]
        counts = st.fixed_dictionaries(
            {unit: st.integers(0, 2_000_000)},
            optional={"scope": st.sampled_from(spec["scopes"])} if spec["scopes"] else {},
        )
        return st.one_of(counts, st.sampled_from(spec["specials"])) if spec["specials"] else counts
    if kind == "enum":
        one = st.sampled_from(spec["values"])
        if spec.get("multiple"):
            return st.one_of(one, st.lists(one, min_size=1, max_size=3, unique=True))
        return one
    if kind == "set":
        # An empty set is valid; at the top it is kept to records (older Provision.to_data dropped a
        # top-level [] as "no value"), so the round trip stays independent of that.
        return st.lists(set_members, min_size=1 if top else 0, max_size=4, unique=True)
    if kind == "bool":
        return st.booleans()
    if kind == "integer":
        return st.integers(-(10**6), 10**9)
    if kind == "number":
        return numbers
    if kind == "text":
        return sentences(1, 8)
    if kind == "date":
        return iso_dates
    if kind == "year":
        return st.integers(1900, 2100)
    if kind == "money":
        return st.fixed_dictionaries({"amount": nonneg_numbers, "currency": st.sampled_from(["USD", "EUR", "GBP"])})
    if kind == "duration":
        return st.builds(
            lambda unit, n, ext: {unit: n, **({} if ext is None else {"extendable": ext})},
            st.sampled_from(DURATION_UNITS),
            st.one_of(st.integers(0, 100), st.floats(0, 100, allow_nan=False)),
            st.one_of(st.none(), st.booleans()),
        )
    if kind == "record":
        fields = spec["fields"]

        @st.composite
        def record(draw):
            names = draw(st.lists(st.sampled_from(list(fields)), min_size=1, max_size=len(fields), unique=True))
            return {n: draw(value_strategy(fields[n], top=False)) for n in names}

        return record()
    if kind == "any":  # custom keys: free-form data
        return st.one_of(
            short_text,
            st.integers(0, 100),
            st.booleans(),
            st.lists(set_members, min_size=1, max_size=3),
            st.fixed_dictionaries({"note": short_text}),
        )
    raise AssertionError(f"no strategy for value type {kind!r}")


def spec_of(key: str) -> dict:
    return TAX.get(key).value


@st.composite
def sources_strategy(draw) -> tuple[Source, ...]:
    n = draw(st.integers(1, 4))
    out = []
    for i in range(n):
        sid = f"s{i}" if draw(st.booleans()) else f"src-{i}"
        opt = {
            k: draw(st.one_of(st.none(), s))
            for k, s in (
                ("date", iso_dates),
                ("title", short_text),
                ("language", st.sampled_from(["en", "uk", "lv"])),
                ("note", short_text),
            )
        }
        if draw(st.booleans()):
            out.append(Source(id=sid, file=f"sources/{sid}.txt", **opt))
        else:
            out.append(
                Source(
                    id=sid,
                    url=f"https://example.org/{sid}",
                    outlet=draw(st.sampled_from(["Reuters", "AP", "liga.net", "Kyiv Independent"])),
                    **opt,
                )
            )
    return tuple(out)


@st.composite
def evidence_strategy(draw, sources: tuple[Source, ...]) -> tuple[Evidence, ...]:
    n = draw(st.integers(1, 3))
    out = []
    for _ in range(n):
        src = draw(st.sampled_from(sources))
        quote = draw(short_text) if src.file is not None else draw(st.one_of(st.none(), short_text))
        out.append(
            Evidence(
                source=src.id,
                quote=quote,
                note=draw(st.one_of(st.none(), short_text)),
                attribution=draw(st.sampled_from([None, None, None, "uncertain"])),
            )
        )
    return tuple(out)


points = st.one_of(
    st.integers(1, 30),
    st.from_regex(r"\A[1-9][0-9]?[a-d]?\Z"),
    st.lists(st.one_of(st.integers(1, 30), st.sampled_from(["21a", "21b", "7"])), min_size=1, max_size=2),
)


@st.composite
def provision_strategy(draw, key: str, sources: tuple[Source, ...], shape: str | None = None) -> Provision:
    """One valid provision; `shape` forces "plain", "omitted" or "disputed"."""
    spec = spec_of(key)
    shape = shape or draw(st.sampled_from(["plain"] * 6 + ["omitted", "disputed"]))
    point = draw(st.one_of(st.none(), points))
    summary = draw(sentences(2, 14))
    note = draw(st.one_of(st.none(), st.none(), short_text))
    if shape == "omitted":
        return Provision(key, point, summary, None, OMITTED, draw(evidence_strategy(sources)), (), note)
    if shape == "disputed":
        n = draw(st.integers(2, 3))
        omitted_at = draw(st.one_of(st.none(), st.integers(0, n - 1)))
        claims = []
        for i in range(n):
            ev = draw(evidence_strategy(sources))
            cnote = draw(st.one_of(st.none(), short_text))
            if i == omitted_at:
                claims.append(Claim(None, OMITTED, ev, cnote))
            else:
                claims.append(Claim(draw(value_strategy(spec)), "included", ev, cnote))
        return Provision(key, point, summary, None, "included", (), tuple(claims), note)
    value = (
        draw(st.one_of(st.none(), value_strategy(spec))) if draw(st.integers(0, 5)) == 0 else draw(value_strategy(spec))
    )
    return Provision(key, point, summary, value, "included", draw(evidence_strategy(sources)), (), note)


@st.composite
def plans(draw, plan_id: str | None = None, min_keys: int = 0, max_keys: int = 10) -> Plan:
    """A valid plan (passes `plan_from_data(plan.to_data())` with no problems)."""
    sources = draw(sources_strategy())
    keys = draw(st.lists(st.sampled_from(TAXONOMY_KEYS), min_size=min_keys, max_size=max_keys, unique=True))
    keys += draw(st.lists(st.sampled_from(CUSTOM_KEYS), max_size=2, unique=True))
    provisions = {k: draw(provision_strategy(k, sources)) for k in keys}
    pid = plan_id or draw(st.sampled_from(SLUGS))
    coverage = draw(st.sampled_from([FULL_TEXT, PARTIAL]))
    return Plan(
        id=pid,
        coverage=coverage,
        coverage_source=sources[0].id if coverage == FULL_TEXT else None,
        title=draw(sentences(1, 6)),
        date=draw(iso_dates),
        drafted_by=tuple(
            draw(st.lists(st.sampled_from(["United States", "Russia", "Ukraine", "E3"]), max_size=2, unique=True))
        ),
        status=draw(st.sampled_from(["leaked-draft", "counterproposal", "framework"])),
        revises=draw(st.one_of(st.none(), st.sampled_from(SLUGS))),
        responds_to=draw(st.one_of(st.none(), st.sampled_from(SLUGS))),
        point_count=draw(st.one_of(st.none(), st.integers(1, 40))),
        aliases=tuple(draw(st.lists(short_text, max_size=2, unique=True))),
        notes=draw(st.one_of(st.none(), sentences(3, 12))),
        sources=sources,
        provisions=provisions,
    )


# --- pairs -----------------------------------------------------------------

EDITS = (
    "drop",
    "add",
    "value",
    "reword",
    "renumber",
    "evidence",
    "omit",
    "dispute",
    "restore",
    "header",
    "source",
    "unreport",
    "coverage",
)


def reword(draw, summary: str) -> str:
    """A new summary that differs from the old one: a word swapped, inserted or deleted, or all new."""
    ws = summary.split(" ")
    how = draw(st.sampled_from(["swap", "insert", "delete", "new"]))
    if how == "swap":
        i = draw(st.integers(0, len(ws) - 1))
        ws[i] = draw(st.sampled_from([w for w in WORDS if w != ws[i]]))
    elif how == "insert":
        ws.insert(draw(st.integers(0, len(ws))), draw(st.sampled_from(WORDS)))
    elif how == "delete" and len(ws) > 1:
        del ws[draw(st.integers(0, len(ws) - 1))]
    else:
        ws = draw(sentences(2, 10)).split(" ")
    out = " ".join(ws)
    return out if out != summary else summary + " anew"


def new_point(draw, point: Any) -> Any:
    """A point number other than `point` (no rejection loop: that would starve the shrinker)."""
    p = draw(points)
    return p if p != point else (99 if point != 99 else 98)


def new_evidence(draw, sources, evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    """Evidence other than `evidence`, citing the same declared sources."""
    ev = draw(evidence_strategy(sources))
    if ev == evidence:
        src = sources[0]
        ev = evidence + (Evidence(source=src.id, quote="a further quote" if src.file else None),)
    return ev


@st.composite
def plan_pairs(draw, max_edits: int = 6) -> tuple[Plan, Plan, list[str]]:
    """(a, b, edits): b is a after 1..max_edits realistic edits, each named in `edits`."""
    a = draw(plans(min_keys=1))
    sources = a.sources
    provs = dict(a.provisions)
    header: dict[str, Any] = {}
    done: list[str] = []
    for edit in draw(st.lists(st.sampled_from(EDITS), min_size=1, max_size=max_edits)):
        keys = sorted(provs)
        if edit == "source":
            n = len(sources)
            sources = sources + (Source(id=f"added-{n}", url=f"https://example.net/{n}", outlet="AFP"),)
            done.append(edit)
            continue
        if edit == "coverage":  # the full text is published, or turns out to be known only in part
            full = header.get("coverage", a.coverage) == FULL_TEXT
            header["coverage"] = PARTIAL if full else FULL_TEXT
            header["coverage_source"] = None if full else sources[0].id
            done.append(f"coverage:{header['coverage']}")
            continue
        if edit == "header":
            name = draw(st.sampled_from(["title", "status", "point_count", "id", "date"]))
            header[name] = {
                "title": draw(sentences(1, 5)),
                "status": "revised-draft",
                "point_count": draw(st.integers(1, 40)),
                "id": draw(st.sampled_from(SLUGS)),
                "date": draw(iso_dates),
            }[name]
            done.append(f"header:{name}")
            continue
        if edit == "add":
            free = [k for k in TAXONOMY_KEYS + CUSTOM_KEYS if k not in provs]
            if free:
                k = draw(st.sampled_from(free))
                provs[k] = draw(provision_strategy(k, sources))
                done.append(f"add:{k}")
            continue
        if not keys:
            continue
        k = draw(st.sampled_from(keys))
        p = provs[k]
        if edit == "drop":
            del provs[k]
        elif edit == "value" and not p.omitted and not p.disputed and not p.unreported:
            provs[k] = dataclasses.replace(p, value=draw(value_strategy(spec_of(k))))
        elif edit == "reword":
            provs[k] = dataclasses.replace(p, summary=reword(draw, p.summary))
        elif edit == "renumber":
            provs[k] = dataclasses.replace(p, point=new_point(draw, p.point))
        elif edit == "evidence" and not p.disputed:
            provs[k] = dataclasses.replace(p, evidence=new_evidence(draw, sources, p.evidence))
        elif edit == "omit" and not p.omitted:
            provs[k] = dataclasses.replace(
                p, value=None, status=OMITTED, claims=(), evidence=p.evidence or draw(evidence_strategy(sources))
            )
        elif edit == "dispute":
            provs[k] = draw(provision_strategy(k, sources, shape="disputed"))
        elif edit == "unreport" and not p.unreported:
            provs[k] = Provision(k, p.point, p.summary, None, UNREPORTED, (), (), "No cited copy shows this point.")
        elif edit == "restore" and (p.omitted or p.disputed or p.unreported):
            provs[k] = draw(provision_strategy(k, sources, shape="plain"))
        else:
            continue
        done.append(f"{edit}:{k}")
    b = dataclasses.replace(a, sources=sources, provisions=provs, **header)
    return a, b, done


# --- single, targeted edits ----------------------------------------------------


@st.composite
def plan_and_key(draw, shape: str = "plain") -> tuple[Plan, str]:
    """A plan and one of its keys whose provision has the given shape."""
    a = draw(plans())
    key = draw(st.sampled_from(TAXONOMY_KEYS + CUSTOM_KEYS))
    provs = dict(a.provisions)
    provs[key] = draw(provision_strategy(key, a.sources, shape=shape))
    return dataclasses.replace(a, provisions=provs), key


def with_provision(plan: Plan, key: str, **changes) -> Plan:
    provs = dict(plan.provisions)
    provs[key] = dataclasses.replace(provs[key], **changes)
    return dataclasses.replace(plan, provisions=provs)
