# Khen thưởng — the few commands you need. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
ADDR ?= 127.0.0.1:8000
PYTEST_ARGS ?=

.PHONY: help install run worker beat test lint format bench messages backup restore clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip setuptools  # the venv's old setuptools has CVE-2022-40897 (the audit finds it)
	$(PY) -m pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed ## Create .venv with the project and its test tools

QUEUES ?= render,convert,mail,default

run: export DEBUG ?= 1
# The demo's own seal (made by `manage.py demo_pki` under var/demo-pki, never committed).
run: export SIGNING_PKCS12_PATH ?= $(CURDIR)/var/demo-pki/seal.p12
run: export SIGNING_PKCS12_PASSWORD_FILE ?= $(CURDIR)/var/demo-pki/seal.password
run: install ## Migrate, load the demo data, start the web server, a Celery worker on every queue and beat (Ctrl-C stops all)
	SIGNING_PKCS12_PATH= $(PY) manage.py migrate --noinput
	SIGNING_PKCS12_PATH= $(PY) manage.py demo_pki  # makes the seal the next commands use
	$(PY) manage.py load_demo
	@mkdir -p var
	@echo "Mở http://$(ADDR)/ — tài khoản mẫu ở trên. Ctrl-C để dừng."
	@trap 'kill 0' EXIT INT TERM; \
	$(VENV)/bin/celery -A config worker --loglevel=INFO --concurrency=2 -Q $(QUEUES) & \
	$(VENV)/bin/celery -A config beat --loglevel=INFO -s var/celerybeat-schedule & \
	$(PY) manage.py runserver $(ADDR) & \
	wait

worker: install ## Start only a Celery worker (QUEUES=render,convert,mail,default by default)
	$(VENV)/bin/celery -A config worker --loglevel=INFO -Q $(QUEUES)

beat: install ## Start only the Celery beat scheduler (one per installation)
	@mkdir -p var
	$(VENV)/bin/celery -A config beat --loglevel=INFO -s var/celerybeat-schedule

test: install ## Run the whole test suite
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install ## ruff (lint, format) and import-linter (the package map's contracts)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install ## ruff: fix what it can
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Every benchmark, the load scenario last (tests/benchmarks/ runs each of them at a tiny size).
BENCHMARKS = $(sort $(filter-out benchmarks/_%,$(wildcard benchmarks/*.py))) benchmarks/load/run.py

bench: install ## Run the benchmarks and the load scenario (figures as ratios against a baseline in the same run); their figure lines again at the end
	@set -o pipefail; summary=""; \
	for script in $(BENCHMARKS); do \
	  echo "== $$script"; \
	  figures=$$($(PY) $$script | tee /dev/stderr | grep -E '^P[0-9]+ [a-z0-9_]+=') || exit 1; \
	  summary+="$$figures"$$'\n'; \
	done; \
	echo "== figures"; printf '%s' "$$summary"

messages: install ## Rebuild the translation catalogues
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=tests
	$(PY) manage.py compilemessages --ignore=.venv

clean: ## Remove the virtualenv, the SQLite database and local media
	rm -rf $(VENV) db.sqlite3 media var

backup: ## Back up the database (pg_dump) and MEDIA_ROOT into backups/<time> (or DEST=dir)
	scripts/backup.sh $(DEST)

restore: ## Restore BACKUP=dir into the empty database DATABASE_URL and MEDIA_ROOT
	scripts/restore.sh $(BACKUP)

.PHONY: load
load: install ## Locust load scenario: 50 users, 2 gunicorn processes, PostgreSQL, Redis, Celery, 10,000 nominations (LOAD_SECONDS=30)
	$(PY) benchmarks/load/run.py
