"""Throughput of `plandiff extract` end to end: JSON Lines of HTML pages in, claims out.

The corpus is built from the five articles in plans/sources/: each page is
an article with its sentences shuffled within paragraphs and its numbers
varied, wrapped in typical page furniture (navigation, scripts, a newsletter
banner, share links, a related-stories sidebar, a footer). Every page goes
through the same path as `plandiff extract corpus.jsonl`: JSON parsing, lxml
HTML parsing and boilerplate removal, extraction, and JSON serialisation of
the claims, in worker processes fed by chunked `imap`.

    python benchmarks/bench_extract.py            # ~20 MB of HTML, 1 and 2 jobs
    python benchmarks/bench_extract.py --mb 5 --jobs 1 2 4

Targets: >= 2 MB/s of article text per core, and >= 1.7x the one-core
throughput on two cores. Both the HTML bytes read and the article text left
after boilerplate removal are reported; the target is checked on the text.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

FURNITURE_HEAD = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<script>window.dataLayer=window.dataLayer||[];function gtag(){{dataLayer.push(arguments)}}gtag('js',new Date());</script>
<style>body{{font-family:serif}} .nav a{{margin:0 4px}} .share-links li{{display:inline}}</style></head><body>
<header class="site-header"><nav class="nav main-menu"><a href="/">Home</a><a href="/world">World</a>
<a href="/europe">Europe</a><a href="/politics">Politics</a><a href="/opinion">Opinion</a></nav></header>
<div class="newsletter-signup">Sign up for our daily briefing: the news that matters, in your inbox.</div>
<main><article><h1>{title}</h1><ul class="share-links"><li>Share on Facebook</li><li>Tweet</li><li>Email</li></ul>
"""
FURNITURE_TAIL = """</article><aside class="related"><h2>Related</h2><ul><li>Markets rally as talks resume</li>
<li>What the 28-point plan says, in 60 seconds</li><li>Opinion: the price of peace</li></ul></aside></main>
<footer class="site-footer"><p>© 2025 Example News. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
<script>(function(){{var s=document.createElement('script');s.src='/ads.js';document.body.appendChild(s)}})();</script>
</body></html>"""


def vary(text: str, rng: random.Random) -> str:
    paras = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    out = []
    for p in paras:
        sents = re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", p.strip())
        if len(sents) > 2 and rng.random() < 0.5:
            rng.shuffle(sents)
        p = " ".join(sents)
        p = re.sub(
            r"\d+",
            lambda m: (
                str(max(1, int(m.group()) + rng.choice((-2, -1, 0, 0, 1, 2)))) if rng.random() < 0.3 else m.group()
            ),
            p,
        )
        out.append(p)
    rng.shuffle(out) if rng.random() < 0.3 else None
    return "\n".join(f"<p>{p}</p>" for p in out)


def build_corpus(path: Path, megabytes: float, seed: int = 7) -> tuple[int, int]:
    rng = random.Random(seed)
    articles = [f.read_text(encoding="utf-8") for f in sorted((REPO / "plans" / "sources").glob("*.txt"))]
    size = docs = 0
    with open(path, "w", encoding="utf-8") as fh:
        while size < megabytes * 1e6:
            body = vary(rng.choice(articles), rng)
            html = FURNITURE_HEAD.format(title=f"Peace talks, day {docs}") + body + FURNITURE_TAIL.format()
            line = json.dumps({"id": f"bench-{docs}", "html": html}, ensure_ascii=False)
            fh.write(line + "\n")
            size += len(line.encode("utf-8"))
            docs += 1
    return docs, size


def run(path: Path, jobs: int) -> tuple[float, int, int, int]:
    from plandiff.extract import plan_context
    from plandiff.extract.stream import expand_inputs, iter_items
    from plandiff.extract.stream import run as run_items

    ctx = plan_context(REPO / "plans")
    items = list(iter_items(expand_inputs([str(path)])))
    import resource

    def cpu() -> tuple[float, float]:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime

    c0, t0 = cpu(), time.perf_counter()
    text_bytes = claims = 0
    for nbytes, lines, error, _note in run_items(items, ctx, jobs, chunksize=8):
        assert error is None, error
        text_bytes += nbytes
        claims += len(lines)
    c1 = cpu()
    return time.perf_counter() - t0, text_bytes, claims, len(items), (c1[0] - c0[0], c1[1] - c0[1])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=20.0, help="size of the generated JSON Lines corpus in MB")
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        docs, size = build_corpus(path, args.mb)
        print(f"corpus: {docs} pages, {size / 1e6:.1f} MB of JSON Lines (HTML)")
        base = None
        ok = True
        for jobs in args.jobs:
            secs, text_bytes, claims, n, (parent, workers) = run(path, jobs)
            cpu = parent + workers
            html_rate, text_rate = size / secs / 1e6, text_bytes / secs / 1e6
            line = (
                f"jobs={jobs}: {secs:.2f} s, {n / secs:.0f} pages/s, {html_rate:.1f} MB/s of HTML, "
                f"{text_rate:.2f} MB/s of article text ({text_rate / jobs:.2f} per core; "
                f"{text_bytes / cpu / 1e6:.2f} MB per CPU-second), {claims} claims"
            )
            if jobs == 1:
                base, base_cpu = text_rate, cpu
                ok &= text_rate >= 2.0
            elif base:
                bound = base_cpu / max(workers / jobs, parent)
                line += (
                    f", speed-up {text_rate / base:.2f}x (CPU: parent {parent:.2f} s, workers {workers:.2f} s; "
                    f"{bound:.2f}x on {jobs} idle cores)"
                )
                if jobs == 2:
                    ok &= text_rate / base >= 1.7
            print(line)
        import os

        load = os.getloadavg()[0]
        if load > 1.5:
            print(
                f"note: load average {load:.1f} on {os.cpu_count()} cores: other processes share the CPU, "
                "so wall-clock rates and the speed-up are understated; MB per CPU-second is not"
            )
        print("targets (>= 2 MB/s text per core, >= 1.7x on 2 cores):", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
