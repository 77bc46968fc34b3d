"""Where things are, for every test: the one module that knows the layout of the checkout.

Test data stays under tests/ beside the test folders; `shared/` is the folder
beside the repository (the full yaml-test-suite, the seed articles), which may be absent.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
REPO = TESTS.parent
PACKAGE = REPO / "plandiff"
PLANS = REPO / "plans"
SHARED = REPO.parent / "shared"

DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
GOLDEN_HTML = TESTS / "golden_html"
EXTRACT_GOLD = TESTS / "extract_gold"
CORPUS_DATA = TESTS / "corpus_data"
