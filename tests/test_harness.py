"""The harness itself: each fault a contributor might make fails, early, naming page and line.

Each page in tests/harness/ holds one fault. These tests run pytest on them, as `make test` runs
pytest on docs/, and read what a contributor would read.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scripts.docs_source import ROOT

HARNESS = ROOT / "tests" / "harness"


def pytest_on(pages: list[str], *options: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pytest", "-n", "0", "-p", "no:randomly", "--durations=0", *options,
               *[str(HARNESS / page) for page in pages]]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})},
                          timeout=300)


def test_a_shell_fence_is_refused_before_any_block_runs(tmp_path):
    mark = tmp_path / "ran"
    run = pytest_on(["shell_fence.md", "failing_statement.md"], env={"HARNESS_MARK": str(mark)})
    out = run.stdout + run.stderr
    assert run.returncode != 0
    assert "tests/harness/shell_fence.md:12: pytest-codeblocks would execute this `bash` block" in out, out
    assert "error during collection" in out, out
    assert not mark.exists() and not mark.with_suffix(".python").exists(), "a block ran before the refusal"
    assert "IndexError" not in out, "the other page's blocks ran"


@pytest.fixture(scope="module")
def faults() -> str:
    pages = ["unseeded_output.md", "slow_block.md", "unclosed_math.md", "broken_include.md", "empty_alt.md",
             "failing_statement.md", "output_mismatch.md"]
    run = pytest_on(pages, "--block-time-limit=1")
    assert run.returncode == 1, run.stdout + run.stderr
    return run.stdout + run.stderr


@pytest.mark.parametrize("message", [
    "tests/harness/unseeded_output.md:5: the output changes with the global random seed",
    "tests/harness/slow_block.md:3: the block took 1.",
    "tests/harness/unclosed_math.md:3: `\\(` is never closed in its paragraph",
    "tests/harness/broken_include.md:3: includes generated/no-such-file.md, which does not exist",
    "tests/harness/empty_alt.md:3: image ../../docs/assets/figures/activation_functions.svg needs alt text",
    "tests/harness/failing_statement.md:6: IndexError: list index out of range",
    "tests/harness/output_mismatch.md:10: the block at tests/harness/output_mismatch.md:3 printed something else",
])
def test_each_fault_is_named_by_page_and_line(faults, message):
    assert message in faults, faults


def test_a_failing_block_shows_its_statements(faults):
    assert "  tests/harness/failing_statement.md:6: print(values[total])" in faults, faults


def test_an_output_mismatch_is_a_diff(faults):
    assert "-16\n" in faults and "+8\n" in faults, faults


def test_a_failure_is_printed_when_it_happens(faults):
    assert "FAILED after" in faults, faults


def test_a_static_fault_is_reported_before_any_block_runs(faults):
    """The static checks of every page run first, so a typo is reported within seconds."""
    order = [line for line in faults.splitlines() if line.startswith("FAILED after")]
    static = [i for i, line in enumerate(order) if "static checks" in line]
    blocks = [i for i, line in enumerate(order) if "::line " in line]
    assert static and blocks and max(static) < min(blocks), "\n".join(order)


def test_a_browser_failure_names_the_markdown_line():
    from test_browser import located

    from scripts.docs_source import DOCS, headings

    source = DOCS / "tensorflow" / "keras-training.md"
    heading = [h for h in headings(source) if h.level == 2][1]
    lines = source.read_text(encoding="utf-8").splitlines()
    quoted_line = next(n for n in range(heading.line + 2, len(lines)) if len(lines[n - 1].strip()) > 30)
    quoted = lines[quoted_line - 1].strip()[:30]
    found = located("tensorflow/keras-training/", [f"[#{heading.id}] raw formula left in the text: {quoted}",
                                                   f"375 px, dark: [#{heading.id}] axe serious: color-contrast"])
    assert found == [f"docs/tensorflow/keras-training.md:{quoted_line}: raw formula left in the text: {quoted}",
                     f"docs/tensorflow/keras-training.md:{heading.line}: 375 px, dark: axe serious: color-contrast"]
