"""The `plandiff` command, run in-process through `plandiff.cli.main` (which returns the exit code)."""

from __future__ import annotations

import contextlib
import datetime
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plandiff.cli import cli, main
from tests.support.corpus import VERSION_IDS
from tests.support.loader_helpers import enum_value_site
from tests.support.paths import PLANS, REPO

ANSI = re.compile(r"\x1b\[[0-9;]*m")
DIAG = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): error: (?P<msg>.+)$", re.M)


def plan_files() -> list[Path]:
    return sorted(p for p in PLANS.iterdir() if p.suffix in (".yaml", ".yml") and p.name != "events.yaml")


# --- fixtures and helpers -----------------------------------------------------


def break_enum(path: Path) -> tuple[int, int, str]:
    """Misspell one enum value in place (drop its second letter); return its line, col and the typo."""
    _, line, col, value = enum_value_site(path)
    typo = value[0] + value[2:]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    text = lines[line - 1]
    assert text[col - 1 : col - 1 + len(value)] == value
    lines[line - 1] = text[: col - 1] + typo + text[col - 1 + len(value) :]
    path.write_text("".join(lines), encoding="utf-8")
    return line, col, typo


def add_duplicate_title(path: Path) -> int:
    """Repeat the top-level `title:` key right after itself; return the duplicate's line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(n for n, s in enumerate(lines) if s.startswith("title:"))
    lines.insert(i + 1, "title: A second title\n")
    path.write_text("".join(lines), encoding="utf-8")
    return i + 2


def dates_to_strings(obj):
    if isinstance(obj, dict):
        return {k: dates_to_strings(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [dates_to_strings(v) for v in obj]
    if isinstance(obj, (datetime.date, datetime.datetime)):
        return obj.isoformat()
    return obj


def fake_tty(monkeypatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)


# --- check --------------------------------------------------------------------


def test_check_real_plans_clean(in_repo, capsys):
    assert main(["check", "plans/"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    n = len(plan_files())
    assert re.search(rf"^plandiff check: {n} plan files OK \(\d+ provisions\), \d+ events OK$", err, re.M), err


def test_check_defaults_to_plans_dir(in_repo, capsys):
    assert main(["check"]) == 0
    assert f"{len(plan_files())} plan files OK" in capsys.readouterr().err


def test_check_quiet_prints_nothing_when_clean(in_repo, capsys):
    assert main(["check", "-q", "plans"]) == 0
    assert capsys.readouterr() == ("", "")


def test_check_each_file_alone(in_repo, capsys):
    """What the pre-commit hook does: one file named, its neighbours give the lineage context."""
    for f in plan_files():
        assert main(["check", f"plans/{f.name}"]) == 0, capsys.readouterr()
        assert "1 plan file OK" in capsys.readouterr().err


def test_check_bad_enum(plans_copy, capsys):
    bad = plans_copy / "us-28-point.yaml"
    line, col, typo = break_enum(bad)
    assert main(["check", str(bad)]) == 1
    out, err = capsys.readouterr()
    diags = [m.groupdict() for m in DIAG.finditer(out)]
    assert diags == [{"path": str(bad), "line": str(line), "col": str(col), "msg": diags[0]["msg"]}], out
    assert repr(typo) in diags[0]["msg"]
    assert "plandiff check: 1 problem in 1 of 1 file" in err


def test_check_duplicate_key(plans_copy, capsys):
    bad = plans_copy / "us-28-point.yaml"
    line = add_duplicate_title(bad)
    assert main(["check", str(plans_copy)]) == 1
    out, err = capsys.readouterr()
    assert f"{bad}:{line}:1: error: duplicate key 'title'" in out
    n = len(plan_files())
    assert f"1 problem in 1 of {n} files" in err


def test_check_format_github(plans_copy, capsys):
    bad = plans_copy / "us-28-point.yaml"
    line, col, _ = break_enum(bad)
    assert main(["check", "--format", "github", str(bad)]) == 1
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == 1
    assert re.fullmatch(r"::error file=[^,:]+,line=\d+,col=\d+::.+", lines[0]), lines[0]
    assert lines[0].startswith(f"::error file={bad},line={line},col={col}::unknown value")


def test_check_nonexistent_path(in_repo, capsys):
    assert main(["check", "plans/no-such-plan.yaml"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "no-such-plan.yaml" in err and "no such file" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "argv", [["check", "--bogus"], ["--bogus"], ["check", "--format", "xml", "plans"], ["no-such-command"]]
)
def test_usage_errors(in_repo, capsys, argv):
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("Usage: plandiff")
    assert "Error:" in err


# --- help ---------------------------------------------------------------------


@pytest.mark.parametrize("command", [None, *sorted(cli.commands)])
def test_help(capsys, command):
    argv = [command, "--help"] if command else ["--help"]
    assert main(argv) == 0
    out, _ = capsys.readouterr()
    cmd = cli.commands[command] if command else cli
    assert out.startswith(f"Usage: plandiff{' ' + command if command else ''} ")
    flat = " ".join(out.split())
    first_line = cmd.help.strip().splitlines()[0]
    assert " ".join(first_line.split()) in flat, "help must explain what the command does"
    for param in cmd.params:
        for opt in param.opts if param.param_type_name == "option" else ():
            assert opt in out, f"{opt} missing from help"
    if command is None:
        for name in cli.commands:
            assert re.search(rf"^  {name}\s+\S", out, re.M), f"{name} not listed in top-level help"


def test_short_help_option(capsys):
    assert main(["check", "-h"]) == 0
    assert capsys.readouterr().out.startswith("Usage: plandiff check")


# --- colour -------------------------------------------------------------------


def test_no_color_when_not_a_terminal(plans_copy, capsys):
    bad = plans_copy / "us-28-point.yaml"
    break_enum(bad)
    assert main(["check", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert not ANSI.search(out + err)


def test_color_on_a_terminal(plans_copy, capsys, monkeypatch):
    """The control for the NO_COLOR test: the fake terminal does get colour."""
    bad = plans_copy / "us-28-point.yaml"
    break_enum(bad)
    fake_tty(monkeypatch)
    assert main(["check", str(bad)]) == 1
    assert ANSI.search(capsys.readouterr().out)


def test_no_color_env_beats_terminal(plans_copy, capsys, monkeypatch):
    bad = plans_copy / "us-28-point.yaml"
    break_enum(bad)
    fake_tty(monkeypatch)
    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["check", str(bad)]) == 1
    out, err = capsys.readouterr()
    assert not ANSI.search(out + err)
    assert main(["versions", str(plans_copy)]) == 2  # one file is broken: listed, and said
    assert not ANSI.search(capsys.readouterr().out)


def test_no_color_flag_beats_terminal(plans_copy, capsys, monkeypatch):
    bad = plans_copy / "us-28-point.yaml"
    break_enum(bad)
    fake_tty(monkeypatch)
    assert main(["check", "--no-color", str(bad)]) == 1
    assert not ANSI.search(capsys.readouterr().out)


def test_color_flag_when_piped(plans_copy, capsys):
    bad = plans_copy / "us-28-point.yaml"
    break_enum(bad)
    assert main(["check", "--color", str(bad)]) == 1
    out, _ = capsys.readouterr()
    assert ANSI.search(out)
    assert ANSI.sub("", out).startswith(f"{bad}:")


def test_github_format_never_coloured(plans_copy, capsys, monkeypatch):
    bad = plans_copy / "us-28-point.yaml"
    break_enum(bad)
    fake_tty(monkeypatch)
    assert main(["check", "--format", "github", "--color", str(bad)]) == 1
    assert not ANSI.search(capsys.readouterr().out)


# --- schema -------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_schema_json():
    jsonschema = pytest.importorskip("jsonschema")
    buf = io.StringIO()  # capsys is function-scoped, so capture by hand
    with contextlib.redirect_stdout(buf):
        assert main(["schema"]) == 0
    schema = json.loads(buf.getvalue())
    jsonschema.validators.validator_for(schema).check_schema(schema)
    return schema


def _validator(schema):
    import jsonschema

    return jsonschema.validators.validator_for(schema)(schema)


def test_schema_is_valid_json_schema(plan_schema_json):
    assert plan_schema_json["$schema"].startswith("https://json-schema.org/")
    assert plan_schema_json["type"] == "object"


def test_schema_output_file(tmp_path, capsys, plan_schema_json):
    target = tmp_path / "plan.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(target.read_text(encoding="utf-8")) == plan_schema_json


@pytest.mark.parametrize("path", plan_files(), ids=lambda p: p.name)
def test_real_plans_validate_against_schema(plan_schema_json, path):
    data = dates_to_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    errors = sorted(_validator(plan_schema_json).iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{'/'.join(map(str, e.path))}: {e.message[:200]}" for e in errors]


def test_schema_rejects_bad_enum(plan_schema_json):
    path = PLANS / "us-28-point.yaml"
    key, _, _, value = enum_value_site(path)
    data = dates_to_strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert not list(_validator(plan_schema_json).iter_errors(data))
    data["provisions"][key]["value"] = value[0] + value[2:]
    errors = list(_validator(plan_schema_json).iter_errors(data))
    assert errors
    assert any(list(e.absolute_path)[:2] == ["provisions", key] for e in errors)


def test_schema_takes_a_report_month_but_not_a_version_month(plan_schema_json):
    """As the loader does: a report may be dated to the month, a version is dated to the day."""
    data = dates_to_strings(yaml.safe_load((PLANS / "us-28-point.yaml").read_text(encoding="utf-8")))
    external = next(s for s in data["sources"] if "url" in s)
    external["date"] = "2025-11"
    assert not list(_validator(plan_schema_json).iter_errors(data))
    external["date"] = "2025-13"
    assert list(_validator(plan_schema_json).iter_errors(data))
    external["date"] = "2025-11"
    data["date"] = "2025-11"
    assert [list(e.path) for e in _validator(plan_schema_json).iter_errors(data)] == [["date"]]


# --- versions -----------------------------------------------------------------


def test_versions_lists_every_version(in_repo, capsys):
    assert main(["versions"]) == 0
    out, _ = capsys.readouterr()
    rows = [line.split()[1] for line in out.split("\n\n")[0].splitlines()[1:]]
    assert sorted(rows) == sorted(VERSION_IDS), out
    assert not ANSI.search(out)
    lines = out.splitlines()
    assert len(lines) <= 24 and max(map(len, lines)) <= 120  # one screen
    geneva = next(line for line in lines if " geneva-revised " in line)
    number = {line.split()[1]: line.split()[0] for line in lines[1 : len(VERSION_IDS) + 1]}
    assert geneva.endswith(f"revises {number['us-28-point']}, answers {number['e3-counterproposal']}")


def test_versions_long_adds_titles(in_repo, capsys):
    assert main(["versions", "--long"]) == 0
    out = capsys.readouterr().out
    assert "us-28-point: US 28-point peace plan; drafted by United States, Russia" in out


def test_versions_nothing_readable(tmp_path, capsys):
    assert main(["versions", str(tmp_path)]) == 2
    assert "no readable plan files" in capsys.readouterr().err


# --- the real console entry point ----------------------------------------------


def test_python_dash_m_plandiff():
    proc = subprocess.run(
        [sys.executable, "-m", "plandiff", "check", "plans"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert "plan files OK" in proc.stderr


# --- errors that tell the user what to do ------------------------------------------------


def test_diff_from_another_directory_says_where_it_looked(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = main(["diff", "us-28-point", "e3-counterproposal"])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert str(tmp_path / "plans" / "us-28-point.yaml") in err  # the absolute place it tried
    assert "--plans DIR" in err


def test_check_of_a_missing_path_names_it_without_a_bogus_count(tmp_path, capsys):
    code = main(["check", str(tmp_path / "nothere.yaml")])
    err = capsys.readouterr().err
    assert code == 2 and "nothere.yaml" in err and "no such file" in err
    assert "of 0 files" not in err


def test_versions_exits_non_zero_when_it_prints_errors(plans_copy, capsys):
    (plans_copy / "broken.yaml").write_text("schema: plandiff/1\nid: broken\n", encoding="utf-8")
    code = main(["versions", str(plans_copy)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "broken.yaml:1:1: error:" in err and "us-28-point" in out  # the rest is still listed
