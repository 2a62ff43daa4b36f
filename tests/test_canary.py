"""The canary's parts that run without installing anything (scripts/canary.py,
.github/workflows/canary.yml): the requirements it installs, the failures it reads
from pytest, the report it writes, and what it does to the issue. The canary
itself runs weekly in CI, and on demand with `make canary`.
"""

import json

import pytest
import yaml

from scripts import canary
from scripts.docs_source import ROOT

REQUIREMENTS = (ROOT / "requirements.txt").read_text(encoding="utf-8")
NEWEST = {"tensorflow": "2.99.0", "keras": "3.99.0", "keras-hub": "0.99.0"}

# What pytest writes for two failing blocks and a failing snippet test (the first two as the suite wrote
# them for tests/harness/, with -n 2 and junit_family=xunit1).
JUNIT = """<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" errors="0"
failures="3" skipped="0" tests="4" time="6.7">
<testcase classname="tests.harness.output_mismatch.md" name="line 3" file="tests/harness/output_mismatch.md" line="3"
time="3.2"><failure message="tests/harness/output_mismatch.md:10: the block at tests/harness/output_mismatch.md:3
printed something else than its expected output:&#10;--- expected&#10;+++ printed">tests/harness/output_mismatch.md:10:
the block at tests/harness/output_mismatch.md:3 printed something else than its expected output:
--- expected
+++ printed
-16
+8</failure></testcase>
<testcase classname="tests.harness.failing_statement.md" name="line 3" file="tests/harness/failing_statement.md"
line="3" time="3.2"><failure message="tests/harness/failing_statement.md:6: IndexError: list index out of range&#10;in
the block">tests/harness/failing_statement.md:6: IndexError: list index out of range</failure></testcase>
<testcase classname="tests.test_snippets" name="test_included_program_prints_what_the_page_shows[docs/rnn/lstm.md:40]"
file="tests/test_snippets.py" line="51" time="1.0"><failure message="AssertionError: snippets/recurrent.py printed&#10;
1&#10;but the page shows&#10;2">long traceback</failure></testcase>
<testcase classname="docs.cnn.images.md" name="line 12" file="docs/cnn/images.md" line="12" time="0.4"/>
</testsuite></testsuites>
"""


def read(junit_text, tmp_path):
    path = tmp_path / "junit.xml"
    path.write_text(junit_text, encoding="utf-8")
    return canary.failures(path)


def test_only_the_three_packages_move_to_the_newest_release():
    rewritten = canary.with_newest(REQUIREMENTS, NEWEST)
    before, after = canary.pins(REQUIREMENTS), canary.pins(rewritten)
    assert {name: after[name] for name in NEWEST} == NEWEST
    assert {n: v for n, v in after.items() if n not in NEWEST} == {n: v for n, v in before.items() if n not in NEWEST}
    assert "keras-hub==0.99.0  # the newest release; requirements.txt pins " in rewritten


def test_the_fallback_unpins_only_the_transitive_dependencies():
    loose = canary.without_transitive_pins(canary.with_newest(REQUIREMENTS, NEWEST))
    direct = REQUIREMENTS.split(canary.TRANSITIVE_SECTION)[0]
    assert canary.pins(loose) == {**canary.pins(direct), **NEWEST}
    assert "\ntensorflow-text\n" in loose and "\nprotobuf\n" in loose  # still installed, at pip's choice


def test_failures_are_named_as_the_suite_names_them(tmp_path):
    tests, found = read(JUNIT, tmp_path)
    assert tests == 4
    assert [f.test for f in found] == [
        "tests/harness/output_mismatch.md::line 3",
        "tests/harness/failing_statement.md::line 3",
        "tests/test_snippets.py::test_included_program_prints_what_the_page_shows[docs/rnn/lstm.md:40]",
    ]
    assert found[1].headline == "tests/harness/failing_statement.md:6: IndexError: list index out of range"
    assert found[2].headline == "AssertionError: snippets/recurrent.py printed"


def outcome(tmp_path, **changes):
    tests, found = read(JUNIT, tmp_path)
    installed = {**canary.pins(REQUIREMENTS), **NEWEST, "tensorflow-text": "2.99.1", "pip": "99.0"}
    fields = {"newest": NEWEST, "pinned": canary.pins(REQUIREMENTS), "installed": installed, "tests": tests,
              "found": found, **changes}
    return canary.Outcome(**fields)


