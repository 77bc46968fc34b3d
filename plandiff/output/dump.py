"""JSON and YAML text: the one place that decides their form (`allow_nan=False`: a bare NaN is not JSON).

Imports only the standard library at module level (PyYAML loads when YAML is dumped).
"""

from __future__ import annotations

import json

# --- serialising ---------------------------------------------------------------


def dumps_json(data, indent: int | None = 2) -> str:
    """The one way plandiff writes JSON: UTF-8 text, and a NaN or infinity is an error (ValueError), not `NaN`.

    The text is exactly `json.dumps(data, indent=indent, ensure_ascii=False,
    allow_nan=False)`. With an indent the standard library falls back to its
    pure-Python encoder (generators, one per container); `_Indented` writes
    the same text about twice as fast, with C string escaping — at
    N = 10,000 the report is 6–12 MB and this was 10% of `diff`.
    """
    if indent is None:
        return json.dumps(data, ensure_ascii=False, allow_nan=False)
    return _Indented(indent).dumps(data)


class _Indented:
    def __init__(self, indent: int):
        from json.encoder import encode_basestring

        self.esc = encode_basestring
        self.pads = [" " * (indent * i) for i in range(66)]
        self.indent = indent

    def pad(self, level: int) -> str:
        while level >= len(self.pads):
            self.pads.append(" " * (self.indent * len(self.pads)))
        return self.pads[level]

    def dumps(self, data) -> str:
        parts: list[str] = []
        self._enc(data, 0, parts.append)
        return "".join(parts)

    def _enc(self, o, level: int, app) -> None:
        t = type(o)
        esc = self.esc
        if t is str:
            app(esc(o))
        elif t is dict:
            if not o:
                app("{}")
                return
            inner = self.pad(level + 1)
            sep = ",\n" + inner
            app("{\n" + inner)
            first = True
            for k, v in o.items():
                if first:
                    first = False
                else:
                    app(sep)
                app(esc(k if type(k) is str else _json_key(k)))
                app(": ")
                if type(v) is str:
                    app(esc(v))
                else:
                    self._enc(v, level + 1, app)
            app("\n" + self.pad(level) + "}")
        elif t is list or t is tuple or isinstance(o, (list, tuple)):
            if not o:
                app("[]")
                return
            inner = self.pad(level + 1)
            sep = ",\n" + inner
            app("[\n" + inner)
            first = True
            for v in o:
                if first:
                    first = False
                else:
                    app(sep)
                if type(v) is str:
                    app(esc(v))
                else:
                    self._enc(v, level + 1, app)
            app("\n" + self.pad(level) + "]")
        elif o is None:
            app("null")
        elif o is True:
            app("true")
        elif o is False:
            app("false")
        elif isinstance(o, int):
            app(int.__repr__(o))
        elif isinstance(o, float):
            if o != o or o in (_INF, -_INF):
                raise ValueError(f"Out of range float values are not JSON compliant: {o!r}")
            app(float.__repr__(o))
        elif isinstance(o, str):
            app(esc(o))
        elif isinstance(o, dict):
            self._enc(dict(o), level, app)
        else:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


_INF = float("inf")


def _json_key(k) -> str:
    """A non-string key as json.dumps writes it."""
    if isinstance(k, float):
        if k != k or k in (_INF, -_INF):
            raise ValueError(f"Out of range float values are not JSON compliant: {k!r}")
        return float.__repr__(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def dumps_yaml(data) -> str:
    """YAML for plan data, with control and bidi characters written as escapes, never raw.

    PyYAML counts U+0085 and the bidi controls as printable and writes them
    as they are when `allow_unicode` is on; a scalar holding one is written
    double-quoted with `\\u` escapes instead, so the file shows what is there.
    """
    import yaml

    from plandiff.guard import UNSAFE

    class Dumper(yaml.SafeDumper):
        def analyze_scalar(self, scalar):
            if not UNSAFE.search(scalar):
                return super().analyze_scalar(scalar)
            self.allow_unicode = False
            try:
                return super().analyze_scalar(scalar)
            finally:
                self.allow_unicode = True

        def write_double_quoted(self, text, split=True):
            if not UNSAFE.search(text):
                return super().write_double_quoted(text, split)
            self.allow_unicode = False
            try:
                return super().write_double_quoted(text, split)
            finally:
                self.allow_unicode = True

    return yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
