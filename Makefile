# storylens: `make run` sets everything up and runs the main job on the sample corpus;
# `make test` sets up and runs the checks. Both work on a fresh clone of a fresh machine.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DB ?= storylens.db
FUZZ_SECONDS ?= 120
# The sample corpus' documents (corpus/ also holds its gold, README and generator sources).
SAMPLE := corpus/html corpus/dumps corpus/feeds corpus/archive corpus/encodings corpus/gz corpus/multilingual/html corpus/multilingual/dumps

# Models ship inside pip packages; nothing may be fetched from a model hub at run time.
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: install run test lint typecheck unit bench bench-extract bench-compare bench-speed bench-serve bench-group bench-scale bench-watch fuzz bench-reliability clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first and pinned: an unpinned torch pulled in by sentence-transformers is a
	# multi-GB download of a GPU build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/storylens ingest $(SAMPLE) --db $(DB)
	$(BIN)/storylens stories --db $(DB)
	@echo
	$(BIN)/storylens show --db $(DB) --md \
	  "$$($(BIN)/storylens stories --db $(DB) --json --limit 1 | $(BIN)/python -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')"

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

# axe-core, which the browser tests inject to check the story page (pinned in package.json);
# without npm those checks skip.
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --silent || echo "axe-core not installed: the axe checks will skip"

unit: $(STAMP) $(AXE)
	$(BIN)/pytest

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run

# Extraction only: storylens vs. its peers -> bench/results/extraction.{md,json}.
bench-extract: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run --only extraction

# The compare stage on the corpus gold and the hand-labelled basil stories, beside TF-IDF.
bench-compare: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.compare

# Start-up of --help and a one-page extract; ingest pages/s beside bare trafilatura.
bench-speed: $(STAMP)
	$(BIN)/python -m bench.run --only speed

# The web server under 50 concurrent clients for 60 s (PostgreSQL too when
# STORYLENS_BENCH_PG_URL is set); writes bench/results/serve.md and .json.
bench-serve: $(STAMP)
	$(BIN)/python -m bench.serve --install-wrk

bench-group: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.run --only grouping --scale

# storylens watch on loopback: 1,000 simulated feeds on 50 hosts, an hour of simulated
# polling (pace per host, robots.txt, lying ETags, latency to the API, memory, CPU, kill -9
# and rerun), about 3 minutes; `make bench` runs it too.
bench-watch: $(STAMP)
	$(BIN)/python -m bench.watch

# storylens batch on CC-NEWS-shaped WARC files, local and Ray, 1 and 2 workers.
bench-scale: $(STAMP)
	$(BIN)/pip install --quiet -e '.[bench,ray]'
	$(BIN)/python -m bench.scale --records 10000 100000

# Fuzz read → extract (a sample through the whole pipeline) for FUZZ_SECONDS.
fuzz: $(STAMP)
	$(BIN)/python -m bench.reliability.fuzz --seconds $(FUZZ_SECONDS)

# Fuzzing, bombs, kill -9 crash safety, concurrency in full: bench/results/reliability.md
bench-reliability: $(STAMP)
	$(BIN)/python -m bench.reliability.run

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .mypy_cache .ruff_cache .pytest_cache
