"""Fixtures of the extractor tests: an extractor for the corpus, and the scorer's context."""

from __future__ import annotations

import pytest

from plandiff.extract import extractor_for, plan_context
from tests.support.benchmarks import score_extract
from tests.support.paths import PLANS


@pytest.fixture(scope="module")
def ex():
    """The extractor for the plans in plans/."""
    return extractor_for(plan_context(PLANS))


@pytest.fixture(scope="module")
def ctx():
    """The plan context benchmarks/score_extract.py scores against."""
    return score_extract.context()
