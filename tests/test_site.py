"""Build the site once with `mkdocs build --strict`, then check what it contains.

- The build itself passes in strict mode (broken Markdown links, missing
  anchors and missing includes are errors).
- Every internal link and `#anchor` in the built HTML resolves.
- The built site loads nothing from another origin.
- The home page states the TensorFlow and Keras versions actually installed,
  and its chapter grid counts the questions each chapter really answers.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from urllib.parse import unquote, urlsplit

from built_site import EXTERNAL_SCHEMES, FETCHING, locate, resolve
from scripts.docs_source import DOCS, chapters, inventory


def test_build_is_strict_clean(build):
    assert not build.error, f"mkdocs build failed:\n{build.error}"
    assert not build.strict_failure, f"mkdocs build --strict refused:\n{build.strict_failure}"
    assert (build.path / "index.html").is_file()


def test_internal_links_and_anchors_resolve(site, pages):
    problems = []
    for path, page in pages.items():
        for tag, attr, url, line in page.links:
            if not url or urlsplit(url).scheme in EXTERNAL_SCHEMES or url.startswith("//"):
                continue
            target, fragment = resolve(path, site, url)
            if not target.is_file():
                problems.append(f"{locate(path, site, url)}: <{tag} {attr}={url!r}> points at a missing file "
                                f"(built page {path.relative_to(site)}, HTML line {line})")
            elif fragment and target.suffix == ".html" and unquote(fragment) not in pages[target].ids:
                problems.append(f"{locate(path, site, url)}: <{tag} {attr}={url!r}>: no id {fragment!r} in "
                                f"{target.relative_to(site)} (built page {path.relative_to(site)}, HTML line {line})")
    assert not problems, "\n".join(problems)


def test_nothing_is_fetched_from_another_origin(site, pages):
    problems = []
    for path, page in pages.items():
        for tag, attr, url, line in page.links:
            if (tag, attr) in FETCHING and (url.startswith("//") or urlsplit(url).scheme in ("http", "https")):
                problems.append(f"{locate(path, site, url)}: <{tag} {attr}={url!r}> loads from another origin "
                                f"(built page {path.relative_to(site)}, HTML line {line})")
    for css in site.rglob("*.css"):
        for _ in re.findall(r"""@import\s+(?:url\()?["']?(https?:)?//""", css.read_text(encoding="utf-8")):
            problems.append(f"{css.relative_to(site)}: imports a stylesheet from another origin")
    assert not problems, "\n".join(problems)


def test_home_page_states_installed_versions(pages, site):
    text = pages[site / "index.html"].text
    for package, label in (("tensorflow", "TensorFlow"), ("keras", "Keras")):
        assert f"{label} {version(package)}" in text, f"the home page does not say {label} {version(package)}"


def test_every_formula_is_drawn_when_the_site_is_built(site):
    """scripts/build.py draws every formula into its page, so no page loads KaTeX's script;
    KaTeX's style sheet and fonts are the site's own."""
    undrawn, loads_katex, drawn = [], [], 0
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        formulas = re.findall(r'class="arithmatex">(.{0,30})', text)
        undrawn += [f"{page.relative_to(site)}: {start}" for start in formulas
                    if not start.startswith('<span class="katex')]
        drawn += len(formulas)
        if "katex.min.js" in text:
            loads_katex.append(str(page.relative_to(site)))
    assert drawn > 1000, f"only {drawn} formulas in the built site: is arithmatex still on?"
    assert not undrawn, f"{len(undrawn)} formulas left as TeX, as {undrawn[:3]}"
    assert not loads_katex, f"pages that load KaTeX's script: {loads_katex[:3]}"
    katex = site / "assets" / "vendor" / "katex"
    assert (katex / "katex.min.css").is_file() and (katex / "fonts" / "KaTeX_Main-Regular.woff2").is_file()


def test_home_page_chapter_counts_match_the_built_chapters(site, pages):
    """The home page's grid says how many questions each chapter answers: check it against the chapter."""
    inventory_ids = {q["id"]: q["category"] for q in inventory()["questions"]}
    home = pages[site / "index.html"].text
    for chapter in chapters():
        built_ids = set().union(*(pages[site / t.relative_to(DOCS).with_suffix("") / "index.html"].ids
                                  for t in chapter.topics))
        answered = [i for i, category in inventory_ids.items() if category == chapter.category and i in built_ids]
        status = f"{len(answered)} question" if answered else "Coming soon"
        assert re.search(re.escape(chapter.title) + r"\s+" + re.escape(status), home), (
            f"the home page should show {chapter.title!r} with {status!r}")
        if answered:
            assert chapter.description, (
                f"docs/{chapter.category}/index.md: add `description:` front matter for its card")


def test_search_worker_carries_the_lunr_fix(site):
    """The search worker in the site is the one scripts/generate.py fixed (see LUNR_NODE_KEY there):
    without it, a query can expand to a word no document holds, and the search finds nothing."""
    from scripts.generate import LUNR_NODE_KEY, LUNR_NODE_KEY_FIXED

    [worker] = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
    code = worker.read_text(encoding="utf-8")
    assert LUNR_NODE_KEY_FIXED in code and LUNR_NODE_KEY not in code, f"{worker.name} is Material's unfixed worker"
