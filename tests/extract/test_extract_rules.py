"""The extraction rules on sentences nobody published: many phrasings per rule, and the known traps.

Each case is a short article and the claims it must (or must not) give, as
(plan, provision, stance, value). `...` as a value means "any value".
"""

from __future__ import annotations

import pytest

from plandiff.extract.data import load
from plandiff.extract.values import Numbers
from tests.support.claims import ANY, claims, has

# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("800,000", 800000),
        ("800 000", 800000),
        ("800\u202f000", 800000),
        ("800k", 800000),
        ("800 thousand", 800000),
        ("0.8 million", 800000),
        ("eight hundred thousand", 800000),
        ("half a million", 500000),
        ("1.2m", 1200000),
        ("$100bn", 100000000000),
        ("twenty-eight", 28),
    ],
)
def test_numbers_in_every_common_form(text, value):
    data = load()
    nums = Numbers(data["vocab"], data["compile"])
    m = nums.regex.search(text.lower().replace("\u202f", " ").replace("$", ""))
    assert m is not None and nums.value(m.group()) == value


# --- troop cap ----------------------------------------------------------------------------

CAP_800 = {"personnel": 800000, "scope": "peacetime"}


@pytest.mark.parametrize(
    "text",
    [
        "The European counterproposal caps Ukraine's armed forces at 800,000 in peacetime.",
        "Under the European counter-proposal, Ukraine's army would be limited to 800 000 troops in peacetime.",
        "The E3 text sets a ceiling of 800k personnel on the Ukrainian military during peacetime.",
        "Europe's counterproposal allows a peacetime army of up to 800 thousand soldiers.",
        "The European counterproposal puts a peacetime cap of eight hundred thousand troops on Ukraine's armed forces.",
        "The European counterproposal would limit Ukraine's military to 0.8 million personnel in peacetime.",
    ],
)
def test_troop_cap_phrasings(ex, text):
    cs = claims(ex, text)
    assert any(
        c.plan == "e3-counterproposal"
        and c.provision == "military.troop_cap"
        and c.value == CAP_800
        and c.stance in ("included", "changed")
        for c in cs
    ), cs


def test_troop_cap_unqualified_and_attributed_by_governing_mention(ex):
    cs = claims(
        ex,
        "The 28-point plan was leaked on Thursday. It would cap Ukraine's army at 600,000 troops, "
        "regardless of war or peace.",
    )
    assert has(cs, "us-28-point", "military.troop_cap", "included", {"personnel": 600000, "scope": "unqualified"})


def test_relative_change_uses_the_base_version(ex):
    cs = claims(ex, "The European counterproposal raised the ceiling on Ukraine's army by 200,000.")
    assert has(cs, "e3-counterproposal", "military.troop_cap", "changed", {"personnel": 800000})
    c = next(c for c in cs if c.provision == "military.troop_cap")
    assert c.relative_to == "us-28-point"


def test_from_to_gives_both_sides(ex):
    cs = claims(ex, "The European counterproposal lifts the cap on Ukraine's armed forces from 600,000 to 800,000.")
    assert has(cs, "e3-counterproposal", "military.troop_cap", "changed", {"personnel": 800000})
    assert has(cs, "us-28-point", "military.troop_cap", "included", {"personnel": 600000})


def test_comparison_yields_a_claim_for_each_side(ex):
    cs = claims(
        ex,
        "Unlike the US draft, which capped the army at 600,000, the European counterproposal sets "
        "the limit on Ukraine's armed forces at 800,000 in peacetime.",
    )
    assert has(cs, "us-28-point", "military.troop_cap", "included", {"personnel": 600000})
    assert has(cs, "e3-counterproposal", "military.troop_cap", "included", CAP_800)


@pytest.mark.parametrize(
    "text",
    [
        "The 24-point European plan sets no limits on Ukraine's armed forces.",
        "Under the 24-point European plan, Ukraine's armed forces will not be limited.",
    ],
)
def test_no_cap(ex, text):
    assert has(claims(ex, text), "eu-24-point", "military.troop_cap", "included", "no-cap")


