"""The site builds with Zensical, the successor of Material for MkDocs, from the same mkdocs.yml.

Material is in maintenance mode; when its maintenance ends the project can switch by changing
the build command. Zensical is pinned at 0.0.73: its 0.1 releases need a `zensical-ui` package
that the registry here does not serve. This builds the site with `zensical build --strict` and
checks that every chapter overview, topic page and question anchor is there, with the study
controls that overrides/ adds and, on a page with code, the link to its notebook.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from built_site import NOTEBOOK_LINK
from scripts.docs_source import DOCS, ROOT, chapters, python_blocks
from scripts.notebooks import notebook_path

OUT = ROOT / "build" / "zensical"  # Zensical writes only inside the project
CONFIG = ROOT / ".zensical-test.yml"


def test_site_builds_with_zensical(build):  # `build` writes generated/ first, as `make build` does
    shutil.rmtree(OUT, ignore_errors=True)
    CONFIG.write_text(f"INHERIT: mkdocs.yml\nsite_dir: {OUT.relative_to(ROOT)}\n", encoding="utf-8")
    try:
        zensical = Path(sys.executable).with_name("zensical")
        result = subprocess.run([str(zensical), "build", "--strict", "--clean", "-f", CONFIG.name], cwd=ROOT,
                                capture_output=True, text=True)
    finally:
        CONFIG.unlink()
    log = result.stdout + result.stderr
    assert result.returncode == 0 and "No issues found" in log, f"zensical build --strict failed:\n{log}"
    problems = []
    for chapter in chapters():
        for page in [chapter.page, *chapter.topics]:
            relative = page.relative_to(DOCS).with_suffix("")
            built = OUT / (relative.parent if relative.name == "index" else relative) / "index.html"
            if not built.is_file():
                problems.append(f"{page.relative_to(ROOT)}: Zensical built no {built.relative_to(OUT)}")
                continue
            html = built.read_text(encoding="utf-8")
            if page in chapter.topics and html.count('class="qa-controls"') != html.count("</h2>"):
                problems.append(f"{page.relative_to(ROOT)}: Zensical's page lacks the study controls")
            notebook = OUT / notebook_path(page).relative_to(DOCS)
            link = NOTEBOOK_LINK.search(html)
            if python_blocks(page) and not (link and (built.parent / link.group(1)).resolve() == notebook.resolve()
                                            and notebook.is_file()):
                problems.append(f"{page.relative_to(ROOT)}: Zensical's page does not link its notebook")
        built_ids = "".join((OUT / t.relative_to(DOCS).with_suffix("") / "index.html").read_text(encoding="utf-8")
                            for t in chapter.topics if (OUT / t.relative_to(DOCS).with_suffix("")).is_dir())
        problems += [f"docs/{chapter.category}/: #{i} is missing from Zensical's build"
                     for i in chapter.question_ids if f'id="{i}"' not in built_ids]
    assert not problems, "\n".join(problems)
