# The two commands of the README: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint bench load fuzz corpus clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.installed
	$(BIN)/skincheck init-db
	$(BIN)/skincheck serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed
	@sh scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .

corpus: $(VENV)/.installed
	$(BIN)/python scripts/corpus_report.py

clean:
	rm -rf $(VENV) instance artifacts .pytest_cache .ruff_cache .hypothesis

bench: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_unseparated.py

load: $(VENV)/.installed
	$(BIN)/python benchmarks/load.py

fuzz: $(VENV)/.installed
	$(BIN)/python benchmarks/fuzz_endpoints.py
