# The two commands a new user runs: `make demo` and `make test`.
# Each creates .venv if there is none and installs what it needs into it.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

.PHONY: demo test docs bench clean

demo: $(VENV)/.installed
	$(BIN)/plandiff check plans/
	$(BIN)/plandiff versions plans/
	@# diff exits 1 when the versions differ, as diff(1) does
	$(BIN)/plandiff diff us-28-point e3-counterproposal || [ $$? -eq 1 ]

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

docs: $(VENV)/.installed
	$(BIN)/python -m plandiff.docs

bench: $(VENV)/.installed-bench
	$(BIN)/python benchmarks/bench_check.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: $(VENV)/bin/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	touch $(VENV)/.installed $@

clean:
	rm -rf $(VENV) build *.egg-info
