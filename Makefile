# The two commands a newcomer needs: `make serve` and `make test`.
# Both create .venv from requirements.txt when it is missing or older than
# requirements.txt, so a fresh clone needs only Python 3.11 and make.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Quiet TensorFlow for every command below. Nothing here changes a result: the code blocks run
# with TensorFlow's defaults (oneDNN on), as a reader's copy does.
export TF_CPP_MIN_LOG_LEVEL := 3
export KERAS_BACKEND := tensorflow
export NO_MKDOCS_2_WARNING := 1
export MPLBACKEND := Agg

.PHONY: serve build test test-page canary bench bench-pages figures offline clean generated

$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Python 3.11 is required: set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

# Build-time includes and downloads (generated/, docs/downloads/), from the pages.
generated: $(STAMP)
	$(BIN)/python -m scripts.generate

# The zip of the site that works opened from disk (docs/downloads/handbook-offline.zip).
offline: generated
	$(BIN)/python -m scripts.offline

serve: offline
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: offline
	$(BIN)/python -m scripts.build --strict  # mkdocs build, then the formulas drawn into the pages

test: generated
	$(BIN)/ruff check .
	$(BIN)/actionlint .github/workflows/*.yml
	$(BIN)/python -m pytest

# One page: its static checks, its code blocks and its browser test, e.g.
# `make test-page PAGE=docs/cnn/images.md` (about a minute, most of it building the site).
test-page: generated
	@test -f "$(PAGE)" || { echo "usage: make test-page PAGE=docs/<chapter>/<page>.md"; exit 2; }
	$(BIN)/python -m pytest --page $(PAGE) docs tests

# The code blocks and snippet programs against the newest TensorFlow, Keras and KerasHub (everything
# else as pinned), in a fresh .venv-canary of their own; the weekly Canary workflow runs the same.
# About ten minutes; `make canary PAGES="docs/cnn/images.md ..."` runs only those pages' blocks.
canary:
	$(PYTHON) scripts/canary.py $(if $(PAGES),--pages $(PAGES))

# Redraw every committed figure from its program in snippets/.
figures: $(STAMP)
	mkdir -p docs/assets/figures
	cd docs/assets/figures && for program in ../../../snippets/figure_*.py; do \
		[ -e "$$program" ] || continue; ../../../$(BIN)/python "$$program" || exit 1; done

bench: offline
	npm ci --prefix tests/lighthouse --no-audit --no-fund --silent  # Lighthouse, pinned in its lock file
	$(BIN)/python tests/bench.py

# Lighthouse, mobile and desktop, on every page (about an hour; use a quiet machine), or on
# `PAGES="/ /cnn/detection/"` only.
bench-pages: offline
	npm ci --prefix tests/lighthouse --no-audit --no-fund --silent
	$(BIN)/python tests/bench.py --every-page $(PAGES)

clean:
	rm -rf $(VENV) .venv-canary site build generated docs/downloads .pytest_cache
