"""JSON handed to plandiff (a change set, a JSON Lines record): every surprise is a located problem."""

from __future__ import annotations

import json

import pytest

from plandiff.load import jsonsafe
from plandiff.load.yamlsafe import MAX_DEPTH


@pytest.mark.parametrize(
    "text, words",
    [
        ("[" * 100_000 + "]" * 100_000, "nested deeper"),
        ("[" * (MAX_DEPTH + 2) + "]" * (MAX_DEPTH + 2), "nested deeper"),
        ('{"a": ' + "9" * 5000 + "}", "5000 digits"),
        ('{"a": NaN}', "not a finite number"),
        ('{"a": -Infinity}', "not a finite number"),
        ('{"a": 1e400}', "finite number"),
        ('{"a": "x \\ud800 y"}', "lone surrogate"),
        ('{"\\udfff": 1}', "lone surrogate"),
        ('{"a": 1,}', "invalid JSON"),
    ],
)
def test_hostile_json_is_a_problem_not_a_traceback(text, words):
    with pytest.raises(jsonsafe.JsonProblem) as info:
        jsonsafe.loads(text)
    assert words in info.value.message and info.value.line >= 1 and info.value.col >= 1


def test_a_syntax_error_is_located():
    with pytest.raises(jsonsafe.JsonProblem) as info:
        jsonsafe.loads('{\n  "a": 1,\n  "b": ]\n}')
    assert (info.value.line, info.value.col) == (3, 8)


def test_a_deep_value_names_where_it_is():
    doc = {"changes": [{"new": {"value": 0}}]}
    deep = doc["changes"][0]["new"]
    for _ in range(MAX_DEPTH):
        deep["value"] = [deep["value"]]
    with pytest.raises(jsonsafe.JsonProblem) as info:
        jsonsafe.loads(json.dumps(doc))
    assert info.value.where.startswith("changes[0].new.value[0]") and "levels more" in info.value.where


def test_ordinary_json_reads_as_json_does():
    text = json.dumps({"a": [1, 2.5, "ü", None, True], "b": {"c": -12}, "d": 10**60})
    assert jsonsafe.loads(text) == json.loads(text)
