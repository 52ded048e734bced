# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Property-based conformance: schemathesis (st run) drives the simulator from its own OpenAPI
# description (openapi.json, the file /_sim/openapi.json serves) with the checks not_a_server_error, status_code_conformance,
# content_type_conformance, response_headers_conformance, response_schema_conformance,
# negative_data_rejection and unsupported_method, none turned off, seeded and bounded by
# conformance/schemathesis.toml. The simulator runs as its command line starts it, with its
# limits loosened so that quotas do not answer in place of the code under test; the hooks in
# conformance/hooks.py reset it after every call. Any failing check fails this test.

import collections
import importlib.util
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from .support import SERVER_PATH, SIMULATOR_DIR, ensure_stopped

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "conformance", "schemathesis.toml")
HOOKS = os.path.join(HERE, "conformance", "hooks.py")
DESCRIPTION = os.path.join(SIMULATOR_DIR, "openapi.json")
BANNER = "ThousandEyes API simulator listening on "
LOOSE_LIMITS = ["--snapshot-quota", "1000000", "--dashboard-snapshot-quota", "1000000", "--request-limit", "1000000", "--unauthorized-threshold", "1000000"]
CHECKS = ("not_a_server_error", "status_code_conformance", "content_type_conformance", "response_headers_conformance",
          "response_schema_conformance", "negative_data_rejection", "unsupported_method")
# A guard against a hung run only; the run is bounded by max-examples in schemathesis.toml (about 20 s here).
RUN_TIMEOUT = 300


def schemathesis_command():
    if importlib.util.find_spec("schemathesis") is None:
        pytest.fail("schemathesis is not installed: pip install -r tests/requirements-dev.txt")
    return [os.path.join(os.path.dirname(sys.executable), "st")]


@pytest.fixture
def simulator_process():
    process = subprocess.Popen([sys.executable, SERVER_PATH, "--port", "0", "--seed", "7"] + LOOSE_LIMITS,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    try:
        banner = process.stdout.readline()
        assert banner.startswith(BANNER), banner + process.stderr.read()
        yield banner[len(BANNER):].strip()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        ensure_stopped(process)


def run_schemathesis(url, workdir):
    """st run against the simulator; returns (exit code, console output, JSON report, NDJSON events)."""
    reports = os.path.join(workdir, "reports")
    # Loaded from the file (test_openapi.py checks that the simulator serves it unchanged): st leaves out the
    # operation a description was fetched from, and GET /_sim/openapi.json is to be tested too.
    command = schemathesis_command() + ["--config-file", CONFIG, "--no-color", "run", DESCRIPTION, "--url", url,
                                        "--report", "json,ndjson", "--report-dir", reports]
    environment = dict(os.environ, SCHEMATHESIS_HOOKS=HOOKS)
    finished = subprocess.run(command, cwd=workdir, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, timeout=RUN_TIMEOUT, check=False)
    names = sorted(os.listdir(reports)) if os.path.isdir(reports) else []
    report = events = None
    for name in names:
        with open(os.path.join(reports, name), encoding="utf-8") as handle:
            if name.endswith(".ndjson"):
                events = [json.loads(line) for line in handle if line.strip()]
            elif name.endswith(".json"):
                report = json.load(handle)
    return finished.returncode, finished.stdout, report, events


def observed(events):
    """Per operation: the response statuses seen, and per check: how often it passed."""
    statuses = collections.defaultdict(collections.Counter)
    checks = collections.Counter()
    for event in events:
        finished = event.get("ScenarioFinished")
        if not finished:
            continue
        recorder = finished["recorder"]
        # A scenario the engine skipped (an operation without examples in the examples phase) records nothing.
        for interaction in recorder.get("interactions", {}).values():
            response = interaction.get("response")
            if response:
                statuses[recorder["label"]][response["status_code"]] += 1
        for results in recorder.get("checks", {}).values():
            for result in results:
                checks[(result["name"], result["status"])] += 1
    return statuses, checks


def test_simulator_conforms_to_its_openapi_description(simulator_process, tmp_path, capsys):
    started = time.time()
    exit_code, output, report, events = run_schemathesis(simulator_process, str(tmp_path))
    elapsed = time.time() - started
    assert report is not None and events is not None, output
    assert exit_code == 0 and report["exit_code"] == 0, output
    assert report["failures"] == [] and report["errors"] == [], output
    assert report["complete"] and report["stop_reason"] == "completed"
    with open(DESCRIPTION, encoding="utf-8") as handle:
        described = sum(len(item) for item in json.load(handle)["paths"].values())
    assert report["operations"]["tested"] == report["operations"]["total"] == described == 28
    for phase in ("examples", "coverage", "fuzzing"):
        assert report["phases"][phase]["status"] == "success", phase

    statuses, checks = observed(events)
    # Every listed check ran and passed, none failed.
    for name in CHECKS:
        assert checks[(name, "success")] > 0, name
    assert not [key for key in checks if key[1] == "failure"]
    # Authenticated runs reach the success paths of every API operation, not only its errors.
    for label, success in (("GET /v7/tests", 200), ("POST /v7/tests/{testId}/snapshot", 201), ("GET /v7/account-groups", 200),
                           ("GET /v7/alerts", 200), ("GET /v7/dashboards", 200), ("GET /v7/dashboard-snapshots", 200),
                           ("POST /v7/dashboard-snapshots", 201), ("GET /_sim/dashboard-snapshots", 200), ("POST /_sim/alerts", 201),
                           ("DELETE /_sim/alerts", 200),
                           ("GET /v6/tests.json", 200), ("GET /v6/tests", 200), ("POST /v6/snapshot.json", 201), ("POST /v6/snapshot", 201),
                           ("GET /_sim/health", 200), ("POST /_sim/faults", 200), ("POST /_sim/reset", 200), ("GET /_sim/openapi.json", 200)):
        assert statuses[label][success] > 0, (label, dict(statuses[label]))
    # ... and their refusals: validation (400) and methods a path does not take (405).
    assert statuses["POST /v7/tests/{testId}/snapshot"][400] > 0 and statuses["POST /v6/snapshot.json"][400] > 0
    assert statuses["POST /_sim/faults"][400] > 0 and statuses["POST /_sim/alerts"][400] > 0 and statuses["GET /v7/alerts"][400] > 0
    assert statuses["GET /v7/alerts/{alertId}"][404] > 0
    assert statuses["POST /v7/dashboard-snapshots"][400] > 0 and statuses["PATCH /v7/dashboard-snapshots/{snapshotId}"][400] > 0
    # (A generated PATCH body is almost never a valid expiry, so its answers are 400s before the lookup.)
    for method in ("GET", "DELETE"):
        assert statuses[method + " /v7/dashboard-snapshots/{snapshotId}"][404] > 0, method
    assert sum(counter[405] for counter in statuses.values()) > 0
    assert sum(counter[429] for counter in statuses.values()) == 0

    with capsys.disabled():
        sys.stdout.write("\nschemathesis {0}: {1} test cases generated, {2} operations, checks {3}; st ran {4:.1f} s "
                         "(test {5:.1f} s), seed {6}\n".format(
                             report["schemathesis_version"], report["test_cases"]["generated"], report["operations"]["tested"],
                             ", ".join(CHECKS), report["running_time"], elapsed, report["seed"]))
