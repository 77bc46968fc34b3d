"""`plandiff export`: the tables load back into exactly what the plan files say."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from plandiff.cli import main
from plandiff.load import load_corpus
from tests.support.paths import PLANS


@pytest.fixture(scope="module")
def plans():
    return load_corpus([PLANS], verify_quotes=False).plans


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    out = tmp_path_factory.mktemp("export") / "data"
    assert main(["export", "--plans", str(PLANS), "-o", str(out)]) == 0
    return out


def read(path: Path) -> tuple[list[str], list[dict]]:
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def test_every_file_of_the_package_is_written(exported):
    assert sorted(p.name for p in exported.iterdir()) == ["datapackage.json", "evidence.csv", "provisions.csv"]


def test_the_descriptor_describes_the_columns_and_their_types(exported):
    pkg = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["profile"] == "tabular-data-package"
    parse = {
        "integer": int,
        "number": float,
        "date": lambda v: re.fullmatch(r"\d{4}-\d{2}-\d{2}", v).group(),
        "boolean": lambda v: {"true": True, "false": False}[v],
        "string": str,
    }
    for res in pkg["resources"]:
        header, rows = read(exported / res["path"])
        fields = res["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        assert res["count"] == len(rows)
        for f in fields:
            for row in rows:
                cell = row[f["name"]]
                if cell == "":
                    continue
                parse[f["type"]](cell)
                rule = f.get("constraints", {})
                if "enum" in rule:
                    assert cell in rule["enum"]
                if "pattern" in rule:  # Table Schema patterns match the whole cell
                    assert re.fullmatch(rule["pattern"], cell), (f["name"], cell)


def test_rows_come_back_as_the_plans_say(exported, plans):
    _, rows = read(exported / "provisions.csv")
    by = {}
    for r in rows:
        by.setdefault((r["version"], r["provision"]), []).append(r)
    used = {k for p in plans.values() for k in p.provisions}
    assert set(by) == {(v, k) for v in plans for k in used}
    for pid, plan in plans.items():
        for key in used:
            got = by[(pid, key)]
            prov = plan.provisions.get(key)
            if prov is None:
                (r,) = got
                assert r["state"] == ("omitted" if plan.full_text else "unreported"), (pid, key)
                assert r["state_from"] == "coverage" and r["value_json"] == ""
            elif prov.claims:
                assert [int(r["claim"]) for r in got] == list(range(1, len(prov.claims) + 1))
                for r, c in zip(got, prov.claims):
                    assert r["state"] == ("omitted" if c.status == "omitted" else "held")
                    assert (json.loads(r["value_json"]) if r["value_json"] else None) == c.value
                    assert int(r["evidence_count"]) == len(c.evidence)
            else:
                (r,) = got
                assert r["state"] == {"included": "held", "omitted": "omitted", "unreported": "unreported"}[prov.status]
                assert (json.loads(r["value_json"]) if r["value_json"] else None) == prov.value
                assert r["summary"] == prov.summary
                assert int(r["evidence_count"]) == len(prov.evidence)
                urls = r["evidence_urls"].split(" | ") if r["evidence_urls"] else []
                assert urls == [
                    plan.source(e.source).url or f"plans/{plan.source(e.source).file}" for e in prov.evidence
                ]


def test_the_troop_cap_is_a_number_with_its_unit_and_scope(exported):
    _, rows = read(exported / "provisions.csv")
    cap = {(r["version"], r["claim"]): r for r in rows if r["provision"] == "military.troop_cap"}
    us = cap[("us-28-point", "")]
    assert (us["value_number"], us["value_unit"], us["value_scope"]) == ("600000", "personnel", "unqualified")
    assert us["pax"] == "SsrArm"
    assert cap[("eu-berlin-statement", "")]["value_number"] == "800000"
    assert cap[("ua-eu-london-apr2025", "")]["value_text"] == "no-cap"
    assert cap[("ru-istanbul-memorandum", "")]["value_text"] == "cap-unspecified"


def test_evidence_table_has_one_row_per_citation(exported, plans):
    _, rows = read(exported / "evidence.csv")
    expected = sum(
        len(p.evidence) + sum(len(c.evidence) for c in p.claims)
        for plan in plans.values()
        for p in plan.provisions.values()
    )
    assert len(rows) == expected
    berlin = [r for r in rows if r["version"] == "eu-berlin-statement" and r["source"] == "govuk-joint-statement"]
    assert berlin and all(r["outlet"] == "GOV.UK" and r["date"] == "2025-12-15" for r in berlin)
    assert any(r["caveats"] == "state-aligned" for r in rows)


def test_json_holds_the_same_rows(tmp_path, exported):
    target = tmp_path / "corpus.json"
    assert main(["export", "--plans", str(PLANS), "--format", "json", "-o", str(target)]) == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    _, rows = read(exported / "provisions.csv")
    assert doc["schema"] == "plandiff.export/1" and len(doc["provisions"]) == len(rows)
    cap = next(r for r in doc["provisions"] if r["version"] == "us-28-point" and r["provision"] == "military.troop_cap")
    assert cap["value_number"] == 600000 and cap["claim"] is None


def test_csv_to_standard_output_is_the_provisions_table(capsys):
    assert main(["export", "--plans", str(PLANS)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("version,version_date,version_coverage,")


def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "data"
    assert main(["export", "--plans", str(PLANS), "-o", str(out)]) == 0
    (out / "provisions.csv").write_text("mine", encoding="utf-8")
    assert main(["export", "--plans", str(PLANS), "-o", str(out)]) == 2
    assert "use --force" in capsys.readouterr().err
    assert (out / "provisions.csv").read_text(encoding="utf-8") == "mine"
    assert main(["export", "--plans", str(PLANS), "-o", str(out), "--force"]) == 0
    assert (out / "provisions.csv").read_text(encoding="utf-8").startswith("version,")


def test_never_writes_inside_the_plans_directory(tmp_path, capsys):
    import shutil

    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    before = sorted(p.name for p in plans.rglob("*"))
    assert main(["export", "--plans", str(plans), "-o", str(plans / "out")]) == 2
    assert "inside the plans directory" in capsys.readouterr().err
    assert sorted(p.name for p in plans.rglob("*")) == before


def test_a_file_is_not_a_csv_directory(tmp_path, capsys):
    target = tmp_path / "x.csv"
    target.write_text("", encoding="utf-8")
    assert main(["export", "--plans", str(PLANS), "-o", str(target)]) == 2
    assert "writes a directory" in capsys.readouterr().err