@pytest.mark.parametrize(
    "text",
    [
        "The 19-point plan drops the cap on Ukraine's army.",
        "In the revised plan after Geneva, the army cap was removed.",
    ],
)
def test_cap_omitted(ex, text):
    assert has(claims(ex, text), "geneva-revised", "military.troop_cap", "omitted")


@pytest.mark.parametrize(
    "text",
    [
        # Ukraine's current strength is not a cap (facts brief, conflicting reports §3)
        "The European counterproposal was published on Sunday. 850,000 is Ukraine's current strength.",
        "The 28-point plan surfaced this week. Ukraine's army currently numbers about 880,000 troops.",
        "The European counterproposal says the army is now at 900,000 soldiers, officials estimate.",
        # a floor is not a cap (laregione)
        "Under the European counterproposal, Ukraine's forces will not fall below 800,000.",
        # other counts
        "The 28-point plan was discussed as Ukraine's armed forces detected 464 drones and 22 missiles.",
        "The 28-point plan came as Russia's army lost 1,000,000 casualties, Kyiv says.",
    ],
)
def test_troop_cap_traps(ex, text):
    cs = claims(ex, text)
    assert not any(c.provision == "military.troop_cap" and c.value not in (None, "no-cap") for c in cs), cs


# --- NATO --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("The 28-point plan would bar Ukraine from ever joining NATO.", "barred"),
        ("Under the 28-point plan, Ukraine would never join NATO.", "barred"),
        ("The 28-point plan requires Kyiv to renounce its NATO aspirations.", "barred"),
        (
            "The 28-point plan says Ukraine must enshrine in its constitution that it will not join NATO.",
            "barred-constitutionally",
        ),
        (
            "The European counterproposal makes NATO membership dependent on a consensus of the allies.",
            "depends-on-allied-consensus",
        ),
        ("The European counterproposal leaves the door open to NATO membership.", "not-barred"),
        ("The European counterproposal does not bar Ukraine from joining NATO.", "not-barred"),
        ("The European counterproposal permitted the possibility of Ukraine's accession to NATO.", "not-barred"),
        ("The 20-point plan does not mention NATO.", "not-addressed"),
    ],
)
def test_nato_accession_phrasings(ex, text, value):
    cs = claims(ex, text)
    assert any(c.provision == "nato.accession" and c.value == value for c in cs), cs


def test_nato_traps(ex):
    cs = claims(
        ex,
        "The 20-point plan was read out in Kyiv. Trump claimed that Nato forces, including British "
        "troops, avoided the frontline in Afghanistan. NATO deployed four aircraft over Romania.",
    )
    assert not any(c.provision.startswith("nato.") for c in cs), cs


# --- territory ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,key,value",
    [
        (
            "The 28-point plan recognises Crimea, Luhansk and Donetsk as de facto Russian.",
            "territory.crimea",
            ["recognized-de-facto-russian"],
        ),
        (
            "Under the 28-point plan, Lugansk would be recognized as de facto Russian.",
            "territory.luhansk",
            ["recognized-de-facto-russian"],
        ),
        (
            "The 28-point plan would freeze Kherson and Zaporozhye along the line of contact.",
            "territory.zaporizhzhia",
            ["frozen-at-line-of-contact"],
        ),
        (
            "The 28-point plan would require Ukraine to withdraw from the part of Donetsk it still holds.",
            "territory.donetsk",
            ["withdrawal"],
        ),
        ("The 28-point plan calls on Kyiv to cede the Donbass.", "territory.donetsk", ["withdrawal"]),
        (
            "The 28-point plan turns the area into a demilitarised buffer zone.",
            "territory.buffer_zone",
            ["demilitarized-zone"],
        ),
    ],
)
def test_territory_by_region(ex, text, key, value):
    cs = claims(ex, text)
    assert has(cs, "us-28-point", key, "included", value), cs


