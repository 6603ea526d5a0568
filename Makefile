# The two commands of the README: `make serve` and `make test`.
PY ?= python3
# The set-up stamp is per interpreter: switching to a new .venv (or another
# PY) runs the set-up again instead of skipping the install into it.
PY_PREFIX := $(shell $(PY) -c 'import sys; print(sys.prefix)' 2>/dev/null)
STAMP := .cache/setup-done-$(shell printf '%s' '$(PY_PREFIX)' | cksum | cut -d' ' -f1)

.PHONY: setup serve build test lint format

$(STAMP): pyproject.toml scripts/setup.sh
	PY=$(PY) bash scripts/setup.sh
	@mkdir -p .cache && touch $(STAMP)

setup: $(STAMP)

serve: setup
	$(PY) -m generator serve

build: setup
	$(PY) -m generator build

# Two pytest-xdist workers, a test module each at a time (--dist loadscope): the
# session's built copies of the project are shared by both (tests/conftest.py).
TEST_WORKERS ?= 2

test: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m generator schema --check
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope

format:
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
