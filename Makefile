# A thin front for the nox sessions (noxfile.py, antsibull-nox.toml) and for the demo.
# `make help` lists the targets; CONTRIBUTING.md explains the sessions and the ansible-core matrix.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

REPO_ROOT := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
PYTHON    ?= python3

# nox and antsibull-nox, in their own venv built with $(PYTHON) (3.9 or newer).
NOX_VENV  := $(REPO_ROOT)/.venv-nox
NOX_STAMP := $(NOX_VENV)/.requirements.stamp
NOX_REQS  := $(REPO_ROOT)/tests/requirements-nox.txt
NOX       := $(NOX_VENV)/bin/nox
# Sessions run side by side (`nox -j`); each has its own venv, collection copy and simulator. One more than the 2 CPUs
# of our machines: sessions wait too (quotas, a rulebook's drain, one-process pylint), and with 2 the CPU was idle
# for a tenth of make test (sampled every 10 s).
NOX_JOBS  ?= 3
NOX_ARGS  ?=
NOX_REPORT := $(REPO_ROOT)/build/nox-report.json
NOX_LOG    := $(REPO_ROOT)/build/make-test.log

# The developer venv: ansible-core 2.19 with ansible-lint, pytest and the SDKs (tests/requirements-dev.txt),
# for `make demo`, `make bench` and running a test by hand. Any Python ansible-core 2.19 runs on.
VENV         := $(REPO_ROOT)/.venv
VENV_BIN     := $(VENV)/bin
VENV_STAMP   := $(VENV)/.requirements-dev.stamp
DEV_REQS     := $(REPO_ROOT)/tests/requirements-dev.txt
VENV_PYTHONS := 3.11 3.12 3.13

