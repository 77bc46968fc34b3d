"""Every value kind, every operation: one row per kind, and check and the JSON Schema agree.

A new kind is one class in plandiff/kinds and one row in `ROWS`; the test
that the registry and the rows match fails until both exist.
"""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.kinds import ANY, KINDS, VALUE_KINDS, SpecContext, kind_of, parse_kind
from plandiff.taxonomy import default_taxonomy
from tests.support.plan_strategies import json_like, provision_keys, value_for

COUNT = {
    "type": "count",
    "unit": "personnel",
    "scopes": ["unqualified", "peacetime"],
    "specials": ["no-cap"],
    "none": "no-cap",
}
ENUM = {"type": "enum", "values": ["barred", "barred-constitutionally", "not-barred"], "multiple": True}
RECORD = {
    "type": "record",
    "fields": {"scope": {"type": "enum", "values": ["full", "partial"]}, "deadline": {"type": "duration"}},
}

# kind: (spec, good value, its format, bad value, the problem, old → new, details, docs starts with,
#        agreeing claim (equivalent, not equal), contradicting claim, chart number of the good value)
ROWS = {
    "count": (
        COUNT,
        {"personnel": 600000, "scope": "peacetime"},
        "600,000 personnel (peacetime)",
        {"personnel": -1},
        "personnel must be a whole number ≥ 0; got -1",
        ({"personnel": 600000}, {"personnel": 800000}),
        ["600,000 → 800,000 personnel (+200,000, +33%)"],
        "`{personnel: N, scope: …}`",
        {"personnel": 600000},
        {"personnel": 700000},
        600000.0,
    ),
    "enum": (
        ENUM,
        ["barred", "not-barred"],
        "barred + not-barred",
        "barrd",
        "unknown value 'barrd'; did you mean 'barred'?",
        ("barred", "not-barred"),
        ["barred → not-barred"],
        "one of `barred`",
        ["not-barred", "barred"],
        "barred-constitutionally",
        None,
    ),
    "set": (
        {"type": "set"},
        ["US", "EU"],
        "US, EU",
        ["US", "US"],
        "a member is listed twice",
        (["US"], ["EU"]),
        ["+EU, −US"],
        "a list of distinct names",
        ["EU"],
        ["NATO"],
        None,
    ),
    "bool": (
        {"type": "bool"},
        True,
        "true",
        "yes",
        "expected true or false; got a string",
        (True, False),
        ["true → false"],
        "`true` or `false`",
        None,
        False,
        None,
    ),
    "integer": (
        {"type": "integer"},
        3,
        "3",
        2.5,
        "expected an integer; got a number",
        (3, 4),
        ["3 → 4"],
        "integer",
        None,
        4,
        3.0,
    ),
    "number": (
        {"type": "number"},
        1.5,
        "1.5",
        "1.5",
        "expected a number; got a string",
        (1.5, 2),
        ["1.5 → 2"],
        "number",
        1.5 + 1e-12,
        1.6,
        1.5,
    ),
    "text": (
        {"type": "text"},
        "phased",
        "phased",
        " ",
        "expected non-empty text; got a string",
        ("phased", "at once"),
        ["phased → at once"],
        "free text",
        "in phases",
        None,
        None,
    ),
    "date": (
        {"type": "date"},
        "2026-01-06",
        "2026-01-06",
        "2026-02-30",
        "expected a date YYYY-MM-DD; got a string",
        ("2026-01-06", "2026-02-01"),
        ["2026-01-06 → 2026-02-01"],
        "a date",
        None,
        "2026-01-07",
        None,
    ),
    "year": (
        {"type": "year"},
        2014,
        "2014",
        14,
        "expected a year such as 2014; got an integer",
        (2014, 2022),
        ["2014 → 2022"],
        "a year",
        None,
        2015,
        None,
    ),
    "money": (
        {"type": "money"},
        {"amount": 1.5e9, "currency": "USD"},
        "$1.5bn",
        {"amount": 5},
        "money needs currency: a three-letter code such as USD or EUR",
        ({"amount": 1e11, "currency": "USD"}, {"amount": 2e11, "currency": "EUR"}),
        ["$100bn → 200bn EUR"],
        "`{amount: N, currency: USD}`",
        {"amount": 1.5e9 * (1 + 1e-12), "currency": "USD"},
        {"amount": 1.5e9, "currency": "EUR"},
        1.5e9,
    ),
    "duration": (
        {"type": "duration"},
        {"years": 1, "extendable": True},
        "1 year, extendable",
        {"weeks": 2},
        "a duration has exactly one of years, months, days",
        ({"years": 15}, {"years": 10}),
        ["15 years → 10 years"],
        "one of `{years: N}`",
        {"months": 12},
        {"months": 11},
        None,
    ),
    "record": (
        RECORD,
        {"scope": "full"},
        "scope: full",
        {"scop": "full"},
        "unknown field 'scop'; did you mean 'scope'?",
        ({"scope": "full"}, {"scope": "partial", "deadline": {"days": 30}}),
        ["scope: full → partial", "deadline: 30 days (newly stated)"],
        "a mapping with any of these fields",
        {"deadline": {"months": 1}},
        {"scope": "partial"},
        None,
    ),
}


def test_the_rows_cover_the_registry():
    assert set(ROWS) == set(KINDS) == set(VALUE_KINDS)


