"""The plan format's rules, one small edit of a valid plan at a time.

Each test changes `BASE_PLAN` (see loader_helpers.py for its line numbers)
in one place and asserts the complete list of diagnostics: where each one
points (line:col) and what it tells the analyst. An analyst fixes a plan file
from these messages alone, so the wording that carries the fix (the
did-you-mean, the allowed values, the offending path) is asserted too.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from plandiff.load.corpus import load_corpus, load_plan
from tests.support.loader_helpers import ARTICLE, BASE_PLAN, make_plans_dir, run_check, write


def edit(old: str, new: str, text: str = BASE_PLAN) -> str:
    assert text.count(old) == 1, f"edit target {old!r} must occur exactly once"
    return text.replace(old, new)


def diags(tmp_path: Path, text: str, name: str = "test-plan.yaml", article: str = ARTICLE):
    plans = make_plans_dir(tmp_path, article)
    path = write(plans, text, name)
    loaded = load_plan(path)
    assert all(d.path == str(path) for d in loaded.diagnostics)
    assert all(d.severity == "error" for d in loaded.diagnostics)
    return [(d.line, d.col, d.message) for d in loaded.diagnostics]


def test_base_plan_loads_clean(tmp_path):
    plans = make_plans_dir(tmp_path)
    loaded = load_plan(write(plans, BASE_PLAN))
    assert loaded.diagnostics == []
    plan = loaded.plan
    assert plan.id == "test-plan" and plan.date == "2025-11-20"
    assert plan.provisions["military.troop_cap"].value == {"personnel": 600000, "scope": "peacetime"}
    assert [s.id for s in plan.sources] == ["art", "rep"]


# --- provision keys and fields ------------------------------------------------------------


def test_unknown_provision_key_suggests_the_close_one(tmp_path):
    text = edit("  sovereignty:\n", "  sovereignity:\n")
    assert diags(tmp_path, text) == [(14, 3, "unknown provision key 'sovereignity'; did you mean 'sovereignty'?")]


def test_unknown_provision_key_without_a_close_match_points_to_custom(tmp_path):
    text = edit("  sovereignty:\n", "  weather:\n")
    assert diags(tmp_path, text) == [
        (14, 3, "unknown provision key 'weather' (use custom.<slug> for a point that fits no key)")
    ]


def test_custom_key_takes_any_value(tmp_path):
    text = edit("  sovereignty:\n", "  custom.weather:\n")
    text = edit("value: reaffirmed", "value: {sky: [blue, 3], sunny: true}", text)
    assert diags(tmp_path, text) == []


def test_unknown_field_in_a_provision_suggests(tmp_path):
    text = edit("    summary: Sovereignty is reaffirmed.\n", "    summmary: Sovereignty is reaffirmed.\n")
    assert diags(tmp_path, text) == [
        (14, 3, "missing required field 'summary'"),
        (16, 5, "unknown field 'summmary' in a provision; did you mean 'summary'?"),
    ]


def test_unknown_top_level_field_lists_the_allowed_ones_when_nothing_is_close(tmp_path):
    text = BASE_PLAN + "zzz: 1\n"
    [(line, col, msg)] = diags(tmp_path, text)
    assert (line, col) == (27, 1)
    assert msg.startswith("unknown field 'zzz' in a plan (allowed: schema, id, title, date,")


def test_misspelt_top_level_field(tmp_path):
    text = edit("title: Test plan\n", "titel: Test plan\n")
    assert diags(tmp_path, text) == [
        (1, 1, "missing required field 'title'"),
        (3, 1, "unknown field 'titel' in a plan; did you mean 'title'?"),
    ]


def test_missing_summary_points_at_the_provision(tmp_path):
    text = edit("    summary: The army is capped.\n", "")
    assert diags(tmp_path, text) == [(21, 3, "missing required field 'summary'")]


def test_wrong_schema(tmp_path):
    text = edit("schema: plandiff/1\n", "schema: plandiff/2\n")
    assert diags(tmp_path, text) == [(1, 9, "unsupported schema 'plandiff/2'; this plandiff reads plandiff/1")]


# --- values against the taxonomy -----------------------------------------------------------


def test_unknown_enum_value_suggests(tmp_path):
    text = edit("value: reaffirmed", "value: reafirmed")
    assert diags(tmp_path, text) == [(17, 12, "unknown value 'reafirmed'; did you mean 'reaffirmed'?")]


def test_unknown_enum_value_lists_the_allowed_ones(tmp_path):
    text = edit("value: reaffirmed", "value: maybe")
    assert diags(tmp_path, text) == [
        (17, 12, "unknown value 'maybe' (allowed: reaffirmed, fully-upheld, not-addressed)")
    ]


def test_enum_list_only_where_multiple(tmp_path):
    text = edit("value: reaffirmed", "value: [reaffirmed]")
    assert diags(tmp_path, text) == [(17, 12, "expected one of reaffirmed, fully-upheld, not-addressed; got a list")]


def test_multiple_enum_points_at_the_bad_item(tmp_path):
    text = edit("  sovereignty:\n", "  territory.crimea:\n")
    text = edit("value: reaffirmed", "value: [frozen-at-line-of-contact, withdrawl]", text)
    assert diags(tmp_path, text) == [(17, 40, "unknown value 'withdrawl'; did you mean 'withdrawal'?")]


def test_multiple_enum_rejects_repeats(tmp_path):
    text = edit("  sovereignty:\n", "  territory.crimea:\n")
    text = edit("value: reaffirmed", "value: [withdrawal, withdrawal]", text)
    assert diags(tmp_path, text) == [(17, 12, "a value is listed twice")]


def test_record_unknown_field_suggests(tmp_path):
    text = edit("  sovereignty:\n", "  eu.membership:\n")
    text = edit(
        "    value: reaffirmed\n",
        "    value:\n      eligibility: eligible\n      preferential_market_acess: true\n",
        text,
    )
    assert diags(tmp_path, text) == [
        (19, 34, "unknown field 'preferential_market_acess'; did you mean 'preferential_market_access'?")
    ]


def test_record_field_checked_against_its_own_type(tmp_path):
    text = edit("  sovereignty:\n", "  eu.membership:\n")
    text = edit(
        "    value: reaffirmed\n",
        "    value:\n      eligibility: eligble\n      preferential_market_access: yes please\n",
        text,
    )
    assert diags(tmp_path, text) == [
        (18, 20, "unknown value 'eligble'; did you mean 'eligible'?"),
        (19, 35, "expected true or false; got a string"),
    ]


def test_empty_record(tmp_path):
    text = edit("  sovereignty:\n", "  eu.membership:\n")
    text = edit("value: reaffirmed", "value: {}", text)
    assert diags(tmp_path, text) == [(17, 12, "empty record; leave value out when nothing is known")]


def test_count_without_unit(tmp_path):
    text = edit("{personnel: 600000, scope: peacetime}", "{scope: peacetime}")
    assert diags(tmp_path, text) == [(24, 12, "missing 'personnel'")]


def test_count_with_a_wrong_unit_names_the_right_one(tmp_path):
    text = edit("{personnel: 600000, scope: peacetime}", "{troops: 600000}")
    assert diags(tmp_path, text) == [
        (24, 12, "missing 'personnel'"),
        (24, 21, "unknown field 'troops' in a count (fields: personnel, scope)"),
    ]


def test_count_as_a_bare_number(tmp_path):
    text = edit("{personnel: 600000, scope: peacetime}", "600000")
    assert diags(tmp_path, text) == [(24, 12, "expected a mapping {personnel: N, scope: …}; got an integer")]


def test_count_special_and_bad_special(tmp_path):
    ok = edit("{personnel: 600000, scope: peacetime}", "no-cap")
    assert diags(tmp_path, ok) == []
    bad = edit("{personnel: 600000, scope: peacetime}", "unlimited")
    assert diags(tmp_path, bad) == [
        (24, 12, "expected a mapping {personnel: N, scope: …} or one of: no-cap, cap-unspecified; got 'unlimited'")
    ]


def test_count_negative_and_bad_scope(tmp_path):
    text = edit("{personnel: 600000, scope: peacetime}", "{personnel: -5, scope: forever}")
    assert diags(tmp_path, text) == [
        (24, 24, "personnel must be a whole number ≥ 0; got -5"),
        (24, 35, "unknown scope 'forever' (allowed: unqualified, peacetime, wartime)"),
    ]


def test_point_shapes(tmp_path):
    assert diags(tmp_path, edit("    point: 1\n", "    point: [1, 21a]\n")) == []
    assert diags(tmp_path, edit("    point: 1\n", "    point: 0\n")) == [
        (15, 12, "point must be a number, a sub-point such as 21a, or a list of them; got 0")
    ]


# --- claims and omission -------------------------------------------------------------------

TWO_CLAIMS = """\
    claims:
      - value: {personnel: 600000}
        evidence:
          - source: rep
      - status: omitted
        evidence:
          - source: rep
