# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Time and memory of the alerts listing against a hostile API (issue 23), printed as a table.

    python tests/perf/bench_hostile.py [--checkout DIR] [--cap SECONDS]

Each case runs in a new Python process (so its peak memory, ru_maxrss, is its own) that imports the collection's
module_utils from --checkout (default: this one) and lists the alerts of tests/integration/hostile_api.py:
  - huge: one answer of 200 MB sent without Content-Length: what is refused, how fast, and the peak memory;
  - slow: pages that take 0.5 s each and never end, with timeout=2 (and max_duration=30 when the checkout has it):
    how long the listing runs and how many pages it asks for; a run still going after --cap seconds is stopped and
    reported as such.
Give --checkout another worktree (such as the base commit) to measure "before" with the same harness.
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))

from hostile_api import HostileApi  # noqa: E402  (after the path above)

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import ApiClient
from ansible_collections.cisco.thousandeyes.plugins.module_utils._alerts_api import list_alerts
case, url = sys.argv[2], sys.argv[3]
client = ApiClient(url + "/" + case, "v7", "bench-token", timeout=2 if case == "slow" else 120)
bounded = hasattr(client, "limit_run")
if bounded and case == "slow":
    client.limit_run(30, "max_duration")
started = time.time()
try:
    alerts, pages = list_alerts(client, {"state": "trigger"})
    outcome = "listed %d alerts on %d pages" % (len(alerts), pages)
except Exception as error:
    outcome = "%s: %s" % (type(error).__name__, error)
print(json.dumps({"seconds": round(time.time() - started, 1), "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
                  "outcome": outcome[:230]}))
"""


def collections_path(checkout):
    directory = tempfile.mkdtemp(prefix="bench-hostile-")
    os.makedirs(os.path.join(directory, "ansible_collections", "cisco"))
    os.symlink(os.path.abspath(checkout), os.path.join(directory, "ansible_collections", "cisco", "thousandeyes"))
    return directory


def run_case(case, checkout, cap):
    api = HostileApi()
    try:
        child = subprocess.Popen([sys.executable, "-c", CHILD, collections_path(checkout), case, api.url],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        try:
            out, err = child.communicate(timeout=cap)
            figures = json.loads(out.strip().splitlines()[-1]) if out.strip() else {"outcome": err.strip()[-230:]}
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            figures = {"seconds": ">%d" % cap, "peak_mb": "-", "outcome": "still running after %d s: stopped by the benchmark" % cap}
        figures["requests"] = len(api.asked(case))
        return figures
    finally:
        api.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", maxsplit=1)[0])
    parser.add_argument("--checkout", default=ROOT)
    parser.add_argument("--cap", type=int, default=90)
    args = parser.parse_args()
    print("machine: %s, Python %s, %d CPUs; checkout %s"
          % (platform.platform(), platform.python_version(), os.cpu_count(), os.path.abspath(args.checkout)))
    print("| case | seconds | requests | peak memory (MB) | outcome |")
    print("| --- | --- | --- | --- | --- |")
    for case in ("huge", "slow"):
        figures = run_case(case, args.checkout, args.cap)
        print("| %s | %s | %s | %s | %s |"
              % (case, figures.get("seconds"), figures["requests"], figures.get("peak_mb"), figures["outcome"].replace("|", "/")))
    # This process's children together, for the record (the cases' own peaks are above).
    print("children CPU seconds: %.1f" % (resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
                                          + resource.getrusage(resource.RUSAGE_CHILDREN).ru_stime))


if __name__ == "__main__":
    main()
