"""Pronouns and back-references, one claim per clause, and answers that take their question's provision."""

from __future__ import annotations

import time

import pytest

CAP = "military.troop_cap"


def _claims(ex, text):
    return [(c.plan, c.provision, c.stance, c.value) for c in ex.extract(text, "t")]


def _caps(ex, text):
    return [c for c in _claims(ex, text) if c[1] == CAP and isinstance(c[3], dict)]


# --- 1. a pronoun or a shell noun takes the one provision named before it ---------------------------


@pytest.mark.parametrize(
    "text, plan, personnel",
    [
        ("The US draft deals at length with Ukraine's armed forces. It caps them at 600,000.", "us-28-point", 600000),
        ("Europe's counterproposal keeps Ukraine's army in view and limits it to 800k.", "e3-counterproposal", 800000),
        ("The 28-point plan speaks of the Ukrainian military; it holds it at 600 000.", "us-28-point", 600000),
        (
            "Kyiv worried about the size of its army. The E3 counterproposal sets that figure at 800,000.",
            "e3-counterproposal",
            800000,
        ),
        (
            "The US plan limits Ukraine's army. In the E3 text the figure rises to 800,000.",
            "e3-counterproposal",
            800000,
        ),
        (
            "The Europeans looked hard at Ukraine's troop numbers. Under Europe's counterproposal the ceiling "
            "is set at 800,000.",
            "e3-counterproposal",
            800000,
        ),
    ],
)
def test_a_count_pronoun_takes_the_army_named_before_it(ex, text, plan, personnel):
    assert (plan, personnel) in [(c[0], c[3]["personnel"]) for c in _caps(ex, text)]


def test_raising_that_ceiling_is_a_change(ex):
    got = _caps(ex, "Kyiv's army was the sticking point; the E3 counterproposal raises that ceiling to 800,000.")
    assert [(c[0], c[2], c[3]["personnel"]) for c in got] == [("e3-counterproposal", "changed", 800000)]


@pytest.mark.parametrize(
    "text, plan",
    [
        (
            "The US plan offered an amnesty for all sides. In the E3 counterproposal it was struck.",
            "e3-counterproposal",
        ),
        ("The amnesty clause drew criticism. Europe's counterproposal strikes it.", "e3-counterproposal"),
        (
            "The 28-point plan had a blanket amnesty. In Europe's counterproposal, the provision is gone.",
            "e3-counterproposal",
        ),
    ],
)
def test_a_struck_clause_takes_the_provision_named_before_it(ex, text, plan):
    assert (plan, "amnesty", "omitted", None) in _claims(ex, text)


@pytest.mark.parametrize(
    "text",
    [
        # two candidate provisions: nothing
        "The 28-point plan mentions elections and the amnesty clause. In the E3 text, it is gone.",
        "The US draft covers NATO membership and the amnesty. Europe's counterproposal drops it.",
        # no antecedent at all
        "The E3 counterproposal raises that ceiling to 800,000.",
        "Europe's counterproposal caps it at 800,000.",
        "In the E3 counterproposal it was struck.",
        # a negation
        "The amnesty clause drew criticism. Europe's counterproposal does not drop it.",
    ],
)
def test_no_antecedent_or_two_give_no_claim(ex, text):
    assert not [c for c in _claims(ex, text) if c[2] == "omitted" or c[1] == CAP and isinstance(c[3], dict)]


@pytest.mark.parametrize(
    "text",
    [
        # an opinion
        "Ukraine's army is large. Analysts think the E3 counterproposal should cap it at 800,000.",
        # the current size, next to a pronoun
        "Ukraine's army has about 880,000 troops today, and it grew to 900,000 last year.",
        # another conflict's plan
        "The Gaza 20-point plan deals with Hamas's armed forces and caps them at 1,000,000.",
        # a question
        "Ukraine's army matters. Will the US plan cap it at 600,000?",
    ],
)
def test_traps_give_nothing(ex, text):
    assert _caps(ex, text) == []


# --- 2. one claim per clause ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, want",
    [
        (
            "The 24-point text sets no limit on the army; the E3 edit caps it at 800,000.",
            {("eu-24-point", "no-cap"), ("e3-counterproposal", 800000)},
        ),
        (
            "The US plan caps Ukraine's army at 600,000, while Europe's counterproposal raises it to 800,000.",
            {("us-28-point", 600000), ("e3-counterproposal", 800000)},
        ),
        (
            "The 28-point plan limits the Ukrainian army to 600,000, whereas the E3 counterproposal puts it at 800,000.",
            {("us-28-point", 600000), ("e3-counterproposal", 800000)},
        ),
    ],
)
def test_each_clause_gives_its_own_version_and_value(ex, text, want):
    got = {(c[0], c[3]["personnel"] if isinstance(c[3], dict) else c[3]) for c in _claims(ex, text) if c[1] == CAP}
    assert want <= got


# --- 3. an answer takes the provision and the version of its question --------------------------------


@pytest.mark.parametrize(
    "text, plan, personnel",
    [
        ("Q: How big may Ukraine's army be under the US draft?\nA: No larger than 600,000.", "us-28-point", 600000),
        (
            "Q: What does the E3 counterproposal say about Ukraine's armed forces?\nA: A ceiling of 800,000 in peacetime.",
            "e3-counterproposal",
            800000,
        ),
        ("Q: And the army under Europe's counterproposal?\nA: Up to 800,000.", "e3-counterproposal", 800000),
    ],
)
def test_an_answer_takes_its_questions_provision(ex, text, plan, personnel):
    assert (plan, personnel) in [(c[0], c[3]["personnel"]) for c in _caps(ex, text)]


@pytest.mark.parametrize(
    "text",
    [
        "Q: How big is Ukraine's army today?\nA: About 880,000.",  # no bound: a size, not a cap
        "Q: What is the US draft's biggest flaw?\nA: Up to 600,000, they say.",  # no provision in the question
    ],
)
def test_an_answer_without_a_provision_or_a_bound_gives_nothing(ex, text):
    assert _caps(ex, text) == []


# --- bounded ------------------------------------------------------------------------------------------


def _cpu(ex, text) -> float:
    t = time.process_time()
    ex.extract(text, "long")
    return time.process_time() - t


def test_back_references_cost_linear_time(ex):
    unit = "Ukraine's army and the amnesty matter; the E3 text caps it at 800,000 and it was struck, "
    small = (unit * 150)[:12_000]
    big = (unit * 1200)[:96_000]  # one 96 KB sentence full of anaphors
    base = max(_cpu(ex, small), 0.01)
    assert _cpu(ex, big) < 30 * base + 2.0  # linear: ~8x; quadratic: ~64x