@pytest.fixture(params=sorted(ROWS))
def row(request):
    name = request.param
    spec, *rest = ROWS[name]
    problems: list[str] = []
    kind = parse_kind(spec, SpecContext({}, name, problems))
    assert problems == [] and kind.name == name
    return (kind, *rest)


def test_check_accepts_the_good_value_and_locates_the_bad_one(row):
    kind, good, _, bad, problem, *_ = row
    assert kind.check(good) == []
    assert problem in [msg for _, msg in kind.check(bad, ("value",))]
    assert all(at[0] == "value" for at, _ in kind.check(bad, ("value",)))


def test_schema_agrees_on_the_row_values(row):
    kind, good, _, bad, *_ = row
    schema = kind.schema()
    jsonschema.validate(good, schema)
    if bad not in (" ", "2026-02-30"):  # what a schema cannot say: blank text, a day that does not exist
        assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_docs_and_format(row):
    kind, good, text, _, _, _, _, docs, *_ = row
    assert kind.docs().startswith(docs)
    assert kind.doc_lines()[0].startswith("Value: ")
    assert kind.format(good) == text
    assert kind.format(None) == "?"


def test_compare_gives_typed_details(row):
    kind, _, _, _, _, (old, new), details, *_ = row
    assert [str(d) for d in kind.compare("", old, new)] == details
    assert kind.compare("", old, old) == []
    assert [str(d) for d in kind.compare("x", None, old)] == [f"x: {kind.format(old)} (value now known)"]


def test_claims_agree_when_equivalent_and_not_when_they_contradict(row):
    kind, good, _, _, _, _, _, _, agreeing, contradicting, _ = row
    assert kind.agrees(good, good) and kind.agrees(None, good) and kind.agrees(good, None)
    if agreeing is not None:
        assert agreeing != good or kind.name == "bool"
        assert kind.agrees(agreeing, good)
    if contradicting is not None:
        assert not kind.agrees(contradicting, good)


def test_chart_number(row):
    kind, good, *_, number = row
    assert kind.number(good) == number
    assert (kind.chart == "numeric") == (kind.name in ("count", "integer", "number", "money"))


def test_holds_and_merge_fill_in_record_fields_only():
    kind = kind_of(RECORD)
    assert kind.agrees({"deadline": {"days": 30}}, {"scope": "full"})
    assert not kind.holds({"deadline": {"days": 30}}, {"scope": "full"})
    assert kind.merge({"deadline": {"days": 30}}, {"scope": "full"}) == {"scope": "full", "deadline": {"days": 30}}
    assert kind_of({"type": "set"}).merge(["a"], ["b"]) == ["b"]


def test_custom_keys_and_unknown_fields_get_the_any_kind():
    tax = default_taxonomy()
    assert tax.kind("custom.kakhovka_dam") is ANY and tax.kind("no.such.key") is ANY
    assert ANY.check({"anything": [1, None]}) == [] and ANY.schema() == {}
    assert kind_of(RECORD).field("not_declared") is ANY
    assert kind_of({"type": "any"}) is ANY


def test_spec_problems_are_reported_where_they_are():
    problems: list[str] = []
    parse_kind(
        {
            "type": "record",
            "fields": {
                "a": {"type": "record", "fields": {"b": {"type": "bool"}}},
                "c": {"type": "enum", "vocabulary": "nope"},
                "d": {"type": "count"},
            },
        },
        SpecContext({}, "k", problems),
    )
    assert problems == [
        "k.c: unknown vocabulary 'nope'",
        "k.c: enum needs a non-empty list of string values",
        "k.d: count needs a unit",
        "k.a: records do not nest",
    ]


# --- check and the JSON Schema agree ----------------------------------------------

_SPECS = sorted(provision_keys.items())
# What a JSON Schema cannot say, so the schema accepts and the loader refuses: blank text, a day that does not
# exist, a whole number written as a float.
_SCHEMA_IS_WEAKER = (
    "non-empty text",
    "set members are non-empty strings",
    "a date YYYY-MM-DD",
    "must be a whole number",
    "expected an integer",
    "expected a year such as 2014; got a number",
)


def _near_misses(spec: dict) -> st.SearchStrategy:
    """Values a hand might write: the right shape with one part wrong, or something else entirely."""
    good = value_for(spec)
    broken = good.flatmap(
        lambda v: st.one_of(
            st.just(v),
            st.builds(
                lambda k, x: {**v, k: x},
                st.sampled_from(
                    ["scope", "amount", "currency", "years", "extendable", "personnel", "zz"]
                    + sorted(spec.get("fields", {}))
                ),
                json_like,
            )
            if isinstance(v, dict)
            else st.just(v),
            st.builds(lambda x: [*v, x], json_like) if isinstance(v, list) else st.just(v),
            st.just([v]),
            st.just({}),
            st.just([]),
        )
    )
    return st.one_of(good, broken, json_like, st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_SPECS).flatmap(lambda ks: st.tuples(st.just(ks), _near_misses(ks[1]))))
def test_check_and_the_json_schema_agree(drawn):
    (key, spec), value = drawn
    kind = default_taxonomy().kind(key)
    problems = [msg for _, msg in kind.check(value)]
    schema_ok = jsonschema.Draft202012Validator(kind.schema()).is_valid(value)
    if not problems:
        assert schema_ok, f"{key}: the schema refuses {value!r}, which the loader accepts"
    elif schema_ok:
        assert all(any(w in msg for w in _SCHEMA_IS_WEAKER) for msg in problems), (key, value, problems)
