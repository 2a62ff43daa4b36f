"""Write a Jupyter notebook of every page with code into docs/downloads/notebooks/.

Run by `scripts/generate.py`. A page's notebook holds, in the page's order:

- a first cell: the page's title, a link to it on the site, and the versions
  its code was verified with;
- one code cell per ```python block the suite runs (found by the suite's own
  reader, `python_blocks`), whose output is the expected output the page shows
  and the suite checks;
- the prose between them as Markdown cells, a new cell at each question
  heading, which links back to the question on the site. Material's syntax
  becomes what Jupyter renders: admonitions become quotes, `\\( \\)` and
  `\\[ \\]` become `$ $` and `$$ $$`, and relative links become absolute
  links to the published site (`published_site_url` of scripts/flashcards.py: never 127.0.0.1).

`docs/downloads/notebooks/<chapter>/<page>.ipynb` mirrors the page's path, so
the theme (overrides/partials/content.html) links it from the page's URL alone.
"""

from __future__ import annotations

import ast
import re
import shutil
from importlib.metadata import version
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from scripts.docs_source import DOCS, HEADING, INCLUDE, MARKER_COMMENT, ROOT, fences, front_matter, python_blocks
from scripts.flashcards import page_url as site_path
from scripts.flashcards import published_link

NOTEBOOKS = DOCS / "downloads" / "notebooks"  # beside the flashcards and the offline zip
VERIFIED_BADGE = "generated/verified.md"  # its place is taken by the notebook's first cell
# Packages a reader installs besides TensorFlow and Keras, when a page's blocks import them.
EXTRA_PACKAGES = {"keras_hub": ("KerasHub", "keras-hub"), "matplotlib": ("Matplotlib", "matplotlib")}
ADMONITION = re.compile(r"""^(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)(?:\s+"(?P<title>.*)")?\s*$""")
LINK_TARGET = re.compile(r"(\]\()([^)\s]+)(\))")
ATTRIBUTES = re.compile(r"(?<=\))\{\s[^}]*\}")  # `{ loading=lazy }` after an image
COMMENT = re.compile(r"\s*<!--.*?-->")
CODE_SPAN = re.compile(r"(`+).+?\1")
FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")


def pages_with_code() -> list[Path]:
    return [page for page in sorted(DOCS.rglob("*.md")) if python_blocks(page)]


def notebook_path(page: Path) -> Path:
    """`docs/cnn/images.md` -> `docs/downloads/notebooks/cnn/images.ipynb`."""
    return NOTEBOOKS / page.relative_to(DOCS).with_suffix(".ipynb")


def page_url(page: Path, site_url: str) -> str:
    """The page's address on the site, as MkDocs builds it (directory URLs)."""
    return site_url + site_path(page.relative_to(DOCS).as_posix())


def absolute(url: str, page: Path, site_url: str) -> str:
    """A link written in `page`, made absolute on the published site: a notebook has no site around it."""
    return published_link(url, page.relative_to(DOCS).as_posix(), site_url)


