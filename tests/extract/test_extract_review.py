"""General mechanisms a second reviewer's set (tests/extract_gold/fresh.yaml) exposed.

Every case here is built from a sentence other than the fresh-set paragraph
that showed the gap, so that the test checks the mechanism and not that
paragraph. Same conventions as test_extract_rules.py: a short article and the
claims it must (or must not) give.
"""

from __future__ import annotations

import pytest

from tests.support.claims import ANY, claims, has

# --- version phrases ------------------------------------------------------------------------


def test_a_possessive_after_a_comma_is_not_another_drafter(ex):
    """ "by Washington, Kyiv's forces …": Kyiv's begins the next noun phrase, not a co-drafter."""
    cs = claims(
        ex, "Under the proposal drawn up by Washington, Kyiv's forces would be capped at 600,000.", "2025-11-22"
    )
    assert has(cs, "us-28-point", "military.troop_cap", "included", {"personnel": 600000})
    phrase = ex.mentions.find  # the phrase itself ends at the drafter
    from plandiff.extract.keywords import lower_view
    from plandiff.extract.text import sentences, view

    text = "In the memorandum drafted by Moscow, Kyiv's army would be capped at 500,000."
    v = view(text)
    sents = sentences(v)
    lv = lower_view(v)
    found = phrase(lv, sents, ex.keywords.scan(lv, sents), v)
    assert [v[p.start : p.end] for p in found[0]] == ["the memorandum drafted by Moscow"]


def test_a_drafter_list_joined_by_commas_and_and_still_reads(ex):
    cs = claims(
        ex,
        "The counter-proposal written by France, Germany and Britain keeps the army at 800,000 in peacetime.",
        "2025-11-24",
    )
    assert has(cs, "e3-counterproposal", "military.troop_cap", "included", {"personnel": 800000, "scope": "peacetime"})


# --- opinions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Poland's president said Russia should be kept out of the G8 for good, and the G8 should not be revived.",
        "A senior senator argued that all sanctions ought to be eased once the guns fall silent.",
    ],
)
def test_a_prescription_inside_the_trigger_is_an_opinion(ex, text):
    assert claims(ex, text, "2025-11-25") == []


def test_a_prescription_in_the_plan_is_still_its_content(ex):
    cs = claims(ex, "The 28-point plan says sanctions should be lifted in stages, case by case.", "2025-11-22")
    assert has(cs, "us-28-point", "sanctions.relief", "included", {"approach": "staged-case-by-case"})


# --- values ---------------------------------------------------------------------------------


def test_no_field_is_read_past_a_contrast(ex):
    """What follows "instead of" / "rather than" is what the provision is not."""
    cs = claims(
        ex,
        "Under the E3 text, polls are to take place as soon as possible after the signing, instead of within 100 days.",
        "2025-11-24",
    )
    assert has(cs, "e3-counterproposal", "elections", "included", {"timing": "asap-after-signing"})


def test_a_deadline_in_n_days_is_a_deadline(ex):
    cs = claims(ex, "Russia's memorandum: elections take place in 100 days after martial law ends.", "2025-06-03")
    assert has(
        cs, "ru-istanbul-memorandum", "elections", "included", {"timing": "within-deadline", "deadline": {"days": 100}}
    )


# --- stance ---------------------------------------------------------------------------------


def test_no_longer_asking_for_recognition_is_an_omission(ex):
    """The demand is gone from the version; it does not say the region is not recognised."""
    cs = claims(
        ex,
        "Geneva's 19-point text no longer requires Ukraine to acknowledge Donetsk as de facto Russian.",
        "2025-11-27",
    )
    assert has(cs, "geneva-revised", "territory.donetsk", "omitted", None)
    assert not has(cs, ANY, "territory.donetsk", "included")


def test_not_recognising_is_still_a_refusal(ex):
    cs = claims(ex, "Kyiv's 20-point plan does not recognise Luhansk as Russian.", "2025-12-27")
    assert has(cs, "ua-20-point", "territory.luhansk", "included", ["not-recognized"])


