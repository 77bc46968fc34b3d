"""What a user reads when a command cannot do what was asked: error lines, summaries and exit status."""

from __future__ import annotations

import shutil

import pytest

from tests.support.cli import run
from tests.support.paths import PLANS

LOCATED = ":1:1: error: "


def test_check_where_there_is_no_plans_folder_says_so_and_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check")
    assert code == 2 and out == ""
    assert err.startswith(f"plandiff check: no plans/ folder in {tmp_path}")
    assert "(plandiff check [PATHS]...)" in err  # how to name one: its usage line
    assert "problem" not in err and "0 files" not in err


def test_check_of_a_missing_file_names_it_once(tmp_path, capsys):
    missing = tmp_path / "nonexist.yaml"
    code, out, err = run(capsys, "check", missing)
    assert code == 2 and out == ""
    assert err == f"plandiff check: {missing}: no such file or directory\n"


def test_extract_of_a_missing_file_is_located_as_the_corpus_commands_locate_it(tmp_path, capsys):
    missing = tmp_path / "nonexist.txt"
    _, _, versions_err = run(capsys, "versions", tmp_path / "nonexist.yaml")
    code, out, err = run(capsys, "extract", missing)
    assert code == 2 and out == ""
    assert err == f"{missing}{LOCATED}no such file or directory\n"
    assert versions_err.splitlines()[0].replace("nonexist.yaml", "nonexist.txt") == err.strip()


@pytest.mark.parametrize(
    ("command", "args"),
    [("history", ["military.troop_cap"]), ("matrix", []), ("export", []), ("site", ["-o", "out"]), ("versions", [])],
)
def test_a_commands_own_error_starts_with_its_name(tmp_path, capsys, command, args):
    nowhere = tmp_path / "nonexist"
    plans = ["--plans", nowhere] if command != "versions" else [nowhere]
    code, _, err = run(capsys, command, *args, *plans)
    assert code == 2
    located, said = [], []
    for line in err.splitlines():
        (located if LOCATED in line else said).append(line)
    assert located == [f"{nowhere}{LOCATED}no such file or directory"]
    assert said == [f"plandiff {command}: no readable plan files"]


def test_errors_raised_by_a_command_carry_its_name(tmp_path, capsys):
    code, _, err = run(capsys, "history", "military.troopcap", "--plans", PLANS)
    assert code == 2 and err.startswith("plandiff history: unknown provision key 'military.troopcap'")
    code, _, err = run(capsys, "site", "--pair", "a:a", "-o", tmp_path / "site", PLANS)
    assert code == 2 and err.startswith("plandiff site: --pair 'a:a'")


# --- extract --propose --------------------------------------------------------------------


@pytest.fixture()
def plans(tmp_path):
    target = tmp_path / "plans"
    shutil.copytree(PLANS, target)
    return target


DISPUTE = "The US 28-point plan drops the amnesty clause.\n"  # the file holds it: a dispute, so the plan changes


def propose(capsys, article, plans):
    return run(capsys, "extract", article, "--plans", plans, "--propose", "--no-progress", "--no-color")


def test_propose_on_an_article_outside_sources_says_once_why_nothing_was_proposed(plans, tmp_path, capsys):
    article = tmp_path / "article.txt"
    article.write_text(DISPUTE, encoding="utf-8")
    code, out, err = propose(capsys, article, plans)
    assert code == 0 and "0 proposed edit(s)" in out
    assert err.splitlines() == [
        "plandiff extract: 0 edits proposed: the article is not in plans/sources/; "
        "copy it there so plan files can cite it"
    ]
    shutil.copy(article, plans / "sources" / "903_article.txt")  # what the line says to do
    code, _, err = propose(capsys, plans / "sources" / "903_article.txt", plans)
    assert code == 1 and "plans/sources" not in err


def test_propose_help_says_where_articles_must_be_and_what_the_exit_status_means(capsys):
    _, out, _ = run(capsys, "extract", "--help")
    flat = " ".join(out.split())
    assert "plans/sources/" in flat
    assert "new evidence included" in flat


def test_propose_exits_1_when_it_changes_a_plan(plans, capsys):
    article = plans / "sources" / "901_new.txt"
    article.write_text(DISPUTE, encoding="utf-8")
    code, out, _ = propose(capsys, article, plans)
    assert "contradicts the file: now disputed" in out
    assert code == 1


@pytest.mark.parametrize(
    ("command", "args"), [("versions", []), ("matrix", []), ("history", ["military.troop_cap"]), ("export", [])]
)
def test_every_corpus_command_says_plainly_that_there_is_no_plans_folder(tmp_path, monkeypatch, capsys, command, args):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, command, *args)
    assert code == 2 and out == ""
    assert err.startswith(f"plandiff {command}: no plans/ folder in {tmp_path}")
    assert f"(plandiff {command} " in err and LOCATED not in err  # its usage, no error about a folder never named
