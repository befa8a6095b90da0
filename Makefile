# atlas_ops.admin — development commands. `make help` lists them.
#
# Every target that needs tools depends on `venv`, so `make test` and `make demo` work as the first
# command on a fresh clone. Checks that need the collection at .../ansible_collections/atlas_ops/admin
# run from a temporary copy made by scripts/in-collection-tree (outside the repository); checks that
# need Atlas run against the simulator started by scripts/with-simulator.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

REPO := $(patsubst %/,%,$(dir $(abspath $(lastword $(MAKEFILE_LIST)))))
PYTHON ?= python3
VENV ?= $(REPO)/.venv
VENV_PYTHON := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.atlas-ops-requirements.stamp
REQUIREMENT_FILES := $(REPO)/requirements.txt $(REPO)/requirements-dev.txt $(REPO)/constraints-dev.txt $(REPO)/simulator/pyproject.toml

# The Python version ansible-test runs with (always passed: otherwise it tries every interpreter it finds).
ANSIBLE_TEST_PYTHON ?= 3.11
# Output dir of `make build`.
BUILD_DIR ?= $(REPO)/build
# Simulator arguments for integration and molecule: check every answer against the spec too (a
# violation is a simulator bug and fails the run). An ATLAS_SIM_ARGS in the environment wins.
ATLAS_SIM_TEST_ARGS ?= --validate-responses
# Extra arguments for ansible-test integration (e.g. a target name, -v) and for pytest.
INTEGRATION_ARGS ?=
PYTEST_ARGS ?=
# Test steps of `make test`; after the first failure no other step starts. integration, molecule and demo
# each run twice: the modules inside the controller and as module processes (the opt-out); integration
# and molecule run the two side by side (scripts/both-ways; BOTH_WAYS_PARALLEL=0 runs them in turn).
TEST_STEPS ?= changelog units compat integration molecule demo sanity lint build galaxy-importer ee-introspect simulator-recipe
# make test runs TEST_STEPS in two lanes side by side (scripts/run-test-lanes): these steps in the
# second lane, the others in the first, each lane in TEST_STEPS' order. A step's output is printed
# whole when it ends. TEST_LANES=1 runs every step in one lane.
# The lanes take about as long as each other on 2 cores (compat and molecule against units,
# integration and sanity).
TEST_SECOND_LANE ?= changelog compat molecule lint simulator-recipe
TEST_LANES ?= 2
ifeq ($(TEST_LANES),1)
TEST_LANE_ARGS = "$(TEST_STEPS)"
else
TEST_LANE_ARGS = "$(filter-out $(TEST_SECOND_LANE),$(TEST_STEPS))" "$(filter $(TEST_SECOND_LANE),$(TEST_STEPS))"
endif

IN_TREE := $(REPO)/scripts/in-collection-tree
WITH_SIM := $(REPO)/scripts/with-simulator
# Integration and molecule run their two passes (in-process, module processes) side by side.
BOTH_WAYS := $(REPO)/scripts/both-ways

# Tools from the project's virtualenv come first for every recipe and for the scripts they run.
export PATH := $(VENV)/bin:$(PATH)
export ATLAS_PYTHON := $(VENV_PYTHON)
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# The published Atlas Admin API spec the simulator and the tests check against (MongoDB's, not in this
# repository): simulator/atlas_simulator/spec_source.py fetches the pinned file once into
# ~/.cache/atlas_ops.admin/openapi and verifies its sha256 on every use. Standard library only, so it
# runs before the venv exists. ATLAS_OPENAPI_SPEC / ATLAS_OPENAPI_URL choose another source (README).
SPEC_SOURCE := $(REPO)/simulator/atlas_simulator/spec_source.py

.PHONY: help venv spec units sanity integration molecule lint build test demo bench clean distclean ansible-test-bootstrap galaxy-importer ee-introspect simulator-recipe changelog release compat

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sort | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

venv: $(VENV_STAMP) ## Create .venv and install the pinned tools (only when the requirements changed)
	@:

$(VENV_STAMP): $(REQUIREMENT_FILES)
	@if [ ! -x "$(VENV_PYTHON)" ]; then \
	    echo "== venv: creating $(VENV) with $$($(PYTHON) --version 2>&1)"; \
	    $(PYTHON) -m venv "$(VENV)"; \
	fi
	@# pip is quiet for a minute on a first run: name each package as pip collects it, on one line.
	@echo "== venv: installing the pinned tools of requirements.txt and requirements-dev.txt and the simulator (simulator/, editable) into $(VENV)"
	@echo "== venv: (about a minute the first time, seconds later; pip's errors and warnings show as they come)"
	@started=$$SECONDS; \
	"$(VENV_PYTHON)" -m pip install --progress-bar off -r "$(REPO)/requirements.txt" -r "$(REPO)/requirements-dev.txt" \
	    -c "$(REPO)/constraints-dev.txt" -e "$(REPO)/simulator" | \
	    awk '/^Collecting /{ printf "%s%s", (n++ ? " " : "   collecting: "), $$2; fflush() } END { if (n) print "" }'; \
	echo "== venv: ready in $$(( SECONDS - started )) s"
	@touch "$@"

spec: ## Fetch (once) and verify the published Atlas OpenAPI spec the simulator and the tests use
	@"$(PYTHON)" "$(SPEC_SOURCE)" --quiet

