# The two set-up commands (see README): `make build` and `make test`. Both create the virtual
# environment from the pinned lock file first if it is missing or out of date.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-from-lock
CORES ?= 2

.PHONY: build test test-fast lint dry-run bench docs qa refresh-snapshot refresh-lookups refresh-neighbours compare synthetic-snapshot lock \
	clean-results

# Quiet: one line per finished job, the validation warnings, then where the bulletin, the
# factsheets and the spreadsheet are; on failure, the one-line errors last (senco.core.outcome).
# `make build VERBOSE=1` shows Snakemake's own report of every job instead.
build: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) $(if $(VERBOSE),,--quiet all)

# The test modules run side by side on every core (pytest-xdist); tests/conftest.py keeps each
# module, and each shared build, on one worker.
PARALLEL_TESTS := -n auto --dist loadfile

test: $(STAMP)
	$(BIN)/pytest $(PARALLEL_TESTS)

# Everything but the tests that run the whole workflow (marked `pipeline`).
test-fast: $(STAMP)
	$(BIN)/pytest $(PARALLEL_TESTS) -m "not pipeline"

# Code health (CI runs it): Snakemake's linter, snakefmt, ruff lint and format checks.
lint: $(STAMP)
	$(BIN)/snakemake --lint
	$(BIN)/snakefmt --check Snakefile workflow/rules
	$(BIN)/ruff check scripts tests benchmarks
	$(BIN)/ruff format --check scripts tests benchmarks

dry-run: $(STAMP)
	$(BIN)/snakemake --cores $(CORES) --dry-run

# Regenerate docs/output.md and the README's rule graph from the workflow itself.
docs: $(STAMP)
	$(BIN)/python -m senco.tools.docs
	$(BIN)/snakemake --rulegraph mermaid-js 2>/dev/null > results/rulegraph.mmd
	$(BIN)/python -m senco.tools.docs --rulegraph results/rulegraph.mmd

# A second analyst's summary of a finished build: validation, reconciliation, checksum.
qa: $(STAMP)
	$(BIN)/python -m senco.tools.qa results

# Time the build against the reference commit, side by side (cold, bulletin rule, no-op, peak
# memory, 100x input; with TESTS=1 the test suites too; the builds in ROUNDS rounds, default 3);
# see benchmarks/run.py. Writes results/benchmark.json.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(TESTS),--tests) $(if $(ROUNDS),--rounds $(ROUNDS))

# The package itself is installed editable, so it is importable everywhere, without network
# and without build isolation: the lock already holds the setuptools it builds with.
$(STAMP): requirements.lock pyproject.toml scripts/check_system.py
	@$(PYTHON) scripts/check_system.py
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--no-index --editable .
	@touch $@

# Download the live release, validate it, and make it the bundled snapshot (review the git diff).
# Override the address with URL=...; the download settings come from config.yaml.
refresh-snapshot: $(STAMP)
	$(BIN)/python -m senco.tools.refresh $(if $(URL),--url "$(URL)")

# Replace the bundled LA and region lookups with newer DfE data screener files (from a checkout of
# dfe-analytical-services/dfe-published-data-qa, folder data/); review with `git diff resources/reference`.
#   make refresh-lookups LAS=../screener/data/las.csv HIERARCHY=../screener/data/region_la_hierarchy.csv COMMIT=<sha>
refresh-lookups: $(STAMP)
	$(BIN)/python -m senco.tools.lookups "$(LAS)" "$(HIERARCHY)" $(if $(COMMIT),--commit "$(COMMIT)")

# The revisions report between two builds' results folders, without building:
#   make compare OLD=path/to/earlier/results NEW=results
compare: $(STAMP)
	$(BIN)/python -m senco.tools.compare "$(OLD)" "$(NEW)"

# Replace the statistical neighbour groups with a newer tidy conversion of DfE's (checked first):
#   make refresh-neighbours GROUPS=path/to/groups.csv
refresh-neighbours: $(STAMP)
	$(BIN)/python -m senco.tools.neighbours "$(GROUPS)"

# Regenerate the synthetic snapshot byte for byte from its seed.
synthetic-snapshot: $(STAMP)
	$(BIN)/python -m senco.tools.synthetic

# Re-resolve pyproject.toml's dependencies (with the dev extra) into requirements.lock (needs
# uv: pip install uv), then make environment.yml match; tests/test_environment.py checks it does.
lock:
	uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
		--generate-hashes -o requirements.lock

clean-results:
	rm -rf results/raw results/clean results/logs
