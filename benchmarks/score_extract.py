"""Precision and recall of `plandiff extract` on the development set, overall and per error class.

    python benchmarks/score_extract.py              # the dev set (tests/extract_gold/dev.yaml)
    python benchmarks/score_extract.py --misses     # …and every wrong or missed claim
    python benchmarks/score_extract.py --style wire # one style only
    python benchmarks/score_extract.py --set heldout  # the held-out set (tests/extract_gold/heldout.yaml)
    python benchmarks/score_extract.py --set fresh    # the second reviewer's set (tests/extract_gold/fresh.yaml)
    python benchmarks/score_extract.py --set blind --half even  # the blind set's unseen half
    python benchmarks/score_extract.py --set blind2   # the second blind set (nobody has tuned to it)

Each paragraph of the dev set is extracted on its own (with its `date` as
the article's date), against the plan files in plans/.
The claims of a paragraph are paired with its gold claims by provision (the
pair agreeing on most fields first). Then:

* overall: a claim is right when version, provision, stance and value all
  match — precision = right / claims made, recall = right / gold claims;
* per class, one field at a time: `provision` (the claim is paired at all),
  `version`, `stance`, `value` — precision = claims with that field right /
  claims made, recall = gold claims with that field matched / gold claims.

So a claim with the wrong version lowers version precision but not value
precision, and the per-class figures say which stage to improve.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEV = REPO / "tests" / "extract_gold" / "dev.yaml"
HELDOUT = REPO / "tests" / "extract_gold" / "heldout.yaml"
FRESH = REPO / "tests" / "extract_gold" / "fresh.yaml"
BLIND = REPO / "tests" / "extract_gold" / "blind.yaml"
BLIND2 = REPO / "tests" / "extract_gold" / "blind2.yaml"
SETS = {"dev": DEV, "heldout": HELDOUT, "fresh": FRESH, "blind": BLIND, "blind2": BLIND2}
CLASSES = ("provision", "version", "stance", "value")


def load_dev(path: Path = DEV) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["paragraphs"]


def half(paras: list[dict], which: str) -> list[dict]:
    """The odd- or even-numbered paragraphs of a set whose ids end in a number (bl-1, bl-2, …)."""
    rest = 1 if which == "odd" else 0
    return [p for p in paras if int(p["id"].rsplit("-", 1)[1]) % 2 == rest]


def context(plans: Path = REPO / "plans") -> dict:
    from plandiff.extract import plan_context

    return plan_context(plans)


@dataclass
class Score:
    claims: int = 0
    gold: int = 0
    right: int = 0
    field_claims: dict = field(default_factory=lambda: {c: 0 for c in CLASSES})
    field_gold: dict = field(default_factory=lambda: {c: 0 for c in CLASSES})
    misses: list = field(default_factory=list)

    def precision(self, cls: str | None = None) -> float:
        n = self.right if cls is None else self.field_claims[cls]
        return n / self.claims if self.claims else 1.0

    def recall(self, cls: str | None = None) -> float:
        n = self.right if cls is None else self.field_gold[cls]
        return n / self.gold if self.gold else 1.0


def _norm(value):
    """Lists are sets here: ["Sumy", "Kharkiv"] equals ["Kharkiv", "Sumy"]; and a one-member list is its member,
    as the taxonomy's multi-valued enums take "withdrawal" and ["withdrawal"] alike."""
    if isinstance(value, list) and len(value) == 1 and not isinstance(value[0], (list, dict)):
        return value[0]
    if isinstance(value, list):
        return sorted((_norm(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _fields(pred, gold) -> dict:
    return {
        "provision": True,
        "version": pred.plan == gold[0],
        "stance": pred.stance == gold[2],
        "value": _norm(pred.value) == _norm(gold[3]),
    }


def score_paragraph(ex, para: dict, sc: Score) -> None:
    date = para.get("date")
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    claims = ex.extract(para["text"], para["id"], date=date)
    gold = [tuple(g) for g in para.get("claims") or ()]
    sc.claims += len(claims)
    sc.gold += len(gold)
    pairs = []
    for i, c in enumerate(claims):
        for j, g in enumerate(gold):
            if c.provision == g[1]:
                f = _fields(c, g)
                pairs.append((-sum(f.values()), i, j, f))
    pairs.sort(key=lambda p: p[:3])
    used_c, used_g = set(), set()
    for _, i, j, f in pairs:
        if i in used_c or j in used_g:
            continue
        used_c.add(i)
        used_g.add(j)
        for cls, ok in f.items():
            if ok:
                sc.field_claims[cls] += 1
                sc.field_gold[cls] += 1
        if all(f.values()):
            sc.right += 1
        else:
            c = claims[i]
            wrong = [cls for cls, ok in f.items() if not ok]
            sc.misses.append(
                f"{para['id']}: wrong {'/'.join(wrong)}: got {c.plan} {c.provision} {c.stance} "
                f'{c.value!r}, gold {gold[j]}  "{c.quote}"'
            )
    for i, c in enumerate(claims):
        if i not in used_c:
            sc.misses.append(f'{para["id"]}: extra: {c.plan} {c.provision} {c.stance} {c.value!r}  "{c.quote}"')
    for j, g in enumerate(gold):
        if j not in used_g:
            sc.misses.append(f"{para['id']}: missed: {g}")


def score(paragraphs: list[dict] | None = None, ex=None, style: str | None = None) -> Score:
    from plandiff.extract import extractor_for

    ex = ex or extractor_for(context())
    sc = Score()
    for para in paragraphs if paragraphs is not None else load_dev():
        if style and para.get("style") != style:
            continue
        score_paragraph(ex, para, sc)
    return sc


def report(sc: Score, title: str) -> str:
    lines = [
        f"{title}: {sc.claims} claims made, {sc.gold} gold claims",
        f"  overall    precision {sc.precision():.2f}  recall {sc.recall():.2f}",
    ]
    for cls in CLASSES:
        lines.append(f"  {cls:<10} precision {sc.precision(cls):.2f}  recall {sc.recall(cls):.2f}")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--misses", action="store_true", help="list every wrong, extra or missed claim")
    ap.add_argument("--style", help="score one style only (wire, explainer, list, qa, opinion, translated, headline)")
    ap.add_argument(
        "--set",
        dest="which",
        choices=sorted(SETS),
        default="dev",
        help="the development set (default), the held-out set or the fresh set",
    )
    ap.add_argument("--file", type=Path, help="score a set in this file instead (same format as dev.yaml)")
    ap.add_argument("--half", choices=("odd", "even"), help="only the odd- or even-numbered paragraphs (blind set)")
    args = ap.parse_args(argv)
    from plandiff.extract import extractor_for

    ex = extractor_for(context())
    paras = load_dev(args.file or SETS[args.which])
    name = str(args.file) if args.file else f"{args.which} set"
    if args.half:
        paras = half(paras, args.half)
        name += f", {args.half} half"
    sc = score(paras, ex, args.style)
    print(report(sc, f"{name} ({args.style or 'all styles'}, {len(paras)} paragraphs)"))
    if not args.style:
        for style in sorted({p["style"] for p in paras}):
            s = score(paras, ex, style)
            print(
                f"  style {style:<11} precision {s.precision():.2f}  recall {s.recall():.2f}  "
                f"({s.claims} claims, {s.gold} gold)"
            )
    if args.misses:
        for line in sc.misses:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
