"""Terminal colour, used only where a person is reading.

Colour is on for a terminal, off when piped, off whenever NO_COLOR is set
(https://no-color.org), and `--color/--no-color` overrides both.
"""

from __future__ import annotations

import os
from typing import IO

_CODES = {
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "bold": "1",
    "dim": "2",
}


def want_color(flag: bool | None, stream: IO) -> bool:
    if flag is not None:
        return flag
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Style:
    def __init__(self, enabled: bool):
        self.enabled = enabled
        if enabled:  # the output guard lets exactly these codes through while colour is on
            from plandiff.guard import allow_style

            allow_style()

    def __call__(self, text: str, *names: str) -> str:
        if not self.enabled or not names:
            return text
        codes = ";".join(_CODES[n] for n in names)
        return f"\x1b[{codes}m{text}\x1b[0m"
