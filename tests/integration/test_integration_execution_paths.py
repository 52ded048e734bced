# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The collection's action plugins run a module's logic in the controller when the task's target is local, and execute
# the module on the target otherwise. Each behaviour users rely on, through both paths, with the same outcome:
# validation and its messages, aliases, environment fallbacks (the task's environment keyword, empty values),
# module_defaults and the action group, check mode and diff, no_log masking at -vvvv, warnings and deprecations,
# failures as data, the registered result and ansible_facts, fact caching, and delegate_to in both directions.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import importlib.util
import json
import os
import re
import subprocess
import sys
import time

import pytest

from harness import BIN, PlaybookRunner, ansible_warnings
from path_results import CONNECTION_PLUGINS, keep_results, normalised

# The two paths: a local target (the controller runs the logic) and a target reached through a connection that is not
# local (Ansible ships the module and runs it in a new process).
PATHS = {"controller": "local", "module": "target_process"}
HTTP_TEST = "281474976710708"
# ansible-core 2.22 masks registered secrets in what it shows (ansible.module_utils.secrets), not in the results.
SECRETS_MASKED_WHERE_SHOWN = importlib.util.find_spec("ansible.module_utils.secrets") is not None
# noc-token is the exception: it comes through a task's environment keyword, which Ansible itself prints at -vvv.
SECRETS = ("simulator-token", "simulator-basic-token", base64.b64encode(b"admin@example.com:simulator-basic-token").decode())


# Two active alerts as GET /v7/alerts lists them (thousandeyes-sdk-alerts models/alert.py), for POST /_sim/alerts.
ALERTS = ({"id": "paths-1", "alertType": "page-load", "startDate": "2026-11-26T04:00:00Z",
           "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/" + HTTP_TEST}}},
          {"id": "paths-2", "alertType": "agent", "startDate": "2026-11-26T05:00:00Z"})


def inventory(tmp_path, path, extra_hosts=""):
    filename = tmp_path / ("inventory-%s.ini" % path)
    filename.write_text("localhost ansible_connection=%s ansible_python_interpreter=%s\n%s" % (PATHS[path], sys.executable, extra_hosts))
    return str(filename)


def run(runner, tmp_path, path, playbook, extra_vars=None, verbosity=3, env=None, extra_hosts="", check=False):
    settings = {"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS}
    settings.update(env or {})
    return runner.run(playbook, extra_vars, inventory=inventory(tmp_path, path, extra_hosts), verbosity=verbosity, env=settings, check=check)


def ran_as_module(output, module):
    """Whether Ansible shipped the module (its payload appears in -vvv output) rather than running it in the controller."""
    return ("AnsiballZ_%s.py" % module) in output


def warning_texts(result):
    return [item if isinstance(item, str) else str((item.get("event") or {}).get("msg") or item) for item in result.get("warnings", [])]


@pytest.fixture(scope="module")
def both_paths(collections_path, tmp_path_factory, simulator):
    """execution_paths.yml through each path, at -vvvv, against the simulator."""
    outcome = {}
    now = int(time.time()) // 60 * 60
    window = {"te_start": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now - 7200)),
              "te_end": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(now))}
    for path in PATHS:
        simulator.reset(snapshot_quota={"limit": 100, "period": 300})
        for alert in ALERTS:
            simulator.admin("POST", "alerts", alert)
        work = tmp_path_factory.mktemp("paths-%s" % path)
        runner = PlaybookRunner(collections_path, simulator.url, str(work))
        # 2.21 adds the invocation (the options as the module saw them, masked) only when asked; older cores always do.
        played = run(runner, work, path, "execution_paths.yml", window, verbosity=4, env={"ANSIBLE_INJECT_INVOCATION": "1"})
        assert played.rc == 0, played.output[-5000:]
        outcome[path] = {"results": played["paths"], "output": played.output, "snapshots": simulator.snapshots(),
                         "requests": simulator.requests()}
    return outcome


@pytest.mark.parametrize("path", sorted(PATHS))
def test_each_path_is_the_one_taken(both_paths, path):
    output = both_paths[path]["output"]
    assert ran_as_module(output, "snapshot") is (path == "module")
    assert ran_as_module(output, "test_info") is (path == "module")
    assert ran_as_module(output, "alert_info") is (path == "module")
    assert ran_as_module(output, "dashboard_snapshot") is (path == "module")
    assert ran_as_module(output, "dashboard_snapshot_info") is (path == "module")


@pytest.mark.parametrize("task", ["by_id", "by_name", "unsupported", "choice", "type", "own_checks", "alias_twice", "environment",
                                  "module_defaults", "check", "warnings", "unauthorized", "year_1", "year_9999", "alerts",
                                  "evidence_first", "evidence_again"])
