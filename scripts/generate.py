"""Write the build-time include files that pages pull in with pymdownx.snippets.

Run by `make build`, `make serve` and `make test` before MkDocs. It writes into
`generated/` (git-ignored), so nothing in `docs/` is typed by hand that the
environment already knows.

- `generated/versions.md`: the TensorFlow, Keras and Python versions of the
  environment that builds and tests the site, read from the installed packages.
- `generated/runs-on.md`: the sentence of each chapter introduction that says
  which versions its code runs on (a line of the paragraph that includes it).
- `generated/chapters.md`: the home page's grid of chapters, each with the
  number of questions its topic pages answer, counted from the pages, and the
  reader's progress in it.
- `generated/chapters/<category>.md`: a chapter overview's list of topic pages
  and their questions. It is also the map that sends a first-edition link
  (`/<category>/#<id>`) on to the topic page that now answers `<id>`.
- `generated/verified.md`: the badge at the top of every chapter: the
  versions its code ran with, and the data the study features read
  (version string, repository, question ids).
- `generated/questions.md`: the all-questions index, with a short answer
  (each answer's opening sentence) and a permalink for every question.
- `docs/downloads/`: the flashcard deck as TSV (Anki's text import) and as an
  Anki package (.apkg), written by `scripts/flashcards.py`, and a Jupyter
  notebook of every page with code (`notebooks/<chapter>/<page>.ipynb`,
  scripts/notebooks.py). All are git-ignored, like `generated/`.
"""

from __future__ import annotations

import html
import platform
import posixpath
import re
import subprocess
from importlib.metadata import version
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

from scripts.docs_source import LEVELS, ROOT, Chapter, Question, chapters, front_matter, headings, questions
from scripts.flashcards import published_site_url, write_flashcards
from scripts.notebooks import write_notebooks

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


def runs_on(versions: dict[str, str]) -> str:
    """One sentence for a chapter's introduction, included as a line of its paragraph."""
    return (f"Every Python block runs on TensorFlow {versions['TensorFlow']} with Keras {versions['Keras']}, "
            "and its output is shown below it.\n")


def progress_line(ids: list[str], label: str) -> str:
    """A progress line with its reset button, complete at build time; study.js fills in the count.

    An empty `ids` means "the questions of this page", which study.js reads from the headings.
    """
    return (f'<p class="study-progress" data-progress-ids="{" ".join(ids)}" data-label="{html.escape(label)}">'
            f'<span class="study-progress__count" aria-live="polite">0 of {len(ids)} reviewed</span> '
            f'<button type="button" class="md-button study-progress__reset" '
            f'aria-label="Reset progress for {html.escape(label)}">Reset progress</button></p>')


def chapter_cards(all_chapters: list[Chapter]) -> str:
    """Material "grid cards": one card per chapter, linked, with its question count and progress."""
    cards = []
    for chapter in all_chapters:
        count = len(chapter.question_ids)
        status = f"**{count} question{'s' if count != 1 else ''}**" if count else "**Coming soon**"
        cards.append(f"-   [{chapter.title}]({chapter.category}/index.md)\n\n    ---\n\n"
                     f"    {status}. {chapter.description}\n")
    ids = [i for chapter in all_chapters for i in chapter.question_ids]
    return ('<div class="grid cards" markdown>\n\n' + "\n".join(cards) + "\n</div>\n\n"
            + progress_line(ids, "all chapters") + "\n")


def level_label(level: str | None) -> str:
    """A question's level as the overview and the index show it (the headings get theirs from CSS)."""
    return f'<span class="qa-level" data-level="{level}">{level}</span>' if level else ""


