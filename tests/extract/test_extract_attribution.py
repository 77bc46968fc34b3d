"""Which version a claim speaks of: mechanisms a blind set's failure classes called for.

Every sentence here is written for this file, in other words than the set that
showed the gap, so each test checks the mechanism (two versions in a sentence,
a question and its answer, a list's lead, a description of a version, a
back- or forward reference) and not a paragraph. Same conventions as
test_extract_review.py: a short article and the claims it must (or must not) give.
"""

from __future__ import annotations

import datetime as dt

from tests.support.claims import claims, has


def plans_of(cs, key):
    return sorted(str(c.plan) for c in cs if c.provision == key)


# --- two versions in one sentence -----------------------------------------------------------


def test_a_comparison_set_off_by_commas_does_not_take_the_claim_after_it(ex):
    """ "The Geneva draft, unlike the US plan, caps …": the comparison governs only its own words."""
    cs = claims(ex, "The Geneva draft, unlike the US plan, caps the army at 800,000.", "2025-11-25")
    assert plans_of(cs, "military.troop_cap") == ["geneva-revised"]


def test_a_figure_compared_with_another_version_ends_at_the_comma(ex):
    """ "…, against 600,000 in the US plan, and lets …": what follows is the subject's content again."""
    cs = claims(
        ex,
        "The European counterproposal sets the army at 800,000 in peacetime, against 600,000 in the US plan, "
        "and lets NATO membership depend on allied consensus.",
        "2025-11-25",
    )
    assert has(cs, "e3-counterproposal", "military.troop_cap", value={"personnel": 800000, "scope": "peacetime"})
    assert has(cs, "us-28-point", "military.troop_cap", value={"personnel": 600000})
    assert plans_of(cs, "nato.accession") == ["e3-counterproposal"]


def test_a_version_named_as_a_complement_of_another_phrase_is_not_the_subject(ex):
    """ "A counterproposal to the US plan caps …": the cap is the counterproposal's, never the US plan's."""
    cs = claims(ex, "A counterproposal to the US plan caps the army at 800,000.", "2025-11-25")
    assert "us-28-point" not in plans_of(cs, "military.troop_cap")


def test_a_version_cut_to_fewer_points_is_the_shorter_version(ex):
    """ "has been trimmed from 28 to 19 points": the phrase names the 19-point text, not its 28-point base."""
    cs = claims(
        ex,
        "The draft has been trimmed from 28 to 19 points, officials said. The amnesty clause was deleted.",
        "2025-11-26",
    )
    assert plans_of(cs, "amnesty") == ["geneva-revised"]
    cs = claims(
        ex, "The American text was slimmed down to 19 points. Its clause on the amnesty was dropped.", "2025-11-26"
    )
    assert plans_of(cs, "amnesty") == ["geneva-revised"]


def test_the_count_a_version_was_cut_to_overrides_the_count_it_had(ex):
    """ "The 28-point plan has been cut to 19 points and no longer includes …": the 19-point text's omission."""
    cs = claims(ex, "The 28-point plan has been cut to 19 points and no longer includes the amnesty.", "2025-11-26")
    assert plans_of(cs, "amnesty") == ["geneva-revised"]


def test_both_gives_the_claim_to_each_version_named_before(ex):
    cs = claims(
        ex,
        "Kyiv's memorandum and the London text were handed over in spring. "
        "Both call for the return of all deported children.",
        "2025-06-26",
    )
    assert plans_of(cs, "humanitarian") == ["ua-eu-london-apr2025", "ua-istanbul-memorandum"]
    cs = claims(
        ex, "The Geneva draft keeps much of the 28-point plan: both cap Ukraine's army at 600,000.", "2025-11-26"
    )
    assert plans_of(cs, "military.troop_cap") == ["geneva-revised", "us-28-point"]


def test_both_reaches_every_complement_of_its_verb(ex):
    """ "both foresee A, B, and that C": C is still what both foresee."""
    cs = claims(
        ex,
        "The Ukrainian memorandum follows the London text closely: both foresee the return of all deported "
        "children, an all-for-all prisoner exchange, and that Russian assets stay frozen until Russia compensates "
        "the damage.",
        "2025-06-03",
    )
    assert plans_of(cs, "reconstruction.frozen_assets") == ["ua-eu-london-apr2025", "ua-istanbul-memorandum"]


