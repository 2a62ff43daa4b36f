"""Test-session set-up, and the collector that turns each Markdown page into tests.

It lives at the top level so that it reaches docs/ as well as tests/. Each page
becomes:

- one `static checks` item (tests/markdown_checks.py): fences, includes, math
  delimiters, alt text, hand-typed versions; no TensorFlow, about 40 ms a page;
- one item per ```python block, run as a reader pastes it (pytest-codeblocks
  finds the blocks; this file runs them). A failure names `docs/page.md:LINE`
  of the failing statement, with the exception, or a diff of the output. A
  block that shows an output runs under two global seeds unless it seeds
  itself, so an output a reader cannot reproduce fails; and a block slower
  than --block-time-limit fails.

A page with a shell fence (```bash, ```sh) is refused at collection, so nothing
runs at all. The suite runs fastest-first: static checks, code blocks, other
unit tests, tests of the built site, browser tests; each failure is printed
the moment it happens, not only at the end.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import functools
import importlib
import io
import os
import random
import time
import traceback
from pathlib import Path

# TensorFlow reads these when it is first imported: set before anything imports it. They keep the
# logs quiet and pick the backend; they do not change results (oneDNN stays on, as a reader has it).
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("MPLBACKEND", "Agg")  # figures render without a display
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep MkDocs' banner out of failure messages

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from scripts.docs_source import DOCS, ROOT, python_blocks  # noqa: E402
from tests.markdown_checks import page_fences, page_problems, shell_fences  # noqa: E402

SEED, SECOND_SEED = 0, 1
BLOCK_TIME_LIMIT = 9.0  # seconds: three times the 3 s budget that `make bench` reports, for a loaded machine
BROWSER_FIXTURES = {"browser", "page", "base_url"}
SITE_FIXTURES = {"build", "site", "pages"}
STATIC_MODULES = {"test_code_fences.py", "test_questions.py"}  # source-only tests, except those needing a build
CONFIG: list[pytest.Config] = []


def pytest_addoption(parser):
    group = parser.getgroup("handbook")
    group.addoption("--block-time-limit", type=float, default=BLOCK_TIME_LIMIT,
                    help=f"fail a code block that runs longer than this many seconds (default {BLOCK_TIME_LIMIT})")
    group.addoption("--page", default=None,
                    help="run only what concerns one page: its static checks, blocks and browser test "
                         "(`make test-page PAGE=docs/cnn/images.md`)")


def pytest_configure(config):
    CONFIG.append(config)
    config.addinivalue_line("markers", "static: a check of the sources that needs no build")


def fresh_keras(seed: int) -> None:
    """A fresh Keras state and fixed seeds. Keras is imported here, not above, so that a run that
    stops at collection or at the static checks never pays for importing TensorFlow.
    """
    import keras

    split_the_cpu_in_two()
    keras.backend.clear_session(free_memory=False)  # free_memory's gc.collect() costs ~0.15 s a test
    keras.utils.set_random_seed(seed)


@functools.cache  # once per process: every later call would find the same split
def split_the_cpu_in_two() -> None:
    """Blocks that show data parallelism make two logical CPUs stand in for two GPUs. TensorFlow
    accepts that only before it first uses its devices, and a test process runs many pages, so the
    split is made here, first, exactly as those blocks ask for it; their own call then changes
    nothing, and a block run alone by a reader makes the split itself.
    """
    import tensorflow as tf

    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)


def pytest_runtest_setup(item):
    if not isinstance(item, PageChecks | CodeBlock):  # a code block seeds itself, for each of its runs
        fresh_keras(SEED)


# Collection: a Markdown page under docs/, or one named on the command line (tests/harness/).


def pytest_collect_file(file_path, parent):
    if file_path.suffix != ".md":
        return None
    named = any(Path(arg.split("::")[0]).resolve() == file_path for arg in parent.config.args)
    if file_path.is_relative_to(DOCS) or named:
        return MarkdownPage.from_parent(parent, path=file_path)
    return None


class MarkdownPage(pytest.File):
    def collect(self):
        refused = shell_fences(self.path)
        if refused:  # a shell block never runs: refuse the page before anything executes
            raise self.CollectError("\n".join(refused))
        yield PageChecks.from_parent(self, name="static checks")
        all_fences = page_fences(self.path)
        for block in python_blocks(self.path):
            following = next((f for f in all_fences if f.line > block.lineno), None)
            expected_line = following.line + 1 if following else block.lineno  # its first line of text
            yield CodeBlock.from_parent(self, name=f"line {block.lineno}", block=block,
                                        expected_line=expected_line)


class HarnessFailure(Exception):
    """A failure whose message already says everything: page, line and what went wrong."""


class PageChecks(pytest.Item):
    def runtest(self):
        problems = page_problems(self.path)
        if problems:
            raise HarnessFailure("\n".join(problems))

    def repr_failure(self, excinfo):
        return str(excinfo.value) if excinfo.errisinstance(HarnessFailure) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, "static checks"


class CodeBlock(pytest.Item):
    """One ```python block, run with `exec` as pytest-codeblocks does, with failures named by line."""

    def __init__(self, *, block, expected_line, **kwargs):
        super().__init__(**kwargs)
        self.block, self.expected_line = block, expected_line
        self.source = self.path.relative_to(ROOT).as_posix()
        # Compiled at its place in the page, so a traceback names docs/page.md and the page's line.
        self.code = compile("\n" * self.block.lineno + self.block.code, self.source, "exec")

    @property
    def where(self) -> str:
        return f"{self.source}:{self.block.lineno}"

    def run(self, seed: int) -> tuple[str, float, bool]:
        """What the block prints, how long it took, and whether it drew from the global random state.

        The modules the block imports are imported first, outside the timing: the first block in a
        worker to import KerasHub would otherwise pay its few seconds of import against the limit.
        """
        for module in imported_modules(self.block.code):
            with contextlib.suppress(Exception):  # a failing import fails the block itself, below
                importlib.import_module(module)
        fresh_keras(seed)
        printed = io.StringIO()
        before, start = random_state(), time.perf_counter()
        with contextlib.redirect_stdout(printed):
            try:
                exec(self.code, {"__MODULE__": "__main__"})
            except Exception as error:
                raise HarnessFailure(self.explain(error, printed.getvalue())) from None
        return printed.getvalue(), time.perf_counter() - start, random_state() != before

    def runtest(self):
        output, seconds, drew_randomness = self.run(SEED)
        expected = self.block.expected_output
        if expected is not None and output != expected:
            raise HarnessFailure(f"{self.source}:{self.expected_line}: the block at {self.where} printed something "
                                 f"else than its expected output:\n{diff(expected, output, 'expected', 'printed')}")
        limit = self.config.getoption("block_time_limit")
        if seconds > limit:
            raise HarnessFailure(f"{self.where}: the block took {seconds:.1f} s, over the limit of {limit:g} s "
                                 "(a block should take well under 3 s; `make bench` lists the slowest)")
        if expected is not None and drew_randomness and not seeds_itself(self.block.code):
            again, _, _ = self.run(SECOND_SEED)
            if again != output:
                raise HarnessFailure(
                    f"{self.where}: the output changes with the global random seed, so a reader who pastes "
                    "the block will not see what the page shows. Seed it: keras.utils.set_random_seed(0) "
                    f"at its top.\n{diff(output, again, f'seed {SEED}', f'seed {SECOND_SEED}')}")

    def explain(self, error: Exception, printed: str) -> str:
        frames = traceback.extract_tb(error.__traceback__)
        ours = [f for f in frames if f.filename == self.source]
        line = ours[-1].lineno if ours else self.block.lineno
        lines = [f"{self.source}:{line}: {type(error).__name__}: {error}".rstrip(),
                 f"in the block at {self.where}; the statements that led there:"]
        lines += [f"  {self.source}:{f.lineno}: {f.line}" for f in ours]
        outside = [f for f in frames[frames.index(ours[-1]) + 1:]] if ours else frames
        if outside:
            last = outside[-1]
            lines.append(f"  raised in {shorten(last.filename)}:{last.lineno}: {last.line}")
        if printed:
            lines += ["printed before the failure:", printed.rstrip()]
        return "\n".join(lines)

    def repr_failure(self, excinfo):
        return str(excinfo.value) if excinfo.errisinstance(HarnessFailure) else super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, self.block.lineno, f"code block at {self.where}"


def imported_modules(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    names = [alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names]
    return names + [node.module for node in tree.body if isinstance(node, ast.ImportFrom) and node.module]


def random_state() -> tuple:
    """The global random states a block can draw from without seeding: Python's (Keras' layers seed
    from it), NumPy's, and TensorFlow's source of op seeds. If none moved, no seed reached the output.
    """
    from tensorflow.python.eager import context

    numpy_state = np.random.get_state()
    op_seeds = getattr(context.context(), "_rng", None)
    return (random.getstate(), numpy_state[1].tobytes(), numpy_state[2], op_seeds and op_seeds.getstate())


def seeds_itself(code: str) -> bool:
    """The block's first statement after its imports is a `...set_random_seed(...)` call."""
    try:
        body = ast.parse(code).body
    except SyntaxError:
        return False
    for statement in body:
        if isinstance(statement, ast.Import | ast.ImportFrom):
            continue
        call = statement.value if isinstance(statement, ast.Expr) else None
        return (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "set_random_seed")
    return False


def diff(a: str, b: str, name_a: str, name_b: str) -> str:
    return "".join(difflib.unified_diff(a.splitlines(keepends=True), b.splitlines(keepends=True), name_a, name_b))


def shorten(filename: str) -> str:
    marker = "site-packages/"
    return filename.split(marker, 1)[1] if marker in filename else filename


# Order and selection: fastest first, and `--page` for one page.


def stage(item) -> int:
    names = set(getattr(item, "fixturenames", ()))
    if isinstance(item, PageChecks):
        return 0
    if names & BROWSER_FIXTURES:
        return 4
    if names & SITE_FIXTURES:
        return 3
    if isinstance(item, CodeBlock):
        return 1
    return 0 if item.path.name in STATIC_MODULES else 2


def concerns(item, page: Path) -> bool:
    """Whether `item` tests the page: its blocks and checks, or a test parametrized by its address."""
    if item.path == page:
        return True
    relative = page.relative_to(DOCS).with_suffix("")
    address = (relative.parent if relative.name == "index" else relative).as_posix()
    params = getattr(getattr(item, "callspec", None), "params", {})
    return any(str(value).strip("/") in (address, page.relative_to(ROOT).as_posix()) for value in params.values())


def pytest_collection_modifyitems(config, items):
    if page := config.getoption("page"):
        path = (ROOT / page).resolve()
        selected = [item for item in items if concerns(item, path)]
        config.hook.pytest_deselected(items=[item for item in items if item not in selected])
        items[:] = selected
    items.sort(key=stage)
    for item in items:
        if stage(item) == 0:
            item.add_marker(pytest.mark.static)


# Reporting: each failure at once, and no skips in CI.

START = time.monotonic()


def pytest_runtest_logreport(report):
    if not report.failed or not CONFIG or hasattr(CONFIG[0], "workerinput"):
        return  # print on the controller only, once per failure
    reporter = CONFIG[0].pluginmanager.get_plugin("terminalreporter")
    if reporter is None:
        return
    text = report.longreprtext
    errors = [line[4:] for line in text.splitlines() if line.startswith("E   ")]
    lines = (errors or text.splitlines())[:12]
    when = "" if report.when == "call" else f" (in {report.when})"
    reporter.write_line("")
    reporter.write_line(f"FAILED after {time.monotonic() - START:.0f} s: {report.nodeid}{when}", red=True, bold=True)
    for line in lines:
        reporter.write_line(f"    {line}")


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a test that did not run: fail the session."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI forbids skips, and {len(skipped)} test(s) were skipped.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

