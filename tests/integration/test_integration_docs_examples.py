# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The documentation's examples, run as written: every module's EXAMPLES and every YAML example in README.md, each
# as a play against the API simulator (whose data carries the names they use), and linted with ansible-lint's
# production profile plus its args rule, so the docs cannot drift from what works.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import ast
import glob
import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from alert_events import payload
from harness import BIN, REPO_ROOT, modules_only_collection

MODULES = sorted(os.path.splitext(os.path.basename(path))[0] for path in glob.glob(os.path.join(REPO_ROOT, "plugins", "modules", "*.py")))
# The secrets the examples name, as a vault would hold them: the simulator's tokens.
EXAMPLE_VARS = {"vault_thousandeyes_token": "simulator-token", "vault_thousandeyes_basic_token": "noc-basic-token"}


def alert_event():
    """What ansible-rulebook hands a playbook: the sample ThousandEyes webhook body as ansible_eda.event, started 90 minutes ago."""
    return {"ansible_eda": {"event": {"payload": payload(started_ago=90 * 60), "meta": {"endpoint": "", "headers": {}}}}}


# What an example needs from around it: the survey answers snapshot_survey reads, the event alert_event reads.
MODULE_VARS = {"snapshot_survey": lambda: {"te_test_name": "Checkout API", "te_hours": "2"}, "alert_event": alert_event}
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.MULTILINE | re.DOTALL)
RECAP = re.compile(r"^localhost\s+: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.MULTILINE)


class IndentedDumper(yaml.SafeDumper):
    """Lists indented under their key, as yamllint (and ansible-lint) expect."""

    def increase_indent(self, flow=False, indentless=False):
        return super(IndentedDumper, self).increase_indent(flow, False)


def dump(playbook):
    return "---\n" + yaml.dump(playbook, Dumper=IndentedDumper, sort_keys=False, width=160)


def module_examples(module):
    with open(os.path.join(REPO_ROOT, "plugins", "modules", module + ".py")) as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "EXAMPLES":
            return yaml.safe_load(node.value.value)
    raise AssertionError("%s has no EXAMPLES" % module)


def readme_examples():
    with open(os.path.join(REPO_ROOT, "README.md")) as handle:
        return [yaml.safe_load(block) for block in YAML_BLOCK.findall(handle.read())]


def as_playbook(example, title):
    """An example as a playbook: a list of plays stays one, a list of tasks becomes one play."""
    if all(isinstance(item, dict) and "hosts" in item for item in example):
        return example
    return [{"name": title, "hosts": "localhost", "gather_facts": False, "tasks": example}]


def count_module_tasks(tasks, module):
    count = 0
    for task in tasks:
        count += count_module_tasks(task.get("block", []), module)
        count += 1 if "cisco.thousandeyes.%s" % module in task else 0
    return count


@pytest.fixture
def example_run(runner, sim, tmp_path):
    """Writes a playbook and runs it against the simulator with the examples' variables; returns (rc, output)."""
    inventory = tmp_path / "inventory.ini"
    inventory.write_text("localhost ansible_connection=local ansible_python_interpreter=%s\n" % sys.executable)
    # The examples create more snapshots than the default quota of 5 per 5 minutes lets through at once.
    sim.reset(snapshot_quota={"limit": 100, "period": 300})

    def run(playbook, extra_vars=None):
        path = tmp_path / "example.yml"
        path.write_text(dump(playbook))
        variables = dict(EXAMPLE_VARS, **(extra_vars or {}))
        env = runner.environment(extra={"THOUSANDEYES_API_URL": sim.url})
        completed = subprocess.run([os.path.join(BIN, "ansible-playbook"), str(path), "-i", str(inventory), "-e", json.dumps(variables)],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, timeout=300,
                                   cwd=str(tmp_path), check=False)
        return completed.returncode, completed.stdout

    return run


# The alert tests/simulator/README.md ("Alerts") shows how to add, for the examples that list alerts: on a fresh
# simulator they would find none and show nothing.
DOCUMENTED_ALERT = {"alertType": "http-server", "severity": "MAJOR", "startDate": "2026-01-15T09:00:00Z",
                    "_links": {"test": {"href": "/v7/tests/281474976710713"}}}
ALERT_MODULES = ("alert_info", "alert_snapshot_plan", "incident_survey")


@pytest.mark.parametrize("module", MODULES)
def test_the_examples_of_each_module_run_against_the_simulator(example_run, sim, module):
    examples = module_examples(module)
    if module in ALERT_MODULES:
        added = sim.admin("POST", "alerts", DOCUMENTED_ALERT)["alert"]
    rc, output = example_run(as_playbook(examples, "EXAMPLES of cisco.thousandeyes.%s" % module), MODULE_VARS.get(module, dict)())

    assert rc == 0, output
    if module == "alert_info":
        # The example's debug line names the alert and its test.
        assert "%s (http-server, major) on Checkout API" % added["id"] in output, output
    if module == "alert_snapshot_plan":
        assert len(sim.snapshots()) == 1 and sim.snapshots()[0]["source_test_id"] == "281474976710713", output
    recaps = RECAP.findall(output)
    assert recaps and all(int(failed) == 0 and int(unreachable) == 0 for ok, changed, unreachable, failed in recaps), output
    # Nothing went anywhere but the simulator (the only API these runs can reach).
    assert sim.requests(), output
    if module == "snapshot":
        assert len(sim.snapshots()) == count_module_tasks(examples, "snapshot")


def test_the_readme_examples_run_against_the_simulator(example_run, sim):
    examples = readme_examples()
    assert examples, "README.md has no ```yaml examples"
    for index, example in enumerate(examples):
        rc, output = example_run(as_playbook(example, "README example %d" % (index + 1)))
        assert rc == 0, output
    assert sim.snapshots()


LINT_CONFIG = """---
profile: production
offline: true
skip_action_validation: false
enable_list: [args]
"""


@pytest.fixture
def lint(runner, tmp_path):
    """ansible-lint (production profile and the args rule) on playbooks in a scratch project, with this collection."""
    ansible_lint = shutil.which("ansible-lint", path=BIN)
    if ansible_lint is None:
        pytest.skip("ansible-lint is installed in the venv of the default core only (tests/requirements-dev.txt)")
    project = tmp_path / "lint"
    project.mkdir()
    (project / ".ansible-lint").write_text(LINT_CONFIG)

    def run(playbooks, collections_path=None):
        names = []
        for name, playbook in playbooks.items():
            (project / name).write_text(dump(playbook))
            names.append(name)
        # No token in the environment, as where a linter usually runs (CI): the args rule applies env fallbacks.
        env = runner.environment(token=None)
        if collections_path:
            env["ANSIBLE_COLLECTIONS_PATH"] = collections_path
        completed = subprocess.run([ansible_lint, "--nocolor"] + names, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True, timeout=600, cwd=str(project), check=False)
        return completed.returncode, completed.stdout

    return run


def test_the_examples_pass_ansible_lint_production_with_the_args_rule(lint):
    playbooks = dict(("module_%s.yml" % module, as_playbook(module_examples(module), "EXAMPLES of cisco.thousandeyes.%s" % module))
                     for module in MODULES)
    for index, example in enumerate(readme_examples()):
        playbooks["readme_%d.yml" % (index + 1)] = as_playbook(example, "README example %d" % (index + 1))
    rc, output = lint(playbooks)
    assert rc == 0 and "0 failure(s), 0 warning(s)" in output, output


def test_the_args_rule_takes_a_token_from_the_environment_and_still_sees_a_real_mistake(lint, tmp_path):
    tasks = [{"name": "Token from the environment", "cisco.thousandeyes.snapshot": {"test_id": "1", "hours": 4}},
             {"name": "A real mistake", "cisco.thousandeyes.snapshot": {"test_id": "1", "hours": 4, "foo": 1}}]
    rc, output = lint({"token_from_env.yml": as_playbook(tasks, "Tokens")}, modules_only_collection(tmp_path / "modules-only"))
    findings = [line for line in output.splitlines() if line.startswith("args[")]
    # Only the mistake: before the token left the required options, every task without it was flagged.
    assert len(findings) == 1 and "Unsupported parameters" in findings[0] and "foo" in findings[0], output
