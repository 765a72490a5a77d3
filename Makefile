# Two commands matter: `make run` and `make test`. Both create .venv when it is missing and
# (re)install the project into it when pyproject.toml changed; system libraries Qt needs are
# checked by tools/system-deps, which installs them with apt when run as root.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: run test check lint typecheck pytest bench bench-smoke wheel clean system-deps-run system-deps-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed-run

system-deps-run:
	@tools/system-deps run

system-deps-test:
	@tools/system-deps test

run: $(VENV)/.installed-run system-deps-run
	$(BIN)/backease $(ARGS)

test: $(VENV)/.installed-test system-deps-test pytest lint typecheck

pytest: $(VENV)/.installed-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check backease_desktop tests benchmarks
	$(BIN)/ruff format --check backease_desktop tests benchmarks

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

# Benchmarks (benchmarks/README.md), under a private Xvfb desktop: `make bench` measures
# every figure several times (about 15 minutes) and `make bench-smoke` each once, to prove the
# harness works. Both write benchmarks/results.json and print the table.
bench: $(VENV)/.installed-run
	@tools/system-deps bench
	$(BIN)/python -m benchmarks $(BENCH_ARGS)

bench-smoke: $(VENV)/.installed-run
	@tools/system-deps bench
	$(BIN)/python -m benchmarks --smoke --check $(BENCH_ARGS)

wheel: $(BIN)/python
	$(PIP) install build
	$(BIN)/python -m build --wheel --outdir dist .

clean:
	rm -rf $(VENV) dist build .pytest_cache .mypy_cache .ruff_cache
