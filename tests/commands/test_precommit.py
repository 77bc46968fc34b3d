"""The pre-commit hook, run by the real `pre-commit` in a throwaway git repository.

The throwaway repository's .pre-commit-config.yaml points at this checkout
(`repo: <path>`, `rev: <HEAD sha>`), so pre-commit clones this repository at
HEAD and pip-installs it into its own virtualenv: the hook that runs is the
code *committed* at HEAD, exactly what a user of the hook would get. The plan
files and articles are taken from the same commit, so code and data match.

One repository (and one hook install) is shared by all the cases.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from tests.support.loader_helpers import enum_value_site
from tests.support.paths import REPO

PLAN = "plans/us-28-point.yaml"


def _git(*args: str, cwd: Path, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=check, timeout=600)


def _head_of_checkout() -> str:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    try:
        sha = _git("rev-parse", "--verify", "HEAD^{commit}", cwd=REPO).stdout.strip()
    except subprocess.CalledProcessError:
        pytest.skip(f"{REPO} is not a git checkout with a commit")
    if _git("cat-file", "-e", f"{sha}:.pre-commit-hooks.yaml", cwd=REPO, check=False).returncode:
        pytest.skip(
            "HEAD has no .pre-commit-hooks.yaml yet; pre-commit installs the hook from the "
            "committed tree, so commit it first"
        )
    return sha


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory) -> tuple[Path, dict]:
    """A git repo holding plans/ from HEAD, with the plandiff-check hook installed."""
    sha = _head_of_checkout()
    base = tmp_path_factory.mktemp("precommit")
    repo = base / "repo"
    repo.mkdir()
    env = dict(os.environ)
    for var in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
        env.pop(var, None)
    env.update(
        {
            "PRE_COMMIT_HOME": str(base / "pre-commit-home"),
            "PRE_COMMIT_COLOR": "never",
            "NO_COLOR": "1",
            "GIT_AUTHOR_NAME": "plandiff tests",
            "GIT_AUTHOR_EMAIL": "tests@plandiff.invalid",
            "GIT_COMMITTER_NAME": "plandiff tests",
            "GIT_COMMITTER_EMAIL": "tests@plandiff.invalid",
        }
    )

    archive = _git_bytes(["archive", "--format=tar", sha, "plans"], REPO)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python ≥ 3.11.4
            tar.extractall(repo, filter="data")
        else:  # pragma: no cover
            tar.extractall(repo)
    (repo / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump({"repos": [{"repo": str(REPO), "rev": sha, "hooks": [{"id": "plandiff-check"}]}]}),
        encoding="utf-8",
    )

    _git("init", "-q", cwd=repo, env=env)
    _git("config", "commit.gpgsign", "false", cwd=repo, env=env)
    _git("add", "-A", cwd=repo, env=env)
    _git("commit", "-q", "--no-verify", "-m", "plans from plandiff HEAD", cwd=repo, env=env)
    precommit = [sys.executable, "-m", "pre_commit"]
    subprocess.run(precommit + ["install"], cwd=repo, env=env, check=True, capture_output=True, timeout=120)
    # Build the hook's virtualenv now (clone at `rev`, pip install), so a failure
    # here is reported as a setup problem rather than as a blocked commit.
    proc = subprocess.run(precommit + ["install-hooks"], cwd=repo, env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"pre-commit install-hooks failed:\n{proc.stdout}\n{proc.stderr}"
    return repo, env


def _git_bytes(args: list[str], cwd: Path) -> bytes:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True, timeout=120).stdout


@pytest.fixture
def repo(hook_repo):
    """The shared repo, put back to its last commit after each case."""
    path, env = hook_repo
    yield path, env
    _git("reset", "-q", "--hard", "HEAD", cwd=path, env=env)
    _git("clean", "-qfdx", cwd=path, env=env)


def _commit(path: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    _git("add", "-A", cwd=path, env=env)
    return _git("commit", "-m", message, cwd=path, env=env, check=False)


def _edit(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1], (line, lines[line - 1])
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def _plain_summary_line(path: Path) -> int:
    """The line of the first provision summary written as a one-line plain scalar."""
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    provisions = next(v for k, v in root.value if k.value == "provisions")
    for _, prov in provisions.value:
        for k, v in prov.value:
            if k.value == "summary" and not v.style and v.start_mark.line == v.end_mark.line:
                return v.start_mark.line + 1
    raise AssertionError(f"{path} has no one-line plain summary to reword")


def test_good_edit_commits(repo):
    path, env = repo
    plan = path / PLAN
    line = _plain_summary_line(plan)
    text = plan.read_text(encoding="utf-8").splitlines()[line - 1]
    _edit(plan, line, text, text.rstrip() + " (reworded)")
    proc = _commit(path, env, "reword a summary")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "plandiff check" in out and "Passed" in out, out
    assert _git("status", "--porcelain", cwd=path, env=env).stdout == ""


def test_enum_typo_is_blocked(repo):
    path, env = repo
    plan = path / PLAN
    _, line, col, value = enum_value_site(plan)
    _edit(plan, line, f"value: {value}", f"value: {value[0] + value[2:]}")
    before = _git("rev-parse", "HEAD", cwd=path, env=env).stdout
    proc = _commit(path, env, "typo in an enum value")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "Failed" in out, out
    assert f"{PLAN}:{line}:{col}: error: unknown value" in out, out
    assert _git("rev-parse", "HEAD", cwd=path, env=env).stdout == before, "the commit must not be made"


def test_duplicate_key_is_blocked(repo):
    path, env = repo
    plan = path / PLAN
    lines = plan.read_text(encoding="utf-8").splitlines(keepends=True)
    i = next(n for n, s in enumerate(lines) if s.startswith("title:"))
    lines.insert(i + 1, "title: A second title\n")
    plan.write_text("".join(lines), encoding="utf-8")
    proc = _commit(path, env, "duplicate key")
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert f"{PLAN}:{i + 2}:1: error: duplicate key 'title'" in out, out


def test_other_files_are_not_checked(repo):
    """The hook runs only for plan files; a commit touching nothing else skips it."""
    path, env = repo
    (path / "README.md").write_text("notes\n", encoding="utf-8")
    proc = _commit(path, env, "a readme")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "Skipped" in out or "no files to check" in out, out
