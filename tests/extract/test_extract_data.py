"""The extract data files: they load, every pattern compiles, every key and value fits the taxonomy."""

from __future__ import annotations

import pytest

from plandiff.extract import Extractor
from plandiff.extract.data import DataError, load, read_data
from plandiff.load.values import check
from plandiff.taxonomy import default_taxonomy
from tests.support.paths import PACKAGE, PLANS


def test_data_files_build_an_extractor():
    ex = Extractor()
    assert ex.rules and ex.mentions.head and ex.keywords.words


def test_rule_keys_and_fixed_values_fit_the_taxonomy():
    tax = default_taxonomy()
    for r in load()["rules"]["rules"]:
        ptype = tax.get(r["key"])
        assert ptype is not None, r["key"]
        assert r.get("needs"), f"{r['key']}: a rule names the keywords it needs"
        for entry in r.get("values") or ():
            assert check(ptype.value, entry["value"]) == [], (r["key"], entry["value"])
        if r.get("value") not in (None, {}):
            assert check(ptype.value, r["value"]) == [], (r["key"], r["value"])


def test_versions_data_names_no_version():
    """Versions are recognised from plan-file metadata: the grammar file holds no version id or alias."""
    import re

    text = (PACKAGE / "data" / "extract" / "versions.yaml").read_text()
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    for plan in sorted((PLANS).glob("*.yaml")):
        assert not re.search(rf"\b{re.escape(plan.stem)}\b", body), plan.stem
    scores = read_data("versions")["scores"]
    assert scores["accept"] > scores["foreign"] and scores["margin"] > 0


def test_compatible_values_are_known():
    tax = default_taxonomy()
    compat = read_data("vocab")["compatible"]
    nato = tax.get("nato.accession").value["values"]
    for claim, plans in compat["nato.accession"].items():
        assert claim in nato and all(p in nato for p in plans)


def test_a_broken_pattern_is_reported_with_its_place():
    c = load()["compile"]
    with pytest.raises(DataError, match="rules.yaml here"):
        c("(?<!a b)x", "rules.yaml here")  # a space makes the look-behind variable-width
    with pytest.raises(DataError, match="unknown macro"):
        c("%NOSUCH%", "x")
