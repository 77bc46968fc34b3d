"""The site as a person sees it, in a real headless Chromium (Debian's /usr/bin/chromium via Playwright).

Every page loads with no console errors, no CSP violations and no request
but its own; every link into a page lands on an element; the filters work
and the page reads the same without scripts; colours keep their contrast in
the light and dark schemes; hostile plan text never runs as script. A
screenshot of the us-28-point → e3-counterproposal page is saved in
test-artifacts/.

No browser means these tests FAIL with the reason. Set PLANDIFF_SKIP_BROWSER=1
to skip them explicitly (for local runs only).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plandiff.diff import diff_plans
from plandiff.load import load_corpus
from plandiff.render.html import Site, render_compare, serialize, write_site
from tests.support.browser import harness
from tests.support.browser.pages import PAYLOADS, hostile_pair, hostile_text, ids_and_links, page_holds_at
from tests.support.paths import REPO

ARTIFACTS = REPO / "test-artifacts"
MAIN_PAGE = "compare/us-28-point.vs.e3-counterproposal.html"


@pytest.fixture(scope="module")
def browser():
    if harness.skip_requested():
        pytest.skip(f"{harness.SKIP_ENV}=1: browser tests skipped on request")
    try:
        pw, b = harness.launch()
    except harness.BrowserUnavailable as exc:
        pytest.fail(f"the HTML browser tests need a headless Chromium: {exc}", pytrace=False)
    yield b
    b.close()
    pw.stop()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    corpus = load_corpus([REPO / "plans"], verify_quotes=False)
    assert corpus.ok, corpus.diagnostics
    root = tmp_path_factory.mktemp("browser-site")
    out = root / "site"
    write_site(Site(list(corpus.plans.values()), events=corpus.events), out)
    (root / "hostile").mkdir()
    with harness.serve(root) as base:
        yield out, base + "site/", root / "hostile", base + "hostile/"


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield ctx
    ctx.close()


def _pages(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)).replace("\\", "/") for p in out.rglob("*.html"))


def test_every_page_loads_cleanly_and_every_link_lands(site, context):
    out, base, _, _ = site
    pages = _pages(out)
    assert len(pages) > 50
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str, str | None]] = []
    problems = []
    tab = harness.Tab(context)
    for rel in pages:
        visit = tab.visit(base + rel)
        problems += [f"{rel}: {p}" for p in visit.problems]
        problems += [f"{rel}: CSP violation {v}" for v in tab.page.evaluate("window.__csp")]
        dom_ids = set(tab.page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)"))
        hrefs = tab.page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'))")
        ids[rel] = dom_ids
        _, page_links = ids_and_links(rel, (out / rel).read_bytes())
        assert len(page_links) == sum(1 for h in hrefs if ":" not in h.split("/")[0]), rel  # DOM = file
        links += [(rel, target, frag) for target, frag in page_links]
    tab.close()
    assert problems == []
    broken = [(src, t, f) for src, t, f in links if t not in ids or (f is not None and f not in ids[t])]
    assert broken == []
    provision_links = [(s, t, f) for s, t, f in links if f and f.startswith(("p-", "v-"))]
    assert len(provision_links) > 200


def kind_radio(kind: str) -> str:
    return f"input[type=radio][name=kind][value={kind}]"


def test_filters(site, context):
    out, base, _, _ = site
    page, visit = harness.open_page(context, base + MAIN_PAGE)
    try:
        assert page.is_visible("#filters")
        rows = page.locator("tr[data-filter-row]")
        total = rows.count()
        dropped = page.locator("tr[data-kind=dropped]").count()
        silent = page.locator("details.silent tr[data-filter-row]").count()  # collapsed until opened
        assert dropped == 6 and total == 39 and silent == 8
        open_rows = total - silent

        def visible_kinds():
            return page.evaluate(
                "[...document.querySelectorAll('tr[data-filter-row]')]"
                ".filter(r => r.checkVisibility()).map(r => r.dataset.kind)"
            )

        page.locator(kind_radio("dropped")).check()
        assert visible_kinds() == ["dropped"] * 6
        assert page.locator("#filter-status").inner_text() == f"6 of {total} shown"
        # a topic with nothing dropped disappears as a whole, heading and all
        assert not page.is_visible("#topic-military")
        page.locator(kind_radio("added")).check()
        assert visible_kinds() == ["added"]
        page.locator(kind_radio("all")).check()
        assert len(visible_kinds()) == open_rows
        page.locator("details.silent > summary").first.click()  # the not-reported group opens
        assert len(visible_kinds()) == total
        assert visible_kinds()[-silent:] == ["unreported"] * silent
        label = page.evaluate("document.querySelector('#kind-dropped').labels[0].textContent")
        assert "dropped" in label  # the control is labelled with the word
        page.get_by_label("Search").fill("troop")
        shown = page.evaluate(
            "[...document.querySelectorAll('tr[data-filter-row]')].filter(r => r.checkVisibility()).map(r => r.id)"
        )
        assert "p-military.troop_cap" in shown and len(shown) < 6
        for rid in shown:
            assert "troop" in page.locator(f"[id='{rid}']").inner_text().lower()
        page.get_by_label("Search").fill("donetsk")
        page.locator(kind_radio("changed")).check()
        shown = page.evaluate(
            "[...document.querySelectorAll('tr[data-filter-row]')].filter(r => r.checkVisibility()).map(r => r.id)"
        )
        assert "p-territory.donetsk" in shown and "p-territory.buffer_zone" not in shown  # dropped, filtered out
        page.get_by_label("Search").fill("")
        page.locator(kind_radio("all")).check()
        assert len(visible_kinds()) == total
        assert visit.problems == []
    finally:
        page.close()
    # the matrix has a search box too
    page, visit = harness.open_page(context, base + "matrix.html")
    try:
        page.get_by_label("Search").fill("nato accession")
        shown = page.evaluate(
            "[...document.querySelectorAll('tr[data-filter-row]')].filter(r => r.checkVisibility()).length"
        )
        assert shown == 1
        assert visit.problems == []
    finally:
        page.close()


def test_reads_the_same_without_scripts(site, browser):
    out, base, _, _ = site
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        page.goto(base + MAIN_PAGE)
        assert not page.is_visible("#filters")  # no dead controls
        visible = page.locator("tr[data-filter-row]:visible").count()
        assert visible == 31  # the provisions one side is silent on stay collapsed
        assert page.locator("#p-military\\.troop_cap").is_visible()
    finally:
        ctx.close()


CONTRAST_JS = """
() => {
  function rgb(s) { const m = s.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
  function lum(c) {
    const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function bg(el) {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0.5) return c;
    }
    return rgb(getComputedStyle(document.documentElement).backgroundColor);
  }
  const out = [];
  const seen = new Set();
  for (const el of document.querySelectorAll('body *')) {
    if (!el.offsetParent && getComputedStyle(el).position !== 'fixed') continue;
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.closest('svg')) continue;
    const fg = rgb(getComputedStyle(el).color), b = bg(el);
    const l1 = lum(fg), l2 = lum(b);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    const key = el.tagName + '.' + el.className + ' ' + fg + ' on ' + b;
    if (ratio < 4.5 && !seen.has(key)) { seen.add(key); out.push(key + ' = ' + ratio.toFixed(2)); }
  }
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_in_both_schemes(site, browser, scheme):
    out, base, _, _ = site
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = ctx.new_page()
        problems = {}
        for rel in (
            MAIN_PAGE,
            "index.html",
            "matrix.html",
            "timeline.html",
            "provisions/military.troop_cap.html",
            "sources/000_77f2589223732236.html",
        ):
            page.goto(base + rel)
            low = page.evaluate(CONTRAST_JS)
            if low:
                problems[rel] = low
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert (background == "rgb(13, 17, 23)") == (scheme == "dark")
        assert problems == {}
    finally:
        ctx.close()


