"""`make bench`: how long the checks take and how heavy the site is for a reader.

Prints the wall time of the code-block tests, the ten slowest blocks, the
`mkdocs build` time, the page count, the site's size and the time of a bare
`import tensorflow` for scale; then, in headless Chromium, the bytes a reader
downloads for the home page and the largest chapter, the search index's size
and the time from the last keystroke to search results. Timings are medians,
because shared machines are noisy. Exits non-zero when a budget is broken.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEDIAN_BUDGET_S = 0.5
MAX_BUDGET_S = 3.0
PAGE_BUDGET_BYTES = 1_000_000  # HTML, CSS, JS, fonts and images of one page, uncompressed
PAGE_RESOURCES = ("document", "stylesheet", "script", "font", "image")
SEARCH_INDEX_BUDGET_BYTES = 2_000_000
SEARCH_LATENCY_BUDGET_MS = 100
RUNS = 3


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def code_block_times(junit: Path) -> dict[str, float]:
    """Seconds per code-block test (setup + call + teardown), from pytest's JUnit report."""
    times = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        times[f"{case.get('classname')}::{case.get('name')}"] = float(case.get("time", 0))
    return times


def browser_figures(site: Path) -> tuple[dict[str, dict[str, int]], list[float]] | None:
    """Bytes per resource type for the home page and the largest chapter; search latencies (ms)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser_support import LAUNCH_ARGS, find_chromium, search, serve, visit
    from search_queries import SEARCH_QUERIES

    executable = find_chromium()
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright

    chapters = [p for p in site.glob("*/index.html") if p.parent.name not in ("reference", "search")]
    largest = max(chapters, key=lambda p: p.stat().st_size).parent.name + "/"
    weights, latencies = {}, []
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        for path in ("", largest):
            context = browser.new_context()  # empty cache: every resource counted once
            page = context.new_page()
            weights[f"/{path}"] = visit(page, base_url + path, weigh=True).bytes_by_type
            context.close()
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base_url, wait_until="networkidle")
        latencies = [search(page, query)[1] for query, _ in SEARCH_QUERIES]
        browser.close()
    return weights, latencies


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "blocks.xml"
        wall = timed([sys.executable, "-m", "pytest", "docs", "-q", f"--junitxml={junit}"])
        blocks = code_block_times(junit)
        builds = [timed([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", f"{tmp}/site"])
                  for _ in range(RUNS)]
        site = Path(tmp) / "site"
        pages = sorted(site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        index_bytes = (site / "search" / "search_index.json").stat().st_size
        browser = browser_figures(site)
    imports = [timed([sys.executable, "-c", "import tensorflow"]) for _ in range(RUNS)]

    ranked = sorted(blocks.items(), key=lambda item: item[1], reverse=True)
    median, worst = statistics.median(blocks.values()), ranked[0][1]
    print(f"code-block tests: {len(blocks)} blocks, wall {wall:.1f} s (includes importing TensorFlow once)")
    print(f"  per block: median {median:.2f} s [budget {MEDIAN_BUDGET_S}], max {worst:.2f} s [budget {MAX_BUDGET_S}]")
    print("  slowest ten:")
    for name, seconds in ranked[:10]:
        print(f"    {seconds:6.2f} s  {name}")
    print(f"mkdocs build --strict: median {statistics.median(builds):.2f} s over {RUNS} runs")
    print(f"site: {len(pages)} HTML pages, {size / 1e6:.2f} MB in all")
    print(f"bare `import tensorflow`: median {statistics.median(imports):.2f} s over {RUNS} runs")

    print(f"search index: {index_bytes / 1e6:.3f} MB [budget {SEARCH_INDEX_BUDGET_BYTES / 1e6:.0f} MB]")

    over = median >= MEDIAN_BUDGET_S or worst > MAX_BUDGET_S or index_bytes > SEARCH_INDEX_BUDGET_BYTES
    if browser is None:
        print("browser figures: NOT MEASURED, no Chromium found")
        return 1
    weights, latencies = browser
    for path, by_type in weights.items():
        page_bytes = sum(n for kind, n in by_type.items() if kind in PAGE_RESOURCES)
        detail = ", ".join(f"{kind} {n / 1e3:.0f} kB" for kind, n in sorted(by_type.items()))
        print(f"page weight {path}: {page_bytes / 1e6:.3f} MB [budget {PAGE_BUDGET_BYTES / 1e6:.0f} MB] ({detail})")
        over |= page_bytes > PAGE_BUDGET_BYTES
    search_median = statistics.median(latencies)
    print(f"search, last keystroke to results: median {search_median:.0f} ms over {len(latencies)} queries "
          f"[budget {SEARCH_LATENCY_BUDGET_MS} ms], max {max(latencies):.0f} ms")
    over |= search_median > SEARCH_LATENCY_BUDGET_MS
    if over:
        print("OVER BUDGET: see the figures above.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
