# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The shipped rulebook cisco.thousandeyes.snapshot_on_alert, unchanged, run by the real ansible-rulebook with its
# defaults (only te_api_url and the port set, through --vars), against the API simulator, with real webhook POSTs.
# One ansible-rulebook serves the whole module: each test uses tests no other test of the module alerts on (the
# simulator is reset before each test, so the snapshots an earlier test made are gone). Playbooks run on the ansible-core
# that runs this suite (its ansible-playbook comes first on PATH). rulebook_harness.py says what is needed.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import os
import re
import shutil
import time
from urllib.parse import quote

import pytest

from alert_events import BODIES, PAYMENTS, RULEBOOK_CLEARED, WEBSITE, CraftedEvent, alert_for, body_of, payload, short_temp_dir
from harness import BIN
from rulebook_harness import (
    RULEBOOK_VENV_HINT,
    Rulebook,
    ansible_rulebook_path,
    free_port,
    java_missing_reason,
)

INTERNAL_DNS = "281474976710709"
PAYMENTS_AGENT = "281474976710707"
PARTNER_CDN = "281474976710711"
LAB_PAYMENTS = "281474976710720"


def marked(title, test_id):
    """The title a private snapshot of an alert gets: its title, shortened to leave room in 255 characters for the
    evidence marker the playbook adds (" [te:<test>:alert-...]"); returns a pattern, the key being the alert's."""
    return re.compile(r"^%s \[te:%s:alert-[^\]]+\]\Z" % (re.escape(title), test_id))