def test_print_stylesheet_hides_controls(site, browser):
    out, base, _, _ = site
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(base + MAIN_PAGE)
        page.emulate_media(media="print")
        assert not page.is_visible("#filters") and not page.is_visible("nav.site-nav")
        assert page.locator("tr[data-filter-row]:visible").count() == 31  # not-reported group stays collapsed
        pdf = page.pdf()  # the whole page lays out for paper
        assert pdf[:4] == b"%PDF" and len(pdf) > 10_000
    finally:
        ctx.close()


def test_timeline_reads_at_420px_without_scripts_and_every_mark_links(site, browser):
    out, base, _, _ = site
    corpus = load_corpus([REPO / "plans"], verify_quotes=False)
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 420, "height": 800})
    try:
        tab = harness.Tab(ctx)
        page = tab.page
        visit = tab.visit(base + "timeline.html")
        assert visit.problems == []
        # the page itself does not overflow: only the picture scrolls, inside its wrapper
        page_holds_at(page, 420, "svg.timeline")
        svg = page.locator("svg.timeline")
        # the picture keeps its own size (it is not shrunk into illegibility)
        box = svg.bounding_box()
        assert box["width"] > 1500
        hrefs = page.evaluate("[...document.querySelectorAll('svg.timeline a')].map(a => a.getAttribute('href'))")
        want = {f"index.html#v-{p}" for p in corpus.plans} | {f"#e-{e.id}" for e in corpus.events}
        assert set(hrefs) == want and len(hrefs) == len(want)
        # lineage arrows: one per revises / responds_to
        arrows = page.locator("svg.timeline path.edge").count()
        assert arrows == sum((p.revises is not None) + (p.responds_to is not None) for p in corpus.plans.values())
        # the chronology holds every mark and is readable at this width
        rows = page.locator("table.chronology tbody tr")
        assert rows.count() == len(want)
        event = corpus.events[0]
        page.goto(base + f"timeline.html#e-{event.id}")
        assert page.locator(f"[id='e-{event.id}']").is_visible()
        assert event.sources[0].outlet in page.locator(f"[id='e-{event.id}']").inner_text()
        page.goto(base + "index.html#v-paris-declaration")
        assert page.locator("#v-paris-declaration").is_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        page.goto(base + "timeline.html")
        page.screenshot(path=str(ARTIFACTS / "timeline-420.png"), full_page=True)
        tab.close()
    finally:
        ctx.close()


