# Everyday commands. `make run` and `make test` work on a fresh clone: they create .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export QT_QPA_PLATFORM ?= $(if $(DISPLAY)$(WAYLAND_DISPLAY),,offscreen)

.PHONY: setup run test test-fast lint format bench reliability forms clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[server,dev,bench]'
	touch $(STAMP)

setup: $(STAMP)

## Start the app on the embedded defaults (per-user data dir, no server needed).
run: setup
	$(VENV)/bin/csec-desktop $(ARGS)

## Every test, as CI runs it (starts a local PostgreSQL for the server tests when one is needed).
test: setup
	bash .ci/services.sh
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -x -q -m "not slow" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy csec_desktop

format: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

## Benchmarks: print figures; record them in docs/benchmarks.md with this command.
bench: setup
	$(PY) -m bench

## The county server under load (Locust) beside PostgreSQL's own limit: the issue-16 table.
## ARGS, e.g. ARGS="--only postgresql --scenarios ingest,burst --profile /tmp/profiles".
.PHONY: bench-server
bench-server: setup
	bash .ci/services.sh
	$(PY) bench/server_load.py $(ARGS)

## Long soak runs (thousands of kills) kept out of the normal suite.
reliability: setup
	QT_QPA_PLATFORM=offscreen CSEC_RELIABILITY_KILLS=2000 $(PY) -m pytest tests/reliability -v

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

## GUI sources: Designer forms, translations, screenshots (`tools/`).
.PHONY: translations screenshots

## Compile ui/*.ui into csec_desktop/gui/forms/ (generated files; a test fails when one is stale).
forms: setup
	$(PY) tools/compile_forms.py

## Collect tr() strings into resources/translations/*.ts (keeping translations) and compile .qm.
translations: setup
	$(PY) tools/translations.py

## Regenerate docs/screenshots/ from the real windows on a temporary vault with marked demo data.
screenshots: setup
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

## Desktop installers: the PyInstaller bundle dist/csec-desktop/ and the Debian package dist/*.deb
## (installer/build.py; docs/it-deployment.md). Installs the `installer` extra into the venv first.
.PHONY: installer
INSTALLER_STAMP := $(VENV)/.installer-installed

$(INSTALLER_STAMP): $(STAMP) pyproject.toml
	$(PY) -m pip install --quiet -e '.[installer]'
	touch $(INSTALLER_STAMP)

installer: $(INSTALLER_STAMP)
	$(PY) installer/build.py all

## A local county server (embedded SQLite), an enrolled vault with marked demo data, and the app,
## all in a temporary folder; the server stops when the app exits (tools/demo.py).
.PHONY: demo
demo: setup
	$(PY) tools/demo.py
