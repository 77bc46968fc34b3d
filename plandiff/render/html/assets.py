"""The one stylesheet and the one script every page inlines.

They are constants, never built from plan text, so the Content-Security-Policy
can pin each by its SHA-256 hash (see `page.csp`). The stylesheet carries a
light and a dark scheme (following `prefers-color-scheme`) and a print
stylesheet; the script only adds the filters of the comparison and matrix
pages, whose controls stay hidden when scripts are off.
"""
from __future__ import annotations

CSS = r"""
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa; --link: #0550ae;
  --add-bg: #dafbe1; --add-fg: #0e4a20; --add-line: #1a7f37;
  --drop-bg: #ffebe9; --drop-fg: #7a0c18; --drop-line: #cf222e;
  --chg-bg: #fff1bf; --chg-fg: #533a00; --chg-line: #9a6700;
  --ren-bg: #ddf4ff; --ren-fg: #0a3069; --ren-line: #0969da;
  --same-bg: #eaeef2; --same-fg: #2c3238; --same-line: #818b98;
  --ins-bg: #aceebb; --del-bg: #ffcecb; --mark: #fff2a8; --mark-target: #ffd33d;
  --bar: #3a67b0; --bar-text: #1f2328; --grid: #d1d9e0;
  --s0: #cfe2ff; --s1: #ffd8b5; --s2: #cdeed2; --s3: #f8c9cf; --s4: #e3d6f5;
  --s5: #c6ecef; --s6: #f6e3a1; --s7: #dfe3e8; --s8: #f4d0e6; --s9: #dbe7c4; --s-text: #1f2328;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9aa5b1; --line: #3d444d; --panel: #161b22; --link: #79c0ff;
    --add-bg: #113a20; --add-fg: #8ee3a6; --add-line: #3fb950;
    --drop-bg: #4a1016; --drop-fg: #ffb3ad; --drop-line: #f85149;
    --chg-bg: #3d2e00; --chg-fg: #f2cc60; --chg-line: #d29922;
    --ren-bg: #0c2d5a; --ren-fg: #a5d6ff; --ren-line: #4493f8;
    --same-bg: #262c34; --same-fg: #c9d1d9; --same-line: #6e7681;
    --ins-bg: #1f5f31; --del-bg: #7a2028; --mark: #5c4a00; --mark-target: #8a6d00;
    --bar: #6ea8fe; --bar-text: #e6edf3; --grid: #3d444d;
    --s0: #1d3a66; --s1: #5a3413; --s2: #1e4a2a; --s3: #5c1f28; --s4: #3d2a5c;
    --s5: #134a4e; --s6: #4f4211; --s7: #3a3f46; --s8: #5a2147; --s9: #3b4a22; --s-text: #e6edf3;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
[id] { scroll-margin-top: 4.5rem; }  /* clear the sticky filter bar when a link lands on an anchor */
html { background: var(--bg); color: var(--fg); }
body {
  margin: 0 auto; max-width: 84rem; padding: 1rem 1.5rem 3rem;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
}
a { color: var(--link); }
a:focus-visible, input:focus-visible, summary:focus-visible { outline: 3px solid var(--ren-line); outline-offset: 2px; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: .6rem 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
p { margin: .35rem 0; }
code, .key { font-family: "DejaVu Sans Mono", ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .86em; }
.key { color: var(--muted); overflow-wrap: anywhere; }
.muted, .sub { color: var(--muted); }
.sub { margin-top: 0; }
bdi, q, .u { unicode-bidi: isolate; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .3rem .6rem; z-index: 2; }
.site-nav { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: .4rem 0; border-bottom: 1px solid var(--line); font-size: .92rem; }
.site-nav .brand { font-weight: 700; color: var(--fg); text-decoration: none; }
footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .88rem; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

/* versions facing each other at the top of a comparison */
.versus { display: grid; grid-template-columns: 1fr auto 1fr; gap: .8rem; align-items: stretch; margin: .8rem 0; }
.versus .side { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; }
.versus .arrow { align-self: center; font-size: 1.6rem; color: var(--muted); }
.versus .side h2 { border: 0; margin: 0; padding: 0; font-size: 1.05rem; }
.versus .side p { margin: .15rem 0; font-size: .92rem; }
.versus details { margin-top: .3rem; font-size: .9rem; }
.versus summary { cursor: pointer; color: var(--link); }

/* counts */
.counts { border-collapse: separate; border-spacing: .4rem 0; margin: .4rem -.4rem; }
.counts th { font-weight: 600; font-size: .85rem; text-align: center; padding: .15rem .6rem; border-radius: 4px 4px 0 0; }
.counts td { text-align: center; font-size: 1.35rem; font-weight: 700; padding: 0 .6rem .1rem; border-radius: 0 0 4px 4px; }

/* kind marks: a word and a symbol, and a colour */
.kind { display: inline-block; padding: 0 .45em; border-radius: 999px; border: 1px solid; font-size: .8rem; font-weight: 700;
        letter-spacing: .01em; white-space: nowrap; vertical-align: .08em; }
.k-added { background: var(--add-bg); color: var(--add-fg); border-color: var(--add-line); }
.k-dropped { background: var(--drop-bg); color: var(--drop-fg); border-color: var(--drop-line); }
.k-changed { background: var(--chg-bg); color: var(--chg-fg); border-color: var(--chg-line); }
.k-renumbered { background: var(--ren-bg); color: var(--ren-fg); border-color: var(--ren-line); }
.k-unchanged { background: var(--same-bg); color: var(--same-fg); border-color: var(--same-line); }

/* changes at a glance */
.glance { columns: 2 28rem; column-gap: 2rem; margin: .4rem 0 0; padding: 0; list-style: none; }
.glance li { break-inside: avoid; padding: .15rem 0; }
.glance .what { color: var(--muted); font-size: .9rem; }
.glance a { font-weight: 600; }

/* filters */
.filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .4rem 1.4rem; align-items: center;
           background: var(--bg); border-bottom: 1px solid var(--line); padding: .5rem 0; margin-top: 1rem; }
.filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem .8rem; align-items: center; }
.filters legend { float: left; font-weight: 600; margin-right: .6rem; }
.filters label { white-space: nowrap; }
.filters input[type=search] { font: inherit; padding: .2rem .5rem; border: 1px solid var(--line); border-radius: 4px;
                              background: var(--bg); color: var(--fg); min-width: 14rem; }
.filters output { color: var(--muted); font-size: .9rem; }

/* side by side */
table.side-by-side { width: 100%; border-collapse: collapse; table-layout: fixed; }
.side-by-side col.c-what { width: 26%; }
.side-by-side thead th { text-align: left; font-size: .88rem; color: var(--muted); font-weight: 600; padding: .3rem .6rem;
                         border-bottom: 2px solid var(--line); }
.side-by-side tbody tr { border-bottom: 1px solid var(--line); }
.side-by-side th[scope=row], .side-by-side td { vertical-align: top; padding: .55rem .6rem; text-align: left; overflow-wrap: anywhere; }
.side-by-side th[scope=row] { font-weight: normal; border-left: 5px solid var(--same-line); }
tr.r-added th[scope=row] { border-left-color: var(--add-line); }
tr.r-dropped th[scope=row] { border-left-color: var(--drop-line); }
tr.r-changed th[scope=row] { border-left-color: var(--chg-line); }
tr.r-renumbered th[scope=row] { border-left-color: var(--ren-line); }
.label { font-weight: 700; font-size: 1rem; }
.label a { color: var(--fg); text-decoration: none; }
.label a:hover { text-decoration: underline; }
.points { color: var(--muted); font-size: .88rem; }
.details { margin: .35rem 0 0; padding: 0; list-style: none; font-size: .92rem; }
.details li { margin: .1rem 0; }
.details .old, .what .old { text-decoration: line-through; text-decoration-color: var(--drop-line); }
.details .new, .what .new { font-weight: 600; color: var(--fg); }
.details .note { color: var(--muted); }
.delta { font-weight: 700; }
ins, del { text-decoration-thickness: 1px; border-radius: 2px; padding: 0 1px; color: inherit; }
ins { background: var(--ins-bg); text-decoration: underline; }
del { background: var(--del-bg); text-decoration: line-through; }
.summary { margin: 0 0 .3rem; }
.state { font-weight: 700; }
.absent { color: var(--muted); font-style: italic; }
.value { font-size: .92rem; }
.value .vlabel, .fields dt { color: var(--muted); }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 0 .6rem; margin: .2rem 0; font-size: .9rem; }
dl.fields dt, dl.fields dd { margin: 0; }
.note-text { font-size: .88rem; color: var(--muted); }
.claims { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr)); gap: .5rem; margin: .3rem 0; padding: 0; list-style: none; }
.claims > li { border: 1px dashed var(--chg-line); border-radius: 6px; padding: .35rem .5rem; background: var(--panel); }
.claims-head { font-weight: 700; margin: .3rem 0 0; }
.badge { display: inline-block; font-size: .76rem; font-weight: 700; border: 1px solid var(--chg-line); color: var(--chg-fg);
         background: var(--chg-bg); border-radius: 3px; padding: 0 .3em; }
ul.evidence { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .86rem; }
ul.evidence li { margin: .1rem 0; }
ul.evidence q { font-style: italic; }
.srcname { font-weight: 600; }
.also { font-size: .86rem; color: var(--muted); margin: .25rem 0 0; }
.also .srcname { font-weight: normal; }

/* tables: matrix, history, versions */
.table-wrap { overflow-x: auto; }
table.grid { border-collapse: collapse; width: 100%; font-size: .92rem; }
table.grid th, table.grid td { border: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
table.grid thead th { background: var(--panel); }
table.grid th[scope=rowgroup] { background: var(--panel); font-size: .95rem; }
table.grid td.st-absent, table.grid td.st-omitted { color: var(--muted); }
table.grid td.st-disputed { background: var(--chg-bg); color: var(--chg-fg); }
table.grid td.st-unknown { font-style: italic; }
table.grid tr:target, table.grid tr.target-row { outline: 3px solid var(--mark-target); }
.cell-link { color: inherit; text-decoration: none; }
.cell-link:hover, .cell-link:focus { text-decoration: underline; }
table.matrix { font-size: .86rem; }
table.matrix th[scope=row] { min-width: 10rem; }
caption { text-align: left; padding: .3rem 0; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.topics { columns: 2 24rem; column-gap: 2.5rem; }
.topics > div { break-inside: avoid; }
.topics h3 { margin-top: .6rem; }
.topics ul { margin: .2rem 0 .8rem; padding-left: 1.1rem; }
.article-layout { display: grid; grid-template-columns: minmax(0, 46rem) minmax(16rem, 1fr); gap: 0 2.5rem; align-items: start; }
.article-layout > aside { position: sticky; top: .5rem; max-height: 100vh; overflow-y: auto; }
@media (max-width: 60rem) { .article-layout { grid-template-columns: 1fr; } .article-layout > aside { position: static; max-height: none; } }

/* pictures */
figure { margin: 1rem 0; }
figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
svg.chart { max-width: 100%; height: auto; font-family: inherit; }
svg.chart text { fill: var(--fg); font-size: 12px; }
svg.chart .small { font-size: 11px; fill: var(--muted); }
svg.chart .strong { font-weight: 700; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .gridline { stroke: var(--grid); stroke-width: 1; }
svg.chart .bar { fill: var(--bar); }
svg.chart .bar-disputed { stroke: var(--chg-line); stroke-width: 2; stroke-dasharray: 6 3; }  /* fill: the hatch pattern */
svg.chart .hatch-line { stroke: var(--chg-line); stroke-width: 2.5; }
svg.chart .hatch-bg { fill: var(--chg-bg); }
svg.chart .none-line { stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 2 4; }
svg.chart .bar-unknown { fill: none; stroke: var(--muted); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg.chart .cell { stroke: var(--bg); stroke-width: 2; }
svg.chart .cell-empty { fill: var(--bg); stroke: var(--line); stroke-width: 1; stroke-dasharray: 3 3; }
svg.chart .cell-disputed { stroke: var(--chg-line); stroke-width: 2; stroke-dasharray: 6 3; }
svg.chart .s0 { fill: var(--s0); } svg.chart .s1 { fill: var(--s1); } svg.chart .s2 { fill: var(--s2); }
svg.chart .s3 { fill: var(--s3); } svg.chart .s4 { fill: var(--s4); } svg.chart .s5 { fill: var(--s5); }
svg.chart .s6 { fill: var(--s6); } svg.chart .s7 { fill: var(--s7); } svg.chart .s8 { fill: var(--s8); }
svg.chart .s9 { fill: var(--s9); }
svg.chart text.on-cell { fill: var(--s-text); font-size: 11px; }
svg.chart .node { fill: var(--panel); stroke: var(--muted); stroke-width: 1.5; }
svg.chart a:focus .node, svg.chart a:hover .node { stroke: var(--link); stroke-width: 2.5; }
svg.chart .edge { stroke: var(--muted); stroke-width: 1.5; fill: none; }
svg.chart .edge-answers { stroke-dasharray: 6 4; }
svg.chart .arrowhead { fill: var(--muted); }
svg.chart.timeline { max-width: none; }  /* wide: it scrolls sideways at its own size */
svg.chart .lane { fill: var(--panel); stroke: var(--line); stroke-width: 1; }
svg.chart .tl-dot { fill: var(--link); stroke: var(--bg); stroke-width: 1.5; }
svg.chart .tl-square { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; }
svg.chart .tl-span { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; }
svg.chart a:focus .tl-dot, svg.chart a:hover .tl-dot { stroke: var(--fg); stroke-width: 2.5; }
.caveat { font-size: .8rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; color: var(--muted); }
table.chronology td.when { white-space: nowrap; }
@media (max-width: 40rem) {  /* narrow screens: each row becomes a block, date and side on one line */
  table.chronology thead { display: none; }
  table.chronology, table.chronology tbody, table.chronology tr { display: block; }
  table.chronology td { display: block; border: 0; padding: .1rem .4rem; }
  table.chronology td.when, table.chronology td.lane { display: inline-block; font-weight: 600; }
  table.chronology tr { border-top: 1px solid var(--line); padding: .4rem 0; }
}
table.chronology ul.sources { font-size: .86rem; margin: .3rem 0 0; padding-left: 1.1rem; }
svg.chart text.edge-label { paint-order: stroke; stroke: var(--bg); stroke-width: 4px; stroke-linejoin: round; }
.legend { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; font-size: .86rem; color: var(--muted); margin: .3rem 0; padding: 0; list-style: none; }

/* source articles */
.article { max-width: 46rem; font-size: 1rem; line-height: 1.6; }
.article p { margin: 0 0 .8rem; }
mark { background: var(--mark); color: inherit; padding: 0 1px; border-radius: 2px; }
mark:target, mark.target { background: var(--mark-target); outline: 2px solid var(--chg-line); }
sup.fn { font-size: .72rem; margin-left: 1px; }
ol.passages > li { margin: .6rem 0; }
ol.passages blockquote { margin: .2rem 0 .3rem; padding-left: .8rem; border-left: 3px solid var(--mark-target); font-style: italic; }
ol.passages li:target { background: var(--panel); }

@media (max-width: 48rem) {
  body { padding: .5rem .8rem 2rem; }
  .versus { grid-template-columns: 1fr; }
  .versus .arrow { display: none; }
  table.side-by-side, .side-by-side tbody, .side-by-side tr, .side-by-side th[scope=row], .side-by-side td { display: block; width: auto; }
  .side-by-side thead { display: none; }
  .side-by-side td[data-side]::before { content: attr(data-side); display: block; font-weight: 600; color: var(--muted); font-size: .85rem; }
  .side-by-side td { border-left: 5px solid transparent; }
  .glance { columns: 1; }
}

@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --panel: #fff; --line: #999; --link: #000; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  .filters, .skip, .site-nav { display: none !important; }
  a { text-decoration: none; }
  a.ext[href^="http"]::after { content: " <" attr(href) ">"; font-size: .8em; color: #333; overflow-wrap: anywhere; }
  .side-by-side tr, .claims > li, figure, ol.passages > li { break-inside: avoid; }
  thead { display: table-header-group; }
  h2 { break-after: avoid; }
  ins { background: none; text-decoration: underline; font-weight: 700; }
  del { background: none; }
  .kind { background: none !important; color: #000 !important; }
}
"""

