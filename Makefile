# Developer tooling for the cisco.thousandeyes Ansible collection.
# `make help` lists the targets; tools/README.md explains the machinery.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

REPO_ROOT   := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
PYTHON      := python3
PY_VERSION  := 3.11
VENV        := $(REPO_ROOT)/.venv
VENV_BIN    := $(VENV)/bin
VENV_PY     := $(VENV_BIN)/python
VENV_STAMP  := $(VENV)/.requirements-dev.stamp
DEV_REQS    := $(REPO_ROOT)/tests/requirements-dev.txt

# Quality-gate and docs tools (galaxy-importer, ansible-builder, antsibull-docs, sphinx),
# kept out of .venv so their pins never move its ansible-core / ansible-lint.
TOOLS_VENV  := $(REPO_ROOT)/.venv-tools
TOOLS_BIN   := $(TOOLS_VENV)/bin
TOOLS_PY    := $(TOOLS_BIN)/python
TOOLS_STAMP := $(TOOLS_VENV)/.requirements.stamp
TOOLS_REQS  := $(REPO_ROOT)/tests/requirements-tools.txt

BUILD_DIR   := $(REPO_ROOT)/build
COLL_ROOT   := $(BUILD_DIR)/collections
NAMESPACE   := $(shell sed -n -E 's/^namespace:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
NAME        := $(shell sed -n -E 's/^name:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
VERSION     := $(shell sed -n -E 's/^version:[[:space:]]*["'\'']?([0-9A-Za-z.+-]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
TREE        := $(COLL_ROOT)/ansible_collections/$(NAMESPACE)/$(NAME)
TARBALL     := $(BUILD_DIR)/$(NAMESPACE)-$(NAME)-$(VERSION).tar.gz
LOG_DIR     := $(BUILD_DIR)/logs
DOCS_DIR    := $(REPO_ROOT)/docs/build

# ---------------------------------------------------------------- ansible-core matrix
# sanity, units and integration run once per core. The default core is .venv's; every other
# core has its own venv, .venv-core-<core>, from tests/requirements-core-<core>.txt, built with
# the Python that tools/core_python.sh finds for CORE_PYTHON_<core> (pyenv for 3.13). Pick a
# core with CORE=<core> (`make units CORE=2.16`) or the <target>-<core> form (`make units-2.16`).
CORE_DEFAULT     := 2.19
CORES            := 2.19 2.16 2.21
CORE_PYTHON_2.16 := 3.11
CORE_PYTHON_2.19 := $(PY_VERSION)
CORE_PYTHON_2.21 := 3.13
CORE             ?= $(CORE_DEFAULT)
ifeq ($(filter $(CORE),$(CORES)),)
$(error CORE=$(CORE) is not one of the matrix cores: $(CORES))
endif
CORE_PY_VERSION  := $(CORE_PYTHON_$(CORE))
ifeq ($(CORE),$(CORE_DEFAULT))
CORE_VENV        := $(VENV)
CORE_STAMP       := $(VENV_STAMP)
else
CORE_VENV        := $(REPO_ROOT)/.venv-core-$(CORE)
CORE_STAMP       := $(CORE_VENV)/.requirements.stamp
endif
CORE_BIN         := $(CORE_VENV)/bin
CORE_PY          := $(CORE_BIN)/python

# Where ansible-test looks for its pip bootstrap script (see tools/README.md).
ANSIBLE_TEST_CACHE := $(HOME)/.ansible/test/cache
GET_PIP_STANDIN    := $(REPO_ROOT)/tools/ansible_test_offline/get_pip.py

# ansible-test flags: --venv keeps ansible-test's pinned requirements out of the core's venv;
# ANSIBLE_TEST_CONTENT_ROOT stops ansible-test from walking up to this repo's .git
# (build/ is git-ignored, so it would see no files) and makes it list files from disk.
# The core's venv bin comes first on PATH, so --python X.Y finds that venv's pythonX.Y.
ANSIBLE_TEST      := $(CORE_BIN)/ansible-test
ANSIBLE_TEST_ENV  := ANSIBLE_TEST_CONTENT_ROOT=$(TREE) PATH=$(CORE_BIN):$$PATH
SANITY_ARGS       := --venv --python $(CORE_PY_VERSION)
UNITS_ARGS        := --venv --python $(CORE_PY_VERSION)

# Integration suite: pytest runs ansible-playbook from the same venv (sys.executable's dir).
# Two workers, one per core: each worker runs its own simulator. Extra pytest arguments:
# INTEGRATION_ARGS (e.g. INTEGRATION_ARGS='-k snapshot').
INTEGRATION_WORKERS := 2
INTEGRATION_ARGS    :=

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export ANSIBLE_NOCOLOR := 1

.PHONY: help venv tools-venv core-venv tree ansible-test-bootstrap sanity units lint simulator-tests \
	integration changelog-lint docs-lint galaxy-importer ee-check docs test build demo bench clean

help: ## list targets
	@grep -E '^[a-zA-Z_%-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 24

# ---------------------------------------------------------------- environment

venv: $(VENV_STAMP) ## create .venv (Python 3.11, ansible-core 2.19) with tests/requirements-dev.txt

$(VENV_STAMP): $(DEV_REQS)
	@ver="$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; \
	if [ "$$ver" != "$(PY_VERSION)" ]; then \
		echo "make venv: $(PYTHON) is Python $$ver, need $(PY_VERSION) (set PYTHON=...)" >&2; exit 1; fi
	bash $(REPO_ROOT)/tools/make_venv.sh $(PYTHON) $(VENV) $(DEV_REQS) $@

tools-venv: $(TOOLS_STAMP) ## create .venv-tools (galaxy-importer, ansible-builder, antsibull-docs, sphinx)

$(TOOLS_STAMP): $(TOOLS_REQS)
	@py="$$(bash $(REPO_ROOT)/tools/core_python.sh $(PY_VERSION))"; \
	bash $(REPO_ROOT)/tools/make_venv.sh "$$py" $(TOOLS_VENV) $(TOOLS_REQS) $@

core-venv: $(CORE_STAMP) ## create the venv of core CORE (.venv-core-<CORE> from tests/requirements-core-<CORE>.txt)

# Python for a core: tools/core_python.sh prints the reason and exits 3 when there is none.
$(REPO_ROOT)/.venv-core-%/.requirements.stamp: $(REPO_ROOT)/tests/requirements-core-%.txt
	@py="$$(bash $(REPO_ROOT)/tools/core_python.sh $(CORE_PYTHON_$*))" || { \
		echo "core $*: no Python $(CORE_PYTHON_$*) for .venv-core-$*" >&2; exit 1; }; \
	bash $(REPO_ROOT)/tools/make_venv.sh "$$py" $(REPO_ROOT)/.venv-core-$* $< $@

tree: ## refresh build/collections/ansible_collections/<ns>/<name> from git's file list
	@$(REPO_ROOT)/tools/collection_tree.sh $(COLL_ROOT) >/dev/null

# Install the offline stand-in for every pip version the core's ansible-test may ask for
# (read from its source, so it follows ansible-core upgrades). Always overwritten: ours only
# needs PyPI, so it works the same on any machine.
ansible-test-bootstrap: $(CORE_STAMP)
	@src="$$($(CORE_PY) -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')"; \
	vers="$$(grep -ohE "pip='[0-9][0-9.]*'" "$$src/_internal/python_requirements.py" | sed -E "s/pip='(.*)'/\1/" | sort -u)"; \
	if [ -z "$$vers" ]; then echo "cannot find the pip version in $$src/_internal/python_requirements.py" >&2; exit 1; fi; \
	mkdir -p "$(ANSIBLE_TEST_CACHE)"; \
	for v in $$vers; do \
		dest="$(ANSIBLE_TEST_CACHE)/get_pip_$${v//./_}.py"; \
		install -m 0644 "$(GET_PIP_STANDIN)" "$$dest"; \
		echo "ansible-test pip bootstrap: $$dest (pip $$v, offline stand-in, core $(CORE))"; \
	done

# ---------------------------------------------------------------- tests

sanity: $(CORE_STAMP) tree ansible-test-bootstrap ## ansible-test sanity on core CORE (default 2.19; no ignore files allowed)
	@if ls $(REPO_ROOT)/tests/sanity/ignore-*.txt >/dev/null 2>&1; then \
		echo "sanity: tests/sanity/ignore-*.txt found; this collection keeps none" >&2; exit 1; fi
	@mkdir -p $(LOG_DIR)
	@echo "== ansible-test sanity $(SANITY_ARGS) (ansible-core $$($(CORE_PY) -c 'import ansible.release as r; print(r.__version__)')) in $(TREE)"
	@log=$(LOG_DIR)/ansible-test-sanity-$(CORE).log; start=$$(date +%s); rc=0; \
	( cd $(TREE) && $(ANSIBLE_TEST_ENV) $(ANSIBLE_TEST) sanity $(SANITY_ARGS) --color no ) 2>&1 \
		| tee $$log || rc=$$?; \
	ran=$$(grep -c "^Running sanity test " $$log || true); \
	skipped=$$(grep -E "^WARNING: Skipping sanity test |^WARNING: Required program |^Skipping sanity test " $$log | sort -u | wc -l || true); \
	failed=$$(awk '/sanity test\(s\) listed below/ {f=1; next} /^(FATAL|ERROR|WARNING)/ {f=0} f' $$log | xargs echo); \
	echo "----------------------------------------------------------------"; \
	echo "sanity summary (core $(CORE)): $$ran tests run, $$skipped skipped, $$(( $$(date +%s) - start ))s, exit $$rc"; \
	grep -E "^WARNING: Skipping sanity test |^WARNING: Required program |^Skipping sanity test " $$log | sort -u || true; \
	if [ $$rc -ne 0 ]; then \
		echo "sanity FAILED: $${failed:-see $$log}"; \
		grep -E "^ERROR: " $$log | grep -v "^ERROR: Found [0-9]" | head -n 60 || true; \
	else echo "sanity: all passed"; fi; \
	echo "----------------------------------------------------------------"; \
	exit $$rc

units: $(CORE_STAMP) tree ansible-test-bootstrap ## ansible-test units (tests/unit) on core CORE
	@echo "== ansible-test units $(UNITS_ARGS) (ansible-core $$($(CORE_PY) -c 'import ansible.release as r; print(r.__version__)')) in $(TREE)"
	cd $(TREE) && $(ANSIBLE_TEST_ENV) $(ANSIBLE_TEST) units $(UNITS_ARGS) --color no

# Runs on the checkout; the collection itself (cisco.thousandeyes.*) resolves from the
# tree copy via ANSIBLE_COLLECTIONS_PATH, since offline mode installs nothing.
lint: $(VENV_STAMP) tree ## ansible-lint --profile production (offline, see .ansible-lint)
	cd $(REPO_ROOT) && ANSIBLE_COLLECTIONS_PATH=$(COLL_ROOT) PATH=$(VENV_BIN):$$PATH \
		$(VENV_BIN)/ansible-lint --profile production --nocolor

simulator-tests: $(VENV_STAMP) ## pytest tests/simulator (from .venv)
	cd $(REPO_ROOT) && $(VENV_PY) -m pytest tests/simulator -q

integration: $(CORE_STAMP) ## ansible-playbook runs of the collection against the API simulator (pytest tests/integration) on core CORE
	@echo "== integration: $(CORE_PY) -m pytest tests/integration (ansible-core $$($(CORE_PY) -c 'import ansible.release as r; print(r.__version__)'))"
	cd $(REPO_ROOT) && $(CORE_PY) -m pytest tests/integration -q -p no:cacheprovider \
		$(if $(filter-out 0 1,$(INTEGRATION_WORKERS)),-n $(INTEGRATION_WORKERS)) $(INTEGRATION_ARGS)

# <target>-<core>: the same target on another core of the matrix (sanity-2.16, units-2.21, ...).
sanity-%:
	@$(MAKE) sanity CORE=$*
units-%:
	@$(MAKE) units CORE=$*
integration-%:
	@$(MAKE) integration CORE=$*
core-venv-%:
	@$(MAKE) core-venv CORE=$*

# Fragments, changelog.yaml, and CHANGELOG.rst as antsibull-changelog would write it now
# (regenerated in a scratch copy of the tree and compared).
changelog-lint: $(VENV_STAMP) tree ## antsibull-changelog lint + lint-changelog-yaml --strict + CHANGELOG.rst up to date
	cd $(TREE) && PATH=$(VENV_BIN):$$PATH $(VENV_BIN)/antsibull-changelog lint
	cd $(TREE) && $(VENV_BIN)/antsibull-changelog lint-changelog-yaml --strict changelogs/changelog.yaml
	@scratch=$(BUILD_DIR)/changelog-check/ansible_collections/$(NAMESPACE)/$(NAME); \
	rm -rf $(BUILD_DIR)/changelog-check; mkdir -p "$$(dirname $$scratch)"; \
	cp -a $(TREE) $$scratch; rm -rf $$scratch/tests/output; \
	( cd $$scratch && ANSIBLE_COLLECTIONS_PATH=$(BUILD_DIR)/changelog-check PATH=$(VENV_BIN):$$PATH \
		$(VENV_BIN)/antsibull-changelog generate ) ; \
	if ! diff -u $(TREE)/CHANGELOG.rst $$scratch/CHANGELOG.rst; then \
		echo "changelog-lint: CHANGELOG.rst differs from what 'antsibull-changelog generate' writes (diff above)" >&2; exit 1; fi; \
	echo "changelog-lint: fragments, changelogs/changelog.yaml and CHANGELOG.rst are clean"

docs-lint: $(TOOLS_STAMP) tree ## antsibull-docs lint-collection-docs --plugin-docs (module docs, markup, references, docs/docsite)
	cd $(TREE) && ANSIBLE_COLLECTIONS_PATH=$(COLL_ROOT) PATH=$(TOOLS_BIN):$$PATH \
		$(TOOLS_BIN)/antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs=all \
		--check-extra-docs-refs .
	@echo "docs-lint: antsibull-docs $$($(TOOLS_BIN)/antsibull-docs --version | head -n1) found nothing to report"

galaxy-importer: build $(TOOLS_STAMP) ## galaxy-importer on the built tarball (config: tools/galaxy_importer/galaxy-importer.cfg); fails on any WARNING/ERROR
	@mkdir -p $(BUILD_DIR)/galaxy-importer
	$(TOOLS_PY) $(REPO_ROOT)/tools/galaxy_importer/check.py $(TARBALL) $(BUILD_DIR)/galaxy-importer

ee-check: build $(TOOLS_STAMP) ## install the tarball, ansible-builder introspect: the EE must get requests
	bash $(REPO_ROOT)/tools/ee_check.sh $(TOOLS_BIN) $(TARBALL) $(BUILD_DIR)/ee

# Runs every gate even when an earlier one fails, then prints one table; fails if any failed.
# A <target>-<core> gate whose Python is missing (tools/core_python.sh) is SKIPPED, with the reason.
TEST_GATES := lint sanity-2.19 units-2.19 simulator-tests integration-2.19 changelog-lint docs-lint \
	galaxy-importer ee-check docs \
	sanity-2.16 units-2.16 integration-2.16 \
	sanity-2.21 units-2.21 integration-2.21
CORE_PY_MAP := $(foreach c,$(CORES),$(c)=$(CORE_PYTHON_$(c)))
test: ## every gate of TEST_GATES (lint, the ansible-core matrix, changelog, docs, galaxy-importer, EE), one summary table
	@mkdir -p $(LOG_DIR); results=""; npass=0; nfail=0; nskip=0; total_start=$$(date +%s); \
	for t in $(TEST_GATES); do \
		start=$$(date +%s); note=""; st=""; \
		case "$$t" in *-[0-9]*.[0-9]*) \
			core="$${t##*-}"; pyv=""; \
			for m in $(CORE_PY_MAP); do [ "$${m%%=*}" = "$$core" ] && pyv="$${m#*=}"; done; \
			if ! reason="$$(bash $(REPO_ROOT)/tools/core_python.sh $$pyv 2>&1 >/dev/null)"; then \
				st=SKIP; note="$$reason"; \
				echo "== $$t SKIPPED: $$reason"; \
			fi;; \
		esac; \
		if [ -z "$$st" ]; then \
			echo "================================================================ $$t"; \
			if $(MAKE) $$t 2>&1 | tee $(LOG_DIR)/$$t.log; then st=PASS; else st=FAIL; note="log: build/logs/$$t.log"; fi; \
		fi; \
		case $$st in PASS) npass=$$((npass + 1));; FAIL) nfail=$$((nfail + 1));; SKIP) nskip=$$((nskip + 1));; esac; \
		results="$$results$$(printf '  %-18s %-4s %6ss  %s' "$$t" "$$st" "$$(( $$(date +%s) - start ))" "$$note")\n"; \
	done; \
	echo "================================================================"; \
	echo "make test summary (total $$(( $$(date +%s) - total_start ))s)"; \
	printf '  %-18s %-4s %7s  %s\n' gate result time note; printf "$$results"; \
	echo "================================================================"; \
	echo "gates: $$npass passed, $$nfail failed, $$nskip skipped"; \
	[ $$nfail -eq 0 ]