def test_territory_other_regions_and_no_military_means(ex):
    cs = claims(
        ex,
        "Under the 20-point plan, Russia would withdraw from the Kharkiv and Sumy regions. "
        "The 20-point plan says Ukraine will not retake occupied land by military means.",
    )
    assert has(
        cs,
        "ua-20-point",
        "territory.other_regions",
        "included",
        {"status": "russian-withdrawal", "regions": ["Kharkiv", "Sumy"]},
    )
    assert has(cs, "ua-20-point", "territory.no_military_recovery", "included")


def test_talks_from_line_of_contact_and_recognition_omitted(ex):
    cs = claims(
        ex,
        "The European counterproposal says talks on territory start from the line of contact. "
        "It omitted any recognition of Russian-held territory.",
    )
    assert has(cs, "e3-counterproposal", "territory.line_of_contact", "included", {"role": "starting-point-for-talks"})
    assert has(cs, "e3-counterproposal", "territory.recognition", "omitted")


@pytest.mark.parametrize(
    "text",
    [
        # a party's demand, not the plan
        "The European counterproposal was sent. Russia has insisted on the complete departure of Ukraine from Donbas.",
        # battlefield facts
        "The 28-point plan leaked. The armies of Moscow also control Crimea and parts of Kherson and Zaporizhzhia.",
        # an opinion about the plan
        "Macron criticised the 28-point plan. He added that only the Ukrainians could decide what territorial "
        "concessions they are ready to make.",
    ],
)
def test_territory_traps(ex, text):
    cs = claims(ex, text)
    assert not any(c.provision.startswith("territory.") and c.stance in ("included", "changed") for c in cs), cs


# --- guarantees ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The European counterproposal offers a US security guarantee mirroring NATO's Article 5.",
        "The European counterproposal includes a security guarantee similar to Article 5 from the US.",
        "Under the European counterproposal, the United States would give Ukraine an Article 5-like guarantee.",
    ],
)
def test_guarantee_article_5(ex, text):
    cs = claims(ex, text)
    c = next(c for c in cs if c.provision == "security.guarantee")
    assert c.plan == "e3-counterproposal" and c.value["article_5_like"] is True


def test_guarantee_not_article_5_and_wish_trap(ex):
    cs = claims(ex, "The 28-point plan offers security guarantees that fall short of Article 5.")
    assert has(cs, "us-28-point", "security.guarantee", "included")
    assert next(c for c in cs if c.provision == "security.guarantee").value.get("article_5_like") is False
    cs = claims(
        ex,
        "The 20-point plan was discussed. Ukraine is also keen for security guarantees as it fears "
        "Russia could start another aggression.",
    )
    assert not any(c.provision == "security.guarantee" for c in cs)


# --- omission, G8, other provisions ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text,plan,key",
    [
        ("The European counterproposal drops the full amnesty.", "e3-counterproposal", "amnesty"),
        ("In the 19-point plan, the amnesty clause was removed.", "geneva-revised", "amnesty"),
        (
            "The European counterproposal strikes out the clause that NATO will not expand further.",
            "e3-counterproposal",
            "nato.enlargement",
        ),
    ],
)
def test_omission_cues(ex, text, plan, key):
    assert has(claims(ex, text), plan, key, "omitted"), claims(ex, text)


def test_g8_kept_and_kallas_trap(ex):
    assert has(
        claims(ex, "The European counterproposal keeps the invitation for Russia to return to the G8."),
        "e3-counterproposal",
        "russia.g8",
        "included",
        "readmission",
    )
    cs = claims(
        ex,
        "Counterproposals formulated by the UK, France, and Germany were sent. Kaja Kallas said "
        "Russia should \u201cdefinitely not\u201d be allowed to rejoin the G8.",
    )
    assert not any(c.provision == "russia.g8" for c in cs), cs


