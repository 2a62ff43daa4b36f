"""Run every program in snippets/ and check the outputs the pages show for them.

A page includes a program with

    ```python title="snippets/NAME.py"
    --8<-- "snippets/NAME.py"
    ```

which pytest-codeblocks does not collect, so this file runs the program as
`__main__`, as a reader would, and compares its output with the page's
expected-output block.
"""

import ast
import sys

import pytest

from scripts.docs_source import ROOT, SNIPPETS, expected_output_after, fences, markdown_files, run_as_main

MODULES = sorted(p for p in SNIPPETS.glob("*.py") if p.name != "__init__.py")
THIRD_PARTY_ALLOWED = {"numpy", "tensorflow", "keras", "matplotlib"}


def included_programs():
    """(page location, snippet path, expected output or None) for every include on a page."""
    found = []
    for page in markdown_files():
        page_fences = fences(page)
        for fence in page_fences:
            if fence.included_path and fence.included_path.startswith("snippets/"):
                found.append(pytest.param(ROOT / fence.included_path, expected_output_after(fence, page_fences),
                                          id=fence.where))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_is_a_self_contained_program(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    where = path.relative_to(ROOT)
    assert ast.get_docstring(tree), f"{where}: add a module docstring (the code reference renders it)"
    assert any(isinstance(n, ast.FunctionDef) and n.name == "main" for n in tree.body), f"{where}: add a main()"
    guards = [n for n in tree.body if isinstance(n, ast.If) and "__main__" in ast.unparse(n.test)]
    assert guards, f'{where}: end with `if __name__ == "__main__": main()`'
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0
                 else ["."] if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top in THIRD_PARTY_ALLOWED, (
                f"{where}:{node.lineno}: imports {name!r}; a program a reader copies may use only "
                f"the standard library and {', '.join(sorted(THIRD_PARTY_ALLOWED))}")


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_runs_as_main(path, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # whatever a program writes lands in a scratch folder
    assert run_as_main(path).strip(), f"{path.relative_to(ROOT)}: main() printed nothing"


@pytest.mark.parametrize(("path", "expected"), included_programs())
def test_included_program_prints_what_the_page_shows(path, expected, tmp_path, monkeypatch):
    if expected is None:
        return  # the page shows no output for this program; test_module_runs_as_main ran it
    monkeypatch.chdir(tmp_path)
    got = run_as_main(path)
    assert got == expected, f"{path.relative_to(ROOT)} printed\n{got}\nbut the page shows\n{expected}"