def chapter_overview(chapter: Chapter) -> str:
    """A chapter overview's progress line, then each topic page with links to its questions.

    Excluded from search, so that a query lands on the answer, not on this list.
    """
    parts = [progress_line(chapter.question_ids, chapter.title), "",
             '<div class="chapter-topics" data-search-exclude markdown>', ""]
    for topic in chapter.topics:
        name = topic.name
        title = next(h.text for h in headings(topic) if h.level == 1)
        parts.append(f"**[{title}]({name})**: {front_matter(topic).get('description', '')}\n")
        parts += [f"1.  [{h.text}]({name}#{h.id}) {level_label(h.difficulty)}"
                  for h in headings(topic) if h.level == 2 and h.id]
        parts.append("")
    parts.append("</div>")
    return "\n".join(parts) + "\n"


def site_config() -> dict:
    """mkdocs.yml as MkDocs reads it (with !ENV resolved), for site_url and repo_url."""
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml_load(f)


def version_string(versions: dict[str, str]) -> str:
    """What a problem report quotes: the versions, and the commit the site was built from."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return ", ".join(f"{name} {v}" for name, v in versions.items()) + f", commit {commit}"


def verified_badge(versions: dict[str, str], config: dict) -> str:
    """The lines under each topic page's title: the badge, then the practice switch and progress.

    The badge ends with a link to the page's notebook; its href, which only the page knows, is
    filled in by the theme (overrides/partials/content.html) from the page's address.

    The badge's data attributes feed the study features. Everything is written here, at build
    time, so that nothing moves on the page when study.js starts; and all of it stays out of the
    search index, where its words would make every topic page match "TensorFlow" or "practice".
    """
    return (f'<p class="verified-badge" data-search-exclude data-version="{html.escape(version_string(versions))}" '
            f'data-repo="{html.escape(config["repo_url"])}">'
            f'<span class="verified-badge__mark" aria-hidden="true">✓</span> Every code block on this page ran, '
            f'and its output was checked, with TensorFlow <strong>{versions["TensorFlow"]}</strong> and Keras '
            f'<strong>{versions["Keras"]}</strong>. <a class="verified-badge__notebook" download>Download notebook</a>'
            '</p>\n'
            '<div class="study-bar" data-search-exclude><button type="button" class="md-button practice-toggle" '
            'aria-pressed="false" title="Hide the answers and test yourself">Practice mode</button> '
            + PRACTICE_FILTER + progress_line([], "this page") + '</div>\n')


# Which questions practice mode asks: by level, or those not yet marked "I know this" (study.js).
PRACTICE_FILTER = (
    '<label class="practice-filter">Practise <select name="practice-filter">'
    '<option value="">every question</option>'
    + "".join(f'<option value="{level}">only {level}</option>' for level in LEVELS)
    + '<option value="unmarked">only what I have not marked</option></select></label> ')


MARKDOWN_LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def rebased(markdown: str, source: str, target: str) -> str:
    """Markdown written in docs/`source`, with its relative links fixed to work from docs/`target`."""
    def fix(match: re.Match) -> str:
        url = match.group(2)
        if re.match(r"^[a-z]+:", url):
            return match.group(0)
        path, _, fragment = url.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path)) if path else source
        new = posixpath.relpath(resolved, posixpath.dirname(target) or ".")
        return match.group(1) + new + (f"#{fragment}" if fragment else "") + match.group(3)
    return MARKDOWN_LINK.sub(fix, markdown)


def on_index_page(question: Question) -> str:
    """The short answer, with its links rebased from its topic page to the index page."""
    return rebased(question.short_answer, question.page, "questions.md")


def question_index(all_questions: list[Question], all_chapters: list[Chapter]) -> str:
    """The all-questions page: a filter form, then one section and table per chapter.

    One table per chapter, not one for the whole handbook, so that a phone lays out the
    first chapter at load and the rest as the reader scrolls (content-visibility in extra.css),
    and the page's table of contents jumps to a chapter.
    """
    options = "".join(f'<option value="{c.category}">{html.escape(c.title)}</option>'
                      for c in all_chapters if c.question_ids)
    sections = []
    for chapter in all_chapters:
        questions = [q for q in all_questions if q.category == chapter.category]
        if not questions:
            continue
        rows = "".join(
            f'<tr data-level="{q.level}" markdown="1">\n'
            f'<td markdown="span">[{q.heading}]({q.page}#{q.id})</td>\n'
            f'<td>{level_label(q.level)}</td>\n'
            f'<td markdown="span">{on_index_page(q)}</td>\n</tr>\n'
            for q in questions)
        sections.append(
            f'<section class="index-chapter" data-chapter="{chapter.category}" markdown="1">\n\n'
            f'## {chapter.title} {{ #chapter-{chapter.category} }}\n\n'
            f'{len(questions)} questions · [chapter overview]({chapter.category}/index.md)\n\n'
            '<div class="md-typeset__scrollwrap" markdown="1"><div class="md-typeset__table" markdown="1">\n'
            '<table class="question-index" markdown="1">\n'
            '<thead><tr><th>Question</th><th>Level</th><th>Short answer</th></tr></thead>\n'
            f'<tbody markdown="1">\n{rows}</tbody>\n</table>\n</div></div>\n\n</section>\n')
    return (
        '<form class="question-filter" role="search" aria-label="Filter the questions" '
        'onsubmit="return false">\n'
        '<label>Search the questions <input type="search" name="text" autocomplete="off"></label>\n'
        f'<label>Chapter <select name="chapter"><option value="">All chapters</option>{options}</select></label>\n'
        '<label>Level <select name="level"><option value="">All levels</option>'
        + "".join(f'<option value="{level}">{level}</option>' for level in LEVELS) + '</select></label>\n'
        f'<output name="count" aria-live="polite">{len(all_questions)} questions</output>\n'
        '</form>\n\n' + "\n".join(sections)
    )


# lunr 2.3.9, inside Material's search worker, merges trie nodes whose keys collide: a node's key is
# its edges' labels and child ids run together, so an edge "1" to node 23 reads like an edge "12" to
# node 3. The merged trie then holds words that are in no document ("zeropadding4"), and a query
# that expands to one of them fails and finds nothing: with this handbook's index, "zero" did.
# A comma after each id makes the keys unambiguous. Material is pinned; if its worker changes,
# this stops the build instead of shipping the bug again.
LUNR_NODE_KEY = 'var s=r[i],o=this.edges[s];e=e+s+o.id}return e}'
LUNR_NODE_KEY_FIXED = 'var s=r[i],o=this.edges[s];e=e+s+o.id+","}return e}'
WORKERS = Path("assets") / "javascripts" / "workers"


def fixed_search_worker() -> None:
    """Write Material's search worker, with lunr's trie keys made unambiguous, to the theme overrides."""
    import material

    source = next((Path(material.__file__).parent / "templates" / WORKERS).glob("search.*.min.js"))
    code = source.read_text(encoding="utf-8")
    if code.count(LUNR_NODE_KEY) != 1:
        raise SystemExit(f"{source}: lunr's TokenSet.toString changed; review the search fix in {__file__}")
    target = ROOT / "overrides" / WORKERS / source.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(code.replace(LUNR_NODE_KEY, LUNR_NODE_KEY_FIXED), encoding="utf-8")


def main() -> None:
    OUT.mkdir(exist_ok=True)
    fixed_search_worker()
    config, versions = site_config(), verified_versions()
    all_chapters, all_questions = chapters(), questions()
    (OUT / "versions.md").write_text(versions_markdown(versions), encoding="utf-8")
    (OUT / "runs-on.md").write_text(runs_on(versions), encoding="utf-8")
    (OUT / "chapters.md").write_text(chapter_cards(all_chapters), encoding="utf-8")
    (OUT / "chapters").mkdir(exist_ok=True)
    for chapter in all_chapters:
        (OUT / "chapters" / f"{chapter.category}.md").write_text(chapter_overview(chapter), encoding="utf-8")
    (OUT / "verified.md").write_text(verified_badge(versions, config), encoding="utf-8")
    (OUT / "questions.md").write_text(question_index(all_questions, all_chapters), encoding="utf-8")
    write_flashcards(all_questions, config)
    write_notebooks(published_site_url(config), versions["Python"])  # links that work outside this machine


if __name__ == "__main__":
    main()
