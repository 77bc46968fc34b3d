"""Reading the extractor's claims in tests: extract with exact quotes checked, and ask whether a claim is there."""

from __future__ import annotations

import datetime as dt

ANY = ...  # a field the question leaves open


def claims(ex, text, date=None):
    """The claims in `text` (with `date`, YYYY-MM-DD, as the article's date); every quote is the text at its offsets."""
    out = ex.extract(text, "t", date=dt.date.fromisoformat(date) if date else None)
    for c in out:
        assert text[c.start : c.end] == c.quote
    return out


def has(cs, plan, key, stance=ANY, value=ANY):
    """Whether some claim is about `plan` and `key`, with that stance and value where they are given."""
    return any(
        c.plan == plan
        and c.provision == key
        and (stance is ANY or c.stance == stance)
        and (value is ANY or c.value == value)
        for c in cs
    )