# ---------------------------------------------------------------- packaging, docs

build: $(VENV_STAMP) tree ## ansible-galaxy collection build -> build/<ns>-<name>-<version>.tar.gz
	cd $(TREE) && $(VENV_BIN)/ansible-galaxy collection build --force --output-path $(BUILD_DIR)

# antsibull-docs sphinx-init writes the docsite (conf.py, build.sh) into docs/build; its conf.py
# gets an offline intersphinx mapping (tools/docs/offline_intersphinx.py), then the generated
# build.sh renders the RST and runs sphinx-build -W; tools/docs/check_html.py checks the pages.
docs: $(TOOLS_STAMP) tree ## HTML docs with antsibull-docs + Sphinx -> docs/build/build/html (offline)
	rm -rf $(DOCS_DIR)
	mkdir -p $(DOCS_DIR)
	chmod 0755 $(DOCS_DIR)
	cd $(REPO_ROOT) && ANSIBLE_COLLECTIONS_PATH=$(COLL_ROOT) PATH=$(TOOLS_BIN):$$PATH \
		$(TOOLS_BIN)/antsibull-docs sphinx-init --use-current --fail-on-error --dest-dir $(DOCS_DIR) \
		--project "$(NAMESPACE).$(NAME)" --copyright "ThousandEyes collection maintainers" \
		--title "Cisco ThousandEyes Collection" --html-short-title "cisco.thousandeyes" \
		$(NAMESPACE).$(NAME)
	@printf '%s\n' '' \
		'# Added by `make docs`: intersphinx from a local inventory, nothing is downloaded.' \
		'exec(open("$(REPO_ROOT)/tools/docs/offline_intersphinx.py").read())' \
		'intersphinx_mapping = offline_intersphinx_mapping("$(DOCS_DIR)/rst", "$(DOCS_DIR)/ansible_devel.inv")' \
		>> $(DOCS_DIR)/conf.py
	cd $(DOCS_DIR) && ANSIBLE_COLLECTIONS_PATH=$(COLL_ROOT) PATH=$(TOOLS_BIN):$$PATH ./build.sh
	ANSIBLE_COLLECTIONS_PATH=$(COLL_ROOT) $(TOOLS_PY) $(REPO_ROOT)/tools/docs/check_html.py $(DOCS_DIR)/build/html $(TREE)
	@echo "docs: open $(DOCS_DIR)/build/html/collections/$(NAMESPACE)/$(NAME)/index.html"

demo: build ## build and install the collection, run cisco.thousandeyes.create_snapshot on the simulator, print the link
	VENV_BIN=$(VENV_BIN) $(REPO_ROOT)/tools/demo.sh

BENCH_ARGS :=
bench: $(VENV_STAMP) ## performance benchmark: tests/perf/bench.py [BENCH_ARGS=...] (not part of make test)
	cd $(REPO_ROOT) && $(VENV_PY) tests/perf/bench.py $(BENCH_ARGS)

clean: ## remove build/, docs/build/ and ansible-test output (keeps the venvs)
	rm -rf $(BUILD_DIR) $(DOCS_DIR) $(REPO_ROOT)/tests/output
