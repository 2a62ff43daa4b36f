"""Guard the guard: every page under docs/ is checked and its blocks are run.

The checks themselves live in tests/markdown_checks.py and run once per page, as the `static
checks` item that the top-level conftest.py collects from each page; the blocks run as that
page's `line N` items.
"""

import subprocess
import sys

from scripts.docs_source import ROOT, fences, markdown_files


def test_the_guard_sees_the_pages():
    assert len(markdown_files()) >= 12, "docs/ should hold a home page and one page per category"


def test_every_page_and_block_is_collected():
    run = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-n", "0", "docs"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    collected = set(run.stdout.splitlines())
    expected = {f"{page.relative_to(ROOT)}::static checks" for page in markdown_files()}
    expected |= {f"{page.relative_to(ROOT)}::line {fence.line}" for page in markdown_files()
                 for fence in fences(page) if fence.info == "python" and fence.marker.startswith("`")}
    missing = sorted(expected - collected)
    assert not missing, f"not collected: {missing[:10]}\n{run.stdout[-2000:]}{run.stderr[-2000:]}"