def test_lineage_diagram_reads_at_420px_every_id_fits_and_every_box_links(site, browser):
    out, base, _, _ = site
    corpus = load_corpus([REPO / "plans"], verify_quotes=False)
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 420, "height": 800})
    try:
        tab = harness.Tab(ctx)
        page = tab.page
        visit = tab.visit(base + "index.html")
        assert visit.problems == []  # no request but the page's own, no console error or CSP violation
        page_holds_at(page, 420, "svg.lineage")
        svg = page.locator("svg.lineage")
        # drawn at its own size, not shrunk: the ids stay at 12px
        assert abs(svg.bounding_box()["width"] - float(svg.get_attribute("width"))) < 1
        # every id, measured in the real font, fits inside its box with room on both sides
        boxes = page.evaluate("""[...document.querySelectorAll('svg.lineage rect.node')].map(r => {
            const t = r.parentElement.querySelector('text');
            const b = t.getBBox();
            return {id: t.textContent, x: r.x.baseVal.value, w: r.width.baseVal.value,
                    tx: b.x, tw: t.getComputedTextLength(), size: getComputedStyle(t).fontSize,
                    href: r.closest('a') && r.closest('a').getAttribute('href')};
        })""")
        assert sorted(b["id"] for b in boxes) == sorted(corpus.plans)
        for b in boxes:
            assert b["size"] == "12px"
            assert b["x"] + 4 <= b["tx"] and b["tx"] + b["tw"] + 4 <= b["x"] + b["w"], b
            assert b["href"] == f"#v-{b['id']}"
        # each box's link lands on its version's row
        for pid in ("us-28-point", "ua-istanbul-memorandum", "us-guarantee-draft-nov2025"):
            page.locator(f"svg.lineage a[href='#v-{pid}']").click()
            assert page.evaluate("location.hash") == f"#v-{pid}"
            assert page.locator(f"[id='v-{pid}']").is_visible()
        arrows = page.locator("svg.lineage g:has(> title) > path.edge").count()  # not the legend
        assert arrows == sum((p.revises is not None) + (p.responds_to is not None) for p in corpus.plans.values())
        tab.close()
    finally:
        ctx.close()


