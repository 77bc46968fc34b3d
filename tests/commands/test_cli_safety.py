"""What a user must be able to rely on at the edges: no traceback, no file of theirs overwritten."""

import json
import shutil

import pytest

from tests.support.cli import run
from tests.support.paths import REPO


@pytest.fixture()
def plans(tmp_path):
    target = tmp_path / "plans"
    shutil.copytree(REPO / "plans", target)
    return target


@pytest.fixture()
def changes(plans, tmp_path, capsys):
    code, out, _ = run(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(plans), "--format", "json")
    assert code == 1
    path = tmp_path / "changes.json"
    path.write_text(out, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "doc, where",
    [
        ({"schema": "plandiff.diff/2", "old": "us-28-point"}, "old: expected"),
        ({"schema": "plandiff.diff/2", "old": {"id": "us-28-point"}, "header": [1]}, "header: expected"),
        (
            {"schema": "plandiff.diff/2", "old": {"id": "us-28-point"}, "changes": [{"key": "x", "new": "oops"}]},
            "changes[0].new: expected",
        ),
        (
            {"schema": "plandiff.diff/2", "old": {"id": "us-28-point"}, "changes": [], "sources": {"new": [1]}},
            "sources.new: expected",
        ),
        ({"schema": "other"}, "schema: expected"),
        ([1, 2], "(top): expected"),
    ],
)
def test_malformed_change_sets_are_located_errors(plans, tmp_path, capsys, doc, where):
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "apply", "us-28-point", str(path), "--plans", str(plans))
    assert code == 2 and out == ""
    assert f"{path}:1:1: error: cannot apply: {where}" in err


def test_a_change_set_that_is_not_utf8_or_not_json(plans, tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_bytes(b"\xff\xfe{")
    code, _, err = run(capsys, "apply", "us-28-point", str(path), "--plans", str(plans))
    assert code == 2 and f"{path}:1:1: error: not UTF-8 text" in err
    path.write_text('{"schema": ', encoding="utf-8")
    code, _, err = run(capsys, "apply", "us-28-point", str(path), "--plans", str(plans))
    assert code == 2 and f"{path}:1:" in err and "invalid JSON" in err


def test_apply_refuses_a_result_that_is_not_a_valid_plan(plans, tmp_path, capsys):
    doc = {
        "schema": "plandiff.diff/2",
        "old": {"id": "us-28-point"},
        "changes": [{"key": "x", "old": None, "new": {"summary": "s", "evidence": [{"source": "nope"}]}}],
    }
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "apply", "us-28-point", str(path), "--plans", str(plans))
    assert code == 2 and out == ""
    assert "the result would not be a valid plan: provisions.x" in err


def test_apply_and_schema_never_write_over_a_plan_or_an_existing_file(plans, changes, tmp_path, capsys):
    other = plans / "ua-20-point.yaml"
    before = other.read_bytes()
    code, _, err = run(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans), "-o", str(other))
    assert code == 2 and other.read_bytes() == before
    code, _, err = run(capsys, "schema", "--plans", str(plans), "-o", str(plans / "jeddah-truce.yaml"))
    assert code == 2 and "inside the plans directory" in err
    elsewhere = tmp_path / "taken.yaml"
    elsewhere.write_text("mine\n", encoding="utf-8")
    code, _, err = run(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans), "-o", str(elsewhere))
    assert code == 2 and "refusing to" in err and elsewhere.read_text() == "mine\n"
    out = tmp_path / "e3-rebuilt.yaml"
    assert run(capsys, "apply", "us-28-point", str(changes), "--plans", str(plans), "-o", str(out))[0] == 0
    # the rebuilt file compares clean with the real one, although its name is not its id
    assert run(capsys, "diff", str(out), str(plans / "e3-counterproposal.yaml"))[0] == 0
    assert run(capsys, "schema", "-o", "/proc/no/such/dir/s.json")[0] == 2


def test_versions_lists_what_it_can_read_and_reports_the_rest(plans, capsys):
    (plans / "broken.yaml").write_text("schema: plandiff/1\nid: [\n", encoding="utf-8")
    code, out, err = run(capsys, "versions", str(plans))
    assert code == 2 and "us-28-point" in out  # listed, but the exit says not all was read
    assert "broken.yaml:" in err and "error:" in err


def test_extract_keeps_what_it_extracted_when_one_input_is_bad(tmp_path, capsys):
    text = (REPO / "plans" / "sources" / "002_7ded3184a7ecd17b.txt").read_text(encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": text}) + "\nnot json\n", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(feed), "--format", "json", "--plans", str(REPO / "plans"), "-j", "1")
    assert code == 2 and "feed.jsonl:2: error: not JSON" in err
    assert json.loads(out)["claims"], "claims from the good line are kept"


def test_extract_refuses_binary_files_and_says_when_nothing_was_found(tmp_path, capsys):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x7fELF\x00\x01\x02" * 100)
    code, _, err = run(capsys, "extract", str(binary), "-j", "1")
    assert code == 2 and "binary file" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, "extract", str(empty))
    assert code == 2 and "no articles found" in err


@pytest.mark.parametrize(
    "edit, where",
    [
        (lambda d: d["header"].__setitem__("drafted_by", {"old": [], "new": 5}), "header.drafted_by.new"),
        (lambda d: d["header"].__setitem__("drafted_by", {"old": [], "new": "USA"}), "header.drafted_by.new"),
        (lambda d: d["header"].__setitem__("aliases", {"old": [], "new": None}), "header.aliases.new"),
        (lambda d: d["header"].__setitem__("point_count", {"old": 28, "new": "28"}), "header.point_count.new"),
    ],
)
def test_a_change_set_with_a_wrong_type_is_refused_before_anything_is_built(plans, tmp_path, capsys, edit, where):
    code, out, _ = run(capsys, "diff", "us-28-point", "e3-counterproposal", "--plans", str(plans), "--format", "json")
    doc = json.loads(out)
    edit(doc)
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    code, out, err = run(capsys, "apply", "us-28-point", str(path), "--plans", str(plans))
    assert code == 2 and out == "" and "Traceback" not in err
    assert f"{path}:1:1: error: cannot apply: {where}: expected" in err


@pytest.mark.parametrize(
    "text, words",
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ('{"schema": "plandiff.diff/2", "n": ' + "9" * 5000 + "}", "digits"),
        ('{"schema": "plandiff.diff/2", "s": "\\ud800"}', "lone surrogate"),
    ],
)
def test_a_hostile_change_set_is_a_located_error(plans, tmp_path, capsys, text, words):
    path = tmp_path / "c.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "apply", "us-28-point", str(path), "--plans", str(plans))
    assert code == 2 and out == "" and "Traceback" not in err
    assert err.startswith(f"{path}:") and ": error: cannot apply: " in err and words in err
