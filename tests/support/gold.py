"""What every hand-written extraction set must be: unique ids, all seven styles, claims the taxonomy accepts."""

from __future__ import annotations

from plandiff.load.values import check
from plandiff.taxonomy import default_taxonomy

STYLES = {"wire", "explainer", "list", "qa", "opinion", "translated", "headline"}
STANCES = ("included", "omitted", "changed", "rejected")


def assert_well_formed(paras: list[dict], ctx: dict, unnamed_ok: bool = False) -> set[str]:
    """Check a set's paragraphs and claims against the plan ids and the taxonomy; return the versions it names.
    With `unnamed_ok`, a claim may name no version (the development set's paragraphs a reader cannot place)."""
    tax = default_taxonomy()
    ids = [p["id"] for p in paras]
    assert len(ids) == len(set(ids))
    assert {p["style"] for p in paras} == STYLES
    named = set()
    for p in paras:
        assert p["text"].strip()
        for plan, key, stance, value in p["claims"]:
            assert plan in ctx["meta"] or (unnamed_ok and plan is None), (p["id"], plan)
            named.add(plan)
            assert tax.get(key) is not None, (p["id"], key)
            assert stance in STANCES
            if value is not None:
                assert check(tax.get(key).value, value) == [], (p["id"], key, value)
            if stance == "omitted":
                assert value is None, (p["id"], key)
    return named
