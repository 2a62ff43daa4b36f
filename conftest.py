"""Test-session set-up shared by the docs code blocks and tests/.

It lives at the top level so that it also reaches the code blocks that
pytest-codeblocks collects from docs/.
"""

import os

# Set before TensorFlow is first imported, or they have no effect.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # bitwise-reproducible CPU kernels
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # no C++ info/warning chatter
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("MPLBACKEND", "Agg")  # figures render without a display
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # keep MkDocs' banner out of failure messages

import keras  # noqa: E402
import pytest  # noqa: E402

SEED = 0


def pytest_runtest_setup(item):
    """Give every test, code blocks included, a fresh Keras state and fixed seeds.

    A hook rather than an autouse fixture: pytest-codeblocks items are plain
    pytest.Item objects and do not request fixtures.
    """
    keras.backend.clear_session(free_memory=False)  # free_memory's gc.collect() costs ~0.15 s a test
    keras.utils.set_random_seed(SEED)


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a test that did not run: fail the session."""
    if os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"CI forbids skips, and {len(skipped)} test(s) were skipped.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