def test_no_longer_capping_the_army_is_an_omission(ex):
    cs = claims(ex, "The 19-point plan no longer limits the Ukrainian armed forces.", "2025-11-27")
    assert has(cs, "geneva-revised", "military.troop_cap", "omitted", None)
    assert "no longer" in next(c.quote for c in cs if c.provision == "military.troop_cap")


def test_no_longer_capping_at_a_figure_says_nothing_certain(ex):
    cs = claims(ex, "The 19-point plan no longer limits the Ukrainian armed forces to 600,000.", "2025-11-27")
    assert not any(c.provision == "military.troop_cap" for c in cs)


# --- translated-sounding English ------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date,plan,key,value",
    [
        (
            "In the American variant the size of the armed forces is limited with 600 thousand.",
            "2025-11-22",
            "us-28-point",
            "military.troop_cap",
            {"personnel": 600000},
        ),
        (
            "In the memorandum of Kyiv the joining to NATO is dependent from the consensus of the allies.",
            "2025-06-02",
            "ua-istanbul-memorandum",
            "nato.accession",
            "depends-on-allied-consensus",
        ),
        (
            "The Russian memorandum demands to fix the neutral status of Ukraine.",
            "2025-06-03",
            "ru-istanbul-memorandum",
            "neutrality",
            "neutral-status",
        ),
        (
            "Under the 12-point plan the entry of Ukraine into the European Union is foreseen.",
            "2025-10-23",
            "eu-ua-12-point",
            "eu.membership",
            {"eligibility": "eligible"},
        ),
        (
            "The revised 20-point plan foresees EU membership as from 1 January 2027.",
            "2025-12-12",
            "ua-revised-20pt-dec2025",
            "eu.membership",
            {"eligibility": "membership-by-set-date"},
        ),
        (
            "The Russian memorandum asks for the recognition of Luhansk as Russian on the international level.",
            "2025-06-03",
            "ru-istanbul-memorandum",
            "territory.luhansk",
            ["recognized-internationally-russian"],
        ),
        (
            "Russia's memorandum: martial law in the country is cancelled, then elections are held.",
            "2025-06-03",
            "ru-istanbul-memorandum",
            "martial_law.lifting",
            {"lifted": True},
        ),
    ],
)
def test_translated_phrasings(ex, text, date, plan, key, value):
    assert has(claims(ex, text, date), plan, key, "included", value)


def test_a_renewable_term_is_extendable(ex):
    cs = claims(
        ex,
        "The bilateral guarantee agreement with Washington gives Ukraine security guarantees for a term "
        "of 15 years, renewable by mutual consent.",
        "2025-12-29",
    )
    assert has(
        cs,
        "us-ua-bilateral-guarantee",
        "security.guarantee",
        "included",
        {"duration": {"years": 15, "extendable": True}},
    )


def test_limited_by_a_figure_is_the_cap_not_a_change(ex):
    cs = claims(ex, "Under the 28-point plan the strength of the army is limited by 600 thousand.", "2025-11-22")
    assert has(cs, "us-28-point", "military.troop_cap", "included", {"personnel": 600000})
    cs = claims(ex, "The E3 edit raised the ceiling on Ukraine's army by 200,000.", "2025-11-24")
    assert has(cs, "e3-counterproposal", "military.troop_cap", "changed", {"personnel": 800000})


def test_a_version_phrase_ends_at_a_second_article(ex):
    """ "the American variant of the text the delegation of Kyiv studied": Kyiv is no drafter of it."""
    from plandiff.extract.keywords import lower_view
    from plandiff.extract.text import sentences, view

    v = view("In the American variant of the text the delegation of Kyiv studied, the army is capped at 600,000.")
    sents = sentences(v)
    lv = lower_view(v)
    found = ex.mentions.find(lv, sents, ex.keywords.scan(lv, sents), v)
    assert [v[p.start : p.end] for p in found[0]][0] == "the American variant"


