# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The guarantee of issue 22 with the real ansible-rulebook and the shipped rulebook, unchanged: a storm of webhooks
# (each alert replayed, and as a classic body too) against a lowered snapshot quota, the rulebook's process group
# SIGKILLed mid-drain (a crash, an OOM kill), then started again with the same command line. The end state: exactly
# one snapshot per alerting test, none lost (the restart's reconcile sweep finds the tests still alerting in
# GET /v7/alerts), none twice (each snapshot is keyed by its test and alert).
#
# Started as the issue says, `ansible-rulebook -r cisco.thousandeyes.snapshot_on_alert -i INVENTORY -E
# THOUSANDEYES_WEBHOOK_TOKEN --vars VARS` with VARS holding only webhook_port and te_api_url; rulebook_harness adds
# -S with ansible.eda's webhook source (the collection ansible.eda is not installed here).
#
# Three cases: "none" (that command line alone), "h2" and "postgresql" (ansible-rulebook 1.3.2's persistence mode:
# --persistence-id and the embedded H2 file, or a PostgreSQL 15 cluster the test starts in its own temp folder on a
# free loopback port; one activation per persistence ID). To keep make test short, the ansible-core 2.16 session runs
# none + postgresql and the 2.22 session none + h2 (CASES_BY_CORE); other cores run all three.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import json
import os
import pwd
import shutil
import subprocess
import tempfile
import time

import pytest
from ansible.release import __version__ as ANSIBLE_CORE_VERSION

from alert_events import FIXTURES, alert_for
from rulebook_harness import SWEEP_DONE, Rulebook, free_port
from test_integration_eda import rulebook_available

# The six tests the snapshot API takes in the token's default account group (1234), which the sweep lists.
STORM_TESTS = ("281474976710706", "281474976710707", "281474976710708", "281474976710709", "281474976710711", "281474976710713")
QUOTA = {"limit": 2, "period": 4}


def active_alert(alert_id, test_id, minutes_ago=10):
    """An active alert as GET /v7/alerts lists one (thousandeyes-sdk-alerts models/alert.py), for POST /_sim/alerts."""
    return {"id": alert_id, "alertType": "http-server", "alertSeverity": "major",
            "startDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - minutes_ago * 60)),
            "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/%s" % test_id}}}


def classic_body(alert_id, test_id):
    """The classic webhook body of the same alert (fixture alert_classic_trigger.json, its alert and test swapped)."""
    with open(os.path.join(FIXTURES, "alert_classic_trigger.json")) as handle:
        body = json.load(handle)
    body["alert"].update(alertId=alert_id, testId=int(test_id), ruleAid=1234,
                         dateStart=time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() - 600)))
    return body


PG_BIN = os.environ.get("TE_POSTGRESQL_BIN", "/usr/lib/postgresql/15/bin")


def postgres_missing_reason():
    missing = [name for name in ("initdb", "pg_ctl", "postgres", "psql") if not os.access(os.path.join(PG_BIN, name), os.X_OK)]
    if missing:
        return ("PostgreSQL server binaries (%s) not found in %s: install the Debian package postgresql-15, or set "
                "TE_POSTGRESQL_BIN to the folder holding initdb, pg_ctl and postgres" % (", ".join(missing), PG_BIN))
    return None


