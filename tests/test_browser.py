"""What a reader experiences, checked in a real headless Chromium on every page.

Per page (desktop, light): no request leaves the site's origin, no console
error, no failed request, every formula rendered by KaTeX, every image loaded
and described, no serious or critical axe-core violation. Per page (375 px
wide, dark): nothing scrolls sideways, code blocks scroll inside themselves,
and again no serious or critical axe-core violation.
Reader flows: search, the dark-mode toggle, navigation, permalinks and the
copy button.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_support import search, visit
from scripts.docs_source import DOCS, chapter_page, fences, inventory
from search_queries import SEARCH_QUERIES

BUILT_PAGES = ["", "404.html", "reference/"] + [f"{path.stem}/" for path in sorted(DOCS.glob("*.md"))
                                                if path.stem not in ("index", "reference")]
SERIOUS = {"serious", "critical"}

MATH_RENDERED = "() => [...document.querySelectorAll('.arithmatex')].every((el) => el.querySelector('.katex'))"

MATH_PROBLEMS = r"""
() => {
  const problems = [];
  for (const el of document.querySelectorAll(".arithmatex")) {
    if (!el.querySelector(".katex")) problems.push("not rendered: " + el.textContent.trim().slice(0, 60));
  }
  const root = document.querySelector("article") || document.body;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.parentElement.closest("code, pre, script, style, .katex")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  // TeX delimiters, $...$ spans, or TeX commands such as \frac that KaTeX should have consumed.
  const raw = /\\\(|\\\)|\\\[|\\\]|\$\$|\$[^$\n]+\$|\\[a-zA-Z]{2,}/;
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent;
    if (raw.test(text)) problems.push("raw formula left in the text: " + text.trim().slice(0, 60));
  }
  return problems;
}
"""

SCROLL_TO_IMAGES = """
async () => {
  for (const img of document.querySelectorAll("article img")) {
    img.scrollIntoView();
    if (!img.complete) {
      await new Promise((done) => {
        img.addEventListener("load", done, {once: true});
        img.addEventListener("error", done, {once: true});
        setTimeout(done, 5000);
      });
    }
  }
  window.scrollTo(0, 0);
}
"""

IMAGE_PROBLEMS = """
() => [...document.querySelectorAll("article img")].flatMap((img) => {
  const name = img.getAttribute("src");
  const problems = [];
  if (!img.complete || img.naturalWidth === 0) problems.push("image did not load: " + name);
  if (!(img.getAttribute("alt") || "").trim()) problems.push("image without alt text: " + name);
  return problems;
})
"""

SIDEWAYS_PROBLEMS = """
() => {
  const problems = [];
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    const scrolls = (el) => ["auto", "scroll", "hidden"].includes(getComputedStyle(el).overflowX);
    const culprits = [...document.querySelectorAll("body *")].filter((el) => {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) return false;
      for (let up = el.parentElement; up; up = up.parentElement) if (scrolls(up)) return false;
      return true;
    }).slice(0, 5).map((el) => el.tagName.toLowerCase() + "." + [...el.classList].join("."));
    problems.push(`page is ${document.documentElement.scrollWidth}px wide at ${width}px: ${culprits.join(", ")}`);
  }
  for (const code of document.querySelectorAll("pre > code")) {
    const overflow = getComputedStyle(code).overflowX;
    if (!["auto", "scroll"].includes(overflow)) problems.push("code block does not scroll inside itself");
  }
  return problems;
}
"""


def settle(page) -> None:
    """Wait until the page is as a reader sees it: formulas rendered and fonts loaded.

    KaTeX renders after load, and its fonts change the formulas' widths, which
    decides which ones scroll (and so must be focusable). A busy machine needs time.
    """
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(MATH_RENDERED, timeout=10_000)
    page.evaluate("() => document.fonts.ready")
    page.evaluate("() => new Promise((done) => setTimeout(done, 300))")  # a11y.js re-checks after fonts


def serious_accessibility_problems(page) -> list[str]:
    """axe-core's serious and critical violations on the page as loaded, one line per rule."""
    problems = []
    for violation in Axe().run(page).response["violations"]:
        if violation["impact"] in SERIOUS:
            targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
            problems.append(f"axe {violation['impact']}: {violation['id']} ({violation['help']}) at {targets}")
    return problems


def heading(page) -> str:
    """The page's title as a reader sees it, without the permalink sign."""
    return page.evaluate("() => document.querySelector('article h1').firstChild.textContent.trim()")


