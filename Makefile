# The two commands of the README: `make serve` and `make test`.
PY ?= python3
STAMP := .cache/setup-done

.PHONY: setup serve build test lint format

$(STAMP): pyproject.toml scripts/setup.sh
	PY=$(PY) bash scripts/setup.sh
	@mkdir -p .cache && touch $(STAMP)

setup: $(STAMP)

serve: setup
	$(PY) -m generator serve

build: setup
	$(PY) -m generator build

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m generator schema --check
	$(PY) -m pytest

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
