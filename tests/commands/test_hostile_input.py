"""Hostile plan files and articles, each built here: terminal injection, silently wrong values, bad reads.

Every case is the finding of the hostile review (issue 12) it reproduces.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from plandiff.guard import guard
from plandiff.load import load_plan
from tests.support.cli import run
from tests.support.loader_helpers import BASE_PLAN, make_plans_dir, run_check, write
from tests.support.paths import REPO

CONTROL = "\x1b]0;pwned\x07 \x1b[31mRED\x00\x9b2J"
RAW = ("\x1b", "\x07", "\x00", "\x9b", "\u202e", "\u2066")


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def no_raw_controls(text: str) -> bool:
    return not any(ch in text for ch in RAW)


# --- the guard ----------------------------------------------------------------------------


def test_guard_escapes_controls_and_bidi_visibly():
    assert guard(CONTROL) == "\\u001b]0;pwned\\u0007 \\u001b[31mRED\\u0000\\u009b2J"
    assert guard("abc\u202etxt.exe\u2066x\u2069 \u200f") == "abc\\u202etxt.exe\\u2066x\\u2069 \\u200f"
    assert guard("tab\tand\nnewline stay") == "tab\tand\nnewline stay"
    assert guard("carriage\rreturn") == "carriage\\u000dreturn"


def test_guard_lets_only_plandiffs_own_colour_through_while_colour_is_on():
    styled = "\x1b[33;1m~ changed\x1b[0m x"
    assert guard(styled, style=True) == styled
    assert guard(styled, style=False) == "\\u001b[33;1m~ changed\\u001b[0m x"
    # cursor moves, clearing, hidden text, window titles and hyperlinks never pass
    for seq in ("\x1b[2J", "\x1b[8m", "\x1b[1A", "\x1b]8;;http://x\x1b\\", "\x1b[38;5;1m"):
        assert "\x1b" not in guard(seq, style=True), seq


def test_guarded_json_is_still_the_same_json():
    doc = json.dumps({"title": "a\u202eb\x85c"}, ensure_ascii=False)
    assert json.loads(guard(doc)) == {"title": "a\u202eb\x85c"} and no_raw_controls(guard(doc))


# --- check rejects controls however YAML spells them; warns about bidi ------------------------


@pytest.mark.parametrize(
    "spelling",
    [
        '"\\e]0;pwned\\a \\e[31mRED"',
        '"\\x1b[31mRED"',
        '"\\u001b[31mRED"',
        '"bell\\x07"',
        '"nul\\0"',
        '"csi\\x9b2J"',
        '"cr\\rover"',
    ],
)
def test_check_rejects_escape_and_control_characters_in_plan_text(tmp_path, capsys, spelling):
    plans = make_plans_dir(tmp_path)
    text = BASE_PLAN.replace("title: Test plan", f"title: {spelling}")
    path = write(plans, text)
    code, out, _ = run_check(capsys, str(path), "--no-quotes")
    assert code == 1
    line = line_of(text, "title:")
    assert any(f":{line}:8: error: control character U+" in o for o in out), out
    assert all(no_raw_controls(o) for o in out)


def test_check_warns_about_a_bidi_override_and_every_report_escapes_it(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    text = BASE_PLAN.replace("title: Test plan", "title: Plan \u202etxt.exe").replace(
        "summary: The army is capped.", 'summary: "The army \\u2066is\\u2069 capped."'
    )
    path = write(plans, text)
    code, out, err = run_check(capsys, str(path), "--no-quotes")
    assert code == 0 and "2 warnings" in err
    assert f"test-plan.yaml:{line_of(text, 'title:')}:8: warning: bidirectional control U+202E" in out[0]
    assert all(no_raw_controls(o) for o in out)
    other = write(plans, BASE_PLAN.replace("id: test-plan", "id: other"), "other.yaml")
    for args in (
        ["versions", "--long", plans],
        ["diff", other, path],
        ["diff", other, path, "--format", "markdown"],
        ["diff", other, path, "--color"],
        ["history", "military.troop_cap", plans],
        ["git-diff", "p.yaml", other, "0" * 7, "100644", path, "0" * 7, "100644"],
    ):
        code, out, err = run(capsys, *args)
        assert code in (0, 1), (args, err)
        if "--color" in args:  # plandiff's own colour, and only that, is raw
            assert "\x1b[" in out
            out = re.sub(r"\x1b\[[0-9;]*m", "", out)
        assert no_raw_controls(out + err), args
        assert "\\u202e" in out + err or "\\u2066" in out + err, args
    code, out, _ = run(capsys, "diff", other, path, "--format", "json")
    doc = json.loads(out)
    assert doc["header"]["title"]["new"] == "Plan \u202etxt.exe" and no_raw_controls(out)


def test_a_control_character_in_a_file_name_is_escaped_in_diagnostics(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    path = write(plans, "schema: plandiff/1\nid: [\n", "evil\x1b[2J\u202e.yaml")
    code, out, err = run(capsys, "check", path)
    assert code == 1 and no_raw_controls(out + err) and "evil\\u001b[2J\\u202e.yaml:" in out


def test_html_title_and_text_carry_no_bidi_override(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    path = write(plans, BASE_PLAN.replace("title: Test plan", "title: Plan \u202etxt.exe"))
    other = write(plans, BASE_PLAN.replace("id: test-plan", "id: other"), "other.yaml")
    code, _, err = run(capsys, "html", other, path, "--plans", plans, "-o", tmp_path / "p.html")
    assert code == 0, err
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "\u202e" not in page and "Plan \\u202etxt.exe" in page


# --- values ---------------------------------------------------------------------------------


def test_an_integer_with_a_leading_zero_is_an_error_with_a_hint(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    text = BASE_PLAN.replace("personnel: 600000", "personnel: 0600000")
    path = write(plans, text)
    code, out, _ = run_check(capsys, str(path), "--no-quotes")
    line = line_of(text, "0600000")
    assert code == 1
    assert any(f":{line}:24: error: integer '0600000' has a leading zero" in o and "write 600000" in o for o in out), (
        out
    )


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "1.0e+400"])
def test_nan_and_infinity_are_errors_in_every_numeric_value(tmp_path, capsys, value):
    plans = make_plans_dir(tmp_path)
    custom = (
        f"  custom.widgets:\n    summary: Widgets.\n    value: {{count: {value}, note: x}}\n"
        "    evidence:\n      - source: rep\n"
    )
    for text in (BASE_PLAN + custom, BASE_PLAN.replace("personnel: 600000", f"personnel: {value}")):
        path = write(plans, text)
        code, out, _ = run_check(capsys, str(path), "--no-quotes")
        assert code == 1 and any(f"'{value}'" in o and "finite number" in o for o in out), out


def test_nan_from_a_json_change_set_is_an_error(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    path = write(plans, BASE_PLAN)
    change_set = {
        "schema": "plandiff.diff/2",
        "old": {"id": "test-plan"},
        "changes": [
            {
                "key": "custom.widgets",
                "old": None,
                "new": {"summary": "Widgets.", "value": {"count": float("nan")}, "evidence": [{"source": "rep"}]},
            }
        ],
    }
    cs = tmp_path / "c.json"
    cs.write_text(json.dumps(change_set))  # json.dumps writes a bare NaN, as other tools do
    code, out, err = run(capsys, "apply", path, cs, "--plans", plans)
    assert code == 2 and out == "" and "not a finite number" in err


def test_a_cited_article_that_is_not_utf8_is_a_located_error(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    (plans / "sources" / "art.txt").write_bytes(
        "Ukraine’s sovereignty will be reaffirmed, café".encode("latin-1", "replace")
    )
    path = write(plans, BASE_PLAN)
    code, out, _ = run_check(capsys, str(path))
    line = line_of(BASE_PLAN, "file: sources/art.txt")
    assert code == 1
    assert any(
        f":{line}:11: error: cannot read sources/art.txt: invalid UTF-8 byte 0xe9 at line 1" in o for o in out
    ), out


# --- reads are bounded and never block ----------------------------------------------------------


def test_check_on_a_fifo_says_why_at_once(tmp_path):
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    # a generous timeout only guards against a hang; the command answers at once
    proc = subprocess.run(
        [sys.executable, "-m", "plandiff", "check", str(fifo)], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert proc.returncode == 2
    assert f"{fifo}: cannot check a pipe" in proc.stderr and "plandiff diff" in proc.stderr


def _diff_through_a_pipe(feed):
    """`plandiff diff /dev/fd/N plans/geneva-revised.yaml` with `feed(write_end)` writing the old side."""
    import threading

    r, w = os.pipe()
    writer = threading.Thread(target=feed, args=(w,))
    writer.start()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "plandiff", "diff", f"/dev/fd/{r}", "plans/geneva-revised.yaml"],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
            pass_fds=(r,),
        )
    finally:
        os.close(r)
        writer.join()
    return proc


def test_diff_reads_the_old_side_from_a_pipe_as_process_substitution_gives_it():
    blob = (REPO / "plans" / "us-28-point.yaml").read_bytes()

    def feed(w):
        with os.fdopen(w, "wb") as fh:
            for i in range(0, len(blob), 4096):  # in pieces, as git show writes
                fh.write(blob[i : i + 4096])
                fh.flush()

    proc = _diff_through_a_pipe(feed)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert proc.stdout.startswith("plandiff: us-28-point → geneva-revised")
    assert "2 dropped" in proc.stdout


def test_a_pipe_that_gives_nothing_is_a_located_error():
    proc = _diff_through_a_pipe(os.close)
    assert proc.returncode == 2
    assert re.search(
        r"/dev/fd/\d+:1:1: error: cannot read file: it is a pipe that gave no data", proc.stdout + proc.stderr
    )


def test_a_pipe_is_read_under_the_plan_cap(monkeypatch):
    from plandiff.load import reading

    r, w = os.pipe()
    os.write(w, b"x" * 5000)
    os.close(w)
    with pytest.raises(reading.ReadError, match="larger than"):
        reading.read_capped(f"/dev/fd/{r}", 4096, "a plan file", pipe=True)
    os.close(r)


def test_a_named_fifo_nobody_writes_to_ends_in_an_error_not_a_hang(tmp_path, monkeypatch):
    from plandiff.load import reading

    monkeypatch.setattr(reading, "WRITER_SECONDS", 0.05)
    fifo = tmp_path / "old.yaml"
    os.mkfifo(fifo)
    with pytest.raises(reading.ReadError, match="gave no data"):
        reading.read_capped(fifo, 4096, "a plan file", pipe=True)


def test_a_cited_article_may_not_be_a_pipe(tmp_path):
    from plandiff.load import reading

    fifo = tmp_path / "art.txt"
    os.mkfifo(fifo)
    with pytest.raises(reading.ReadError, match="it is a FIFO, not a regular file"):
        reading.read_capped(fifo, 4096, "a cited article")


def test_a_cited_article_that_is_a_fifo_or_device_is_refused(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    os.unlink(plans / "sources" / "art.txt")
    os.mkfifo(plans / "sources" / "art.txt")
    (plans / "sources" / "zero.txt").symlink_to("/dev/zero")
    text = BASE_PLAN.replace("      - id: rep", "      - id: zero\n        file: sources/zero.txt\n      - id: rep")
    path = write(plans, text)
    code, out, _ = run_check(capsys, str(path))
    assert code == 1
    assert any("source file 'sources/art.txt' is not a regular file" in o for o in out), out


def test_size_caps_name_the_cap(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    with open(plans / "sources" / "art.txt", "r+b") as fh:  # sparse: 9 MiB that take no disk
        fh.truncate(9 * 1024 * 1024)
    path = write(plans, BASE_PLAN)
    code, out, _ = run_check(capsys, str(path))
    assert code == 1 and any("file is larger than 8 MiB, the cap for a cited article" in o for o in out), out
    big = plans / "big.yaml"
    with open(big, "wb") as fh:
        fh.truncate(33 * 1024 * 1024)
    diags = load_plan(big).diagnostics
    assert [(d.line, d.col) for d in diags] == [(1, 1)]
    assert diags[0].message == "file is larger than 32 MiB, the cap for a plan file"


# --- check FILE reads only what lineage needs; reads stay inside sources/ ------------------------


def test_check_file_reads_only_the_plans_its_lineage_names(tmp_path, capsys, monkeypatch):
    import shutil

    from plandiff.load import corpus

    plans = tmp_path / "plans"
    shutil.copytree(REPO / "plans", plans)
    (plans / "unrelated.yaml").write_text("schema: plandiff/1\nid: [\n", encoding="utf-8")
    read: list[str] = []
    real = corpus.read_yaml
    monkeypatch.setattr(corpus, "read_yaml", lambda path, raw=None: read.append(Path(path).name) or real(path, raw))
    code, out, err = run(capsys, "check", plans / "geneva-revised.yaml")
    assert code == 0, out + err
    assert sorted(read) == ["e3-counterproposal.yaml", "geneva-revised.yaml", "us-28-point.yaml"]
    # a lineage name that matches no file still gets a hint from the file names, without reading them
    text = (
        (plans / "ua-20-point.yaml")
        .read_text(encoding="utf-8")
        .replace("revises: geneva-revised", "revises: geneva-revisd")
    )
    (plans / "ua-20-point.yaml").write_text(text, encoding="utf-8")
    read.clear()
    code, out, _ = run(capsys, "check", plans / "ua-20-point.yaml", "--no-quotes")
    assert code == 1 and "did you mean 'geneva-revised'?" in out and read == ["ua-20-point.yaml"]


def test_check_flags_any_symlink_in_sources_that_leads_outside(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    write(plans, BASE_PLAN)
    secret = tmp_path / "secret.txt"
    secret.write_text("not an article")
    (plans / "sources" / "uncited.txt").symlink_to(secret)
    (plans / "sources" / "inside.txt").symlink_to("art.txt")  # a link that stays inside is fine
    (plans / "sources" / "sub").mkdir()
    (plans / "sources" / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    code, out, _ = run_check(capsys, str(plans))
    assert code == 1
    flagged = sorted(o.split(":")[0] for o in out)
    assert flagged == [str(plans / "sources" / "sub" / "up"), str(plans / "sources" / "uncited.txt")], out
    assert all("symbolic link leads outside sources/" in o for o in out)


def test_a_progress_line_may_redraw_itself_but_data_cannot_return_the_carriage():
    import io

    from plandiff.guard import GuardedStream

    raw = io.StringIO()
    stream = GuardedStream(raw)
    stream.write("\rextract [###   ] 1.0 MB")
    stream.write("safe\rEVIL")
    assert raw.getvalue() == "\rextract [###   ] 1.0 MB" + "safe\\u000dEVIL"


def test_the_guard_on_an_ascii_terminal_escapes_what_it_cannot_encode():
    import io

    from plandiff.guard import GuardedStream

    buf = io.BytesIO()
    raw = io.TextIOWrapper(buf, encoding="ascii")
    stream = GuardedStream(raw)
    assert stream.encoding == "utf-8"  # so click never reaches around the guard to the bytes beneath
    stream.write("Київ \x1b[2J\n")
    stream.flush()
    assert buf.getvalue() == b"\\u041a\\u0438\\u0457\\u0432 \\u001b[2J\n"
