"""Small shared helpers for the loader tests: a valid plan as text, and a plans dir to hold it.

The base plan is written out by hand (not dumped) so tests can state the exact
line and column a diagnostic must point at; `BASE_LINES` documents them.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import yaml

from plandiff.cli import main
from plandiff.taxonomy import default_taxonomy

ARTICLE = (
    "KYIV (Wire) - Under the draft, Ukraine\u2019s sovereignty   will be\n"
    "reaffirmed, officials said on Thursday.\n"
    "The army would be capped at \u201c600,000\u201d troops in peacetime.\n"
)

# Line numbers (1-based) in BASE_PLAN that tests point at.
BASE_PLAN = textwrap.dedent("""\
    schema: plandiff/1
    id: test-plan
    title: Test plan
    date: 2025-11-20
    status: leaked-draft
    coverage: partial
    sources:
      - id: art
        file: sources/art.txt
      - id: rep
        url: https://example.org/report
        outlet: Example News
    provisions:
      sovereignty:
        point: 1
        summary: Sovereignty is reaffirmed.
        value: reaffirmed
        evidence:
          - source: art
            quote: "Ukraine's sovereignty will be reaffirmed"
      military.troop_cap:
        point: 6
        summary: The army is capped.
        value: {personnel: 600000, scope: peacetime}
        evidence:
          - source: rep
    """)


def make_plans_dir(root: Path, article: str = ARTICLE) -> Path:
    """root/plans with sources/art.txt; returns the plans directory."""
    plans = root / "plans"
    (plans / "sources").mkdir(parents=True, exist_ok=True)
    (plans / "sources" / "art.txt").write_text(article, encoding="utf-8")
    return plans


def write(plans: Path, text: str | bytes, name: str = "test-plan.yaml") -> Path:
    path = plans / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_check(capsys, *args: str) -> tuple[int, list[str], str]:
    """Run `plandiff check ARGS` in-process; (exit code, stdout lines, stderr)."""
    capsys.readouterr()
    rc = main(["check", "--no-color", *args])
    out, err = capsys.readouterr()
    return rc, out.splitlines(), err


def enum_value_site(path: Path) -> tuple[str, int, int, str]:
    """(provision key, line, col, value) of the first single-valued enum `value:` in a plan file."""
    tax = default_taxonomy()
    root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    provisions = next(v for k, v in root.value if k.value == "provisions")
    for key_node, prov in provisions.value:
        ptype = tax.get(key_node.value)
        if ptype is None or ptype.value["type"] != "enum" or ptype.value.get("multiple"):
            continue
        for k, v in prov.value:
            if k.value == "value" and isinstance(v, yaml.ScalarNode) and not v.style:
                return key_node.value, v.start_mark.line + 1, v.start_mark.column + 1, v.value
    raise AssertionError(f"{path} has no single-valued enum provision to break")