# --- provision vocabulary -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date,plan,key,value",
    [
        (
            "The April US framework would see all sanctions on Moscow since 2014 removed.",
            "2025-04-26",
            "us-framework-apr2025",
            "sanctions.relief",
            {"approach": "lifted", "sanctions_since": 2014},  # the year is a field of its own since cd6f23e
        ),
        (
            "The Ukrainian memorandum calls for an all-for-all swap and the release of detained civilians.",
            "2025-06-02",
            "ua-istanbul-memorandum",
            "humanitarian",
            {"pow_exchange": "all-for-all", "civilians_returned": True},
        ),
        (
            "The Berlin statement backs Ukraine's military at a standing strength of 800,000 in peacetime.",
            "2025-12-16",
            "eu-berlin-statement",
            "military.troop_cap",
            {"personnel": 800000, "scope": "peacetime"},
        ),
        (
            "The Paris Declaration foresees a force led by European nations, backstopped by Washington.",
            "2026-01-07",
            "paris-declaration",
            "security.multinational_force",
            {"lead": "Europe", "us_support": True},
        ),
        (
            "The Berlin statement says those guarantees would be legally binding.",
            "2025-12-16",
            "eu-berlin-statement",
            "security.guarantee",
            {"strength": "legally-binding"},
        ),
        (
            "The 12-point plan sets up a commission which monitors the truce, with the Americans in charge of it.",
            "2025-10-23",
            "eu-ua-12-point",
            "implementation.monitoring",
            {"bodies": ["US-led"]},
        ),
        (
            "The prosperity plan would accelerate Ukraine's EU accession.",
            "2026-01-24",
            "prosperity-plan",
            "eu.membership",
            {"eligibility": "fast-track"},
        ),
        (
            "The Kremlin's memorandum: no NATO for Kyiv.",
            "2025-06-03",
            "ru-istanbul-memorandum",
            "nato.accession",
            "barred",
        ),
        (
            "The 20-point plan leaves the matter of the Zaporizhzhia power plant unresolved.",
            "2025-12-26",
            "ua-20-point",
            "nuclear.znpp",
            {"arrangement": "unresolved"},
        ),
        (
            "Kyiv's memorandum proposes a full truce by land, by sea and in the air lasting 30 days.",
            "2025-06-01",
            "ua-istanbul-memorandum",
            "ceasefire",
            {"scope": "air-land-sea", "duration": {"days": 30}},
        ),
    ],
)
def test_provision_vocabulary(ex, text, date, plan, key, value):
    assert has(claims(ex, text, date), plan, key, "included", value)


def test_a_clause_named_by_its_topic_can_be_dropped(ex):
    cs = claims(ex, "The Geneva revision deleted the clause about NATO expansion.", "2025-11-25")
    assert has(cs, "geneva-revised", "nato.enlargement", "omitted", None)


def test_a_plan_that_insists_is_stating_its_content(ex):
    cs = claims(ex, "The E3 counterproposal insists that there be no limits on Ukraine's armed forces.", "2025-11-24")
    assert has(cs, "e3-counterproposal", "military.troop_cap", "included", "no-cap")
    assert claims(ex, "Zelensky insists that there be no limits on Ukraine's armed forces.", "2025-11-24") == []


def test_a_relative_clause_of_the_document_is_its_content(ex):
    cs = claims(
        ex, "Moscow handed over a memorandum, in which is demanded that Ukraine gives up NATO membership.", "2025-06-03"
    )
    assert has(cs, "ru-istanbul-memorandum", "nato.accession", "included", "barred")


def test_a_delegation_that_hands_over_a_text_drafted_it(ex):
    cs = claims(ex, "Russia's delegation handed over a memorandum that would bar Ukraine from NATO.", "2025-06-03")
    assert has(cs, "ru-istanbul-memorandum", "nato.accession", "included", "barred")


