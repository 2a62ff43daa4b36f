"""Fixtures shared by the tests that read the built site, as files and in a browser."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from browser_support import INSTALL_HINT, LAUNCH_ARGS, find_chromium, serve
from built_site import Page, parse, with_source_lines
from scripts import build as site_build
from scripts.docs_source import ROOT
from scripts.offline import build_offline

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BROWSER_SKIPPED: list[str] = []


@dataclass
class Build:
    """The built site, and what `mkdocs build --strict` said if it refused."""

    path: Path
    strict_failure: str = ""
    error: str = ""  # why even a lenient build failed; the site is then missing


def mkdocs_build(out: Path, strict: bool) -> subprocess.CompletedProcess:
    return site_build.build_site(out, *(["--strict"] if strict else []), capture_output=True, text=True)


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory, worker_id) -> Path:
    """A folder all workers (pytest-xdist) of this run share."""
    base = tmp_path_factory.getbasetemp()
    return base if worker_id == "master" else base.parent


@pytest.fixture(scope="session")
def once(shared_dir):
    """`once(name, compute)`: what `compute()` returns (JSON), computed by the first worker that asks,
    under a lock, while the others wait; then every worker reads the same record."""
    def get(name: str, compute):
        record = shared_dir / f"{name}.json"
        with open(shared_dir / f"{name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not record.is_file():
                record.write_text(json.dumps(compute()), encoding="utf-8")
        return json.loads(record.read_text(encoding="utf-8"))
    return get


@pytest.fixture(scope="session")
def build(shared_dir, once) -> Build:
    """The site, built once per test run by scripts/build.py with --strict, as `make build` does.

    With several workers (pytest-xdist), the first to get here builds, and the others wait and
    then read the same files. If the strict build refuses, the site is built again without
    --strict, so that the other checks still run and report what they see; the strict failure
    itself is reported by test_build_is_strict_clean. If no build succeeds, that test reports why,
    once, and every test that needs the site is marked xfail instead of repeating it.
    """
    out = shared_dir / "site"
    built = once("site", lambda: build_site(out, shared_dir / "offline"))
    return Build(out, built["strict_failure"], built["error"])


def build_site(out: Path, offline: Path) -> dict:
    """Build the includes, the offline zip and the site; say what went wrong, if anything."""
    subprocess.run([sys.executable, "-m", "scripts.generate"], cwd=ROOT, check=True)
    build_offline(site_dir=offline.resolve())  # the zip the home page links
    strict = mkdocs_build(out, strict=True)
    if strict.returncode == 0:
        return {"error": "", "strict_failure": ""}
    lenient = mkdocs_build(out, strict=False)
    if lenient.returncode != 0:
        return {"error": with_source_lines(lenient.stderr + lenient.stdout), "strict_failure": ""}
    return {"error": "", "strict_failure": with_source_lines(strict.stderr + strict.stdout)}


@pytest.fixture(scope="session")
def site(build) -> Path:
    if build.error:
        pytest.xfail("the site did not build; tests/test_site.py::test_build_is_strict_clean says why")
    return build.path


@pytest.fixture(scope="session")
def pages(site) -> dict[Path, Page]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="session")
def base_url(site):
    """The built site, served on 127.0.0.1 for the browser tests; stopped after the session."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """A headless system Chromium. In CI a missing browser fails; elsewhere it skips, loudly."""
    executable = find_chromium()
    if executable is None:
        message = f"no Chromium found for the browser tests: {INSTALL_HINT}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        BROWSER_SKIPPED.append(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh browser context and page per test (own storage, desktop size)."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def pytest_terminal_summary(terminalreporter):
    if BROWSER_SKIPPED:
        terminalreporter.write_line(f"BROWSER TESTS DID NOT RUN: {BROWSER_SKIPPED[0]}", red=True, bold=True)
