"""The canary: the handbook's code against the newest TensorFlow, Keras and KerasHub.

The suite pins every version, so it stays green while readers install the newest
releases. This script installs those (everything else as pinned in
requirements.txt) in a virtual environment of its own, runs every code block of
the pages and the snippet programs there, prints a summary and writes it as a
Markdown report. `make canary` runs it locally; the weekly workflow
(.github/workflows/canary.yml) runs it too, then calls it with `--publish` to open
or update the one issue labelled `canary` (and close it when all is green again).

    python3.11 scripts/canary.py                             # everything, in .venv-canary
    python3.11 scripts/canary.py --pages docs/cnn/images.md  # a quick look at one page's blocks
    python3 scripts/canary.py --publish canary-report.md     # CI only: needs gh and GH_TOKEN

Standard library only: it runs before its virtual environment exists.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import venv
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWEST = {"tensorflow": "TensorFlow", "keras": "Keras", "keras-hub": "KerasHub"}  # what readers install newest
TRANSITIVE_SECTION = "# Transitive dependencies"  # requirements.txt's heading above the pins of what others pull in
# Every code block (the static checks of the sources need no TensorFlow: deselected), the snippet
# programs with the outputs their pages show, the figures they draw and their formulas against Keras.
TESTS = ["docs", "tests/test_snippets.py", "tests/test_figures.py", "tests/test_shapes.py", "tests/test_recurrent.py"]
LABEL = "canary"
ISSUE_TITLE = "Canary: the code fails with the newest TensorFlow, Keras or KerasHub"
MARKER = re.compile(r"<!-- canary (\{.*?\}) -->")  # the report's first line, read back by --publish
ISSUE_BODY_LIMIT = 60_000  # GitHub refuses an issue body over 65,536 characters
DETAIL_LINES = 40  # of each failure's text in the report; the run's log and artifact keep all of it
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)")


# requirements.txt, with the newest releases


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(requirements: str) -> dict[str, str]:
    """{package: pinned version} of every `name==version` line."""
    return {normalized(m[1]): m[2] for line in requirements.splitlines() if (m := PIN.match(line.strip()))}


def with_newest(requirements: str, newest: dict[str, str]) -> str:
    """requirements.txt with the pins of `newest`'s packages replaced by its versions."""
    lines = []
    for line in requirements.splitlines():
        m = PIN.match(line.strip())
        name = normalized(m[1]) if m else ""
        if name in newest:
            line = f"{m[1]}=={newest[name]}  # the newest release; requirements.txt pins {m[2]}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def without_transitive_pins(requirements: str) -> str:
    """The same, with the packages below the transitive section unpinned: the fallback when those
    pins conflict with the newest releases (tensorflow-text follows TensorFlow's minor version, say).
    """
    lines, below = [], False
    for line in requirements.splitlines():
        below = below or line.strip() == TRANSITIVE_SECTION
        m = PIN.match(line.strip()) if below else None
        lines.append(m[1] if m else line)
    return "\n".join(lines) + "\n"


# The virtual environment


