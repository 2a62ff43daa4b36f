"""Write the build-time include files that pages pull in with pymdownx.snippets.

Run by `make build`, `make serve` and `make test` before MkDocs. It writes into
`generated/` (git-ignored), so nothing in `docs/` is typed by hand that the
environment already knows.

- `generated/versions.md`: the TensorFlow, Keras and Python versions of the
  environment that builds and tests the site, read from the installed packages.
- `generated/chapters.md`: the home page's grid of chapters, each with the
  number of questions its page answers, counted from the pages.
"""

from __future__ import annotations

import platform
from importlib.metadata import version

from scripts.docs_source import ROOT, Chapter, chapters

OUT = ROOT / "generated"


def verified_versions() -> dict[str, str]:
    """Versions of the packages every snippet on the site runs against."""
    return {
        "TensorFlow": version("tensorflow"),
        "Keras": version("keras"),
        "Python": platform.python_version(),
    }


def versions_markdown(versions: dict[str, str]) -> str:
    listed = ", ".join(f"{name} **{v}**" for name, v in versions.items())
    return (
        f"!!! success \"Verified code\"\n"
        f"    Every code block on this site is run and its output checked, on a CPU, with {listed}:\n"
        f"    the versions installed where this copy of the site was built.\n"
    )


def chapter_cards(all_chapters: list[Chapter]) -> str:
    """Material "grid cards": one card per chapter, linked, with its question count."""
    cards = []
    for chapter in all_chapters:
        count = len(chapter.question_ids)
        status = f"**{count} question{'s' if count != 1 else ''}**" if count else "**Coming soon**"
        cards.append(f"-   [{chapter.title}]({chapter.category}.md)\n\n    ---\n\n"
                     f"    {status}. {chapter.description}\n")
    return '<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "versions.md").write_text(versions_markdown(verified_versions()), encoding="utf-8")
    (OUT / "chapters.md").write_text(chapter_cards(chapters()), encoding="utf-8")


if __name__ == "__main__":
    main()