def test_every_task_gives_the_same_result_both_ways(both_paths, task):
    controller, module = (both_paths[path]["results"][task] for path in ("controller", "module"))
    controller, module = normalised(controller), normalised(module)
    assert controller == module


DASHBOARD_TASKS = ("dash_create", "dash_again", "dash_expiry", "dash_info", "dash_absent", "dash_v6")


def without_snapshot_ids(results):
    """The dashboard results with each path's own snapshot ID (a random UUID) and dates replaced, to compare the paths."""
    text = json.dumps([results[task] for task in DASHBOARD_TASKS], sort_keys=True)
    for snapshot_id in set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text)):
        text = text.replace(snapshot_id, "SNAPSHOT-ID")
    return normalised(json.loads(re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", "DATE", text)))


def test_dashboard_snapshots_give_the_same_results_both_ways(both_paths):
    controller, module = (without_snapshot_ids(both_paths[path]["results"]) for path in ("controller", "module"))
    assert controller == module


@pytest.mark.parametrize("path", sorted(PATHS))
def test_dashboard_snapshot_behaviours_both_ways(both_paths, path):
    results = both_paths[path]["results"]
    created, again, expiry = results["dash_create"], results["dash_again"], results["dash_expiry"]
    assert created["changed"] and created["diff"]["before"] == {} and created["dashboard_snapshot"]["dashboard_title"] == "Production Overview"
    assert created["ansible_facts"]["thousandeyes_dashboard_snapshot"]["id"] == created["dashboard_snapshot"]["id"]
    assert not again["changed"] and again["dashboard_snapshot"]["id"] == created["dashboard_snapshot"]["id"]
    assert expiry["changed"] and expiry["request"]["method"] == "PATCH"
    assert expiry["diff"]["before"]["expires"] != expiry["diff"]["after"]["expires"]
    assert [item["id"] for item in results["dash_info"]["dashboard_snapshots"]] == [created["dashboard_snapshot"]["id"]]
    assert results["dash_absent"]["changed"] and results["dash_absent"]["deleted"] == [created["dashboard_snapshot"]["id"]]
    assert results["dash_v6"]["failed"] and "API v7 only" in results["dash_v6"]["msg"]


@pytest.mark.parametrize("path", sorted(PATHS))
def test_behaviours_both_ways(both_paths, path):
    results = both_paths[path]["results"]

    by_id = results["by_id"]
    assert by_id["changed"] and not by_id.get("failed"), by_id
    assert by_id["request"]["url"].endswith("/v7/tests/%s/snapshot?aid=1234" % HTTP_TEST)
    assert by_id["snapshot"]["public"] and by_id["snapshot"]["share_url"]
    assert by_id["ansible_facts"]["thousandeyes_snapshot"] == by_id["snapshot"]
    assert results["by_name"]["snapshot"]["source_test_id"] == "281474976710709"

    assert results["unsupported"]["msg"].startswith("Unsupported parameters for (cisco.thousandeyes.snapshot) module: foo.")
    assert results["choice"]["msg"] == "value of api_version must be one of: v7, v6, got: v8"
    assert "argument 'hours' is of type" in results["type"]["msg"] and "convert to int" in results["type"]["msg"]
    assert results["own_checks"]["msg"].startswith("Option test_id must be digits only")

    assert "Both option account_group_id and its alias aid are set." in warning_texts(results["alias_twice"])
    assert results["environment"]["snapshot"]["source_test_id"] == "281474976710722", results["environment"]
    assert [test["test_id"] for test in results["module_defaults"]["tests"]] == ["281474976710721"]

    check = results["check"]
    assert check["changed"] and check["snapshot"]["id"] is None and check["diff"]["before"] == {}
    assert "ansible_facts" not in check

    assert any(text.startswith("validate_certs=false") for text in warning_texts(results["warnings"])), results["warnings"]
    assert "[DEPRECATION WARNING]: API v6 is deprecated by ThousandEyes" in both_paths[path]["output"]

    unauthorized = results["unauthorized"]
    assert unauthorized["failed"] and unauthorized["status"] == 401 and unauthorized["error"]["title"] == "invalid_token"
    assert "Traceback" not in unauthorized["msg"]

    for task, option, words in (("year_1", "end", "Option end: 0001-01-01 00:30:00 UTC is before 1970-01-01 00:00:00 UTC: "),
                                ("year_9999", "start", "Option start: 9999-12-31 23:30:00 UTC is in the future")):
        assert results[task]["failed"] and results[task]["option"] == option, results[task]
        assert results[task]["msg"].startswith(words) and "Accepted range: from 1970-01-01 00:00:00 UTC to now (" in results[task]["msg"]

    alerts = results["alerts"]
    assert [(item["alert_id"], item["test_name"], item["snapshot_supported"]) for item in alerts["alerts"]] == [
        ("paths-1", "Corporate Website", True), ("paths-2", None, False)]
    assert alerts["pages"] == 2 and not alerts["changed"]

    first, again = results["evidence_first"], results["evidence_again"]
    assert first["changed"] and first["evidence"]["existing"] == "created", first
    assert not again["changed"] and again["evidence"]["existing"] == "found", again
    assert again["snapshot"]["test_id"] == first["snapshot"]["test_id"] and again["snapshot"]["display_name"] == first["snapshot"]["display_name"]

    # The fact is the last real snapshot (check mode left it alone).
    assert results["fact"]["source_test_id"] == "281474976710708"
    # Only the simulator was asked, and only what was meant: by ID, by name (GET, POST), the evidence made once (GET, POST,
    # then GET), fallbacks (GET, POST), v6 POST.
    assert len(both_paths[path]["snapshots"]) == 5


@pytest.mark.parametrize("path", sorted(PATHS))
def test_no_secret_in_the_output_at_vvvv(both_paths, path):
    output = both_paths[path]["output"]
    for secret in SECRETS:
        assert secret not in output
    # The options are in the output (the invocation, shown at -vvv), with the token masked: up to ansible-core 2.21
    # the module removes it from its result; from 2.22 Ansible masks every registered secret where it shows it, and
    # the registered result holds the options as the module got them (core's own modules do the same).
    # (Up to 2.21 the registered result may have no invocation: that of 2.16 has none.)
    invocation = both_paths[path]["results"]["warnings"].get("invocation")
    if SECRETS_MASKED_WHERE_SHOWN:
        assert '"token": "$REDACTED$"' in output and "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" not in output
        assert invocation["module_args"]["token"] == "simulator-basic-token"
    else:
        assert '"token": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"' in output
        if invocation:
            assert invocation["module_args"]["token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


CLEAN_PLAY = """---
- name: Each module as users run it most
  hosts: localhost
  gather_facts: false
  tasks:
    - name: A snapshot
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        test_id: "281474976710708"
        hours: 1
      register: te_snapshot

    - name: The tests
      cisco.thousandeyes.test_info:
        api_url: "{{ te_api_url }}"
      register: te_tests

    - name: The active alerts
      cisco.thousandeyes.alert_info:
        api_url: "{{ te_api_url }}"
      register: te_alerts
""" + keep_results("snapshot", "tests", "alerts")


@pytest.mark.parametrize("path", sorted(PATHS))
def test_no_warning_of_any_kind_on_a_plain_run_at_vvvv(runner, sim, tmp_path, path):
    # Nothing here calls for a warning: any [WARNING] or [DEPRECATION WARNING] (such as ansible-core 2.22's for the
    # remove_values() the controller path used) would show on every user's run.
    sim.admin("POST", "alerts", ALERTS[0])
    playbook = tmp_path / "clean.yml"
    playbook.write_text(CLEAN_PLAY)
    played = runner.run(None, {}, playbook_path=str(playbook), inventory=inventory(tmp_path, path), verbosity=4,
                        env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS, "ANSIBLE_INJECT_INVOCATION": "1"})
    assert played.rc == 0, played.output[-5000:]
    assert ran_as_module(played.output, "snapshot") is (path == "module")
    assert ansible_warnings(played.output) == []
    for name in ("snapshot", "tests", "alerts"):
        assert not played[name].get("warnings") and not played[name].get("deprecations"), played[name]
    assert played["snapshot"]["changed"] and [alert["alert_id"] for alert in played["alerts"]["alerts"]] == ["paths-1"]
    assert "simulator-token" not in played.output


@pytest.mark.parametrize("path", sorted(PATHS))
def test_the_fact_is_cached_both_ways(runner, sim, tmp_path, path):
    cache = {"ANSIBLE_CACHE_PLUGIN": "ansible.builtin.jsonfile", "ANSIBLE_CACHE_PLUGIN_CONNECTION": str(tmp_path / "facts"),
             "ANSIBLE_GATHERING": "explicit"}
    real = run(runner, tmp_path, path, "check_mode_keeps_fact.yml", {"te_phase": "real"}, env=cache)
    assert real.rc == 0, real.output
    assert len(sim.snapshots()) == 1
    # A whole check run (an AWX "Check" job), then a run that only reads the cached fact: the check left it alone.
    checked = run(runner, tmp_path, path, "check_mode_keeps_fact.yml", {"te_phase": "check"}, env=cache, check=True)
    assert checked.rc == 0, checked.output
    assert checked["fact"]["id"] == real["fact"]["id"] == sim.snapshots()[0]["id"]
    assert checked["fact"]["source_test_id"] == HTTP_TEST
    assert len(sim.snapshots()) == 1


DELEGATION = """---
- name: Delegation
  hosts: "{{ te_play_host }}"
  gather_facts: false
  tasks:
    - name: Snapshot, delegated
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        test_id: "281474976710708"
        hours: 1
      delegate_to: "{{ te_delegate_to }}"
      register: te_delegated

    - name: Keep the result
      ansible.builtin.copy:
        content: "{{ te_delegated | to_json }}"
        dest: "{{ te_results_dir }}/delegated.json"
        mode: "0600"
      delegate_to: localhost
"""


@pytest.mark.parametrize("play_host, delegate_to, expected", [
    ("localhost", "remote", "module"),
    ("remote", "localhost", "controller"),
], ids=["from localhost to a remote host", "from a remote host to localhost"])
def test_delegate_to_decides_the_path(runner, sim, tmp_path, play_host, delegate_to, expected):
    playbook = tmp_path / "delegation.yml"
    playbook.write_text(DELEGATION)
    remote = "remote ansible_connection=target_process ansible_python_interpreter=%s\n" % sys.executable
    played = runner.run(None, {"te_play_host": play_host, "te_delegate_to": delegate_to}, playbook_path=str(playbook),
                        inventory=inventory(tmp_path, "controller", remote), verbosity=3,
                        env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS})

    assert played.rc == 0, played.output
    assert played["delegated"]["changed"] and played["delegated"]["snapshot"]["source_test_id"] == "281474976710708"
    assert ran_as_module(played.output, "snapshot") is (expected == "module")
    assert len(sim.snapshots()) == 1


VAULTED = """---
- name: A vaulted token
  hosts: localhost
  gather_facts: false
  vars:
    te_token: !vault |
%s
  tasks:
    - name: Snapshot with the vaulted token
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        token: "{{ te_token }}"
        test_id: "281474976710708"
        hours: 1
      register: te_vaulted

    - name: Keep the result
      ansible.builtin.copy:
        content: "{{ te_vaulted | to_json }}"
        dest: "{{ te_results_dir }}/vaulted.json"
        mode: "0600"
"""


@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_vaulted_token_works_and_stays_hidden_both_ways(runner, sim, tmp_path, path):
    password = tmp_path / "vault-password"
    password.write_text("collection-test-vault-password\n")
    encrypted = subprocess.run([os.path.join(BIN, "ansible-vault"), "encrypt_string", "--vault-password-file", str(password),
                                "simulator-token"], stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout
    body = "\n".join("      " + line.strip() for line in encrypted.splitlines() if line.strip() and not line.strip().startswith("!vault"))
    playbook = tmp_path / "vaulted.yml"
    playbook.write_text(VAULTED % body)
    played = runner.run(None, {}, playbook_path=str(playbook), inventory=inventory(tmp_path, path), verbosity=4, token=None,
                        env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS, "ANSIBLE_VAULT_PASSWORD_FILE": str(password)})

    assert played.rc == 0, played.output
    assert played["vaulted"]["changed"] and len(sim.snapshots()) == 1
    assert "simulator-token" not in played.output
    assert ran_as_module(played.output, "snapshot") is (path == "module")


# An OpenSSL configuration that only a process starting with it honours: TLS signatures limited to Ed25519, which the
# simulator's RSA certificate cannot give, so the handshake fails. (The system_default section is how OpenSSL 1.1.1
# and 3 apply settings to every TLS context: https://docs.openssl.org/3.0/man5/config/, "SSL Configuration Module".)
STRICT_OPENSSL_CONF = """openssl_conf = openssl_init

[openssl_init]
ssl_conf = ssl_sect

[ssl_sect]
system_default = system_default_sect

[system_default_sect]
SignatureAlgorithms = ed25519
"""

OPENSSL_PLAY = """---
- name: A per-task OpenSSL setting
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Without it
      cisco.thousandeyes.test_info:
        api_url: "{{ te_api_url }}"
        ca_path: "{{ te_ca }}"
      register: te_plain

    - name: With OPENSSL_CONF in the task's environment
      cisco.thousandeyes.test_info:
        api_url: "{{ te_api_url }}"
        ca_path: "{{ te_ca }}"
      environment:
        OPENSSL_CONF: "{{ te_openssl_conf }}"
      register: te_openssl
      ignore_errors: true
""" + keep_results("plain", "openssl")


@pytest.fixture(scope="module")
def openssl_conf_both_ways(collections_path, tls_simulator, certificates, tmp_path_factory):
    outcome = {}
    for path in PATHS:
        work = tmp_path_factory.mktemp("openssl-%s" % path)
        (work / "strict-openssl.cnf").write_text(STRICT_OPENSSL_CONF)
        playbook = work / "openssl.yml"
        playbook.write_text(OPENSSL_PLAY)
        runner = PlaybookRunner(collections_path, tls_simulator.url, str(work))
        outcome[path] = runner.run(None, {"te_ca": certificates["ca"], "te_openssl_conf": str(work / "strict-openssl.cnf")},
                                   playbook_path=str(playbook), inventory=inventory(work, path), verbosity=3,
                                   env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS})
    return outcome