# ansible-test downloads a pip bootstrap script from a host these machines cannot reach; give it an
# offline stand-in in its cache (~/.ansible/test/cache). It also makes an SSH key pair on its first
# run (~/.ansible/test/id_rsa{,.pub}), which two integration passes started together would both try:
# make it here first, as ansible-test does. Idempotent and fast.
ANSIBLE_TEST_KEY := $(HOME)/.ansible/test/id_rsa
ansible-test-bootstrap: venv
	@"$(VENV_PYTHON)" "$(REPO)/scripts/ansible_test_get_pip.py"
	@if [[ ! -f "$(ANSIBLE_TEST_KEY)" || ! -f "$(ANSIBLE_TEST_KEY).pub" ]]; then \
	    mkdir -p "$(dir $(ANSIBLE_TEST_KEY))" && rm -f "$(ANSIBLE_TEST_KEY)" "$(ANSIBLE_TEST_KEY).pub" && \
	    ssh-keygen -m PEM -q -t rsa -N '' -f "$(ANSIBLE_TEST_KEY)"; \
	fi

units: venv spec ## Unit tests (tests/unit and simulator/tests) with pytest
	"$(IN_TREE)" "$(REPO)/scripts/run-units" $(PYTEST_ARGS)

sanity: ansible-test-bootstrap ## ansible-test sanity from a temporary ansible_collections/atlas_ops/admin tree
	"$(IN_TREE)" ansible-test sanity --python "$(ANSIBLE_TEST_PYTHON)" --color no

integration: ansible-test-bootstrap spec ## ansible-test integration targets against the simulator, modules inside the controller and as module processes
	ANSIBLE_TEST_PYTHON="$(ANSIBLE_TEST_PYTHON)" ATLAS_SIM_ARGS="$${ATLAS_SIM_ARGS-$(ATLAS_SIM_TEST_ARGS)}" \
	    "$(BOTH_WAYS)" INTEGRATION_PASSES "$(WITH_SIM)" "$(IN_TREE)" "$(REPO)/scripts/run-integration" $(INTEGRATION_ARGS)

molecule: venv spec ## molecule test for every roles/*/molecule/* scenario, against the simulator, both ways
	ATLAS_SIM_ARGS="$${ATLAS_SIM_ARGS-$(ATLAS_SIM_TEST_ARGS)}" \
	    "$(BOTH_WAYS)" MOLECULE_PASSES "$(WITH_SIM)" "$(IN_TREE)" "$(REPO)/scripts/run-molecule"

lint: venv ## ansible-lint, production profile, offline
	"$(IN_TREE)" ansible-lint --offline --nocolor

build: venv ## Build the collection tarball into build/
	@mkdir -p "$(BUILD_DIR)"
	"$(IN_TREE)" ansible-galaxy collection build --force --output-path "$(BUILD_DIR)"
	@"$(REPO)/scripts/check-build" "$$(ls -t "$(BUILD_DIR)"/atlas_ops-admin-*.tar.gz | head -n 1)"

# From the repository itself, not a collection copy: it reads the git history since the last release.
changelog: venv ## Changelog fragments: antsibull-changelog lint, every module/plugin/role covered, every shipped change since the last release has a fragment
	"$(VENV_PYTHON)" "$(REPO)/scripts/check-changelog"

release: venv ## Cut the release of galaxy.yml's version: CHANGELOG.rst and changelogs/changelog.yaml from the fragments (docs/developing.md)
	@version=$$(sed -n 's/^version:[[:space:]]*//p' "$(REPO)/galaxy.yml"); \
	echo "== release: atlas_ops.admin $$version from $$(ls "$(REPO)"/changelogs/fragments/*.yml | wc -l) fragments"; \
	cd "$(REPO)" && antsibull-changelog release --version "$$version"
	"$(VENV_PYTHON)" "$(REPO)/scripts/check-changelog"
	@echo "== release: review CHANGELOG.rst and changelogs/changelog.yaml, then commit them with the removed fragments (git add -A changelogs CHANGELOG.rst)"

galaxy-importer: venv ## galaxy-importer (offline) on a freshly built tarball: what Galaxy / Automation Hub check on upload
	"$(IN_TREE)" "$(REPO)/scripts/run-galaxy-importer"

ee-introspect: venv ## ansible-builder introspect on the installed collection: the execution environment requirements
	"$(IN_TREE)" "$(REPO)/scripts/run-ee-introspect"

test: venv spec ansible-test-bootstrap ## All checks: changelog units integration molecule demo sanity lint build galaxy-importer ee-introspect simulator-recipe compat, in two lanes side by side
	@"$(REPO)/scripts/run-test-lanes" $(TEST_LANE_ARGS)

demo: venv spec ## Build and install the collection, start the simulator, run playbooks/demo.yml (both ways)
	"$(WITH_SIM)" "$(IN_TREE)" "$(REPO)/scripts/run-demo"

compat: venv spec ## The ansible-core version matrix (tests/compat/matrix.txt): units, every module in-process and as module processes, sanity, per version
	ATLAS_SIM_ARGS="$${ATLAS_SIM_ARGS-$(ATLAS_SIM_TEST_ARGS)}" "$(WITH_SIM)" "$(IN_TREE)" "$(REPO)/scripts/run-compat"

simulator-recipe: venv spec ## The simulator's "your own CI" recipe (docs/simulator.md) end to end, from a fresh virtualenv
	"$(IN_TREE)" "$(REPO)/scripts/run-simulator-recipe"

bench: venv spec ## Benchmarks (benchmarks/run or benchmarks/bench_*.py) against the simulator
	"$(WITH_SIM)" "$(IN_TREE)" "$(REPO)/scripts/run-bench"

clean: ## Remove build output and local test state (keeps .venv)
	rm -rf "$(BUILD_DIR)" "$(REPO)/tests/output" "$(REPO)/.pytest_cache" "$(REPO)/.ansible" "$(REPO)/collections" \
	    "$(REPO)/tests/integration/integration_config.yml"
	find "$(REPO)" -path "$(VENV)" -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf "$(VENV)" "$(REPO)/.venv-compat"
