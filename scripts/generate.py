"""Write the build-time include files that pages pull in with pymdownx.snippets.

Run by `make build`, `make serve` and `make test` before MkDocs. It writes into
`generated/` (git-ignored), so nothing in `docs/` is typed by hand that the
environment already knows.

- `generated/versions.md`: the TensorFlow, Keras and Python versions of the
  environment that builds and tests the site, read from the installed packages.
"""

from __future__ import annotations

import platform
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "versions.md").write_text(versions_markdown(verified_versions()), encoding="utf-8")


if __name__ == "__main__":
    main()
