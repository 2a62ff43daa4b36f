"""What a reader experiences, checked in a real headless Chromium on every page.

Each page is loaded once. At 1280 px in light mode: no request leaves the
site's origin, no console error, no failed request, every formula rendered by
KaTeX, every image loaded and described, at most 8,000 live elements, and no
serious or critical axe-core violation.
Then, on the same load, at 375 px in dark mode: nothing scrolls sideways, code
blocks scroll inside themselves, and axe-core finds no serious or critical
violation of the rules that width and colour change. Colour contrast is checked
on one text of each style, not on every text. So the cost grows with the
content, not with pages times checks. Reader flows: search, old links, the
dark-mode toggle, navigation, permalinks and the copy button.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import axe_playwright_python
import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browser_support import search_each, visit
from scripts.docs_source import DOCS, ROOT, fences, headings, inventory, markdown_files, questions, topic_pages
from search_queries import SEARCH_QUERIES


def url_of(source) -> str:
    """The site path a Markdown page is served at: docs/cnn/detection.md -> cnn/detection/."""
    relative = source.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        relative = relative.parent
    return "" if str(relative) == "." else f"{relative.as_posix()}/"


SOURCES = {url_of(source): source for source in markdown_files()}
BUILT_PAGES = sorted(SOURCES) + ["404.html"]
SERIOUS = {"serious", "critical"}
DOM_BUDGET = 8_000  # live elements once scripts and formulas have run: a phone stays responsive
AXE_SOURCE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
WIDTH_AND_COLOUR_RULES = ["color-contrast", "scrollable-region-focusable"]  # what changes at 375 px in dark


# Each problem found in the page starts with "[#id] ", the id of the heading above the element, which
# `located` turns into the Markdown source's `docs/page.md:LINE`.
SECTION_OF = """
const sectionOf = (el) => {
  for (let node = el; node && node !== document.body; node = node.parentElement) {
    for (let before = node.previousElementSibling; before; before = before.previousElementSibling) {
      if (/^H[1-6]$/.test(before.tagName) && before.id) return before.id;
    }
  }
  return "";
};
"""

MATH_PROBLEMS = r"""
() => {
  """ + SECTION_OF + r"""
  const problems = [];
  if (typeof katex !== "undefined") {
    problems.push("KaTeX ran in the browser: the build (scripts/build.py) left a formula undrawn");
  }
  for (const el of document.querySelectorAll(".arithmatex")) {
    if (!el.querySelector(".katex")) {
      problems.push(`[#${sectionOf(el)}] not rendered: ` + el.textContent.trim().slice(0, 60));
    }
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
    if (raw.test(text)) {
      problems.push(`[#${sectionOf(walker.currentNode.parentElement)}] raw formula left in the text: `
                    + text.trim().slice(0, 60));
    }
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
() => {
  """ + SECTION_OF + """
  return [...document.querySelectorAll("article img")].flatMap((img) => {
    const name = `[#${sectionOf(img)}] ` + img.getAttribute("src");
    const problems = [];
    if (!img.complete || img.naturalWidth === 0) problems.push("image did not load: " + name);
    if (!(img.getAttribute("alt") || "").trim()) problems.push("image without alt text: " + name);
    return problems;
  });
}
"""

SECTIONS_OF_TARGETS = """
(selectors) => {
  """ + SECTION_OF + """
  return selectors.map((selector) => {
    const el = document.querySelector(selector);
    return el ? sectionOf(el) : "";
  });
}
"""
LOCATION = re.compile(r"^(?P<before>.*?)\[#(?P<id>[\w-]*)\] (?P<after>.*)$")

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
    """Wait until the page is as a reader sees it: fonts loaded, and wide formulas made focusable
    (a11y.js sets data-formulas-checked once every formula is drawn and measured).
    """
    with contextlib.suppress(PlaywrightTimeout):  # a busy machine needs time; MATH_PROBLEMS reports it
        page.wait_for_function("() => document.body.dataset.formulasChecked === 'true'", timeout=10_000)
    page.evaluate("() => document.fonts.ready")


# axe-core reads colours and positions, which a skipped (content-visibility) subtree does not have
# until it is drawn; and KaTeX's and Pygments' thousands of spans inherit their colours from
# elements axe checks anyway. Code colours get their own test, in both schemes, on one page.
DRAW_EVERYTHING = "* { content-visibility: visible !important; }"
AXE_CONTEXT = {"exclude": [[".katex"], [".highlight"]]}

# Colour contrast is most of axe's time, and it costs per element of text: a long page has hundreds.
# But a contrast belongs to a style, not to a text: one visible element for each combination of
# colour, size, weight, background and opacity tests every contrast the page shows. They are marked
# data-contrast-sample (again after a change of scheme), and axe's rule checks only those.
MARK_ONE_TEXT_OF_EACH_STYLE = """
() => {
  const remembered = (compute) => {
    const known = new Map();
    return function of(el) {
      if (!el) return compute(null, null);
      if (!known.has(el)) known.set(el, compute(getComputedStyle(el), () => of(el.parentElement)));
      return known.get(el);
    };
  };
  const background = remembered((style, parent) => !style ? "canvas"
    : style.backgroundImage !== "none" ? style.backgroundImage
    : style.backgroundColor !== "rgba(0, 0, 0, 0)" ? style.backgroundColor : parent());
  const opacity = remembered((style, parent) => !style ? 1 : parseFloat(style.opacity) * parent());
  const hasText = (el) => [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
  for (const el of document.querySelectorAll("[data-contrast-sample]")) delete el.dataset.contrastSample;
  const seen = new Set();
  for (const el of document.body.querySelectorAll("*")) {
    if (!hasText(el) || el.closest(".katex, .highlight") || !el.checkVisibility()) continue;
    const style = getComputedStyle(el);
    const key = [style.color, style.fontSize, style.fontWeight, background(el), opacity(el)].join();
    if (!seen.has(key)) {
      seen.add(key);
      el.dataset.contrastSample = "";
    }
  }
  axe.configure({rules: [{id: "color-contrast", selector: "[data-contrast-sample]"}]});
  return seen.size;
}
"""


def axe(page, context=AXE_CONTEXT, rules=None) -> list[str]:
    """axe-core's serious and critical violations, one line per rule; colour contrast on one text of each
    style (MARK_ONE_TEXT_OF_EACH_STYLE) unless `context` names the elements. axe is injected once per page.
    """
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE)
        page.add_style_tag(content=DRAW_EVERYTHING)  # as if the reader had scrolled through it all
        page.evaluate("() => document.fonts.ready")
        page.evaluate("() => dispatchEvent(new Event('resize'))")  # a11y.js measures the formulas again
        page.wait_for_timeout(300)
        settle(page)
    if context is AXE_CONTEXT:
        page.evaluate(MARK_ONE_TEXT_OF_EACH_STYLE)
    else:
        page.evaluate("() => axe.reset()")  # every element of the context, as axe chooses them
    options = {"resultTypes": ["violations"], **({"runOnly": rules} if rules else {})}
    violations = page.evaluate("([context, options]) => axe.run(context, options).then((r) => r.violations)",
                               [context, options])
    problems = []
    for violation in violations:
        if violation["impact"] in SERIOUS:
            nodes = violation["nodes"][:5]
            selectors = [node["target"][0] for node in nodes if node["target"] and isinstance(node["target"][0], str)]
            section = next((s for s in page.evaluate(SECTIONS_OF_TARGETS, selectors) if s), "")
            targets = ", ".join(str(node["target"]) for node in nodes)
            problems.append(f"[#{section}] axe {violation['impact']}: {violation['id']} ({violation['help']}) "
                            f"at {targets}")
    return problems


def go_dark_on_a_phone(page) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    page.emulate_media(color_scheme="dark")  # the palette follows the system preference
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'", timeout=10_000)
    page.wait_for_timeout(300)  # a11y.js measures the formulas again after a resize
    settle(page)


def heading(page) -> str:
    """The page's title as a reader sees it, without the permalink sign."""
    return page.evaluate("() => document.querySelector('article h1').firstChild.textContent.trim()")


def where(path: str) -> str:
    """The Markdown source of a built page, for failure messages."""
    source = SOURCES.get(path)
    return f"{source.relative_to(ROOT)} (/{path})" if source else f"/{path}"


def located(path: str, problems: list[str]) -> list[str]:
    """Each problem prefixed with `docs/page.md:LINE`: the line of the text it quotes if the source has
    it, else the line of the heading above the element ("[#id] " in the problem), else the page.
    """
    source = SOURCES.get(path)
    if source is None:
        return problems
    lines = source.read_text(encoding="utf-8").splitlines()
    heading_lines = {h.id: h.line for h in headings(source) if h.id}
    out = []
    for problem in problems:
        m = LOCATION.match(problem)
        if not m:
            out.append(f"{source.relative_to(ROOT)}: {problem}")
            continue
        start = heading_lines.get(m.group("id"), 1)
        quoted = m.group("after").split(": ", 1)[-1][:25].strip()
        exact = next((n for n in range(start, len(lines) + 1) if quoted and quoted in lines[n - 1]), None)
        line = exact or start
        out.append(f"{source.relative_to(ROOT)}:{line}: {m.group('before')}{m.group('after')}")
    return out


@pytest.mark.parametrize("path", BUILT_PAGES)
def test_page_as_a_reader_sees_it(browser, base_url, path):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = context.new_page()
        record = visit(page, base_url + path, wait_until="load")
        settle(page)
        page.evaluate(SCROLL_TO_IMAGES)  # figures load lazily, as the reader scrolls to them
        problems = [f"request to another origin: {url}" for url in record.foreign_requests(base_url)]
        problems += [f"console error: {text}" for text in record.console_errors]
        problems += [f"failed request: {text}" for text in record.failed if path != "404.html"]
        problems += page.evaluate(MATH_PROBLEMS)
        problems += page.evaluate(IMAGE_PROBLEMS)
        elements = page.evaluate("() => document.getElementsByTagName('*').length")
        if elements > DOM_BUDGET:
            problems.append(f"{elements:,} live elements, over the budget of {DOM_BUDGET:,}: split the page")
        problems += [f"1280 px, light: {p}" for p in axe(page)]
        go_dark_on_a_phone(page)
        problems += [f"375 px: {p}" for p in page.evaluate(SIDEWAYS_PROBLEMS)]
        problems += [f"375 px, dark: {p}" for p in axe(page, rules=WIDTH_AND_COLOUR_RULES)]
    finally:
        context.close()
    assert not problems, f"{where(path)}:\n" + "\n".join(located(path, problems))


CODE_PAGE = "tensorflow/keras-training/"  # long blocks with every kind of token

# A colour belongs to a token class, so one span of each class (and the shortest block, for the
# text outside any span) tests every colour the code blocks use, at a fraction of axe's cost.
MARK_ONE_TOKEN_OF_EACH_CLASS = """
() => {
  const seen = new Set();
  for (const span of document.querySelectorAll(".highlight code span[class]")) {
    if (!seen.has(span.className)) { seen.add(span.className); span.dataset.colourSample = ""; }
  }
  const blocks = [...document.querySelectorAll(".highlight")];
  blocks.sort((a, b) => a.textContent.length - b.textContent.length)[0].dataset.colourSample = "";
  return seen.size;
}
"""


def formulas_on(path: str, site, tag: str) -> int:
    """The page's inline (`span`) or display (`div`) formulas."""
    return (site / path / "index.html").read_text(encoding="utf-8").count(f'<{tag} class="arithmatex">')


# Under `mkdocs serve` no build step draws the formulas: math.js loads KaTeX and draws them. Put
# each formula of a built page back to the TeX arithmatex left, draw it with math.js, and compare.
REDRAW_IN_THE_BROWSER = r"""
async () => {
  // The visible drawing (KaTeX's MathML for screen readers writes a few spaces differently when
  // katex.render builds the DOM itself). katex.render also writes "height: 1em;" for the build's
  // "height:1em;", an empty class="" where the build's HTML has none, and no xmlns on an <svg>.
  const drawing = (formula) => {
    const copy = formula.querySelector(".katex-html").cloneNode(true);
    for (const el of copy.querySelectorAll("[style]")) el.setAttribute("style", el.style.cssText);
    for (const el of copy.querySelectorAll("[class='']")) el.removeAttribute("class");
    return copy.innerHTML.replaceAll(' xmlns="http://www.w3.org/2000/svg"', "");
  };
  const formulas = [...document.querySelectorAll(".arithmatex")];
  const built = formulas.map(drawing);
  for (const formula of formulas) {
    const tex = formula.querySelector("annotation[encoding='application/x-tex']").textContent;
    formula.textContent = formula.matches("div") ? `\\[${tex}\\]` : `\\(${tex}\\)`;
  }
  await renderFormulas(formulas);
  return formulas.flatMap((formula, i) => drawing(formula) === built[i] ? [] : [formula.textContent.slice(0, 60)]);
}
"""


def test_math_js_draws_what_the_build_draws(browser, base_url, site):
    """On the page with the most display math (then inline), math.js (the `mkdocs serve` path) draws
    every formula exactly as the build did."""
    path = max(SOURCES, key=lambda path: (formulas_on(path, site, "div"), formulas_on(path, site, "span")))
    context = browser.new_context(base_url=base_url)
    try:
        page = context.new_page()
        visit(page, base_url + path, wait_until="load")
        differ = page.evaluate(REDRAW_IN_THE_BROWSER)
    finally:
        context.close()
    assert formulas_on(path, site, "div") >= 5 and formulas_on(path, site, "span") >= 20, f"too little math on {path}"
    assert not differ, f"{where(path)}: math.js draws {len(differ)} formulas differently, as {differ[:3]}"


def test_code_colours_have_contrast_in_both_schemes(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, color_scheme="light")
    try:
        page = context.new_page()
        visit(page, base_url + CODE_PAGE)
        settle(page)
        classes = page.evaluate(MARK_ONE_TOKEN_OF_EACH_CLASS)
        assert classes >= 10, f"only {classes} token classes on {CODE_PAGE}: pick a page with more code"
        code = {"include": [["[data-colour-sample]"]]}
        problems = [f"light: {p}" for p in axe(page, context=code, rules=["color-contrast"])]
        go_dark_on_a_phone(page)
        problems += [f"dark: {p}" for p in axe(page, context=code, rules=["color-contrast"])]
    finally:
        context.close()
    assert not problems, f"{where(CODE_PAGE)} code blocks:\n" + "\n".join(located(CODE_PAGE, problems))


@pytest.fixture(scope="session")
def search_results(browser, base_url, once) -> dict[str, list[str]]:
    """What a reader sees for every query of the test, searched in one page by one worker."""
    def run_the_queries():
        context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
        try:
            page = context.new_page()
            page.goto(base_url, wait_until="networkidle")
            for _ in range(20):  # the index loads in a worker after the page: wait until a search answers
                if search_each(page, ["keras"])["keras"]:
                    break
                page.wait_for_timeout(500)
            return search_each(page, [query for query, _ in SEARCH_QUERIES])
        finally:
            context.close()
    return once("search", run_the_queries)


@pytest.mark.parametrize(("query", "expected"), SEARCH_QUERIES, ids=[q for q, _ in SEARCH_QUERIES])
def test_search_lands_on_the_question(search_results, query, expected):
    """The question's own section is among the first three results a reader sees, not a page's top."""
    # Material heads each page's group of results with the page itself; the results under it are
    # the sections (questions) that matched, and those folded away are not visible.
    top = [link.split("#", 1)[1] for link in search_results[query] if "#" in link][:3]
    assert expected in top, (
        f"searching {query!r}: #{expected} is not in the first three results, which were {top}")


def test_search_queries_target_real_questions():
    ids = {q["id"] for q in inventory()["questions"]}
    assert len(SEARCH_QUERIES) >= 20
    assert len(dict(SEARCH_QUERIES)) == len(SEARCH_QUERIES), "a query is listed twice"
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


def test_navigation_reaches_every_chapter_and_topic(page, base_url):
    """The sidebar links every chapter from the home page, and every topic from its chapter's
    pages (navigation.prune renders only the open chapter's pages)."""
    def nav_links():
        return page.eval_on_selector_all("nav.md-nav--primary a.md-nav__link[href]",
                                         "els => els.map(e => new URL(e.href).pathname)")

    page.goto(base_url, wait_until="networkidle")
    from_home = nav_links()
    for category, title in inventory()["categories"].items():
        assert any(link.endswith(f"/{category}/") for link in from_home), f"no nav link to /{category}/"
        page.goto(f"{base_url}{category}/", wait_until="commit")
        page.wait_for_selector("article h1")  # the sidebar comes before it in the HTML, which writes it
        assert heading(page) == title, f"/{category}/ does not open {title!r}"
        in_chapter = nav_links()
        for path in [url_of(topic) for topic in topic_pages(category)]:
            assert any(link.endswith(f"/{path}") for link in in_chapter), f"/{category}/ has no nav link to /{path}"


def test_instant_navigation_follows_a_nav_link(page, base_url):
    page.goto(base_url, wait_until="networkidle")
    page.locator("article a[href$='/tensorflow/']").first.click()  # instant navigation makes hrefs absolute
    page.wait_for_url("**/tensorflow/")
    assert heading(page) == inventory()["categories"]["tensorflow"]


# The question's heading sits at the top of the window, and the window has scrolled to it.
IN_VIEW = "((top) => scrollY > 0 && 0 <= top && top < 250)(document.getElementById(id).getBoundingClientRect().top)"


def scrolled_to(page, question_id: str) -> str:
    """'' when the question's heading sits at the top of the window after scrolling, else why not."""
    if page.evaluate(f"(id) => {IN_VIEW}", question_id):
        return ""
    top = page.evaluate("(id) => document.getElementById(id).getBoundingClientRect().top", question_id)
    return f"#{question_id} at {top}px after scrolling {page.evaluate('() => scrollY')}px"


def test_permalink_opens_scrolled_to_its_question(page, base_url):
    page.goto(f"{base_url}tensorflow/keras-training/#save-and-load-model", wait_until="networkidle")
    assert not scrolled_to(page, "save-and-load-model")


def last_question(category: str):
    """The last question of a chapter's last topic page: the farthest from its old chapter page."""
    last_page = topic_pages(category)[-1]
    return [q for q in questions() if q.source == last_page][-1]


# One first-edition link per chapter, /<chapter>/#<id>; test_study checks the map for every id.
OLD_LINKS = [(q.category, q.id, q.url) for q in map(last_question, inventory()["categories"])]


@pytest.mark.parametrize(("category", "question_id", "new_url"), OLD_LINKS, ids=[c for c, _, _ in OLD_LINKS])
def test_a_first_edition_link_lands_on_its_question(page, base_url, category, question_id, new_url):
    page.goto(f"{base_url}{category}/#{question_id}", wait_until="commit")
    page.wait_for_url(f"{base_url}{new_url}", wait_until="load")  # the overview forwards it (study.js)
    with contextlib.suppress(PlaywrightTimeout):  # until math.js has put the question back in view
        page.wait_for_function(f"(id) => document.fonts.status === 'loaded' && {IN_VIEW}", arg=question_id,
                               timeout=10_000)
    assert not scrolled_to(page, question_id), f"/{category}/#{question_id} landed badly"


def test_copy_button_copies_exactly_the_code(browser, base_url):
    context = browser.new_context(base_url=base_url, permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{base_url}{url_of(topic_pages('tensorflow')[0])}", wait_until="networkidle")
        block = page.locator("div.language-python.highlight").first
        block.hover()
        block.locator("button[data-md-type='copy']").click()
        copied = page.evaluate("() => navigator.clipboard.readText()")
    finally:
        context.close()
    source = next(f for f in fences(topic_pages("tensorflow")[0]) if f.info == "python")
    expected = "\n".join(line[len(source.indent):] for line in source.body)
    assert copied.rstrip("\n") == expected.rstrip("\n")


def test_pages_list_is_complete():
    assert len(BUILT_PAGES) == len(markdown_files()) + 1  # every page, plus 404.html
