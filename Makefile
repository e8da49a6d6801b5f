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
# Chromium for the browser tests, DejaVu fonts to render OCR fixtures; JDK 17 + Maven build the local
# SolrCloud (solr/launcher) that the Solr backend is tested against.
APT_PACKAGES := libreoffice-core libreoffice-writer libreoffice-calc libreoffice-impress \
	tesseract-ocr tesseract-ocr-vie chromium fonts-dejavu-core poppler-utils \
	openjdk-17-jdk-headless maven

.PHONY: run test test-fast lint bench screenshots system-deps install clean solr-launcher

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
	$(BIN)/vnarchive ingest -r $(CORPUS) || echo "some files could not be archived (listed above); serving the rest"
	VNARCHIVE_ACCESS=$${VNARCHIVE_ACCESS:-public} $(BIN)/vnarchive serve --host $(HOST) --port $(PORT)

lint: install
	$(BIN)/ruff check .

test: install lint solr-launcher
	$(BIN)/pytest -q

test-fast: install
	$(BIN)/pytest -q -m "not slow" -x

# The local SolrCloud for tests and benchmarks (embedded ZooKeeper + 2 Solr nodes); Maven Central on the
# first build, ~/.m2 afterwards.
SOLR_LAUNCHER := solr/launcher/target/classpath.txt
$(SOLR_LAUNCHER): solr/launcher/pom.xml $(wildcard solr/launcher/src/main/java/vnarchive/solr/*.java)
	cd solr/launcher && mvn -q -B package -DskipTests
	touch $@

solr-launcher: system-deps $(SOLR_LAUNCHER)

# Each benchmark prints a table; search/web default to sizes that take a while (see --help of each).
bench: install
	$(BIN)/pip install -q -e '.[test,bench]'
	$(BIN)/python bench/devset.py
	$(BIN)/python bench/heldout.py
	$(BIN)/python bench/convert.py
	$(BIN)/python bench/repair.py
	$(BIN)/python bench/realcorpus.py
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/web.py

screenshots: install
	$(BIN)/python tests/browser/take_screenshots.py

clean:
	rm -rf $(VENV) data *.egg-info
