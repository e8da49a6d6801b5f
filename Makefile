# vnarchive — `make run` (install, ingest corpus/, serve on http://127.0.0.1:5000) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORPUS ?= corpus
HOST ?= 127.0.0.1
PORT ?= 5000
export VNARCHIVE_HOME ?= $(CURDIR)/data

# Debian packages: LibreOffice for .doc/.ppt/.xls, tesseract + Vietnamese model for scans,
# Chromium for the browser tests, DejaVu fonts to render OCR fixtures.
APT_PACKAGES := libreoffice-core libreoffice-writer libreoffice-calc libreoffice-impress \
	tesseract-ocr tesseract-ocr-vie chromium fonts-dejavu-core poppler-utils

.PHONY: run test test-fast lint bench system-deps install clean

$(BIN)/.installed: pyproject.toml
	$(MAKE) system-deps
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(BIN)/.installed

system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
		else echo "not root: please install $$missing"; exit 1; fi; \
	fi

run: install
	$(BIN)/vnarchive ingest -r $(CORPUS)
	VNARCHIVE_ACCESS=$${VNARCHIVE_ACCESS:-public} $(BIN)/vnarchive serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: install lint
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow" -x

bench: install
	$(BIN)/python bench/convert.py
	$(BIN)/python bench/realcorpus.py

clean:
	rm -rf $(VENV) data *.egg-info
