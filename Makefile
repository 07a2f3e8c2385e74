# One command to run the app, one to test it. Stamps in .make/ keep a second run from redoing work.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PYTEST := $(PY) -m pytest
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk fonts-hanazono fonts-symbola fonts-noto-color-emoji fonts-dejavu-core poppler-utils chromium gettext libreoffice-writer-nogui
POSTGRES_TEST_URL ?= postgres://postgres@127.0.0.1:5432/contracts
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run setup test test-sqlite test-postgres check lint format messages bench loadtest scaleout clean

# Mails (password reset links) are printed in the server's output, not sent.
run: export EMAIL_BACKEND ?= django.core.mail.backends.console.EmailBackend
# The clause library is loaded into an empty database only: a restart never overwrites an admin's edits.
# The web server and one render worker run together; Ctrl-C stops both.
run: setup
	DEBUG=1 $(PY) manage.py migrate --noinput
	DEBUG=1 $(PY) manage.py import_clauses --if-empty
	DEBUG=1 $(PY) manage.py setup_demo
	PY=$(PY) bash scripts/run.sh

setup: .make/system .make/venv .make/messages

# System libraries WeasyPrint needs: Pango, HarfBuzz subsetting (fast CJK font subsets) and a CJK font.
.make/system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi
	@ldconfig -p | grep -q "libharfbuzz-subset.so.0" || { echo "ERROR: libharfbuzz-subset0 is missing: apt-get install libharfbuzz-subset0"; exit 1; }
	@fc-list ":lang=zh" family | grep -q "Noto Serif CJK SC" || { echo "ERROR: no CJK font (Noto Serif CJK SC): apt-get install fonts-noto-cjk"; exit 1; }
	@mkdir -p .make && touch $@

# axe-core (npm, pinned in package-lock.json) for the browser tests' accessibility checks; the
# browser itself is Debian's chromium above, never a download. Node and npm come from Debian when missing.
.make/node: package.json package-lock.json | .make/system
	@command -v npm >/dev/null 2>&1 || { echo "Installing system packages: nodejs npm"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nodejs npm; }
	npm ci --no-audit --no-fund --loglevel=error
	@mkdir -p .make && touch $@

.make/venv: pyproject.toml | .make/system
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	@mkdir -p .make && touch $@

.make/messages: $(wildcard locale/*/LC_MESSAGES/django.po) | .make/venv
	@if ls locale/*/LC_MESSAGES/django.po >/dev/null 2>&1; then DEBUG=1 $(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules; fi
	@mkdir -p .make && touch $@

check: setup
	DEBUG=1 $(PY) manage.py check
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# House rules: ruff (lint and format) and the import layers of pyproject.toml ([tool.importlinter]).
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

# Extract new UI strings (and the clause variables' meanings, contracts/terms/model.py) into the catalogue.
messages: setup
	DEBUG=1 $(PY) manage.py makemessages -l zh_Hans --no-obsolete --ignore=.venv --ignore=node_modules --ignore=tests

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# The whole suite runs on PostgreSQL (127.0.0.1:5432 by default); on SQLite only the tests that touch the
# database run again, browser tests apart (the rest do not depend on it). Without a PostgreSQL answering, the whole suite runs
# on SQLite, and says so; in CI (CI=true) a missing PostgreSQL is a failure. Two test processes (xdist,
# one per core; a module's tests stay in one process, so its rendered contracts are made once).
PYTEST_ARGS ?= -n auto --dist loadfile --durations=15
POSTGRES_UP = $(PY) -c "import psycopg; psycopg.connect('$(POSTGRES_TEST_URL)'.rsplit('/',1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null

# The two databases' runs go at once (four test processes on two cores): each run's end, where one process
# finishes its last file while the other waits, and each run's start (collection, migrations) are filled by
# the other run's work. The PostgreSQL run prints as it goes; the SQLite run's output follows it, so the
# last lines are the slowest tests of each run. Each run has its own temporary folder (--basetemp).
test: check lint .make/node
	@echo "== the SQLite run goes at the same time; its output follows (.make/test-sqlite.log) =="
	@$(MAKE) --no-print-directory test-sqlite PYTEST_ARGS="$(PYTEST_ARGS) --basetemp=.make/tmp-sqlite" \
	  > .make/test-sqlite.log 2>&1 & sqlite=$$!; \
	$(MAKE) --no-print-directory test-postgres PYTEST_ARGS="$(PYTEST_ARGS) --basetemp=.make/tmp-postgres"; \
	postgres_status=$$?; wait $$sqlite; sqlite_status=$$?; \
	cat .make/test-sqlite.log; \
	[ $$postgres_status = 0 ] && [ $$sqlite_status = 0 ]

test-postgres: setup .make/node
	@if $(POSTGRES_UP); then \
	  echo "== the whole suite on PostgreSQL ($(POSTGRES_TEST_URL)) =="; \
	  DATABASE_URL=$(POSTGRES_TEST_URL) $(PYTEST) $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: PostgreSQL does not answer at $(POSTGRES_TEST_URL), and CI requires it."; exit 1; \
	else \
	  echo "NOTE: PostgreSQL does not answer at $(POSTGRES_TEST_URL): the whole suite runs on SQLite instead."; \
	fi

test-sqlite: setup .make/node
	@if $(POSTGRES_UP); then \
	  echo "== the tests that touch the database, on SQLite =="; \
	  DATABASE_URL=sqlite:///$(CURDIR)/.make/test.sqlite3 $(PYTEST) $(PYTEST_ARGS) --database-tests-only; \
	else \
	  echo "== the whole suite on SQLite =="; \
	  DATABASE_URL=sqlite:///$(CURDIR)/.make/test.sqlite3 $(PYTEST) $(PYTEST_ARGS); \
	fi

# Render times, then a buyer timed in Chromium against gunicorn + one db_worker on a throwaway SQLite
# database (benchmarks/buyer.py: the click-at-once and the 5-s-later download, 10 tries each); ~5 min quiet.
bench: setup
	$(PY) benchmarks/render.py
	$(PY) benchmarks/buyer.py

# 20 simulated buyers for 60 s against gunicorn + PostgreSQL (database contracts_load) on 127.0.0.1;
# prints requests per second, p50/p95/p99 per endpoint and the errors, then stops everything it started.
loadtest: setup
	PY=$(PY) bash benchmarks/loadtest/run.sh

# Two gunicorn app servers and one render worker sharing PostgreSQL (database contracts_scaleout) and an
# S3-compatible store (moto) on 127.0.0.1: a draft saved through one server is rendered by the worker and
# downloaded through the other; a worker killed mid-render and restarted finishes it.
scaleout: setup
	PY=$(PY) bash benchmarks/scaleout.sh

clean:
	rm -rf .make $(VENV) staticfiles
