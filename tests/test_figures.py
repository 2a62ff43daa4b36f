"""Committed figures are exactly what their programs draw today.

A figure program is a module `snippets/figure_*.py` whose `main()` writes one
or more SVG files into the current folder (so it also works pasted into a
fresh interpreter). `make figures` runs each one inside docs/assets/figures/.
Here each runs in a scratch folder, and every SVG it writes must match the
committed file: the same text, and every coordinate within a hundredth of a
pixel. (A figure of a trained model moves by about 1e-5 px between CPUs, as
float32 sums do; a stale or hand-edited figure moves by far more, or changes
its text.)
"""

import re

from scripts.docs_source import ROOT, SNIPPETS, run_as_main

FIGURES = ROOT / "docs" / "assets" / "figures"
PROGRAMS = sorted(SNIPPETS.glob("figure_*.py"))
NUMBER = re.compile(r"-?\d+\.\d+")
TOLERANCE_PX = 0.01


def same_drawing(drawn: str, committed: str) -> bool:
    """Equal text once the decimals are set aside, and every decimal within TOLERANCE_PX."""
    if NUMBER.sub("#", drawn) != NUMBER.sub("#", committed):
        return False
    pairs = zip(NUMBER.findall(drawn), NUMBER.findall(committed))
    return all(abs(float(a) - float(b)) <= TOLERANCE_PX for a, b in pairs)


def draw_all(tmp_path, monkeypatch) -> dict:
    """Run every figure program in its own scratch folder: {program: [SVGs written]}."""
    drawn = {}
    for program in PROGRAMS:
        folder = tmp_path / program.stem
        folder.mkdir()
        monkeypatch.chdir(folder)
        run_as_main(program)
        drawn[program] = sorted(folder.glob("*.svg"))
    return drawn


def test_figures_are_up_to_date(tmp_path, monkeypatch):
    problems = []
    drawn = draw_all(tmp_path, monkeypatch)
    for program, written in drawn.items():
        if not written:
            problems.append(f"{program.relative_to(ROOT)} wrote no SVG")
        for svg in written:
            committed = FIGURES / svg.name
            if not committed.is_file():
                problems.append(f"docs/assets/figures/{svg.name} is not committed: run `make figures`")
            elif not same_drawing(svg.read_text(encoding="utf-8"), committed.read_text(encoding="utf-8")):
                problems.append(f"docs/assets/figures/{svg.name} is stale: run `make figures` and commit it")
    orphans = {svg.name for svg in FIGURES.glob("*.svg")} - {svg.name for w in drawn.values() for svg in w}
    problems += [f"docs/assets/figures/{name} has no program in snippets/figure_*.py" for name in sorted(orphans)]
    assert not problems, "\n".join(problems)
