"""Every write goes through plandiff.output: each test plants the trap an attacker (or an accident) would."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from plandiff.output import (
    LOCK_NAME,
    MANIFEST_HEADER,
    OutputError,
    OwnedFolder,
    dumps_json,
    dumps_yaml,
    parse_manifest,
    write_file,
)
from plandiff.render.html.site import MANIFEST as SITE_MANIFEST
from tests.support.cli import run
from tests.support.paths import PLANS


@pytest.fixture()
def plans(tmp_path):
    target = tmp_path / "plans"
    shutil.copytree(PLANS, target)
    return target


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- one file -------------------------------------------------------------------------


def test_a_planted_temp_file_symlink_is_not_followed(plans, tmp_path, capsys):
    """The finding: o/.cmp.html.tmp → ../plans/ua-20-point.yaml made `html -o o/cmp.html` overwrite the plan."""
    victim = plans / "ua-20-point.yaml"
    before = victim.read_bytes()
    out = tmp_path / "o"
    out.mkdir()
    for name in (".cmp.html.tmp", "cmp.html.tmp", ".cmp.html.swp"):
        (out / name).symlink_to(victim)
    code, _, err = run(capsys, "html", "us-28-point", "geneva-revised", "--plans", plans, "-o", out / "cmp.html")
    assert code == 0, err
    assert victim.read_bytes() == before
    assert (out / "cmp.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert not (out / "cmp.html").is_symlink()
    # no temporary file is left behind, and the planted links are untouched
    assert sorted(p.name for p in out.iterdir()) == [".cmp.html.swp", ".cmp.html.tmp", "cmp.html", "cmp.html.tmp"]


@pytest.mark.parametrize("command", [["schema"], ["html", "us-28-point", "geneva-revised"]])
def test_an_output_that_is_a_symlink_is_refused_even_with_force(plans, tmp_path, capsys, command):
    victim = tmp_path / "victim.txt"
    victim.write_text("mine\n")
    link = tmp_path / "out.html"
    link.symlink_to(victim)
    code, _, err = run(capsys, *command, "--plans", plans, "-o", link, "--force")
    assert code == 2 and "symbolic link" in err
    assert victim.read_text() == "mine\n" and link.is_symlink()


def test_html_replaces_an_existing_file_only_with_force(plans, tmp_path, capsys):
    readme = tmp_path / "README.md"
    readme.write_text("# mine\n")
    code, _, err = run(capsys, "html", "us-28-point", "geneva-revised", "--plans", plans, "-o", readme)
    assert code == 2 and "--force" in err and readme.read_text() == "# mine\n"
    code, _, _ = run(capsys, "html", "us-28-point", "geneva-revised", "--plans", plans, "-o", readme, "--force")
    assert code == 0 and readme.read_bytes().startswith(b"<!DOCTYPE html>")


def test_nothing_is_ever_written_inside_the_plans_directory(plans, capsys):
    for command in (["schema"], ["html", "us-28-point", "geneva-revised"]):
        for target in (plans / "new.json", plans / "sources" / "new.html", plans / "sub" / ".." / "x.json"):
            code, _, err = run(capsys, *command, "--plans", plans, "-o", target, "--force")
            assert code == 2 and "inside the plans directory" in err, (command, target)
    assert not (plans / "new.json").exists() and not (plans / "sources" / "new.html").exists()
    assert write_file(plans / "x.txt", b"x", plans_dir=plans) is not None


def test_write_file_leaves_no_temporary_file_when_the_write_fails(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "out.txt").mkdir()  # os.replace over a directory fails
    assert "is a directory" in write_file(folder / "out.txt", b"data", plans_dir=None, force=True)
    assert [p.name for p in folder.iterdir()] == ["out.txt"]


# --- a folder the tool owns -------------------------------------------------------------


def test_a_hand_planted_manifest_entry_is_never_deleted(tmp_path, capsys):
    """The finding: a `.plandiff-site` line naming a file made `site` delete that file."""
    site = tmp_path / "site"
    code, _, _ = run(capsys, "site", "--plans", PLANS, PLANS, "-o", site)
    assert code == 0
    keep = site / "notes.html"
    keep.write_text("my notes")
    changed = site / "matrix.html"
    manifest = site / SITE_MANIFEST
    recorded = parse_manifest(manifest.read_text())
    outside = tmp_path / "outside.html"
    outside.write_text("mine")
    # planted: a bare path (the old format), a wrong hash, and a path out of the folder with its true hash;
    # and a page of ours that someone has edited since
    manifest.write_text(
        manifest.read_text() + f"notes.html\n{'0' * 64}  notes.html\n{digest(outside)}  ../outside.html\n"
    )
    changed.write_text("edited by hand")
    code, _, err = run(capsys, "site", "--plans", PLANS, PLANS, "-o", site)
    assert code == 2 and "matrix.html" in err and "changed" in err  # our page, changed since: not replaced
    assert changed.read_text() == "edited by hand"
    changed.unlink()
    code, _, err = run(capsys, "site", "--plans", PLANS, PLANS, "-o", site)
    assert code == 0, err
    assert keep.read_text() == "my notes" and outside.read_text() == "mine"
    assert set(parse_manifest(manifest.read_text())) == set(recorded)


def test_site_removes_only_its_own_unchanged_stale_pages(tmp_path, capsys):
    site = tmp_path / "site"
    args = ["site", "--plans", PLANS, PLANS, "-o", site]
    assert (
        run(capsys, *args, "--pair", "jeddah-truce:paris-declaration", "--pair", "jeddah-truce:prosperity-plan")[0] == 0
    )
    stale = site / "compare" / "jeddah-truce.vs.paris-declaration.html"
    edited = site / "compare" / "jeddah-truce.vs.prosperity-plan.html"
    edited.write_text("kept: edited by hand")
    assert run(capsys, *args)[0] == 0
    assert not stale.exists()
    assert edited.read_text() == "kept: edited by hand"


def test_a_symlinked_subfolder_is_refused(tmp_path, capsys):
    site = tmp_path / "site"
    assert run(capsys, "site", "--plans", PLANS, PLANS, "-o", site)[0] == 0
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.rmtree(site / "sources")
    (site / "sources").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = run(capsys, "site", "--plans", PLANS, PLANS, "-o", site)
    assert code == 2 and "symbolic link" in err
    assert list(elsewhere.iterdir()) == []


def test_a_manifest_or_lock_that_is_a_symlink_is_refused(tmp_path, plans):
    victim = plans / "ua-20-point.yaml"
    before = victim.read_bytes()
    for name in (SITE_MANIFEST, LOCK_NAME):
        folder = tmp_path / name.strip(".")
        folder.mkdir()
        (folder / name).symlink_to(victim)
        with (
            pytest.raises(OutputError, match="symbolic link|not a regular file"),
            OwnedFolder(folder, SITE_MANIFEST, owner="test") as f,
        ):
            f.write("a.html", b"x")
        assert victim.read_bytes() == before


def test_owned_folder_records_hashes_in_one_scheme(tmp_path):
    with OwnedFolder(tmp_path / "d", ".m", owner="test") as f:
        f.write("a.txt", b"alpha")
        f.write("sub/b.txt", b"beta")
    text = (tmp_path / "d" / ".m").read_text()
    assert text.splitlines()[0] == MANIFEST_HEADER
    assert parse_manifest(text) == {
        "a.txt": hashlib.sha256(b"alpha").hexdigest(),
        "sub/b.txt": hashlib.sha256(b"beta").hexdigest(),
    }
    for bad in ("../x", "/etc/passwd", "a/../../x", "", ".plandiff-tmp-1", "a//b"):
        with pytest.raises(OutputError), OwnedFolder(tmp_path / "d", ".m", owner="test") as f:
            f.write(bad, b"x")


def test_parallel_site_builds_into_one_folder_all_succeed(tmp_path):
    """The finding: 3–6 of 8 parallel builds failed on temp-file races. Now they take turns (flock)."""
    site = tmp_path / "site"
    seen_partial = []
    done = threading.Event()

    def read_pages():  # a reader never sees half a page
        while not done.is_set():
            for page in (site / "index.html", site / "matrix.html"):
                try:
                    data = page.read_bytes()
                except FileNotFoundError:
                    continue
                if not data.rstrip().endswith(b"</html>"):
                    seen_partial.append((page.name, len(data)))

    reader = threading.Thread(target=read_pages)
    reader.start()
    try:
        procs = [
            subprocess.Popen(
                [sys.executable, "-m", "plandiff", "site", "--plans", str(PLANS), str(PLANS), "-o", str(site)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(8)
        ]
        results = [(p.wait(timeout=600), p.stderr.read().decode()) for p in procs]
    finally:
        done.set()
        reader.join()
    assert [code for code, _ in results] == [0] * 8, [err for _, err in results]
    assert seen_partial == []
    assert not [p for p in site.rglob("*") if p.name.startswith(".plandiff-tmp-")]


# --- drafts ------------------------------------------------------------------------------


def _draft_args(plans, drafts, article):
    return ["extract", article, "--plans", plans, "--propose", "--no-progress", "--no-color", "--write-drafts", drafts]


@pytest.fixture()
def article(plans):
    new = plans / "sources" / "901_new.txt"
    new.write_text("The European counterproposal drops the amnesty clause.\n", encoding="utf-8")
    return new


def test_drafts_never_follow_a_symlinked_manifest(plans, article, tmp_path, capsys, monkeypatch):
    """The finding: DIR/.plandiff-drafts → a plan file got overwritten with a file list."""
    monkeypatch.chdir(tmp_path)
    victim = plans / "us-28-point.yaml"
    before = victim.read_bytes()
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / ".plandiff-drafts").symlink_to(victim)
    code, _, err = run(capsys, *_draft_args(plans, drafts, article))
    assert code == 2 and "refusing" in err
    assert victim.read_bytes() == before


def test_drafts_never_write_through_a_symlinked_sources_folder(plans, article, tmp_path, capsys, monkeypatch):
    """The finding: a symlinked DIR/sources put the articles outside DIR."""
    monkeypatch.chdir(tmp_path)
    outside = tmp_path / "outside"
    outside.mkdir()
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "sources").symlink_to(outside, target_is_directory=True)
    code, _, err = run(capsys, *_draft_args(plans, drafts, article))
    assert code == 2 and "symbolic link" in err
    assert list(outside.iterdir()) == []


def test_drafts_record_hashes_and_replace_only_their_own(plans, article, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    drafts = tmp_path / "drafts"
    code, _, err = run(capsys, *_draft_args(plans, drafts, article))
    assert code == 1, err
    recorded = parse_manifest((drafts / ".plandiff-drafts").read_text())
    assert recorded["e3-counterproposal.yaml"] == digest(drafts / "e3-counterproposal.yaml")
    copy = drafts / "jeddah-truce.yaml"  # a byte-for-byte copy carries no draft mark: only the hash says it is ours
    copy.write_text("# my edit\n")
    code, _, err = run(capsys, *_draft_args(plans, drafts, article))
    assert code == 2 and "refusing to overwrite" in err and copy.read_text() == "# my edit\n"


# --- serialising --------------------------------------------------------------------------


def test_json_output_never_carries_nan():
    with pytest.raises(ValueError):
        dumps_json({"x": float("nan")})
    assert dumps_json({"a": "é"}, indent=None) == '{"a": "é"}'


def test_yaml_output_writes_controls_and_bidi_as_escapes():
    text = dumps_yaml({"title": "abc\u202edef", "note": "x\x85y", "plain": "Київ"})
    assert "\u202e" not in text and "\x85" not in text and "Київ" in text
    import yaml

    assert yaml.safe_load(text) == {"title": "abc\u202edef", "note": "x\x85y", "plain": "Київ"}


_json_leaf = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
_json_doc = st.recursive(
    _json_leaf,
    lambda kids: (
        st.lists(kids, max_size=4)
        | st.tuples(kids, kids)
        | st.dictionaries(st.text(max_size=5) | st.integers() | st.booleans() | st.none(), kids, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(doc=_json_doc)
def test_dumps_json_writes_exactly_what_json_dumps_writes(doc):
    import json

    assert dumps_json(doc) == json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)


@pytest.mark.parametrize("bad", [float("inf"), [1, {"a": float("-inf")}], {float("nan"): 1}])
def test_dumps_json_refuses_what_is_not_json(bad):
    with pytest.raises(ValueError):
        dumps_json(bad)


def test_concurrent_writers_into_one_owned_folder_take_turns(tmp_path):
    """The finding: parallel --write-drafts left truncated files visible. Each writer's files appear whole."""
    folder = tmp_path / "drafts"
    payloads = {i: (f"writer {i}\n" * 50_000).encode() for i in range(8)}
    partial, errors = [], []
    done = threading.Event()

    def write(i):
        try:
            with OwnedFolder(
                folder, ".plandiff-drafts", owner="test", keep_previous=True, may_replace=lambda rel, old: True
            ) as f:
                f.write("shared.yaml", payloads[i])
                f.write(f"sources/{i}.txt", payloads[i])
        except Exception as exc:  # noqa: BLE001 - the test reports whatever went wrong
            errors.append(repr(exc))

    def read():
        while not done.is_set():
            try:
                data = (folder / "shared.yaml").read_bytes()
            except FileNotFoundError:
                continue
            if data not in payloads.values():
                partial.append(len(data))

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    done.set()
    reader.join()
    assert errors == [] and partial == []
    recorded = parse_manifest((folder / ".plandiff-drafts").read_text())
    assert set(recorded) == {"shared.yaml"} | {f"sources/{i}.txt" for i in range(8)}
    assert recorded["shared.yaml"] == digest(folder / "shared.yaml")