def test_screenshot_of_the_main_comparison(site, context):
    out, base, _, _ = site
    ARTIFACTS.mkdir(exist_ok=True)
    page, visit = harness.open_page(context, base + MAIN_PAGE)
    try:
        page.screenshot(path=str(ARTIFACTS / "compare-us-28-point-e3-counterproposal.png"), full_page=True)
        page.screenshot(path=str(ARTIFACTS / "compare-us-28-point-e3-counterproposal-top.png"))
        page.goto(base + MAIN_PAGE + "#p-military.troop_cap")
        page.screenshot(path=str(ARTIFACTS / "compare-troop-cap.png"))
        page.goto(base + "index.html")
        page.screenshot(path=str(ARTIFACTS / "index.png"), full_page=True)
    finally:
        page.close()
    assert (ARTIFACTS / "compare-us-28-point-e3-counterproposal.png").stat().st_size > 50_000


_TABS: dict[int, harness.Tab] = {}


def _tab(context) -> harness.Tab:
    """One reused tab per browser context (hypothesis calls the test many times)."""
    if id(context) not in _TABS:
        _TABS[id(context)] = harness.Tab(context)
    return _TABS[id(context)]


def _injected(page) -> dict:
    return page.evaluate("""() => ({
        pwned: typeof window.__pwned !== 'undefined' || typeof parent.__pwned !== 'undefined',
        scripts: document.scripts.length,
        foreign: document.querySelectorAll('img, iframe, object, embed, base, link, form, math, button').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
    })""")


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(hostile_text, min_size=1, max_size=6))
def test_no_injected_script_runs(site, context, texts):
    _, _, hostile_dir, hostile_base = site
    texts = [PAYLOADS[0], PAYLOADS[1], *texts, PAYLOADS[2], PAYLOADS[4]]
    old, new = hostile_pair(texts, url="javascript:window.__pwned=1")
    (hostile_dir / "page.html").write_bytes(serialize(render_compare(diff_plans(old, new))))
    tab = _tab(context)
    visit = tab.visit(hostile_base + "page.html")
    page = tab.page
    page.get_by_label("Search").fill(PAYLOADS[0])  # the script handles hostile text too
    page.locator(kind_radio("changed")).check()
    state = _injected(page)
    assert state == {"pwned": False, "scripts": 1, "foreign": 0, "handlers": 0}
    assert visit.problems == [] and page.evaluate("window.__csp") == []


def test_no_injected_script_runs_on_site_pages(site, context, tmp_path):
    """A whole site (index, matrix, provision and article pages) from hostile plans and a hostile article."""
    _, _, hostile_dir, hostile_base = site
    base = tmp_path / "plans"
    payload = " ".join(PAYLOADS)
    old, new = hostile_pair(PAYLOADS, base=base, article=f"{payload} {PAYLOADS[0]} {payload}")
    out = hostile_dir / "site"
    if out.exists():
        shutil.rmtree(out)
    written = write_site(Site([old, new]), out)
    tab = _tab(context)
    for rel in written:
        visit = tab.visit(hostile_base + "site/" + rel)
        state = _injected(tab.page)
        assert state["pwned"] is False and state["foreign"] == 0 and state["handlers"] == 0, rel
        assert visit.problems == [] and tab.page.evaluate("window.__csp") == [], rel
