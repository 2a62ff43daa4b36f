"""The study features: levels, practice mode, progress, the question index, problem
reports, the verified badge and the offline copy (the flashcards: test_flashcards.py).

The generated files are checked as files; the features that live in the page
(study.js) are checked in headless Chromium.
"""

from __future__ import annotations

import re
import zipfile
from importlib.metadata import version
from urllib.parse import parse_qs, urlsplit

import pytest
from mkdocs.utils.yaml import yaml_load

from scripts.docs_source import DOCS, LEVELS, ROOT, chapters, questions
from scripts.offline import TOP_FOLDER

QUESTIONS = questions()
REPO_URL = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["repo_url"]


def test_every_question_opens_with_a_short_answer():
    empty = [f"docs/{q.page}: #{q.id} does not open with a plain paragraph" for q in QUESTIONS if not q.short_answer]
    assert not empty, "\n".join(empty) + "\n(the index and the flashcards use the answer's first sentence)"


def test_question_index_lists_every_question(site, pages):
    index = pages[site / "questions" / "index.html"]
    links = {url for _, _, url, _ in index.links}
    missing = [q.id for q in QUESTIONS if f"../{q.url}" not in links]
    assert not missing, f"the all-questions page is stale: it misses {missing}"
    assert f"{len(QUESTIONS)} questions" in index.text, "the index's count does not match the chapters"


def test_offline_zip_holds_the_whole_site(site):
    with zipfile.ZipFile(site / "downloads" / "handbook-offline.zip") as archive:
        names = set(archive.namelist())
    topics = [topic.relative_to(DOCS).with_suffix(".html").as_posix() for c in chapters() for topic in c.topics]
    overviews = [f"{c.category}/index.html" for c in chapters()]
    for page in ["index.html", "questions.html", "search/search_index.js"] + overviews + topics:
        assert f"{TOP_FOLDER}/{page}" in names, f"the offline zip has no {page}"


def test_every_topic_page_shows_the_verified_versions(site, pages):
    expected = f"TensorFlow {version('tensorflow')} and Keras {version('keras')}"
    for topic in (t for chapter in chapters() for t in chapter.topics):
        text = pages[site / topic.relative_to(DOCS).with_suffix("") / "index.html"].text
        assert expected in text, f"{topic.relative_to(ROOT)}: no verified badge saying {expected!r}"


def test_every_first_edition_link_is_forwarded(site, pages):
    """`/<chapter>/#<id>` opens the overview; its topic list must name the page that answers <id>."""
    problems = []
    for q in QUESTIONS:
        overview = site / q.category / "index.html"
        target = q.url.removeprefix(f"{q.category}/")  # `detection/#yolo`, relative to the overview
        if target not in {url for _, attr, url, _ in pages[overview].links if attr == "href"}:
            problems.append(f"docs/{q.category}/index.md: no link {target!r}, so /{q.category}/#{q.id} goes nowhere")
    assert not problems, "\n".join(problems)


# In the browser -----------------------------------------------------------------------------

def answers_hidden(page) -> int:
    return page.evaluate("() => [...document.querySelectorAll('.qa-answer')].filter(a => !a.offsetParent).length")


TOPIC = "tensorflow/keras-training/"  # the topic page the browser tests practise on


def test_practice_mode_hides_and_shows_answers_by_keyboard(page, base_url):
    page.goto(f"{base_url}{TOPIC}", wait_until="networkidle")
    total = page.locator(".qa-controls").count()
    assert total == sum(q.url.startswith(TOPIC) for q in QUESTIONS)
    assert page.locator(".qa-answer").count() == 0, "answers are wrapped only once practice mode is on"
    assert not page.locator(".qa-show").first.is_visible(), "'Show answer' belongs to practice mode only"
    page.locator(".practice-toggle").focus()
    page.keyboard.press("Enter")
    assert page.get_attribute(".practice-toggle", "aria-pressed") == "true"
    assert page.locator(".qa-answer").count() == total
    assert answers_hidden(page) == total
    show = page.locator(".qa-show").first
    assert show.get_attribute("aria-expanded") == "false"
    show.focus()
    page.keyboard.press("Space")
    assert show.get_attribute("aria-expanded") == "true" and answers_hidden(page) == total - 1


