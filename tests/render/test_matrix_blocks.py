"""The text matrix fits the width: versions that do not fit at a readable cell width go in blocks.

Each block is a run of consecutive versions under a line saying which ("versions 4–6 of 18"),
repeating the provision column; the legend follows once, at the end.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.cli import main
from plandiff.diff.across import LEGEND, matrix
from plandiff.load import load_corpus
from plandiff.render.across import render_matrix
from tests.support.corpus import VERSION_IDS
from tests.support.paths import PLANS

CORPUS = {p.id: p for p in load_corpus([PLANS], verify_quotes=False).plans.values()}
ORDER = [p.id for p in matrix(list(CORPUS.values())).plans]  # lineage and date order
HEADING = re.compile(r"versions? (\d+)(?:–(\d+))? of (\d+)")
CRIMEA = ("recognized-de-jure-russian", "recognized-de-facto-russian", "recognized-internationally-russian")


def text_matrix(capsys, monkeypatch, columns: int, *paths: str) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    assert main(["matrix", "--plans", str(PLANS), *paths]) == 0
    out = capsys.readouterr()
    assert out.err == ""
    return out.out


def blocks(out: str) -> list[tuple[str | None, list[str]]]:
    """The tables of a text matrix, each with its heading line (None for a single table), the legend left out."""
    *tables, _legend = out.rstrip("\n").split("\n\n")
    found = []
    for table in tables:
        lines = table.splitlines()
        heading = lines.pop(0) if HEADING.fullmatch(lines[0]) else None
        found.append((heading, lines))
    return found


def column_heads(out: str) -> list[str]:
    """The version ids heading the columns, block after block."""
    return [pid for _, lines in blocks(out) for pid in lines[0].split()[1:]]


def assert_in_blocks(out: str, width: int, ids: list[str]) -> None:
    """Every line fits; every version heads one column, in order; the headings count the versions right."""
    assert max(len(line) for line in out.splitlines()) <= width
    assert column_heads(out) == ids
    tables = blocks(out)
    if len(tables) == 1 and tables[0][0] is None:
        return
    seen = 0
    for heading, lines in tables:
        assert heading is not None
        said = HEADING.fullmatch(heading)
        assert said is not None
        first, last, total = said.groups()
        n = len(lines[0].split()) - 1
        assert (int(first), int(last or first), int(total)) == (seen + 1, seen + n, len(ids))
        assert (last is None) == (n == 1)
        seen += n
    assert seen == len(ids)


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_corpus_fits_the_width_in_blocks(columns, capsys, monkeypatch):
    out = text_matrix(capsys, monkeypatch, columns)
    assert_in_blocks(out, columns, ORDER)
    assert sorted(ORDER) == sorted(VERSION_IDS)
    tables = blocks(out)
    assert len(tables) > 1
    # every block repeats the provision column, row for row
    provisions = [len(lines) for _, lines in tables]
    assert len(set(provisions)) == 1
    assert all(lines[0].startswith("provision") for _, lines in tables)
    # the legend once, at the end
    legend = out.rstrip().rsplit("\n\n", 1)[1]
    assert legend.replace("\n  ", " ").replace("\n", " · ") == LEGEND
    assert out.count("⚠ disputed between reports") == 1


@pytest.mark.parametrize("columns", [60, 80, 120])
def test_the_three_crimea_values_are_told_apart(columns, capsys, monkeypatch):
    out = text_matrix(capsys, monkeypatch, columns)
    crimea = [line for _, lines in blocks(out) for line in lines if line.startswith("Crimea ")]
    assert len(crimea) == len(blocks(out))
    shown = " ".join(crimea)
    # the words that tell them apart show, and none is cut to its common start only
    for value, telling in zip(CRIMEA, ("recognized-de-jure", "recognized-de-facto", "recognized-inter")):
        assert telling in shown, value
    assert "recogniz…" not in shown
    # a disputed troop cap keeps what is disputed
    cap = " ".join(line for _, lines in blocks(out) for line in lines if line.startswith("Troop cap "))
    assert "⚠ omitted | 800,000" in cap


def test_a_pair_that_fits_is_one_table_as_before(capsys, monkeypatch):
    out = text_matrix(capsys, monkeypatch, 120, str(PLANS / "us-28-point.yaml"), str(PLANS / "ua-20-point.yaml"))
    [(heading, lines)] = blocks(out)
    assert heading is None
    assert lines[0] == "provision                     us-28-point                                   ua-20-point"
    assert lines[1] == (
        "Non-aggression pact           …Ukraine, Europe; settles past ambiguities:…  …Ukraine; unconditional:…"
    )
    assert max(len(line) for line in lines) == 120


@pytest.mark.parametrize("fmt", ["markdown", "csv", "json"])
def test_other_formats_ignore_the_width(fmt, capsys, monkeypatch):
    outs = []
    for columns in (40, 200):
        monkeypatch.setenv("COLUMNS", str(columns))
        assert main(["matrix", "--plans", str(PLANS), "--format", fmt]) == 0
        outs.append(capsys.readouterr().out)
    assert outs[0] == outs[1]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(width=st.integers(40, 200), chosen=st.sets(st.sampled_from(ORDER), min_size=1))
def test_any_width_and_versions_fit_with_each_version_once(width, chosen):
    m = matrix([CORPUS[pid] for pid in chosen])
    out = render_matrix(m, "text", width=width)
    assert_in_blocks(out, width, [p.id for p in m.plans])
