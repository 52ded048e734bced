# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# `make bench`: what cisco.thousandeyes.snapshot costs, measured against the API simulator on 127.0.0.1.
#
#   1. per-task time of the module against ansible.builtin.uri making the same POST (same run, 20 each, 3 rounds),
#      and the CPU time per task of each, which a busy machine disturbs less;
#   2. the module's import time and argument processing (AnsibleModule, option checks, client);
#   3. requests sent per snapshot, by test ID and by test name (from the simulator's request log);
#   4. time to success after a 429 whose reset is R = 1, 2, 4 seconds away (module run directly, beyond a run without one).
#
# Self-contained: starts its own simulator and builds its own collections path. Prints one table with the
# machine it ran on. Exit code 0 unless --strict is given and a target is missed.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO_ROOT, "tests", "integration"))

from harness import TOKEN, PlaybookRunner, SimulatorProcess, format_table, linked_collections_path  # noqa: E402 pylint: disable=wrong-import-position

TEST_IDS = ("281474976710708", "281474976710709")  # "Corporate Website", "Internal DNS" (aid 1234)
TEST_NAME = "Corporate Website"
RESETS = (1, 2, 4)
BIG_QUOTA = {"snapshot_quota": {"limit": 100000, "period": 300}, "request_limit": 100000}

# CPU time, not wall time: it is what a module run pays, and it stays comparable on a busy machine.
IMPORT_SNIPPET = """
import time
started = time.process_time()
import {module}
print(time.process_time() - started)
"""

ARGUMENTS_SNIPPET = """
import json, statistics, time
from ansible.module_utils.testing import patch_module_args
from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.modules import snapshot
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import utc_now
args = {"api_url": "http://127.0.0.1:9", "token": "simulator-token", "test_id": "281474976710708", "hours": 4, "public": True}
phases = {"AnsibleModule(argument_spec)": [], "SnapshotModule(): option checks and client": [], "input and window checks": []}
for _round in range(%(rounds)d):
    with patch_module_args(args):
        started = time.process_time()
        module = AnsibleModule(argument_spec=snapshot.argument_spec(), mutually_exclusive=[("test_id", "test_name")],
                               required_one_of=[("test_id", "test_name")], supports_check_mode=True)
        built = time.process_time()
        runner = snapshot.SnapshotModule(module)
        connected = time.process_time()
        assert not runner.input_problems()
        runner.window(utc_now())
        checked = time.process_time()
    phases["AnsibleModule(argument_spec)"].append(built - started)
    phases["SnapshotModule(): option checks and client"].append(connected - built)
    phases["input and window checks"].append(checked - connected)
print(json.dumps(dict((name, statistics.median(values)) for name, values in phases.items())))
"""


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    from ansible.release import __version__ as ansible_version  # pylint: disable=import-outside-toplevel
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return "%s, %d cores, Python %s, ansible-core %s, %s (load average %.2f at start)" % (
        model, os.cpu_count() or 0, platform.python_version(), ansible_version, platform.system(), load)


def python_env(collections_path):
    env = dict(os.environ)
    env["PYTHONPATH"] = collections_path + os.pathsep + env.get("PYTHONPATH", "")
    return env