@pytest.mark.parametrize("path", BUILT_PAGES)
def test_page_loads_cleanly(page, base_url, path):
    record = visit(page, base_url + path)
    settle(page)
    page.evaluate(SCROLL_TO_IMAGES)  # figures load lazily, as the reader scrolls to them
    problems = [f"request to another origin: {url}" for url in record.foreign_requests(base_url)]
    problems += [f"console error: {text}" for text in record.console_errors]
    problems += [f"failed request: {text}" for text in record.failed if "/404.html" not in base_url + path]
    problems += page.evaluate(MATH_PROBLEMS)
    problems += page.evaluate(IMAGE_PROBLEMS)
    problems += serious_accessibility_problems(page)
    assert not problems, f"/{path} at 1280 px, light:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", BUILT_PAGES)
def test_page_fits_a_phone_and_is_accessible_in_dark_mode(browser, base_url, path):
    context = browser.new_context(base_url=base_url, viewport={"width": 375, "height": 740},
                                  color_scheme="dark", is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        visit(phone, base_url + path)
        settle(phone)
        problems = phone.evaluate(SIDEWAYS_PROBLEMS) + serious_accessibility_problems(phone)
    finally:
        context.close()
    assert not problems, f"/{path} at 375 px, dark:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    yield page
    context.close()


@pytest.mark.parametrize(("query", "expected"), SEARCH_QUERIES, ids=[q for q, _ in SEARCH_QUERIES])
def test_search_finds_the_question(search_page, query, expected):
    links, _ = search(search_page, query)
    top = [link.split("#", 1)[1] for link in links[:3]]
    assert expected in top, f"searching {query!r}: #{expected} is not in the first three results {top}"


def test_search_queries_target_real_questions():
    ids = {q["id"] for q in inventory()["questions"]}
    assert len(SEARCH_QUERIES) >= 20
    assert not [e for _, e in SEARCH_QUERIES if e not in ids]


def test_dark_mode_toggle_persists_across_reload(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    scheme = lambda: page.get_attribute("body", "data-md-color-scheme")  # noqa: E731
    for _ in range(3):  # the toggle cycles: system preference -> light -> dark
        if scheme() == "slate":
            break
        page.locator("form[data-md-component='palette'] label:visible").first.click()
    assert scheme() == "slate", "the palette toggle never reached dark mode"
    page.reload(wait_until="networkidle")
    assert scheme() == "slate", "dark mode did not survive a reload"


def test_navigation_reaches_every_category(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    nav_links = page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]",
                                          "els => els.map(e => e.getAttribute('href'))")
    for category, title in inventory()["categories"].items():
        assert any(link.rstrip("/").endswith(category) for link in nav_links), f"no nav link to {category}"
        page.goto(f"{base_url}{category}/", wait_until="networkidle")
        assert heading(page) == title, f"/{category}/ does not open {title!r}"


def test_instant_navigation_follows_a_nav_link(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    page.locator("article a[href$='/tensorflow/']").first.click()  # instant navigation makes hrefs absolute
    page.wait_for_url("**/tensorflow/")
    assert heading(page) == inventory()["categories"]["tensorflow"]


def test_permalink_opens_scrolled_to_its_question(page, base_url):
    page.goto(f"{base_url}tensorflow/#save-and-load-model", wait_until="networkidle")
    top = page.evaluate("() => document.getElementById('save-and-load-model').getBoundingClientRect().top")
    scrolled = page.evaluate("() => window.scrollY")
    assert scrolled > 0 and 0 <= top < 150, f"heading at {top}px after scrolling {scrolled}px"


def test_copy_button_copies_exactly_the_code(browser, base_url):
    context = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{base_url}tensorflow/", wait_until="networkidle")
        block = page.locator("div.language-python.highlight").first
        block.hover()
        block.locator("button[data-md-type='copy']").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
    finally:
        context.close()
    source = next(f for f in fences(chapter_page("tensorflow")) if f.info == "python")
    expected = "\n".join(line[len(source.indent):] for line in source.body)
    assert copied.rstrip("\n") == expected.rstrip("\n")


def test_pages_list_is_complete():
    assert len(BUILT_PAGES) == len(list(DOCS.glob("*.md"))) + 1  # every page, plus 404.html
    assert all(Path(DOCS, p.rstrip("/") + ".md").is_file() for p in BUILT_PAGES if p.endswith("/"))