@pytest.mark.parametrize(
    "text,key,value",
    [
        (
            "The 28-point plan says Ukraine will hold elections within 100 days.",
            "elections",
            {"timing": "within-deadline", "deadline": {"days": 100}},
        ),
        (
            "The 28-point plan says sanctions will be lifted in stages, case by case.",
            "sanctions.relief",
            {"approach": "staged-case-by-case"},
        ),
        (
            "The 28-point plan says Ukraine will remain a non-nuclear state.",
            "nuclear.non_nuclear_status",
            "non-nuclear-under-npt",
        ),
        (
            "The 28-point plan provides for an all-for-all prisoner exchange.",
            "humanitarian",
            {"pow_exchange": "all-for-all"},
        ),
        ("The 28-point plan would have NATO not station troops in Ukraine.", "nato.troops_in_ukraine", "barred"),
        ("The 28-point plan would put European fighter jets in Poland.", "nato.jets_in_poland", "european-jets"),
    ],
)
def test_other_provisions(ex, text, key, value):
    cs = claims(ex, text)
    assert has(cs, "us-28-point", key, "included", value), cs


def test_jeddah_truce_and_ceasefire(ex):
    cs = claims(
        ex,
        "Zelenskiy has proposed an air and sea truce. At the Jeddah talks, Ukraine accepted an "
        "immediate 30-day interim ceasefire along the entire front line, which can be extended.",
    )
    assert has(
        cs, "jeddah-truce", "ceasefire.air_sea", "included", {"domains": ["air", "sea"], "proposed_by": "Ukraine"}
    )
    c = next(c for c in cs if c.provision == "ceasefire")
    assert c.plan == "jeddah-truce" and c.value["duration"] == {"days": 30, "extendable": True}
    assert c.value["scope"] == "full-front"


# --- versions --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,plan",
    [
        ("Trump's peace plan would bar Ukraine from joining NATO.", "us-28-point"),
        ("Washington's proposal would bar Ukraine from joining NATO.", "us-28-point"),
        ("The US draft would bar Ukraine from joining NATO.", "us-28-point"),
        ("The updated and refined peace framework leaves the door open to NATO membership.", "geneva-revised"),
        ("The new plan, with fewer points than 28, leaves the door open to NATO membership.", "geneva-revised"),
        ("The 19-point draft leaves the door open to NATO membership.", "geneva-revised"),
        ("The 20-point framework does not mention NATO.", "ua-20-point"),
        ("Europe's 24-point plan makes NATO membership depend on allied consensus.", "eu-24-point"),
        ("The E3 counter-proposal makes NATO membership depend on allied consensus.", "e3-counterproposal"),
    ],
)
def test_version_phrasings(ex, text, plan):
    cs = claims(ex, text)
    assert any(c.provision == "nato.accession" and c.plan == plan for c in cs), cs


def test_gaza_twenty_point_plan_is_not_ukraines(ex):
    cs = claims(
        ex,
        "Trump's 20-point plan for Gaza calls for an immediate ceasefire and the return of all "
        "hostages. The plan would also bar Hamas from governing.",
    )
    assert not any(c.plan == "ua-20-point" for c in cs), cs
    cs = claims(ex, "Trump's 20-point plan for Gaza was agreed in October. The plan would freeze the front.")
    assert not any(c.plan for c in cs), cs


def test_no_version_means_null_plan(ex):
    cs = claims(ex, "Officials said a cap of 800,000 troops in peacetime was discussed.")
    c = next(c for c in cs if c.provision == "military.troop_cap")
    assert c.plan is None and c.value == CAP_800


# --- found while probing unseen phrasings ----------------------------------------------------


def test_up_from_the_other_version(ex):
    cs = claims(
        ex,
        "Europe's counterproposal, seen by Reuters, would cap Ukraine's army at 800,000 in peacetime, "
        "up from the 600,000 in the US draft.",
    )
    assert has(cs, "e3-counterproposal", "military.troop_cap", ANY, CAP_800)
    assert has(cs, "us-28-point", "military.troop_cap", "included", {"personnel": 600000})


