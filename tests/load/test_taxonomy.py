"""The taxonomy data file: valid, complete for the brief, and the single source of the docs."""

import pytest
import yaml

from plandiff import docs
from plandiff.taxonomy import TaxonomyError, build_taxonomy, default_taxonomy
from tests.support.paths import REPO

# Keys named in the facts brief's tables and its taxonomy extensions
# (meta.point_count is the plan header's point_count, not a provision).
BRIEF_KEYS = """sovereignty non_aggression nato.enlargement russia_nato.dialogue security.guarantee
military.troop_cap nato.accession nato.troops_in_ukraine nato.jets_in_poland eu.membership
reconstruction.package sanctions.relief economy.us_russia_cooperation russia.g8
reconstruction.frozen_assets implementation.monitoring non_aggression.legislation nuclear.arms_control
nuclear.non_nuclear_status nuclear.znpp minorities_language_religion territory.crimea territory.luhansk
territory.donetsk territory.kherson territory.zaporizhzhia territory.other_regions territory.buffer_zone
territory.no_forcible_change navigation.dnipro_black_sea humanitarian elections amnesty legal_force
ceasefire territory.no_military_recovery territory.line_of_contact territory.recognition territory.general
territory.free_economic_zone implementation.referendum neutrality ceasefire.air_sea ceasefire.energy
economy.free_trade_us economy.minerals_deal us_support.intel_and_aid""".split()


def raw_taxonomy():
    return yaml.safe_load((REPO / "plandiff" / "data" / "taxonomy.yaml").read_text(encoding="utf-8"))


def test_every_key_of_the_brief_is_in_the_taxonomy():
    assert set(BRIEF_KEYS) <= set(default_taxonomy().provisions)


def test_enum_vocabularies_named_by_the_plan_format():
    tax = default_taxonomy()
    assert tax.get("nato.accession").value["values"] == [
        "barred-constitutionally",
        "barred",
        "depends-on-allied-consensus",
        "not-barred",
        "not-addressed",
        "deferred-to-leaders",
    ]
    territory = tax.get("territory.donetsk").value
    assert territory["multiple"] is True
    for v in (
        "recognized-de-facto-russian",
        "frozen-at-line-of-contact",
        "negotiation-from-line-of-contact",
        "withdrawal",
        "demilitarized-zone",
        "free-economic-zone",
        "russian-withdrawal",
        "unresolved",
    ):
        assert v in territory["values"]
    cap = tax.get("military.troop_cap").value
    assert cap["type"] == "count" and cap["unit"] == "personnel" and "peacetime" in cap["scopes"]


def test_every_provision_has_a_known_topic_and_the_nine_topics_exist():
    tax = default_taxonomy()
    assert set(tax.topics) == {
        "security",
        "nato",
        "military",
        "territory",
        "economy",
        "nuclear",
        "humanitarian",
        "political",
        "implementation",
    }
    assert {p.topic for p in tax.provisions.values()} <= set(tax.topics)


def test_pax_crosswalk_is_recorded_where_it_fits():
    tax = default_taxonomy()
    assert tax.get("security.guarantee").pax == ("SsrGua",)
    assert tax.get("military.troop_cap").pax == ("SsrArm",)
    assert tax.get("amnesty").pax == ("TjAm",)
    assert "StBor" in tax.get("territory.crimea").pax


@pytest.mark.parametrize(
    "mutate, fragment",
    [
        (lambda d: d["provisions"]["military.troop_cap"].update(topic="weather"), "topic 'weather'"),
        (lambda d: d["provisions"]["nato.accession"]["value"].update(vocabulary="nope"), "unknown vocabulary"),
        (lambda d: d["provisions"]["military.troop_cap"].update(colour="red"), "unknown fields"),
        (
            lambda d: d["provisions"].update(
                {"custom.x": {"label": "x", "topic": "nato", "description": "x", "value": {"type": "text"}}}
            ),
            "reserved",
        ),
        (lambda d: d["provisions"]["elections"]["value"].update(type="blob"), "value type must be"),
    ],
)
def test_a_broken_taxonomy_is_refused_with_the_reason(mutate, fragment):
    data = raw_taxonomy()
    mutate(data)
    with pytest.raises(TaxonomyError, match=fragment):
        build_taxonomy(data)


def test_custom_keys_accept_any_value_and_unknown_keys_get_a_suggestion():
    tax = default_taxonomy()
    assert tax.get("custom.kakhovka_dam").value == {"type": "any"}
    assert tax.get("custom.Bad Slug") is None
    assert tax.suggest("military.troopcap") == "military.troop_cap"


def test_docs_page_is_generated_from_the_taxonomy():
    committed = (REPO / "docs" / "provisions.md").read_text(encoding="utf-8")
    assert committed == docs.render(default_taxonomy()), "run `python -m plandiff.docs` to regenerate"
