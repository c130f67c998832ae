# Two commands for a newcomer: `make run` (the app) and `make test` (lint + tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench install score clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev,bench]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run ui/app.py --server.address 127.0.0.1 --browser.gatherUsageStats false

lint: $(STAMP)
	$(BIN)/ruff check verifier db ui tests bench
	$(BIN)/mypy verifier db ui

test: lint
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python -m bench

score: $(STAMP)
	$(PYTHON) ../shared/eval/score.py -v

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache

screenshots: $(STAMP)
	VERIFIER_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/e2e