def test_a_version_that_another_replaces_is_not_the_subject_of_the_next_verb(ex):
    """ "The 20-point framework replaces the Geneva draft and keeps …": the framework keeps it."""
    cs = claims(
        ex,
        "The 20-point framework replaces the Geneva draft and keeps Ukraine's army at 800,000 in peacetime.",
        "2025-12-26",
    )
    assert plans_of(cs, "military.troop_cap") == ["ua-20-point"]


def test_both_with_a_single_version_named_changes_nothing(ex):
    cs = claims(ex, "The London text was handed over in April. Both sides want the return of all deported children.")
    assert len({c.plan for c in cs if c.provision == "humanitarian"}) <= 1


# --- questions and answers ------------------------------------------------------------------


def test_a_long_answer_speaks_of_the_version_its_question_names(ex):
    """The fourth sentence of an answer is still about the question's version (not beyond the look-back)."""
    text = (
        "Q: What does the E3 counterproposal say about the army?\n"
        "A: It is a long story. Negotiators argued for days. Diplomats were tired. "
        "In the end Ukraine's armed forces would be capped at 800,000 in peacetime.\n"
        "Q: And the US draft on NATO?\n"
        "A: Ukraine would write into its constitution that it will not join NATO."
    )
    cs = claims(ex, text, "2025-11-26")
    assert plans_of(cs, "military.troop_cap") == ["e3-counterproposal"]
    assert plans_of(cs, "nato.accession") == ["us-28-point"]


def test_an_answer_looks_to_its_own_question_not_the_one_before(ex):
    text = (
        "Question: Does the Geneva draft keep the army cap?\n"
        "Answer: Yes, with a change.\n"
        "Question: What about the 28-point plan's NATO clause?\n"
        "Answer: Diplomats say little. Officials in Kyiv say even less. "
        "Ukraine would have to write into its constitution that it will never join NATO."
    )
    cs = claims(ex, text, "2025-11-26")
    assert plans_of(cs, "nato.accession") == ["us-28-point"]


def test_the_structure_pairs_answers_with_questions():
    from plandiff.extract.structure import analyse
    from plandiff.extract.text import sentences, view

    text = "Q: Which text?\nA: This one. And more.\nQ: Why?\nA: Because.\nA closing paragraph.\n\nQ: And?\nNothing.\nStill."
    v = view(text)
    s = sentences(v)
    q = analyse(v, s).questions
    asked = {v[s[i].start : s[i].end].strip(): v[s[j].start : s[j].end].strip() for i, j in q.items()}
    assert asked["A: This one."] == asked["And more."] == "Q: Which text?"
    assert asked["A: Because."] == "Q: Why?"
    assert "A closing paragraph." not in asked  # the interview marks its answers; this one is not
    assert asked["Nothing."] == asked["Still."] == "Q: And?"  # answers unmarked: all until the next question


# --- lists and references forward -----------------------------------------------------------


def test_list_items_inherit_the_version_of_a_lead_that_ends_in_a_full_stop(ex):
    """Five bullets under "The Geneva draft … changes several points." — the fifth as much as the first."""
    text = (
        "The Geneva draft, officials said, changes several points of the US plan.\n"
        "• the amnesty is removed\n"
        "• elections are held within 100 days\n"
        "• Russia rejoins the G8\n"
        "• sanctions are lifted in stages\n"
        "• the frozen assets clause is struck out"
    )
    cs = claims(ex, text, "2025-11-26")
    got = {c.provision: c.plan for c in cs}
    assert got["reconstruction.frozen_assets"] == "geneva-revised"
    assert got["russia.g8"] == "geneva-revised"
    assert set(got.values()) == {"geneva-revised"}


def test_a_paragraph_that_does_not_lead_into_a_list_gives_its_items_nothing_new(ex):
    from plandiff.extract.structure import analyse
    from plandiff.extract.text import sentences, view

    text = "The text was long.\n\nA second paragraph.\n• an item\n• another"
    v = view(text)
    s = sentences(v)
    st = analyse(v, s)
    assert set(st.intros.values()) == {1}  # the paragraph right before the items, not the first one