# The filters of the comparison and matrix pages. Rows carry `data-filter-row`
# (and `data-kind` on comparison pages); a block whose rows are all hidden
# hides too (`data-filter-group`). The controls (#filters) start `hidden`, so
# without scripts the page simply shows everything.
SCRIPT = r"""
(function () {
  "use strict";
  var box = document.getElementById("filters");
  if (!box) { return; }
  var rows = Array.prototype.slice.call(document.querySelectorAll("[data-filter-row]"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-filter-group]"));
  var search = document.getElementById("filter-text");
  var status = document.getElementById("filter-status");
  var texts = rows.map(function (row) { return row.textContent.replace(/\s+/g, " ").toLowerCase(); });
  function apply() {
    var on = box.querySelector("input[name=kind]:checked");
    var kind = on ? on.value : "all";
    var q = search ? search.value.replace(/\s+/g, " ").trim().toLowerCase() : "";
    var shown = 0;
    rows.forEach(function (row, i) {
      var ok = (kind === "all" || row.getAttribute("data-kind") === kind) && (!q || texts[i].indexOf(q) !== -1);
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("[data-filter-row]:not([hidden])");
    });
    if (status) { status.textContent = shown + " of " + rows.length + " shown"; }
  }
  box.addEventListener("change", apply);
  if (search) { search.addEventListener("input", apply); }
  box.hidden = false;
  apply();
})();
"""
