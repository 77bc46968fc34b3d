"""Phrasings of provisions, values and stances that plain prose uses and the rules missed.

Every case is a sentence written for this file, in other words than any
evaluation set: the tests check a general mechanism (a field, a synonym a
reporter uses, a number written in words), not one paragraph. Same
conventions as test_extract_rules.py: a short article and the claims it
must (or must not) give.
"""

from __future__ import annotations

import datetime as dt

ANY = ...


def claims(ex, text, date=None):
    out = ex.extract(text, "t", date=dt.date.fromisoformat(date) if date else None)
    for c in out:
        assert text[c.start : c.end] == c.quote
    return out


def has(cs, plan, key, stance=ANY, value=ANY):
    return any(
        c.plan == plan
        and c.provision == key
        and (stance is ANY or c.stance == stance)
        and (value is ANY or c.value == value)
        for c in cs
    )


def value_of(cs, plan, key):
    got = [c.value for c in cs if c.plan == plan and c.provision == key]
    assert got, f"no {key} claim for {plan}: {cs}"
    return got[0]


# --- ceasefire: scope, conditions, numbers in words -----------------------------------------------


def test_a_ceasefire_in_all_three_domains_unconditional_and_its_term_in_words(ex):
    cs = claims(
        ex,
        "The Ukrainian memorandum foresees a complete and unconditional truce on land, in the air and on the sea "
        "for a period of at least thirty days, with the option to prolong it.",
        "2025-06-01",
    )
    assert value_of(cs, "ua-istanbul-memorandum", "ceasefire") == {
        "scope": "air-land-sea",
        "unconditional": True,
        "duration": {"days": 30, "extendable": True},
    }


def test_a_ceasefire_with_a_count_of_days_before_it_a_hotline_and_a_start_within_24_hours(ex):
    cs = claims(
        ex,
        "The US plan proposes a sixty-day ceasefire across the entire front line, with a hotline between the "
        "militaries, to start within 24 hours.",
        "2025-06-01",
    )
    v = value_of(cs, "us-framework-apr2025", "ceasefire")
    assert v == {
        "timing": "within-24-hours-of-acceptance",
        "scope": "full-front",
        "duration": {"days": 60},
        "hotline": True,
    }


# --- humanitarian -----------------------------------------------------------------------------------


def test_an_exchange_of_all_prisoners_for_all_is_all_for_all(ex):
    cs = claims(ex, "The Ukrainian memorandum foresees the exchange of all prisoners of war for all.", "2025-06-01")
    assert has(cs, "ua-istanbul-memorandum", "humanitarian", "included", {"pow_exchange": "all-for-all"})
    cs = claims(
        ex,
        "The London text calls for an exchange of all captives for all and the return of deported children.",
        "2025-06-01",
    )
    assert value_of(cs, "ua-eu-london-apr2025", "humanitarian") == {
        "pow_exchange": "all-for-all",
        "children_returned": True,
    }


# --- sanctions --------------------------------------------------------------------------------------


def test_sanctions_since_a_year_and_their_snapback(ex):
    cs = claims(
        ex,
        "Under the London text, Western sanctions imposed since 2014 would be eased bit by bit over time and "
        "snap back if Moscow violates the deal.",
        "2025-06-01",
    )
    assert value_of(cs, "ua-eu-london-apr2025", "sanctions.relief") == {
        "approach": "phased",
        "snapback": True,
        "sanctions_since": 2014,
    }


def test_symbolic_sanctions_first_then_the_rest_gradually(ex):
    cs = claims(
        ex,
        "Under the 12-point plan, a few symbolic sanctions would go after the truce takes hold and the others would "
        "be eased gradually.",
        "2025-10-31",
    )
    v = value_of(cs, "eu-ua-12-point", "sanctions.relief")
    assert v["approach"] == "symbolic-first-then-gradual"


def test_an_interim_truce_and_immediate_only_next_to_the_truce(ex):
    cs = claims(
        ex, "The Jeddah statement backs an immediate, interim 45-day truce along the entire front.", "2025-03-11"
    )
    v = value_of(cs, "jeddah-truce", "ceasefire")
    assert v["timing"] == "interim" and v["duration"] == {"days": 45} and v["scope"] == "full-front"
    # "immediate" that belongs to the talks after it says nothing of the truce's timing
    cs = claims(
        ex, "The US framework, in four sections:\n1. A permanent truce and immediate technical talks.", "2025-04-25"
    )
    assert value_of(cs, "us-framework-apr2025", "ceasefire") == {"permanent": True}
    # "lasting 30 days" is a term, not permanence
    cs = claims(ex, "Kyiv's memorandum proposes a total truce lasting 30 days.", "2025-06-01")
    assert value_of(cs, "ua-istanbul-memorandum", "ceasefire") == {"duration": {"days": 30}}
