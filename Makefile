# The two commands a new user runs: `make demo` and `make test`.
# Each creates .venv if there is none and installs into it exactly the versions
# in constraints.txt, quietly (the installer's log is kept in .venv/install.log
# and printed only if the install fails).
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
LOCK = constraints.txt
# pip, setuptools and the project's packages all come from the lock; the build
# uses the locked setuptools, so nothing floats between two fresh clones.
PIP = $(BIN)/python -m pip install -qq --disable-pip-version-check -c $(LOCK)
QUIET = > $(VENV)/install.log 2>&1 || { cat $(VENV)/install.log; exit 1; }

.PHONY: demo test lint test-latest lock docs bench clean

demo: $(VENV)/.installed
	@$(BIN)/plandiff check plans/
	@$(BIN)/plandiff versions plans/
	@# diff exits 1 when the versions differ, as diff(1) does
	@$(BIN)/plandiff diff us-28-point e3-counterproposal || [ $$? -eq 1 ]
	@$(BIN)/plandiff history military.troop_cap --evidence none

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

# ruff (lint and format) and mypy, with the project's configuration in pyproject.toml.
lint: $(VENV)/.installed-test
	$(BIN)/ruff check plandiff tests benchmarks
	$(BIN)/ruff format --check plandiff tests benchmarks
	$(BIN)/mypy

# The suite against the newest releases pyproject.toml allows, in a venv of its own:
# how an upgrade is tried on purpose before `make lock` records it.
test-latest:
	rm -rf .venv-latest
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install -qq --disable-pip-version-check --upgrade pip setuptools
	.venv-latest/bin/python -m pip install -qq --disable-pip-version-check --upgrade -e '.[test]'
	.venv-latest/bin/python -m pytest

# Record what test-latest installed (plus the benchmark peers) as the new lock.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install -qq --disable-pip-version-check --upgrade pip setuptools
	.venv-lock/bin/python -m pip install -qq --disable-pip-version-check -e '.[test,bench]'
	{ sed -n '1,2p' $(LOCK); .venv-lock/bin/python -m pip freeze --all --exclude-editable; } > $(LOCK).new
	mv $(LOCK).new $(LOCK)
	rm -rf .venv-lock

docs: $(VENV)/.installed
	$(BIN)/python -m plandiff.docs

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_check.py

$(VENV)/bin/python:
	@echo "Setting up $(VENV) (versions from $(LOCK)) …"
	@$(PYTHON) -m venv $(VENV)
	@$(PIP) pip setuptools $(QUIET)

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml $(LOCK)
	@$(PIP) pip setuptools $(QUIET)  # a venv made before the lock named them gets them too
	@$(PIP) --no-build-isolation -e . $(QUIET)
	@touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml $(LOCK)
	@$(PIP) pip setuptools $(QUIET)
	@$(PIP) --no-build-isolation -e '.[test]' $(QUIET)
	@touch $(VENV)/.installed $@

$(VENV)/.installed-bench: $(VENV)/bin/python pyproject.toml $(LOCK)
	@$(PIP) pip setuptools $(QUIET)
	@$(PIP) --no-build-isolation -e '.[test,bench]' $(QUIET)
	@touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) .venv-latest .venv-lock build *.egg-info