BUILD_DIR := $(REPO_ROOT)/build
COLL_ROOT := $(BUILD_DIR)/collections
NAMESPACE := $(shell sed -n -E 's/^namespace:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
NAME      := $(shell sed -n -E 's/^name:[[:space:]]*([A-Za-z0-9_]+).*/\1/p' $(REPO_ROOT)/galaxy.yml | head -n1)
TREE      := $(COLL_ROOT)/ansible_collections/$(NAMESPACE)/$(NAME)

# `make sanity CORE=2.16` runs one core's session; without CORE, every core's.
CORES := 2.16 2.17 2.18 2.19 2.20 2.21 2.22
CORE  ?=
SELECTED_CORES := $(if $(CORE),$(CORE),$(CORES))
ifneq ($(filter-out $(CORES),$(SELECTED_CORES)),)
$(error CORE=$(CORE) is not one of the matrix cores: $(CORES))
endif

export PIP_DISABLE_PIP_VERSION_CHECK := 1
export ANSIBLE_NOCOLOR := 1

.PHONY: help nox-venv venv test sessions sanity units targets integration lint docs build demo bench clean distclean

help: ## list targets
	@grep -E '^[a-zA-Z_%-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 16

# ---------------------------------------------------------------- environments

nox-venv: $(NOX_STAMP) ## create .venv-nox (nox, antsibull-nox) from tests/requirements-nox.txt

$(NOX_STAMP): $(NOX_REQS)
	rm -rf $(NOX_VENV)
	$(PYTHON) -m venv $(NOX_VENV)
	$(NOX_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(NOX_VENV)/bin/python -m pip install --quiet -r $(NOX_REQS)
	{ sha256sum $(NOX_REQS); $(NOX_VENV)/bin/python --version; } > $@

venv: $(VENV_STAMP) ## create .venv (ansible-core 2.19, Python 3.11 to 3.13: $PYTHON, else the newest found) for demo/bench

# $(PYTHON) when it is a Python ansible-core 2.19 runs on, else the newest pythonX.Y on PATH or in pyenv.
$(VENV_STAMP): $(DEV_REQS)
	@py=""; want="$(VENV_PYTHONS)"; \
	pyenv_root="$${PYENV_ROOT:-$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)}"; \
	for cand in $(PYTHON) $$(for v in $$(echo $$want | tr ' ' '\n' | sort -rV); do \
			echo python$$v; ls -d $$pyenv_root/versions/$$v.*/bin/python$$v 2>/dev/null | sort -rV; done); do \
		ver="$$($$cand -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" || continue; \
		case " $$want " in *" $$ver "*) py="$$cand"; break;; esac; \
	done; \
	if [ -z "$$py" ]; then echo "make venv: no Python $(VENV_PYTHONS) found ($(PYTHON), pythonX.Y on PATH, pyenv); set PYTHON=..." >&2; exit 1; fi; \
	echo "make venv: $$py ($$($$py --version))"; \
	rm -rf $(VENV); \
	$$py -m venv $(VENV); \
	$(VENV_BIN)/python -m pip install --quiet --upgrade pip; \
	$(VENV_BIN)/python -m pip install --quiet -r $(DEV_REQS); \
	$(VENV_BIN)/python -m pip check; \
	{ sha256sum $(DEV_REQS); $(VENV_BIN)/python --version; } > $@

# ---------------------------------------------------------------- tests (nox sessions)

# Every default nox session, NOX_JOBS at a time; then the time each took, from nox's report, and why
# any session failed (from its output, kept in build/make-test.log), last, where CI's excerpt shows it.
test: $(NOX_STAMP) ## run every test: all default nox sessions (nox --list), then a table of results and times
	@mkdir -p $(BUILD_DIR); rm -f $(NOX_REPORT) $(NOX_LOG); \
	echo "make test: nox -j $(NOX_JOBS), load average at start: $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"; \
	start=$$(date +%s); rc=0; \
	cd $(REPO_ROOT) && $(NOX) --non-interactive -j $(NOX_JOBS) --report $(NOX_REPORT) $(NOX_ARGS) 2>&1 | tee $(NOX_LOG) || rc=$$?; \
	echo "make test: $$(( $$(date +%s) - start ))s wall time, load average at end: $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"; \
	if [ -f $(NOX_REPORT) ]; then $(NOX_VENV)/bin/python $(REPO_ROOT)/tools/nox_report.py $(NOX_REPORT) $(NOX_LOG); \
	else echo "make test: nox wrote no report (exit $$rc)"; fi; \
	exit $$rc

sessions: $(NOX_STAMP) ## nox --list: every session, those make test runs marked with *
	@cd $(REPO_ROOT) && $(NOX) --list

sanity: $(NOX_STAMP) ## ansible-test sanity on every core, or CORE=2.19 (no ignore files; HOME is .nox/.cache/...)
	cd $(REPO_ROOT) && $(NOX) -j $(NOX_JOBS) $(NOX_ARGS) -s $(foreach c,$(SELECTED_CORES),ansible-test-sanity-$(c))

units: $(NOX_STAMP) ## ansible-test units on every core (or CORE=...), on each core's oldest and newest controller Python
	cd $(REPO_ROOT) && $(NOX) -j $(NOX_JOBS) $(NOX_ARGS) -s $(foreach c,$(SELECTED_CORES),ansible-test-units-$(c))

targets: $(NOX_STAMP) ## ansible-test integration targets (tests/integration/targets) on every core (or CORE=...)
	cd $(REPO_ROOT) && $(NOX) -j $(NOX_JOBS) $(NOX_ARGS) -s $(foreach c,$(SELECTED_CORES),ansible-test-integration-$(c))

integration: $(NOX_STAMP) ## the pytest integration suite on every core (or CORE=...); pytest arguments after NOX_ARGS='-- ...'
	cd $(REPO_ROOT) && $(NOX) -j $(NOX_JOBS) -s $(foreach c,$(SELECTED_CORES),integration-$(c)) $(NOX_ARGS)

lint: $(NOX_STAMP) ## ruff, yamllint, mypy, ansible-lint (production profile), extra checks, licences, docs lint
	cd $(REPO_ROOT) && $(NOX) -j $(NOX_JOBS) $(NOX_ARGS) -s lint ansible-lint extra-checks license-check docs-check

docs: $(NOX_STAMP) ## HTML docs with antsibull-docs + Sphinx -> docs/build/build/html (offline)
	cd $(REPO_ROOT) && $(NOX) $(NOX_ARGS) -s docs-html

# ---------------------------------------------------------------- packaging, demo

build: $(VENV_STAMP) ## ansible-galaxy collection build -> build/<ns>-<name>-<version>.tar.gz (files git knows)
	@$(REPO_ROOT)/tools/collection_tree.sh $(COLL_ROOT) >/dev/null
	cd $(TREE) && $(VENV_BIN)/ansible-galaxy collection build --force --output-path $(BUILD_DIR)

demo: build ## build and install the collection, run cisco.thousandeyes.create_snapshot on the simulator, print the link
	VENV_BIN=$(VENV_BIN) $(REPO_ROOT)/tools/demo.sh

BENCH_ARGS :=
bench: $(VENV_STAMP) ## performance benchmark: tests/perf/bench.py [BENCH_ARGS=...] (not part of make test)
	cd $(REPO_ROOT) && $(VENV_BIN)/python tests/perf/bench.py $(BENCH_ARGS)

clean: ## remove build/, docs/build/ and tests/output/ (keeps the venvs and the .nox caches)
	rm -rf $(BUILD_DIR) $(REPO_ROOT)/docs/build $(REPO_ROOT)/tests/output

distclean: clean ## also remove .nox (session venvs, ansible-test's venvs and caches) and the venvs
	rm -rf $(REPO_ROOT)/.nox $(NOX_VENV) $(VENV)
