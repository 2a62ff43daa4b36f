"""Write the flashcard deck: `docs/downloads/flashcards.tsv` (Anki's text import) and `flashcards.apkg`.

`scripts/generate.py` calls `write_flashcards` at build time. Each question becomes one note: the
question on the front, its short answer and a "Full answer" link on the back. Both sides are the
page's Markdown rendered to HTML with the site's own Markdown extensions, so a card shows what the
page shows: bold, code, math in the `\\( \\)` and `\\[ \\]` delimiters Anki typesets, and links. A
link on a card leads out of Anki, so every link is made absolute to the published site.
"""

from __future__ import annotations

import csv
import io
import ipaddress
import posixpath
import re
from urllib.parse import urlsplit

import genanki
import markdown
from markdown.treeprocessors import Treeprocessor

from scripts.docs_source import DOCS, Question

DOWNLOADS = DOCS / "downloads"
DECK_NAME = "Deep Learning Interview Handbook"
# Anki identifies a note type and a deck by number: fixed, so re-imports update cards.
ANKI_MODEL_ID = 1_734_920_001
ANKI_DECK_ID = 1_734_920_002
GITHUB_REPO = re.compile(r"^https://github\.com/(?P<owner>[^/]+)/(?P<name>[^/]+?)/?$")


def is_local(url: str) -> bool:
    """Whether `url` is an address only this machine can open (`mkdocs serve`'s 127.0.0.1:8000)."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return not host  # no host at all: a relative address, which Anki cannot open either
    return address.is_loopback or address.is_unspecified


def published_site_url(config: dict) -> str:
    """The address of the published site, with a final slash: where the cards' links lead.

    The Pages workflow builds with SITE_URL, so its `site_url` is the deployed address. Any other
    build has the loopback address `make serve` uses, which a reader's Anki cannot open: its deck
    links to the GitHub Pages address of `repo_url` instead, where the workflow publishes the site.
    """
    site_url = config.get("site_url") or ""
    if site_url and not is_local(site_url):
        return site_url.rstrip("/") + "/"
    repo = GITHUB_REPO.match(config.get("repo_url") or "")
    if not repo:
        raise SystemExit(f"site_url is {site_url!r} and repo_url is not a GitHub repository: set SITE_URL to "
                         "the published address, so that the flashcards do not link to this machine")
    return f"https://{repo['owner'].lower()}.github.io/{repo['name']}/"


def page_url(page: str) -> str:
    """The address MkDocs gives a page, relative to the site: `cnn/index.md` -> `cnn/`, `cnn/gan.md` -> `cnn/gan/`."""
    path = page.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def published_link(url: str, page: str, site_url: str) -> str:
    """`url`, written in docs/`page`, as an absolute address on the published site.

    `../nlp/attention-and-bert.md#attention` -> `<site_url>nlp/attention-and-bert/#attention`;
    `#lora` -> the address of `page` itself, with the fragment.
    """
    if urlsplit(url).scheme:
        return url
    path, _, fragment = url.partition("#")
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    if target.endswith(".md"):
        target = page_url(target)
    return site_url + target + (f"#{fragment}" if fragment else "")


class PublishedLinks(Treeprocessor):
    """Rewrite every link and image address of the converted text to the published site."""

    def __init__(self, md: markdown.Markdown, site_url: str):
        super().__init__(md)
        self.site_url = site_url
        self.page = "index.md"  # the page the text comes from, relative to docs/; set before each conversion

    def run(self, root):
        for tag, attribute in (("a", "href"), ("img", "src")):
            for element in root.iter(tag):
                element.set(attribute, published_link(element.get(attribute, ""), self.page, self.site_url))


class CardRenderer:
    """The site's Markdown, as mkdocs.yml configures it, with links made absolute for Anki."""

    def __init__(self, config: dict, site_url: str):
        names, options = [], {}
        for entry in config["markdown_extensions"]:
            name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
            names.append(name)
            options[name] = settings or {}
        self.md = markdown.Markdown(extensions=names, extension_configs=options)
        self.links = PublishedLinks(self.md, site_url)
        self.md.treeprocessors.register(self.links, "published_links", 1)  # after the inline patterns (20)

    def inline(self, text: str, page: str) -> str:
        """One paragraph of Markdown from docs/`page`, as HTML without the enclosing <p>."""
        self.links.page = page
        self.md.reset()
        rendered = self.md.convert(text)
        if not (rendered.startswith("<p>") and rendered.endswith("</p>") and rendered.count("<p>") == 1):
            raise SystemExit(f"docs/{page}: a flashcard expects one paragraph, got {rendered!r}")
        return rendered.removeprefix("<p>").removesuffix("</p>")


def card_tags(question: Question) -> list[str]:
    """Anki tags: the chapter, and the level as `level::Easy` (a tag hierarchy in Anki)."""
    return [question.category] + ([f"level::{question.level}"] if question.level else [])


def card_sides(question: Question, renderer: CardRenderer, site_url: str) -> tuple[str, str]:
    """The front (the question) and the back (the short answer and a link to the full answer), as HTML."""
    front = renderer.inline(question.heading, question.page)
    back = (f"<p>{renderer.inline(question.short_answer, question.page)}</p>"
            f'<p><a href="{site_url}{question.url}">Full answer</a></p>')
    return front, back


def write_flashcards(all_questions: list[Question], config: dict) -> None:
    """The deck as TSV (question, answer, tags, level) and as an Anki package."""
    site_url = published_site_url(config)
    renderer = CardRenderer(config, site_url)
    cards = [(q, *card_sides(q, renderer, site_url)) for q in all_questions]

    DOWNLOADS.mkdir(exist_ok=True)
    tsv = io.StringIO()
    writer = csv.writer(tsv, delimiter="\t", lineterminator="\n")
    writer.writerow(["#separator:tab"])  # Anki reads these header lines as import options
    writer.writerow(["#html:true"])
    writer.writerow(["#tags column:3"])  # the level is a tag there too; column 4 repeats it for spreadsheets
    for q, front, back in cards:
        writer.writerow([front, back, " ".join(card_tags(q)), q.level or ""])
    (DOWNLOADS / "flashcards.tsv").write_text(tsv.getvalue(), encoding="utf-8")

    model = genanki.Model(
        ANKI_MODEL_ID, f"{DECK_NAME} card",
        fields=[{"name": "Question"}, {"name": "Answer"}],
        templates=[{"name": "Card 1", "qfmt": "{{Question}}",
                    "afmt": "{{FrontSide}}<hr id=answer>{{Answer}}"}])
    deck = genanki.Deck(ANKI_DECK_ID, DECK_NAME)
    for q, front, back in cards:
        deck.add_note(genanki.Note(model=model, fields=[front, back], tags=card_tags(q),
                                   guid=genanki.guid_for(q.id)))
    genanki.Package(deck).write_to_file(DOWNLOADS / "flashcards.apkg")
