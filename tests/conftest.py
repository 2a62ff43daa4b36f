"""Fixtures shared by the tests that read the built site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from built_site import Page, parse
from docs_source import ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site, built once per test session with the same command as `make build`."""
    subprocess.run([sys.executable, "scripts/generate.py"], cwd=ROOT, check=True)
    out = tmp_path_factory.mktemp("site").resolve()
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                           cwd=ROOT, capture_output=True, text=True)
    if build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{build.stderr}{build.stdout}", pytrace=False)
    return out


@pytest.fixture(scope="session")
def pages(site) -> dict[Path, Page]:
    return {path: parse(path) for path in sorted(site.rglob("*.html"))}
