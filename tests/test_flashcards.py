"""The flashcard deck, read as a reader downloads it from the built site: the TSV and the .apkg.

Every card of both files must show rendered HTML, never raw Markdown; keep its math, unchanged, in
the delimiters Anki typesets; link only to the published site, to a question that exists there;
and carry its chapter (and level, when it has one) as tags.
"""

from __future__ import annotations

import csv
import re
import sqlite3
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

from scripts.docs_source import questions
from scripts.flashcards import card_tags, is_local, published_link, published_site_url
from scripts.generate import site_config

QUESTIONS = questions()
SITE_URL = published_site_url(site_config())
MATH = re.compile(r"\\\((.*?)\\\)|\\\[(.*?)\\\]", re.DOTALL)
MATH_DELIMITER = re.compile(r"\\[()\[\]]")
# What Markdown looks like when nothing rendered it; checked outside math, asterisks outside code too.
RAW_MARKDOWN = {"**": re.compile(r"\*\*"), "a backtick": re.compile("`"), "](": re.compile(r"\]\("),
                "[text](": re.compile(r"\[[^\]]*\]\("), "*emphasis*": re.compile(r"(?<![\w*])\*[^*\s][^*]*\*")}
VOID = {"br", "hr", "img", "wbr"}


@dataclass
class Card:
    front: str
    back: str
    tags: list[str]
    level: str | None = None  # the TSV's level column; the .apkg has the level only as a tag


def tsv_cards(path) -> list[Card]:
    with open(path, encoding="utf-8", newline="") as f:
        rows = [row for row in csv.reader(f, delimiter="\t") if row and not row[0].startswith("#")]
    assert all(len(row) == 4 for row in rows), "a TSV row is not question, answer, tags, level"
    return [Card(front, back, tags.split(), level) for front, back, tags, level in rows]


def apkg_cards(path, tmp_path) -> list[Card]:
    with zipfile.ZipFile(path) as package:
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        rows = db.execute("select flds, tags from notes order by id").fetchall()
    return [Card(*fields.split("\x1f"), tags.split()) for fields, tags in rows]


@pytest.fixture(scope="module", params=["flashcards.tsv", "flashcards.apkg"])
def deck(request, site, tmp_path_factory) -> list[tuple[str, Card]]:
    """(question id, card) for every card of one of the two files, in the order of the questions."""
    path = site / "downloads" / request.param
    cards = tsv_cards(path) if path.suffix == ".tsv" else apkg_cards(path, tmp_path_factory.mktemp("apkg"))
    assert len(cards) == len(QUESTIONS), f"{request.param} has {len(cards)} cards for {len(QUESTIONS)} questions"
    return [(q.id, card) for q, card in zip(QUESTIONS, cards)]


@dataclass
class Reading:
    """What a card's HTML holds, as html.parser reads it."""

    problems: list[str] = field(default_factory=list)  # tags that do not nest
    hrefs: list[str] = field(default_factory=list)
    text: str = ""  # the text a reader sees
    prose: str = ""  # the same, without the text of <code> elements


class CardParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.reading, self.open, self.text, self.prose = Reading(), [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.reading.hrefs.append(dict(attrs).get("href") or "")
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.open or self.open[-1] != tag:
            self.reading.problems.append(f"</{tag}> closes {'<' + self.open[-1] + '>' if self.open else 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data):
        self.text.append(data)
        if "code" not in self.open:
            self.prose.append(data)


def read(card_html: str) -> Reading:
    parser = CardParser()
    parser.feed(card_html)
    parser.close()
    reading = parser.reading
    reading.problems += [f"<{tag}> never closed" for tag in parser.open]
    reading.text, reading.prose = "".join(parser.text), "".join(parser.prose)
    return reading


def sides(card: Card) -> dict[str, str]:
    return {"front": card.front, "back": card.back}


def words(text: str) -> str:
    """The letters and digits of a text, of Markdown without its link targets: what a reader reads."""
    return re.sub(r"\W|_", "", re.sub(r"\]\([^)\s]*\)", "]", text))


def test_every_question_has_a_card_with_its_answer_tags_and_full_answer_link(deck):
    problems = []
    for (question_id, card), question in zip(deck, QUESTIONS):
        if card.tags != card_tags(question) or f"level::{question.level}" not in card.tags:
            problems.append(f"#{question_id}: tags {card.tags}, expected {card_tags(question)} with its level")
        if card.level is not None and card.level != question.level:
            problems.append(f"#{question_id}: level column {card.level!r}, expected {question.level!r}")
        for side, content, source in (("front", card.front, question.heading),
                                      ("back", card.back, question.short_answer)):
            if not words(read(content).text).startswith(words(source)):
                problems.append(f"#{question_id}: the {side} does not say {source!r}")
        hrefs = read(card.back).hrefs
        if not hrefs or hrefs[-1] != SITE_URL + question.url:
            problems.append(f"#{question_id}: the back does not end with a link to the full answer")
    assert not problems, "\n".join(problems)


def test_no_card_shows_raw_markdown(deck):
    problems = []
    for question_id, card in deck:
        for side, content in sides(card).items():
            reading = read(content)
            outside_math = {"html": MATH.sub("", content), "prose": MATH.sub("", reading.prose)}
            for name, pattern in RAW_MARKDOWN.items():
                # Asterisks count outside code only: `**kwargs` in a code span is Python, not bold.
                where = outside_math["prose" if name in ("**", "*emphasis*") else "html"]
                if found := pattern.search(where):
                    context = where[max(found.start() - 30, 0):found.end() + 30]
                    problems.append(f"#{question_id} {side}: raw Markdown {name}: …{context}…")
    assert not problems, "\n".join(problems)


def test_no_card_links_to_this_machine(deck):
    assert not is_local(SITE_URL), SITE_URL
    local = [f"#{question_id}: {found[0]}" for question_id, card in deck
             if (found := re.search(r"127\.0\.0\.1|localhost|0\.0\.0\.0|\[::1\]", card.front + card.back))]
    assert not local, "cards that link to this machine, which a reader's Anki cannot open:\n" + "\n".join(local)


def test_every_link_leads_to_a_question_on_the_published_site(deck, site, pages):
    """Links the Markdown wrote relative (`../nlp/attention-and-bert.md#attention`, `#lora`) become
    `<site_url>nlp/attention-and-bert/#attention`; each must name a built page and one of its ids."""
    problems = []
    for (question_id, card), question in zip(deck, QUESTIONS):
        external = set(re.findall(r"\]\((https?://[^)\s]+)\)", question.heading + question.short_answer))
        for href in read(card.front).hrefs + read(card.back).hrefs:
            if href in external:
                continue
            if not href.startswith(SITE_URL):
                problems.append(f"#{question_id}: {href!r} is not on the published site {SITE_URL}")
                continue
            parts = urlsplit(href.removeprefix(SITE_URL))
            target = site / unquote(parts.path) / "index.html"
            if not target.is_file():
                problems.append(f"#{question_id}: {href!r} names no built page")
            elif parts.fragment and parts.fragment not in pages[target].ids:
                problems.append(f"#{question_id}: {href!r}: {target.relative_to(site)} has no id {parts.fragment!r}")
    assert not problems, "\n".join(problems)


def math_of(text: str) -> list[str]:
    return [m.group(0) for m in MATH.finditer(text)]


def test_math_reaches_anki_unchanged_in_balanced_delimiters(deck):
    """Anki typesets `\\( \\)` and `\\[ \\]`; Markdown must not have eaten a backslash, `_` or `*` inside."""
    problems = []
    for (question_id, card), question in zip(deck, QUESTIONS):
        for side, content, source in (("front", card.front, question.heading),
                                      ("back", card.back, question.short_answer)):
            text = read(content).text
            delimiters = "".join(d[1] for d in MATH_DELIMITER.findall(text))
            if re.sub(r"\(\)|\[\]", "", delimiters):
                problems.append(f"#{question_id} {side}: unbalanced math delimiters {delimiters!r}")
            if math_of(text) != math_of(source):
                problems.append(f"#{question_id} {side}: math {math_of(text)}, the page has {math_of(source)}")
    assert not problems, "\n".join(problems)


def test_every_card_is_well_formed_html(deck):
    problems = [f"#{question_id} {side}: {problem}" for question_id, card in deck
                for side, content in sides(card).items() for problem in read(content).problems]
    stray = [f"#{question_id}: a bare '<' or '&'" for question_id, card in deck
             if re.search(r"<(?![a-z/])|&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)", card.front + card.back)]
    assert not problems + stray, "\n".join(problems + stray)


# The rules, on examples ----------------------------------------------------------------------

def test_links_become_addresses_of_built_pages():
    site = "https://example.org/handbook/"
    page = "transformers/attention.md"
    assert published_link("../nlp/attention-and-bert.md#attention", page, site) == (
        "https://example.org/handbook/nlp/attention-and-bert/#attention")
    assert published_link("#causal-mask", page, site) == "https://example.org/handbook/transformers/attention/#causal-mask"
    assert published_link("positions-and-context.md", page, site) == (
        "https://example.org/handbook/transformers/positions-and-context/")
    assert published_link("../cnn/index.md#cnn", page, site) == "https://example.org/handbook/cnn/#cnn"
    assert published_link("../index.md", page, site) == "https://example.org/handbook/"
    assert published_link("https://arxiv.org/abs/1706.03762", page, site) == "https://arxiv.org/abs/1706.03762"


def test_published_address_is_never_this_machine():
    repo = "https://github.com/dl-interview-handbook/handbook"
    pages = "https://dl-interview-handbook.github.io/handbook/"
    for local in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]:8000/", "", None):
        assert published_site_url({"site_url": local, "repo_url": repo}) == pages
    assert published_site_url({"site_url": "https://handbook.example.org", "repo_url": repo}) == (
        "https://handbook.example.org/")
    with pytest.raises(SystemExit, match="SITE_URL"):
        published_site_url({"site_url": "http://127.0.0.1:8000/", "repo_url": "https://gitlab.com/a/b"})


def test_a_level_becomes_a_tag():
    question = QUESTIONS[0]
    assert card_tags(question) == [question.category, f"level::{question.level}"]
