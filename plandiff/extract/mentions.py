"""Version mentions: the phrases an article names a plan version with, and the cues each holds.

Two kinds of phrase are found. An *alias* is a literal phrasing from a plan
file (`aliases:`), found with one trie regex. A *referring phrase* is a head
noun of a document kind ("plan", "counter-draft", "memorandum", "round")
with what stands before it up to its determiner ("Washington's first",
"a 20-point ceasefire", "last month's Geneva") and what may follow it
("drafted by European capitals", "circulated before the Geneva meeting",
"Zelensky walked reporters through"). The words of the phrase are read
into *cues* — a point count, drafters, places, a month or year, lineage
words, the document kind — which `resolve.py` scores against every plan
file's metadata. Nothing here knows any version: the grammar and the cue
words are in plandiff/data/extract/versions.yaml.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from plandiff.extract.cues import SPECIFIC_KINDS, Cues, MetadataReading, Phrase  # noqa: F401  (re-exported)
from plandiff.extract.data import load, trie_regex
from plandiff.extract.dates import MONTHS
from plandiff.extract.keywords import Keywords, satisfied
from plandiff.extract.spans import Spans

if TYPE_CHECKING:
    from plandiff.extract.values import Numbers

_BOUNDARY = re.compile(r"[\w-]")
_UNTIL_CLAUSE = re.compile(r"[^.;:!?(),]{0,50}")
_TOKEN = re.compile(r"[\w'’.&-]+|[^\w\s]")
# words too common to stand for an alias when choosing which sentences to search for it
_GENERIC = frozenset(
    "the a an of to in on for and plan peace proposal draft framework text version point points "
    "deal talks statement ceasefire joint document agreement us new".split()
)


class MentionFinder(MetadataReading):
    """Compiled alias trie and referring-phrase grammar."""

    def __init__(self, aliases: dict[str, list[str]] | None, keywords: Keywords):
        data = load()
        spec = data["versions"]
        c = data["compile"]
        self.keywords = keywords
        ignore = {a.lower() for a in spec.get("ignore_aliases") or ()}
        self.alias_version: dict[str, str] = {}
        for v, names in (aliases or {}).items():
            for a in names:
                low = " ".join(a.lower().replace("\u2019", "'").split())
                if low in ignore or not low:
                    continue
                for variant in {low, low.replace("-", " "), low.replace(" ", "-")}:
                    self.alias_version.setdefault(variant, v)
        self.alias_regex = re.compile(trie_regex(sorted(self.alias_version))) if self.alias_version else None
        words = set()
        for a in self.alias_version:
            parts = [w for w in re.split(r"[^\w']+", a) if w]
            specific = [w for w in parts if w not in _GENERIC]
            words.add(max(specific or parts, key=len))
        self.alias_needs = keywords.needs(["|".join(sorted(words))]) if words else ()
        kinds = spec["kinds"]
        # no look-behind in front: the regex then starts with literal letters and `re` skips ahead by
        # first character; the word boundary before a head is checked in code
        self.head = re.compile("|".join(f"(?P<{k}>{'|'.join(c.source(p) for p in ps)})" for k, ps in kinds.items()))
        self.head_needs = keywords.needs(spec["kind_needs"])
        self.points_needs = keywords.needs(["point|points"])
        self.kind_words = {k: re.compile("|".join(c.source(p) for p in ps)) for k, ps in kinds.items()}
        self.stop = re.compile(c.source(spec["stop_before"]))
        self.det = re.compile(c.source(spec["determiners"]))
        self.max_before = int(spec.get("max_words_before", 7))
        self.after = [c(p, f"versions.yaml after[{i}]") for i, p in enumerate(spec["after"])]
        # "a US draft of security guarantees": a generic head whose complement names the kind
        self.kind_after = [
            (k, c(p, f"versions.yaml kind_after {k}")) for k, p in (spec.get("kind_after") or {}).items()
        ]
        self.subject = c(spec["subject"], "versions.yaml subject")
        self.verb_head = c(spec.get("verb_heads") or "(?!x)x", "versions.yaml verb_heads")
        self.after_head = c(spec.get("after_heads") or "(?!x)x", "versions.yaml after_heads")
        self.topic_head = c(spec["topic_heads"], "versions.yaml topic_heads") if spec.get("topic_heads") else None
        self.subject_end = c(
            "(?:(?:%PRESENT%)(?: up| out)?|(?:said|say|says|pledged|pledge|pledges|promised|promise|"
            "promises|committed|agreed|declared|stated|vowed|vow|vows|set out|spelled out|spelt out|"
            "reaffirmed|confirmed) (?:in|through|with)) $",
            "versions.yaml present_verbs",
        )
        self._cache: dict[tuple[str, int, int, str | None], tuple[int, int, Cues | None] | Literal[False]] = {}
        self.names: set[str] = set()  # words of the plan files' titles and aliases (set by the engine)
        cues = spec["cues"]
        self.rx = {name: c(p, f"versions.yaml cues {name}") for name, p in cues.items()}
        # hyphens do not end a name here: "US-drafted", "EU-US-Ukraine"
        self.parties = [
            (name, c(rf"(?<![\w.])(?:{p})(?:'s|')?(?![\w])", f"versions.yaml parties {name}"))
            for name, p in spec["parties"].items()
        ]
        self.groups = []
        for name, g in spec["groups"].items():
            self.groups.append(
                (
                    name,
                    c(rf"(?<![\w.])(?:{g['words']})(?:'s|')?(?![\w])", f"versions.yaml groups {name}"),
                    frozenset(g["members"]),
                    bool(g.get("all")),
                )
            )
        self.places = list(spec["places"])
        self.place_rx = re.compile(
            r"(?<![\w-])("
            + "|".join(re.escape(p.lower()) for p in sorted(self.places, key=len, reverse=True))
            + r")(?![\w-])"
        )
        # one pass that says whether a stretch of words holds any cue but lineage (most do not)
        sources = [
            c.source(cues[n]) for n in ("points", "fewer_points", "month", "month_first_day", "relative_month", "year")
        ]
        sources += (
            [rx.pattern for _, rx in self.parties] + [g[1].pattern for g in self.groups] + [self.place_rx.pattern]
        )
        self.any_cue = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", src) for src in sources))
        self.numbers: Numbers | None = None  # set by the engine (values.Numbers), to read "twenty points"
        self.dependent = c(spec["dependent_before"], "versions.yaml dependent_before")
        self.dependent_window = int(spec.get("dependent_window", 30))
        self.capitals = {}  # place name → party it also stands for
        for p in self.places:
            for name, rx in self.parties:
                if rx.fullmatch(p.lower()):
                    self.capitals[p.lower()] = name

    # --- finding ---------------------------------------------------------------

    def find(self, lv: str, sents, hits: dict[int, set], v: str | None = None) -> dict[int, list[Phrase]]:
        """Sentence index → its phrases, in text order (aliases win where they overlap a phrase)."""
        out: dict[int, list[Phrase]] = {}
        for si in sorted(hits):
            kws = hits[si]
            head, alias = satisfied(self.head_needs, kws), satisfied(self.alias_needs, kws)
            points = satisfied(self.points_needs, kws)
            if not (head or alias or points):
                continue
            sent = sents[si]
            found: list[tuple[int, int, str | None, Cues | None]] = []
            if self.alias_regex is not None and alias:
                for m in self.alias_regex.finditer(lv, sent.start, sent.end):
                    s, e = m.start(), m.end()
                    if (s and _BOUNDARY.match(lv, s - 1)) or _BOUNDARY.match(lv, e):
                        continue
                    found.append((s, e, self.alias_version[m.group()], None))
            if head:
                for m in self.head.finditer(lv, sent.start, sent.end):
                    if m.start() and _BOUNDARY.match(lv, m.start() - 1):
                        continue
                    ph = self._phrase(lv, sent, m, v)
                    if ph is not None:
                        found.append(ph)
            if points:
                # a point count on its own names a version too: "it now contains fewer points than 28"
                covered = Spans((f[0], f[1]) for f in found)
                for name in ("fewer_points", "points"):
                    for m in self.rx[name].finditer(lv, sent.start, sent.end):
                        if covered.covers(m.start()):
                            continue
                        n = self._num(m.group("n"))
                        if n is None or n > 60:
                            continue
                        cues: Cues | None = Cues(
                            kind=None,
                            points=None if name == "fewer_points" else n,
                            fewer_than=n if name == "fewer_points" else None,
                        )
                        found.append((m.start(), m.end(), None, cues))
                        covered.add(m.start(), m.end())
            if not found:
                continue
            found.sort(key=lambda f: (f[0], f[2] is None, -(f[1] - f[0])))
            phrases: list[Phrase] = []
            last_end = -1
            for s, e, version, cues in found:
                if s < last_end:
                    # an alias inside a longer phrase gives the phrase its version
                    if version is not None and phrases and phrases[-1].version is None:
                        p = phrases[-1]
                        # the words around the alias may overrule it ("Kyiv's Istanbul memorandum"); the alias's own
                        # words never do ("the latest US peace proposal" is an alias as a whole)
                        around = Cues(kind=None)
                        self._read(lv[p.start : s] + " , " + lv[e : p.end], around)
                        # scored on all its words, but only when the words around the alias say something
                        cues = p.cues if around.discriminating else None
                        phrases[-1] = Phrase(p.start, max(p.end, e), version, cues, p.dependent)
                        last_end = max(last_end, e)
                    continue
                dep = bool(self.dependent.search(lv[max(0, s - self.dependent_window) : s]))
                phrases.append(Phrase(s, e, version, cues, dep))
                last_end = e
            out[si] = phrases
        return out

    def _phrase(self, lv: str, sent, m: re.Match, v: str | None = None):
        """(start, end, None, cues) of the phrase around a head noun; cached on the words around it.

        Reports repeat their phrases ("the US plan", "the 20-point framework"), so the reading is kept
        per window of text (relative offsets), which makes the second and later sightings cheap.
        """
        h0, h1 = m.start(), m.end()
        lo, hi = max(sent.start, h0 - 240), min(sent.end, h1 + 120)
        key = (lv[lo:hi], h0 - lo, h1 - lo, v[lo:h0] if v is not None else None)
        got = self._cache.get(key)
        if got is None:
            ph = self._phrase_uncached(lv, sent, m, v)
            got = False if ph is None else (ph[0] - h0, ph[1] - h1, ph[3])
            if len(self._cache) > 50000:
                self._cache.clear()
            self._cache[key] = got
        if got is False:
            return None
        return (h0 + got[0], h1 + got[1], None, got[2])

    def _phrase_uncached(self, lv: str, sent, m: re.Match, v: str | None = None):
        kind = m.lastgroup
        h0, h1 = m.start(), m.end()
        if self.topic_head is not None and self.topic_head.search(lv, max(sent.start, h0 - 40), h0):
            return None  # "a free-trade agreement", "the minerals deal": a topic, not a plan version
        if self.verb_head.fullmatch(lv, h0, h1) and self.after_head.search(lv, max(sent.start, h0 - 20), h0):
            return None  # "the 28 points offers …": a verb after the phrase, not a second head
        start = self._left(lv, sent.start, h0)
        cues = Cues(kind=kind, definite=not re.match(r"(?:an?|another|one|some) ", lv[start:h0]))
        self._read(lv[start:h0], cues)
        if v is not None and self.names:
            # the head's own words too: "the bilateral security guarantees" (a head that holds a name)
            for t in re.finditer(r"[A-Za-z][\w'’-]{2,}", v[start:h1]):
                w = re.sub(r"(?:'s|’s|')$", "", t.group()).lower()
                if (
                    w in self.names
                    and not self.any_cue.fullmatch(w)
                    and not self.det.match(w)
                    and not self.rx["original"].fullmatch(w)
                    and not self.rx["revised"].fullmatch(w)
                ):
                    cues.names.append(w if t.group()[0].isupper() else "~" + w)
        sub = None
        if self.subject_end.search(lv, max(sent.start, start - 40), start):  # a presenting verb just before
            sub = self.subject.search(lv, max(sent.start, start - 120), start)
        if sub is not None and sub.end() == start:
            who = Cues()
            self._read(sub.group("who"), who, lineage=False)
            cues.parties += who.parties
            cues.either += [(names, place) for names, place in who.either]
        end = h1
        if kind == "plan":
            # a specific kind named before a generic head: "the bilateral guarantee document", "the memorandum text"
            for k in SPECIFIC_KINDS:
                if k in self.kind_words and self.kind_words[k].search(lv, start, h0):
                    cues.kind = k
                    break
            for k, rx in self.kind_after:
                ka = rx.match(lv, h1, min(sent.end, h1 + 60))
                if ka is not None:
                    cues.kind, h1 = k, ka.end()
                    end = h1
                    break
        tail = lv[h1 : min(sent.end, h1 + 120)]
        for rx in self.after:
            a = rx.match(tail)
            if a is None:
                continue
            gd = a.groupdict()
            prep = (gd.get("prep") or "").strip()
            group = next(g for g in ("what", "who", "count") if gd.get(g) is not None)
            what, what_at = gd[group], a.start(group)
            what = self._trim_what(what)
            if not what:
                continue
            before = prep in ("before", "ahead of", "prior to", "in the run-up to")
            got = Cues()
            self._read(what, got, anchor=before, lineage=False)
            if not self._any(got):
                continue
            if group == "count":  # "the 28-point plan has been cut to 19 points": the count it has now
                cues.points, cues.lineage = got.points, "revised"
            cues.merge(got)
            end = h1 + what_at + len(what)
            if group == "who":
                # "the plan the Americans sent to Kyiv in November": the time after the verb is the version's
                upto = _UNTIL_CLAUSE.match(tail, a.end())
                rest = upto.group() if upto is not None else ""
                when = Cues()
                self._read(rest, when, lineage=False)
                cues.months += when.months
                cues.relative_months += when.relative_months
                cues.years += when.years
            break
        if kind == "event" and not (cues.places or cues.either or cues.months or cues.relative_months):
            return None
        return (start, end, None, cues)

    def _trim_what(self, what: str) -> str:
        # stop at a clause word: "by Washington, which …", "from Kyiv and the"
        m = re.search(r"\s(?:which|that|who|but|while|and then|would|will|has|had|is|was|says|said)\b", what)
        if m:
            what = what[: m.start()]
        return what.rstrip(" ,'\"")

    def _left(self, lv: str, floor: int, h0: int) -> int:
        lo = max(floor, h0 - 90)
        toks = [(t.start() + lo, t.end() + lo, t.group()) for t in _TOKEN.finditer(lv[lo:h0])]
        start = h0
        taken = 0
        i = len(toks) - 1
        while i >= 0 and taken < self.max_before:
            s, e, w = toks[i]
            if w in ('"', "'"):  # the US "final offer": quote marks inside a phrase
                i -= 1
                continue
            if not (w[0].isalnum() or w[0] == "'"):
                break
            bare = w.rstrip(".")
            if self.stop.match(bare):
                break
            start = s
            taken += 1
            if self.det.match(bare):
                break
            if bare.endswith(("'s", "s'")) and not re.match(
                r"(?:month|week|year|day|weekend|today|yesterday)'s$", bare
            ):
                # a possessive begins the phrase, with the name it ends ("the Trump administration's",
                # "the White House's"): take the words before it up to a stop word or determiner, at most two
                for k in range(i - 1, max(-1, i - 3), -1):
                    w2 = toks[k][2]
                    if not w2[0].isalnum() or self.stop.match(w2):
                        break
                    start = toks[k][0]
                    if self.det.match(w2):
                        break
                break
            i -= 1
        return start

    # --- reading cues ------------------------------------------------------------

    def _any(self, c: Cues) -> bool:
        return c.discriminating

    def _num(self, s: str) -> int | None:
        if s.isdigit():
            return int(s)
        if self.numbers is not None:
            n = self.numbers.value(s)
            if isinstance(n, int):
                return n
        return None

    def _read(self, text: str, cues: Cues, anchor: bool = False, lineage: bool = True) -> None:
        """Fill `cues` from the words of a phrase (`anchor`: they say what came after the version)."""
        if not text.strip():
            return
        rx = self.rx
        if self.any_cue.search(text) is None:
            if lineage and not anchor:
                if rx["original"].search(text):
                    cues.lineage = "original"
                elif rx["revised"].search(text):
                    cues.lineage = "revised"
            return
        used: list[tuple[int, int]] = []
        f = rx["fewer_points"].search(text)
        if f:
            cues.fewer_than = self._num(f.group("n"))
            used.append(f.span())
        else:
            p = rx["points"].search(text)
            if p:
                cues.points = self._num(p.group("n"))
                used.append(p.span())
        for name in ("month", "month_first_day"):
            for m in rx[name].finditer(text):
                if any(a < m.end() and m.start() < b for a, b in used):
                    continue
                mon = MONTHS.get(m.group("month").rstrip("."))
                if mon is None:
                    continue
                if m.group("month") == "may" and not m.group("day") and not m.group("year"):
                    continue  # "may" is mostly a verb
                year = int(m.group("year")) if m.group("year") else None
                (cues.before_months if anchor else cues.months).append((year, mon))
                used.append(m.span())
        for m in rx["relative_month"].finditer(text):
            cues.relative_months.append(0 if m.group("which") == "this" else 1)
            used.append(m.span())
        for m in rx["year"].finditer(text):
            if not any(a <= m.start() < b for a, b in used):
                cues.years.append(int(m.group("year")))
        if lineage and not anchor:
            if rx["original"].search(text):
                cues.lineage = "original"
            elif rx["revised"].search(text):
                cues.lineage = "revised"
        places_at = []
        for m in self.place_rx.finditer(text):
            name = m.group(1)
            places_at.append(m.span())
            canon = next(p for p in self.places if p.lower() == name)
            if anchor:
                cues.before_places.append(canon)
            elif name in self.capitals:
                cues.either.append((frozenset([self.capitals[name]]), canon))
            else:
                cues.places.append(canon)
        if anchor:
            return
        for name, grx, members, all_ in self.groups:
            for m in grx.finditer(text):
                if not any(a <= m.start() < b for a, b in places_at + used):
                    cues.parties.append((members, all_, name))
                    used.append(m.span())
        for name, prx in self.parties:
            for m in prx.finditer(text):
                if any(a <= m.start() < b for a, b in places_at + used):
                    continue
                cues.parties.append((frozenset([name]), False, None))
                used.append(m.span())
                break
