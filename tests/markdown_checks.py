"""Checks of one Markdown page's source, each problem named `docs/page.md:LINE`.

They need no build and no TensorFlow, so the suite runs them first (about a
second for the whole site): a typo is reported before any code block runs.
The plugin in the top-level conftest.py runs `page_problems` once per page;
tests/test_harness.py runs it on the fault pages in tests/harness/.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from scripts.docs_source import ROOT, SNIPPETS, Fence, fences, python_blocks

PYTHON_LIKE = {"py", "py3", "python", "python3", "pycon", "ipython", "pyi"}
SHELL = {"sh", "bash", "zsh"}  # pytest-codeblocks would execute these in a shell
# Marks that skip a block, expect it to fail, or glue it to the one before.
# (`expected-output` is fine: it adds a check.)
FORBIDDEN_MARKS = ("pytest-codeblocks:skip", "pytest-codeblocks:cont", "pytest-codeblocks:expect-error",
                   "pytest-codeblocks:expect-exception", "pytest-codeblocks:importorskip", "pytest.mark.")
INCLUDE_LINE = re.compile(r"""^\s*-{1,2}8<-{1,2}\s+["'](?P<path>[^"']+)["']""")
MATH_TOKEN = re.compile(r"\\\\|\\\(|\\\)|\\\[|\\\]|\$\$")
INLINE_CODE = re.compile(r"(`+).*?\1")
HTML_COMMENT = re.compile(r"<!--.*?-->")
MARKDOWN_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
HTML_ALT = re.compile(r"""\balt\s*=\s*(["'])(?P<alt>.*?)\1""", re.IGNORECASE | re.DOTALL)
PLACEHOLDER_ALT = {"image", "img", "figure", "picture", "photo", "diagram", "chart", "plot", "alt", "screenshot"}
YEAR = re.compile(r"\b20\d\d\b")


@functools.lru_cache(maxsize=64)
def _fences(path: Path, mtime_ns: int) -> tuple[Fence, ...]:
    return tuple(fences(path))


def page_fences(path: Path) -> tuple[Fence, ...]:
    """The page's fences, read once per version of the file: every check below needs them."""
    return _fences(path, path.stat().st_mtime_ns)


def where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def is_snippet_include(fence: Fence) -> bool:
    """A fence whose whole body is `--8<-- "snippets/NAME.py"`; tests/test_snippets.py runs it."""
    path = fence.included_path
    return bool(path) and path.startswith("snippets/") and path.endswith(".py")


def is_collected_python(fence: Fence) -> bool:
    return fence.marker.startswith("`") and fence.info == "python"


def shell_fences(path: Path) -> list[str]:
    """Blocks pytest-codeblocks would run in a shell. The plugin refuses them at collection."""
    return [f"{fence.where}: pytest-codeblocks would execute this `{fence.info}` block in a shell; "
            "use ```console or ```text" for fence in page_fences(path) if fence.language in SHELL]


def uncollected_python(path: Path) -> list[str]:
    problems = []
    for fence in page_fences(path):
        collected = is_collected_python(fence)
        if fence.language in PYTHON_LIKE and not collected and not is_snippet_include(fence):
            problems.append(f"{fence.where}: `{fence.marker}{fence.info}` is not run by the tests; "
                            "write the fence as exactly ```python")
        if collected and fence.included_path:
            problems.append(f"{fence.where}: an include in a ```python fence is run as code; give the "
                            'fence a title (```python title="snippets/NAME.py") so tests/test_snippets.py runs it')
    return problems


def skip_marks(path: Path) -> list[str]:
    problems = []
    for fence in page_fences(path):
        marks = [c for c in fence.comments if c.startswith(FORBIDDEN_MARKS)]
        if marks and not is_snippet_include(fence):
            problems.append(f"{fence.where}: {', '.join(marks)} hides this block from the tests")
    return problems


def unparsable_blocks(path: Path) -> list[str]:
    """A block runs under `exec`, where `__name__` is not "__main__": such a body never runs."""
    problems = []
    for fence in filter(is_collected_python, page_fences(path)):
        code = "\n".join(line[len(fence.indent):] for line in fence.body)
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            problems.append(f"{where(path, fence.line + (error.lineno or 1))}: does not parse: {error.msg}")
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value == "__main__" for c in node.comparators
            ):
                problems.append(f"{where(path, fence.line + node.lineno)}: `if __name__ == \"__main__\"` never runs "
                                "under the tests; call the code directly, or move the program to snippets/")
    return problems


def collector_disagrees(path: Path) -> list[str]:
    """pytest-codeblocks must find the same ```python blocks that this reader finds."""
    ours = sorted(f.line for f in page_fences(path) if is_collected_python(f))
    theirs = sorted(block.lineno for block in python_blocks(path))
    if ours == theirs:
        return []
    return [f"{path.relative_to(ROOT)}: the fence reader and pytest-codeblocks disagree: {ours} vs {theirs}"]