class PostgresCluster(object):
    """A throw-away PostgreSQL cluster: its own temp folder, a free loopback port, trust authentication for one role.

    postgres refuses to run as root, so as root the cluster runs as an existing unprivileged user (postgres, else
    nobody) through runuser, and its folder belongs to that user.
    """

    USER = "te_rulebook"

    def __init__(self):
        self.folder = tempfile.mkdtemp(prefix="te-pg-")
        self.data = os.path.join(self.folder, "data")
        self.port = free_port()
        self.prefix = []
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    account = pwd.getpwnam(name)
                except KeyError:
                    continue
                os.chown(self.folder, account.pw_uid, account.pw_gid)
                self.prefix = ["runuser", "-u", name, "--"]
                break

    def run(self, *args):
        return subprocess.run(self.prefix + list(args), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True,
                              timeout=90, check=True)

    def start(self):
        self.run(os.path.join(PG_BIN, "initdb"), "-D", self.data, "-U", self.USER, "--auth=trust", "-E", "UTF8", "--no-sync")
        options = "-c listen_addresses=127.0.0.1 -p %d -c unix_socket_directories=%s -c fsync=off" % (self.port, self.folder)
        self.run(os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-l", os.path.join(self.folder, "server.log"), "-w", "-t", "60",
                 "-o", options, "start")

    def variables(self):
        """ansible-rulebook 1.3.2's PostgreSQL persistence variables (ansible_rulebook/persistence.py)."""
        return {"drools_db_host": "127.0.0.1", "drools_db_port": self.port, "drools_db_name": "postgres", "drools_db_user": self.USER}

    def query(self, sql):
        """Rows of a query, through psql as the cluster's role (each row a list of strings)."""
        output = self.run(os.path.join(PG_BIN, "psql"), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.USER, "-d", "postgres",
                          "-X", "-A", "-t", "-F", "\t", "-c", sql).stdout
        return [line.split("\t") for line in output.splitlines() if line]

    def table_rows(self):
        """{table: rows} of every table in the public schema: what the engine kept."""
        tables = [row[0] for row in self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")]
        return dict((table, int(self.query('SELECT count(*) FROM "%s"' % table)[0][0])) for table in tables)

    def stop(self):
        try:
            self.run(os.path.join(PG_BIN, "pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "-t", "30", "stop")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def per_test(sim):
    return collections.Counter(snap["source_test_id"] for snap in sim.snapshots())


# "none": the command line of the issue, nothing else. "h2": ansible-rulebook 1.3.2's persistence mode with its
# embedded H2 file (--persistence-id and drools_db_file_path, ansible_rulebook/persistence.py), which replays the
# matches that were pending at the kill when it starts again: with idempotent snapshots they make no duplicate.
@pytest.fixture
def postgres():
    reason = postgres_missing_reason()
    if reason:
        pytest.skip(reason)
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


# Which cases run on which core: the make test sessions of the oldest and newest core (2.16, 2.22) each run the
# storm of the command line ("none"), and share the persistence cases (each about a minute) so that the two
# sessions together grow by about four minutes: H2 on 2.22, PostgreSQL on 2.16. Any other core runs all three.
CASES_BY_CORE = {"2.16": ("none", "postgresql"), "2.22": ("none", "h2")}
CORE = ".".join(ANSIBLE_CORE_VERSION.split(".")[:2])


@pytest.mark.parametrize("persistence", ["none", "h2", "postgresql"])
def test_storm_sigkill_and_restart_end_with_one_snapshot_per_alerting_test(collections_path, simulator, sim, tmp_path, persistence, request):
    if persistence not in CASES_BY_CORE.get(CORE, (persistence,)):
        pytest.skip("the %s case runs in the ansible-core %s session (see CASES_BY_CORE)" % (
            persistence, " and ".join(core for core, cases in sorted(CASES_BY_CORE.items()) if persistence in cases)))
    rulebook_available()
    sim.reset(snapshot_quota=QUOTA)
    port = free_port()
    variables = {"webhook_port": port, "te_api_url": simulator.url}
    extra_args = ()
    if persistence == "h2":
        variables["drools_db_file_path"] = str(tmp_path / "rulebook-h2")
        extra_args = ("--persistence-id", "te-storm")
    elif persistence == "postgresql":
        # One activation per persistence ID, on a cluster of its own (the fixture).
        variables.update(request.getfixturevalue("postgres").variables())
        extra_args = ("--persistence-id", "te-storm-pg")
    work_dir = str(tmp_path)
    started = time.time()
    first = Rulebook("snapshot_on_alert", collections_path, work_dir, variables=variables, port=port, new_session=True,
                     log_name="first.log", extra_args=extra_args)
    second = None
    try:
        first.wait_ready()
        # The start's sweep finds nothing alerting yet.
        first.wait_for(lambda: SWEEP_DONE in first.log(), "the first start's sweep", timeout=120)
        assert sim.snapshots() == []

        # The storm: 6 tests start alerting; each alert reaches the webhook 5 times (4 custom bodies, a replay
        # storm, and its classic body): 30 webhooks, answered at once, drained one playbook at a time.
        # Each test's bodies arrive together. ansible-rulebook 1.3.2 takes one event at a time from its source (a
        # queue of 1), so the webhooks are answered at about the pace the runs start; in this order the last tests'
        # runs are still pending when the last webhook has been answered (with the tests taking turns, every test
        # has its snapshot by then and the kill would test nothing).
        bodies = []
        for index, test_id in enumerate(STORM_TESTS):
            alert_id = "storm-%d" % index
            sim.admin("POST", "alerts", active_alert(alert_id, test_id))
            custom = alert_for(test_id=test_id, alert_id=alert_id, started_ago=600)
            bodies.extend([custom, custom, classic_body(alert_id, test_id), custom, custom])
        storm_started = time.time()
        statuses = [first.post(body)[0] for body in bodies]
        assert statuses == [200] * len(bodies)
        posted_in = time.time() - storm_started

        # Mid-drain: as soon as two tests have their snapshot, SIGKILL the whole process group.
        first.wait_for(lambda: len(sim.snapshots()) >= 2, "two snapshots", timeout=120)
        first.kill_group()
        at_kill = per_test(sim)
        killed_at = time.time() - storm_started
        # Mid-drain: some alerting tests have no snapshot yet (the restart must not lose them).
        assert len(at_kill) < len(STORM_TESTS), at_kill

        # The same command again.
        second = Rulebook("snapshot_on_alert", collections_path, work_dir, variables=variables, port=port, new_session=True,
                          log_name="second.log", extra_args=extra_args)
        assert second.command == first.command
        second.wait_ready()
        second.wait_for(lambda: SWEEP_DONE in second.log(), "the restart's sweep", timeout=180)
        done_at = time.time() - storm_started
        # A few quota periods more: nothing else may appear (an orphaned run of the first instance, the sweep).
        time.sleep(2 * QUOTA["period"])
        final = per_test(sim)
        # What the second start ran: the sweep, and (with persistence) the replayed matches of the first.
        runs_after_restart = second.log().count("PLAY [Snapshot the test of a ThousandEyes alert]")
        kept = None
        if persistence == "postgresql":
            # The engine kept its state in the cluster (the tables are its own: drools' HA schema).
            kept = request.getfixturevalue("postgres").table_rows()
            assert kept and sum(kept.values()) > 0, kept
        elif persistence == "h2":
            kept = sorted(name for name in os.listdir(str(tmp_path)) if name.startswith("rulebook-h2"))
            assert kept, os.listdir(str(tmp_path))
    finally:
        for book in (first, second):
            if book is not None and book.process.poll() is None:
                book.kill_group()

    assert final == dict((test_id, 1) for test_id in STORM_TESTS), (final, second.log()[-6000:] if second else "")
    print("\nstorm, persistence %s: %d alert runs after the restart; kept: %s" % (persistence, runs_after_restart, kept))
    print("storm: %d webhooks on %d tests (all answered in %.1fs), quota %d per %d s; SIGKILL after %.1fs with %d snapshots (%s); restarted: "
          "%d tests snapshotted once, %d twice, %d never, %.1fs after the storm; whole test %.1fs"
          % (len(bodies), len(STORM_TESTS), posted_in, QUOTA["limit"], QUOTA["period"], killed_at, sum(at_kill.values()),
             ", ".join(sorted(at_kill)), sum(1 for count in final.values() if count == 1),
             sum(1 for count in final.values() if count > 1), len(STORM_TESTS) - len(final), done_at, time.time() - started))
