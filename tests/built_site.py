"""Read a built copy of the site: ids, links and text of each HTML page.

Failures point back at the Markdown that wrote a link (`docs/page.md:LINE`),
not just at the generated HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from scripts.docs_source import DOCS, ROOT

EXTERNAL_SCHEMES = ("http", "https", "mailto", "data", "javascript", "tel")
# Attributes through which a page makes the browser fetch something.
FETCHING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("video", "src"),
            ("audio", "src"), ("embed", "src"), ("object", "data"), ("link", "href")}
NOT_FETCHED_LINK_RELS = {"canonical", "alternate", "author", "license", "next", "prev", "search"}
NOTEBOOK_LINK = re.compile(r'class="verified-badge__notebook" href="([^"]+)"')  # the theme writes the href


@dataclass
class Page:
    """What the link checks need from one built HTML file."""

    path: Path
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, str, str, int]] = field(default_factory=list)  # tag, attr, url, html line
    text: str = ""


class PageParser(HTMLParser):
    def __init__(self, page: Page):
        super().__init__(convert_charrefs=True)
        self.page, self.chunks = page, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.page.ids.add(attrs[key])
        for attr in ("href", "src", "data"):
            if attrs.get(attr) is None:
                continue
            if tag == "link" and set((attrs.get("rel") or "").split()) & NOT_FETCHED_LINK_RELS:
                continue
            self.page.links.append((tag, attr, attrs[attr], self.getpos()[0]))

    def handle_data(self, data):
        self.chunks.append(data)


def parse(path: Path) -> Page:
    page = Page(path)
    parser = PageParser(page)
    parser.feed(path.read_text(encoding="utf-8"))
    page.text = " ".join(" ".join(parser.chunks).split())
    return page


def source_of(page: Path, site: Path) -> Path | None:
    """The Markdown file a built page came from (`foo/index.html` <- `docs/foo.md`)."""
    rel = page.relative_to(site)
    stem = rel.parent if rel.name == "index.html" else rel.with_suffix("")
    for candidate in (DOCS / f"{stem}.md", DOCS / stem / "index.md", DOCS / "index.md" if str(stem) == "." else None):
        if candidate and candidate.is_file():
            return candidate
    return None


def locate(page: Path, site: Path, url: str) -> str:
    """`docs/page.md:LINE` of the Markdown that most likely wrote `url`."""
    source = source_of(page, site)
    if source is None:
        return str(page.relative_to(site))
    parts = urlsplit(url)
    needles = [n for n in (parts.fragment, Path(parts.path.rstrip("/")).name) if n]
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if any(needle in line for needle in needles):
            return f"{source.relative_to(ROOT)}:{number}"
    return str(source.relative_to(ROOT))


def resolve(page: Path, site: Path, url: str) -> tuple[Path, str]:
    """The built file and fragment an internal URL points at."""
    parts = urlsplit(url)
    if parts.path.startswith("/"):
        target = site / unquote(parts.path).lstrip("/")
    elif parts.path:
        target = page.parent / unquote(parts.path)
    else:
        target = page
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target.resolve(), parts.fragment


MKDOCS_LINK_WARNING = re.compile(
    r"Doc file '(?P<page>[^']+)' contains (?:a|an unrecognized) (?:relative )?link '(?P<url>[^']+)'")


MISSING_SNIPPET = re.compile(r"SnippetMissingError: Snippet at path '(?P<path>[^']+)' could not be found")


def with_source_lines(log: str) -> str:
    """MkDocs' warnings and errors, each broken link or include prefixed with `docs/page.md:LINE`."""
    out = []
    for line in log.splitlines():
        if m := MISSING_SNIPPET.search(line):  # the last line of a traceback that names no page
            found = [f"{source.relative_to(ROOT)}:{n}" for source in sorted(DOCS.rglob("*.md"))
                     for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                     if "--8<--" in text and m.group("path") in text]
            out.append(f"{', '.join(found) or 'docs/'}: includes {m.group('path')}, which does not exist")
            continue
        if not line.startswith(("WARNING", "ERROR", "Aborted")):
            continue
        m = MKDOCS_LINK_WARNING.search(line)
        if m and (source := DOCS / m.group("page")).is_file():
            url = m.group("url")
            found = [n for n, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                     if f"({url})" in text or f"({url} " in text]
            where = ", ".join(f"docs/{m.group('page')}:{n}" for n in found) or f"docs/{m.group('page')}"
            line = f"{where}: {line}"
        out.append(line)
    return "\n".join(out)
