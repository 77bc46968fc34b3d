"""Lists, numbered points and headed sections: which sentence governs which.

An article shaped as a list ("The 20-point plan includes:" then bullets;
"Point 4: …" paragraphs; a heading "What the E3 text changes" above short
paragraphs) names the version once, in the lead sentence or the heading,
and never again in its items. Here each item's sentences get that lead (or
heading) as their *governor*, which the attributor consults when a sentence
names no version itself; and "Point N" / "N." keeps the point number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ITEM = re.compile(
    r"(?:[-*•·–—▪◦‣]\s+|\(?(?P<num>\d{1,2})[.)]\s+|(?:point|item|clause|article|paragraph)\s+(?P<pnum>\d{1,2}[a-z]?)\s*[:.–—-]\s*)",
    re.I,
)
_HEADING_END = re.compile(r"[.!?…\"'”’)]$")
_QUESTION = re.compile(r"(?:q|question|interviewer)\s*[:.–—-]\s", re.I)
_ANSWER = re.compile(r"(?:a|answer)\s*[:.–—-]\s", re.I)


@dataclass
class Structure:
    leads: dict[int, int]  # sentence index of a list item → the sentence that introduces the list
    headings: dict[int, int]  # sentence index → the heading of its section
    points: dict[int, str]  # sentence index → the point number its item carries
    questions: dict[int, int] = field(default_factory=dict)  # sentence of an answer → its question
    # sentence of a list item → the last sentence of the paragraph before the list, when that ends in no colon
    # ("The Geneva draft changes these points." then bullets): the version it names, for the attributor only
    intros: dict[int, int] = field(default_factory=dict)
    heading_lines: set[int] = field(default_factory=set)  # the sentences that are headings (or headlines)


def _paragraphs(sents) -> list[list[int]]:
    out: list[list[int]] = []
    last = None
    for i, s in enumerate(sents):
        if s.paragraph != last:
            out.append([])
            last = s.paragraph
        out[-1].append(i)
    return out


def analyse(v: str, sents) -> Structure:
    leads: dict[int, int] = {}
    headings: dict[int, int] = {}
    points: dict[int, str] = {}
    paras = _paragraphs(sents)
    intros: dict[int, int] = {}
    heading_lines: set[int] = set()
    lead: int | None = None  # the sentence that introduces the current list
    intro: int | None = None  # …or the paragraph just before it, when that does not end in a colon
    heading: int | None = None
    items = [_ITEM.match(v, sents[idx[0]].start) for idx in paras]
    for n, idx in enumerate(paras):
        m = items[n]
        if m:
            num = m.group("pnum") or m.group("num")
            for i in idx:
                if num:
                    points[i] = num
                if lead is not None:
                    leads[i] = lead
                elif intro is not None:
                    intros[i] = intro
                if heading is not None:
                    headings[i] = heading
            continue
        intro = idx[-1] if n + 1 < len(paras) and items[n + 1] else None
        last = sents[idx[-1]]
        tail = v[last.start : last.end].rstrip()
        is_heading = (  # the cheap tests first: most paragraphs end like a sentence
            len(idx) == 1
            and not tail.endswith(":")
            and not _HEADING_END.search(tail)
            and (len(tail) <= 90 or (len(tail) <= 200 and _title_case(tail)))
        )
        if is_heading:
            heading, lead = idx[0], None
            heading_lines.add(idx[0])
            continue
        # a paragraph ending in a colon introduces what follows ("The 20-point plan includes:")
        lead = idx[-1] if tail.endswith(":") else None
        if heading is not None:
            for i in idx:
                headings[i] = heading
    return Structure(leads, headings, points, _answers(v, sents, paras), intros, heading_lines)


_LONG_WORD = re.compile(r"[^\W\d_][\w'’-]{3,}")  # the words of more than three letters


def _title_case(text: str) -> bool:
    """A headline in Title Case ("Kyiv's 20-Point Plan Keeps The 800,000 Cap …"), however long."""
    words = _LONG_WORD.findall(text)
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _answers(v: str, sents, paras: list[list[int]]) -> dict[int, int]:
    """Each answer sentence → the question sentence it answers (the last one ending in "?")."""
    out: dict[int, int] = {}
    question: int | None = None
    marked = False  # the interview marks its questions ("Q:"), so what follows one is its answer …
    answer_marked: bool | None = None  # … unless it marks its answers ("A:") and this paragraph is unmarked
    for n, idx in enumerate(paras):
        start, end = sents[idx[0]].start, sents[idx[-1]].end
        if question is None and v.find("?", start, end) < 0:
            continue  # most paragraphs: no question, none pending
        asks = [i for i in idx if v[sents[i].start : sents[i].end].rstrip().endswith("?")]
        nxt = paras[n + 1] if n + 1 < len(paras) else None
        answered = nxt is not None and _ANSWER.match(v, sents[nxt[0]].start) is not None
        asked = _QUESTION.match(v, start) is not None
        if asks and (asked or answered):
            question, marked, answer_marked = asks[-1], asked, None
            continue
        if question is None:
            continue
        is_answer = _ANSWER.match(v, start) is not None
        if answer_marked is None:
            answer_marked = is_answer
        if is_answer or (marked and not answer_marked):
            for i in idx:
                out[i] = question
        else:
            question = None
    return out
