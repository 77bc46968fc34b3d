"""Span bookkeeping for the mention finder: which stretches of a sentence a phrase already took."""

from __future__ import annotations

import bisect


class Spans:
    """Spans, asked "is this position inside one?" in log time (a long sentence has many)."""

    def __init__(self, spans=()):
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def add(self, a: int, b: int) -> None:
        i = bisect.bisect(self.starts, a)
        self.starts.insert(i, a)
        self.spans.insert(i, (a, b))

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        # spans may overlap: look back over the few that start near pos
        while i >= 0 and pos - self.starts[i] < 200:
            if self.spans[i][1] > pos:
                return True
            i -= 1
        return False