def test_practice_mode_persists_across_reload_and_instant_navigation(page, base_url):
    page.goto(f"{base_url}{TOPIC}", wait_until="networkidle")
    page.click(".practice-toggle")
    page.wait_for_selector(".practice-toggle[aria-pressed='true']")
    page.reload(wait_until="networkidle")
    # study.js starts from DOMContentLoaded; on a loaded machine that can trail the network.
    page.wait_for_function("() => document.body.classList.contains('practice-mode')", timeout=10_000)
    page.locator("a.md-footer__link--prev").click()  # instant navigation to the previous topic page
    page.wait_for_url("**/tensorflow/tensors-and-graphs/")
    page.wait_for_function("() => document.querySelectorAll('.qa-answer').length > 0")
    assert answers_hidden(page) == page.locator(".qa-answer").count() > 0


def test_a_permalink_in_practice_mode_reveals_its_answer(page, base_url):
    page.goto(f"{base_url}{TOPIC}", wait_until="networkidle")
    page.click(".practice-toggle")
    page.goto(f"{base_url}{TOPIC}#save-and-load-model", wait_until="networkidle")
    assert page.is_visible("#answer-save-and-load-model")
    assert not page.is_visible("#answer-keras-callbacks")


def test_search_result_opened_in_practice_mode_shows_the_answer(page, base_url):
    page.goto(f"{base_url}{TOPIC}", wait_until="networkidle")
    page.click(".practice-toggle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially("EarlyStopping", delay=20)
    page.locator(".md-search-result__link[href*='#keras-callbacks']").first.click()
    page.wait_for_function("() => location.hash === '#keras-callbacks'")
    page.wait_for_function("() => document.getElementById('answer-keras-callbacks').offsetParent !== null")


def test_progress_survives_reload_adds_up_per_chapter_and_resets(page, base_url):
    page.goto(f"{base_url}{TOPIC}", wait_until="networkidle")
    count = page.locator(".qa-controls").count()
    page.locator(".qa-known").nth(0).click()
    page.locator(".qa-known").nth(1).click()
    page.reload(wait_until="networkidle")
    assert page.inner_text(".study-progress__count") == f"2 of {count} reviewed"
    assert page.locator(".qa-known").first.get_attribute("aria-pressed") == "true"
    page.goto(f"{base_url}tensorflow/", wait_until="networkidle")  # the chapter's overview
    in_chapter = sum(q.category == "tensorflow" for q in QUESTIONS)
    assert page.inner_text(".study-progress__count") == f"2 of {in_chapter} reviewed"
    page.goto(base_url, wait_until="networkidle")
    assert page.inner_text(".study-progress__count") == f"2 of {len(QUESTIONS)} reviewed"
    page.click(".study-progress__reset")
    assert page.inner_text(".study-progress__count") == f"0 of {len(QUESTIONS)} reviewed"


SHOWN_ROWS = "[...document.querySelectorAll('table.question-index tbody tr')].filter((r) => r.checkVisibility())"
ASKED = "[...document.querySelectorAll('article > h2[data-level]')].filter((h) => h.checkVisibility())"


def test_question_filter_filters(page, base_url):
    page.goto(f"{base_url}questions/", wait_until="networkidle")
    visible = lambda: page.evaluate(f"() => {SHOWN_ROWS}.length")  # noqa: E731
    assert visible() == len(QUESTIONS)
    page.select_option("form.question-filter select[name=chapter]", "tensorflow")
    tensorflow = sum(q.category == "tensorflow" for q in QUESTIONS)
    assert visible() == tensorflow
    page.fill("form.question-filter input", "GradientTape loop")
    assert visible() == 1
    assert "1 question" in page.inner_text("form.question-filter output")


def test_question_filter_filters_by_level(page, base_url):
    page.goto(f"{base_url}questions/", wait_until="networkidle")
    for level in LEVELS:
        page.select_option("form.question-filter select[name=level]", level)
        shown = page.evaluate(f"() => {SHOWN_ROWS}.map((r) => r.dataset.level)")
        assert shown == [level] * sum(q.level == level for q in QUESTIONS), f"the {level} filter"
        assert f"{len(shown)} questions" in page.inner_text("form.question-filter output")


def test_every_question_shows_its_level_in_every_place(site):
    """The topic page's heading, the chapter overview and the all-questions table show one level."""
    assert not [q.id for q in QUESTIONS if q.level not in LEVELS]
    built = lambda path: (site / path / "index.html").read_text(encoding="utf-8")  # noqa: E731
    for q in QUESTIONS:
        heading = re.search(rf'<h2 [^>]*id="{q.id}"[^>]*>', built(q.url.split("#")[0]))
        assert heading and f'data-level="{q.level}"' in heading.group(), f"{q.url}: the heading lacks its level"
        item = re.search(rf'#{q.id}">.*?</a> (<span class="qa-level"[^<]*</span>)', built(q.category))
        assert item and f">{q.level}<" in item.group(1), f"{q.category}/: #{q.id} is listed without its level"
    assert built("questions").count('class="qa-level"') == len(QUESTIONS)


def test_level_badges_and_the_practice_filter(page, base_url):
    on_page = [q for q in QUESTIONS if q.url.startswith(TOPIC)]
    page.goto(f"{base_url}{TOPIC}", wait_until="networkidle")
    badges = page.evaluate("""() => [...document.querySelectorAll('article > h2[data-level] + .qa-controls')]
        .map((c) => getComputedStyle(c, '::before').content.replaceAll('"', ''))""")
    assert badges == [q.level for q in on_page], "each question's controls open with its level"
    assert not page.is_visible(".practice-filter select"), "the filter belongs to practice mode"
    page.click(".practice-toggle")
    asked = lambda: page.evaluate(f"() => {ASKED}.map((h) => h.id)")  # noqa: E731
    level = on_page[-1].level
    page.select_option(".practice-filter select", level)
    assert asked() == [q.id for q in on_page if q.level == level]
    page.reload(wait_until="networkidle")  # the choice is remembered
    assert asked() == [q.id for q in on_page if q.level == level]
    page.select_option(".practice-filter select", "")
    page.locator(".qa-known").first.click()
    page.select_option(".practice-filter select", "unmarked")
    assert asked() == [q.id for q in on_page[1:]], "'only what I have not marked' leaves out the marked one"
    page.click(".practice-toggle")  # out of practice mode every question is back
    assert asked() == [q.id for q in on_page]


def test_report_link_carries_the_question(page, base_url):
    page.goto(f"{base_url}tensorflow/tensors-and-graphs/", wait_until="networkidle")
    href = page.get_attribute("#tf-variables ~ .qa-controls .qa-report", "href")
    url = urlsplit(href)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{REPO_URL}/issues/new"
    query = parse_qs(url.query)
    assert query["title"] == ["Problem with #tf-variables"]
    body = query["body"][0]
    assert "Id: tf-variables" in body and f"{base_url}tensorflow/tensors-and-graphs/#tf-variables" in body
    assert f"TensorFlow {version('tensorflow')}" in body and "commit " in body


def test_offline_copy_works_from_disk_with_search(browser, site, tmp_path):
    with zipfile.ZipFile(site / "downloads" / "handbook-offline.zip") as archive:
        archive.extractall(tmp_path)
    home = (tmp_path / TOP_FOLDER / "index.html").as_uri()
    context = browser.new_context()
    try:
        page = context.new_page()
        requests = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(home, wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially("GradientTape", delay=20)
        result = page.locator(".md-search-result__link[href*='custom-training-loop']").first
        result.wait_for(timeout=15_000)
        result.click()
        page.wait_for_url("**/tensorflow/keras-training.html*#custom-training-loop")
        assert page.inner_text("#custom-training-loop").startswith("How do you write a custom training loop")
        # The page's scripts ran: its formulas are rendered and its study controls are wired up.
        page.wait_for_selector(".arithmatex .katex", timeout=10_000)
        assert page.locator(".qa-show[aria-controls]").count() > 0
    finally:
        context.close()
    foreign = [url for url in requests if not url.startswith(("file:", "data:", "blob:", "about:"))]
    assert not foreign, f"the offline copy requested {foreign}"


@pytest.mark.parametrize("download", ["flashcards.tsv", "flashcards.apkg", "handbook-offline.zip"])
def test_downloads_are_served(page, base_url, download):
    response = page.request.get(f"{base_url}downloads/{download}")
    assert response.ok and len(response.body()) > 1000
