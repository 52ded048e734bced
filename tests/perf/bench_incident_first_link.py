# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Time to the first shareable link of an incident: the playbook cisco.thousandeyes.snapshot_active_alerts run against
# the API simulator at the real quotas (5 test snapshots per 5 minutes, 100 dashboard snapshots per hour), with alerts
# on N tests (at most 5, so that the run stays within one quota window), with and without te_dashboard. Measured: the
# seconds from the job's start until the simulator holds the first link (a test snapshot, or the dashboard snapshot
# that covers the whole incident) and until the job ends. Then, from those measured times and the quota, what 12
# tests take (computed, not measured: the quota makes a 12-test run last over 10 minutes).
#
#   PATH=<venv with ansible-core>/bin:$PATH python tests/perf/bench_incident_first_link.py [--tests 5]

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO_ROOT, "tests"))

from simulator import Simulator  # noqa: E402  pylint: disable=wrong-import-position

TESTS = ["281474976710706", "281474976710707", "281474976710708", "281474976710709", "281474976710710"]
TEST_QUOTA, TEST_PERIOD = 5, 300


def alert(index, test_id):
    """An active alert as GET /v7/alerts lists one (thousandeyes-sdk-alerts models/alert.py)."""
    return {"id": "bench-%d" % index, "alertType": "http-server", "alertSeverity": "major",
            "startDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3600 - index * 60)),
            "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/" + test_id}}}


def run_once(collections, tests, dashboard):
    simulator = Simulator(port=0).start()
    try:
        for index, test_id in enumerate(tests):
            simulator.state.add_alert(alert(index, test_id), time.time())
        extra = {"te_api_url": simulator.url}
        if dashboard:
            extra["te_dashboard"] = "Production Overview"
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections, THOUSANDEYES_TOKEN="simulator-token",
                   ANSIBLE_LOCALHOST_WARNING="false")
        seen = {}
        done = threading.Event()

        def watch(started):
            while not done.is_set():
                if "first" not in seen and (simulator.state.created_snapshots() or simulator.state.described_dashboard_snapshots()):
                    seen["first"] = time.time() - started
                done.wait(0.01)

        started = time.time()
        watcher = threading.Thread(target=watch, args=(started,))
        watcher.start()
        completed = subprocess.run(["ansible-playbook", "cisco.thousandeyes.snapshot_active_alerts", "-i", "localhost,", "-e", json.dumps(extra)],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
        total = time.time() - started
        done.set()
        watcher.join()
        if completed.returncode != 0:
            raise SystemExit(completed.stdout[-3000:])
        return seen.get("first"), total, len(simulator.state.created_snapshots())
    finally:
        simulator.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tests", type=int, default=5, choices=range(1, 6))
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="te-bench-")
    os.makedirs(os.path.join(work, "ansible_collections", "cisco"))
    os.symlink(REPO_ROOT, os.path.join(work, "ansible_collections", "cisco", "thousandeyes"))
    tests = TESTS[:args.tests]
    without_first, without_total, made = run_once(work, tests, False)
    with_first, with_total, made_too = run_once(work, tests, True)
    assert made == made_too == len(tests)
    per_test = without_total / len(tests)
    print("incident on %d tests, real quotas (5 test snapshots / 300 s, 100 dashboard snapshots / 3600 s), simulator on 127.0.0.1" % len(tests))
    print("  without te_dashboard: first link (one test) after %.1f s, job done after %.1f s" % (without_first, without_total))
    print("  with te_dashboard:    first link (whole incident) after %.1f s, job done after %.1f s" % (with_first, with_total))
    windows = int(math.ceil(12.0 / TEST_QUOTA)) - 1
    print("computed for 12 tests: the 12th test snapshot waits %d quota windows, so every test has its link after about %.0f s "
          "(%d x %d s + the measured %.1f s per test for the rest); with te_dashboard the whole incident has one link after %.1f s, "
          "as measured above (the dashboard snapshot comes first, whatever the number of tests)"
          % (windows, windows * TEST_PERIOD + per_test * (12 - windows * TEST_QUOTA), windows, TEST_PERIOD, per_test, with_first))


if __name__ == "__main__":
    main()
