"""Open the built site in a real headless Chromium, as a reader does.

Shared by the browser tests (tests/test_browser.py) and `make bench`. The
browser is the system's Chromium (Debian's `chromium`, or Google Chrome on a
GitHub runner), driven by Playwright through `executable_path`: Playwright's
own browser download is never used, since there is no network for it.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
INSTALL_HINT = ("install Chromium with `sudo apt-get install chromium` (Debian/Ubuntu), "
                "or point CHROMIUM=/path/to/chrome at any Chromium-based browser")
# Flags for a quiet, offline, root-friendly headless run: without the
# background-networking ones Chromium phones home at start-up.
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
               "--disable-default-apps", "--disable-extensions"]


def find_chromium() -> str | None:
    """Path of a Chromium-based browser: $CHROMIUM first, then the usual names on PATH."""
    if os.environ.get("CHROMIUM"):
        return os.environ["CHROMIUM"]
    for name in CANDIDATES:
        if found := shutil.which(name):
            return found
    return None


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class GzipHandler(QuietHandler):
    """Sends text files gzip-compressed to a client that accepts it, as a static host does."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.COMPRESSED \
                or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(directory: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yield the base URL; always stop.

    `compress` gzips text files, as a static host does (for Lighthouse's figures).
    """
    handler = functools.partial(GzipHandler if compress else QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass
class Visit:
    """Everything one page load asked for, and what went wrong."""

    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    bytes_by_type: dict[str, int] = field(default_factory=dict)

    def foreign_requests(self, base_url: str) -> list[str]:
        origin = urlsplit(base_url).netloc
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != origin]


def visit(page, url: str, *, weigh: bool = False, wait_until: str = "networkidle") -> Visit:
    """Load `url` in `page` and record its requests, console errors and failures.

    With `weigh`, also add up the bytes of every distinct response by resource
    type (document, stylesheet, script, font, image, fetch...). `wait_until="load"`
    saves the half second of network silence that "networkidle" waits for.
    """
    record = Visit(url)
    seen: set[str] = set()

    def on_response(response):
        if response.status >= 400:
            record.failed.append(f"{response.status} {response.url}")
        if weigh and response.url not in seen and response.status < 300:
            seen.add(response.url)
            kind = response.request.resource_type
            # The test server sends every file whole and uncompressed, with its length.
            size = int(response.headers.get("content-length", 0))
            record.bytes_by_type[kind] = record.bytes_by_type.get(kind, 0) + size

    page.on("request", lambda request: record.requests.append(request.url))
    page.on("requestfailed", lambda request: record.failed.append(f"{request.failure} {request.url}"))
    page.on("response", on_response)
    page.on("console", lambda message: message.type == "error" and record.console_errors.append(message.text))
    page.on("pageerror", lambda error: record.console_errors.append(str(error)))
    page.goto(url, wait_until=wait_until)
    return record


# Runs in the page: type-to-results latency, measured with the page's own clock.
# It notes the time of the last key pressed in the search box and of the last
# change to the result list, then reports the difference once results settle.
SEARCH_TIMER = """
() => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  window.__search = {key: 0, shown: 0};
  input.addEventListener("keydown", () => { window.__search.key = performance.now(); });
  new MutationObserver(() => { window.__search.shown = performance.now(); })
    .observe(list, {childList: true, subtree: true});
}
"""


def search(page, query: str) -> tuple[list[str], float]:
    """Type `query` into Material's search like a reader; return result links and latency (ms).

    The links are the results a reader sees, in Material's order: pages
    (`page/`) and sections of pages (`page/#anchor`). Sections folded away
    under "N more on this page" are not shown, so they are not counted.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    page.evaluate(SEARCH_TIMER)
    box.press_sequentially(query, delay=20)  # at a typist's pace, for the latency figure
    # Settled: nothing has changed for 300 ms since the last key. When the final
    # keystroke leaves the result list as it was (say "pytorc" -> "pytorch"),
    # the results were on screen already, and the latency is zero.
    page.wait_for_function(
        "() => performance.now() - Math.max(window.__search.shown, window.__search.key) > 300",
        polling=50, timeout=10_000)
    latency = page.evaluate("() => Math.max(0, window.__search.shown - window.__search.key)")
    return page.evaluate(f"() => {SHOWN_RESULTS}"), latency


SHOWN_RESULTS = ("[...document.querySelectorAll('.md-search-result__link')]"
                 ".filter((e) => e.offsetParent !== null).map((e) => e.getAttribute('href'))")

# For tests that need only the results, many queries in one go: each query whole, then one key
# (Material searches on keyup), so exactly one search runs per query. Material draws each answer in
# one task (the old results out, the new in), so the first change to the list after the key is the
# answer; a query that changes nothing (no results after no results) gives up after 10 s.
SEARCH_EACH = """
async (queries) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const results = {};
  for (const query of queries) {
    const drawn = new Promise((done) => {
      const observer = new MutationObserver(() => { observer.disconnect(); done(); });
      observer.observe(list, {childList: true, subtree: true});
      setTimeout(() => { observer.disconnect(); done(); }, 10000);
    });
    input.value = query;
    input.dispatchEvent(new KeyboardEvent("keyup", {key: "End", bubbles: true}));
    await drawn;
    results[query] = """ + SHOWN_RESULTS + """;
  }
  return results;
}
"""


def search_each(page, queries: list[str]) -> dict[str, list[str]]:
    """The results a reader sees for each query (see `search`), searched one after another."""
    page.locator("input.md-search__input").click()  # opens the search panel
    return page.evaluate(SEARCH_EACH, list(dict.fromkeys(queries)))
