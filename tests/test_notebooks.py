"""The notebooks: every page with code links one, valid, with a code cell per tested block, and one
chapter's notebooks run from top to bottom in a real Jupyter kernel and print what the page shows.

The notebooks are read as the site ships them (docs/downloads/notebooks/, copied into the build and
into the offline zip). The kernel runs the fundamentals chapter: its 11 blocks are among the
fastest, so its three notebooks, one test each and so shared by the two workers, take about 25 s
in all (kernel start and TensorFlow's import are most of it).
"""

from __future__ import annotations

import posixpath
import zipfile
from importlib.metadata import version

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from built_site import NOTEBOOK_LINK, resolve
from scripts.docs_source import DOCS, ROOT, headings, python_blocks, topic_pages
from scripts.notebooks import page_url, pages_with_code
from scripts.offline import TOP_FOLDER

RUN_IN_A_KERNEL = "fundamentals"  # the chapter whose notebooks the suite executes
CELL_TIMEOUT = 60  # seconds; the suite fails a block that takes over 9 s


def address(page) -> str:
    """`docs/cnn/images.md` -> `cnn/images`: the page's path on the site, and its notebook's."""
    return page_url(page, "").strip("/")


def notebook_of(site, page) -> nbformat.NotebookNode:
    return nbformat.read(site / "downloads" / "notebooks" / f"{address(page)}.ipynb", as_version=4)


def printed(cell) -> str:
    return "".join(output.text for output in cell.outputs if output.get("name") == "stdout")


def where(page, cell) -> str:
    """`docs/page.md:LINE` of the block a code cell came from (its id is `line-LINE`)."""
    return f"{page.relative_to(ROOT)}:{cell.id.removeprefix('line-')}"


def test_every_page_with_code_has_a_valid_notebook(site):
    folder = site / "downloads" / "notebooks"
    expected = {address(page) for page in pages_with_code()}
    found = {path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.ipynb")}
    problems = [f"docs/{a}.md has code blocks but no notebook" for a in sorted(expected - found)]
    problems += [f"downloads/notebooks/{a}.ipynb belongs to no page with code" for a in sorted(found - expected)]
    for page in (p for p in pages_with_code() if address(p) in found):
        notebook = notebook_of(site, page)
        try:
            nbformat.validate(notebook)
        except nbformat.ValidationError as error:
            problems.append(f"{page.relative_to(ROOT)}: its notebook is not valid: {error.message}")
        cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
        blocks = python_blocks(page)
        if len(cells) != len(blocks):
            problems.append(f"{page.relative_to(ROOT)}: {len(blocks)} tested blocks, but {len(cells)} code cells")
            continue
        for cell, block in zip(cells, blocks):
            if cell.source != block.code.rstrip("\n") or printed(cell) != (block.expected_output or ""):
                problems.append(f"{page.relative_to(ROOT)}:{block.lineno}: the notebook's cell differs from the "
                                "block or from the output the page shows")
        prose = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
        problems += [f"{h.where}: the notebook has no heading linking to the question on the site"
                     for h in headings(page) if h.level == 2 and h.id and f"/{address(page)}/#{h.id})" not in prose]
        about = notebook.cells[0].source
        if f"TensorFlow {version('tensorflow')}" not in about or f"Keras {version('keras')}" not in about:
            problems.append(f"{page.relative_to(ROOT)}: the notebook's first cell does not state the versions")
    assert not problems, "\n".join(problems)


def test_every_page_with_code_links_its_notebook(site, pages):
    problems = []
    for page in pages_with_code():
        built = site / address(page) / "index.html"
        links = [url for _, attr, url, _ in pages[built].links if attr == "href" and url.endswith(".ipynb")]
        notebook = site / "downloads" / "notebooks" / f"{address(page)}.ipynb"
        if [resolve(built, site, url)[0] for url in links] != [notebook.resolve()] or not notebook.is_file():
            problems.append(f"{page.relative_to(ROOT)}: the built page links {links}, not its notebook "
                            f"{notebook.relative_to(site)} once")
    assert not problems, "\n".join(problems)


def test_offline_copy_has_and_links_the_notebooks(site):
    """The copy is opened from disk: each page's link, relative to its `.html` file, reaches the notebook."""
    problems = []
    with zipfile.ZipFile(site / "downloads" / "handbook-offline.zip") as archive:
        names = set(archive.namelist())
        for page in pages_with_code():
            name = f"{TOP_FOLDER}/{address(page)}.html"
            link = NOTEBOOK_LINK.search(archive.read(name).decode("utf-8"))
            target = link and posixpath.normpath(posixpath.join(posixpath.dirname(name), link.group(1)))
            if target != f"{TOP_FOLDER}/downloads/notebooks/{address(page)}.ipynb" or target not in names:
                problems.append(f"{page.relative_to(ROOT)}: the offline copy's {name} links {target}, "
                                "which is not its notebook in the zip")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("topic", [address(p) for p in topic_pages(RUN_IN_A_KERNEL) if python_blocks(p)])
def test_chapter_notebook_runs_in_a_kernel(site, topic, tmp_path):
    """Top to bottom in one kernel, as a reader runs it (in an empty folder, for any file a cell writes)."""
    source = DOCS / f"{topic}.md"
    notebook = notebook_of(site, source)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    shown = [printed(cell) for cell in cells]
    client = NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}})
    try:
        client.execute()
    except CellExecutionError as error:
        failed = next((c for c in cells if any(o.output_type == "error" for o in c.outputs)), cells[0])
        pytest.fail(f"{where(source, failed)}: the notebook's cell failed in a kernel:\n{error}", pytrace=False)
    problems = [f"{where(source, cell)}: in the kernel the cell printed\n{printed(cell)}\ninstead of\n{expected}"
                for cell, expected in zip(cells, shown) if expected and printed(cell) != expected]
    assert not problems, "\n".join(problems)


def test_download_link_saves_the_notebook(page, base_url):
    topic = topic_pages(RUN_IN_A_KERNEL)[0]
    page.goto(f"{base_url}{address(topic)}/", wait_until="load")
    with page.expect_download() as download:
        page.click(".verified-badge__notebook")
    assert download.value.suggested_filename == f"{topic.stem}.ipynb"
    nbformat.validate(nbformat.read(download.value.path(), as_version=4))
