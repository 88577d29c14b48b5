# Pendamping: two commands on a fresh machine.
#   make run   — virtualenv, packages, SQLite, demo data, server on http://127.0.0.1:8000
#   make test  — everything the suite needs, then the suite on SQLite and on PostgreSQL
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON_VERSION := $(shell cat .python-version)
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/pendamping
# The suite on PostgreSQL connects as the application's role, as production does; PG_URL
# names the owner, who creates the test database, migrates it and creates this role
# (pendamping/tests/app_role.py).
PG_APP_ROLE ?= pendamping_app
HOST ?= 127.0.0.1
PORT ?= 8000
# Debian packages the app needs: pango for WeasyPrint's PDFs, a font, gettext for .mo files.
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core gettext
# The suite also drives Chromium for the browser tests.
DEBIAN_PACKAGES := chromium $(RUN_PACKAGES)

.PHONY: help run test test-sqlite test-postgres lint format messages compilemessages \
	debian-deps postgres venv bench bench-quick bench-load

help:
	@echo "make run    start the app with demo data on SQLite (http://$(HOST):$(PORT))"
	@echo "make test   run the whole suite on SQLite and PostgreSQL"
	@echo "make lint   ruff check and format check, msgfmt checks of the .po files"
	@echo "make bench-quick / make bench   benchmarks at 100,000 / 1,000,000 clients (README: Performance)"
	@echo "make bench-load   gunicorn under Locust on PostgreSQL (LOAD_SIZE=full for 1,000,000 clients)"

# The Python named in .python-version (pyenv if present, else python$(PYTHON_VERSION)).
BASE_PYTHON := $(shell (command -v pyenv >/dev/null && pyenv which python$(PYTHON_VERSION) 2>/dev/null) \
	|| command -v python$(PYTHON_VERSION) || ls -d $$HOME/.pyenv/versions/$(PYTHON_VERSION)*/bin/python3 2>/dev/null | tail -n1)

$(VENV)/.installed: pyproject.toml
	@test -n "$(BASE_PYTHON)" || { echo "Python $(PYTHON_VERSION) not found (install it with pyenv)"; exit 1; }
	test -x $(PY) || $(BASE_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev,production]'
	touch $@

venv: $(VENV)/.installed

debian-deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

compilemessages: venv
	@command -v msgfmt >/dev/null || $(MAKE) debian-deps DEBIAN_PACKAGES=gettext
	$(PY) manage.py compilemessages --ignore '.venv' -v0

# Regenerate the .po files after changing user-facing strings.
messages: venv
	$(PY) manage.py makemessages -l id -l en --ignore '.venv/*' --ignore 'bench/*' --no-obsolete

run: compilemessages
	@$(MAKE) --no-print-directory debian-deps DEBIAN_PACKAGES="$(RUN_PACKAGES)"
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py demo
	@echo ""
	@echo "Pendamping is running at http://$(HOST):$(PORT)/"
	@echo "Demo logins (password for all: pendamping-demo):"
	@echo "  bdg.peksos1, bdg.peksos2  social workers     (Dinas Sosial Kota Bandung)"
	@echo "  bdg.supervisor            supervisor"
	@echo "  bdg.admin                 agency admin (also the Django admin)"
	@echo "  bdg.instruktur            instructor"
	@echo "  bdg.auditor               auditor"
	@echo "  bdg.ppdp                  data protection officer (processing log; no case files)"
	@echo "  smg.*                     the same roles in LKS Anak Harapan Semarang"
	@echo "Background tasks (client imports) run in a worker beside the server: worker (with a heartbeat)."
	@echo "Periodic checks (escalations, overdue tasks) run beside the server: periodic."
	@echo ""
	@# The worker and the periodic checks run in the background for as long as runserver
	@# does: stopping the server (Ctrl+C) stops them too (SIGTERM, then SIGINT after 10 s).
	@$(PY) manage.py worker --no-reload --verbosity 0 & worker=$$!; \
	$(PY) manage.py periodic --every 60 --verbosity 0 & periodic=$$!; \
	stop_worker() { kill -TERM $$periodic 2>/dev/null; kill -TERM $$worker 2>/dev/null || return 0; \
		for i in $$(seq 1 20); do kill -0 $$worker 2>/dev/null || return 0; sleep 0.5; done; \
		kill -INT $$worker 2>/dev/null; wait $$worker 2>/dev/null; }; \
	trap stop_worker EXIT; trap 'exit 130' INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

postgres:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { \
		command -v pg_ctlcluster >/dev/null || $(MAKE) debian-deps DEBIAN_PACKAGES=postgresql; \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | tail -n1) main start; \
		for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; }

test: debian-deps compilemessages
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

test-sqlite: venv
	$(PY) -m pytest -q -n 2 --dist loadgroup --create-db

test-postgres: venv postgres
	DATABASE_URL=$(PG_URL) PENDAMPING_TEST_APP_ROLE=$(PG_APP_ROLE) $(PY) -m pytest -q -n 2 --dist loadgroup --create-db

# Benchmarks (README, "Performance"): each size's data is generated once per database
# (bench/.data/, and the PostgreSQL database <BENCH_DB_PREFIX>_<size>) and reused.
# Region codes come from ../shared/data. Results go to bench/.data/results/;
# `make bench BENCH_ARGS=--save` writes the committed figures in bench/results/.
BENCH_ARGS ?=
bench-quick: venv postgres
	$(PY) -m bench.run --size quick --database sqlite $(BENCH_ARGS)
	$(PY) -m bench.run --size quick --database postgres $(BENCH_ARGS)

bench: venv postgres
	$(PY) -m bench.run --size full --database sqlite $(BENCH_ARGS)
	$(PY) -m bench.run --size full --database postgres $(BENCH_ARGS)

# Load test: gunicorn (LOAD_WORKERS processes) on the bench database of LOAD_SIZE, driven
# by Locust with LOAD_USERS users for LOAD_SECONDS; fails when a request failed.
LOAD_SIZE ?= quick
LOAD_USERS ?= 50
LOAD_SECONDS ?= 120
LOAD_WORKERS ?= 3
bench-load: venv postgres
	$(PY) -m bench.load --size $(LOAD_SIZE) --users $(LOAD_USERS) --seconds $(LOAD_SECONDS) \
		--workers $(LOAD_WORKERS) $(BENCH_ARGS)

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	@command -v msgfmt >/dev/null || $(MAKE) debian-deps DEBIAN_PACKAGES=gettext
	@for po in pendamping/locale/*/LC_MESSAGES/django.po; do \
		msgfmt --check-format --check-header -o /dev/null $$po || exit 1; done

format: venv
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
