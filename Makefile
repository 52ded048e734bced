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

BUILD_DIR   := $(REPO_ROOT)/build
COLL_ROOT   := $(BUILD_DIR)/collections
NAMESPACE   := $(shell sed -n -E 's/^namespace:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
NAME        := $(shell sed -n -E 's/^name:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
TREE        := $(COLL_ROOT)/ansible_collections/$(NAMESPACE)/$(NAME)
LOG_DIR     := $(BUILD_DIR)/logs

# Where ansible-test looks for its pip bootstrap script (see tools/README.md).
ANSIBLE_TEST_CACHE := $(HOME)/.ansible/test/cache
GET_PIP_STANDIN    := $(REPO_ROOT)/tools/ansible_test_offline/get_pip.py

# ansible-test flags: --venv keeps ansible-test's pinned requirements out of .venv;
# ANSIBLE_TEST_CONTENT_ROOT stops ansible-test from walking up to this repo's .git
# (build/ is git-ignored, so it would see no files) and makes it list files from disk.
ANSIBLE_TEST      := $(VENV_BIN)/ansible-test
ANSIBLE_TEST_ENV  := ANSIBLE_TEST_CONTENT_ROOT=$(TREE) PATH=$(VENV_BIN):$$PATH
SANITY_ARGS       := --venv --python $(PY_VERSION)
UNITS_ARGS        := --venv --python $(PY_VERSION)

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export ANSIBLE_NOCOLOR := 1

.PHONY: demo help venv tree ansible-test-bootstrap sanity units lint simulator-tests integration test build clean

help: ## list targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 20

# ---------------------------------------------------------------- environment

venv: $(VENV_STAMP) ## create .venv (Python 3.11) with tests/requirements-dev.txt

$(VENV_STAMP): $(DEV_REQS)
	@ver="$$($(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')"; \
	if [ "$$ver" != "$(PY_VERSION)" ]; then \
		echo "make venv: $(PYTHON) is Python $$ver, need $(PY_VERSION) (set PYTHON=...)" >&2; exit 1; fi
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV_PY) -m pip install --quiet --upgrade pip
	$(VENV_PY) -m pip install --quiet -r $(DEV_REQS)
	$(VENV_PY) -m pip check
	sha256sum $(DEV_REQS) > $@
	@echo "venv ready: $(VENV) ($$($(VENV_BIN)/ansible --version | head -n1))"

tree: ## refresh build/collections/ansible_collections/<ns>/<name> from git's file list
	@$(REPO_ROOT)/tools/collection_tree.sh $(COLL_ROOT) >/dev/null

# Install the offline stand-in for every pip version the installed ansible-test may ask for
# (read from its source, so it follows ansible-core upgrades). Always overwritten: ours only
# needs PyPI, so it works the same on any machine.
ansible-test-bootstrap: $(VENV_STAMP)
	@src="$$($(VENV_PY) -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')"; \
	vers="$$(grep -ohE "pip='[0-9][0-9.]*'" "$$src/_internal/python_requirements.py" | sed -E "s/pip='(.*)'/\1/" | sort -u)"; \
	if [ -z "$$vers" ]; then echo "cannot find the pip version in $$src/_internal/python_requirements.py" >&2; exit 1; fi; \
	mkdir -p "$(ANSIBLE_TEST_CACHE)"; \
	for v in $$vers; do \
		dest="$(ANSIBLE_TEST_CACHE)/get_pip_$${v//./_}.py"; \
		install -m 0644 "$(GET_PIP_STANDIN)" "$$dest"; \
		echo "ansible-test pip bootstrap: $$dest (pip $$v, offline stand-in)"; \
	done

# ---------------------------------------------------------------- tests

sanity: $(VENV_STAMP) tree ansible-test-bootstrap ## ansible-test sanity (no ignore files allowed)
	@if ls $(REPO_ROOT)/tests/sanity/ignore-*.txt >/dev/null 2>&1; then \
		echo "sanity: tests/sanity/ignore-*.txt found; this collection keeps none" >&2; exit 1; fi
	@mkdir -p $(LOG_DIR)
	@echo "== ansible-test sanity $(SANITY_ARGS) in $(TREE)"
	@start=$$(date +%s); rc=0; \
	( cd $(TREE) && $(ANSIBLE_TEST_ENV) $(ANSIBLE_TEST) sanity $(SANITY_ARGS) --color no ) 2>&1 \
		| tee $(LOG_DIR)/sanity.log || rc=$$?; \
	ran=$$(grep -c "^Running sanity test " $(LOG_DIR)/sanity.log || true); \
	skipped=$$(grep -E "^WARNING: Skipping sanity test |^WARNING: Required program |^Skipping sanity test " $(LOG_DIR)/sanity.log | sort -u | wc -l || true); \
	failed=$$(awk '/sanity test\(s\) listed below/ {f=1; next} /^(FATAL|ERROR|WARNING)/ {f=0} f' $(LOG_DIR)/sanity.log | xargs echo); \
	echo "----------------------------------------------------------------"; \
	echo "sanity summary: $$ran tests run, $$skipped skipped, $$(( $$(date +%s) - start ))s, exit $$rc"; \
	grep -E "^WARNING: Skipping sanity test |^WARNING: Required program |^Skipping sanity test " $(LOG_DIR)/sanity.log | sort -u || true; \
	if [ $$rc -ne 0 ]; then \
		echo "sanity FAILED: $${failed:-see $(LOG_DIR)/sanity.log}"; \
		grep -E "^ERROR: " $(LOG_DIR)/sanity.log | grep -v "^ERROR: Found [0-9]" | head -n 60 || true; \
	else echo "sanity: all passed"; fi; \
	echo "----------------------------------------------------------------"; \
	exit $$rc

units: $(VENV_STAMP) tree ansible-test-bootstrap ## ansible-test units (tests/unit)
	@echo "== ansible-test units $(UNITS_ARGS) in $(TREE)"
	cd $(TREE) && $(ANSIBLE_TEST_ENV) $(ANSIBLE_TEST) units $(UNITS_ARGS) --color no

# Runs on the checkout; the collection itself (cisco.thousandeyes.*) resolves from the
# tree copy via ANSIBLE_COLLECTIONS_PATH, since offline mode installs nothing.
lint: $(VENV_STAMP) tree ## ansible-lint --profile production (offline, see .ansible-lint)
	cd $(REPO_ROOT) && ANSIBLE_COLLECTIONS_PATH=$(COLL_ROOT) PATH=$(VENV_BIN):$$PATH \
		$(VENV_BIN)/ansible-lint --profile production --nocolor

simulator-tests: $(VENV_STAMP) ## pytest tests/simulator (from .venv)
	cd $(REPO_ROOT) && $(VENV_PY) -m pytest tests/simulator -q

integration: $(VENV_STAMP) ## ansible-playbook runs of the collection against the API simulator (pytest tests/integration)
	cd $(REPO_ROOT) && $(VENV_PY) -m pytest tests/integration -q -p no:cacheprovider

# Runs every suite even when an earlier one fails, then prints one table; fails if any failed.
TEST_SUITES := sanity units lint simulator-tests integration
test: $(VENV_STAMP) ## sanity + units + lint + simulator-tests + integration
	@results=""; npass=0; nfail=0; total_start=$$(date +%s); \
	for t in $(TEST_SUITES); do \
		start=$$(date +%s); \
		if $(MAKE) $$t; then st=PASS; npass=$$((npass + 1)); else st=FAIL; nfail=$$((nfail + 1)); fi; \
		results="$$results$$(printf '  %-16s %s %5ss' "$$t" "$$st" "$$(( $$(date +%s) - start ))")\n"; \
	done; \
	echo "================================================================"; \
	echo "make test summary (total $$(( $$(date +%s) - total_start ))s)"; printf "$$results"; \
	echo "================================================================"; \
	echo "suites: $$npass passed, $$nfail failed"; \
	[ $$nfail -eq 0 ]

# ---------------------------------------------------------------- packaging

build: $(VENV_STAMP) tree ## ansible-galaxy collection build -> build/*.tar.gz
	cd $(TREE) && $(VENV_BIN)/ansible-galaxy collection build --force --output-path $(BUILD_DIR)

demo: build ## build and install the collection, run cisco.thousandeyes.create_snapshot on the simulator, print the link
	VENV_BIN=$(VENV_BIN) $(REPO_ROOT)/tools/demo.sh

clean: ## remove build/ and ansible-test output (keeps .venv)
	rm -rf $(BUILD_DIR) $(REPO_ROOT)/tests/output
