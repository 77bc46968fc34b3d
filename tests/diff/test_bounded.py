"""Bounded work: the word diff has a size and time budget and says when it falls back to a coarser diff.

No wall-clock limit here: the tests count what the differ is handed, which
bounds its work (diff-match-patch is O(n·d) in the symbols it gets).
"""

from __future__ import annotations

import random

import pytest
from diff_match_patch import diff_match_patch

from plandiff.diff import words
from plandiff.diff.words import MAX_SYMBOLS, SENTENCES, VALUE, WORDS, WordDiff, word_diff


@pytest.fixture()
def handed(monkeypatch):
    """The length of every text diff-match-patch is asked to diff."""
    sizes: list[int] = []
    real = diff_match_patch.diff_main

    def counting(self, a, b, *args, **kwargs):
        sizes.append(max(len(a), len(b)))
        return real(self, a, b, *args, **kwargs)

    monkeypatch.setattr(diff_match_patch, "diff_main", counting)
    return sizes


def _summary(n_words: int, seed: int) -> str:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(3000)]
    sentences = []
    while n_words > 0:
        k = min(n_words, rng.randint(8, 20))
        sentences.append(" ".join(rng.choice(vocab) for _ in range(k)) + ".")
        n_words -= k
    return " ".join(sentences)


def _joined(pieces, side: int) -> str:
    return "".join(t for op, t in pieces if op == 0 or op == side)


def test_a_short_summary_is_diffed_word_by_word(handed):
    d = word_diff("Ukraine caps its army at 600,000.", "Ukraine caps its army at 800,000 in peacetime.")
    assert isinstance(d, tuple) and d.granularity == WORDS and not d.coarse
    assert (-1, "600") in d and any(op == 1 and "800" in t for op, t in d)
    assert handed and max(handed) <= MAX_SYMBOLS


def test_long_different_summaries_fall_back_to_sentences_and_say_so(handed):
    """The finding: 80 KB summaries that differ took over 120 s (Diff_Timeout = 0)."""
    old, new = _summary(13_000, 1), _summary(13_000, 2)  # about 80 KB each
    d = word_diff(old, new)
    assert d.granularity in (SENTENCES, VALUE) and d.coarse
    assert _joined(d, -1) == old and _joined(d, 1) == new
    # no call got more than the cap: the work is bounded by MAX_SYMBOLS² per level, not by the input
    assert all(n <= MAX_SYMBOLS for n in handed)


def test_one_huge_sentence_falls_back_to_the_whole_value(handed):
    old = " ".join(f"a{i}" for i in range(5000)) + "."
    new = ". ".join(f"b{i}" for i in range(5000)) + "."
    d = word_diff(old, new)
    assert d.granularity == VALUE and list(d) == [(-1, old), (1, new)]
    assert all(n <= MAX_SYMBOLS for n in handed)


def test_over_a_million_distinct_words_is_no_chr_overflow():
    """The finding: past about 1.1 million distinct words, chr() raised ValueError."""
    old = " ".join(f"x{i}" for i in range(1_200_000))
    d = word_diff(old, old + " more")
    assert d.coarse and _joined(d, 1) == old + " more"


def test_a_level_that_runs_out_of_time_falls_to_the_next(monkeypatch):
    ticks = iter(range(0, 1000, 10))  # a clock that says each differ call took 10 s
    monkeypatch.setattr(words, "_clock", lambda: next(ticks))
    d = word_diff("one two three.", "one three four.")
    assert d.granularity == VALUE and list(d) == [(-1, "one two three."), (1, "one three four.")]


def test_word_diff_keeps_the_tuple_shape():
    d = word_diff("a b", "a c")
    assert d == ((0, "a "), (-1, "b"), (1, "c")) and isinstance(d, WordDiff)
    assert [[op, t] for op, t in d] == [[0, "a "], [-1, "b"], [1, "c"]]
    assert word_diff("same", "same") == ((0, "same"),) and word_diff("", "") == ()


def test_the_comparison_page_says_when_a_summary_diff_is_coarse():
    from plandiff.render.html.page import el
    from plandiff.render.html.parts import words_view

    fine = el("p", *words_view(word_diff("a b", "a c"), "new"))
    coarse = el("p", *words_view(WordDiff(((-1, "a b"), (1, "a c")), VALUE), "new"))
    assert "compared" not in "".join(fine.itertext())
    assert "compared as a whole" in "".join(coarse.itertext()) and coarse.find("ins").text == "a c"
