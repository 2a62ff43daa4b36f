"""Every question sits under its permanent id from the inventory, once.

The inventory is tests/questions.yaml: the project's own list of the questions
the site answers, grown as chapters land. No test reads anything outside the
repository. Rules:

- every `##` heading on a chapter page is a question and carries `{ #id }`;
- that id is in the inventory, under the page's category;
- no id is used twice anywhere in docs/;
- a chapter is either "coming soon" (no questions yet) or answers all of its
  category's questions.
"""

from collections import Counter
from pathlib import Path

import pytest

from scripts.docs_source import QUESTIONS, ROOT, chapter_page, headings, inventory, markdown_files

INVENTORY = inventory()
CATEGORIES = INVENTORY["categories"]


def ids_of(category):
    return [q["id"] for q in INVENTORY["questions"] if q["category"] == category]


def test_inventory_ids_are_unique_and_categorised():
    counts = Counter(q["id"] for q in INVENTORY["questions"])
    assert not [i for i, n in counts.items() if n > 1], f"duplicate ids in {QUESTIONS.name}"
    unknown = {q["category"] for q in INVENTORY["questions"]} - set(CATEGORIES)
    assert not unknown, f"questions in unknown categories: {unknown}"


def test_every_category_has_a_page_in_the_nav():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for category in CATEGORIES:
        assert chapter_page(category).is_file(), f"missing page docs/{category}.md"
        assert f"- {category}.md" in config, f"docs/{category}.md is not in the nav of mkdocs.yml"


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
    questions = [h for h in headings(page) if h.level == 2]
    problems = []
    for heading in questions:
        if not heading.id:
            problems.append(f"{heading.where}: question heading without a permanent id: add {{ #id }}")
        elif heading.id not in ids_of(category):
            problems.append(f"{heading.where}: #{heading.id} is not a `{category}` id in {QUESTIONS.name}")
    found = [h.id for h in questions]
    if questions:
        missing = [i for i in ids_of(category) if i not in found]
        problems += [f"{page.relative_to(ROOT)}: no answer for #{i}" for i in missing]
    else:
        assert "Coming soon" in page.read_text(encoding="utf-8"), (
            f"{page.relative_to(ROOT)} has no questions and no 'Coming soon' note")
    assert not problems, "\n".join(problems)


def answered_ids():
    return [(h.id, h.path) for page in markdown_files() for h in headings(page) if h.level == 2 and h.id]


def test_each_answered_id_is_one_anchor_on_the_built_page(site, pages):
    problems = []
    for question_id, source in answered_ids():
        built = site / ("index.html" if source.stem == "index" else Path(source.stem) / "index.html")
        html = built.read_text(encoding="utf-8")
        count = html.count(f'id="{question_id}"')
        if count != 1:
            problems.append(f"{source.relative_to(ROOT)}: #{question_id} appears {count} times as an id "
                            f"in {built.relative_to(site)}")
    assert not problems, "\n".join(problems)


def test_some_chapter_is_answered():
    assert answered_ids(), "no page answers any question yet"
