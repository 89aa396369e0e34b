# Serikat: every command a developer or CI needs. Run `make help`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Development settings live in .env (written by `make setup` when missing). Production sets its
# variables in the real environment and never gets SERIKAT_DEBUG from here.

.PHONY: help setup dotenv static deps assets migrate seed run worker test test-fast test-browser lint fmt check messages compilemessages migrations-check bench bench-members ci clean

help: ## this list
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/'

setup: deps assets dotenv migrate seed ## create the virtualenv, install everything, migrate and seed the demo
	@echo "Ready: run 'make run' and open http://127.0.0.1:8000"

deps: ## Python packages into .venv, npm packages into node_modules
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	npm ci --no-audit --no-fund --loglevel=error

assets: ## copy CSS/JS from npm packages into static (never a CDN)
	mkdir -p serikat/static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js serikat/static/vendor/htmx.min.js
	cp node_modules/@picocss/pico/css/pico.min.css serikat/static/vendor/pico.min.css

dotenv: ## write a development .env (SERIKAT_DEBUG=true) unless one exists
	@test -f .env || { printf '# Development settings written by make setup; see .env.example.\nSERIKAT_DEBUG=true\n' > .env; echo "Wrote .env (development)"; }

static: ## collect static files for production (whitenoise serves them from var/static)
	$(PY) manage.py collectstatic --no-input -v 0

migrate: ## apply database migrations and load the region codes
	mkdir -p var
	$(PY) manage.py migrate --no-input -v 1
	$(PY) manage.py load_regions

DEMO_MEMBERS ?= 20000

seed: ## build the demo confederation with DEMO_MEMBERS members (skipped when one exists)
	$(PY) manage.py seed_demo --members $(DEMO_MEMBERS)

run: ## serve http://127.0.0.1:8000 with the background worker beside it (SQLite unless DATABASE_URL is set)
	@# The worker runs imports and documents; it stops with the server (Ctrl+C).
	$(PY) manage.py db_worker --no-reload -v 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

worker: ## run background tasks (imports, documents) from the database queue
	$(PY) manage.py db_worker

test: ## the whole suite: unit, service, HTTP and browser tests
	$(PY) -m pytest -q

test-fast: ## everything except the browser tests
	$(PY) -m pytest -q -m "not browser"

test-browser: ## only the browser tests (Playwright driving /usr/bin/chromium)
	$(PY) -m pytest -q -m browser

lint: ## ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: ## format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

migrations-check: ## fail when models and migrations disagree
	SERIKAT_DEBUG=$${SERIKAT_DEBUG:-true} $(PY) manage.py makemigrations --check --dry-run

messages: ## refresh the id and en catalogues from the source and compile them
	cd serikat && SERIKAT_DEBUG=$${SERIKAT_DEBUG:-true} ../$(PY) ../manage.py makemessages -l id -l en --no-obsolete --no-location -i "tests/*"
	$(PY) scripts/fill_en_catalogue.py serikat/locale/en/LC_MESSAGES/django.po
	cd serikat && SERIKAT_DEBUG=$${SERIKAT_DEBUG:-true} ../$(PY) ../manage.py compilemessages

compilemessages: ## compile the id and en catalogues (.po to .mo) without refreshing them
	cd serikat && SERIKAT_DEBUG=$${SERIKAT_DEBUG:-true} ../$(PY) ../manage.py compilemessages

check: lint migrations-check test ## what CI runs

ci: ## the whole CI job as CI runs it: system packages, deps, lint, migrations, tests on SQLite and PostgreSQL
	bash .ci/run

# The benchmarks create and drop their own database: never point BENCH_DATABASE_URL at one you keep.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/serikat_bench

bench: ## benchmarks on PostgreSQL (50,000-unit demo, 5,000-unit move, scoped tree page, 2 million members); see bench/README.md
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench $(BENCH_ARGS)

BENCH_MEMBERS ?= members_seed members_search members_list members_cards members_import

bench-members: ## only the member benchmarks (BENCH_MEMBERS); keeps the database for BENCH_ARGS=--reuse
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) -m bench --keep $(BENCH_ARGS) $(BENCH_MEMBERS)

clean: ## remove the local database and collected files
	rm -rf var