def verified_with(page: Path) -> list[tuple[str, str]]:
    """The packages the page's code ran with, as the first cell states them and pip installs them."""
    imported = set()
    for block in python_blocks(page):
        for node in ast.walk(ast.parse(block.code)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
    packages = [("TensorFlow", "tensorflow"), ("Keras", "keras")]
    packages += [label for module, label in EXTRA_PACKAGES.items() if module in imported]
    return packages


def first_cell(page: Path, site_url: str, python: str) -> str:
    title = next(line[2:].strip() for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    packages = verified_with(page)
    ran_with = ", ".join(f"{name} {version(dist)}" for name, dist in packages) + f" and Python {python}"
    install = " ".join(f"{dist}=={version(dist)}" for _, dist in packages)
    description = front_matter(page).get("description", "")
    return (f"# {title}\n\n{description}\n\n"
            f"This notebook was generated from [this page of the Deep Learning Interview Handbook]"
            f"({page_url(page, site_url)}) when the site was built: its code cells are the page's code blocks, "
            f"and the output under each is the one the page shows. Every block ran, and its output was checked, "
            f"on a CPU with {ran_with}. Each cell stands alone, as on the page.\n\n"
            f"To run it with the same versions: `pip install {install}`")


def included(line: str) -> list[str]:
    """A `--8<--` include line, replaced by the file it pulls in (at the same indentation)."""
    m = INCLUDE.match(line)
    if m.group("path") == VERIFIED_BADGE:
        return []
    indent = line[:len(line) - len(line.lstrip())]
    return [indent + text if text else "" for text in (ROOT / m.group("path")).read_text(encoding="utf-8").splitlines()]


def page_parts(page: Path) -> list[tuple[int, object]]:
    """The page, after its front matter and title, as (line, part): a Markdown line, or a code block.

    A part is a line of text, or a pytest-codeblocks block; the lines of the block's fence, its
    expected-output fence and the marker comments between them are left out.
    """
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = {block.lineno: block for block in python_blocks(page)}
    all_fences = fences(page)
    dropped = set()
    for i, fence in enumerate(all_fences):
        if fence.line not in blocks:
            continue
        shown = all_fences[i + 1:i + 2]  # the expected output, which becomes the code cell's output
        for dropped_fence in [fence] + [f for f in shown if "pytest-codeblocks:expected-output" in f.comments]:
            dropped |= set(range(dropped_fence.line, dropped_fence.line + len(dropped_fence.body) + 2))
    start = next(n for n, line in enumerate(lines, 1) if line.startswith("# ")) + 1
    parts: list[tuple[int, object]] = []
    for n in range(start, len(lines) + 1):
        line = lines[n - 1]
        if n in blocks:
            parts.append((n, blocks[n]))
        elif n not in dropped and not MARKER_COMMENT.match(line):
            parts += [(n, text) for text in (included(line) if INCLUDE.match(line) else [line])]
    return parts


def quoted_admonitions(parts: list[tuple[int, object]]) -> list[tuple[int, object]]:
    """Admonitions (`!!! warning "The trap"` and its indented body) as Markdown quotes.

    Jupyter does not know admonitions; it would show the body as an indented code block. A code
    block inside one becomes a code cell, and the quote goes on in the next Markdown cell.
    """
    out, inside = [], False
    for i, (n, part) in enumerate(parts):
        if not isinstance(part, str):
            out.append((n, part))
            continue
        if m := ADMONITION.match(part):
            inside = True
            title = m.group("title") or m.group("kind").capitalize()
            out += [(n, f"> **{title}**"), (n, ">")]
            continue
        if inside and part.strip() and not part.startswith("    "):
            inside = False
        if not inside:
            out.append((n, part))
        elif part.strip():
            out.append((n, "> " + part[4:]))
        else:  # a blank line: part of the quote only if the admonition goes on after it
            following = next((p for _, p in parts[i + 1:] if not isinstance(p, str) or p.strip()), "")
            out.append((n, ">" if isinstance(following, str) and following.startswith("    ") else ""))
    return out


def one_line(math: str) -> str:
    """Inline math that wraps, on one line: Jupyter reads math before quotes, so a `> ` would stay in it."""
    return " ".join(re.sub(r"\n> ?", "\n", math).split())


def jupyter_prose(text: str) -> str:
    """Prose outside code spans: `$` escaped, then Material's math delimiters turned into Jupyter's."""
    text = text.replace("$", r"\$")
    text = re.sub(r"\\\((.+?)\\\)", lambda m: f"${one_line(m.group(1))}$", text, flags=re.S)
    return re.sub(r"\\\[(.+?)\\\]", lambda m: f"$$\n{m.group(1).strip()}\n$$", text, flags=re.S)


def outside_code_spans(text: str, convert) -> str:
    out, last = [], 0
    for span in CODE_SPAN.finditer(text):
        out += [convert(text[last:span.start()]), span.group(0)]
        last = span.end()
    return "".join(out + [convert(text[last:])])


def absolute_links(text: str, page: Path, site_url: str) -> str:
    text = LINK_TARGET.sub(lambda m: m.group(1) + absolute(m.group(2), page, site_url) + m.group(3), text)
    return ATTRIBUTES.sub("", text)


def jupyter_markdown(lines: list[str], page: Path, site_url: str) -> str:
    """Markdown lines of the page, as Jupyter renders them; code fences are left as they are."""
    out, prose, fence = [], [], None

    def end_prose():
        text = absolute_links("\n".join(prose), page, site_url)
        out.append(outside_code_spans(text, jupyter_prose))
        prose.clear()

    for line in lines:
        opening = FENCE_LINE.match(line.removeprefix("> "))
        if fence is None and opening:
            end_prose()
            fence = opening.group(1)
            start = line.index(fence) + len(fence)
            out.append(line[:start] + "".join(line[start:].split()[:1]))  # the language, without `title="..."`
        elif fence is not None:
            out.append(line)
            if line.removeprefix("> ").strip() == fence:
                fence = None
        else:
            prose.append(COMMENT.sub("", line))
    end_prose()
    return "\n".join(out).strip("\n")


def notebook(page: Path, site_url: str, python: str) -> nbformat.NotebookNode:
    """The page's notebook: a first cell, then its prose and code in order."""
    cells = [new_markdown_cell(first_cell(page, site_url, python), id="about")]
    pending: list[str] = []
    pending_line = 0

    def flush():
        text = jupyter_markdown(pending, page, site_url)
        if text.strip():
            cells.append(new_markdown_cell(text, id=f"text-{pending_line}"))
        pending.clear()

    for n, part in quoted_admonitions(page_parts(page)):
        if isinstance(part, str) and (m := HEADING.match(part)) and len(m.group("hashes")) == 2:
            flush()
            pending_line = n
            anchor = re.search(r"#([\w-]+)", m.group("attrs") or "")
            target = page_url(page, site_url) + (f"#{anchor.group(1)}" if anchor else "")
            pending.append(f"## [{m.group('text')}]({target})")
        elif isinstance(part, str):
            if not pending:
                pending_line = n
            pending.append(part)
        else:
            flush()
            outputs = [new_output("stream", name="stdout", text=part.expected_output)] if part.expected_output else []
            cells.append(new_code_cell(part.code.rstrip("\n"), id=f"line-{n}", outputs=outputs))
    flush()
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python", "version": python},
    })
    nbformat.validate(nb)
    return nb


def write_notebooks(site_url: str, python: str) -> list[Path]:
    """Every page's notebook, written where the site serves it; none left from a renamed page."""
    shutil.rmtree(NOTEBOOKS, ignore_errors=True)
    written = []
    for page in pages_with_code():
        path = notebook_path(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook(page, site_url, python), path)
        written.append(path)
    return written