# --- troop cap phrasings ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,date,plan,value",
    [
        (
            "Under the 20-point framework, Ukraine's military will stay at a peacetime strength of 800,000.",
            "2025-12-26",
            "ua-20-point",
            {"personnel": 800000, "scope": "peacetime"},
        ),
        (
            "The E3 counterproposal would let the armed forces number up to 800,000 in peacetime.",
            "2025-11-24",
            "e3-counterproposal",
            {"personnel": 800000, "scope": "peacetime"},
        ),
        (
            "The 20-point plan lets Kyiv retain 800,000 troops in peacetime.",
            "2025-12-26",
            "ua-20-point",
            {"personnel": 800000, "scope": "peacetime"},
        ),
        (
            "In the American plan, the Ukrainian military may not exceed 600,000 persons.",
            "2025-11-22",
            "us-28-point",
            {"personnel": 600000},
        ),
        (
            "The 28-point plan puts the ceiling at 600,000 for Ukraine's army, without any distinction between war and "
            "peace.",
            "2025-11-22",
            "us-28-point",
            {"personnel": 600000, "scope": "unqualified"},
        ),
        (
            "The E3 document proposes to set the size of the armed forces at a level of 800 thousand in the peaceful "
            "time.",
            "2025-11-25",
            "e3-counterproposal",
            {"personnel": 800000, "scope": "peacetime"},
        ),
    ],
)
def test_troop_cap_levels(ex, text, date, plan, value):
    assert has(claims(ex, text, date), plan, "military.troop_cap", "included", value)


def test_a_current_strength_kept_is_no_cap(ex):
    """ "keeps 880,000 troops at the front" is what the army has, said with no version."""
    cs = claims(ex, "Ukraine currently keeps about 880,000 troops under arms.", "2025-11-22")
    assert not any(c.provision == "military.troop_cap" for c in cs)


def test_a_change_verb_does_not_reach_the_next_coordinated_verb(ex):
    """ "softens its stance and returns all deported children": the return is not "changed" by "softens"."""
    cs = claims(
        ex, "Under the 12-point plan Moscow softens its stance and returns all deported children.", "2025-10-23"
    )
    assert has(cs, "eu-ua-12-point", "humanitarian", "included", {"children_returned": True})


def test_a_view_is_an_opinion(ex):
    assert (
        claims(
            ex,
            "A diplomat called it a surrender, since the deal in her view would cut the army to 600,000.",
            "2025-11-24",
        )
        == []
    )


def test_it_after_a_named_version_is_that_version(ex):
    text = "The Ukrainian memorandum was handed over on Monday. It also demands an all-for-all exchange of prisoners."
    assert has(
        claims(ex, text, "2025-06-02"),
        "ua-istanbul-memorandum",
        "humanitarian",
        "included",
        {"pow_exchange": "all-for-all"},
    )
    # …but not after a sentence about a party, or a bare "the proposal"
    assert (
        claims(ex, "Russia rejected the proposal. It demands an all-for-all exchange of prisoners.", "2025-06-02") == []
    )


def test_a_generic_head_whose_complement_is_guarantees_is_a_guarantee_document(ex):
    cs = claims(
        ex,
        "Washington's text on security guarantees, delivered with the 28 points, offers a commitment for ten years.",
        "2025-11-23",
    )
    assert has(cs, "us-guarantee-draft-nov2025", "security.guarantee", "included", {"duration": {"years": 10}})


@pytest.mark.parametrize(
    "text,date,plan,key,value",
    [
        # "and to <verb>" starts a new segment: the cut does not make the NATO clause "changed"
        (
            "The 28-point plan asks Ukraine to cut its army to 600,000 and to enshrine in its constitution a pledge "
            "never to join NATO.",
            "2025-11-22",
            "us-28-point",
            "nato.accession",
            "barred-constitutionally",
        ),
        (
            "The US draft foresees Kyiv giving up the rest of the Donbas, including Luhansk.",
            "2025-11-22",
            "us-28-point",
            "territory.luhansk",
            ["withdrawal"],
        ),
        (
            "The 12-point plan would freeze the current front lines in Zaporizhzhia.",
            "2025-10-23",
            "eu-ua-12-point",
            "territory.zaporizhzhia",
            ["frozen-at-line-of-contact"],
        ),
        (
            "Under the US text NATO would undertake not to deploy forces in Ukraine.",
            "2025-11-22",
            "us-28-point",
            "nato.troops_in_ukraine",
            "barred",
        ),
    ],
)
def test_coordination_and_verb_forms(ex, text, date, plan, key, value):
    assert has(claims(ex, text, date), plan, key, "included", value)


