# The two commands a new user needs: `make run` and `make test`. Nothing but Python 3.11+ required.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# The DfE validation rules need pandas<2: they run in an environment of their own.
VALIDATOR_VENV ?= .venv-validator
HOST ?= 127.0.0.1
PORT ?= 8050
WORKERS ?= 2

.PHONY: run test setup demo bench bench-pages screenshots clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.requirements: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.requirements-test: requirements-test.txt requirements.txt $(VENV)/.requirements
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

$(VALIDATOR_VENV)/.requirements: requirements-validator.txt
	$(PYTHON) -m venv $(VALIDATOR_VENV)
	$(VALIDATOR_VENV)/bin/pip install --quiet --upgrade pip
	$(VALIDATOR_VENV)/bin/pip install --quiet -r requirements-validator.txt
	touch $@

## run: serve the dashboard on demo data at http://$(HOST):$(PORT)
run: $(VENV)/.requirements $(VALIDATOR_VENV)/.requirements
	$(BIN)/flask --app app setup
	@echo "Serving the dashboard at http://$(HOST):$(PORT) (Ctrl+C to stop)"
	$(BIN)/gunicorn app:server --workers $(WORKERS) --bind $(HOST):$(PORT) --no-control-socket --timeout 120

## test: every test (PostgreSQL and browser tests say why if they are skipped)
test: $(VENV)/.requirements-test $(VALIDATOR_VENV)/.requirements
	$(BIN)/python -m pytest

## setup: create or upgrade the database; demo data if it is empty
setup: $(VENV)/.requirements $(VALIDATOR_VENV)/.requirements
	$(BIN)/flask --app app setup

## demo: replace the demo files and import them again
demo: $(VENV)/.requirements $(VALIDATOR_VENV)/.requirements
	$(BIN)/flask --app app demo-data

clean:
	rm -rf $(VENV) $(VALIDATOR_VENV) instance .pytest_cache

## screenshots: every page for every role at 1366x768 and 375x812, on the demo data, into screenshots/
screenshots: $(VENV)/.requirements-test
	$(BIN)/flask --app app setup
	$(BIN)/python scripts/screenshots.py screenshots

## bench: import speed, cold start, every callback's p50/p95 with 1 and 8 clients beside a trivial callback's,
## first request after an import, worker RSS and PSS, at council and England size (80,000 children, 150
## councils); about 20 minutes, 5 of them making England's data. REUSE=1 reuses it (about 15 minutes).
bench: $(VENV)/.requirements
	$(BIN)/python scripts/bench.py --workers $(WORKERS) $(if $(REUSE),--reuse,)

## bench-pages: p50/p95 of each page's main callback over HTTP (gunicorn, loopback), demo data
bench-pages: $(VENV)/.requirements-test
	$(BIN)/flask --app app setup
	$(BIN)/python scripts/bench_pages.py --requests 100
