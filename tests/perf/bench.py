# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# `make bench`: what cisco.thousandeyes.snapshot costs, measured against the API simulator on 127.0.0.1.
#
#   1. per-task cost, wall and CPU, of four contenders making the same POST, in the same run, interleaved (each round
#      runs them in a rotated order), the median of several rounds, each against ansible.builtin.uri in that round:
#        controller  the action plugin running the module's logic in the controller (a local target);
#        module      the action plugin executing the module on a target that is not local (the target_process test
#                    connection: the module shipped and run in a new Python, as on a remote host);
#        today       the module with no action plugin at all (a copy of the collection without plugins/action);
#        uri         ansible.builtin.uri making the same POST;
#      each run is N separate tasks (not a loop), less a baseline run with none, divided by N;
#   2. the module's import time and argument processing (AnsibleModule, option checks, client);
#   3. requests sent per snapshot, by test ID and by test name, on both paths (from the simulator's request log);
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

from harness import (  # noqa: E402 pylint: disable=wrong-import-position
    TOKEN,
    PlaybookRunner,
    SimulatorProcess,
    format_table,
    linked_collections_path,
    modules_only_collection,
)

CONNECTION_PLUGINS = os.path.join(REPO_ROOT, "tests", "integration", "connection_plugins")
CONTENDERS = ("controller", "module", "today", "uri")

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
        module = AnsibleModule(argument_spec=snapshot.argument_spec(), supports_check_mode=True)
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


def contender_playbook(contender, count, start, end, by_name=0):
    """A play of `count` separate tasks making the POST (by name: `by_name` more), for one contender."""
    tasks = []
    for index in range(count):
        if contender == "uri":
            tasks.append({"name": "POST %d" % index, "ansible.builtin.uri": {
                "url": "{{ te_api_url }}/v7/tests/%s/snapshot" % TEST_IDS[0], "method": "POST",
                "headers": {"Authorization": "Bearer {{ te_token }}", "Accept": "application/hal+json"}, "body_format": "json",
                "body": {"displayName": "bench uri", "startDate": start, "endDate": end, "isPublic": True}, "status_code": 201}})
        else:
            tasks.append({"name": "POST %d" % index, "cisco.thousandeyes.snapshot": {
                "api_url": "{{ te_api_url }}", "test_id": TEST_IDS[0], "start": start, "end": end, "public": True,
                "display_name": "bench " + contender}})
    for index in range(by_name):
        tasks.append({"name": "By name %d" % index, "cisco.thousandeyes.snapshot": {
            "api_url": "{{ te_api_url }}", "test_name": TEST_NAME, "start": start, "end": end, "public": True,
            "display_name": "bench %s by name" % contender}})
    return [{"name": "bench " + contender, "hosts": "localhost", "gather_facts": False, "tasks": tasks}]


class Contenders(object):
    """Writes each contender's playbook and inventory once; runs one and measures its wall and CPU seconds."""

    def __init__(self, collections_path, simulator, work_dir, count):
        self.simulator = simulator
        self.count = count
        self.work_dir = work_dir
        start, end = past_window()
        self.runners = {}
        self.playbooks = {}
        today = modules_only_collection(os.path.join(work_dir, "today-collections"))
        for contender in CONTENDERS + ("baseline",):
            path = os.path.join(work_dir, "bench-%s.yml" % contender)
            with open(path, "w") as handle:
                json.dump(contender_playbook(contender, 0 if contender == "baseline" else count, start, end), handle)
            self.playbooks[contender] = path
            self.runners[contender] = PlaybookRunner(today if contender == "today" else collections_path, simulator.url,
                                                     os.path.join(work_dir, contender))
            os.makedirs(os.path.join(work_dir, contender), exist_ok=True)
        self.inventories = {}
        for name, connection in (("local", "local"), ("target", "target_process")):
            path = os.path.join(work_dir, "inventory-%s.ini" % name)
            with open(path, "w") as handle:
                handle.write("localhost ansible_connection=%s ansible_python_interpreter=%s\n" % (connection, sys.executable))
            self.inventories[name] = path

    def run(self, contender, playbook=None):
        """(wall seconds, CPU seconds of the children) of one ansible-playbook run."""
        inventory = self.inventories["target" if contender == "module" else "local"]
        before = children_cpu()
        started = time.perf_counter()
        played = self.runners[contender].run(None, playbook_path=playbook or self.playbooks[contender], inventory=inventory, token=TOKEN,
                                             extra_vars={"te_token": TOKEN}, env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS})
        wall = time.perf_counter() - started
        cpu = children_cpu() - before
        if played.rc != 0:
            raise SystemExit("bench %s failed:\n%s" % (contender, played.output[-4000:]))
        return wall, cpu


def compare(contenders, rounds):
    """Per-task wall and CPU seconds of each contender in each round (rotated order, less the baseline of that round)."""
    measured = []
    order = list(CONTENDERS)
    for round_index in range(rounds):
        contenders.simulator.reset(**BIG_QUOTA)
        base_wall, base_cpu = contenders.run("baseline")
        this_round = {}
        for contender in order[round_index % len(order):] + order[:round_index % len(order)]:
            wall, cpu = contenders.run(contender)
            this_round[contender] = ((wall - base_wall) / contenders.count, (cpu - base_cpu) / contenders.count)
        created = [snap["display_name"] for snap in contenders.simulator.snapshots()]
        for contender in CONTENDERS:
            if created.count("bench " + contender) != contenders.count:
                raise SystemExit("bench %s created %d snapshots, not %d" % (contender, created.count("bench " + contender), contenders.count))
        measured.append(this_round)
    return measured