def test_leaving_open_the_question_of_the_plant(ex):
    cs = claims(
        ex, "Zelensky's 20-point framework left unresolved the future of the Zaporizhzhia power station.", "2025-12-26"
    )
    assert has(cs, "ua-20-point", "nuclear.znpp", "included", {"arrangement": "unresolved"})


# --- the later documents, and one status per region ---------------------------------------------


@pytest.mark.parametrize(
    "text,date,plan,key,value",
    [
        (
            "The Berlin statement says such guarantees are both politically and legally binding.",
            "2025-12-16",
            "eu-berlin-statement",
            "security.guarantee",
            {"strength": "legally-binding"},
        ),
        (
            "In the Paris Declaration Washington will head the ceasefire monitoring mechanism.",
            "2026-01-07",
            "paris-declaration",
            "implementation.monitoring",
            {"bodies": ["US-led"]},
        ),
        (
            "The prosperity plan seeks to unlock $800 billion for Ukraine's recovery.",
            "2026-01-24",
            "prosperity-plan",
            "reconstruction.package",
            {"target": {"amount": 800000000000, "currency": "USD"}},
        ),
        (
            "The April US framework would legally recognise Crimea as part of Russia.",
            "2025-04-26",
            "us-framework-apr2025",
            "territory.crimea",
            ["recognized-de-jure-russian"],
        ),
        (
            "The April US framework would recognise Russia's de facto control over Luhansk.",
            "2025-04-26",
            "us-framework-apr2025",
            "territory.luhansk",
            ["recognized-de-facto-russian"],
        ),
        (
            "Under the Ukrainian memorandum Russia hands back the abducted children.",
            "2025-06-02",
            "ua-istanbul-memorandum",
            "humanitarian",
            {"children_returned": True},
        ),
        (
            "The E3 text says frozen Russian central-bank assets are released only once Moscow pays reparations.",
            "2025-11-24",
            "e3-counterproposal",
            "reconstruction.frozen_assets",
            {"frozen_until_russia_compensates": True},
        ),
    ],
)
def test_later_document_phrasings(ex, text, date, plan, key, value):
    assert has(claims(ex, text, date), plan, key, "included", value)


def test_one_recognition_status_per_region(ex):
    """ "international legal recognition" is not also a de jure one; "formally recognise" not also de facto."""
    cs = claims(ex, "Russia's memorandum seeks international legal recognition of Kherson as Russian.", "2025-06-03")
    assert [c.value for c in cs if c.provision == "territory.kherson"] == [["recognized-internationally-russian"]]
    cs = claims(ex, "The April US framework would formally recognise Crimea as Russian.", "2025-04-26")
    assert [c.value for c in cs if c.provision == "territory.crimea"] == [["recognized-de-jure-russian"]]


@pytest.mark.parametrize(
    "text",
    [
        "Putin has said many times that Ukraine must pull out of Luhansk.",
        "Macron told reporters that Ukraine will never recognise Donetsk as Russian.",
    ],
)
def test_a_party_position_with_no_version_gives_no_claim(ex, text):
    assert claims(ex, text, "2025-11-25") == []


def test_officials_reporting_an_unnamed_draft_still_give_a_null_claim(ex):
    cs = claims(ex, "Officials said a ceiling of 700,000 troops in peacetime was being discussed.", "2025-12-02")
    assert has(cs, None, "military.troop_cap", "included", {"personnel": 700000, "scope": "peacetime"})


def test_the_party_that_says_something_in_a_statement_drafted_it(ex):
    cs = claims(
        ex,
        "European leaders agreed in a joint statement on a European-led multinational force backed by the US.",
        "2025-12-16",
    )
    assert has(
        cs, "eu-berlin-statement", "security.multinational_force", "included", {"lead": "Europe", "us_support": True}
    )


def test_a_region_named_for_another_version_is_not_this_ones(ex):
    text = (
        "While the 28-point plan freezes Kherson along the line of contact, the Ukrainian memorandum wants "
        "talks that begin from the line of contact."
    )
    cs = claims(ex, text, "2025-11-25")
    assert has(cs, "us-28-point", "territory.kherson", "included", ["frozen-at-line-of-contact"])
    assert not has(cs, "ua-istanbul-memorandum", "territory.kherson")


