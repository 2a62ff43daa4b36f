"""Read the handbook's sources (fenced blocks, marker comments, headings) and run its programs.

The build-time generator and the tests share this one reader, so they agree
on what a fence, an include, a chapter and a question heading are. Line
numbers are 1-based, as in an editor, so a failure can name
`docs/page.md:LINE`.
"""

from __future__ import annotations

import contextlib
import io
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pytest_codeblocks.main import CodeBlock, extract_from_file

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
QUESTIONS = ROOT / "tests" / "questions.yaml"

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>`{3,}|~{3,})(?P<info>.*)$")
MARKER_COMMENT = re.compile(r"^\s*<!--[-\s]*(?P<body>(?:pytest-codeblocks:|pytest\.mark\.).*?)[-\s]*-->\s*$")
INCLUDE = re.compile(r"""^\s*--8<--\s+["'](?P<path>[^"']+)["']\s*$""")
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
HEADING_ID = re.compile(r"#(?P<id>[\w-]+)")
# A question's level sits in its heading, beside its id: `## ... { #id data-level="Medium" }`.
HEADING_LEVEL = re.compile(r'data-level="(?P<level>[^"]*)"')
LEVELS = ("Easy", "Medium", "Hard")


@dataclass
class Fence:
    """One fenced block in a Markdown file."""

    path: Path
    line: int  # line of the opening fence
    indent: str
    marker: str  # the opening run of backticks or tildes
    info: str  # everything after the marker, stripped
    body: list[str]
    comments: list[str] = field(default_factory=list)  # pytest marker comments just above

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"

    @property
    def language(self) -> str:
        """First word of the info string, without `{`, `.` or attributes."""
        first = re.split(r"[\s{]", self.info.lstrip("{. "), maxsplit=1)[0]
        return first.lower()

    @property
    def included_path(self) -> str | None:
        """The file a fence pulls in with `--8<--`, if that is all it holds."""
        lines = [line for line in self.body if line.strip()]
        if len(lines) == 1 and (m := INCLUDE.match(lines[0])):
            return m.group("path")
        return None


def markdown_files() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def fences(path: Path) -> list[Fence]:
    """Every fenced block in `path`, with the marker comments that precede it.

    A fence closes at a line of the same character, at least as long, as
    CommonMark and pytest-codeblocks both read it.
    """
    out: list[Fence] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    pending: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if m := MARKER_COMMENT.match(line):
            pending.append(m.group("body").strip())
            i += 1
            continue
        m = FENCE.match(line)
        if not m:
            if line.strip():
                pending = []
            i += 1
            continue
        marker = m.group("marker")
        body: list[str] = []
        j = i + 1
        while j < len(lines):
            stripped = lines[j].strip()
            if stripped.startswith(marker[0] * len(marker)) and not stripped.strip(marker[0]):
                break
            body.append(lines[j])
            j += 1
        out.append(Fence(path, i + 1, m.group("indent"), marker, m.group("info").strip(), body, pending))
        pending = []
        i = j + 1
    return out


def python_blocks(path: Path) -> list[CodeBlock]:
    """The ```python blocks of a page that the suite runs, as pytest-codeblocks reads them: each
    with the line of its opening fence (`lineno`), its code and its expected output, if any.

    The code is the fence's body as the page shows it: pytest-codeblocks drops the blank lines of
    an indented block (one inside a list or an admonition), which would shift the line numbers
    of its failures and leave the page's notebook without them.
    """
    by_line = {fence.line: fence for fence in fences(path)}
    blocks = [block for block in extract_from_file(path) if block.syntax == "python"]
    for block in blocks:
        if fence := by_line.get(block.lineno):
            block.code = "".join(line[len(fence.indent):] + "\n" for line in fence.body)
    return blocks


def expected_output_after(fence: Fence, all_fences: list[Fence]) -> str | None:
    """The expected-output block that belongs to `fence`, if any, as text."""
    following = [f for f in all_fences if f.line > fence.line]
    if following and "pytest-codeblocks:expected-output" in following[0].comments:
        return "".join(line[len(fence.indent):] + "\n" for line in following[0].body)
    return None


@dataclass
class Heading:
    path: Path
    line: int
    level: int
    text: str
    id: str | None
    difficulty: str | None = None  # a question heading's data-level: Easy, Medium or Hard

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def headings(path: Path) -> list[Heading]:
    """ATX headings outside fenced blocks, with their explicit `{ #id }` if any."""
    inside = {n for f in fences(path) for n in range(f.line, f.line + len(f.body) + 2)}
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if n in inside or not (m := HEADING.match(line)):
            continue
        found = HEADING_ID.search(m.group("attrs") or "")
        level = HEADING_LEVEL.search(m.group("attrs") or "")
        out.append(Heading(path, n, len(m.group("hashes")), m.group("text"), found and found.group("id"),
                           level and level.group("level")))
    return out


