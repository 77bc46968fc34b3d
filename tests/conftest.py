"""Fixtures several test folders use. Paths live in tests/support/paths.py; helpers in tests/support/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import PLANS, REPO


@pytest.fixture
def in_repo(monkeypatch) -> Path:
    """Run from the checkout's root, as a user does, with colour left to the terminal."""
    monkeypatch.chdir(REPO)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return REPO


@pytest.fixture
def plans_copy(tmp_path, monkeypatch) -> Path:
    """A scratch copy of plans/ (plan files and articles) to break things in."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    dest = tmp_path / "plans"
    shutil.copytree(PLANS, dest)
    return dest
