"""Problems as values with a place, so every front end reports them the same way.

A loader never raises on bad input: it collects `Diagnostic`s, and the CLI
prints them as ``path:line:col: error: message`` (or as GitHub annotations).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int  # 1-based
    col: int  # 1-based
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"

    def github(self) -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""

        def prop(s: str) -> str:
            return (
                s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A").replace(":", "%3A").replace(",", "%2C")
            )

        msg = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{self.severity} file={prop(self.path)},line={self.line},col={self.col}::{msg}"


def line_col(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character offset in `text`."""
    index = max(0, min(index, len(text)))
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1
