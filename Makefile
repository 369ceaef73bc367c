# CM Helpline chatbot: set-up, run and test. `make run` and `make test` do all set-up themselves.
SHELL := /bin/bash
# Rasa never reports usage anywhere, in training, tests or `make run` (issue 15).
export RASA_TELEMETRY_ENABLED := false
.DEFAULT_GOAL := help

# Python 3.12 (app) and 3.10 (Rasa 3.6): under pyenv or on PATH; each candidate must really run
# (a pyenv shim for a version that is not selected exists but fails).
find_python = $(firstword $(foreach c,$(wildcard /root/.pyenv/versions/$(1).*/bin/python$(1) $(HOME)/.pyenv/versions/$(1).*/bin/python$(1)) $(shell command -v python$(1) 2>/dev/null),$(shell $(c) -c 'import sys; sys.exit(sys.version_info[:2] != tuple(map(int, "$(1)".split("."))))' >/dev/null 2>&1 && echo $(c))))
PY312 ?= $(call find_python,3.12)
PY310 ?= $(call find_python,3.10)

VENV := .venv
RASA_VENV := .venv-rasa
APP_PY := $(VENV)/bin/python
RASA_PY := $(RASA_VENV)/bin/python
RASA := $(RASA_VENV)/bin/rasa
INDIC := indic-transliteration==2.3.82 roman==4.2

TRAIN_INPUTS := config.yml domain.yml $(shell find data nlu -type f \( -name '*.yml' -o -name '*.yaml' -o -name '*.py' -o -name '*.txt' \) 2>/dev/null | sort)

.PHONY: help venvs run test test-scale train eval-nlu init clean bench browser
help:
	@echo "make run    - set up everything and start the helpline on this machine"
	@echo "make test   - set up everything and run the whole test suite"
	@echo "make test-scale - only the scale-out test: two copies of every process, 200 citizens"
	@echo "make train  - train the Rasa model (skipped when data and config are unchanged)"
	@echo "make eval-nlu - cross-validate the NLU and evaluate it on the held-out sets"

$(VENV)/.installed: requirements.txt pyproject.toml
	@test -n "$(PY312)" || { echo "Python 3.12 not found on PATH or under ~/.pyenv/versions; install it (pyenv install 3.12) or pass PY312=/path/to/python3.12" >&2; exit 1; }
	@echo "==> app runtime: $(VENV) with $(PY312)"
	@test -x $(APP_PY) || $(PY312) -m venv $(VENV)
	$(APP_PY) -m pip install -q --disable-pip-version-check -r requirements.txt
	$(APP_PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@touch $@

$(RASA_VENV)/.installed: requirements-rasa.txt
	@test -n "$(PY310)" || { echo "Python 3.10 not found on PATH or under ~/.pyenv/versions; Rasa 3.6 needs it (pyenv install 3.10) or pass PY310=/path/to/python3.10" >&2; exit 1; }
	@echo "==> Rasa runtime: $(RASA_VENV) with $(PY310) (first time: a few minutes)"
	@test -x $(RASA_PY) || $(PY310) -m venv $(RASA_VENV)
	$(RASA_PY) -m pip install -q --disable-pip-version-check -r requirements-rasa.txt
	@# --no-deps: indic-transliteration would pull pydantic 2, which breaks Rasa 3.6.
	$(RASA_PY) -m pip install -q --disable-pip-version-check --no-deps $(INDIC)
	$(RASA) --version >/dev/null
	@touch $@

venvs: $(VENV)/.installed $(RASA_VENV)/.installed

# Trains only when the inputs changed (Rasa's own fingerprint ignores our component code).
models/.stamp: $(RASA_VENV)/.installed $(TRAIN_INPUTS)
	@mkdir -p models
	@sum=$$(cat $(TRAIN_INPUTS) | sha256sum | cut -d' ' -f1); \
	if [ -f models/.stamp ] && [ "$$(cat models/.stamp)" = "$$sum" ] && ls models/*.tar.gz >/dev/null 2>&1; then \
	  echo "==> model up to date"; touch models/.stamp; \
	else \
	  echo "==> training the Rasa model (a few minutes)"; \
	  TF_CPP_MIN_LOG_LEVEL=3 $(RASA) train --fixed-model-name helpline --out models --quiet && echo $$sum > models/.stamp; \
	fi

train: models/.stamp

init: $(VENV)/.installed
	$(VENV)/bin/helpline init

run: venvs init train
	$(APP_PY) deploy/run_local.py

# Browser tests use Debian's Chromium and a Devanagari font; installed here when we may (root
# with apt), else the browser tests skip with a message.
BROWSER_PKGS := chromium fonts-noto-core
browser:
	@if ! command -v chromium >/dev/null 2>&1 || [ ! -d /usr/share/fonts/truetype/noto ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "==> installing $(BROWSER_PKGS) for the browser tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PKGS) >/dev/null; \
	  else echo "chromium or fonts-noto-core missing and not installable here: browser tests will be skipped"; fi; \
	fi

test: venvs train browser
	$(APP_PY) -m pytest -q $(PYTEST_ARGS)

# The scale-out test alone (also part of `make test`): two copies of every process on PostgreSQL
# + Redis, 200 citizens (about 3 minutes).
test-scale: venvs train
	$(APP_PY) -m pytest -q -m scale tests/scale $(PYTEST_ARGS)

eval-nlu: venvs train
	$(RASA_PY) -m nlu.evaluate

bench: venvs
	@echo "see bench/README.md for each benchmark's command"

clean:
	rm -rf $(VENV) $(RASA_VENV) models/*.tar.gz models/.stamp
