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
from scripts.docs_source import DOCS, chapters, inventory, topic_pages


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


def test_math_is_left_for_katex_and_katex_is_local(site):
    built = [site / topic.relative_to(DOCS).with_suffix("") / "index.html" for topic in topic_pages("training")]
    assert any('class="arithmatex"' in page.read_text(encoding="utf-8") for page in built), (
        "the training chapter should contain math for KaTeX to render")
    assert (site / "assets" / "vendor" / "katex" / "katex.min.js").is_file()


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
