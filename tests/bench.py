"""`make bench`: how long the checks take and how heavy the site is for a reader.

Prints the wall time of the code-block tests, the ten slowest blocks, the
site build time (scripts/build.py), the page count, the site's size and the time of a bare
`import tensorflow` for scale; then, in headless Chromium, the bytes a reader
downloads for the home page and the largest page, the search index's size, the
time from the last keystroke to search results, and every page's live DOM size
after its scripts have run; then Lighthouse 12 (tests/lighthouse,
installed by `make bench`) on the heaviest pages, the home page and the index,
served gzip-compressed as a static host serves them: mobile (simulated 4G, 4x
CPU slowdown) and desktop. Timings and scores are medians, because shared
machines are noisy. Exits non-zero when a budget is broken.

`make bench-pages` (`bench.py --every-page`) runs only the Lighthouse part, on every page of the
site (`make bench-pages PAGES="/ /cnn/detection/"`: only those): one mobile and one desktop run
each, and two more of either for a page within reach of its budget (mobile performance under 95,
TBT over 200 ms or CLS over 0.05; desktop under 100), whose median is then reported. It takes
about an hour; run it on a quiet machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # browser_support, search_queries
MEDIAN_BUDGET_S = 0.5
MAX_BUDGET_S = 3.0
PAGE_BUDGET_BYTES = 1_000_000  # HTML, CSS, JS, fonts and images of one page, uncompressed
PAGE_RESOURCES = ("document", "stylesheet", "script", "font", "image")
SEARCH_INDEX_BUDGET_BYTES = 2_000_000
SEARCH_LATENCY_BUDGET_MS = 100
DOM_BUDGET = 8_000  # live elements on one page
MOBILE_BUDGET = {"performance": 90, "total-blocking-time": 300, "cumulative-layout-shift": 0.1}
DESKTOP_PERFORMANCE_BUDGET = 100
LIGHTHOUSE = ROOT / "tests" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
HEAVIEST = 4  # pages Lighthouse measures, besides the home page and the index
RUNS = 3


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def code_block_times(junit: Path) -> dict[str, float]:
    """Seconds per code-block test (setup + call + teardown), from pytest's JUnit report."""
    times = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        if case.get("name") != "static checks":
            times[f"{case.get('classname')}::{case.get('name')}"] = float(case.get("time", 0))
    return times


def browser_figures(site: Path) -> tuple[dict[str, dict[str, int]], list[float]] | None:
    """Bytes per resource type for the home page and the largest chapter; search latencies (ms)."""
    from browser_support import LAUNCH_ARGS, find_chromium, search, serve, visit
    from search_queries import SEARCH_QUERIES

    executable = find_chromium()
    if executable is None:
        return None
    from playwright.sync_api import sync_playwright

    pages = [p for p in site.rglob("index.html") if p.parent != site and p.parent.name not in ("reference", "search")]
    largest = max(pages, key=lambda p: p.stat().st_size).parent.relative_to(site).as_posix() + "/"
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


# Counted once the page has loaded and its scripts have run (its formulas are drawn at build time).
LIVE_DOM = "() => document.getElementsByTagName('*').length"


def live_dom_sizes(site: Path) -> dict[str, int]:
    """Elements on every page once its scripts have run."""
    from playwright.sync_api import sync_playwright

    from browser_support import LAUNCH_ARGS, find_chromium, serve

    paths = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                   if p.parent.name != "search")
    sizes = {}
    with serve(site) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 412, "height": 823})
        for path in paths:
            path = "" if path == "./" else path
            page.goto(base_url + path, wait_until="load")
            sizes[f"/{path}"] = page.evaluate(LIVE_DOM)
        browser.close()
    return sizes


