"""Phrasings of provisions, values and stances that plain prose uses and the rules missed.

Every case is a sentence written for this file, in other words than any
evaluation set: the tests check a general mechanism (a field, a synonym a
reporter uses, a number written in words), not one paragraph. Same
conventions as test_extract_rules.py: a short article and the claims it
must (or must not) give.
"""

from __future__ import annotations

import pytest

from tests.support.claims import claims, has


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


# --- provisions named in plain prose, and keys that had no rule ------------------------------------


PROSE = [
    (
        "Under the 28-point plan Kyiv must renounce NATO in its constitution.",
        "2025-11-24",
        "us-28-point",
        "nato.accession",
        "barred-constitutionally",
    ),
    (
        "The E3 text says Russia is welcomed back into the Group of Eight.",
        "2025-11-24",
        "e3-counterproposal",
        "russia.g8",
        "readmission",
    ),
    (
        "The Russian memorandum also demands the lifting of restrictions on the Moscow-linked church.",
        "2025-06-03",
        "ru-istanbul-memorandum",
        "religion.uoc",
        "restrictions-lifted",
    ),
    (
        "Under the 12-point plan, Russia could rejoin international organisations.",
        "2025-10-31",
        "eu-ua-12-point",
        "russia.intl_organisations",
        "readmission",
    ),
    (
        "The 12-point plan offers Ukraine a fast track to the EU.",
        "2025-10-31",
        "eu-ua-12-point",
        "eu.membership",
        {"eligibility": "fast-track"},
    ),
    (
        "The revised US plan leaves NATO enlargement to Trump and Zelensky.",
        "2025-11-25",
        "geneva-revised",
        "nato.enlargement",
        "deferred-to-leaders",
    ),
    (
        "The revised US plan leaves Kyiv's NATO bid to the two presidents.",
        "2025-11-25",
        "geneva-revised",
        "nato.accession",
        "deferred-to-leaders",
    ),
    (
        "The Russian memorandum demands neutrality, without membership in military blocs.",
        "2025-06-03",
        "ru-istanbul-memorandum",
        "neutrality",
        "neutral-status",
    ),
    (
        "Under the 20-point plan, the Zaporizhzhia plant would be handed to a third party.",
        "2025-12-24",
        "ua-20-point",
        "nuclear.znpp",
        {"arrangement": "third-party-custody"},
    ),
    (
        "The 24-point plan: the nuclear plant back under Ukrainian control.",
        "2025-11-23",
        "eu-24-point",
        "nuclear.znpp",
        {"arrangement": "returned-to-ukraine"},
    ),
    (
        "The US draft says the alliance agrees not to station troops in Ukraine.",
        "2025-11-22",
        "us-28-point",
        "nato.troops_in_ukraine",
        "barred",
    ),
    (
        "The Russian memorandum wants no foreign troops, bases and military installations on Ukrainian soil.",
        "2025-06-03",
        "ru-istanbul-memorandum",
        "nato.troops_in_ukraine",
        "barred",
    ),
    (
        "Under the 24-point plan, friendly forces are welcome in Ukraine.",
        "2025-11-23",
        "eu-24-point",
        "nato.troops_in_ukraine",
        "friendly-forces-allowed",
    ),
    (
        "Under the London text, the minerals deal is implemented.",
        "2025-04-26",
        "ua-eu-london-apr2025",
        "economy.minerals_deal",
        "implement",
    ),
    (
        "The London text says Ukraine is to be fully rebuilt and compensated financially.",
        "2025-04-26",
        "ua-eu-london-apr2025",
        "reconstruction.compensation",
        {"full_reconstruction": True, "financial_compensation": True},
    ),
    (
        "Under the E3 text, a non-aggression pact would bind Russia, Ukraine and NATO.",
        "2025-11-24",
        "e3-counterproposal",
        "non_aggression",
        {"parties": ["Russia", "Ukraine", "NATO"]},
    ),
    (
        "The Paris declaration foresees long-term defence-industrial cooperation.",
        "2026-01-07",
        "paris-declaration",
        "security.defence_cooperation",
        {"long_term": True},
    ),
    (
        "The Paris declaration provides for truce monitoring led by the United States.",
        "2026-01-07",
        "paris-declaration",
        "ceasefire.monitoring",
        {"led_by": "United States"},
    ),
    (
        "The Paris declaration promises lasting support for Ukraine's army as the first line of defence.",
        "2026-01-07",
        "paris-declaration",
        "military.support",
        {"sustained": True, "first_line_of_defence": True},
    ),
    (
        "The Berlin declaration says the guarantees are binding, subject to national procedures.",
        "2025-12-16",
        "eu-berlin-statement",
        "implementation.ratification",
        {"national_procedures": True},
    ),
    (
        "Under the London text, those assets remain frozen until Russia makes good the damage.",
        "2025-04-26",
        "ua-eu-london-apr2025",
        "reconstruction.frozen_assets",
        {"frozen_until_russia_compensates": True},
    ),
]


@pytest.mark.parametrize(("text", "date", "plan", "key", "value"), PROSE)
def test_plain_prose_names_the_provision_and_its_value(ex, text, date, plan, key, value):
    cs = claims(ex, text, date)
    assert has(cs, plan, key, "included", value), cs


def test_a_multinational_force_its_name_and_domains(ex):
    cs = claims(
        ex,
        "The Berlin declaration foresees a multinational force Ukraine operating on land, at sea and in the air.",
        "2025-12-16",
    )
    v = value_of(cs, "eu-berlin-statement", "security.multinational_force")
    assert v["name"] == "Multinational Force Ukraine" and sorted(v["domains"]) == ["air", "land", "sea"]


def test_a_mechanism_to_monitor_the_ceasefire_stays_implementation_monitoring(ex):
    cs = claims(ex, "The Paris declaration sets up a US-led mechanism to verify the truce.", "2026-01-07")
    assert not any(c.provision == "ceasefire.monitoring" for c in cs)