def inventory() -> dict:
    """The question inventory: `categories` (key -> title) and `questions`."""
    return yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))


def chapter_page(category: str) -> Path:
    """A chapter's overview page: what it covers, and where each of its questions lives."""
    return DOCS / category / "index.md"


def site_nav() -> list:
    """The `nav:` of mkdocs.yml: the one place that orders chapters and their topic pages."""
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)  # !ENV and friends
    return yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)["nav"]


def nav_files(entries) -> list[str]:
    """Every Markdown path in a nav (sub)tree, in order."""
    out = []
    for entry in entries:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        out += nav_files(value) if isinstance(value, list) else [value]
    return out


def topic_pages(category: str) -> list[Path]:
    """A chapter's topic pages, in the order of the nav: the pages that hold its questions."""
    return [DOCS / f for f in nav_files(site_nav()) if f.startswith(f"{category}/") and not f.endswith("/index.md")]


def front_matter(path: Path) -> dict:
    """The YAML block between `---` lines at the top of a page, or {}."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    return yaml.safe_load(text[4:text.index("\n---", 4)]) or {}


@dataclass
class Chapter:
    """One category: its overview page and the topic pages that answer its questions."""

    category: str
    title: str
    description: str
    topics: list[Path]

    @property
    def page(self) -> Path:
        return chapter_page(self.category)

    @property
    def question_ids(self) -> list[str]:
        return [h.id for topic in self.topics for h in headings(topic) if h.level == 2 and h.id]


def chapters() -> list[Chapter]:
    """Every category's chapter, in inventory order, with its topic pages in nav order."""
    out = []
    for category, title in inventory()["categories"].items():
        page = chapter_page(category)
        description = front_matter(page).get("description", "") if page.is_file() else ""
        out.append(Chapter(category, title, description, topic_pages(category)))
    return out


def run_as_main(path: Path) -> str:
    """Run a program as `python path` would, and return what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        runpy.run_path(str(path), run_name="__main__")
    return out.getvalue()


@dataclass
class Question:
    """One answered question: where it is, how it is asked, and the answer's opening sentence."""

    id: str
    category: str
    source: Path  # the topic page that answers it
    heading: str  # the heading's text, as the page words the question
    short_answer: str  # the answer's opening sentence(s), Markdown inline syntax kept
    level: str | None  # Easy, Medium or Hard (the heading's data-level)

    @property
    def page(self) -> str:
        """The answering page, relative to docs/ (`cnn/detection.md`)."""
        return self.source.relative_to(DOCS).as_posix()

    @property
    def url(self) -> str:
        """The question's address relative to the site's root (`cnn/detection/#yolo`)."""
        return f"{self.page.removesuffix('.md')}/#{self.id}"


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(`\\*])")
# Blocks that are not an opening paragraph: code, admonitions, tables, HTML, lists,
# tabs, headings, quotes, includes and display math. (A paragraph may open in **bold**.)
NOT_PROSE = ("```", "~~~", "!!!", "???", "|", "<", "- ", "* ", "+ ", "=", "#", ">", "--8<--", "\\[", "$$")


def short_answer(paragraph: str, at_least: int = 80) -> str:
    """The opening sentences of a paragraph, enough to make `at_least` characters.

    Sentences end at `.`, `!` or `?` before a capital, so `tf.function` and
    "e.g." do not cut one short.
    """
    sentences = SENTENCE_END.split(" ".join(paragraph.split()))
    answer = sentences[0]
    for sentence in sentences[1:]:
        if len(answer) >= at_least:
            break
        answer += " " + sentence
    return answer


def opening_paragraph(lines: list[str]) -> str:
    """The first plain paragraph in `lines`, skipping code, lists, tables, admonitions and HTML."""
    blocks, current, fence = [], [], None
    for line in lines:
        stripped = line.strip()
        if fence:
            if stripped.startswith(fence):
                fence = None
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            current = []
            continue
        if stripped.startswith("## "):
            break  # the next question
        if not stripped:
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    blocks.append(current)
    for block in blocks:
        if block and not block[0].startswith((" ", "\t")) and not block[0].lstrip().startswith(NOT_PROSE):
            return " ".join(line.strip() for line in block)
    return ""


def questions() -> list[Question]:
    """Every answered question on the site, in chapter and page order."""
    out = []
    for chapter in chapters():
        for topic in chapter.topics:
            lines = topic.read_text(encoding="utf-8").splitlines()
            for heading in headings(topic):
                if heading.level == 2 and heading.id:
                    out.append(Question(heading.id, chapter.category, topic, heading.text,
                                        short_answer(opening_paragraph(lines[heading.line:])),
                                        heading.difficulty))
    return out