def broken_includes(path: Path) -> list[str]:
    """Every `--8<--` include resolves (pymdownx.snippets' base path is the repository root)."""
    problems = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not (m := INCLUDE_LINE.match(line)):
            continue
        target = m.group("path")
        if target.startswith("snippets/") and not (SNIPPETS.parent / target).is_file():
            problems.append(f"{where(path, number)}: includes {target}, which does not exist")
        elif not (ROOT / target).is_file():
            hint = " (run `make generated`)" if target.startswith("generated/") else ""
            problems.append(f"{where(path, number)}: includes {target}, which does not exist{hint}")
    return problems


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """The page's lines outside fenced blocks, with inline code and HTML comments blanked out."""
    inside = {n for f in page_fences(path) for n in range(f.line, f.line + len(f.body) + 2)}
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number not in inside:
            out.append((number, HTML_COMMENT.sub(" ", INLINE_CODE.sub(" ", line))))
    return out


def stray_math_delimiters(path: Path) -> list[str]:
    r"""Every `\(` closes with `\)`, and `\[` with `\]`, within its paragraph; `$$` comes in pairs.

    Otherwise arithmatex leaves the formula as plain text ("( E = mc^2"), which nothing else
    notices: the page still builds.
    """
    problems = []
    open_at: dict[str, int] = {}  # opening delimiter -> its line
    pairs = {"\\)": "\\(", "\\]": "\\["}

    def unclosed():
        problems.extend(f"{where(path, n)}: `{d}` is never closed in its paragraph" for d, n in open_at.items())
        open_at.clear()

    for number, line in prose_lines(path):
        if not line.strip():
            unclosed()
            continue
        for token in MATH_TOKEN.findall(line):
            if token == "\\\\":
                continue  # a TeX line break, not a delimiter
            if token == "$$":
                if open_at.pop("$$", None) is None:
                    open_at["$$"] = number
            elif token in pairs:
                if open_at.pop(pairs[token], None) is None:
                    problems.append(f"{where(path, number)}: `{token}` closes nothing")
            elif token in open_at or open_at:
                problems.append(f"{where(path, number)}: `{token}` opens a formula inside another, "
                                f"opened at line {next(iter(open_at.values()))}")
            else:
                open_at[token] = number
    unclosed()
    return problems


def images_without_alt_text(path: Path) -> list[str]:
    """A content image says what it shows: no empty, placeholder or file-name alt text."""
    problems = []
    for number, line in prose_lines(path):
        found = [(m.group("alt"), m.group("src")) for m in MARKDOWN_IMAGE.finditer(line)]
        for tag in HTML_IMAGE.findall(line):
            alt = HTML_ALT.search(tag)
            found.append((alt.group("alt") if alt else "", tag))
        for alt, src in found:
            text = alt.strip()
            stem = Path(src.split("?")[0]).stem.lower()
            if not text or text.lower() in PLACEHOLDER_ALT or text.lower() in (stem, Path(src).name.lower()):
                problems.append(f"{where(path, number)}: image {src} needs alt text that says what it shows "
                                f"(has {alt!r})")
    return problems


@functools.cache
def pinned_versions() -> dict[str, str]:
    """The major.minor versions installed here, as prose would name them."""
    return {name: ".".join(version(package).split(".")[:2])
            for name, package in (("TensorFlow", "tensorflow"), ("TF", "tensorflow"), ("Keras", "keras"))}


def hand_typed_versions(path: Path) -> list[str]:
    """The versions the code runs on come from the environment (generated/versions.md, the badge).

    Typed into prose they go stale silently at the next upgrade. A dated, historical statement
    ("TF 2.21 (March 2026) stopped installing TensorBoard") stays true, so a line with a year passes.
    """
    problems = []
    for number, line in prose_lines(path):
        for name, minor in pinned_versions().items():
            if re.search(rf"\b{name} {re.escape(minor)}\b", line) and not YEAR.search(line):
                problems.append(f"{where(path, number)}: `{name} {minor}` typed by hand; include "
                                '"generated/versions.md" for the versions the code runs on, or date a '
                                "historical statement with its year")
    return problems


PAGE_CHECKS: list[Callable[[Path], list[str]]] = [
    shell_fences, uncollected_python, skip_marks, unparsable_blocks, collector_disagrees,
    broken_includes, stray_math_delimiters, images_without_alt_text, hand_typed_versions,
]


def page_problems(path: Path) -> list[str]:
    return [problem for check in PAGE_CHECKS for problem in check(path)]
