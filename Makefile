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
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

run: setup
	$(BIN)/graphbuild build seeds --out out

system-deps:
	@scripts/install-system-deps

# The tests marked server talk Bolt to FalkorDB, whose Bolt port is open to every interface without a
# password: they run apart, in a private network namespace that no other machine can reach.
test: setup system-deps
	$(BIN)/python -m pytest -m "not server"
	scripts/isolated-net $(BIN)/python -m pytest -m server

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf out tests/output .pytest_cache