def lighthouse(url: str, desktop: bool = False) -> dict[str, float]:
    """One Lighthouse performance run: the score (0-100) and the metrics' numeric values."""
    from browser_support import find_chromium

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        command = ["node", str(LIGHTHOUSE), url, "--quiet", "--only-categories=performance", "--output=json",
                   f"--output-path={report}", "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
                   "--disable-dev-shm-usage --disable-background-networking"]
        command += ["--preset=desktop"] if desktop else []
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env={**os.environ, "CHROME_PATH": find_chromium()})
        data = json.loads(report.read_text())
    audits = data["audits"]
    figures = {key: audits[key]["numericValue"] for key in
               ("total-blocking-time", "cumulative-layout-shift", "largest-contentful-paint", "first-contentful-paint")}
    figures["performance"] = round(100 * data["categories"]["performance"]["score"])
    return figures


def lighthouse_figures(site: Path, paths: list[str]) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """Medians over RUNS mobile runs for each path, and desktop scores for the heaviest one."""
    from browser_support import serve

    mobile, desktop = {}, {}
    with serve(site, compress=True) as base_url:
        for path in paths:
            runs = [lighthouse(base_url + path.lstrip("/")) for _ in range(RUNS)]
            mobile[path] = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
        for path in paths[:2]:
            desktop[path] = statistics.median(lighthouse(base_url + path.lstrip("/"), desktop=True)["performance"]
                                              for _ in range(RUNS))
    return mobile, desktop


def near_a_budget(mobile: dict[str, float]) -> bool:
    """Close enough to a mobile budget that one run could be noise either way."""
    return (mobile["performance"] < 95 or mobile["total-blocking-time"] > 200
            or mobile["cumulative-layout-shift"] > 0.05)


