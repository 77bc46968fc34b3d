"""Regenerate the README screenshot of the comparison page (and a few views to review by eye).

    python -m tests.support.browser.shots               # docs/img/compare-us-28-point-e3-counterproposal.png
    python -m tests.support.browser.shots --review DIR  # also index, provision pages, dark, narrow, print → DIR

(run from the repository root; `python -m tests.support.browser.shots` works too)

Uses the same headless Chromium as the browser tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the checkout importable as `tests.…`
    sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from tests.support.browser import harness  # noqa: E402
from tests.support.paths import REPO  # noqa: E402

README_SHOT = REPO / "docs" / "img" / "compare-us-28-point-e3-counterproposal.png"
MAIN = "compare/us-28-point.vs.e3-counterproposal.html"


def build(out: Path) -> None:
    from plandiff.load import load_corpus
    from plandiff.render.html import Site, write_site

    corpus = load_corpus([REPO / "plans"], verify_quotes=False)
    if not corpus.ok:
        sys.exit("shots: the plans do not load cleanly; run `plandiff check` first")
    write_site(Site(list(corpus.plans.values())), out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--review", type=Path, help="also write review screenshots into this directory")
    args = ap.parse_args(argv)
    pw, browser = harness.launch()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"
            build(site)
            url = (site / MAIN).as_uri()
            ctx = browser.new_context(
                viewport={"width": 1280, "height": 1400}, device_scale_factor=1, color_scheme="light"
            )
            page = ctx.new_page()
            page.goto(url)
            README_SHOT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(README_SHOT))
            print(f"wrote {README_SHOT.relative_to(REPO)}")
            if args.review:
                out = args.review
                out.mkdir(parents=True, exist_ok=True)
                shots = [
                    ("index", "index.html", {}),
                    ("troop-cap", "provisions/military.troop_cap.html", {}),
                    ("guarantee", "provisions/security.guarantee.html", {}),
                    ("nato", "provisions/nato.accession.html", {}),
                    ("donetsk", "provisions/territory.donetsk.html", {}),
                    ("us-ua", "compare/us-28-point.vs.ua-20-point.html", {}),
                    ("matrix", "matrix.html", {}),
                    ("article", "sources/000_77f2589223732236.html", {}),
                    ("main-dark", MAIN, {"color_scheme": "dark"}),
                    ("main-narrow", MAIN, {"viewport": {"width": 400, "height": 860}}),
                ]
                for name, rel, opts in shots:
                    c = browser.new_context(**{"viewport": {"width": 1280, "height": 860}, **opts})
                    p = c.new_page()
                    p.goto((site / rel).as_uri())
                    p.screenshot(path=str(out / f"{name}.png"), full_page=name not in ("main-dark", "main-narrow"))
                    c.close()
                page.emulate_media(media="print")
                page.pdf(path=str(out / "main-print.pdf"))
                print(f"wrote review screenshots to {out}")
    finally:
        browser.close()
        pw.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
