# Rahai: `make run` starts a demo on http://127.0.0.1:8000, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CASES ?= 300

.PHONY: run test lint format install install-dev lock clean-demo

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Rahai needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/rahai setup
	$(BIN)/rahai migrate --noinput
	$(BIN)/rahai load_reference
	$(BIN)/rahai demo --cases $(CASES)
	$(BIN)/rahai insights fill --quiet
	$(BIN)/rahai serve

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-pin every dependency after changing pyproject.toml.
lock: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	$(BIN)/pip freeze --exclude-editable | grep -v '^rahai' > constraints.txt

clean-demo:
	rm -rf var/rahai.sqlite3* var/demo-credentials.txt var/static
