# `make demo` and `make test` each bootstrap .venv on a fresh machine, idempotently.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# torch first and alone: a bare `torch` resolved by pip would pull a multi-GB CUDA build.
TORCH := torch==2.13.0
FIND_LINKS := $(if $(wildcard /opt/wheels),--find-links /opt/wheels,)
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml constraints.txt | sha1sum | cut -c1-12)
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: venv native sysdeps demo test lint unit bench bench-extract bench-search bench-batch bench-summarize samples gui bundle bundle-test clean

venv: $(STAMP) native

# The C helper that batches PDFium's per-glyph reads (ingestion/glyph_reads.py, #19): built
# when a compiler is present, else the same reads run in Python (slower, the same figures).
NATIVE := ingestion/_glyph_reads.so
native: $(NATIVE)

$(NATIVE): ingestion/glyph_reads.c
	@if command -v $(CC) >/dev/null 2>&1; then \
		$(CC) -O2 -ffp-contract=off -shared -fPIC -o $@ $< && echo "built $@" \
			|| echo "$(CC) could not build $@: PDFium's glyphs are read from Python (slower)"; \
	else echo "no C compiler ($(CC)): PDFium's glyphs are read from Python (slower)"; fi

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(FIND_LINKS) $(TORCH)
	$(PIP) install -q $(FIND_LINKS) -c constraints.txt -e '.[torch,ctranslate2,openvino,eval,embeddings,gui,ocr,ray,dev]'
	$(PIP) check
	@rm -f $(VENV)/.installed-*; touch $@

sysdeps:
	@bash scripts/system-deps.sh

demo: venv
	@bash scripts/demo.sh

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy ingestion summarizer app
	$(VENV)/bin/lint-imports

# sysdeps installs Tesseract, so here the OCR tests must run (elsewhere they skip, saying why).
# One pytest worker per core (pytest-xdist). A test file whose fixtures outlive one test (the
# Ray cluster, converted models) stays on one worker, so they are built once and never twice
# at a time; other tests spread one by one, the longest first (tests/conftest.py).
# Bytecode is kept for the test run only (#23): each worker imports the whole stack (torch,
# transformers, Qt), and compiling it afresh cost every worker about 3 CPU seconds.
unit: venv sysdeps
	PYTHONDONTWRITEBYTECODE= SYNOPSIS_TEST_OCR=required $(VENV)/bin/pytest -q -n auto --dist loadgroup --no-loadscope-reorder

test: lint unit

bench: bench-extract bench-search bench-batch bench-summarize

bench-extract: venv
	$(PY) bench/extract.py

bench-search: venv
	$(PY) bench/search.py

bench-batch: venv
	$(PY) bench/batch.py

bench-summarize: venv
	$(PY) bench/summarize.py

bundle: venv sysdeps
	bash packaging/build.sh

bundle-test: venv sysdeps
	bash packaging/smoke_test.sh

samples: venv
	$(PY) samples/build.py

gui: venv sysdeps
	QT_QPA_PLATFORM= $(VENV)/bin/synopsis gui

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist out