def time_import(collections_path, module, rounds):
    """Median CPU seconds to import `module` in a fresh interpreter (as a module run by ansible does)."""
    samples = []
    for _round in range(rounds):
        completed = subprocess.run([sys.executable, "-c", IMPORT_SNIPPET.format(module=module)], env=python_env(collections_path),
                                   stdout=subprocess.PIPE, universal_newlines=True, check=True)
        samples.append(float(completed.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def time_arguments(collections_path, rounds):
    completed = subprocess.run([sys.executable, "-c", ARGUMENTS_SNIPPET % {"rounds": rounds}], env=python_env(collections_path),
                               stdout=subprocess.PIPE, universal_newlines=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cpu_per_task(runner, simulator, count):
    """CPU seconds per task (controller and module process together), which a busy machine disturbs far less than wall
    time: perf_compare.yml run with only the module's tasks, only uri's, and neither (the baseline), module and uri twice."""
    start, end = past_window()
    variables = {"te_test_id": TEST_IDS[0], "te_test_name": TEST_NAME, "te_start": start, "te_end": end, "te_token": TOKEN,
                 "te_count": count // 2}
    spent = {"baseline": [], "module": [], "uri": []}
    for tag in ("baseline", "module", "uri", "uri", "module", "baseline"):
        simulator.reset(**BIG_QUOTA)
        before = children_cpu()
        played = runner.run("perf_compare.yml", variables, env={"ANSIBLE_RUN_TAGS": tag})
        spent[tag].append(children_cpu() - before)
        if played.rc != 0:
            raise SystemExit("perf_compare.yml --tags %s failed:\n%s" % (tag, played.output[-4000:]))
    baseline = statistics.mean(spent["baseline"])
    return dict((tag, (statistics.mean(spent[tag]) - baseline) / count) for tag in ("module", "uri"))


def time_processes(collections_path, simulator, rounds):
    """Median CPU seconds of one module process making the POST, run directly (no controller), snapshot against uri."""
    simulator.reset(**BIG_QUOTA)
    start, end = past_window()
    body = {"displayName": "bench process", "startDate": start, "endDate": end, "isPublic": True}
    contenders = {
        "cisco.thousandeyes.snapshot": ("ansible_collections.cisco.thousandeyes.plugins.modules.snapshot", {
            "api_url": simulator.url, "token": TOKEN, "test_id": TEST_IDS[0], "start": start, "end": end, "public": True,
            "display_name": body["displayName"]}),
        "ansible.builtin.uri": ("ansible.modules.uri", {
            "url": "%s/v7/tests/%s/snapshot" % (simulator.url, TEST_IDS[0]), "method": "POST", "body_format": "json", "body": body,
            "headers": {"Authorization": "Bearer " + TOKEN}, "status_code": [201]}),
    }
    samples = dict((name, []) for name in contenders)
    directory = tempfile.mkdtemp(prefix="te-bench-args-")
    for _round in range(rounds):
        for name, (module, args) in contenders.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            run_module_process(collections_path, module, args, directory)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            samples[name].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return dict((name, statistics.median(values)) for name, values in samples.items())


def past_window():
    end = datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    start = end - timedelta(hours=1)
    return start.strftime("%Y-%m-%dT%H:%M:%SZ"), end.strftime("%Y-%m-%dT%H:%M:%SZ")


def compare(runner, simulator, count):
    """Module against uri, `count` POSTs each (in the order module, uri, uri, module), then 5 by name: one run."""
    simulator.reset(**BIG_QUOTA)
    start, end = past_window()
    variables = {"te_test_id": TEST_IDS[0], "te_test_name": TEST_NAME, "te_start": start, "te_end": end, "te_token": TOKEN,
                 "te_count": count // 2, "te_by_name_count": 5}
    played = runner.run("perf_compare.yml", variables)
    if played.rc != 0 or "timestamps" not in played.results:
        raise SystemExit("perf_compare.yml failed:\n" + played.output[-4000:])
    marks = [float(value) for value in played["timestamps"]]
    module_time = (marks[1] - marks[0]) + (marks[4] - marks[3])
    uri_time = marks[3] - marks[1]
    by_name_time = marks[5] - marks[4]
    requests = simulator.requests()
    snapshots = simulator.snapshots()
    ours = [entry for entry in requests if entry["headers"].get("User-Agent", "").startswith("cisco.thousandeyes/")]
    by_id_posts = [entry for entry in ours if entry["method"] == "POST" and entry["body"].get("displayName") == "bench module"]
    by_name = [entry for entry in ours if entry not in by_id_posts]
    return {
        "module": module_time / count,
        "uri": uri_time / count,
        "by_name_task": by_name_time / 5,
        "uri_created": len([snap for snap in snapshots if snap["display_name"] == "bench uri"]),
        "by_id_requests": len(by_id_posts) / max(1, len([snap for snap in snapshots if snap["display_name"] == "bench module"])),
        "by_name_requests": len(by_name) / max(1, len([snap for snap in snapshots if snap["display_name"] == "bench module by name"])),
        "snapshots": len(snapshots),
        "statuses": sorted(set(entry["status"] for entry in requests)),
    }


def run_module_process(collections_path, module, args, directory):
    """Wall seconds of one module process run directly (no controller) with `args`; fails loudly if the module failed."""
    path = os.path.join(directory, "%s-%d.json" % (module, int(time.time() * 1000000)))
    with open(path, "w") as handle:
        json.dump({"ANSIBLE_MODULE_ARGS": args}, handle)
    started = time.perf_counter()
    completed = subprocess.run([sys.executable, "-m", module, path], env=python_env(collections_path), stdout=subprocess.PIPE,
                               universal_newlines=True, check=False)
    elapsed = time.perf_counter() - started
    if '"failed": true' in completed.stdout or completed.returncode != 0:
        raise SystemExit("%s failed: %s" % (module, completed.stdout[-2000:]))
    return elapsed


def rate_limit_waits(collections_path, simulator, repeats):
    """Seconds a snapshot took beyond one without a 429, after a 429 whose reset is R seconds away (module run directly,
    so controller noise stays out): {R: [seconds, ...]}, and the median run without a 429."""
    simulator.reset(**BIG_QUOTA)
    directory = tempfile.mkdtemp(prefix="te-bench-429-")
    module = "ansible_collections.cisco.thousandeyes.plugins.modules.snapshot"
    args = {"api_url": simulator.url, "token": TOKEN, "test_id": TEST_IDS[0], "hours": 1}
    plain = statistics.median([run_module_process(collections_path, module, args, directory) for _round in range(repeats + 2)])
    waits = dict((reset, []) for reset in RESETS)
    for _round in range(repeats):
        for reset in RESETS:
            simulator.script({"kind": "rate_limit", "reset_in": reset, "match": {"method": "POST"}})
            waits[reset].append(run_module_process(collections_path, module, args, directory) - plain)
    statuses = sorted(set(entry["status"] for entry in simulator.requests()))
    return plain, waits, statuses


def verdict(ok):
    return "met" if ok else "MISSED"


def main():
    parser = argparse.ArgumentParser(description="Benchmark cisco.thousandeyes.snapshot against the API simulator.")
    parser.add_argument("--count", type=int, default=20, help="POSTs per contender (even; default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of the module/uri comparison; the median ratio is kept (default 3)")
    parser.add_argument("--repeats", type=int, default=3, help="429 measurements per reset R; the worst is held to the target (default 3)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    options = parser.parse_args()
    count = max(2, options.count - options.count % 2)

    collections_path = linked_collections_path(prefix="te-bench-collections-")
    simulator = SimulatorProcess()
    work_dir = tempfile.mkdtemp(prefix="te-bench-")
    runner = PlaybookRunner(collections_path, simulator.url, work_dir)
    header = machine()
    try:
        started = time.monotonic()
        imports = {
            "cisco.thousandeyes.snapshot": time_import(collections_path, "ansible_collections.cisco.thousandeyes.plugins.modules.snapshot", 5),
            "ansible.builtin.uri": time_import(collections_path, "ansible.modules.uri", 5),
            "ansible.module_utils.basic alone (both import it)": time_import(collections_path, "ansible.module_utils.basic", 5),
            "requests alone (the module imports it, uri does not)": time_import(collections_path, "requests", 5),
        }
        arguments = time_arguments(collections_path, 200)
        processes = time_processes(collections_path, simulator, 7)
        cpu = cpu_per_task(runner, simulator, count)
        rounds = [compare(runner, simulator, count) for _round in range(max(1, options.rounds))]
        speed = sorted(rounds, key=lambda measured: measured["module"] / measured["uri"])[len(rounds) // 2]
        baseline, waits, wait_statuses = rate_limit_waits(collections_path, simulator, options.repeats)
        elapsed = time.monotonic() - started
    finally:
        simulator.stop()

    ratio = speed["module"] / speed["uri"]
    cpu_ratio = cpu["module"] / cpu["uri"]
    rows = [
        ["per task: cisco.thousandeyes.snapshot (POST by test ID)", "%.3f s" % speed["module"], "", ""],
        ["per task: ansible.builtin.uri (the same POST)", "%.3f s" % speed["uri"], "", ""],
        ["ratio module / uri (wall time)", "%.2f" % ratio, "<= 1.0", verdict(ratio <= 1.0)],
    ]
    if len(rounds) > 1:
        rows.append(["  the ratio in each round (median kept)", " ".join("%.2f" % (measured["module"] / measured["uri"]) for measured in rounds), "", ""])
    rows += [
        ["CPU per task: cisco.thousandeyes.snapshot (controller + module)", "%.3f s" % cpu["module"], "", ""],
        ["CPU per task: ansible.builtin.uri (controller + module)", "%.3f s" % cpu["uri"], "", ""],
        ["ratio module / uri (CPU time)", "%.2f" % cpu_ratio, "<= 1.0", verdict(cpu_ratio <= 1.0)],
        ["per task: cisco.thousandeyes.snapshot by test name", "%.3f s" % speed["by_name_task"], "", ""],
    ]
    for name, seconds in processes.items():
        rows.append(["one %s process making the POST, no controller (CPU)" % name, "%.0f ms" % (seconds * 1000), "", ""])
    for name, seconds in imports.items():
        rows.append(["import %s (CPU)" % name, "%.0f ms" % (seconds * 1000), "", ""])
    for name, seconds in arguments.items():
        rows.append(["argument processing (CPU): %s" % name, "%.2f ms" % (seconds * 1000), "", ""])
    rows.append(["requests per snapshot, by test ID", "%.2f" % speed["by_id_requests"], "1", verdict(speed["by_id_requests"] == 1)])
    rows.append(["requests per snapshot, by test name", "%.2f" % speed["by_name_requests"], "2", verdict(speed["by_name_requests"] == 2)])
    missed = [ratio > 1.0, cpu_ratio > 1.0, speed["by_id_requests"] != 1, speed["by_name_requests"] != 2, speed["uri_created"] != count]
    for reset in RESETS:
        worst = max(waits[reset])
        rows.append(["time to success after a 429, reset R=%ds away (each run)" % reset, " ".join("%.2f" % value for value in waits[reset]) + " s",
                     "<= %d s (R + 1)" % (reset + 1), verdict(worst <= reset + 1)])
        missed.append(worst > reset + 1)

    print("")
    print("cisco.thousandeyes benchmark against the API simulator (%s)" % simulator.url)
    print("machine: %s; load average %.2f at the end" % (header, os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")))
    print("%d POSTs per contender per ansible-playbook run (order module, uri, uri, module; %d snapshots by uri, %d in all); "
          "429 waits: module run directly, time beyond a %.2f s run without a 429; statuses seen %s and %s; %.0f s in all"
          % (count, speed["uri_created"], speed["snapshots"], baseline, speed["statuses"], sorted(set(wait_statuses)), elapsed))
    print("")
    print(format_table(["measure", "value", "target", "verdict"], rows))
    print("")
    return 1 if options.strict and any(missed) else 0


if __name__ == "__main__":
    sys.exit(main())