"""


def test_disputed_provision_with_two_claims_is_valid(tmp_path):
    text = edit("    value: {personnel: 600000, scope: peacetime}\n    evidence:\n      - source: rep\n", TWO_CLAIMS)
    assert diags(tmp_path, text) == []


def test_claims_with_one_entry(tmp_path):
    one = "    claims:\n      - value: {personnel: 600000}\n        evidence:\n          - source: rep\n"
    text = edit("    value: {personnel: 600000, scope: peacetime}\n    evidence:\n      - source: rep\n", one)
    assert diags(tmp_path, text) == [
        (25, 7, "claims lists the disagreeing reports: at least two {value, evidence} entries")
    ]


def test_value_beside_claims(tmp_path):
    text = edit("    evidence:\n      - source: rep\n", TWO_CLAIMS)
    assert diags(tmp_path, text) == [(24, 5, "a disputed provision keeps value inside each claim, not beside claims")]


def test_evidence_beside_claims(tmp_path):
    text = edit("    value: {personnel: 600000, scope: peacetime}\n", TWO_CLAIMS)
    assert diags(tmp_path, text) == [
        (31, 5, "a disputed provision keeps evidence inside each claim, not beside claims")
    ]


def test_claim_without_value_or_omission(tmp_path):
    claims = TWO_CLAIMS.replace("      - value: {personnel: 600000}\n", "      - note: no value\n")
    text = edit("    value: {personnel: 600000, scope: peacetime}\n    evidence:\n      - source: rep\n", claims)
    assert diags(tmp_path, text) == [
        (25, 9, "a claim needs a value, or status: omitted for a report that the point was dropped")
    ]


def test_claim_value_checked_against_the_type(tmp_path):
    claims = TWO_CLAIMS.replace("{personnel: 600000}", "{personel: 600000}")
    text = edit("    value: {personnel: 600000, scope: peacetime}\n    evidence:\n      - source: rep\n", claims)
    assert diags(tmp_path, text) == [
        (25, 16, "missing 'personnel'"),
        (25, 27, "unknown field 'personel' in a count (fields: personnel, scope)"),
    ]


def test_omitted_with_value(tmp_path):
    text = edit("    value: reaffirmed\n", "    status: omitted\n    value: reaffirmed\n")
    assert diags(tmp_path, text) == [(18, 5, "an omitted provision has no value")]


def test_omitted_without_value_is_valid(tmp_path):
    text = edit("    value: reaffirmed\n", "    status: omitted\n")
    assert diags(tmp_path, text) == []


def test_bad_status(tmp_path):
    text = edit("    value: reaffirmed\n", "    status: dropped\n")
    assert diags(tmp_path, text) == [(17, 13, "status must be one of included, omitted, unreported; got 'dropped'")]


# --- evidence --------------------------------------------------------------------------------


def test_missing_evidence(tmp_path):
    text = edit("    evidence:\n      - source: rep\n", "")
    assert diags(tmp_path, text) == [
        (21, 3, "missing evidence: cite at least one source (a quote from plans/sources/ or a report)")
    ]


def test_evidence_citing_an_undeclared_source_suggests(tmp_path):
    text = edit("      - source: rep\n", "      - source: repp\n")
    assert diags(tmp_path, text) == [(26, 17, "source 'repp' is not declared under sources; did you mean 'rep'?")]


def test_evidence_citing_an_unknown_source(tmp_path):
    text = edit("      - source: rep\n", "      - source: reuters-2025\n")
    assert diags(tmp_path, text) == [(26, 17, "source 'reuters-2025' is not declared under sources")]


def test_article_evidence_without_quote(tmp_path):
    text = edit('        quote: "Ukraine\'s sovereignty will be reaffirmed"\n', "")
    assert diags(tmp_path, text) == [(19, 9, "evidence from the article 'art' needs the quote it rests on")]


def test_report_evidence_needs_no_quote(tmp_path):
    # the base plan cites `rep` (a url source) without a quote
    assert diags(tmp_path, BASE_PLAN) == []


def test_bad_attribution(tmp_path):
    text = edit("      - source: rep\n", "      - source: rep\n        attribution: maybe\n")
    assert diags(tmp_path, text) == [(27, 22, "attribution must be one of uncertain; got 'maybe'")]


def test_quote_not_found_says_where_it_stops_matching(tmp_path):
    text = edit('will be reaffirmed"', 'will be confirmed"')
    assert diags(tmp_path, text) == [
        (20, 16, 'quote not found in sources/art.txt (it matches up to "Ukraine\'s sovereignty will be", then differs)')
    ]


def test_quote_not_found_at_all(tmp_path):
    text = edit('"Ukraine\'s sovereignty will be reaffirmed"', '"Nothing like this"')
    assert diags(tmp_path, text) == [(20, 16, "quote not found in sources/art.txt")]


@pytest.mark.parametrize(
    "quote",
    [
        # straight apostrophe in the quote, curly (U+2019) in the article; the article breaks the line
        '"Ukraine\'s sovereignty will be reaffirmed"',
        # curly apostrophe in the quote, and the whitespace is different from the article's
        '"Ukraine\u2019s   sovereignty will   be reaffirmed"',
        # a folded block scalar adds its own line breaks
        ">-\n          Ukraine's sovereignty\n          will be reaffirmed",
        # straight double quotes where the article has curly ones
        "'capped at \"600,000\" troops'",
        # curly double quotes where the article has curly ones, and a tab
        '"capped at \u201c600,000\u201d\ttroops"',
        # decomposed é (e + U+0301) against a composed one in the article
        '"Caf\u0065\u0301 talks"',
    ],
)
def test_quote_forgives_quote_marks_whitespace_and_normal_form(tmp_path, quote):
    article = ARTICLE + "Caf\u00e9 talks went on.\n"
    text = edit('"Ukraine\'s sovereignty will be reaffirmed"', quote)
    assert diags(tmp_path, text, article=article) == []


@pytest.mark.parametrize(
    "quote",
    [
        '"ukraine\'s sovereignty will be reaffirmed"',  # case is not forgiven
        '"Ukraines sovereignty will be reaffirmed"',  # nor a dropped apostrophe
        '"Ukraine\'s sovereignty will be reaffirmed!"',  # nor punctuation
    ],
)
def test_quote_is_otherwise_verbatim(tmp_path, quote):
    text = edit('"Ukraine\'s sovereignty will be reaffirmed"', quote)
    [(line, col, msg)] = diags(tmp_path, text)
    assert (line, col) == (20, 16)
    assert msg.startswith("quote not found in sources/art.txt")


def test_quotes_not_checked_with_verify_off(tmp_path):
    plans = make_plans_dir(tmp_path)
    path = write(plans, edit('will be reaffirmed"', 'will be confirmed"'))
    assert load_plan(path, verify_quotes=False).diagnostics == []


# --- source files ----------------------------------------------------------------------------


def _file_problem(tmp_path, file: str, article: str = ARTICLE):
    text = edit("file: sources/art.txt", f"file: '{file}'")
    return diags(tmp_path, text, article=article)


def test_source_file_with_dotdot(tmp_path):
    assert _file_problem(tmp_path, "sources/../sources/art.txt") == [
        (9, 11, "source file 'sources/../sources/art.txt' may not use '..'; articles live in sources/")
    ]


def test_source_file_with_backslash_dotdot(tmp_path):
    [(line, col, msg)] = _file_problem(tmp_path, "sources\\..\\..\\secret.txt")
    assert (line, col) == (9, 11)
    assert "may not use '..'" in msg


@pytest.mark.parametrize("file", ["/etc/passwd", "C:/Windows/win.ini", "\\\\server\\share\\x.txt"])
def test_source_file_absolute(tmp_path, file):
    [(line, col, msg)] = _file_problem(tmp_path, file)
    assert (line, col) == (9, 11)
    assert msg.startswith("source file must be a path relative to the plans directory, not ")


@pytest.mark.parametrize("file", ["art.txt", "other/art.txt", "sources", "sources/"])
def test_source_file_outside_sources(tmp_path, file):
    plans = make_plans_dir(tmp_path)
    (plans / "art.txt").write_text(ARTICLE, encoding="utf-8")
    (plans / "other").mkdir()
    (plans / "other" / "art.txt").write_text(ARTICLE, encoding="utf-8")
    path = write(plans, edit("file: sources/art.txt", f"file: '{file}'"))
    assert [(d.line, d.col, d.message) for d in load_plan(path).diagnostics] == [
        (9, 11, f"source file {file!r} must be inside sources/")
    ]


def test_source_file_symlink_leading_out(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(ARTICLE, encoding="utf-8")
    plans = make_plans_dir(tmp_path)
    os.symlink(secret, plans / "sources" / "link.txt")
    path = write(plans, edit("file: sources/art.txt", "file: sources/link.txt"))
    assert [(d.line, d.col, d.message) for d in load_plan(path).diagnostics] == [
        (9, 11, "source file 'sources/link.txt' leads outside sources/ (through a symlink)")
    ]


def test_source_file_through_a_symlinked_directory(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "art.txt").write_text(ARTICLE, encoding="utf-8")
    plans = make_plans_dir(tmp_path)
    os.symlink(outside, plans / "sources" / "sub", target_is_directory=True)
    path = write(plans, edit("file: sources/art.txt", "file: sources/sub/art.txt"))
    assert [(d.line, d.col, d.message) for d in load_plan(path).diagnostics] == [
        (9, 11, "source file 'sources/sub/art.txt' leads outside sources/ (through a symlink)")
    ]


def test_source_file_symlink_inside_sources_is_fine(tmp_path):
    plans = make_plans_dir(tmp_path)
    os.symlink(plans / "sources" / "art.txt", plans / "sources" / "alias.txt")
    path = write(plans, edit("file: sources/art.txt", "file: sources/alias.txt"))
    assert load_plan(path).diagnostics == []


def test_source_file_missing(tmp_path):
    assert _file_problem(tmp_path, "sources/missing.txt") == [
        (9, 11, "source file 'sources/missing.txt' does not exist")
    ]


def test_source_file_is_a_directory(tmp_path):
    plans = make_plans_dir(tmp_path)
    (plans / "sources" / "dir").mkdir()
    path = write(plans, edit("file: sources/art.txt", "file: sources/dir"))
    assert [(d.line, d.col, d.message) for d in load_plan(path).diagnostics] == [
        (9, 11, "source file 'sources/dir' is not a regular file")
    ]


# --- sources ---------------------------------------------------------------------------------


def test_duplicate_source_ids(tmp_path):
    text = edit(
        "  - id: rep\n    url: https://example.org/report\n    outlet: Example News\n",
        "  - id: rep\n    url: https://example.org/report\n    outlet: Example News\n"
        "  - id: rep\n    url: https://example.org/other\n    outlet: Other News\n",
    )
    assert diags(tmp_path, text) == [(13, 9, "source id 'rep' is used twice")]


def test_url_source_without_outlet(tmp_path):
    text = edit("    outlet: Example News\n", "")
    assert diags(tmp_path, text) == [(10, 5, "an external source needs outlet (who published the report)")]


def test_source_with_file_and_url(tmp_path):
    text = edit(
        "    file: sources/art.txt\n", "    file: sources/art.txt\n    url: https://example.org/a\n    outlet: Wire\n"
    )
    assert diags(tmp_path, text) == [(10, 5, "a source has either file or url, not both")]


def test_source_with_neither_file_nor_url(tmp_path):
    text = edit("    url: https://example.org/report\n    outlet: Example News\n", "    title: A report\n")
    assert diags(tmp_path, text) == [
        (10, 5, "a source needs either file (an article in plans/sources/) or url (an external report)")
    ]


def test_url_must_be_http(tmp_path):
    text = edit("https://example.org/report", "ftp://example.org/report")
    assert diags(tmp_path, text) == [(11, 10, "url must be an http(s) address; got 'ftp://example.org/report'")]


# --- dates -----------------------------------------------------------------------------------


def test_impossible_unquoted_date(tmp_path):
    text = edit("date: 2025-11-20", "date: 2025-02-30")
    found = diags(tmp_path, text)
    assert (4, 7, "cannot read timestamp '2025-02-30': day is out of range for month") in found


def test_impossible_unquoted_date_is_one_error(tmp_path):
    text = edit("date: 2025-11-20", "date: 2025-02-30")
    assert diags(tmp_path, text) == [(4, 7, "cannot read timestamp '2025-02-30': day is out of range for month")]


def test_impossible_quoted_date(tmp_path):
    text = edit("date: 2025-11-20", "date: '2025-02-30'")
    assert [(line, col) for line, col, _ in diags(tmp_path, text)] == [(4, 7)]


@pytest.mark.parametrize(
    "value",
    ["\u0662\u0660\u0662\u0665-\u0661\u0661-\u0662\u0660", '"2025-11-20\\n"'],
    ids=["arabic-indic-digits", "trailing-newline"],
)
def test_date_is_ascii_digits_only(tmp_path, value):
    text = edit("date: 2025-11-20", f"date: {value}")
    found = diags(tmp_path, text)
    assert [(line, col) for line, col, _ in found] == [(4, 7)]
    assert found[0][2].startswith("date must be a date YYYY-MM-DD")


@pytest.mark.parametrize(
    "value, shown",
    [
        ("20 Nov 2025", "'20 Nov 2025'"),
        ("2025-11-20T10:00:00", "'2025-11-20T10:00:00'"),
        ("2025-11-20 10:00:00", "'2025-11-20T10:00:00'"),
        ("'2025-1-2'", "'2025-1-2'"),
        ("20251120", "20251120"),
    ],
)
def test_bad_date_shapes(tmp_path, value, shown):
    text = edit("date: 2025-11-20", f"date: {value}")
    assert diags(tmp_path, text) == [(4, 7, f"date must be a date YYYY-MM-DD; got {shown}")]


def test_bad_source_date(tmp_path):
    text = edit("    outlet: Example News\n", "    outlet: Example News\n    date: November 2025\n")
    assert diags(tmp_path, text) == [
        (13, 11, "date must be a date YYYY-MM-DD, or YYYY-MM when only the month is known; got 'November 2025'")
    ]


@pytest.mark.parametrize("value", ["2025-11", "'2025-11'", "2025-11-24"])
def test_a_report_known_only_to_the_month_keeps_its_month(tmp_path, value):
    text = edit("    outlet: Example News\n", f"    outlet: Example News\n    date: {value}\n")
    assert diags(tmp_path, text) == []


@pytest.mark.parametrize("value", ["2025-13", "2025-00", "2025-1", "'2025-11-'", "'202511'"])
def test_a_month_is_a_real_month(tmp_path, value):
    text = edit("    outlet: Example News\n", f"    outlet: Example News\n    date: {value}\n")
    assert [(line, col) for line, col, _ in diags(tmp_path, text)] == [(13, 11)]


def test_a_version_date_is_a_day_not_a_month(tmp_path):
    text = edit("date: 2025-11-20", "date: 2025-11")
    assert diags(tmp_path, text) == [(4, 7, "date must be a date YYYY-MM-DD; got '2025-11'")]


def test_quoted_date_is_fine(tmp_path):
    assert diags(tmp_path, edit("date: 2025-11-20", "date: '2025-11-20'")) == []


# --- identity and lineage --------------------------------------------------------------------


def test_id_must_equal_file_stem(tmp_path):
    assert diags(tmp_path, BASE_PLAN, name="other-name.yaml") == [
        (2, 5, "id 'test-plan' must equal the file name 'other-name'")
    ]


def test_id_must_be_a_slug(tmp_path):
    text = edit("id: test-plan", "id: Test Plan")
    assert diags(tmp_path, text, name="Test Plan.yaml") == [
        (2, 5, "id must be a lowercase id such as us-28-point; got 'Test Plan'")
    ]


def _plan(pid: str, extra: str = "") -> str:
    return edit("id: test-plan\n", f"id: {pid}\n{extra}")


def _corpus_diags(paths):
    corpus = load_corpus([str(p) for p in paths])
    return [(Path(d.path).name, d.line, d.col, d.message) for d in corpus.diagnostics]


def test_revises_a_missing_plan_suggests_a_neighbour(tmp_path):
    plans = make_plans_dir(tmp_path)
    write(plans, _plan("us-28-point"), "us-28-point.yaml")
    target = write(plans, _plan("e3-plan", "revises: us-28-pont\n"), "e3-plan.yaml")
    assert _corpus_diags([target]) == [
        ("e3-plan.yaml", 3, 10, "revises names 'us-28-pont', but no plan has that id; did you mean 'us-28-point'?")
    ]


def test_responds_to_a_missing_plan(tmp_path):
    plans = make_plans_dir(tmp_path)
    target = write(plans, _plan("e3-plan", "responds_to: nowhere\n"), "e3-plan.yaml")
    assert _corpus_diags([target]) == [("e3-plan.yaml", 3, 14, "responds_to names 'nowhere', but no plan has that id")]


def test_revises_an_existing_neighbour_is_fine(tmp_path):
    plans = make_plans_dir(tmp_path)
    write(plans, _plan("us-28-point"), "us-28-point.yaml")
    target = write(plans, _plan("e3-plan", "revises: us-28-point\n"), "e3-plan.yaml")
    assert _corpus_diags([target]) == []


def test_revises_itself(tmp_path):
    plans = make_plans_dir(tmp_path)
    target = write(plans, _plan("e3-plan", "revises: e3-plan\n"), "e3-plan.yaml")
    assert _corpus_diags([target]) == [("e3-plan.yaml", 3, 10, "revises names the plan itself")]


def test_lineage_cycle_found_when_checking_one_file(tmp_path, capsys):
    plans = make_plans_dir(tmp_path)
    a = write(plans, _plan("plan-a", "revises: plan-b\n"), "plan-a.yaml")
    write(plans, _plan("plan-b", "revises: plan-a\n") + "bogus: field\n", "plan-b.yaml")
    # only plan-a is checked: plan-b gives context but its own problems are not reported
    assert _corpus_diags([a]) == [("plan-a.yaml", 3, 10, "lineage loops: plan-a → plan-b → plan-a")]
    rc, lines, _ = run_check(capsys, str(a))
    assert rc == 1
    assert lines == [f"{a}:3:10: error: lineage loops: plan-a → plan-b → plan-a"]


def test_longer_lineage_cycle_through_responds_to(tmp_path):
    plans = make_plans_dir(tmp_path)
    a = write(plans, _plan("plan-a", "revises: plan-b\n"), "plan-a.yaml")
    write(plans, _plan("plan-b", "responds_to: plan-c\n"), "plan-b.yaml")
    write(plans, _plan("plan-c", "revises: plan-a\n"), "plan-c.yaml")
    assert _corpus_diags([a]) == [("plan-a.yaml", 3, 10, "lineage loops: plan-a → plan-b → plan-c → plan-a")]


def test_duplicate_ids_across_files(tmp_path):
    plans = make_plans_dir(tmp_path)
    write(plans, BASE_PLAN)
    other = tmp_path / "elsewhere"
    make_plans_dir(other)
    second = write(other / "plans", BASE_PLAN)
    found = _corpus_diags([plans / "test-plan.yaml", second])
    assert len(found) == 1
    name, line, col, msg = found[0]
    assert (name, line, col) == ("test-plan.yaml", 2, 5)
    assert msg == f"id 'test-plan' is also used by {plans / 'test-plan.yaml'}"


# --- known bug: keys whose YAML spelling differs from their value cannot be located --------


def test_non_string_provision_key_is_located_at_the_key(tmp_path):
    text = BASE_PLAN + "  yes: {summary: x}\n"
    assert diags(tmp_path, text) == [(27, 3, "provision keys are taxonomy names; got True")]


# --- place ---------------------------------------------------------------------------------


def test_place_is_read_and_written_back(tmp_path):
    text = edit("date: 2025-11-20\n", "date: 2025-11-20\nplace: Istanbul\n")
    plans = make_plans_dir(tmp_path)
    loaded = load_plan(write(plans, text))
    assert loaded.diagnostics == []
    assert loaded.plan.place == "Istanbul"
    assert loaded.plan.to_data()["place"] == "Istanbul"


def test_place_absent_is_left_out_of_the_data(tmp_path):
    loaded = load_plan(write(make_plans_dir(tmp_path), BASE_PLAN))
    assert loaded.plan.place is None and "place" not in loaded.plan.to_data()


def test_place_must_be_text(tmp_path):
    text = edit("date: 2025-11-20\n", "date: 2025-11-20\nplace: [Istanbul]\n")
    assert diags(tmp_path, text) == [(5, 8, "place must be non-empty text; got a list")]