def test_the_alliance_alone_names_nato(ex):
    """An answer often says "the alliance" where the question said NATO."""
    cs = claims(ex, "The Russian memorandum would bar Kyiv from ever joining the alliance.", "2025-06-03")
    assert has(cs, "ru-istanbul-memorandum", "nato.accession", "included", "barred")


def test_a_duration_that_opens_the_answer(ex):
    cs = claims(ex, "A: Ten years under the US draft of security guarantees, and it could be renewed.", "2025-11-23")
    assert has(
        cs,
        "us-guarantee-draft-nov2025",
        "security.guarantee",
        "included",
        {"duration": {"years": 10, "extendable": True}},
    )


@pytest.mark.parametrize(
    "text,date,plan,key,value",
    [
        (
            "The Russian memorandum demands the renunciation of Ukraine from accession to NATO.",
            "2025-06-03",
            "ru-istanbul-memorandum",
            "nato.accession",
            "barred",
        ),
        (
            "In the 28-point plan it is written that the non-entry into NATO is anchored in the constitution of Ukraine.",
            "2025-11-22",
            "us-28-point",
            "nato.accession",
            "barred-constitutionally",
        ),
        (
            "By the E3 text the armed forces of Ukraine in time of peace shall number up to 800 thousand.",
            "2025-11-25",
            "e3-counterproposal",
            "military.troop_cap",
            {"personnel": 800000, "scope": "peacetime"},
        ),
        (
            "The 20-point plan gives security guarantees analogous to Article 5 from the USA.",
            "2025-12-26",
            "ua-20-point",
            "security.guarantee",
            {"article_5_like": True, "guarantors": ["United States"]},
        ),
        (
            "Under the E3 text the elections take place after the signing of the accord as soon as possible.",
            "2025-11-25",
            "e3-counterproposal",
            "elections",
            {"timing": "asap-after-signing"},
        ),
        (
            "The 28-point plan foresees the swap of all for all and a committee on humanitarian issues.",
            "2025-11-22",
            "us-28-point",
            "humanitarian",
            {"pow_exchange": "all-for-all", "committee": True},
        ),
    ],
)
def test_more_translated_phrasings(ex, text, date, plan, key, value):
    assert has(claims(ex, text, date), plan, key, "included", value)


def test_an_agreement_on_one_topic_is_not_a_version(ex):
    """ "a US-Ukraine minerals agreement" names no plan: the claim keeps the plan named before it."""
    cs = claims(
        ex,
        "The 20-point plan mentions a US-Ukraine minerals agreement and calls for the return of all deported children.",
        "2025-12-26",
    )
    assert has(cs, "ua-20-point", "humanitarian", "included", {"children_returned": True})
    assert not any(c.plan == "us-ua-bilateral-guarantee" for c in cs)


def test_a_bilateral_free_trade_agreement(ex):
    cs = claims(ex, "Kyiv's 20-point framework foresees a Ukrainian-American free trade zone.", "2025-12-26")
    assert has(cs, "ua-20-point", "economy.free_trade_us", "included", "accelerated-agreement")


def test_negotiated_from_the_line_of_contact(ex):
    cs = claims(
        ex,
        "Under the London counter-proposal, the future of Zaporizhzhia is to be negotiated on the basis of "
        "the current front line.",
        "2025-04-26",
    )
    assert has(cs, "ua-eu-london-apr2025", "territory.zaporizhzhia", "included", ["negotiation-from-line-of-contact"])


def test_a_chaired_board_that_oversees_and_children_to_be_brought_back(ex):
    cs = claims(
        ex,
        "The 28-point plan has a council chaired by Trump supervise the deal, and the children taken to "
        "Russia are to be brought back.",
        "2025-11-22",
    )
    assert has(cs, "us-28-point", "implementation.monitoring", "included", {"chair": "Trump"})
    assert has(cs, "us-28-point", "humanitarian", "included", {"children_returned": True})
