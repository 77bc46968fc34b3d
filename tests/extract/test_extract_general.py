"""Provisions the plan files code that had no rule: a US backstop, an energy-strike moratorium, a leaders'
meeting, a UN Security Council endorsement, military hubs. Sentences written for these tests."""

from __future__ import annotations

import pytest


def _claims(ex, text):
    return [(c.plan, c.provision, c.stance, c.value) for c in ex.extract(text, "t")]


def _of(ex, text, key):
    return [c for c in _claims(ex, text) if c[1] == key]


@pytest.mark.parametrize(
    "text, key, value",
    [
        (
            "Under the multilateral framework, Europe fields the troops and the US backstop sits behind them.",
            "security.us_backstop",
            None,
        ),
        (
            "The Paris declaration says Washington would serve as a backstop, though that has not been confirmed.",
            "security.us_backstop",
            {"confirmed": False},
        ),
        (
            "In the Jeddah statement Ukraine offered to stop striking Russian energy infrastructure.",
            "ceasefire.energy",
            {"offered_by": "Ukraine"},
        ),
        (
            "Kyiv's Istanbul memorandum calls for a meeting between Zelensky and Putin.",
            "implementation.leaders_meeting",
            {"participants": ["Zelensky", "Putin"]},
        ),
        (
            "The Russian memorandum wants the final treaty endorsed by a legally binding resolution of the UN Security Council.",
            "implementation.unsc_endorsement",
            {"legally_binding": True},
        ),
        (
            "The Paris declaration lets Britain and France build protected military hubs after a ceasefire.",
            "security.military_hubs",
            {"states": ["United Kingdom", "France"], "after_ceasefire": True},
        ),
    ],
)
def test_new_provisions_are_read(ex, text, key, value):
    got = _of(ex, text, key)
    assert got, _claims(ex, text)
    assert got[0][2] == "included"
    assert got[0][3] == value


@pytest.mark.parametrize(
    "text, key",
    [
        # an event, not a provision: no plan asks for it
        ("Trump and Putin held a meeting between sessions in Alaska last summer.", "implementation.leaders_meeting"),
        ("Russian strikes on energy facilities went on through the night.", "ceasefire.energy"),
        ("The Security Council met on Friday and adjourned without a vote.", "implementation.unsc_endorsement"),
        ("A backstop of sandbags guarded the station.", "security.us_backstop"),
        ("The 28-point plan does not ask for a meeting between Zelensky and Putin.", "implementation.leaders_meeting"),
        ("Does the Jeddah statement halt strikes on energy facilities?", "ceasefire.energy"),
    ],
)
def test_new_provisions_stay_quiet(ex, text, key):
    assert not _of(ex, text, key), _claims(ex, text)
