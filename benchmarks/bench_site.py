"""How long does `plandiff site plans/ -o DIR` take, start to finish? Target: under 2 seconds.

What a person waits for is the whole process: interpreter start-up, imports
(click, PyYAML, lxml), loading and checking the plans, diffing each pair,
building every page as an lxml tree, serialising and writing it. So each run
is a fresh `python -m plandiff site` process writing into a fresh directory,
timed by wall clock; the median of the runs is compared with the target.
A second, in-process run splits the time into phases.

    python benchmarks/bench_site.py              # markdown table
    python benchmarks/bench_site.py --json       # the same numbers as JSON
    python benchmarks/bench_site.py --reps 20 --pair us-28-point:ua-20-point

Bytecode is cached in a private PYTHONPYCACHEPREFIX tree (nothing is written
into the checkout), as it is in any installed copy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_S = 2.0


def run_site(plans: str, pairs: list[str], env: dict) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "plandiff", "site", plans, "-o", str(Path(tmp) / "site")]
        for p in pairs:
            cmd += ["--pair", p]
        t = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO, env=env)
        return time.perf_counter() - t, proc.returncode


def measure(plans: str, pairs: list[str], reps: int, warmup: int) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
        _, rc = run_site(plans, pairs, env)
        if rc != 0:
            sys.exit(f"bench_site: `plandiff site {plans}` exited {rc}; the plans must load cleanly")
        for _ in range(warmup):
            run_site(plans, pairs, env)
        times = [run_site(plans, pairs, env)[0] for _ in range(reps)]
        phases = json.loads(
            subprocess.run(
                [sys.executable, "-m", "benchmarks._site_phases", plans, *pairs],
                capture_output=True,
                text=True,
                cwd=REPO,
                env=env,
                check=True,
            ).stdout
        )
    med = statistics.median(times)
    return {
        "benchmark": "plandiff site (whole static site, fresh process)",
        "target": f"median wall time < {TARGET_S:g} s",
        "meets_target": med < TARGET_S,
        "median_s": med,
        "min_s": min(times),
        "max_s": max(times),
        "stdev_s": statistics.stdev(times) if reps > 1 else 0.0,
        "reps": reps,
        "warmup": warmup,
        "plans": plans,
        "pairs": pairs,
        "pages": phases["pages"],
        "bytes": phases["bytes"],
        "phases_s": phases["phases"],
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
    }


def markdown(r: dict) -> str:
    lines = [
        f"## {r['benchmark']}",
        "",
        f"Target: {r['target']} — **{'met' if r['meets_target'] else 'NOT met'}**",
        "",
        "| median | min | max | stdev | pages | size |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {r['median_s']:.3f} s | {r['min_s']:.3f} s | {r['max_s']:.3f} s | {r['stdev_s'] * 1000:.0f} ms "
        f"| {r['pages']} | {r['bytes'] / 1024:.0f} KiB |",
        "",
        "In-process phases (one run):",
        "",
        "| phase | time |",
        "|---|---:|",
    ]
    lines += [f"| {name} | {secs * 1000:.0f} ms |" for name, secs in r["phases_s"].items()]
    m = r["machine"]
    lines += [
        "",
        f"{r['reps']} runs after {r['warmup']} warm-up; Python {m['python']} on {m['platform']}, {m['cpus']} CPUs.",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", default="plans")
    ap.add_argument("--pair", action="append", default=[], help="OLD:NEW, as for `plandiff site --pair`")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    result = measure(args.plans, args.pair, args.reps, args.warmup)
    print(json.dumps(result, indent=2) if args.json else markdown(result), end="" if not args.json else "\n")
    return 0 if result["meets_target"] else 1


if __name__ == "__main__":
    sys.exit(main())
