# Inbox Guard — the two commands are `make run` and `make test`; see README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# `make test` talks to real services on their standard local ports.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/inboxguard
TEST_REDIS ?= redis://127.0.0.1:6379

.PHONY: help install run test test-postgres test-sqlite lint bench services clean eval

help:
	@echo "make run    install, migrate, load demo data and serve web UI, API and worker (no servers needed)"
	@echo "make test   install and run the whole suite against local PostgreSQL and Redis"
	@echo "make lint   ruff (lint + format check) and mypy"
	@echo "make bench  benchmarks against a production-like server; results in docs/benchmarks.md"
	@echo "make eval   detector precision/recall/F1 on held-out data; results in docs/detection.md"

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	@touch $@

run: install
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py migrate --no-input
	PORT=$(PORT) DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py load_demo
	@echo ""
	@echo "  Inbox Guard is starting at http://127.0.0.1:$(PORT)/  (API docs: /api/docs/, admin: /admin/)"
	@echo "  Demo logins and the demo service key are printed above. Stop with Ctrl-C."
	@echo ""
	PORT=$(PORT) DJANGO_SETTINGS_MODULE=config.settings.local DJANGO_DEBUG=true \
		$(VENV)/bin/honcho start -f Procfile.dev

services:
	@scripts/ensure-services.sh
	@scripts/ensure-chromium.sh

test: install services test-postgres test-sqlite

test-postgres:
	DATABASE_URL=$(TEST_DATABASE_URL) REDIS_URL=$(TEST_REDIS)/1 CELERY_BROKER_URL=$(TEST_REDIS)/2 \
		$(PY) -m pytest $(PYTEST_ARGS)

# The concurrency guarantees are checked on the embedded database too.
test-sqlite:
	DATABASE_URL=sqlite:///$(CURDIR)/var/test-sqlite.sqlite3 REDIS_URL=$(TEST_REDIS)/1 \
		CELERY_BROKER_URL=$(TEST_REDIS)/2 $(PY) -m pytest -m concurrency $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

bench: install services
	bench/run.sh
	$(PY) bench/pipeline.py

clean:
	rm -rf $(VENV) var

eval: install
	@# The speed section scores as the service does, which asks the database for the model in use.
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py evaluate_detector