def test_a_red_report_names_the_versions_and_each_failure(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "owner/handbook")
    monkeypatch.setenv("GITHUB_RUN_ID", "42")
    text = canary.report(outcome(tmp_path))
    marker = canary.read_marker(text)
    assert marker["status"] == "failed"
    assert marker["summary"].startswith("Red: 3 of 4 tests failed with TensorFlow 2.99.0, Keras 3.99.0, KerasHub 0.99")
    assert "Run: https://github.com/owner/handbook/actions/runs/42" in text
    assert f"| tensorflow | 2.99.0 | {canary.pins(REQUIREMENTS)['tensorflow']} |" in text
    assert "| tensorflow-text | 2.99.1 |" in text  # a pin that moved is listed too; pip is not
    assert "| pip |" not in text
    assert ("- `tests/harness/failing_statement.md::line 3`: "
            "`tests/harness/failing_statement.md:6: IndexError: list index out of range`") in text
    assert text.count("<details>") == 3


def test_a_green_report_says_so_and_the_fingerprint_follows_the_failures(tmp_path):
    green = outcome(tmp_path, found=[])
    marker = canary.read_marker(canary.report(green))
    assert marker["status"] == "passed"
    assert marker["summary"].startswith("Green: 4 tests passed with TensorFlow 2.99.0")
    red = outcome(tmp_path)
    assert red.fingerprint() == outcome(tmp_path).fingerprint() != green.fingerprint()
    assert canary.read_marker(canary.report(outcome(tmp_path, tests=0, found=[])))["status"] == "failed"


def test_inline_code_survives_backticks():
    assert canary.code("plain") == "`plain`"
    assert canary.code("use `x`") == "`` use `x` ``"


def test_a_report_fits_in_an_issue(tmp_path):
    many = [canary.Failure(f"docs/x.md::line {n}", "boom", "x" * 200 + "\n" * 100) for n in range(400)]
    text = canary.report(outcome(tmp_path, found=many))
    assert len(text) <= canary.ISSUE_BODY_LIMIT + 10
    assert canary.read_marker(text)["status"] == "failed"


def test_an_install_failure_is_red_and_quotes_pip(tmp_path):
    text = canary.report(canary.Outcome(newest=NEWEST, install_failure="ResolutionImpossible: h5py"))
    assert canary.read_marker(text)["summary"].startswith("Red: pip could not install tensorflow==2.99.0")
    assert "ResolutionImpossible: h5py" in text and "## Versions" not in text


class FakeGitHub:
    """Stands in for the gh CLI: one open canary issue, or none; records every call."""

    def __init__(self, issue=None):
        self.issue, self.calls = issue, []

    def __call__(self, *args):
        self.calls.append(args[:2])
        return json.dumps([self.issue] if self.issue else []) if args[:2] == ("issue", "list") else ""


@pytest.mark.parametrize(("status", "issue", "calls"), [
    ("failed", None, [("issue", "list"), ("label", "create"), ("issue", "create")]),
    ("failed", "same", [("issue", "list"), ("issue", "edit")]),  # nothing new: no comment, no notification
    ("failed", "other", [("issue", "list"), ("issue", "edit"), ("issue", "comment")]),
    ("passed", "other", [("issue", "list"), ("issue", "comment"), ("issue", "close")]),
    ("passed", None, [("issue", "list")]),
])
def test_publish_keeps_one_issue(status, issue, calls, tmp_path, monkeypatch):
    report = tmp_path / "report.md"
    result = outcome(tmp_path, found=[]) if status == "passed" else outcome(tmp_path)
    report.write_text(canary.report(result), encoding="utf-8")
    fingerprint = canary.read_marker(report.read_text())["fingerprint"]
    body = f'<!-- canary {{"status": "failed", "fingerprint": "{fingerprint if issue == "same" else "old"}"}} -->'
    fake = FakeGitHub({"number": 7, "body": body} if issue else None)
    monkeypatch.setattr(canary, "gh", fake)
    canary.publish(report)
    assert fake.calls == calls


def test_publish_reports_a_canary_that_did_not_finish(tmp_path, monkeypatch):
    fake = FakeGitHub()
    monkeypatch.setattr(canary, "gh", fake)
    canary.publish(tmp_path / "missing.md")
    assert fake.calls[-1] == ("issue", "create")
    assert canary.read_marker((tmp_path / "missing.md").read_text())["summary"].startswith("Red: the canary did not")


def test_only_the_issue_job_may_write_issues():
    workflow = yaml.safe_load((ROOT / ".github/workflows/canary.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["canary"]["permissions"] == {"contents": "read"}
    assert jobs["issue"]["permissions"] == {"contents": "read", "issues": "write"}
    assert all("timeout-minutes" in job for job in jobs.values())
    assert set(workflow[True]) == {"schedule", "workflow_dispatch"}  # YAML 1.1 reads the key `on` as True