def test_html_refuses_a_bad_output_before_doing_the_work(plans, tmp_path, capsys, monkeypatch):
    import plandiff.render.html as html

    def boom(*args, **kwargs):
        raise AssertionError("rendered although the output was refused")

    monkeypatch.setattr(html, "render_compare", boom)
    taken = tmp_path / "taken.html"
    taken.write_text("mine")
    code, _, err = run(capsys, "html", "us-28-point", "geneva-revised", "--plans", plans, "-o", taken)
    assert code == 2 and "--force" in err and taken.read_text() == "mine"


def test_a_build_that_stops_part_way_still_records_what_it_wrote(tmp_path):
    folder = tmp_path / "site"
    with pytest.raises(OutputError), OwnedFolder(folder, ".m", owner="test", fresh_only=True) as f:
        f.write("a.html", b"a")
        f.write("../b.html", b"b")  # refused
    assert parse_manifest((folder / ".m").read_text()) == {"a.html": hashlib.sha256(b"a").hexdigest()}
    with OwnedFolder(folder, ".m", owner="test", fresh_only=True) as f:  # the folder is still ours
        f.write("c.html", b"c")
        assert f.prune() == ["a.html"]
    assert sorted(p.name for p in folder.iterdir()) == [".m", ".plandiff-lock", "c.html"]
