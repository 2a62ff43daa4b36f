"""Build the site as readers get it: `mkdocs build`, then every formula drawn into its page.

pymdownx.arithmatex leaves each formula's TeX in the page: inline `\\( ... \\)` in a
`<span class="arithmatex">`, display `\\[ ... \\]` in a `<div class="arithmatex">`. Drawing them
here, with the site's own copy of KaTeX run by V8 (mini-racer), means a reader's browser runs no
KaTeX: on a phone that was the largest script of a page with math, and formulas drawn after the
first paint moved the text around them. The search index keeps the TeX, as before.

`make build`, the tests, the offline zip and `make bench` build through `build_site`. `mkdocs serve`
does not, so there math.js draws the formulas in the browser, with the same KaTeX and options.

    python -m scripts.build [--site-dir DIR] [other `mkdocs build` options]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
import sys
from pathlib import Path

from scripts.docs_source import DOCS, ROOT

KATEX = DOCS / "assets" / "vendor" / "katex" / "katex.min.js"
FORMULA = re.compile(r'(<(span|div) class="arithmatex">)(.*?)(</\2>)', re.DOTALL)
# The options math.js gives KaTeX too: a formula KaTeX cannot parse shows its source in red
# instead of breaking the build, and tests/test_browser.py's MATH_PROBLEMS reports it.
DRAW_ALL = "(formulas) => JSON.stringify(JSON.parse(formulas).map(([tex, display]) =>" \
           " katex.renderToString(tex, { displayMode: display, throwOnError: false })))"


def build_site(site_dir: Path, *mkdocs_options: str, **run_options) -> subprocess.CompletedProcess:
    """`mkdocs build --site-dir site_dir` with the options given, then its formulas drawn.

    `run_options` go to subprocess.run (capture_output, env, ...); the formulas are drawn only
    if the build succeeded, and its result is returned either way.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir), *mkdocs_options]
    result = subprocess.run(command, cwd=ROOT, **run_options)
    if result.returncode == 0:
        draw_formulas(Path(site_dir))
    return result


def draw_formulas(site_dir: Path) -> int:
    """Replace the TeX of every formula in the site's pages by KaTeX's HTML and MathML; say how many."""
    from py_mini_racer import MiniRacer  # imported here: only a build needs V8

    v8 = MiniRacer()
    v8.eval(KATEX.read_text(encoding="utf-8"))
    draw_all = v8.eval(DRAW_ALL)
    drawn = 0
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        found = FORMULA.findall(text)
        if found:
            sources = [html.unescape(content).strip() for _, _, content, _ in found]
            formulas = [[source[2:-2], source.startswith("\\[")] for source in sources]
            page.write_text(with_drawings(text, json.loads(draw_all(json.dumps(formulas)))), encoding="utf-8")
            drawn += len(found)
    return drawn


def with_drawings(text: str, drawings: list[str]) -> str:
    """The page with its formulas' TeX, in order, replaced by their drawings."""
    drawings = iter(drawings)
    return FORMULA.sub(lambda match: match[1] + next(drawings) + match[4], text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site-dir", "-d", type=Path, default=ROOT / "site")
    site, mkdocs_options = parser.parse_known_args()
    return build_site(site.site_dir, *mkdocs_options).returncode


if __name__ == "__main__":
    sys.exit(main())