@pytest.mark.parametrize("path", sorted(PATHS))
def test_openssl_conf_in_the_task_environment_is_honoured_both_ways(openssl_conf_both_ways, path):
    played = openssl_conf_both_ways[path]
    assert played.rc == 0, played.output[-5000:]
    assert not played["plain"].get("failed"), played["plain"]
    openssl = played["openssl"]
    assert openssl["failed"] and openssl["msg"].startswith("TLS connection to https://127.0.0.1:"), openssl
    assert "HANDSHAKE_FAILURE" in openssl["msg"].upper(), openssl["msg"]
    # The controller cannot apply OPENSSL_CONF to the OpenSSL it has already set up: that task ran as a module.
    assert ran_as_module(played.output, "test_info")
    said = ("cisco.thousandeyes.test_info runs as a module: the task's environment sets OPENSSL_CONF, which only a new process "
            "honours.")
    assert (said in played.output) is (path == "controller")


def test_openssl_conf_gives_the_same_result_both_ways(openssl_conf_both_ways):
    controller, module = (normalised(openssl_conf_both_ways[path]["openssl"]) for path in ("controller", "module"))
    assert controller == module


SURROGATE_PLAY = """---
- name: An API answer with a lone surrogate
  hosts: localhost
  gather_facts: false
  tasks:
    - name: List the tests
      cisco.thousandeyes.test_info:
        api_url: "{{ te_api_url }}"
      register: te_surrogate
      ignore_errors: true

    - name: Keep the result
      ansible.builtin.copy:
        content: "{{ te_surrogate | to_json }}"
        dest: "{{ te_results_dir }}/surrogate.json"
        mode: "0600"
"""
# GET /v7/tests in the shape of the simulator's own answer (tests/simulator/v7.py, the tests list), with a test name
# that JSON can carry but that is not text: a UTF-16 surrogate on its own.
SURROGATE_TESTS = ('{"tests": [{"testId": "281474976710708", "testName": "Check\\ud800out", "type": "http-server", '
                   '"interval": 60, "enabled": true, "savedEvent": false}], "_links": {"self": {"href": "/v7/tests"}}}')


