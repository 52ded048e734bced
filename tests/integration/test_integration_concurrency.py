# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Ten inventory hosts (localhost aliases, ten forks) create snapshots at once against a snapshot quota of
# 5 per 10 seconds: the first five go through, the other five wait out the 429s and go through one period
# later. All succeed within the wait budget, exactly ten snapshots exist, and the test prints the total
# time beside the theoretical minimum.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import sys
import time

import pytest

# With `pytest -n N --dist loadgroup`, this file's tests share one worker (and its one playbook run).
pytestmark = pytest.mark.xdist_group("concurrency")

HOSTS = ["te-host-%02d" % number for number in range(1, 11)]
QUOTA = {"limit": 5, "period": 10}
HTTP_TEST = "281474976710708"


def write_inventory(directory):
    path = os.path.join(directory, "inventory.ini")
    with open(path, "w") as handle:
        handle.write("[snapshotters]\n")
        for host in HOSTS:
            handle.write("%s ansible_host=127.0.0.1 ansible_connection=local ansible_python_interpreter=%s\n" % (host, sys.executable))
    return path


def test_ten_hosts_share_a_quota_of_five_per_ten_seconds(runner, sim, tmp_path):
    sim.reset(snapshot_quota=QUOTA)
    inventory = write_inventory(str(tmp_path))

    started = time.monotonic()
    played = runner.run("concurrency.yml", {"te_test_id": HTTP_TEST}, inventory=inventory, forks=len(HOSTS))
    elapsed = time.monotonic() - started

    assert played.rc == 0, played.output[-3000:]
    results = [played[host] for host in HOSTS]
    failures = [(host, result.get("msg")) for host, result in zip(HOSTS, results) if result.get("failed")]
    assert failures == []
    assert all(result["changed"] and result["snapshot"]["id"] for result in results)

    snapshots = sim.snapshots()
    requests = sim.requests()
    refused = [entry for entry in requests if entry["status"] == 429]
    epochs = sorted(snapshot["share_epoch"] for snapshot in snapshots)
    span = epochs[-1] - epochs[0]
    minimum = QUOTA["period"] * ((len(HOSTS) - 1) // QUOTA["limit"])
    print("\n\nConcurrency: %d hosts, %d forks, snapshot quota %d per %ds" % (len(HOSTS), len(HOSTS), QUOTA["limit"], QUOTA["period"]))
    print("  total time %.1fs (ansible-playbook wall time); first to last snapshot %.1fs; theoretical minimum %ds"
          % (elapsed, span, minimum))
    print("  %d snapshots, %d POSTs (%d answered 429 and were waited out)\n" % (len(snapshots), len(requests), len(refused)))

    # Exactly ten, one per host, each exactly once.
    assert len(snapshots) == len(HOSTS)
    assert sorted(snapshot["display_name"] for snapshot in snapshots) == sorted("concurrency " + host for host in HOSTS)
    assert sorted(result["snapshot"]["id"] for result in results) == sorted(snapshot["id"] for snapshot in snapshots)
    # The quota held (never more than five within any ten seconds), so the second five waited about one period.
    for index in range(QUOTA["limit"], len(epochs)):
        assert epochs[index] - epochs[index - QUOTA["limit"]] >= QUOTA["period"] - 0.01
    assert span >= minimum - 0.5
    assert len(refused) >= len(HOSTS) - QUOTA["limit"]
    # Within the wait budget (rate_limit_wait, 300 s by default), with room for a slow, busy machine.
    assert elapsed < 300