def every_page(only: list[str]) -> int:
    """Lighthouse, mobile and desktop, on every page (or only those named, as `/cnn/detection/`);
    medians of three runs near a budget."""
    from browser_support import serve

    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "scripts.build", "--strict", "--site-dir", f"{tmp}/site"],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        site = Path(tmp) / "site"
        paths = sorted("/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                       if p.parent.name != "search" and "reference" not in p.parts)
        paths = ["/" if path == "/./" else path for path in paths]
        if unknown := sorted(set(only) - set(paths)):
            raise SystemExit(f"no such page: {', '.join(unknown)} (name pages as /chapter/topic/)")
        paths = [path for path in paths if path in only] if only else paths
        over = False
        print(f"Lighthouse 12 on {len(paths)} pages [mobile budgets: performance >= {MOBILE_BUDGET['performance']}, "
              f"TBT <= {MOBILE_BUDGET['total-blocking-time']} ms, CLS <= {MOBILE_BUDGET['cumulative-layout-shift']}; "
              f"desktop >= {DESKTOP_PERFORMANCE_BUDGET}]", flush=True)
        with serve(site, compress=True) as base_url:
            for path in paths:
                url = base_url + path.lstrip("/")
                mobile_runs, desktop_runs = [lighthouse(url)], [lighthouse(url, desktop=True)["performance"]]
                if near_a_budget(mobile_runs[0]):
                    mobile_runs += [lighthouse(url) for _ in range(RUNS - 1)]
                if desktop_runs[0] < DESKTOP_PERFORMANCE_BUDGET:
                    desktop_runs += [lighthouse(url, desktop=True)["performance"] for _ in range(RUNS - 1)]
                mobile = {key: statistics.median(run[key] for run in mobile_runs) for key in mobile_runs[0]}
                desktop = statistics.median(desktop_runs)
                broken = (mobile["performance"] < MOBILE_BUDGET["performance"]
                          or mobile["total-blocking-time"] > MOBILE_BUDGET["total-blocking-time"]
                          or mobile["cumulative-layout-shift"] > MOBILE_BUDGET["cumulative-layout-shift"]
                          or desktop < DESKTOP_PERFORMANCE_BUDGET)
                over |= broken
                print(f"  {mobile['performance']:4.0f}  TBT {mobile['total-blocking-time']:4.0f} ms  "
                      f"CLS {mobile['cumulative-layout-shift']:.3f}  "
                      f"LCP {mobile['largest-contentful-paint'] / 1000:.1f} s  "
                      f"desktop {desktop:3.0f}  runs {len(mobile_runs)}  {path}{'  OVER BUDGET' if broken else ''}",
                      flush=True)
    if over:
        print("OVER BUDGET: see the figures above.")
    return 1 if over else 0


def main() -> int:
    if sys.argv[1:2] == ["--every-page"]:
        return every_page(sys.argv[2:])
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "blocks.xml"
        wall = timed([sys.executable, "-m", "pytest", "docs", "-q", f"--junitxml={junit}"])
        blocks = code_block_times(junit)
        builds = [timed([sys.executable, "-m", "scripts.build", "--strict", "--site-dir", f"{tmp}/site"])
                  for _ in range(RUNS)]
        site = Path(tmp) / "site"
        pages = sorted(site.rglob("*.html"))
        size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        index_bytes = (site / "search" / "search_index.json").stat().st_size
        browser = browser_figures(site)
        doms = live_dom_sizes(site) if browser else {}
        heaviest = [path for path in sorted(doms, key=doms.get, reverse=True) if path not in ("/", "/questions/")]
        mobile, desktop = lighthouse_figures(site, heaviest[:HEAVIEST] + ["/", "/questions/"]) if doms else ({}, {})
    imports = [timed([sys.executable, "-c", "import tensorflow"]) for _ in range(RUNS)]

    ranked = sorted(blocks.items(), key=lambda item: item[1], reverse=True)
    median, worst = statistics.median(blocks.values()), ranked[0][1]
    print(f"code-block tests: {len(blocks)} blocks, wall {wall:.1f} s (includes importing TensorFlow once)")
    print(f"  per block: median {median:.2f} s [budget {MEDIAN_BUDGET_S}], max {worst:.2f} s [budget {MAX_BUDGET_S}]")
    print("  slowest ten:")
    for name, seconds in ranked[:10]:
        print(f"    {seconds:6.2f} s  {name}")
    print(f"site build (scripts/build.py --strict): median {statistics.median(builds):.2f} s over {RUNS} runs")
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

    print(f"live DOM elements per page, after scripts and formulas [budget {DOM_BUDGET:,}]:")
    for path, size in sorted(doms.items(), key=lambda item: -item[1]):
        print(f"  {size:6,}  {path}{'  OVER BUDGET' if size > DOM_BUDGET else ''}")
    over |= max(doms.values()) > DOM_BUDGET
    print(f"Lighthouse 12, mobile, medians of {RUNS} runs [budgets: performance >= {MOBILE_BUDGET['performance']}, "
          f"TBT <= {MOBILE_BUDGET['total-blocking-time']} ms, CLS <= {MOBILE_BUDGET['cumulative-layout-shift']}]:")
    for path, figures in mobile.items():
        print(f"  {figures['performance']:4.0f}  TBT {figures['total-blocking-time']:5.0f} ms  "
              f"CLS {figures['cumulative-layout-shift']:.3f}  LCP {figures['largest-contentful-paint'] / 1000:.1f} s  "
              f"FCP {figures['first-contentful-paint'] / 1000:.1f} s  {path}")
        over |= (figures["performance"] < MOBILE_BUDGET["performance"]
                 or figures["total-blocking-time"] > MOBILE_BUDGET["total-blocking-time"]
                 or figures["cumulative-layout-shift"] > MOBILE_BUDGET["cumulative-layout-shift"])
    for path, score in desktop.items():
        print(f"Lighthouse 12, desktop: performance {score:.0f} [budget {DESKTOP_PERFORMANCE_BUDGET}] {path}")
        over |= score < DESKTOP_PERFORMANCE_BUDGET
    if over:
        print("OVER BUDGET: see the figures above.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
