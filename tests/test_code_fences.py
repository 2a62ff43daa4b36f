"""Guard the code-block tests against blocks they would silently not run.

pytest-codeblocks runs a fence only when its info string is exactly `python`
(or `sh`/`bash`, which it runs in a shell), and it runs Python with `exec`.
These checks fail, naming `file:line`, for every block that would look tested
on the site but is not.
"""

import ast

import pytest

from scripts.docs_source import SNIPPETS, fences, markdown_files

PYTHON_LIKE = {"py", "py3", "python", "python3", "pycon", "ipython", "pyi"}
SHELL = {"sh", "bash", "zsh"}  # pytest-codeblocks would execute these
# Marks that skip a block or expect it to fail. (`expected-output` is fine: it adds a check.)
FORBIDDEN_MARKS = ("pytest-codeblocks:skip", "pytest-codeblocks:expect-error", "pytest-codeblocks:expect-exception",
                   "pytest-codeblocks:importorskip", "pytest.mark.")


def all_fences():
    return [fence for path in markdown_files() for fence in fences(path)]


def is_snippet_include(fence) -> bool:
    """A fence whose whole body is `--8<-- "snippets/NAME.py"`; tests/test_snippets.py runs it."""
    path = fence.included_path
    return bool(path) and path.startswith("snippets/") and path.endswith(".py")


def test_the_guard_sees_the_pages():
    assert len(markdown_files()) >= 12, "docs/ should hold a home page and one page per category"


def test_python_fences_are_collected():
    problems = []
    for fence in all_fences():
        collected = fence.marker.startswith("`") and fence.info == "python"
        if fence.language in PYTHON_LIKE and not collected and not is_snippet_include(fence):
            problems.append(f"{fence.where}: `{fence.marker}{fence.info}` is not run by the tests; "
                            "write the fence as exactly ```python")
        if collected and fence.included_path:
            problems.append(f"{fence.where}: an include in a ```python fence is run as code; give the "
                            'fence a title (```python title="snippets/NAME.py") so tests/test_snippets.py runs it')
    assert not problems, "\n".join(problems)


def test_no_shell_fences():
    problems = [f"{fence.where}: pytest-codeblocks would execute this `{fence.info}` block in a shell; "
                "use ```console or ```text" for fence in all_fences() if fence.info in SHELL]
    assert not problems, "\n".join(problems)


def test_no_skip_or_xfail_marks():
    problems = []
    for fence in all_fences():
        marks = [c for c in fence.comments if c.startswith(FORBIDDEN_MARKS)]
        if marks and not is_snippet_include(fence):
            problems.append(f"{fence.where}: {', '.join(marks)} hides this block from the tests")
    assert not problems, "\n".join(problems)


def test_includes_point_at_existing_snippets():
    problems = []
    for fence in all_fences():
        if is_snippet_include(fence) and not (SNIPPETS.parent / fence.included_path).is_file():
            problems.append(f"{fence.where}: includes {fence.included_path}, which does not exist")
    assert not problems, "\n".join(problems)


def test_python_blocks_parse_and_have_no_main_guard():
    """A block runs under `exec`, where `__name__` is not "__main__": such a body never runs."""
    problems = []
    for fence in all_fences():
        if fence.info != "python" or not fence.marker.startswith("`"):
            continue
        code = "\n".join(line[len(fence.indent):] for line in fence.body)
        try:
            tree = ast.parse(code)
        except SyntaxError as error:
            problems.append(f"{fence.where}: does not parse: {error}")
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(
                isinstance(c, ast.Constant) and c.value == "__main__" for c in node.comparators
            ):
                problems.append(f"{fence.where}: `if __name__ == \"__main__\"` never runs under the tests; "
                                "call the code directly, or move the program to snippets/")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", markdown_files(), ids=lambda p: p.name)
def test_collector_agrees_with_this_reader(page):
    """pytest-codeblocks finds the same ```python blocks that the guard above reads."""
    from pytest_codeblocks.main import extract_from_file

    ours = sorted(f.line for f in fences(page) if f.info == "python" and f.marker.startswith("`"))
    theirs = sorted(block.lineno for block in extract_from_file(page) if block.syntax == "python")
    assert ours == theirs, f"{page}: fence reader and pytest-codeblocks disagree: {ours} vs {theirs}"