def run(command: list, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([str(part) for part in command], text=True, **kwargs)


def create_venv(path: Path) -> Path:
    """A fresh environment every time, so that nothing of last week's install lingers. Its Python."""
    print(f"Creating {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    venv.create(path, clear=True, with_pip=True)
    python = path / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
    return python


def newest_version(python: Path, package: str) -> str:
    """The newest release pip would install here (no pre-releases, a wheel for this Python)."""
    listing = run([python, "-m", "pip", "index", "versions", package], capture_output=True, check=True).stdout
    found = re.match(r"\S+ \(([^)]+)\)", listing)  # "keras-hub (0.32.0)", then every version
    if not found:
        raise SystemExit(f"pip index versions {package} printed no version:\n{listing}")
    return found[1]


def install(python: Path, requirements: str) -> tuple[bool, str]:
    """Install `requirements`; whether it worked, and the end of pip's output if not."""
    listed = python.parent.parent / "requirements-canary.txt"
    listed.write_text(requirements, encoding="utf-8")
    done = run([python, "-m", "pip", "install", "--quiet", "-r", listed], capture_output=True)
    said = [line for line in (done.stdout + done.stderr).splitlines() if not line.startswith("WARNING:")]
    return done.returncode == 0, "\n".join(said).strip()[-3000:]  # the end: pip's error and its reasons


def install_newest(python: Path, requirements: str, newest: dict[str, str]) -> tuple[bool, str]:
    """Install the newest releases with every other pin; if pip finds those pins in conflict, again
    with the transitive ones loosened. Whether it installed, and a note for the report."""
    print("Installing " + ", ".join(f"{name}=={v}" for name, v in newest.items())
          + " with the other pins of requirements.txt (a few minutes)")
    strict = with_newest(requirements, newest)
    installed, output = install(python, strict)
    if installed:
        return True, ""
    loose = without_transitive_pins(strict)
    if loose == strict:
        return False, output
    print("Those pins conflict; installing again with the transitive dependencies unpinned")
    if install(python, loose)[0]:
        return True, ("The pins of requirements.txt's transitive dependencies conflict with the newest releases, "
                      "so pip chose those (see the versions above). pip said:\n\n```text\n" + output + "\n```")
    return False, output


def installed_versions(python: Path) -> dict[str, str]:
    listing = run([python, "-m", "pip", "list", "--format=json"], capture_output=True, check=True).stdout
    return {normalized(p["name"]): p["version"] for p in json.loads(listing)}


# The tests, and what they found


@dataclass
class Failure:
    test: str  # the pytest node id: docs/cnn/images.md::line 42, tests/test_snippets.py::...[docs/x.md:12]
    headline: str  # the suite's first line: docs/cnn/images.md:45: ValueError: ...
    details: str


def run_tests(python: Path, pages: list[str], junit: Path) -> int:
    """pytest's exit code. Its own summary and each failure, as it happens, go to the terminal."""
    targets = pages or TESTS
    print(f"Running {' '.join(targets)} with the newest releases")
    junit.unlink(missing_ok=True)  # a stale file would blame last run's failures
    # The suite's 9 s limit per block is a budget for this machine; the canary asks whether the code
    # still works, so it stops only a block that hangs or slows down many times over.
    return run([python, "-m", "pytest", *targets, "-m", "not static", "--block-time-limit=60",
                f"--junitxml={junit}", "-o", "junit_family=xunit1"], cwd=ROOT).returncode  # xunit1: each test's file


def failures(junit: Path) -> tuple[int, list[Failure]]:
    """(number of tests, their failures and errors) from pytest's JUnit XML."""
    cases = list(ET.parse(junit).getroot().iter("testcase"))
    found = []
    for case in cases:
        for problem in [*case.findall("failure"), *case.findall("error")]:
            place = case.get("file") or case.get("classname", "")
            text = (problem.text or problem.get("message") or "").strip()
            headline = (problem.get("message") or text or problem.tag).strip().splitlines()[0]
            found.append(Failure(f"{place}::{case.get('name')}" if place else case.get("name", "?"), headline, text))
    return len(cases), found


# The report


@dataclass
class Outcome:
    newest: dict[str, str]  # the releases pip offered
    pinned: dict[str, str] = field(default_factory=dict)  # requirements.txt
    installed: dict[str, str] = field(default_factory=dict)  # what the environment holds
    tests: int = 0
    found: list[Failure] = field(default_factory=list)
    install_note: str = ""  # why the transitive pins had to go
    install_failure: str = ""  # pip's words when nothing could be installed

    @property
    def passed(self) -> bool:
        return self.tests > 0 and not self.found and not self.install_failure

    def summary(self) -> str:
        if self.install_failure:
            wanted = ", ".join(f"{name}=={version}" for name, version in self.newest.items())
            return f"Red: pip could not install {wanted} with the other pins of requirements.txt."
        versions = ", ".join(f"{shown} {self.installed.get(name, '?')}" for name, shown in NEWEST.items())
        python = ".".join(map(str, sys.version_info[:3]))
        if self.passed:
            return f"Green: {plural(self.tests, 'test')} passed with {versions} (Python {python})."
        if self.tests == 0:
            return f"Red: no test ran with {versions} (Python {python})."
        return f"Red: {len(self.found)} of {plural(self.tests, 'test')} failed with {versions} (Python {python})."

    def fingerprint(self) -> str:
        """Changes when the versions or the failing tests do: only then does --publish comment."""
        what = [sorted(self.newest.items()), [f.test for f in self.found], bool(self.install_failure)]
        return hashlib.sha256(json.dumps(what).encode()).hexdigest()[:12]


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def versions_table(outcome: Outcome) -> list[str]:
    """The three newest releases, then every other package whose version is not requirements.txt's."""
    installed, pinned = outcome.installed, outcome.pinned
    others = sorted(name for name, version in installed.items()
                    if name not in NEWEST and name != "pip" and pinned.get(name) != version)
    rows = ["| Package | Installed | requirements.txt |", "| --- | --- | --- |"]
    rows += [f"| {name} | {installed.get(name, 'not installed')} | {pinned.get(name, '')} |" for name in NEWEST]
    return rows + [f"| {name} | {installed[name]} | {pinned.get(name, 'not listed')} |" for name in others]


def code(text: str) -> str:
    """`text` as inline code, whatever backticks it holds."""
    ticks = "`" * (max(map(len, re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks} {text} {ticks}" if "`" in text else f"`{text}`"


def details(found: list[Failure]) -> list[str]:
    out = ["## Details", ""]
    for failure in found:
        lines = failure.details.splitlines()
        if len(lines) > DETAIL_LINES:
            lines = lines[:DETAIL_LINES] + [f"... ({len(lines) - DETAIL_LINES} more lines in the run's log)"]
        out += [f"<details><summary><code>{html.escape(failure.test)}</code></summary>", "", "````text", *lines,
                "````", "", "</details>", ""]
    return out


def report(outcome: Outcome, with_details: bool = True) -> str:
    """The Markdown report: a marker line for --publish, the outcome, the versions, then each failure.
    Without the details when it would be too long for an issue."""
    marker = {"status": "passed" if outcome.passed else "failed", "fingerprint": outcome.fingerprint(),
              "summary": outcome.summary()}
    out = [f"<!-- canary {json.dumps(marker)} -->", f"# Canary, {datetime.date.today().isoformat()}", "",
           outcome.summary()]
    if run_url := github_run_url():
        out += ["", f"Run: {run_url}"]
    if outcome.install_failure:
        out += ["", "pip said:", "", "```text", outcome.install_failure, "```"]
    else:
        out += ["", "## Versions", "", *versions_table(outcome)]
    if outcome.install_note:
        out += ["", outcome.install_note]
    if outcome.found:
        out += ["", "## Failures", "", "Each as the suite names it, with its first line:", ""]
        out += [f"- {code(failure.test)}: {code(failure.headline)}" for failure in outcome.found]
        out += ["", *details(outcome.found)] if with_details else ["", "The run's log has the details."]
    out += ["", "Reproduce with `make canary` (`make canary PAGES=docs/<chapter>/<page>.md` for one page)."]
    text = "\n".join(out).rstrip() + "\n"
    if len(text) > ISSUE_BODY_LIMIT:
        return report(outcome, with_details=False) if with_details else text[:ISSUE_BODY_LIMIT] + "\n...\n"
    return text


def github_run_url() -> str:
    parts = [os.environ.get(k, "") for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    return f"{parts[0]}/{parts[1]}/actions/runs/{parts[2]}" if all(parts) else ""


def canary(args) -> int:
    if sys.version_info[:2] != (3, 11):
        raise SystemExit("Python 3.11 is required: set PYTHON=/path/to/python3.11")
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    python = create_venv(args.venv)
    outcome = Outcome(newest={name: newest_version(python, name) for name in NEWEST}, pinned=pins(requirements))
    installed, note = install_newest(python, requirements, outcome.newest)
    if installed:
        outcome.installed, outcome.install_note = installed_versions(python), note
        exit_code = run_tests(python, args.pages, args.junit)
        if args.junit.is_file():
            outcome.tests, outcome.found = failures(args.junit)
        if exit_code != 0 and not outcome.found:  # pytest stopped with nothing in its JUnit XML to blame
            outcome.found = [Failure("pytest", f"pytest exited with code {exit_code}; see its output above", "")]
    else:
        outcome.install_failure = note
    text = report(outcome)
    args.report.write_text(text, encoding="utf-8")
    print_summary(text, args.report)
    return 0 if outcome.passed else 1


def print_summary(text: str, path: Path) -> None:
    """The report up to the failures' details, without its marker line: Markdown reads well as text."""
    print("\n" + text.split("\n## Details")[0].split("\n", 1)[1].rstrip())
    print(f"\nThe whole report: {path}")


# The issue (CI)


def read_marker(text: str) -> dict:
    found = MARKER.search(text)
    return json.loads(found[1]) if found else {"status": "failed", "fingerprint": "", "summary": "No report."}


def gh(*args: str) -> str:
    return run(["gh", *args], stdout=subprocess.PIPE, check=True).stdout


def open_issue() -> dict | None:
    """The open issue labelled `canary`, if any: {"number": ..., "body": ...}."""
    found = json.loads(gh("issue", "list", "--label", LABEL, "--state", "open", "--limit", "1",
                          "--json", "number,body"))
    return found[0] if found else None


def unfinished_report(run_url: str) -> str:
    """What --publish files when the canary job stopped before writing its report (a timeout, say)."""
    summary = f"Red: the canary did not finish; see {run_url or 'its run'}."
    marker = {"status": "failed", "fingerprint": "unfinished", "summary": summary}
    return f"<!-- canary {json.dumps(marker)} -->\n# Canary, {datetime.date.today().isoformat()}\n\n{summary}\n"


def publish(report_path: Path) -> None:
    """Open or update the one canary issue from the report; close it, with a note, when green."""
    run_url = github_run_url()
    if not report_path.is_file():
        report_path.write_text(unfinished_report(run_url), encoding="utf-8")
    marker, issue = read_marker(report_path.read_text(encoding="utf-8")), open_issue()
    note = f"{marker['summary']} {run_url}".strip()
    if marker["status"] == "passed":
        if issue:
            gh("issue", "comment", str(issue["number"]), "--body", f"{note}\n\nClosing: the canary is green again.")
            gh("issue", "close", str(issue["number"]))
    elif issue is None:
        gh("label", "create", LABEL, "--force", "--color", "D93F0B",
           "--description", "The weekly run against the newest TensorFlow, Keras and KerasHub")
        gh("issue", "create", "--title", ISSUE_TITLE, "--label", LABEL, "--body-file", str(report_path))
    else:
        number = str(issue["number"])
        changed = read_marker(issue.get("body") or "").get("fingerprint") != marker["fingerprint"]
        gh("issue", "edit", number, "--body-file", str(report_path))
        if changed:  # a comment notifies the subscribers; a week that changed nothing edits the body quietly
            gh("issue", "comment", number, "--body", f"{note}\n\nThe description now lists what fails.")
    print(marker["summary"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--venv", type=Path, default=ROOT / ".venv-canary", help="its virtual environment, "
                        "created afresh (default .venv-canary)")
    parser.add_argument("--pages", nargs="+", default=[], metavar="PAGE",
                        help="run only the code blocks of these pages (docs/<chapter>/<page>.md), not the snippets")
    parser.add_argument("--report", type=Path, help="the Markdown report (default: report.md in the venv)")
    parser.add_argument("--junit", type=Path, help="pytest's JUnit XML (default: junit.xml in the venv)")
    parser.add_argument("--publish", type=Path, metavar="REPORT",
                        help="CI: open, update or close the issue labelled `canary` from REPORT with gh")
    args = parser.parse_args(argv)
    if args.publish:
        publish(args.publish)
        return 0
    missing = [page for page in args.pages if not (ROOT / page).is_file()]
    if missing:
        parser.error(f"no such page: {', '.join(missing)} (give docs/<chapter>/<page>.md)")
    args.venv = args.venv.resolve()
    args.report = (args.report or args.venv / "report.md").resolve()
    args.junit = (args.junit or args.venv / "junit.xml").resolve()
    return canary(args)


if __name__ == "__main__":
    sys.exit(main())
