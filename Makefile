# Aid Tracker: `make run` serves the app, `make test` runs the suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck format install install-dev serve migrate demo bench-extract bench-ingest bench-api bench-web clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput

demo: migrate
	DEBUG=1 $(PY) manage.py load_demo --users

run: demo
	@echo "Aid Tracker on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/, user admin / admin)"
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MAKE) --no-print-directory typecheck

format: install-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache db.sqlite3

# Type hints are checked on the domain code: services, selectors, ingestion and extraction.
TYPED := aidtracker/services.py aidtracker/selectors.py aidtracker/money.py \
	aidtracker/reference.py aidtracker/validators.py aidtracker/filters.py aidtracker/changes.py \
	aidtracker/synthetic.py aidtracker/compiled.py aidtracker/balanced_worker.py aidtracker/api/documents.py aidtracker/api/list_pages.py ingest/services.py ingest/recording.py ingest/fetch.py \
	ingest/feeds.py ingest/html.py ingest/textfile.py ingest/extract_run.py ingest/extraction

typecheck: install-dev
	$(VENV)/bin/mypy $(TYPED)

# Ingestion: 2,000 articles through Redis and one worker with two processes into a dedicated
# PostgreSQL database (BENCH_DATABASE_URL, recreated) and Redis db (BENCH_REDIS_URL, flushed).
# Extraction quality (score.py on the dev corpus and the seed) and speed (1,000 articles, 1 MB).
bench-extract: install-dev
	$(PY) scripts/bench_extract.py

bench-ingest: install-dev
	$(PY) scripts/bench_ingest.py

# REST API benchmark: a dedicated PostgreSQL database (BENCH_DATABASE_URL), 100,000
# synthetic pledges, gunicorn with two workers; prints p50/p95 latency and requests/s.
# The load comes from wrk when installed (Debian: apt-get install wrk), else from Python.
bench-api: install-dev
	$(PY) scripts/bench_api.py $(BENCH_API_ARGS)

# Server time of every web page with 100,000 pledges in a dedicated PostgreSQL database
# (BENCH_WEB_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/aidtracker_bench_web).
bench-web: install-dev
	$(PY) scripts/bench_web.py $(BENCH_ARGS)
