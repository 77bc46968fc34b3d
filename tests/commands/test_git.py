"""plandiff as git's external diff driver, driven through real git (see docs/git.md).

A throwaway repository gets a copy of plans/, the `.gitattributes` line and the
`diff.plandiff.command` setting, and two commits (the second raises the US
troop cap). `git diff` then prints plandiff's typed report instead of a line
diff; `git log -p` and `git show` do so with `--ext-diff` (git 2.39 runs
external diff drivers for them only when asked).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import PLANS

CAP_LINE = "Troop cap: 600,000 → 650,000 personnel (+50,000, +8%)"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "Plan Tester",
            "GIT_AUTHOR_EMAIL": "tester@example.org",
            "GIT_COMMITTER_NAME": "Plan Tester",
            "GIT_COMMITTER_EMAIL": "tester@example.org",
            "GIT_PAGER": "cat",
            "PAGER": "cat",
            "LC_ALL": "C.UTF-8",
            "NO_COLOR": "1",
        }
    )
    # the driver runs `python -m plandiff` from the repository, so plandiff must be importable there
    env["PYTHONPATH"] = os.pathsep.join([str(PLANS.parent)] + [p for p in [os.environ.get("PYTHONPATH")] if p])
    return env


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    root.mkdir()
    env = _env(tmp_path)

    def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
        proc = subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8")
        if check:
            assert proc.returncode == 0, f"git {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}"
        return proc

    git("init", "-q")
    shutil.copytree(PLANS, root / "plans")
    (root / ".gitattributes").write_text("plans/*.yaml diff=plandiff\n", encoding="utf-8")
    git("config", "diff.plandiff.command", f"{sys.executable} -m plandiff git-diff")
    git("add", "-A")
    git("commit", "-q", "-m", "plans as they are")
    plan = root / "plans" / "us-28-point.yaml"
    text = plan.read_text(encoding="utf-8")
    assert text.count("value: {personnel: 600000, scope: unqualified}") == 1
    plan.write_text(
        text.replace(
            "value: {personnel: 600000, scope: unqualified}", "value: {personnel: 650000, scope: unqualified}"
        ),
        encoding="utf-8",
    )
    git("commit", "-q", "-am", "raise the US troop cap")
    git.root = root
    return git


def _assert_plandiff_report(out: str) -> None:
    assert "plandiff plans/us-28-point.yaml" in out
    assert "plandiff: us-28-point → us-28-point" in out
    assert "~ changed    military.troop_cap (point 6)" in out
    assert CAP_LINE in out
    assert "0 added · 0 dropped · 1 changed · 0 renumbered" in out
    assert "@@" not in out and "+    value: {personnel: 650000" not in out  # no line diff
    assert "\x1b[" not in out  # not a terminal: no colour


def test_git_diff_shows_the_typed_report(repo):
    out = repo("diff", "HEAD~1", "--", "plans/us-28-point.yaml").stdout
    _assert_plandiff_report(out)
    assert repo("diff", "HEAD~1", "HEAD").stdout.count("plandiff plans/") == 1  # only the file that changed


def test_git_diff_no_ext_diff_gives_the_line_diff_back(repo):
    out = repo("diff", "--no-ext-diff", "HEAD~1", "--", "plans/us-28-point.yaml").stdout
    assert "-    value: {personnel: 600000, scope: unqualified}" in out
    assert "+    value: {personnel: 650000, scope: unqualified}" in out
    assert "plandiff" not in out


def test_git_log_p_shows_the_report_with_ext_diff(repo):
    out = repo("log", "-p", "--ext-diff", "-1", "--", "plans/us-28-point.yaml").stdout
    assert "raise the US troop cap" in out
    _assert_plandiff_report(out)
    show = repo("show", "--ext-diff", "HEAD").stdout
    assert CAP_LINE in show


def test_git_log_p_without_ext_diff_is_a_line_diff(repo):
    """What docs/git.md says about git 2.39: log and show use external drivers only with --ext-diff."""
    out = repo("log", "-p", "-1", "--", "plans/us-28-point.yaml").stdout
    version = repo("--version").stdout
    if CAP_LINE in out:  # a git that runs external drivers for log -p by default
        pytest.skip(f"{version.strip()} runs the external driver for `git log -p` without --ext-diff")
    assert "+    value: {personnel: 650000, scope: unqualified}" in out


def test_git_diff_on_an_added_plan(repo):
    src = (repo.root / "plans" / "us-28-point.yaml").read_text(encoding="utf-8")
    (repo.root / "plans" / "us-29-point.yaml").write_text(
        src.replace("id: us-28-point", "id: us-29-point", 1), encoding="utf-8"
    )
    repo("add", "plans/us-29-point.yaml")
    proc = repo("diff", "--cached", "--", "plans/us-29-point.yaml")
    assert "plandiff plans/us-29-point.yaml" in proc.stdout
    assert "+ added      military.troop_cap (point 6)" in proc.stdout
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    assert "(None)" not in proc.stdout  # the missing side has no date, and says nothing of one


def test_git_diff_on_a_deleted_plan(repo):
    repo("rm", "-q", "plans/jeddah-truce.yaml")
    proc = repo("diff", "--cached", "--", "plans/jeddah-truce.yaml")
    assert "plandiff plans/jeddah-truce.yaml" in proc.stdout
    assert "- dropped    us_support.intel_and_aid" in proc.stdout
    assert "Traceback" not in proc.stderr and proc.stderr == ""
    proc = repo("commit", "-q", "-m", "drop jeddah")
    out = repo("log", "-p", "--ext-diff", "-1").stdout
    assert "- dropped    us_support.intel_and_aid" in out


def test_git_diff_on_a_broken_plan_falls_back_to_a_note(repo):
    (repo.root / "plans" / "us-28-point.yaml").write_text("schema: plandiff/1\nid: [\n", encoding="utf-8")
    proc = repo("diff", "--", "plans/us-28-point.yaml")
    assert "not a readable plan on one side; showing problems instead" in proc.stdout
    assert "plans/us-28-point.yaml:" in proc.stdout and "error: invalid YAML" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_other_files_keep_the_line_diff(repo):
    readme = repo.root / "plans" / "sources" / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    out = repo("diff").stdout
    assert "+One more line." in out and "plandiff" not in out
