# Coworking Leerstandsmelder — developer commands. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PLUGIN      := coworking_plugin
VERSION     := $(shell sed -n 's/^version=//p' metadata.txt)
VENV        := .venv
PY          := $(VENV)/bin/python
BUILD       := build/$(PLUGIN)
PROFILES    ?= $(CURDIR)/.qgis-profile
PROFILE     ?= default
PLUGIN_DIR  := $(PROFILES)/profiles/$(PROFILE)/python/plugins/$(PLUGIN)
PGDATA      ?= $(CURDIR)/.pgdata
PGPORT      ?= 55432
# Debian packages a fresh Debian 12/13 needs for every target (no versions: the release decides). python3-venv
# for the venv, python3-psycopg2/-requests/-numpy are what the plugin imports (QGIS ships them), xvfb + xauth
# for xvfb-run, pyqt5-dev-tools (pylupdate5) + qttools5-dev-tools (lrelease) for translations, rsync + zip
# for package/deploy, fonts-dejavu-core for the demo's labels, fonts-open-sans for QGIS 3.40+'s UI font (else
# it tries to download it), qgis-server (qgis_mapserv.fcgi) for the Geoportal test that serves the public view.
# poppler-utils (pdftoppm) for the dossier test, python3-matplotlib for charts, qttranslations5-l10n for Qt's
# own German buttons ("Abbrechen", not "Cancel") in dialogs. make and git come first (README).
APT_PACKAGES := qgis python3-qgis qgis-providers postgresql postgresql-postgis python3-venv python3-psycopg2 \
                python3-requests python3-numpy xvfb xauth pyqt5-dev-tools qttools5-dev-tools rsync zip \
                fonts-dejavu-core fonts-open-sans qgis-server poppler-utils python3-matplotlib \
                qttranslations5-l10n
export QT_QPA_PLATFORM ?= offscreen

.PHONY: help setup test lint package deploy demo screenshots db db-stop translate translations bench clean assemble

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 12

setup: .venv/.done  ## install Debian packages and the test venv (idempotent)
	@bash scripts/setup.sh --packages-only $(APT_PACKAGES)

.venv/.done: scripts/setup.sh requirements-dev.txt
	bash scripts/setup.sh $(APT_PACKAGES)
	touch $@

test: setup translations  ## the whole suite, headless (README's test command)
	$(MAKE) --no-print-directory lint
	$(PY) -m pytest $(PYTEST_ARGS)

lint: setup  ## ruff + flake8-qgis
	$(VENV)/bin/ruff check $(PLUGIN) tests scripts bench
	$(VENV)/bin/flake8 --select=QGS $(PLUGIN) scripts

translate: setup  ## update i18n/*.ts from the sources (pylupdate5) and build the .qm files (lrelease)
	bash scripts/translate.sh update

translations: setup  ## build the .qm files from i18n/*.ts
	bash scripts/translate.sh

assemble: translations  ## assemble the installable plugin folder in build/
	rm -rf $(BUILD) && mkdir -p $(BUILD)
	rsync -a --exclude '__pycache__' --exclude '*.pyc' $(PLUGIN)/ $(BUILD)/
	cp metadata.txt LICENSE $(BUILD)/
	rsync -a resources $(BUILD)/
	mkdir -p $(BUILD)/i18n && cp i18n/*.qm $(BUILD)/i18n/

package: assemble  ## build dist/coworking_plugin-<version>.zip
	mkdir -p dist && rm -f dist/$(PLUGIN)-$(VERSION).zip
	cd build && zip -q -r -X ../dist/$(PLUGIN)-$(VERSION).zip $(PLUGIN) -x '*__pycache__*' '*.pyc'
	@echo dist/$(PLUGIN)-$(VERSION).zip

deploy: assemble  ## install the plugin into a QGIS profile (PROFILES=..., default: isolated .qgis-profile)
	mkdir -p $(dir $(PLUGIN_DIR)) && rm -rf $(PLUGIN_DIR)
	cp -r $(BUILD) $(PLUGIN_DIR)
	$(PY) scripts/enable_plugin.py "$(PROFILES)" "$(PROFILE)"
	@echo deployed to $(PLUGIN_DIR)

db: setup  ## start the local PostGIS (cluster in .pgdata, port $(PGPORT))
	$(PY) -m scripts.pgcluster start --pgdata "$(PGDATA)" --port $(PGPORT)

db-stop:  ## stop the local PostGIS
	/usr/bin/python3 -m scripts.pgcluster stop --pgdata "$(PGDATA)"

demo: deploy db  ## QGIS in German with the plugin, its docks, real roles (no display or SCREENSHOT=1: screenshots)
	$(PY) scripts/demo.py --profiles "$(PROFILES)" --profile "$(PROFILE)" --pgdata "$(PGDATA)" --port $(PGPORT) \
		$(if $(SCREENSHOT),--screenshot) $(if $(DOCS_IMG),--docs-img "$(DOCS_IMG)")

screenshots:  ## the demo headless, its screenshots copied to docs/img for the README and the user guide
	$(MAKE) --no-print-directory demo DOCS_IMG=docs/img

bench: setup  ## benchmarks: medians and ratios against baselines of the same run
	$(PY) -m bench $(BENCH_ARGS)

clean:  ## remove build output (not the venv or the database)
	rm -rf build dist test-output demo/output
