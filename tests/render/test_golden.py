"""Golden reports: the text, Markdown and JSON diffs of real plan pairs, pinned byte for byte.

Each pair lives in tests/golden/ by naming convention:

    <name>.old.yaml  <name>.new.yaml      byte copies of two real plans/<id>.yaml files
    <name>.expected.txt  .expected.md  .expected.json   what `plandiff diff` renders for them

Every `*.old.yaml` is collected automatically. The YAML copies pin today's data,
so these tests fail only when the differ or a renderer changes its output.

When a change to the output is intended, regenerate and review the diff:

    PLANDIFF_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py
    git diff tests/golden/

To re-pin the pairs to the current plans/ files as well (after editing plan data):

    PLANDIFF_UPDATE_GOLDEN=plans python -m pytest tests/render/test_golden.py
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from plandiff.diff import diff_plans
from plandiff.load import load_plan
from plandiff.render.json_report import changeset_to_json
from plandiff.render.markdown import render_markdown
from plandiff.render.report import COUNT_LABELS
from plandiff.render.style import Style
from plandiff.render.text import render_text
from tests.support.paths import GOLDEN, PLANS

UPDATE = os.environ.get("PLANDIFF_UPDATE_GOLDEN", "")
NAMES = sorted(p.name[: -len(".old.yaml")] for p in GOLDEN.glob("*.old.yaml"))
FORMATS = ("txt", "md", "json")
HOW = (
    "if the new output is intended, regenerate with\n"
    "    PLANDIFF_UPDATE_GOLDEN=1 python -m pytest tests/render/test_golden.py\n"
    "and review `git diff tests/golden/` before committing"
)


def _plan_id(path: Path) -> str:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["id"]


def _load(path: Path):
    """The plan in a golden copy, named as the real file it copies (the loader checks id == file stem)."""
    display = f"{_plan_id(path)}.yaml"
    loaded = load_plan(path, verify_quotes=False, display_path=display)
    assert loaded.plan is not None and not loaded.diagnostics, [str(d) for d in loaded.diagnostics]
    return loaded.plan


def render(name: str) -> dict[str, str]:
    old_path, new_path = GOLDEN / f"{name}.old.yaml", GOLDEN / f"{name}.new.yaml"
    if UPDATE == "plans":
        for side in (old_path, new_path):
            shutil.copyfile(PLANS / f"{_plan_id(side)}.yaml", side)
    old, new = _load(old_path), _load(new_path)
    cs = diff_plans(old, new)
    doc = changeset_to_json(cs)
    # `path` is where the plan was read from; pin it to the real file name, not the golden copy's
    doc["old"]["path"], doc["new"]["path"] = f"{old.id}.yaml", f"{new.id}.yaml"
    return {
        "txt": render_text(cs, Style(False)),
        "md": render_markdown(cs),
        "json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n",
    }


def test_golden_pairs_exist():
    assert NAMES, f"no *.old.yaml in {GOLDEN}"
    for name in NAMES:
        assert (GOLDEN / f"{name}.new.yaml").is_file(), f"{name}.old.yaml has no {name}.new.yaml"
    known = {f"{n}.{suffix}" for n in NAMES for suffix in ("old.yaml", "new.yaml", *(f"expected.{f}" for f in FORMATS))}
    strays = sorted(p.name for p in GOLDEN.iterdir() if p.name not in known)
    assert not strays, f"files in tests/golden/ that follow no pair: {strays}"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_golden_report(name, fmt):
    got = render(name)[fmt]
    expected_path = GOLDEN / f"{name}.expected.{fmt}"
    if UPDATE:
        expected_path.write_text(got, encoding="utf-8")
        return
    assert expected_path.is_file(), f"{expected_path.name} is missing; {HOW}"
    expected = expected_path.read_text(encoding="utf-8")
    if got != expected:
        delta = "".join(
            list(
                difflib.unified_diff(
                    expected.splitlines(True), got.splitlines(True), f"{expected_path.name} (expected)", "rendered now"
                )
            )[:80]
        )
        pytest.fail(f"{name}: the {fmt} report differs from {expected_path.name}; {HOW}\n\n{delta}", pytrace=False)


@pytest.mark.parametrize("name", NAMES)
def test_golden_json_is_consistent_with_the_text(name):
    """The three renderings agree: same counts, and every change in the JSON is named in the others."""
    out = render(name)
    doc = json.loads(out["json"])
    counts = doc["counts"]
    flat = " ".join(out["txt"].split())
    for kind, n in counts.items():
        if n and kind != "unchanged":
            assert f"{n} {COUNT_LABELS[kind]}" in flat, kind
    shown = [k for k in counts if k != "unchanged"]
    assert "| " + " | ".join(str(counts[k]) for k in shown) + " |" in out["md"]
    assert f"({doc['differences']} difference" in flat
    for ch in doc["changes"]:
        if ch["kind"] == "unreported":
            assert re.search(rf"Not reported in [\w-]+ \(\d+\): [^\n]*\b{re.escape(ch['key'])}\b", flat)
        elif ch["kind"] != "unchanged":
            assert f"{ch['kind']:<10} {ch['key']}" in out["txt"]
            assert f"**{ch['kind']}** `{ch['key']}`" in out["md"]
            if ch["difference"]:
                assert ch["summary"] in out["txt"]