def requests_per_snapshot(contenders, start, end):
    """Requests our User-Agent sent per snapshot, by test ID and by test name, for the controller and module paths."""
    counts = {}
    for contender in ("controller", "module"):
        contenders.simulator.reset(**BIG_QUOTA)
        path = os.path.join(contenders.work_dir, "requests-%s.yml" % contender)
        with open(path, "w") as handle:
            json.dump(contender_playbook(contender, 3, start, end, by_name=3), handle)
        contenders.run(contender, playbook=path)
        ours = [entry for entry in contenders.simulator.requests() if entry["headers"].get("User-Agent", "").startswith("cisco.thousandeyes/")]
        by_name_posts = [entry for entry in ours if entry["method"] == "POST" and entry["body"]["displayName"].endswith("by name")]
        by_id_posts = [entry for entry in ours if entry["method"] == "POST" and entry not in by_name_posts]
        gets = [entry for entry in ours if entry["method"] == "GET"]
        counts[contender] = (len(by_id_posts) / 3.0, (len(by_name_posts) + len(gets)) / 3.0)
    return counts


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


def median_ratio(measured, contender, which):
    """The median over rounds of contender / uri in that round (which: 0 wall, 1 CPU), and each round's ratio."""
    ratios = [this_round[contender][which] / this_round["uri"][which] for this_round in measured]
    return statistics.median(ratios), ratios


def main():
    parser = argparse.ArgumentParser(description="Benchmark cisco.thousandeyes.snapshot against the API simulator.")
    parser.add_argument("--count", type=int, default=10, help="tasks per contender per run (default 10)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the four contenders, interleaved; the medians are kept (default 5)")
    parser.add_argument("--repeats", type=int, default=3, help="429 measurements per reset R; the worst is held to the target (default 3)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    options = parser.parse_args()
    count = max(1, options.count)

    collections_path = linked_collections_path(prefix="te-bench-collections-")
    simulator = SimulatorProcess()
    work_dir = tempfile.mkdtemp(prefix="te-bench-")
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
        contenders = Contenders(collections_path, simulator, work_dir, count)
        measured = compare(contenders, max(1, options.rounds))
        start, end = past_window()
        requests_sent = requests_per_snapshot(contenders, start, end)
        baseline, waits, wait_statuses = rate_limit_waits(collections_path, simulator, options.repeats)
        elapsed = time.monotonic() - started
    finally:
        simulator.stop()

    rows = []
    for contender in CONTENDERS:
        wall = statistics.median(this_round[contender][0] for this_round in measured)
        cpu = statistics.median(this_round[contender][1] for this_round in measured)
        rows.append(["per task: %s (median wall, median CPU)" % contender, "%.3f s, %.3f s" % (wall, cpu), "", ""])
    targets = {"controller": 0.5, "module": None, "today": None}
    ratios = {}
    for contender in ("controller", "module", "today"):
        for which, label in ((0, "wall"), (1, "CPU")):
            ratio, each = median_ratio(measured, contender, which)
            ratios[(contender, label)] = ratio
            target = targets[contender]
            rows.append(["ratio %s / uri, %s (median; rounds: %s)" % (contender, label, " ".join("%.2f" % value for value in each)),
                         "%.2f" % ratio, "<= %.1f" % target if target else "", verdict(ratio <= target) if target else ""])
    missed = [ratios[("controller", "wall")] > 0.5, ratios[("controller", "CPU")] > 0.5]
    for label in ("wall", "CPU"):
        # The module path adds the plugin's decision to today's module run; "no worse" allows the noise of this machine.
        worse = ratios[("module", label)] / ratios[("today", label)]
        rows.append(["module path against today's module, %s (ratio of their ratios)" % label, "%.2f" % worse, "<= 1.1", verdict(worse <= 1.1)])
        missed.append(worse > 1.1)
    for name, seconds in processes.items():
        rows.append(["one %s process making the POST, no controller (CPU)" % name, "%.0f ms" % (seconds * 1000), "", ""])
    for name, seconds in imports.items():
        rows.append(["import %s (CPU)" % name, "%.0f ms" % (seconds * 1000), "", ""])
    for name, seconds in arguments.items():
        rows.append(["argument processing (CPU): %s" % name, "%.2f ms" % (seconds * 1000), "", ""])
    for contender, (by_id, by_name) in sorted(requests_sent.items()):
        rows.append(["requests per snapshot, %s path, by test ID" % contender, "%.2f" % by_id, "1", verdict(by_id == 1)])
        rows.append(["requests per snapshot, %s path, by test name" % contender, "%.2f" % by_name, "2", verdict(by_name == 2)])
        missed += [by_id != 1, by_name != 2]
    for reset in RESETS:
        worst = max(waits[reset])
        rows.append(["time to success after a 429, reset R=%ds away (each run)" % reset, " ".join("%.2f" % value for value in waits[reset]) + " s",
                     "<= %d s (R + 1)" % (reset + 1), verdict(worst <= reset + 1)])
        missed.append(worst > reset + 1)

    print("")
    print("cisco.thousandeyes benchmark against the API simulator (%s)" % simulator.url)
    print("machine: %s; load average %.2f at the end" % (header, os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")))
    print("%d rounds of %d tasks per contender, interleaved in a rotated order, each less a baseline run without tasks; "
          "429 waits: module run directly, time beyond a %.2f s run without a 429; statuses seen %s; %.0f s in all"
          % (len(measured), count, baseline, sorted(set(wait_statuses)), elapsed))
    print("")
    print(format_table(["measure", "value", "target", "verdict"], rows))
    print("")
    return 1 if options.strict and any(missed) else 0


if __name__ == "__main__":
    sys.exit(main())
