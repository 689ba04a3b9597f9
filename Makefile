# The two commands: `make run` (embedded default, demo data) and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install run test lint fmt check bench worker beat clean

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

# axe-core for the accessibility checks of the browser tests (node_modules/ is not committed);
# npm ci installs exactly what package-lock.json says, and again whenever the lock changes.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install: $(VENV)/.installed node_modules/.package-lock.json

# SQLite under var/, background work inline, e-mail written to var/mail/.
run: export DEBUG ?= true
run: $(VENV)/.installed  # the demo needs Python only; axe-core is for the tests
	$(PY) manage.py migrate --noinput
	@mkdir -p var
	@if [ ! -s var/demo-login.txt ]; then \
		$(PY) manage.py seed_demo > var/demo-login.txt; fi
	@cat var/demo-login.txt
	@echo "Serving on http://127.0.0.1:$(PORT)/ (e-mails are written to var/mail/)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Postgres and Redis on 127.0.0.1 (DATABASE_URL / REDIS_URL override), Chromium for e2e.
test: install
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	DEBUG=true $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

fmt: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

check: lint
	DEBUG=true $(PY) manage.py check

bench: install
	$(PY) -m pytest tests/bench -o python_files="bench_*.py" -q -s

worker: install
	$(VENV)/bin/celery -A hiring worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A hiring beat --loglevel=info

clean:
	rm -rf $(VENV) staticfiles var node_modules