def test_recognise_and_withdraw_in_one_sentence(ex):
    cs = claims(
        ex,
        "The US plan would see Ukraine recognise Crimea, Luhansk and Donetsk as de facto Russian and "
        "withdraw from the part of Donetsk it controls, which would become a demilitarised buffer zone.",
    )
    assert has(cs, "us-28-point", "territory.donetsk", "included", ["withdrawal"])
    assert has(cs, "us-28-point", "territory.crimea", "included", ["recognized-de-facto-russian"])
    assert not has(cs, "us-28-point", "territory.crimea", "included", ["withdrawal"])
    assert not any(c.value and "russian-withdrawal" in str(c.value) for c in cs)


@pytest.mark.parametrize(
    "text,plan,value",
    [
        ("Zelensky's 20-point plan keeps the army at 800,000 in peacetime.", "ua-20-point", CAP_800),
        (
            "According to the FT, the Geneva draft raises the cap to 800,000 troops in peacetime.",
            "geneva-revised",
            CAP_800,
        ),
        (
            "The 28-point plan would require Ukraine to cut its armed forces to 600,000.",
            "us-28-point",
            {"personnel": 600000},
        ),
    ],
)
def test_more_cap_phrasings(ex, text, plan, value):
    assert any(c.plan == plan and c.provision == "military.troop_cap" and c.value == value for c in claims(ex, text))


def test_guarantor_list(ex):
    cs = claims(ex, "The 20-point plan offers security guarantees mirroring Article 5 from the US, NATO and Europe.")
    c = next(c for c in cs if c.provision == "security.guarantee")
    assert c.value["guarantors"] == ["United States", "NATO", "European states"]


def test_a_cut_is_not_a_change_of_the_next_item(ex):
    cs = claims(
        ex, "The 28-point plan would require Ukraine to cut its armed forces to 600,000 and give up its NATO ambitions."
    )
    assert has(cs, "us-28-point", "nato.accession", "included", "barred")


def test_frozen_assets_money_and_share(ex):
    cs = claims(
        ex,
        "Washington's proposal says frozen Russian assets worth $100bn would be invested in US-led "
        "reconstruction, with the US receiving 50% of the profit.",
    )
    c = next(c for c in cs if c.provision == "reconstruction.frozen_assets")
    assert c.plan == "us-28-point"
    assert c.value == {
        "us_led_reconstruction": {"amount": 100000000000, "currency": "USD"},
        "us_profit_share_percent": 50,
    }


@pytest.mark.parametrize(
    "text,plan,value",
    [
        (
            "Ukraine's armed forces, currently about 880,000 strong, would be capped at 600,000 under the 28-point plan.",
            "us-28-point",
            {"personnel": 600000},
        ),
        (
            "Under the 28-point plan, Ukraine's army of 880,000 would be cut to 600,000.",
            "us-28-point",
            {"personnel": 600000},
        ),
        (
            "The counterproposal from Britain, France and Germany sets Ukraine's peacetime army at 800,000.",
            "e3-counterproposal",
            CAP_800,
        ),
    ],
)
def test_cap_beside_the_current_strength(ex, text, plan, value):
    cs = [c for c in claims(ex, text) if c.provision == "military.troop_cap"]
    assert [(c.plan, c.value) for c in cs] == [(plan, value)]


def test_a_cap_on_something_else_is_no_troop_cap(ex):
    cs = claims(
        ex,
        "Ukraine's gas imports would be capped at 600,000 tonnes under the 28-point plan, and the "
        "army is not affected.",
    )
    assert not any(c.provision == "military.troop_cap" for c in cs), cs


def test_path_to_nato_open(ex):
    # ("Europe's plan" alone could be the E3 edit or the 24-point text: the facts brief lists it as contested)
    cs = claims(ex, "Europe's counterproposal, unlike Washington's, keeps Ukraine's path to NATO open.")
    assert has(cs, "e3-counterproposal", "nato.accession", "included", "not-barred")


