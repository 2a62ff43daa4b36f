"""Build the downloadable copy of the site and zip it into docs/downloads/.

The copy is built (scripts/build.py) from mkdocs.offline.yml with Material's offline plugin on:
plain `.html` links and an inlined search index, so that it works opened
straight from disk, search included. `make offline` runs this, and so do
`make build`, `make serve` and the tests, since the home page links the zip.
"""

from __future__ import annotations

import os
import shutil
import zipfile

from scripts.build import build_site
from scripts.docs_source import DOCS, ROOT

BUILD = ROOT / "build" / "offline"
ZIP = DOCS / "downloads" / "handbook-offline.zip"
TOP_FOLDER = "deep-learning-interview-handbook"


def build_offline(site_dir=BUILD, zip_path=ZIP) -> None:
    """Build the offline site into `site_dir` and pack it, under one top folder, into `zip_path`."""
    shutil.rmtree(site_dir, ignore_errors=True)
    build_site(site_dir, "--strict", "--quiet", "-f", "mkdocs.offline.yml", check=True,
               env={**os.environ, "OFFLINE": "true"})
    zip_path.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(site_dir.rglob("*")):
            if path.is_file():
                archive.write(path, f"{TOP_FOLDER}/{path.relative_to(site_dir)}")


if __name__ == "__main__":
    build_offline()