def test_a_sentence_that_points_back_lends_its_version_to_the_one_before(ex):
    cs = claims(
        ex,
        "Ukraine would keep its army at 800,000 in peacetime. That is what the European counterproposal says.",
        "2025-11-26",
    )
    assert plans_of(cs, "military.troop_cap") == ["e3-counterproposal"]
    cs = claims(
        ex,
        "Ukraine would keep its army at 800,000 in peacetime. This figure also appears in the E3 draft.",
        "2025-11-26",
    )
    assert plans_of(cs, "military.troop_cap") == ["e3-counterproposal"]


def test_a_next_sentence_about_another_version_lends_nothing(ex):
    cs = claims(
        ex,
        "Ukraine would keep its army at 800,000 in peacetime. The US plan, by contrast, has other priorities.",
        "2025-11-26",
    )
    assert "us-28-point" not in plans_of(cs, "military.troop_cap")


# --- guarantee documents ----------------------------------------------------------------------


def test_a_guarantee_draft_beside_the_points_is_the_guarantee_document(ex):
    """ "the security guarantee draft handed over alongside the 28 points": the points are what it came with."""
    cs = claims(
        ex, "The security guarantee draft handed to Kyiv alongside the 28 points would last ten years.", "2025-11-24"
    )
    assert plans_of(cs, "security.guarantee") == ["us-guarantee-draft-nov2025"]


def test_a_head_that_is_also_a_verb_is_the_verb_after_a_phrase():
    """ "the 28 points offers …", "the US draft offers …": "offers" is no second document."""
    from plandiff.extract import extractor_for, plan_context
    from plandiff.extract.keywords import lower_view
    from plandiff.extract.text import sentences, view
    from tests.support.paths import PLANS

    ex = extractor_for(plan_context(PLANS))
    for text, phrase in (
        ("The guarantee draft attached to the 28 points offers protection.", "28 points"),
        ("The US draft offers Kyiv protection.", "The US draft"),
        ("Zelensky said the US guarantee agreement offers protection.", "the US guarantee agreement"),
    ):
        v = view(text)
        sents = sentences(v)
        lv = lower_view(v)
        found = ex.mentions.find(lv, sents, ex.keywords.scan(lv, sents), v)
        spans = [v[p.start : p.end] for p in found[0]]
        assert phrase in spans and not any("offers" in s for s in spans)


def test_bilateral_and_multilateral_guarantees_are_told_apart_by_the_word(ex):
    cs = claims(ex, "The bilateral security guarantees would last 15 years, Zelensky said.", "2026-01-05")
    assert plans_of(cs, "security.guarantee") == ["us-ua-bilateral-guarantee"]
    cs = claims(
        ex, "Under the multilateral security guarantees, a European-led multinational force would deploy.", "2026-01-05"
    )
    assert plans_of(cs, "security.multinational_force") == ["multilateral-guarantee-framework"]


def test_a_next_sentence_that_says_as_much_lends_its_version(ex):
    cs = claims(ex, "Ukraine would keep its army at 800,000 in peacetime. The E3 text says as much.", "2025-11-26")
    assert plans_of(cs, "military.troop_cap") == ["e3-counterproposal"]


# --- headlines --------------------------------------------------------------------------------


def test_a_long_title_case_headline_heads_its_section():
    from plandiff.extract.structure import analyse
    from plandiff.extract.text import sentences, view

    head = (
        "Europe's Counterproposal Lifts The Army Ceiling, Softens Territory Language And Restores The Role "
        "Of Allied Consensus In Any Future Decision"
    )
    assert len(head) > 90
    text = head + "\n\nOne paragraph.\n\nAnother paragraph.\n\nA third one."
    v = view(text)
    s = sentences(v)
    assert analyse(v, s).headings == {1: 0, 2: 0, 3: 0}
    long_sentence = "the army would be capped at a level that negotiators said could still change " * 2
    v = view(long_sentence.strip() + "\n\nOne paragraph.")
    s = sentences(v)
    assert analyse(v, s).headings == {}  # a long line in lower case is no headline