def test_a_lone_surrogate_in_one_listed_test_affects_that_test_only_the_same_way_both_ways(collections_path, simulator, tmp_path):
    # Issue 23: the whole listing once failed ("a lone UTF-16 surrogate in tests[0].testName"); the test is listed with
    # the character written as an escape, and a warning says where.
    results, warned = {}, {}
    for path in PATHS:
        simulator.reset()
        simulator.script({"kind": "respond", "status": 200, "body": SURROGATE_TESTS, "content_type": "application/hal+json",
                          "match": {"method": "GET"}})
        work = tmp_path / path
        work.mkdir()
        playbook = work / "surrogate.yml"
        playbook.write_text(SURROGATE_PLAY)
        played = PlaybookRunner(collections_path, simulator.url, str(work)).run(
            None, {}, playbook_path=str(playbook), inventory=inventory(work, path), verbosity=3, env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS})
        assert played.rc == 0, played.output[-5000:]
        assert ran_as_module(played.output, "test_info") is (path == "module")
        results[path] = played["surrogate"]
        warned[path] = "a lone UTF-16 surrogate in tests[0].testName); that test is listed" in " ".join(played.output.split()) or any(
            "tests[0].testName" in str(warning) for warning in played["surrogate"].get("warnings", []))
    assert not results["controller"].get("failed"), results
    assert [(test["test_id"], test["name"]) for test in results["controller"]["tests"]] == [("281474976710708", "Check\\ud800out")]
    assert warned == {"controller": True, "module": True}
    assert normalised(results["controller"]) == normalised(results["module"])
