"""Generate a seeded pair of large plan versions, and the changes between them.

    python benchmarks/gen_pair.py N OUTDIR [--seed S] [--shape standard|long-summaries|many-evidence]

writes OUTDIR/old.yaml and OUTDIR/new.yaml (plan ids `old` and `new`, so ids
equal the file stems), the articles their quotes cite in OUTDIR/sources/, and
OUTDIR/truth.json: {"added": [...], "dropped": [...], "changed": [...],
"renumbered": [...], "reworded": [...]} — what a correct differ must report
(plandiff calls an edit of our own summary `reworded`; a generic differ sees
it as a change like any other).

Each file holds N provisions. Taxonomy keys are used at most once per file
(there are only ~47); the rest are `custom.<slug>` keys, many with a
record-like mapping value. Every provision has a point, a 15–40-word summary
from a fixed vocabulary, a value valid for its type (most of them), and 1–3
evidence items quoting local articles verbatim, often with an external report
(url source) beside them.

From OLD to NEW, as disjoint sets of provisions: ~5% dropped, ~5% added,
~10% summary reworded, ~5% value changed, ~10% renumbered (point only), and
~10% moved to another position in the file, which is not a change. Everything
else is byte-for-byte the same. At N = 10,000 each file is about 5.5 MB.

Shapes (`--shape`) vary what real plans vary: `standard` is the above;
`long-summaries` has 6–12-sentence summaries (~80–240 words; ~2.5 × the
file size); `many-evidence` has 6–12 quoted evidence items per provision.

`plandiff check OUTDIR` passes on the result (the files are valid plans and
every quote occurs in its article).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import yaml

from plandiff.taxonomy import DURATION_UNITS, default_taxonomy

# ---------------------------------------------------------------- vocabulary
WORDS = """
agreement ceasefire withdrawal guarantee sovereignty territory border line contact zone buffer
monitoring mission observers inspection verification commission committee council parties signatories
Ukraine Russia Europe United States allies partners government parliament president ministers envoys
forces troops personnel units brigades artillery missiles drones aircraft vessels fleet ports grain
corridor shipping navigation river coast bridge railway pipeline gas power plant grid energy facilities
sanctions assets funds reconstruction investment loans credits compensation reparations trade tariffs
exports imports markets customs duties licences banks reserves bonds budget payments instalments
elections referendum constitution amendment law statute treaty protocol annex clause article provision
prisoners exchange civilians children families detainees refugees displaced persons returns amnesty
language religion churches schools media minorities rights freedoms protections tolerance education
humanitarian relief aid convoys medicine food water shelter winter reconstruction housing hospitals
nuclear reactor safety inspectors agency supervision output electricity cooling fuel storage
neutrality alliance membership accession enlargement stationing deployment exercises bases airfields
negotiations talks rounds summit leaders delegation mediator facilitator framework roadmap timetable
deadline phase stage period months days years weeks schedule sequence review extension renewal
shall must may will should agree undertake commit confirm recognise respect ensure guarantee restore
establish create maintain suspend lift reduce limit cap freeze withdraw return release exchange
monitor verify report notify consult review approve ratify sign implement enforce resolve settle
within after before during until upon following pending subject pursuant according under across
each both either all any every other further additional remaining relevant respective mutual joint
immediate gradual full partial permanent temporary interim provisional binding voluntary conditional
national regional international bilateral multilateral independent neutral civilian military economic
eastern southern western northern occupied liberated frontline adjacent coastal rural urban
and or the of to in on for with by from as at between without against among towards
""".split()
FUNCTION_WORDS = set("and or the of to in on for with by from as at between without against among towards".split())
CONTENT_WORDS = [w for w in WORDS if w not in FUNCTION_WORDS]
OUTLETS = [
    "Reuters",
    "AP",
    "AFP",
    "Axios",
    "Politico",
    "Kyiv Independent",
    "Meduza",
    "BBC",
    "Le Monde",
    "FAZ",
    "El Pais",
    "Ukrainska Pravda",
    "Interfax",
    "TASS",
    "Financial Times",
    "The Guardian",
    "NYT",
    "WSJ",
    "Bloomberg",
    "Der Spiegel",
    "Corriere",
    "NOS",
    "Yle",
    "Rzeczpospolita",
    "Kommersant",
]
N_ARTICLES = 8
ARTICLE_BYTES = 40_000  # about 320 KB of articles in all
N_EXTERNAL = 60


def sentence(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    words = []
    for i in range(n):
        pool = FUNCTION_WORDS_LIST if (i % 3 == 2 and rng.random() < 0.6) else CONTENT_WORDS
        words.append(rng.choice(pool))
    text = " ".join(words)
    if n > 12 and rng.random() < 0.5:  # a comma somewhere in the middle
        cut = text.find(" ", len(text) // 2)
        text = text[:cut] + "," + text[cut:]
    return text[0].upper() + text[1:] + "."


FUNCTION_WORDS_LIST = sorted(FUNCTION_WORDS)


# ---------------------------------------------------------------- articles
def make_articles(rng: random.Random) -> list[tuple[str, str, list[str]]]:
    """(source id, file name, sentences) per article; the text is the sentences in paragraphs."""
    out = []
    for i in range(N_ARTICLES):
        sents: list[str] = []
        size = 0
        while size < ARTICLE_BYTES:
            s = sentence(rng, 10, 28)
            sents.append(s)
            size += len(s) + 1
        out.append((f"art{i:02d}", f"sources/article_{i:02d}.txt", sents))
    return out


def write_article(path: Path, title: str, sents: list[str], rng: random.Random) -> None:
    paras, i = [], 0
    while i < len(sents):
        k = rng.randint(3, 7)
        paras.append(" ".join(sents[i : i + k]))
        i += k
    path.write_text(title + "\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8")


def quote_from(rng: random.Random, sents: list[str]) -> str:
    """A verbatim run of 5–12 words from one sentence of the article."""
    words = rng.choice(sents).split(" ")
    n = min(len(words), rng.randint(5, 12))
    start = rng.randint(0, len(words) - n)
    return " ".join(words[start : start + n])


# ---------------------------------------------------------------- values
def slug(rng: random.Random, n: int) -> str:
    return "-".join(rng.choice(CONTENT_WORDS).lower() for _ in range(n))


def value_for(spec: dict, rng: random.Random, depth: int = 0):
    kind = spec["type"]
    if kind == "enum":
        vals = spec["values"]
        if spec.get("multiple") and len(vals) > 1 and rng.random() < 0.3:
            return rng.sample(vals, 2)
        return rng.choice(vals)
    if kind == "count":
        if spec["specials"] and rng.random() < 0.1:
            return rng.choice(spec["specials"])
        v = {spec["unit"]: rng.randrange(1000, 1_000_000, 1000)}
        if spec["scopes"] and rng.random() < 0.7:
            v["scope"] = rng.choice(spec["scopes"])
        return v
    if kind == "set":
        return rng.sample(CONTENT_WORDS, rng.randint(1, 4))
    if kind == "bool":
        return rng.random() < 0.5
    if kind == "integer":
        return rng.randint(1, 500)
    if kind == "number":
        return round(rng.uniform(0, 100), 1)
    if kind == "text":
        return " ".join(rng.choice(CONTENT_WORDS) for _ in range(rng.randint(2, 6)))
    if kind == "date":
        return f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "money":
        return {"amount": rng.randrange(1, 500) * 10 ** rng.choice((6, 9)), "currency": rng.choice(["USD", "EUR"])}
    if kind == "duration":
        d = {rng.choice(DURATION_UNITS): rng.randint(1, 30)}
        if rng.random() < 0.3:
            d["extendable"] = rng.random() < 0.5
        return d
    if kind == "record":
        fields = list(spec["fields"])
        chosen = rng.sample(fields, rng.randint(1, len(fields)))
        return {f: value_for(spec["fields"][f], rng, depth + 1) for f in fields if f in chosen}
    raise ValueError(kind)


CUSTOM_FIELDS = [
    "party",
    "deadline_days",
    "conditions",
    "binding",
    "monitor",
    "phase",
    "scope",
    "amount_musd",
    "region",
    "review_after_months",
    "lead",
    "mechanism",
]


def custom_value(rng: random.Random):
    r = rng.random()
    if r < 0.6:  # record-like mapping
        names = rng.sample(CUSTOM_FIELDS, rng.randint(2, 4))
        out = {}
        for name in names:
            if name in ("deadline_days", "review_after_months", "amount_musd"):
                out[name] = rng.randint(1, 900)
            elif name == "binding":
                out[name] = rng.random() < 0.5
            elif name == "conditions":
                out[name] = rng.sample(CONTENT_WORDS, rng.randint(1, 3))
            else:
                out[name] = " ".join(rng.choice(CONTENT_WORDS) for _ in range(rng.randint(1, 3)))
        return out
    if r < 0.75:
        return rng.choice(["agreed", "proposed", "deferred", "unresolved", "conditional"])
    if r < 0.85:
        return rng.randint(1, 10_000)
    if r < 0.95:
        return rng.sample(CONTENT_WORDS, rng.randint(2, 4))
    return rng.random() < 0.5


def changed_value(old, make, rng: random.Random):
    for _ in range(50):
        v = make()
        if v != old:
            return v
    return None


# ---------------------------------------------------------------- shapes
# What varies between shapes: sentences per summary, and quoted evidence items per provision.
SHAPES = {
    "standard": {"summary_sentences": (2, 2), "quotes": (1, 1, 2, 2, 3)},  # ~15–40 words, 1–3 quotes
    "long-summaries": {"summary_sentences": (6, 12), "quotes": (1, 1, 2, 2, 3)},  # ~80–240 words
    "many-evidence": {"summary_sentences": (2, 2), "quotes": (6, 8, 10, 12)},  # 6–12 quotes
}


# ---------------------------------------------------------------- provisions
def make_provision(
    key: str, point, spec: dict | None, rng: random.Random, articles, externals, shape: dict = SHAPES["standard"]
) -> dict:
    lo, hi = shape["summary_sentences"]
    p: dict = {"point": point, "summary": " ".join(sentence(rng, 8, 20) for _ in range(rng.randint(lo, hi)))}
    if rng.random() < 0.96:
        p["value"] = value_for(spec, rng) if spec is not None else custom_value(rng)
    ev = []
    for _ in range(rng.choice(shape["quotes"])):
        sid, _, sents = rng.choice(articles)
        ev.append({"source": sid, "quote": quote_from(rng, sents)})
    if rng.random() < 0.6:
        e = {"source": rng.choice(externals)["id"]}
        if rng.random() < 0.3:
            e["note"] = " ".join(rng.choice(CONTENT_WORDS) for _ in range(rng.randint(3, 8)))
        ev.append(e)
    p["evidence"] = ev
    return p


def edit_summary(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(1, len(words) - 1)
        op = rng.random()
        if op < 0.5:
            words[i] = rng.choice(CONTENT_WORDS)
        elif op < 0.75:
            words.insert(i, rng.choice(CONTENT_WORDS))
        elif len(words) > 16:
            del words[i]
    out = " ".join(words)
    return out if out != text else out + " further"


def generate(n: int, seed: int = 0, shape: str = "standard") -> tuple[dict, dict, dict, list, dict]:
    rng = random.Random(seed)
    form = SHAPES[shape]
    tax = default_taxonomy()
    articles = make_articles(rng)
    externals = [
        {
            "id": f"ext{i:02d}",
            "url": f"https://news.example.org/{slug(rng, 3)}-{i}",
            "outlet": OUTLETS[i % len(OUTLETS)],
        }
        for i in range(N_EXTERNAL)
    ]
    for e in externals[::3]:
        e["title"] = sentence(rng, 5, 10)[:-1]
    sources = [{"id": sid, "file": f} for sid, f, _ in articles] + externals

    n_drop, n_add = round(n * 0.05), round(n * 0.05)
    n_sum, n_val = round(n * 0.10), round(n * 0.05)
    n_ren, n_move = round(n * 0.10), round(n * 0.10)

    tax_keys = list(tax.provisions)
    rng.shuffle(tax_keys)
    reserve = tax_keys[: min(5, n_add)]  # taxonomy keys that only NEW uses
    old_tax = tax_keys[len(reserve) :][:n]
    used_slugs: set[str] = set()

    def custom_key() -> str:
        while True:
            s = f"custom.{slug(rng, 2)}-{rng.randrange(100000):05d}"
            if s not in used_slugs:
                used_slugs.add(s)
                return s

    old_keys = old_tax + [custom_key() for _ in range(n - len(old_tax))]
    rng.shuffle(old_keys)

    def spec_of(key: str) -> dict | None:
        t = tax.provisions.get(key)
        return t.value if t is not None else None

    old: dict[str, dict] = {}
    for i, key in enumerate(old_keys):
        point = i + 1 if rng.random() > 0.03 else f"{i + 1}a"
        old[key] = make_provision(key, point, spec_of(key), rng, articles, externals, form)

    # --- disjoint edit sets
    pool = list(old_keys)
    rng.shuffle(pool)

    def can_change_value(k: str) -> bool:
        if "value" not in old[k]:
            return False
        spec = spec_of(k)
        if spec is None:
            return True
        return not (spec["type"] == "enum" and len(spec["values"]) == 1)

    dropped = pool[:n_drop]
    rest = pool[n_drop:]
    value_keys = [k for k in rest if can_change_value(k)][:n_val]
    rest = [k for k in rest if k not in set(value_keys)]
    summary_keys, rest = rest[:n_sum], rest[n_sum:]
    renumbered, rest = rest[:n_ren], rest[n_ren:]
    moved = rest[:n_move]

    new: dict[str, dict] = {k: json.loads(json.dumps(v)) for k, v in old.items() if k not in set(dropped)}
    for k in summary_keys:
        new[k]["summary"] = edit_summary(old[k]["summary"], rng)
    for k in value_keys:
        spec = spec_of(k)
        make = (lambda s=spec: value_for(s, rng)) if spec is not None else (lambda: custom_value(rng))
        v = changed_value(old[k]["value"], make, rng)
        assert v is not None, k
        new[k]["value"] = v
    for k in renumbered:
        p = old[k]["point"]
        base = int(str(p).rstrip("a"))
        new[k]["point"] = base + rng.randint(1, 5) if isinstance(p, int) else base + 1

    order = [k for k in old_keys if k in new]
    for k in moved:
        i = order.index(k)
        order.pop(i)
        j = i
        while abs(j - i) < 2:
            j = rng.randrange(len(order) + 1)
        order.insert(j, k)
    added = reserve + [custom_key() for _ in range(n_add - len(reserve))]
    for k in added:
        new[k] = make_provision(k, n + 1 + rng.randrange(n), spec_of(k), rng, articles, externals, form)
        order.insert(rng.randrange(len(order) + 1), k)

    def plan(pid: str, provs: dict, keys: list[str], **header) -> dict:
        # A full text (coverage: full-text, citing the first article as its publisher): a key the plan lacks is not
        # held, so the truth's dropped/added keys read as dropped/added (under the default, partial, as unreported).
        return {
            "schema": "plandiff/1",
            "id": pid,
            "title": f"Synthetic benchmark plan {pid} ({len(keys)} provisions)",
            **header,
            "coverage": "full-text",
            "coverage_source": sources[0]["id"],
            "sources": sources,
            "provisions": {k: provs[k] for k in keys},
        }

    old_doc = plan(
        "old", old, old_keys, date="2025-11-20", drafted_by=["United States"], status="leaked-draft", point_count=n
    )
    new_doc = plan(
        "new",
        new,
        order,
        date="2025-11-30",
        drafted_by=["United States", "Ukraine"],
        status="revised-draft",
        revises="old",
        point_count=n,
    )
    truth = {
        "added": sorted(added),
        "dropped": sorted(dropped),
        "changed": sorted(value_keys),
        "renumbered": sorted(renumbered),
        "reworded": sorted(summary_keys),
    }
    extra = {"summary_edits": sorted(summary_keys), "value_edits": sorted(value_keys), "moved_only": sorted(moved)}
    return old_doc, new_doc, truth, articles, extra


def dump(doc: dict) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return "# Generated by benchmarks/gen_pair.py; not a real plan.\n" + yaml.dump(
        doc, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


def write_pair(n: int, outdir: str | Path, seed: int = 0, shape: str = "standard") -> dict:
    out = Path(outdir)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    old_doc, new_doc, truth, articles, extra = generate(n, seed, shape)
    rng = random.Random(seed + 1)
    for sid, f, sents in articles:
        write_article(out / f, f"Article {sid}: {sentence(rng, 4, 8)}", sents, rng)
    (out / "old.yaml").write_text(dump(old_doc), encoding="utf-8")
    (out / "new.yaml").write_text(dump(new_doc), encoding="utf-8")
    (out / "truth.json").write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    (out / "params.json").write_text(
        json.dumps({"n": n, "seed": seed, "shape": shape, **extra}, indent=1) + "\n", encoding="utf-8"
    )
    return truth


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="provisions per file")
    ap.add_argument("outdir")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        default="standard",
        help="standard; long-summaries (6–12 sentences); many-evidence (6–12 quotes per provision)",
    )
    args = ap.parse_args(argv)
    truth = write_pair(args.n, args.outdir, args.seed, args.shape)
    out = Path(args.outdir)
    sizes = {f: (out / f).stat().st_size for f in ("old.yaml", "new.yaml")}
    src = sum(p.stat().st_size for p in (out / "sources").iterdir())
    print(
        f"{out}: old.yaml {sizes['old.yaml'] / 1e6:.2f} MB, new.yaml {sizes['new.yaml'] / 1e6:.2f} MB, "
        f"sources {src / 1e3:.0f} KB; " + ", ".join(f"{k} {len(v)}" for k, v in truth.items()),
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
