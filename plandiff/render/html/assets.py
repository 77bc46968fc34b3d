"""The one stylesheet and the one script every page inlines: plandiff/data/html/site.css and site.js.

They are files in the package, read once as they are and never built from
plan text, so the Content-Security-Policy can pin each by the SHA-256 hash
of its contents (see `page.csp`). The stylesheet carries a light and a dark
scheme (following `prefers-color-scheme`) and a print stylesheet; the script
only adds the filters of the comparison and matrix pages. Rows carry
`data-filter-row` (and `data-kind` on comparison pages); a block whose rows
are all hidden hides too (`data-filter-group`). The controls (#filters)
start `hidden`, so without scripts the page simply shows everything.
"""

from __future__ import annotations

from importlib import resources


def _read(name: str) -> str:
    data = resources.files("plandiff").joinpath("data/html", name).read_bytes()
    return data.decode("utf-8")  # bytes as they are: the CSP hash is of exactly this text


CSS = _read("site.css")
SCRIPT = _read("site.js")
