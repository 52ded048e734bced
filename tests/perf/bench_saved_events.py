# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# What the search for an earlier private snapshot (snapshot's evidence_key) costs when the account group holds
# many private snapshots: they are kept forever, and GET /v7/tests lists every one of them as a saved event.
#
#   python tests/perf/bench_saved_events.py [--saved 10000] [--runs 5]
#
# Starts its own API simulator on 127.0.0.1 (quota and request limit raised), makes --saved private snapshots through
# the API (as the account would have collected them), then runs the snapshot module directly (python -m, one process
# per run, no controller) and prints the medians: a run that finds its snapshot (one GET), a run that finds none and
# creates one (GET + POST), and a run without evidence_key (POST only), with the size of the tests list. Prints only.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "integration"))

from bench import machine, run_module_process  # noqa: E402 pylint: disable=wrong-import-position
from harness import TOKEN, SimulatorProcess, format_table, linked_collections_path  # noqa: E402 pylint: disable=wrong-import-position

MODULE = "ansible_collections.cisco.thousandeyes.plugins.modules.snapshot"
TEST_ID = "281474976710708"  # "Corporate Website", aid 1234


def post_json(url, body):
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


def fill(simulator, count):
    """count private snapshots of TEST_ID, each with its own evidence marker, made through POST /v7/tests/{id}/snapshot."""
    end = time.strftime("%Y-%m-%dT%H:%M:00Z", time.gmtime(time.time() - 120))
    start = time.strftime("%Y-%m-%dT%H:%M:00Z", time.gmtime(time.time() - 120 - 3600))
    for index in range(count):
        post_json("%s/v7/tests/%s/snapshot" % (simulator.url, TEST_ID), {
            "displayName": "Incident %d [te:%s:alert-bench-%d]" % (index, TEST_ID, index),
            "startDate": start, "endDate": end, "isPublic": False})


def tests_list(simulator):
    request = urllib.request.Request(simulator.url + "/v7/tests", headers={"Authorization": "Bearer " + TOKEN})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        body = response.read()
    return time.perf_counter() - started, len(body), len(json.loads(body.decode("utf-8"))["tests"])


def main():
    parser = argparse.ArgumentParser(description="Cost of snapshot's evidence_key search among many private snapshots.")
    parser.add_argument("--saved", type=int, default=10000, help="private snapshots in the account group (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="module runs per case; the median is shown (default 5)")
    options = parser.parse_args()

    collections_path = linked_collections_path(prefix="te-bench-saved-")
    simulator = SimulatorProcess(extra_args=["--snapshot-quota", "100000000", "--request-limit", "100000000"])
    work_dir = tempfile.mkdtemp(prefix="te-bench-saved-")
    try:
        started = time.perf_counter()
        fill(simulator, options.saved)
        filled = time.perf_counter() - started
        list_seconds, list_bytes, listed = tests_list(simulator)
        base = {"api_url": simulator.url, "token": TOKEN, "test_id": TEST_ID, "hours": 1}
        cases = [
            ("evidence_key, found (the newest of %d): GET only" % options.saved,
             lambda run: dict(base, evidence_key="alert-bench-%d" % (options.saved - 1))),
            ("evidence_key, not found: GET, then POST", lambda run: dict(base, evidence_key="alert-new-%d" % run)),
            ("no evidence_key: POST only", lambda run: dict(base)),
        ]
        rows = []
        for label, args in cases:
            samples = [run_module_process(collections_path, MODULE, args(run), work_dir) for run in range(max(1, options.runs))]
            rows.append([label, "%.3f" % statistics.median(samples), "%.3f" % min(samples), "%.3f" % max(samples)])
        print(machine())
        print("%d private snapshots made in %.1f s; GET /v7/tests lists %d entries, %.1f MB, answered in %.3f s (direct)."
              % (options.saved, filled, listed, list_bytes / 1e6, list_seconds))
        print(format_table(["snapshot module run (one process)", "median s", "min s", "max s"], rows))
    finally:
        simulator.stop()


if __name__ == "__main__":
    main()
