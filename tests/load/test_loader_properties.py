"""Property tests of the loader: valid plans round-trip, damaged plans fail politely.

Valid plans come from `plan_strategies.plans()` (built from the real
taxonomy), are dumped with `yaml.safe_dump`, and must load with no
diagnostics into a `Plan` whose `to_data()` is the input. Then each is
damaged in one of several ways; loading must never raise, every diagnostic
must be located inside the file, and a damage that makes the plan invalid
must be reported (with the message that names it, where that is certain).
"""

from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.load.corpus import load_plan
from tests.support.plan_strategies import dump, plans, provision_keys, write_plan

# Generating a whole plan is a large draw; that is the point, not a problem.
_SLOW_DATA = [HealthCheck.too_slow, HealthCheck.data_too_large]


def _line_count(raw: bytes) -> int:
    """Lines as YAML (and editors) count them: \\r\\n, \\r and \\n all end a line."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return len(re.split(rb"\r\n|\r|\n", raw))
    return len(re.split(r"\r\n|\r|\n|\x85|\u2028|\u2029", text))


def _check_located(path: Path, loaded) -> None:
    n_lines = _line_count(path.read_bytes())
    for d in loaded.diagnostics:
        assert d.path == str(path), d
        assert d.line >= 1 and d.col >= 1, d
        assert d.line <= n_lines + 1, (d, n_lines)
        assert d.message.strip(), d


@settings(max_examples=100, deadline=None, suppress_health_check=_SLOW_DATA)
@given(plans())
def test_valid_plans_load_clean_and_round_trip(plan_and_articles):
    data, articles = plan_and_articles
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(tmp, data, articles)
        loaded = load_plan(path)
        assert [str(d) for d in loaded.diagnostics] == []
        assert loaded.plan is not None
        assert loaded.plan.to_data() == data
        # and the model's own output is a plan file that loads to the same plan
        again = write_plan(Path(tmp) / "again", loaded.plan.to_data(), articles)
        reloaded = load_plan(again)
        assert reloaded.diagnostics == [] and reloaded.plan == loaded.plan


def test_empty_list_value_round_trips(tmp_path):
    data = {
        "schema": "plandiff/1",
        "id": "p",
        "title": "T",
        "date": "2025-01-01",
        "drafted_by": [],
        "status": "draft",
        "revises": None,
        "responds_to": None,
        "point_count": None,
        "coverage": "partial",
        "aliases": [],
        "sources": [{"id": "r", "url": "https://example.org/r", "outlet": "O"}],
        "provisions": {"custom.x": {"summary": "s", "value": [], "evidence": [{"source": "r"}]}},
    }
    loaded = load_plan(write_plan(tmp_path, data, {}))
    assert loaded.diagnostics == []
    assert loaded.plan.to_data() == data


# --- damage --------------------------------------------------------------------------------

TOP_REQUIRED = ("schema", "id", "title", "date", "status", "coverage", "sources", "provisions")


def _evidence_lists(data: dict) -> list[tuple[list, Any]]:
    """(evidence list, provision key) for every evidence list in the plan."""
    out = []
    for key, p in data["provisions"].items():
        if "evidence" in p:
            out.append((p["evidence"], key))
        for c in p.get("claims", ()):
            out.append((c["evidence"], key))
    return out


def _required_spots(data: dict) -> list[tuple[dict, str, str]]:
    """(container, key, expected message fragment) for every field that may not be dropped."""
    spots = [(data, k, f"missing required field '{k}'") for k in TOP_REQUIRED]
    file_ids = {s["id"] for s in data["sources"] if "file" in s}
    for s in data["sources"]:
        spots.append((s, "id", "missing required field 'id'"))
    for p in data["provisions"].values():
        spots.append((p, "summary", "missing required field 'summary'"))
        if "evidence" in p:
            spots.append((p, "evidence", "missing evidence"))
    for evidence, _ in _evidence_lists(data):
        for ev in evidence:
            spots.append((ev, "source", "missing required field 'source'"))
            if ev["source"] in file_ids:
                spots.append((ev, "quote", "needs the quote it rests on"))
    return spots


def _wrong_for(spec: dict) -> Any:
    """A value no spec of this kind accepts."""
    return "not-a-number" if spec["type"] == "number" else 0.5


def _valued(data: dict) -> list[tuple[dict, dict]]:
    """(holder of a value, spec) for every provision or claim value with a checked type."""
    out = []
    for key, p in data["provisions"].items():
        spec = provision_keys.get(key)
        if spec is None:
            continue
        if "claims" in p:
            out += [(c, spec) for c in p["claims"] if "value" in c]
        elif p.get("status") != "omitted":
            out.append((p, spec))
    return out


def _enum_spots(data: dict) -> list[dict]:
    return [holder for holder, spec in _valued(data) if spec["type"] == "enum"]


def _quoted(data: dict) -> list[dict]:
    file_ids = {s["id"] for s in data["sources"] if "file" in s}
    return [
        ev for evidence, _ in _evidence_lists(data) for ev in evidence if ev["source"] in file_ids and "quote" in ev
    ]


def _ensure_enum_provision(data: dict, articles: dict) -> None:
    """Give the plan a provision with an enum value if it has none."""
    if _enum_spots(data):
        return
    key = next(
        k for k, spec in sorted(provision_keys.items()) if spec["type"] == "enum" and k not in data["provisions"]
    )
    src = data["sources"][0]
    ev = {"source": src["id"]}
    if "file" in src:
        ev["quote"] = articles[src["file"]].split()[0]
    data["provisions"][key] = {
        "summary": "An enum provision.",
        "value": provision_keys[key]["values"][0],
        "evidence": [ev],
    }


def _ensure_quote(data: dict, articles: dict) -> None:
    """Give the plan an article quote if it has none."""
    if _quoted(data):
        return
    sid = "zz-article"
    data["sources"].append({"id": sid, "file": f"sources/{sid}.txt"})
    articles[f"sources/{sid}.txt"] = "Some words that were reported.\n"
    data["provisions"]["custom.zz-quoted"] = {
        "summary": "A quoted point.",
        "evidence": [{"source": sid, "quote": "words that were"}],
    }


KINDS = [
    "drop",
    "swap-type",
    "wrong-enum",
    "corrupt-quote",
    "unknown-key",
    "duplicate-top",
    "duplicate-in-provision",
    "garbage",
    "truncate",
]
_JUNK = [
    b"\x00",
    b"\xff",
    b"\xc3",
    b": ",
    b"- ",
    b"[",
    b"{",
    b"]",
    b"&a ",
    b"*a",
    b"!!",
    b"!!python/name:os.system ",
    b"\t",
    b"\n  - ",
    b"'",
    b'"',
    b"? ",
    b"%YAML 1.1\n",
    b"---\n",
    b"\r",
    b"\n",
    b"<<: ",
    b"#",
    b"|",
]


@st.composite
def damaged(draw, kind: str):
    """(data, articles, damaged file body, expectation) with expectation = (fragment, line or None),
    or None when the damage may leave a valid plan."""
    data, articles = draw(plans(max_provisions=4))
    data, articles = copy.deepcopy(data), dict(articles)
    expect: tuple | None = None
    body: str | bytes
    if kind == "drop":
        container, key, fragment = draw(st.sampled_from(_required_spots(data)))
        del container[key]
        body, expect = dump(data), (fragment, None)
    elif kind == "swap-type":
        spots = [(data, "title", 5), (data, "date", 20251120), (data, "sources", "none"), (data, "provisions", [])]
        spots += [(holder, "value", _wrong_for(spec)) for holder, spec in _valued(data)]
        holder, key, wrong = draw(st.sampled_from(spots))
        holder[key] = wrong
        body, expect = dump(data), ("", None)
    elif kind == "wrong-enum":
        _ensure_enum_provision(data, articles)
        holder = draw(st.sampled_from(_enum_spots(data)))
        holder["value"] = "zz-not-a-value"
        body, expect = dump(data), ("unknown value 'zz-not-a-value'", None)
    elif kind == "corrupt-quote":
        _ensure_quote(data, articles)
        ev = draw(st.sampled_from(_quoted(data)))
        ev["quote"] = draw(st.sampled_from(["QQQ ", ""])) + ev["quote"] + draw(st.sampled_from([" QQQ", "QQQ"]))
        body, expect = dump(data), ("quote not found in sources/", None)
    elif kind == "unknown-key":
        where = draw(st.sampled_from(["top", "provision-key", "provision-field", "source-field"]))
        if where == "top":
            data["zz_unknown"] = 1
        elif where == "provision-key":
            data["provisions"]["zz.unknown_key"] = {
                "summary": "s",
                "value": 1,
                "evidence": [{"source": data["sources"][0]["id"]}],
            }
        elif where == "provision-field" and data["provisions"]:
            draw(st.sampled_from(list(data["provisions"].values())))["zz_field"] = 1
        else:
            draw(st.sampled_from(data["sources"]))["zz_field"] = 1
        body, expect = dump(data), ("unknown ", None)
    elif kind == "duplicate-top":
        text = dump(data)
        key = draw(st.sampled_from(list(data)))
        line = text.count("\n") + 1
        body, expect = text + f"{key}: null\n", (f"duplicate key '{key}' (first defined on line ", line)
    elif kind == "duplicate-in-provision":
        _ensure_enum_provision(data, articles)
        text = dump(data)
        key = draw(st.sampled_from(list(data["provisions"])))
        lines = text.split("\n")
        at = lines.index(f"  {key}:", lines.index("provisions:")) + 1
        lines.insert(at, "    summary: duplicated")
        # summary is a provision's first field, so the original now follows the
        # inserted line and is the duplicate
        assert lines[at + 1].startswith("    summary: ")
        body = "\n".join(lines)
        expect = (f"duplicate key 'summary' (first defined on line {at + 1})", at + 2)
    elif kind == "garbage":
        raw = dump(data).encode("utf-8")
        pos = draw(st.integers(0, len(raw)))
        junk = draw(st.one_of(st.binary(min_size=1, max_size=12), st.sampled_from(_JUNK)))
        body = raw[:pos] + junk + raw[pos:]
    elif kind == "truncate":
        raw = dump(data).encode("utf-8")
        body = raw[: draw(st.integers(0, len(raw) - 1))]
    else:
        raise AssertionError(kind)
    return data, articles, body, expect


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=40, deadline=None, suppress_health_check=_SLOW_DATA)
@given(data=st.data())
def test_damaged_plans_fail_politely(kind, data):
    plan_data, articles, body, expect = data.draw(damaged(kind))
    with tempfile.TemporaryDirectory() as tmp:
        path = write_plan(tmp, plan_data, articles, text=body)
        loaded = load_plan(path)  # must not raise
        _check_located(path, loaded)
        if expect is None:
            # the damage may have left a valid plan; a clean file must then be a plan
            assert loaded.diagnostics or loaded.plan is not None
            return
        fragment, line = expect
        assert loaded.diagnostics, f"{kind}: no diagnostic for an invalid plan"
        hits = [d for d in loaded.diagnostics if fragment in d.message]
        assert hits, (kind, fragment, [str(d) for d in loaded.diagnostics])
        if line is not None:
            assert any(d.line == line and d.col == 1 + (4 if kind == "duplicate-in-provision" else 0) for d in hits), (
                kind,
                line,
                [str(d) for d in hits],
            )
