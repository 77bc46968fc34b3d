"""The one-value kinds: bool, integer, number, text, date, year.

Each checks with one test and one message ("expected a number; got a
string"); integer and number are the figures charts can draw. A year is
an integer written as a year ("since 2014", never "since 2,014").
"""

from __future__ import annotations

import datetime
from typing import Any, ClassVar

from plandiff.kinds.base import Kind, Problems, is_date, is_int, is_number, same_number, type_name

TEXT_SCHEMA = {"type": "string", "minLength": 1}
DATE_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


class Scalar(Kind):
    expected: ClassVar[str] = ""
    json: ClassVar[dict] = {}

    def valid(self, v: Any) -> bool:
        raise NotImplementedError

    def _check(self, v: Any, at: tuple, out: Problems, skip: object) -> None:
        if not self.valid(v):
            out.append((at, f"expected {self.expected}; got {type_name(v)}"))

    def schema(self) -> dict:
        return dict(self.json)

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        return False

    def columns(self, v: Any) -> dict:
        return {"value_text": v}


class Bool(Scalar):
    name = "bool"
    expected = "true or false"
    json = {"type": "boolean"}
    doc = "`true` or `false`"

    def valid(self, v: Any) -> bool:
        return isinstance(v, bool)

    def columns(self, v: Any) -> dict:
        return {"value_bool": v}


class Integer(Scalar):
    name = "integer"
    chart: ClassVar[str | None] = "numeric"
    expected = "an integer"
    json = {"type": "integer"}
    doc = "integer"

    def valid(self, v: Any) -> bool:
        return is_int(v)

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        return same_number(claim, held)

    def number(self, v: Any) -> float | None:
        return float(v) if is_number(v) else None

    def columns(self, v: Any) -> dict:
        return {"value_number": v}


class Year(Integer):
    name = "year"
    chart = None  # a year is not a quantity to draw as a bar
    expected = "a year such as 2014"
    json = {"type": "integer", "minimum": 1000, "maximum": 9999}
    doc = "a year, such as `2014`"

    def valid(self, v: Any) -> bool:
        return is_int(v) and 1000 <= v <= 9999

    def _format(self, v: Any) -> str:
        return str(v)

    def number(self, v: Any) -> float | None:
        return None  # no chart draws it


class Number(Integer):
    name = "number"
    expected = "a number"
    json = {"type": "number"}
    doc = "number"

    def valid(self, v: Any) -> bool:
        return is_number(v)


class Text(Scalar):
    name = "text"
    expected = "non-empty text"
    json = TEXT_SCHEMA
    doc = "free text"

    def valid(self, v: Any) -> bool:
        return isinstance(v, str) and bool(v.strip())

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        return True  # two wordings of one thing; text never makes a dispute


def _day(v: Any) -> datetime.date | None:
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(v) if is_date(v) else None


class Date(Scalar):
    name = "date"
    expected = "a date YYYY-MM-DD"
    json = DATE_SCHEMA
    doc = "a date, YYYY-MM-DD"

    def valid(self, v: Any) -> bool:
        return is_date(v)

    def _agrees(self, claim: Any, held: Any, key: str, compat: dict) -> bool:
        a, b = _day(claim), _day(held)
        return a is not None and a == b
