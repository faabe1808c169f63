# Two commands on a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= ::
PORT ?= 8000

.PHONY: run test lint format setup venv system-packages migrate seed serve e2e-deps clean

run: setup migrate seed serve  ## set everything up, load demo data, serve on :8000 (IPv4 and IPv6)

test: setup  ## set everything up and run every test
	$(PY) -m pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

setup: system-packages venv

# WeasyPrint's libraries and Chinese fonts, Chromium for the browser tests, poppler for PDF text checks.
system-packages:
	@bash scripts/system-packages.sh

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

migrate: venv
	$(PY) manage.py migrate --noinput

seed: venv
	$(PY) manage.py seed_demo --if-empty

serve: venv
	$(PY) manage.py runserver "[$(HOST)]:$(PORT)"

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
