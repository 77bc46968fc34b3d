"""Which version a phrase names, and which version a claim speaks of.

Every version is described only by its plan file (`Profile`): point count,
drafters (the first is the lead), places (`place:`, or the places its title
and aliases name), date, kinds of document, lineage. A referring phrase's
cues (mentions.py) are scored against every profile with the weights in
versions.yaml `scores`: a point count that differs all but excludes a
version, a matching drafter or place counts for it, a time word is read
against the article's date, "original/first" favours a version that others
revise, "revised/updated/new" one that revises another, a version dated
after the article cannot be meant. The best version wins when it scores
enough and leads the next by a margin; a near tie goes to the version the
article is speaking of (its *salient* version), then to the most recent one
before the article's date, then to the one most other versions answer or
revise; otherwise the phrase stays unresolved (claims in
its clause get `plan: null` with the tied versions as candidates). A phrase
whose cues fit no version names a document outside the corpus.

`attribution.py` then gives each claim a version (`Attributor`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from plandiff.extract.data import load
from plandiff.extract.dates import parse_iso
from plandiff.extract.mentions import Cues, MentionFinder


@dataclass(frozen=True)
class Profile:
    id: str
    date: dt.date | None
    drafters: tuple[frozenset, ...]  # each drafted_by entry with the party/group names it stands for
    kinds: frozenset
    places: frozenset
    point_count: int | None
    revises: str | None
    responds_to: str | None
    descendants: frozenset
    names: frozenset  # the words of its title and aliases
    chain_counts: frozenset  # the point count of the version it revises


def profiles_from(meta: dict[str, dict], finder: MentionFinder) -> dict[str, Profile]:
    status_kinds = load()["versions"]["status_kinds"]
    desc: dict[str, set] = {}
    for vid, m in meta.items():
        for parent in (m.get("revises"), m.get("responds_to")):
            if parent:
                desc.setdefault(parent, set()).add(vid)
    out = {}
    for vid, m in meta.items():
        places = m.get("place")
        places = [places] if isinstance(places, str) else list(places or ())
        places = set(places) | finder.places_in(m.get("title") or "", *(m.get("aliases") or ()))
        parent = m.get("revises")
        counts = {meta[parent]["point_count"]} if parent in meta and meta[parent].get("point_count") else set()
        pc = m.get("point_count")
        out[vid] = Profile(
            vid,
            parse_iso(m.get("date")),
            tuple(frozenset(finder.party_names(str(d))) for d in (m.get("drafted_by") or ())),
            finder.kinds_of(m.get("status"), m.get("title"), status_kinds, m.get("aliases")),
            frozenset(places),
            pc if isinstance(pc, int) else None,
            m.get("revises"),
            m.get("responds_to"),
            frozenset(desc.get(vid, ())),
            frozenset(_words(m.get("title"), *(m.get("aliases") or ()))),
            frozenset(counts),
        )
    return out


def _words(*texts) -> set[str]:
    return {w for t in texts if t for w in re.findall(r"[a-z][\w'-]{2,}", t.lower().replace("'s", ""))}


def _month_back(ref: dt.date, back: int) -> tuple[int, int]:
    y, mo = ref.year, ref.month - back
    while mo < 1:
        y, mo = y - 1, mo + 12
    return y, mo


class Resolver:
    """Scores versions against a phrase's cues (weights: versions.yaml `scores`)."""

    def __init__(self, profiles: dict[str, Profile]):
        self.profiles = profiles
        self.w = {k: float(v) for k, v in load()["versions"]["scores"].items()}
        self._cache: dict = {}
        self.members = {name: frozenset(g["members"]) for name, g in load()["versions"]["groups"].items()}
        self.specific_only = frozenset(
            load()["versions"].get("specific_only") or ("statement", "declaration", "memorandum")
        )

    def _party(self, p: Profile, names: frozenset, all_: bool, group: str | None) -> float:
        w = self.w
        if not p.drafters:
            return w["place_unknown"]
        hit = [i for i, d in enumerate(p.drafters) if d & names or (group and f"group:{group}" in d)]
        if all_:
            ok = all(any(n in d for d in p.drafters) for n in names)
            return w["party"] + w["party_lead"] if ok else w["party_other"]
        if not hit:
            member = group is None and any(
                f"collective:{g}" in d and names & self.members.get(g, frozenset())
                for d in p.drafters
                for g in self.members
            )
            return w["party_member"] if member else w["party_other"]
        return w["party"] + (w["party_lead"] if 0 in hit else 0.0) + w["party_share"] * len(hit) / len(p.drafters)

    def _place(self, p: Profile, place: str) -> float:
        if place in p.places:
            return self.w["place"]
        return self.w["place_other"] if p.places else self.w["place_unknown"]

    def score(self, p: Profile, c: Cues, ref: dt.date | None) -> float:
        w = self.w
        s = 0.0
        if c.points:
            s += (
                w["points_equal"]
                if p.point_count == c.points
                else (w["points_unknown"] if p.point_count is None else w["points_other"])
            )
        if c.fewer_than:
            if p.point_count and p.point_count < c.fewer_than:
                s += w["fewer_points"] + (w["fewer_points_lineage"] if c.fewer_than in p.chain_counts else 0.0)
            else:
                s += w["points_other"]
        for names, all_, group in c.parties:
            s += self._party(p, names, all_, group)
        if c.parties and not any(all_ or group for _, all_, group in c.parties) and p.drafters:
            said = frozenset().union(*(names for names, _, _ in c.parties))
            if len(said) >= 2 and all(d & said for d in p.drafters) and len(said) == len(p.drafters):
                s += w["party_exact"]
        for place in c.places:
            s += self._place(p, place)
        for names, place in c.either:
            s += max(self._party(p, names, False, None), self._place(p, place))
        if c.kind in ("plan", "event", None):
            if p.kinds & self.specific_only and c.kind == "plan":
                s += w["generic_vs_specific"]
        elif c.kind in p.kinds:
            s += w["kind"]
        else:
            s += w["kind_other"]
        if c.lineage == "original":
            if p.revises:
                s += w["original_revision"]
            else:
                s += w["original"] + (w["original_descendants"] if p.descendants else 0.0)
        elif c.lineage == "revised":
            s += w["revised"] if p.revises else (w["revised_response"] if p.responds_to else w["revised_original"])
        if p.date is not None:
            for year, month in c.months:
                ok = (
                    p.date.month == month
                    and (year is None or p.date.year == year)
                    and (
                        year is not None
                        or ref is None
                        or _month_back(ref, (ref.month - month) % 12) == (p.date.year, month)
                    )
                )
                s += w["month"] if ok else w["month_other"]
            if ref is not None:
                for back in c.relative_months:
                    s += w["month"] if _month_back(ref, back) == (p.date.year, p.date.month) else w["month_other"]
            for year in c.years:
                s += w["year"] if p.date.year == year else w["year_other"]
            for place in c.before_places:
                anchors = [q.date for q in self.profiles.values() if place in q.places and q.date and q.id != p.id]
                if anchors:
                    s += w["anchor_before"] if p.date <= min(anchors) else w["anchor_after"]
            for year, month in c.before_months:
                if (p.date.year, p.date.month) > ((year or p.date.year), month):
                    s += w["anchor_after"]
            if ref is not None and p.date > ref:
                s += w["future"]
            elif ref is not None:
                s += w["recent"] / (1.0 + (ref - p.date).days / w["recency_days"])
        for name in c.names:
            if name.lstrip("~") in p.names:
                s += w["name_lower"] if name.startswith("~") else w["name"]
        return s

    def overrule(self, alias_version: str, cues: Cues, ref: dt.date | None) -> str:
        """The version an alias names, unless the words around it clearly name another.

        "Kyiv's Istanbul memorandum": the alias "Istanbul memorandum" belongs to the Russian text, but the
        drafter named beside it fits only the Ukrainian one.
        """
        if alias_version not in self.profiles:
            return alias_version
        best, _, _ = self.resolve(cues, ref, None)
        if best is None or best == alias_version:
            return alias_version
        mine = self.score(self.profiles[alias_version], cues, ref)
        top = self.score(self.profiles[best], cues, ref)
        return best if top - mine >= 2 * self.w["margin"] else alias_version

    def resolve(self, cues: Cues, ref: dt.date | None, salient: str | None) -> tuple[str | None, list[str], bool]:
        """(version or None, the near-tied candidates when None, whether the phrase names a foreign document)."""
        if not self.profiles:
            return None, [], False
        key = (repr(cues), ref, salient)
        got = self._cache.get(key)
        if got is None:
            got = self._resolve(cues, ref, salient)
            if len(self._cache) > 50000:
                self._cache.clear()
            self._cache[key] = got
        return got[0], list(got[1]), got[2]

    def _resolve(self, cues: Cues, ref: dt.date | None, salient: str | None) -> tuple[str | None, list[str], bool]:
        raw = {vid: self.score(p, cues, ref) for vid, p in self.profiles.items()}
        if cues.lineage is None and not cues.fewer_than:
            # a bare "the US draft" is the original, not its revision, when both fit the words
            for vid, p in self.profiles.items():
                if p.revises in raw and raw[p.revises] >= raw[vid] - self.w["margin"]:
                    raw[vid] += self.w["bare_revision"]
        scored = sorted(((sc, vid) for vid, sc in raw.items()), reverse=True)
        best, top = scored[0]
        w = self.w
        if best < w["foreign"]:
            return None, [], True
        near = [vid for sc, vid in scored if sc >= best - w["margin"] + 1e-9]
        if best < w["accept"]:
            return None, near, False
        if len(near) == 1:
            return top, [], False
        if salient in near:
            return salient, [], False
        if ref is not None:
            dated = [(d, v) for v in near if (d := self.profiles[v].date) and d <= ref]
            dated.sort(reverse=True)
            if dated and (len(dated) == 1 or dated[0][0] > dated[1][0]):
                return dated[0][1], [], False
        # last: the version the others answer or revise is what a bare phrase most often means
        # ("the US draft" beside its own revisions and counterproposals)
        ranked = sorted(((len(self.profiles[v].descendants - set(near)), v) for v in near), reverse=True)
        if ranked[0][0] > ranked[1][0]:
            return ranked[0][1], [], False
        return None, sorted(near), False
