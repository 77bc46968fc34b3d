"""An answer's later sentences take a back-reference's provision from the question; a shell noun that is
"no longer in" a text strikes its provision. Sentences written for these tests."""

from __future__ import annotations

CAP = "military.troop_cap"


def _claims(ex, text):
    return [(c.plan, c.provision, c.stance, c.value) for c in ex.extract(text, "t")]


def test_later_answer_sentence_reads_the_question(ex):
    text = (
        "Q: What does the E3 counterproposal do about Ukraine's troop numbers?\n"
        "A: Several things. Diplomats say it holds them at 800,000 in peacetime."
    )
    got = [c for c in _claims(ex, text) if c[1] == CAP]
    assert ("e3-counterproposal", CAP, "included", {"personnel": 800000, "scope": "peacetime"}) in got, got


def test_question_naming_no_provision_gives_nothing(ex):
    text = "Q: What else does the E3 counterproposal change?\nA: Quite a lot. Diplomats say it puts them at 800,000."
    assert not [c for c in _claims(ex, text) if c[1] == CAP], _claims(ex, text)


def test_without_a_question_a_distant_noun_is_not_read(ex):
    text = (
        "The E3 counterproposal discusses Ukraine's army. Talks went on late. Officials met twice. "
        "Diplomats say it puts them at 800,000."
    )
    assert not [c for c in _claims(ex, text) if c[1] == CAP], _claims(ex, text)


def test_shell_noun_no_longer_in_the_text_is_omitted(ex):
    text = "The US draft capped Ukraine's armed forces. In the Geneva text, the ceiling is no longer part of the deal."
    got = _claims(ex, text)
    assert ("geneva-revised", CAP, "omitted", None) in got, got


def test_shell_noun_still_in_the_text_is_not_omitted(ex):
    text = "The US draft capped Ukraine's armed forces. In the Geneva text, the ceiling is still part of the deal."
    assert not [c for c in _claims(ex, text) if c[2] == "omitted"], _claims(ex, text)
