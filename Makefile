# Two commands do all set-up: `make serve` and `make test` (see README).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8080
STAMP   := $(VENV)/.installed
TSTAMP  := $(VENV)/.installed-test

.PHONY: serve test build lint bench clean install install-test browser docs

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP) $@

install: $(STAMP)
install-test: $(TSTAMP)

build: $(STAMP)
	$(BIN)/amkg build

serve: build
	$(BIN)/amkg serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); }

lint: $(TSTAMP)
	$(BIN)/ruff check server tests bench

test: $(TSTAMP) browser
	$(BIN)/ruff check server tests bench
	$(BIN)/amkg build
	$(BIN)/python -m pytest

bench: build
	$(BIN)/python bench/http_bench.py

clean:
	rm -rf dist .pytest_cache
