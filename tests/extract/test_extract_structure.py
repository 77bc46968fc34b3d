"""Lists, "Point N:" paragraphs and headed sections: the lead or heading that names the version governs its items."""

from __future__ import annotations

from plandiff.extract.text import html_to_text


def got(ex, text):
    out = ex.extract(text, "t")
    for c in out:
        assert text[c.start : c.end] == c.quote
    return {(c.plan, c.provision, c.point) for c in out}


def test_bullets_under_a_lead_sentence(ex):
    text = (
        "Zelensky's 20-point plan includes:\n"
        "- Ukraine remains a non-nuclear state.\n"
        "- An all-for-all exchange of prisoners.\n"
        "- Elections as soon as possible after signing.\n"
    )
    assert got(ex, text) >= {
        ("ua-20-point", "nuclear.non_nuclear_status", None),
        ("ua-20-point", "humanitarian", None),
        ("ua-20-point", "elections", None),
    }


def test_point_paragraphs_keep_their_numbers(ex):
    text = (
        "The 28-point plan, point by point:\n\n"
        "Point 6: Ukraine's armed forces will be limited to 600,000 personnel.\n\n"
        "Point 7: Ukraine agrees to enshrine in its constitution that it will not join NATO.\n\n"
        "Point 25: Ukraine will hold elections within 100 days.\n"
    )
    assert got(ex, text) >= {
        ("us-28-point", "military.troop_cap", "6"),
        ("us-28-point", "nato.accession", "7"),
        ("us-28-point", "elections", "25"),
    }


def test_a_heading_governs_its_section_until_the_next(ex):
    text = (
        "What the European counterproposal changes\n\n"
        "The amnesty clause is deleted.\n\n"
        "The army cap is set at 800,000 in peacetime.\n\n"
        "What Zelensky's 20-point plan says\n\n"
        "Ukraine remains a non-nuclear state.\n"
    )
    cs = {(c.plan, c.provision, c.found) for c in ex.extract(text, "t")}
    assert cs >= {
        ("e3-counterproposal", "amnesty", "heading"),
        ("e3-counterproposal", "military.troop_cap", "heading"),
        ("ua-20-point", "nuclear.non_nuclear_status", "heading"),
    }


def test_a_list_without_a_named_version_stays_unattributed(ex):
    text = "Point 11: Ukraine remains a non-nuclear state.\nPoint 18: Elections as soon as possible after signing.\n"
    assert {plan for plan, _, _ in got(ex, text)} == {None}


def test_html_lists_keep_bullets_and_numbers(ex):
    page = (
        "<html><body><article><p>The 28-point plan would, among other things:</p><ol>"
        "<li>limit Ukraine's armed forces to 600,000 personnel;</li>"
        "<li>bar Ukraine from ever joining NATO.</li></ol></article></body></html>"
    )
    text = html_to_text(page)
    assert "1. limit" in text and "2. bar" in text
    assert got(ex, text) >= {("us-28-point", "military.troop_cap", "1"), ("us-28-point", "nato.accession", "2")}


def test_the_plan_introducing_a_clause_makes_must_its_content(ex):
    assert ("ru-istanbul-memorandum", "elections", None) in got(
        ex, "Russia's memorandum: Ukraine must hold elections within 100 days."
    )
    assert ("us-28-point", "elections", None) in got(
        ex, "The 28-point plan sets out what Kyiv would owe:\n- Ukraine must hold elections within 100 days.\n"
    )
    # …but a politician's "must" stays an opinion
    assert not got(ex, "The 28-point plan leaked. Zelensky said Ukraine must hold elections within 100 days.")
