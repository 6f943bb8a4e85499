# The two commands of the README: `make run` and `make test`. Each sets itself up.
# `make run` installs only what running needs; `make test` adds the test extra
# (Playwright, hypothesis, psycopg, ruff), which took most of a first `make run`'s 87 s.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# `make test` runs the suite in TEST_WORKERS processes (pytest-xdist; auto: one per
# core); TEST_WORKERS=0 runs it in this one. PYTEST_ARGS adds pytest options of your
# own, e.g. PYTEST_ARGS="-m 'not browser'" or "-k fetch".
TEST_WORKERS ?= auto

.PHONY: run test lint bench bench-ocr load fuzz burst corpus screenshot clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# One stamp per set of packages: each is remade when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: $(VENV)/.installed-run
	$(BIN)/skincheck init-db
	$(BIN)/skincheck serve --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-test
	@sh scripts/ensure-chromium
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

corpus: $(VENV)/.installed-run
	$(BIN)/python scripts/corpus_report.py

# The picture at the top of the README: a real report in real Chromium, 1000 px wide.
screenshot: $(VENV)/.installed-test
	@sh scripts/ensure-chromium
	SKINCHECK_REFRESH_SCREENSHOT=1 $(BIN)/python -m pytest tests/web/test_readme_screenshot.py -q

clean:
	rm -rf $(VENV) instance artifacts .pytest_cache .ruff_cache .hypothesis

bench: $(VENV)/.installed-test
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python benchmarks/bench_core.py
	$(BIN)/python benchmarks/bench_unseparated.py

# Reading label photos (docs/ocr.md): 220 rendered labels (needs ../shared and the Debian
# fonts fonts-dejavu-core and fonts-liberation; about 10 min on one core), then the
# memory of a worker that reads photos.
bench-ocr: $(VENV)/.installed-run
	$(BIN)/python benchmarks/bench_ocr.py --count 220
	$(BIN)/python benchmarks/ocr_worker_memory.py

load: $(VENV)/.installed-test
	$(BIN)/python benchmarks/load.py

# The random pass, then the structured pass: the shapes of the complexity tests at
# growing sizes through every way in, printing the worst CPU time per request.
fuzz: $(VENV)/.installed-test
	$(BIN)/python benchmarks/fuzz_endpoints.py
	$(BIN)/python benchmarks/fuzz_shapes.py

# The README's production command under a burst of the slowest inputs fuzz_shapes.py
# found, with the start page's response time during the burst.
burst: $(VENV)/.installed-test
	$(BIN)/python benchmarks/burst.py
