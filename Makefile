# Two commands: `make demo` (install, ingest the sample articles, list the events) and
# `make test` (the whole test suite). Both create the virtualenv in .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test screenshots install install-dev clean-demo

demo: $(VENV)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/strikewatch ingest samples/articles/ --db $(DEMO_DB)
	$(BIN)/strikewatch events --db $(DEMO_DB)

test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest

# refresh docs/dashboard.png and docs/event.png (needs $$STRIKEWATCH_TEST_CHROMIUM)
screenshots: $(VENV)/.installed-dev
	STRIKEWATCH_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest tests/test_web.py

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q -e ".[dev]"
	touch $(VENV)/.installed $@

clean-demo:
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
