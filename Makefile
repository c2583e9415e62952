# make run: set up and serve on SQLite with demo data. make test: the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
export FLASK_APP := opinion

.PHONY: run test install install-dev model bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	$(BIN)/flask db upgrade
	$(BIN)/flask seed-demo
	@echo "Mở http://127.0.0.1:$(PORT) — tài khoản mẫu: ctv.demo / demo-2026"
	$(BIN)/flask run --host 127.0.0.1 --port $(PORT)

test: install-dev
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Rebuild the shipped classifier from data/corpus (reproducible: same corpus, same split).
model: install
	$(BIN)/python data/build_splits.py
	rm -rf data/model.new
	$(BIN)/python -m classifier train --train data/train.jsonl --heldout data/heldout.jsonl \
		--label topic --label urgency --label sentiment --out data/model.new
	rm -rf data/model && mv data/model.new data/model

bench: install-dev
	@for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

lint: install-dev
	$(BIN)/ruff check opinion classifier tests bench

clean:
	rm -rf $(VENV) instance/opinion.db*
