"""HTML output: a comparison page (`plandiff html`) and a static site (`plandiff site`).

Pages are lxml element trees, never joined strings, so nothing from a plan
or an article can become markup; each page is self-contained (inline CSS, at
most one inline script, a Content-Security-Policy that loads nothing).
See docs/html.md.
"""

from plandiff.output import OutputError
from plandiff.render.html.compare import ComparePage, render_compare
from plandiff.render.html.page import Links, clean, serialize
from plandiff.render.html.site import Site, default_pairs, write_site

__all__ = [
    "ComparePage",
    "render_compare",
    "Links",
    "clean",
    "serialize",
    "Site",
    "default_pairs",
    "write_site",
    "OutputError",
]
