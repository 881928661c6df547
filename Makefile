# Two commands do all set-up: `make serve` and `make test` (see README).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
HOST    ?= 127.0.0.1
PORT    ?= 8080
STAMP   := $(VENV)/.installed
TSTAMP  := $(VENV)/.installed-test
BSTAMP  := $(VENV)/.installed-bench
PEERS   := .venv-bench

.PHONY: serve test build lint bench bench-http peers load front clean install install-test browser engines static java

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

build: $(STAMP) java
	$(BIN)/amkg build

# Java for HermiT, which the build reasons with: Debian's headless runtime, installed when `java` is missing.
java:
	@command -v java >/dev/null 2>&1 || { \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null); }

# npm packages, pinned in package-lock.json: YASGUI for the query page (copied into static/: nothing comes from
# a CDN), and axe-core, which the browser tests inject to check accessibility.
NODE := node_modules/.amkg-installed
$(NODE): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

YASGUI := server/amkg/static/yasgui
$(YASGUI)/yasgui.min.js: $(NODE)
	mkdir -p $(YASGUI)
	cp node_modules/@zazuko/yasgui/build/yasgui.min.js node_modules/@zazuko/yasgui/build/yasgui.min.css $(YASGUI)/
	node -p '"@zazuko/yasgui " + require("@zazuko/yasgui/package.json").version + " (MIT licence), vendored by make static"' > $(YASGUI)/VERSION

static: $(YASGUI)/yasgui.min.js

serve: build static
	$(BIN)/amkg serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads a browser of its own).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); }

# Debian's Virtuoso Open Source for the remote-store tests (-m remote; tests/support/engines.py starts it on
# loopback over a throw-away database). Oxigraph's server comes from PyPI with the test dependencies.
engines:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  (apt-get update -qq -o DPkg::Lock::Timeout=600 || sudo apt-get update -qq -o DPkg::Lock::Timeout=600) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 virtuoso-opensource >/dev/null || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 virtuoso-opensource >/dev/null); }

lint: $(TSTAMP)
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench
	$(BIN)/mypy

test: $(TSTAMP) browser java engines static $(NODE)
	$(BIN)/ruff check server tests bench
	$(BIN)/ruff format --check server tests bench
	$(BIN)/mypy
	$(BIN)/amkg build
	$(BIN)/python -m pytest

$(BSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[bench]'
	touch $(STAMP) $@

# The peers bench/scale.py compares against: Oxigraph's server and rdflib-endpoint from PyPI in a venv of
# their own (their dependencies stay out of the project's), Virtuoso and wrk from Debian.
peers:
	@command -v virtuoso-t >/dev/null 2>&1 && command -v wrk >/dev/null 2>&1 || { \
	  (apt-get update -qq -o DPkg::Lock::Timeout=600 || sudo apt-get update -qq -o DPkg::Lock::Timeout=600) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 virtuoso-opensource wrk >/dev/null || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 virtuoso-opensource wrk >/dev/null); }
	@test -x $(PEERS)/bin/oxigraph -a -x $(PEERS)/bin/rdflib-endpoint || { \
	  $(PY) -m venv $(PEERS) && $(PEERS)/bin/pip install -q 'oxigraph>=0.5' 'rdflib-endpoint[cli]>=0.6'; }

# Our graph, 100 k and 1 M statements, ten engines, then the build as it grows (bench/scale.py; about 26 minutes on 2 cores):
# bench/results/scale.{json,md}, plots in docs/. BENCH_SCALES="ours 100k 1m 5m" adds 5 M.
BENCH_SCALES ?= ours 100k 1m
bench: build static peers $(BSTAMP)
	$(BIN)/python -m bench.scale --scales $(BENCH_SCALES)

# The web stack alone at our size (ping, DESCRIBE, pages; bench/http_bench.py).
bench-http: build static
	$(BIN)/python -m bench.http_bench

# 50 clients of mixed, 5 % hostile traffic for 10 minutes (LOAD_SECONDS=30 for a short run); results in bench/results/.
LOAD_SECONDS ?= 600
load: build static
	$(BIN)/python -m bench.load --seconds $(LOAD_SECONDS)

# The serving tier with and without nginx in front (docs/decisions.md §26): Debian's nginx and wrk.
front: build static
	@for tool in nginx:nginx-light wrk:wrk; do command -v $${tool%%:*} >/dev/null 2>&1 || { \
	  (apt-get update -qq || sudo apt-get update -qq) && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 $${tool##*:} >/dev/null || \
	   sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 $${tool##*:} >/dev/null); }; done
	$(BIN)/python -m bench.front

clean:
	rm -rf dist .pytest_cache