def test_relative_change_downwards(ex):
    cs = claims(ex, "The revised plan after Geneva cut the ceiling on Ukraine's army by 100,000.")
    c = next(c for c in cs if c.provision == "military.troop_cap")
    assert (c.plan, c.stance, c.value, c.relative_to) == (
        "geneva-revised",
        "changed",
        {"personnel": 500000},
        "us-28-point",
    )


def test_comparison_of_nato_terms(ex):
    cs = claims(
        ex,
        "Unlike the US draft, which bars Ukraine from NATO, the European counterproposal leaves the door "
        "open to membership.",
    )
    assert has(cs, "us-28-point", "nato.accession", "included", "barred")
    assert has(cs, "e3-counterproposal", "nato.accession", "included", "not-barred")
    cs = claims(
        ex,
        "The European counterproposal makes NATO membership depend on allied consensus, whereas the "
        "28-point plan would have Ukraine enshrine in its constitution that it will never join NATO.",
    )
    assert [(c.plan, c.value) for c in cs if c.provision == "nato.accession"] == [
        ("e3-counterproposal", "depends-on-allied-consensus"),
        ("us-28-point", "barred-constitutionally"),
    ]


# --- keys and values the 2025-26 documents brought --------------------------------------------


@pytest.mark.parametrize(
    "text,key,value",
    [
        ("Kyiv's memorandum does not recognise Crimea as Russian.", "territory.crimea", ["not-recognized"]),
        (
            "The April framework gives de jure US recognition of Russian control over Crimea.",
            "territory.crimea",
            ["recognized-de-jure-russian"],
        ),
        (
            "Moscow's memorandum calls for international recognition of Crimea and Kherson as part of Russia.",
            "territory.kherson",
            ["recognized-internationally-russian"],
        ),
        (
            "The Russian memorandum would make Russian an official language.",
            "language.russian_official",
            "official-language",
        ),
        (
            "The Russian memorandum would lift the restrictions on the Ukrainian Orthodox Church.",
            "religion.uoc",
            "restrictions-lifted",
        ),
        (
            "Under the London text, Ukraine would regain the Kakhovka dam.",
            "infrastructure.kakhovka_dam",
            "returned-to-ukraine",
        ),
        (
            "The Russian memorandum calls for a mutual renunciation of claims for war damage.",
            "reparations.waiver",
            "mutual-renunciation",
        ),
        (
            "The Paris Declaration commits the coalition to a multinational force for Ukraine, backed by the US.",
            "security.multinational_force",
            {"us_support": True},
        ),
    ],
)
def test_later_document_provisions(ex, text, key, value):
    cs = claims(ex, text)
    assert any(c.provision == key and c.value == value for c in cs), cs


def test_a_negated_status_quote_keeps_the_negation(ex):
    text = "Kyiv's memorandum does not recognise Crimea as Russian."
    c = next(c for c in claims(ex, text) if c.provision == "territory.crimea")
    assert c.quote.startswith("does not") or c.quote.startswith("not recognise")


@pytest.mark.parametrize(
    "text,key,value",
    [
        (
            "The 28-point plan says a Peace Council chaired by Trump will oversee the deal.",
            "implementation.monitoring",
            {"chair": "Trump"},
        ),
        (
            "The 20-point plan provides a US-led monitoring mechanism for the line of contact.",
            "implementation.monitoring",
            {"bodies": ["US-led"]},
        ),
        (
            "Zelensky's 20-point plan offers legally binding security guarantees for 15 years, which can be extended.",
            "security.guarantee",
            {"strength": "legally-binding", "duration": {"years": 15, "extendable": True}},
        ),
        (
            "The 19-point plan leaves the question of NATO to the two presidents.",
            "nato.accession",
            "deferred-to-leaders",
        ),
        ("Under the 28-point plan, Ukraine will not seek NATO membership.", "nato.accession", "barred"),
    ],
)
def test_monitoring_durations_deferral(ex, text, key, value):
    cs = claims(ex, text)
    assert any(c.provision == key and c.value == value for c in cs), cs