def epoch(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


def rulebook_available():
    """Skip (with the reason printed) only where Java is missing; a missing ansible-rulebook is an error."""
    reason = java_missing_reason()
    if reason:
        print("\nSKIPPED: ansible-rulebook tests: %s" % reason)
        pytest.skip(reason)
    path = ansible_rulebook_path()
    if not os.access(path, os.X_OK):
        pytest.fail("ansible-rulebook not found at %s: %s" % (path, RULEBOOK_VENV_HINT), pytrace=False)


@pytest.fixture(scope="module")
def rulebook(collections_path, simulator, tmp_path_factory):
    rulebook_available()
    port = free_port()
    book = Rulebook("snapshot_on_alert", collections_path, str(tmp_path_factory.mktemp("eda")),
                    variables={"te_api_url": simulator.url, "webhook_port": port}, port=port)
    try:
        # Playbooks run on the core under test.
        assert book.playbook_executable() == os.path.join(BIN, "ansible-playbook")
        # The start-up sweep lists the simulator's alerts: over before the first test resets it and counts requests.
        book.wait_ready().wait_swept()
        print("\nansible-rulebook %s: webhook answering after %.1fs; playbooks run by %s"
              % (book.rulebook, book.ready_after, book.playbook_executable()))
        yield book
    finally:
        book.stop()


@pytest.fixture
def marker_dir():
    directory = short_temp_dir()
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def wait_for_snapshots(rulebook, sim, count, timeout=120):
    return rulebook.wait_for(lambda: len(sim.snapshots()) >= count and sim.snapshots(), "%d snapshot(s)" % count, timeout)


def test_triggered_alert_makes_one_private_snapshot_of_its_test_over_its_window(rulebook, sim):
    started = time.time() - 3 * 3600
    posted = time.time()
    status, _seconds = rulebook.post(payload(started_ago=3 * 3600))
    assert status == 200
    wait_for_snapshots(rulebook, sim, 1)
    print("\nalert to snapshot: %.1fs" % (time.time() - posted))
    rulebook.barrier()

    created = sim.snapshots()
    assert len(created) == 1, created
    snap = created[0]
    assert snap["source_test_id"] == WEBSITE and not snap["public"] and snap["window_hours"] == 4 and snap["api_version"] == "v7"
    # The window ends when the snapshot is made (to the minute): measured against the POST's own time, not the
    # test's clock after the barrier, which a loaded machine delays.
    made_at = epoch(sim.posts()[-1]["time"])
    assert epoch(snap["start_date"]) <= started and 0 <= made_at - epoch(snap["end_date"]) < 90, (made_at, snap)
    assert marked("ThousandEyes alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77 on Corporate Website: Default Page Load Alert Rule",
                  WEBSITE).match(snap["display_name"]), snap["display_name"]
    log = rulebook.log()
    assert "The alert started 3.0 hours ago: a 4-hour window covers it." in log
    assert log.count("Private snapshot (app link) for alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77, 4 hours") == 1


def test_cleared_alert_makes_nothing(rulebook, sim):
    cleared = alert_for(test_id=INTERNAL_DNS, alert_id="cleared-alert")
    cleared["type"] = "1"
    assert rulebook.post(cleared)[0] == 200
    rulebook.barrier()

    assert sim.snapshots() == [] and sim.requests() == []
    # No playbook runs for a cleared alert; the rulebook's output says it was ignored, and why.
    assert "cleared-alert" not in rulebook.log()
    assert RULEBOOK_CLEARED in rulebook.log()


@pytest.mark.parametrize("token", [None, "wrong-token-0123456789", "", "Basic"], ids=["missing", "wrong", "empty", "basic"])
def test_missing_or_wrong_webhook_token_gets_401_and_nothing(rulebook, sim, token):
    body = alert_for(test_id=PAYMENTS_AGENT, alert_id="refused-alert-%s" % token)
    if token == "Basic":
        status = rulebook.post(body, token=None, headers={"Authorization": "Basic %s" % rulebook.webhook_token})[0]
    else:
        status = rulebook.post(body, token=token)[0]
    assert status == 401
    rulebook.barrier()

    assert sim.snapshots() == [] and sim.requests() == []
    assert "refused-alert" not in rulebook.log()


def test_crafted_templates_in_every_string_are_never_evaluated(rulebook, sim, marker_dir):
    event = CraftedEvent(marker_dir, test_id=PAYMENTS)
    title = event.expected_title()
    assert len(title) <= 255
    headers = event.header_templates()
    path = "/" + quote(event.template("meta.endpoint"), safe="")
    assert rulebook.post(event.body, headers=headers, path=path)[0] == 200
    wait_for_snapshots(rulebook, sim, 1)
    rulebook.barrier()

    assert event.markers() == [], "templates evaluated in: %s" % event.markers()
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == PAYMENTS
    name = created[0]["display_name"]
    marker = name[name.rindex(" [te:%s:alert-" % PAYMENTS):]
    room = 255 - len(marker)
    assert name == (title if len(title) <= room else title[:room - 3].rstrip() + "...") + marker
    assert "Private snapshot (app link) for alert %s, 1 hours" % event.body["alert"]["id"] in rulebook.log()


def test_burst_of_alerts_on_one_test_makes_one_snapshot(rulebook, sim):
    statuses = [rulebook.post(alert_for(test_id=INTERNAL_DNS, alert_id="burst-%d" % index))[0] for index in range(6)]
    assert statuses == [200] * 6
    rulebook.barrier()

    created = sim.snapshots()
    assert [snap["source_test_id"] for snap in created] == [INTERNAL_DNS]
    assert "burst-0" in created[0]["display_name"]
    # The playbook ran for every alert, in order; the first made the snapshot, each other one found it and said so.
    assert re.findall(r"for alert (burst-[0-9]+), already exists", rulebook.log()) == ["burst-%d" % index for index in range(1, 6)]
    print("\nburst: 6 alerts on one test -> %d snapshot" % len(created))


def test_alert_without_a_start_time_gets_the_default_window(rulebook, sim):
    # By test ID in the Lab account group, which the alert rule names.
    assert rulebook.post(alert_for(test_id=LAB_PAYMENTS, account_id="5678", started_ago=None))[0] == 200
    wait_for_snapshots(rulebook, sim, 1)
    rulebook.barrier()  # the run is over before the next test uses the rulebook

    created = sim.snapshots()
    assert [(snap["source_test_id"], snap["aid"], snap["window_hours"]) for snap in created] == [(LAB_PAYMENTS, "5678", 4)]
    assert "no usable triggered time: snapshot of the last 4 hours" in rulebook.log()


def test_alerts_on_several_tests_beyond_the_quota_all_get_a_snapshot(rulebook, sim):
    # A quota of 2 snapshots per 30 s (the real one is 5 per 5 minutes), just used up by someone else: every
    # alert's snapshot must wait for the quota, and does, instead of being lost; an alert posted while a playbook
    # waits is accepted at once and runs in turn. (30 s: the first run's POST must come while the quota is still
    # used up, also when a loaded machine takes 15 s or more to start ansible-playbook.)
    sim.reset(snapshot_quota={"limit": 2, "period": 30})
    sim.snapshot_as_someone_else(WEBSITE)
    sim.snapshot_as_someone_else(WEBSITE)
    alerts = [alert_for(test_id=PAYMENTS_AGENT), alert_for(test_id=PARTNER_CDN), alert_for(test_name="Lab DNS", account_id="5678"),
              alert_for(test_name="Lab Gateway", account_id="5678")]
    start = time.time()
    for body in alerts[:3]:
        assert rulebook.post(body)[0] == 200
    # The first playbook has met the quota (HTTP 429) and is waiting: post the fourth alert now.
    rulebook.wait_for(lambda: any(entry["status"] == 429 for entry in sim.requests()), "an HTTP 429 from the quota")
    status, seconds = rulebook.post(alerts[3])
    assert status == 200 and seconds < 5, "an alert posted while a playbook waits must be accepted at once (%.1fs)" % seconds
    rulebook.wait_for(lambda: len(sim.snapshots()) >= 6, "the 4 alerts' snapshots", timeout=180)
    elapsed = time.time() - start
    rulebook.barrier()

    made = sorted(snap["source_test_id"] for snap in sim.snapshots() if snap["display_name"] != "someone else's")
    assert made == sorted([PAYMENTS_AGENT, PARTNER_CDN, "281474976710722", "281474976710721"])
    waits = [int(found) for found in re.findall(r"Waited ([0-9]+)s for the ThousandEyes API rate limit \(HTTP 429\)", rulebook.log())]
    assert len(waits) >= 1 and max(waits) >= 1, rulebook.log()[-4000:]
    assert re.search(r"\(waited [0-9.]+s for the API rate limit\)", rulebook.log())
    print("\nquota 2 per 30 s, used up by someone else: 4 alerts on 4 tests -> %d snapshots in %.1fs, none lost; waits for the "
          "quota: %s s; alert posted during a wait answered in %.2fs" % (len(made), elapsed, ", ".join(str(wait) for wait in waits), seconds))


def test_every_kind_of_body_gets_its_outcome_and_nothing_is_dropped_silently(collections_path, simulator, sim, tmp_path):
    # A rulebook of its own, started on a clean simulator.
    rulebook_available()
    port = free_port()
    book = Rulebook("snapshot_on_alert", collections_path, str(tmp_path), variables={"te_api_url": simulator.url, "webhook_port": port}, port=port)
    try:
        book.wait_ready()
        for kind in BODIES:
            assert book.post(body_of(kind, started_ago=3 * 3600))[0] == 200, kind
        # A burst of classic triggers on the test just alerted on: coalesced like custom ones.
        classic = [kind for kind in BODIES if kind.name == "alert_classic_trigger.json"][0]
        for index in range(3):
            again = body_of(classic, started_ago=600)
            again["alert"]["alertId"] = "classic-burst-%d" % index
            assert book.post(again)[0] == 200
        # Something that is no ThousandEyes alert at all.
        assert book.post({"hello": "world"})[0] == 200
        book.barrier(timeout=240)
        log = book.log()
    finally:
        book.stop()

    expected = sorted((kind.test_id, kind.aid or "1234", False, 4) for kind in BODIES if kind.outcome == "snapshot")
    made = sorted((snap["source_test_id"], snap["aid"] or "1234", snap["public"], snap["window_hours"]) for snap in sim.snapshots())
    assert made == expected, log[-6000:]
    for kind in BODIES:
        assert kind.rulebook_says in log, "%s: %r not in the rulebook's output:\n%s" % (kind.name, kind.rulebook_says, log[-6000:])
    assert log.count(RULEBOOK_CLEARED) == 2
    # Classic triggers on a test just snapshotted: each one runs, finds that snapshot and says so (no second one).
    assert len(re.findall(r"for alert classic-burst-[0-9], already exists", log)) == 3, log[-6000:]
    assert "Event ignored: not a ThousandEyes alert notification this rulebook knows" in log
    # Only the barrier's playbook run failed.
    assert log.count("ansible_rulebook.action.run_playbook - ERROR - ") == 1, log[-6000:]
    print("\n%d bodies (%d kinds of body) through the shipped rulebook: %d snapshots, every other one shown with its reason"
          % (len(BODIES) + 4, len(BODIES), len(made)))


def test_a_failed_run_does_not_lock_its_test_out(rulebook, sim):
    # The snapshot POST of the first alert gets a 503 (maintenance): that run fails and makes nothing. A new alert on
    # the same test 1 s later must get its snapshot (a throttle used to drop it for 15 minutes, silently).
    sim.script({"kind": "maintenance", "times": 1, "match": {"method": "POST"}})
    assert rulebook.post(alert_for(test_id=PARTNER_CDN, alert_id="fails-first"))[0] == 200
    rulebook.wait_for(lambda: any(entry["status"] == 503 for entry in sim.requests()), "the 503 of the first run")
    time.sleep(1)
    assert rulebook.post(alert_for(test_id=PARTNER_CDN, alert_id="then-succeeds"))[0] == 200
    made = wait_for_snapshots(rulebook, sim, 1)
    rulebook.barrier()

    assert [snap["source_test_id"] for snap in sim.snapshots()] == [PARTNER_CDN]
    assert made[0]["display_name"].endswith(":alert-then-succeeds]")
    assert "Private snapshot (app link) for alert then-succeeds" in rulebook.log()


def test_one_alert_as_custom_and_classic_bodies_and_its_replay_make_one_snapshot(rulebook, sim):
    # alert_classic_trigger.json (classic: alert.alertId, testId) and the custom body of the same alert (alert.id,
    # alert.test.id): one incident. Then the classic body again, as a replay.
    classic = body_of([kind for kind in BODIES if kind.name == "alert_classic_trigger.json"][0], started_ago=1800)
    custom = alert_for(test_id=INTERNAL_DNS, alert_id=classic["alert"]["alertId"], started_ago=1800)
    for body in (custom, classic, classic):
        assert rulebook.post(body)[0] == 200
    rulebook.barrier()

    created = sim.snapshots()
    assert [snap["source_test_id"] for snap in created] == [INTERNAL_DNS], created
    log = rulebook.log()
    assert log.count("for alert %s, already exists, made " % classic["alert"]["alertId"]) == 2, log[-4000:]
    print("\none alert as a custom and a classic body, then replayed: %d snapshot" % len(created))
