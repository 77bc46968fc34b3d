"""The events file: the dated steps of the talks beside the plan versions, checked like a plan file."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

from plandiff.cli import main
from plandiff.load import load_corpus
from plandiff.load.events import load_events
from tests.support.paths import PLANS, REPO

GOOD = textwrap.dedent("""\
    schema: plandiff.events/1
    events:
      - id: anchorage-summit
        date: 2025-08-15
        title: Trump-Putin summit in Anchorage
        place: Anchorage
        kind: summit
        parties: [United States, Russia]
        versions: [us-28-point]
        sources:
          - outlet: WION
            date: 2025-08-17
            url: https://example.org/wion
            caveats: [aggregator]
    """)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "events.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(tmp_path: Path, text: str, plan_ids=("us-28-point",)) -> list[tuple[int, int, str]]:
    path = write(tmp_path, text)
    events, diags = load_events(path, set(plan_ids))
    assert all(d.path == str(path) for d in diags)
    return [(d.line, d.col, d.message) for d in diags]


def edit(old: str, new: str) -> str:
    assert GOOD.count(old) == 1
    return GOOD.replace(old, new)


def test_good_file_loads_into_events(tmp_path):
    events, diags = load_events(write(tmp_path, GOOD), {"us-28-point"})
    assert diags == []
    (e,) = events
    assert (e.id, e.date, e.kind, e.place, e.parties, e.versions) == (
        "anchorage-summit",
        "2025-08-15",
        "summit",
        "Anchorage",
        ("United States", "Russia"),
        ("us-28-point",),
    )
    assert e.sources[0].outlet == "WION" and e.sources[0].caveats == ("aggregator",)


def test_the_real_events_file_is_clean_and_dated():
    corpus = load_corpus([PLANS], verify_quotes=False)
    assert corpus.event_problems == []
    assert len(corpus.events) >= 15
    ids = {e.id for e in corpus.events}
    assert {
        "anchorage-summit",
        "mar-a-lago-meeting",
        "trilateral-abu-dhabi-1",
        "trilateral-abu-dhabi-2",
        "trilateral-geneva-3",
        "ua-open-letter-jun2026",
    } <= ids
    for e in corpus.events:
        assert e.sources and all(s.outlet and s.url for s in e.sources), e.id
        assert "2025-03-01" <= e.date <= "2026-06-30", e.id


def test_events_file_is_not_read_as_a_plan():
    corpus = load_corpus([PLANS], verify_quotes=False)
    assert "events" not in corpus.plans
    assert all(not f.path.endswith("events.yaml") for f in corpus.files)


def test_unknown_field_suggests(tmp_path):
    assert problems(tmp_path, edit("    place: Anchorage\n", "    plase: Anchorage\n")) == [
        (6, 5, "unknown field 'plase' in an event; did you mean 'place'?")
    ]


def test_bad_date_and_end_before_start(tmp_path):
    assert problems(tmp_path, edit("    date: 2025-08-15\n", "    date: 15 Aug 2025\n")) == [
        (4, 11, "date must be a date YYYY-MM-DD; got '15 Aug 2025'")
    ]
    assert problems(tmp_path, edit("    date: 2025-08-15\n", "    date: 2025-08-15\n    end: 2025-08-14\n")) == [
        (5, 10, "end 2025-08-14 is before the event's date 2025-08-15")
    ]


def test_unknown_kind_suggests(tmp_path):
    assert problems(tmp_path, edit("kind: summit", "kind: sumit")) == [
        (7, 11, "unknown event kind 'sumit'; did you mean 'summit'?")
    ]


def test_unknown_version_suggests(tmp_path):
    assert problems(tmp_path, edit("versions: [us-28-point]", "versions: [us-28-pont]")) == [
        (9, 16, "versions names 'us-28-pont', but no plan has that id; did you mean 'us-28-point'?")
    ]


def test_source_needs_outlet_and_an_http_url(tmp_path):
    text = edit("        url: https://example.org/wion\n", "        url: example.org/wion\n")
    assert problems(tmp_path, text) == [(13, 14, "url must be an http(s) address; got 'example.org/wion'")]
    text = edit("      - outlet: WION\n        date", "      - date")
    assert problems(tmp_path, text) == [(11, 9, "missing required field 'outlet'")]


def test_event_without_sources(tmp_path):
    text = GOOD.split("    sources:")[0]
    assert problems(tmp_path, text) == [(3, 5, "an event needs sources: a non-empty list of {outlet, date, url}")]


def test_duplicate_event_id(tmp_path):
    body = GOOD.split("events:\n")[1]
    assert problems(tmp_path, GOOD + body) == [(15, 9, "event id 'anchorage-summit' is used twice")]


def test_yaml_duplicate_key_is_located(tmp_path):
    text = edit("    kind: summit\n", "    kind: summit\n    kind: round\n")
    ((line, col, msg),) = problems(tmp_path, text)
    assert line == 8 and "kind" in msg and "duplicate" in msg


def test_check_reports_event_problems_and_fails(tmp_path, capsys):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    text = (plans / "events.yaml").read_text(encoding="utf-8").replace("kind: summit", "kind: sumit", 1)
    (plans / "events.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "--no-quotes", str(plans)]) == 1
    out, err = capsys.readouterr()
    assert f"{plans / 'events.yaml'}:" in out and "error: unknown event kind 'sumit'" in out
    assert "problem" in err


def test_check_of_the_events_file_alone(capsys, monkeypatch):
    monkeypatch.chdir(REPO)
    assert main(["check", "plans/events.yaml"]) == 0
    assert "events OK" in capsys.readouterr().err
