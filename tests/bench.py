"""`make bench`: how long the checks take and how big the site is.

Prints the wall time of the code-block tests, the ten slowest blocks, the
`mkdocs build` time, the page count, the site's size, and the time of a bare
`import tensorflow` for scale. Timings are medians over a few runs, because
shared machines are noisy. Exits non-zero when a code block breaks the budget:
median under 0.5 s, none over 3 s.
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

    over = median >= MEDIAN_BUDGET_S or worst > MAX_BUDGET_S
    if over:
        print("OVER BUDGET: speed up the slowest blocks above.")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
