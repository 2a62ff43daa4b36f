"""Every question sits under its permanent id from the inventory, once.

The inventory is tests/questions.yaml: the project's own list of the questions
the site answers, grown as chapters land. No test reads anything outside the
repository. Rules:

- a chapter is a folder, docs/<category>/: an overview page (index.md) with
  no questions of its own, and topic pages in the nav, each with at most
  MAX_PER_PAGE questions;
- every `##` heading on a topic page is a question and carries `{ #id }` and its level,
  `data-level="Easy"`, `"Medium"` or `"Hard"` (the one place a level is written down);
- that id is in the inventory, under the page's category;
- no id is used twice anywhere in docs/;
- a chapter is either "coming soon" (no questions yet) or answers all of its
  category's questions.
"""

from collections import Counter

import pytest

from scripts.docs_source import (
    DOCS,
    LEVELS,
    QUESTIONS,
    ROOT,
    chapter_page,
    headings,
    inventory,
    markdown_files,
    topic_pages,
)

INVENTORY = inventory()
CATEGORIES = INVENTORY["categories"]
MAX_PER_PAGE = 10  # a topic page stays small enough to be fast on a phone


def ids_of(category):
    return [q["id"] for q in INVENTORY["questions"] if q["category"] == category]


def test_inventory_ids_are_unique_and_categorised():
    counts = Counter(q["id"] for q in INVENTORY["questions"])
    assert not [i for i, n in counts.items() if n > 1], f"duplicate ids in {QUESTIONS.name}"
    unknown = {q["category"] for q in INVENTORY["questions"]} - set(CATEGORIES)
    assert not unknown, f"questions in unknown categories: {unknown}"


def test_every_category_has_an_overview_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for category in CATEGORIES:
        assert chapter_page(category).is_file(), f"missing overview page docs/{category}/index.md"
        assert f"- {category}/index.md" in config, f"docs/{category}/index.md is not in the nav of mkdocs.yml"


@pytest.mark.parametrize("category", CATEGORIES)
def test_topic_pages_hold_a_few_questions_each(category):
    overview = [h for h in headings(chapter_page(category)) if h.level == 2]
    assert not overview, f"{overview[0].where}: an overview page lists questions; it does not answer them"
    unlisted = sorted(set((DOCS / category).glob("*.md")) - set(topic_pages(category)) - {chapter_page(category)})
    assert not unlisted, f"not in the nav of mkdocs.yml: {[str(p.relative_to(ROOT)) for p in unlisted]}"
    for page in topic_pages(category):
        count = sum(h.level == 2 for h in headings(page))
        assert count <= MAX_PER_PAGE, f"{page.relative_to(ROOT)}: {count} questions; split it (at most {MAX_PER_PAGE})"


def test_no_heading_id_is_used_twice():
    seen: dict[str, str] = {}
    problems = []
    for page in markdown_files():
        for heading in headings(page):
            if heading.id and heading.id in seen:
                problems.append(f"{heading.where}: id #{heading.id} is already used at {seen[heading.id]}")
            elif heading.id:
                seen[heading.id] = heading.where
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("category", CATEGORIES)
def test_chapter_questions_carry_their_permanent_ids(category):
    page = chapter_page(category)
    questions = [h for topic in topic_pages(category) for h in headings(topic) if h.level == 2]
    problems = []
    for heading in questions:
        if not heading.id:
            problems.append(f"{heading.where}: question heading without a permanent id: add {{ #id }}")
        elif heading.id not in ids_of(category):
            problems.append(f"{heading.where}: #{heading.id} is not a `{category}` id in {QUESTIONS.name}")
        if heading.difficulty not in LEVELS:
            problems.append(f'{heading.where}: add the level to the heading: {{ #{heading.id} data-level="Medium" }}'
                            f" (one of {', '.join(LEVELS)}; the rubric is in CONTRIBUTING.md)")
    found = [h.id for h in questions]
    if questions:
        missing = [i for i in ids_of(category) if i not in found]
        problems += [f"docs/{category}/: no topic page answers #{i}" for i in missing]
    else:
        assert "Coming soon" in page.read_text(encoding="utf-8"), (
            f"{page.relative_to(ROOT)} has no questions and no 'Coming soon' note")
    assert not problems, "\n".join(problems)


def answered_ids():
    return [(h.id, h.path) for page in markdown_files() for h in headings(page) if h.level == 2 and h.id]


def test_each_answered_id_is_one_anchor_on_the_built_page(site, pages):
    problems = []
    for question_id, source in answered_ids():
        relative = source.relative_to(DOCS).with_suffix("")
        built = site / (relative.parent if relative.name == "index" else relative) / "index.html"
        html = built.read_text(encoding="utf-8")
        count = html.count(f'id="{question_id}"')
        if count != 1:
            problems.append(f"{source.relative_to(ROOT)}: #{question_id} appears {count} times as an id "
                            f"in {built.relative_to(site)}")
    assert not problems, "\n".join(problems)


def test_some_chapter_is_answered():
    assert answered_ids(), "no page answers any question yet"
