"""Error lines a user reads: located where a file is the problem, named after the command otherwise."""

from __future__ import annotations

import pytest

from plandiff.cli import main
from tests.support.paths import PLANS

LOCATED = ":1:1: error: "


def run(capsys, *args):
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_check_where_there_is_no_plans_folder_says_so_and_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "check")
    assert code == 2 and out == ""
    assert err.startswith(f"plandiff check: no plans/ folder in {tmp_path}")
    assert "plandiff check PATH" in err  # how to name one
    assert "problem" not in err and "0 files" not in err


def test_check_of_a_missing_file_names_it_once_located(tmp_path, capsys):
    missing = tmp_path / "nonexist.yaml"
    code, out, err = run(capsys, "check", missing)
    assert code == 2 and out == ""
    assert err == f"{missing}{LOCATED}no such file or directory\n"


def test_extract_of_a_missing_file_is_located_as_check_locates_it(tmp_path, capsys):
    missing = tmp_path / "nonexist.txt"
    _, _, check_err = run(capsys, "check", tmp_path / "nonexist.yaml")
    code, out, err = run(capsys, "extract", missing)
    assert code == 2 and out == ""
    assert err == f"{missing}{LOCATED}no such file or directory\n"
    assert check_err.replace("nonexist.yaml", "nonexist.txt") == err


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