def test_title_case_headline_names_its_version_in_any_case(ex):
    for text in (
        "MOSCOW'S MEMORANDUM DEMANDS UKRAINE WITHDRAW FROM DONETSK",
        "Moscow's Memorandum Demands Ukraine Withdraw From Donetsk",
    ):
        cs = claims(ex, text, "2025-06-03")
        assert plans_of(cs, "territory.donetsk") == ["ru-istanbul-memorandum"]


# --- cost -------------------------------------------------------------------------------------


def _cpu(ex, text) -> float:
    import time

    t = time.process_time()
    ex.extract(text, "long")
    return time.process_time() - t


def test_the_new_paths_stay_linear_in_a_long_sentence_and_a_long_article(ex):
    """Comparisons, shared subjects and the answers' and items' leads: 8x the text, not ~64x the time."""
    unit = (
        "the Geneva draft, unlike the US plan, caps the army at 600,000, up from 500,000 in the 28-point plan, "
        "and both bar Ukraine from NATO, a counterproposal to the US plan caps the army at 800,000, "
    )
    small = (unit * 200)[:12_000]
    big = (unit * 1600)[:96_000]  # one 96 KB sentence
    base = max(_cpu(ex, small), 0.01)
    assert _cpu(ex, big) < 30 * base + 2.0
    para = (
        "Q: What does the E3 draft say?\nA: The army is capped at 800,000. That is what the E3 text says.\n"
        "The Geneva draft changes several points.\n• the amnesty is removed\n• Russia rejoins the G8\n\n"
    )
    base = max(_cpu(ex, para * 100), 0.01)
    assert _cpu(ex, para * 800) < 30 * base + 2.0


def _version_of(ex, text, date):
    import plandiff.extract.attribution as A

    seen = []
    orig = A.Attributor.__init__

    def spy(self, *a, **k):
        orig(self, *a, **k)
        seen.extend(m.version for ms in self.by_sentence.values() for m in ms)

    A.Attributor.__init__ = spy
    try:
        ex.extract(text, "t", date=dt.date.fromisoformat(date))
    finally:
        A.Attributor.__init__ = orig
    return seen


def test_a_generic_head_is_a_peace_plan_before_a_guarantee_document(ex):
    """ "Washington's original proposal" in late December is no guarantee framework of that month."""
    assert _version_of(ex, "Washington's original proposal would cap the army.", "2025-12-26") == ["us-28-point"]


def test_a_guarantee_word_before_a_generic_head_makes_it_a_guarantee_document(ex):
    assert _version_of(ex, "It lasts 15 years in the bilateral guarantee document.", "2025-12-30") == [
        "us-ua-bilateral-guarantee"
    ]


def test_a_version_whose_alias_is_on_guarantees_is_a_guarantee_document(ex):
    """The Paris declaration's alias says "on security guarantees": "the Paris text on guarantees" is it."""
    assert _version_of(ex, "The Paris text on guarantees would cap the army.", "2026-01-10") == ["paris-declaration"]


# --- versions named by a description ------------------------------------------------------------


def test_a_text_named_by_who_drew_it_up_or_carried_it(ex):
    assert _version_of(ex, "The paper Witkoff and Dmitriev drew up would cap the army.", "2025-11-22") == [
        "us-28-point"
    ]
    assert _version_of(ex, "The draft Driscoll carried to Kyiv would cap the army.", "2025-11-22") == ["us-28-point"]


def test_the_time_after_the_verb_of_a_description_counts(ex):
    """ "the plan the Americans sent to Kyiv in November", read in late December: November's US plan."""
    text = "The plan the Americans sent to Kyiv in November would cap the army."
    assert _version_of(ex, text, "2025-12-26") == ["us-28-point"]


def test_a_headline_that_names_no_version_takes_the_one_its_first_sentence_names(ex):
    text = (
        "Ukraine's Army To Be Capped At 800,000 In Peacetime\n\n"
        "The European counterproposal, seen by Reuters on Sunday, answers the US plan point by point."
    )
    cs = claims(ex, text, "2025-11-24")
    assert [(c.plan, c.found) for c in cs if c.provision == "military.troop_cap"] == [("e3-counterproposal", "heading")]
    cs = claims(ex, "Army Capped At 600,000\n\nCritics said on Sunday that the plan was a disaster.", "2025-11-24")
    assert all(c.plan is None for c in cs)  # a bare "the plan" with nothing to refer back to names nothing
