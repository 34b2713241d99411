# The two commands of the README: `make run` and `make test`. Both set everything up themselves.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
STAMP := $(VENV)/.graphbuild-installed

.PHONY: setup run test test-fast test-neo4j system-deps neo4j-launcher bench clean

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

# Neo4j Community from Maven Central, built once (a first build downloads ~250 MB into ~/.m2).
neo4j-launcher: system-deps
	@scripts/neo4j-server build >/dev/null

# The whole suite, the real-Neo4j tier included (it starts its own Neo4j with scripts/neo4j-server).
# The tests marked server talk Bolt to FalkorDB, whose Bolt port is open to every interface without a
# password: they run apart, in a private network namespace that no other machine can reach.
test: setup system-deps neo4j-launcher
	$(BIN)/python -m pytest -m "not server"
	scripts/isolated-net $(BIN)/python -m pytest -m server

test-fast: setup system-deps
	$(BIN)/python -m pytest -m "not neo4j and not server"
	scripts/isolated-net $(BIN)/python -m pytest -m "server and not neo4j"

test-neo4j: setup system-deps neo4j-launcher
	$(BIN)/python -m pytest -m neo4j

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf out tests/output .pytest_cache scripts/neo4j-launcher/target
