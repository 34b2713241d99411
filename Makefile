# The two commands of the README: `make run` and `make test`. Both set everything up themselves.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.graphbuild-installed

.PHONY: setup run test system-deps bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,dask]'
	@touch $@

run: setup
	$(BIN)/graphbuild build seeds --out out

system-deps:
	@scripts/install-system-deps

test: setup system-deps
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf out tests/output .pytest_cache
