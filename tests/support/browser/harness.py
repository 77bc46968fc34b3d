"""A real headless Chromium for the HTML tests, driven by Playwright, never downloading anything.

Debian's /usr/bin/chromium is used (`PLANDIFF_CHROMIUM` names another
binary); `playwright install` is never run. A site is served from a local
http.server on 127.0.0.1 in a thread. `Visit` records every request, console
message, page error and CSP violation of one page load.

When no browser can be started the tests FAIL with the reason; only
PLANDIFF_SKIP_BROWSER=1 turns them into explicit skips (for local runs).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = os.environ.get("PLANDIFF_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--disable-extensions",
    "--disable-default-apps",
    "--no-default-browser-check",
    "--mute-audio",
]
SKIP_ENV = "PLANDIFF_SKIP_BROWSER"
HOW_TO = (
    "install Chromium (apt-get install chromium chromium-driver) and Playwright for Python "
    "(pip install playwright; never `playwright install`), or set PLANDIFF_SKIP_BROWSER=1 to skip "
    "the browser tests explicitly"
)


def skip_requested() -> bool:
    return os.environ.get(SKIP_ENV, "") not in ("", "0")


class BrowserUnavailable(RuntimeError):
    pass


def launch():
    """(playwright, browser); raises BrowserUnavailable with the reason and what to do."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - depends on the machine
        raise BrowserUnavailable(f"Playwright for Python is not importable ({exc}); {HOW_TO}") from exc
    exe = CHROMIUM if os.path.isabs(CHROMIUM) else shutil.which(CHROMIUM)
    if not exe or not os.path.exists(exe):
        raise BrowserUnavailable(f"no Chromium at {CHROMIUM!r}; {HOW_TO}")
    pw = sync_playwright().start()
    try:
        browser = pw.chromium.launch(executable_path=exe, args=ARGS, headless=True, timeout=60_000)
    except Exception as exc:  # noqa: BLE001 - any launch failure is reported the same way
        pw.stop()
        raise BrowserUnavailable(f"Chromium at {exe} did not start: {exc}; {HOW_TO}") from exc
    return pw, browser


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output clean
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A local HTTP server for `directory`; yields its base URL (http://127.0.0.1:PORT/)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class Visit:
    """What happened while one page loaded: requests, console messages, errors."""

    url: str
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)  # (type, text)
    errors: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        out = [f"request left the page: {r}" for r in self.requests if r.split("#")[0] != self.url.split("#")[0]]
        out += [f"console {kind}: {text}" for kind, text in self.console if kind in ("error", "warning")]
        out += [f"page error: {e}" for e in self.errors]
        return out


class Tab:
    """One browser page reused for many loads (a fresh page per load costs ~0.3 s); records each load."""

    def __init__(self, context):
        self.page = context.new_page()
        self.current: Visit | None = None
        self.page.on("request", lambda r: self.current and self.current.requests.append(r.url))
        self.page.on("console", lambda m: self.current and self.current.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.current and self.current.errors.append(str(e)))
        # CSP violations also reach the console in Chromium; the DOM events are kept as well, to be sure.
        self.page.add_init_script("""window.__csp = [];
            document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective));""")

    def visit(self, url: str) -> Visit:
        self.current = Visit(url)
        self.page.goto(url, wait_until="load")
        return self.current

    def close(self) -> None:
        self.page.close()


def open_page(context, url: str):
    """(page, visit): load `url` in a fresh page of `context`, recording everything."""
    tab = Tab(context)
    return tab.page, tab.visit(url)
