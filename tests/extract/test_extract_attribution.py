"""Which version a claim speaks of: mechanisms a blind set's failure classes called for.

Every sentence here is written for this file, in other words than the set that
showed the gap, so each test checks the mechanism (two versions in a sentence,
a question and its answer, a list's lead, a description of a version, a
back- or forward reference) and not a paragraph. Same conventions as
test_extract_review.py: a short article and the claims it must (or must not) give.
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
