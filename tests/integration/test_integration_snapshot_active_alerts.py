# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The incident playbook cisco.thousandeyes.snapshot_active_alerts, run by name with ansible-playbook against the API
# simulator with active alerts on several tests: two alerts on one test, an agent alert, an Endpoint Agent alert, and
# more tests than the snapshot quota lets through at once.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import collections
import re
import time

from harness import ansible_warnings, run_collection_playbook

PAYMENTS = "281474976710706"  # "Payments API" (http-server), aid 1234
WEBSITE = "281474976710708"   # "Corporate Website" (page-load), aid 1234
DNS = "281474976710709"       # "Internal DNS" (dns-server), aid 1234
ENDPOINT = "281474976710712"  # "Laptop SaaS reachability", an Endpoint Agent test
TEMPLATE_ID = "{{ 7 * 7 }}-payments-early"


def iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def epoch(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


def alert(alert_id, alert_type, minutes_ago, test_id=None):
    """An active alert as GET /v7/alerts lists one (thousandeyes-sdk-alerts models/alert.py, Alert and AlertLinks; the
    test's ID is the last segment of _links.test.href), for POST /_sim/alerts."""
    body = {"id": alert_id, "alertType": alert_type, "startDate": iso(time.time() - minutes_ago * 60), "alertSeverity": "major"}
    if test_id:
        body["_links"] = {"test": {"href": "https://api.thousandeyes.com/v7/tests/%s" % test_id}}
    return body


INCIDENT = [
    alert("payments-late", "http-server", 30, PAYMENTS),
    # The earliest alert of Payments API sets its window (3 hours ago: 4 hours); its ID holds a template, which is data.
    alert(TEMPLATE_ID, "http-server", 180, PAYMENTS),
    alert("website", "page-load", 90, WEBSITE),
    alert("agent-offline", "agent", 60),
    alert("dns", "dns-server", 10, DNS),
    alert("laptop", "endpoint-http-server", 20, ENDPOINT),
]


def add_alerts(sim, alerts):
    for body in alerts:
        sim.admin("POST", "alerts", body)


def play(runner, *args, **variables):
    return run_collection_playbook(runner, "snapshot_active_alerts", variables, *args)


def test_one_snapshot_per_alerting_test_within_the_quota(runner, sim):
    # Two snapshots per 10 seconds: the third test waits for the quota. (Its POST comes within a second or two of the
    # first's; 10 s leaves room for a loaded machine.)
    sim.reset(snapshot_quota={"limit": 2, "period": 10})
    add_alerts(sim, INCIDENT)
    started = time.time()
    result = play(runner)
    elapsed = time.time() - started
    assert result.rc == 0, result.output

    created = sim.snapshots()
    by_test = collections.Counter(snap["source_test_id"] for snap in created)
    # One per test with a test the snapshot API takes: none lost, none twice, none for the agent or Endpoint alert.
    assert by_test == {PAYMENTS: 1, WEBSITE: 1, DNS: 1}, created
    windows = dict((snap["source_test_id"], snap["window_hours"]) for snap in created)
    assert windows == {PAYMENTS: 4, WEBSITE: 2, DNS: 1}
    assert not any(snap["public"] for snap in created)
    payments = [snap for snap in created if snap["source_test_id"] == PAYMENTS][0]
    assert payments["display_name"].startswith("ThousandEyes alert %s on Payments API since " % TEMPLATE_ID)
    assert epoch(payments["start_date"]) <= time.time() - 180 * 60
    # The quota was met and waited out: one refused POST, then the same snapshot once.
    posts = sim.posts()
    assert [post["status"] for post in posts].count(429) >= 1 and [post["status"] for post in posts].count(201) == 3
    assert elapsed >= 1 and "waited" in result.output and "snapshot quota" in result.output

    assert "ThousandEyes alert agent-offline (agent) skipped: an agent notification" in result.output
    assert "ThousandEyes alert laptop (endpoint-http-server) skipped: an Endpoint Agent test" in result.output
    assert "49-payments-early" not in result.output
    # The only warnings: the snapshot module's for each wait for the quota (HTTP 429). Skipped alerts are the job's lines.
    warnings = ansible_warnings(result.output)
    assert warnings and all(re.match(r"\[WARNING\]: Waited \d+s for the ThousandEyes API rate limit \(HTTP 429\)", line)
                            for line in warnings), warnings

    links = result.stats["thousandeyes_snapshots"]
    assert sorted(link["test_id"] for link in links) == sorted([PAYMENTS, WEBSITE, DNS])
    payments_link = [link for link in links if link["test_id"] == PAYMENTS][0]
    assert sorted(payments_link["alert_ids"]) == sorted(["payments-late", TEMPLATE_ID])
    assert payments_link["url"].startswith("https://app.thousandeyes.com/") and payments_link["hours"] == 4
    assert set(link["snapshot_id"] for link in links) == set(snap["id"] for snap in created)


def test_te_dashboard_makes_one_dashboard_snapshot_over_the_incident_first(runner, sim):
    sim.reset(snapshot_quota={"limit": 2, "period": 5})
    add_alerts(sim, INCIDENT)
    result = play(runner, te_dashboard="Production Overview")
    assert result.rc == 0, result.output

    (dashboard,) = sim.admin("GET", "dashboard-snapshots")["dashboard_snapshots"]
    assert dashboard["dashboard_id"] == "646f4d2ce3c99b0536c3821e"
    # The window starts at the earliest alert (on Payments API), rounded down to the minute, and ends now. (INCIDENT's
    # starts are fixed when this module is imported, minutes before this test may run in a full session.)
    earliest = min(epoch(body["startDate"]) for body in INCIDENT)
    assert epoch(dashboard["start_date"]) == earliest - earliest % 60
    assert epoch(dashboard["end_date"]) > time.time() - 180
    assert dashboard["display_name"].startswith("ThousandEyes incident since ")
    # It was made first, then the per-test snapshots, each once.
    created = [(entry["path"], entry["status"]) for entry in sim.requests() if entry["method"] == "POST" and entry["status"] == 201]
    assert created[0] == ("/v7/dashboard-snapshots", 201) and len(created) == 4
    assert collections.Counter(snap["source_test_id"] for snap in sim.snapshots()) == {PAYMENTS: 1, WEBSITE: 1, DNS: 1}

    links = result.stats["thousandeyes_snapshots"]
    assert links[0]["snapshot_id"] == dashboard["snapshot_id"] and links[0]["url"].endswith(dashboard["snapshot_id"])
    assert sorted(link.get("test_id") for link in links[1:]) == sorted([PAYMENTS, WEBSITE, DNS])
    summary = result.output[result.output.index("Snapshots of 3 of 3 alerting tests"):]
    assert "Dashboard Production Overview from " in summary
    assert summary.index("Dashboard Production Overview") < summary.index("Payments API")

    # Run again for the same incident: the dashboard snapshot is found by its name, not made twice.
    again = play(runner, te_dashboard="646f4d2ce3c99b0536c3821e")
    assert again.rc == 0, again.output
    assert len(sim.admin("GET", "dashboard-snapshots")["dashboard_snapshots"]) == 1
    assert "(already made by an earlier run)" in again.output


def test_check_mode_lists_the_tests_and_creates_nothing(runner, sim):
    add_alerts(sim, INCIDENT)
    result = play(runner, "--check")
    assert result.rc == 0, result.output
    assert sim.snapshots() == [] and sim.posts() == []
    assert "Check mode, nothing is created: 4 alerts on 3 tests to snapshot; 2 alerts skipped" in result.output
    for name in ("Payments API: snapshot of the last 4 hours for 2 alerts", "Corporate Website: snapshot of the last 2 hours",
                 "Internal DNS: snapshot of the last 1 hour"):
        assert name in result.output
    assert "check mode: not created" in result.output
    assert "Snapshots of 0 of 3 alerting tests: 0 created, 0 already existed (check mode: none created)" in result.output
    assert result.stats["thousandeyes_snapshots"] == []


def test_run_again_it_creates_nothing_and_says_which_snapshots_already_exist(runner, sim):
    add_alerts(sim, INCIDENT)
    first = play(runner)
    assert first.rc == 0, first.output
    made = sim.snapshots()
    assert len(made) == 3 and "Snapshots of 3 of 3 alerting tests: 3 created, 0 already existed" in first.output
    # The key is in each private snapshot's title: the test and the ID of its first alert (Payments API: the earlier one,
    # whose ID is not a key's characters, so its hash).
    titles = dict((snap["source_test_id"], snap["display_name"]) for snap in made)
    assert titles[WEBSITE].endswith(" [te:%s:alert-website]" % WEBSITE) and titles[DNS].endswith(" [te:%s:alert-dns]" % DNS)
    assert titles[PAYMENTS].startswith("ThousandEyes alert %s on Payments API since " % TEMPLATE_ID)
    assert titles[PAYMENTS].endswith("]") and " [te:%s:alert-h" % PAYMENTS in titles[PAYMENTS]

    second = play(runner)
    assert second.rc == 0, second.output
    assert sim.snapshots() == made  # nothing created
    assert len(sim.posts()) == 3  # the first run's: the second sent none
    assert "Snapshots of 3 of 3 alerting tests: 0 created, 3 already existed" in second.output
    assert second.output.count("(already exists, made ") == 3
    links = second.stats["thousandeyes_snapshots"]
    assert sorted((link["test_id"], link["state"]) for link in links) == sorted(
        [(PAYMENTS, "already exists"), (WEBSITE, "already exists"), (DNS, "already exists")])
    assert set(link["snapshot_test_id"] for link in links) == set(snap["test_id"] for snap in made)

    # A check-mode run says the same and creates nothing.
    check = play(runner, "--check")
    assert check.rc == 0 and sim.snapshots() == made
    assert "Snapshots of 3 of 3 alerting tests: 0 created, 3 already existed (check mode: none created)" in check.output

    # The incident ends; a new one on Internal DNS (another first alert) is other evidence and gets its own snapshot.
    sim.admin("DELETE", "alerts")
    add_alerts(sim, [alert("dns-again", "dns-server", 5, DNS)])
    third = play(runner)
    assert third.rc == 0, third.output
    new = [snap for snap in sim.snapshots() if snap not in made]
    assert [(snap["source_test_id"], snap["display_name"].endswith(":alert-dns-again]")) for snap in new] == [(DNS, True)]
    assert "Snapshots of 1 of 1 alerting tests: 1 created, 0 already existed" in third.output


def test_no_alerts_no_snapshots(runner, sim):
    result = play(runner)
    assert result.rc == 0, result.output
    assert sim.snapshots() == []
    assert result.stats["thousandeyes_snapshots"] == []
    assert "0 alerts on 0 tests to snapshot" in result.output


def test_a_snapshot_that_fails_is_reported_the_others_are_made_and_the_job_fails(runner, sim):
    # The quota is used up and waiting is not allowed: Corporate Website is refused, Payments API is made first.
    sim.reset(snapshot_quota={"limit": 1, "period": 300})
    add_alerts(sim, INCIDENT[:3])
    result = play(runner, te_rate_limit_wait="0")
    assert result.rc != 0
    created = sim.snapshots()
    assert [snap["source_test_id"] for snap in created] == [PAYMENTS]
    assert "FAILED Corporate Website" in result.output
    assert "1 of 2 snapshots failed" in result.output


def test_answers_are_data_and_a_bad_one_fails_before_any_request(runner, sim, tmp_path):
    add_alerts(sim, INCIDENT[2:3])
    marker = tmp_path / "marker"
    # As AWX passes survey answers: extra variables, here with templates in them.
    title = "{{ lookup('pipe', 'touch %s') }} {test}" % marker
    result = play(runner, te_title_format=title, te_aid="1234", te_public="false", te_fallback_hours="4")
    assert result.rc == 0, result.output
    (created,) = sim.snapshots()
    assert created["display_name"] == "{{ lookup('pipe', 'touch %s') }} Corporate Website [te:%s:alert-website]" % (marker, WEBSITE)
    assert not marker.exists()

    sim.reset()
    result = play(runner, te_aid="{{ 1234 }}", te_fallback_hours="5")
    assert result.rc != 0
    assert "Survey answer te_aid must be the account group ID, digits only" in result.output
    assert "Survey answer te_fallback_hours must be one of 1, 2, 4, 6, 12, 24, 48 hours" in result.output
    assert sim.requests() == []


def test_the_job_says_how_long_the_quota_makes_it_and_can_be_capped(runner, sim):
    # Issue 23: 200 alerting tests started a job of over 3 hours at the real quota with no estimate and no cap.
    sim.reset(snapshot_quota={"limit": 100, "period": 300})
    add_alerts(sim, INCIDENT)
    result = play(runner, te_max_snapshots="2")
    assert result.rc == 0, result.output
    assert "2 snapshots: within the snapshot quota (5 per organisation per 5 minutes)" in result.output
    # Tests in the order of their first alert: Payments API and Corporate Website; Internal DNS is beyond the cap.
    assert sorted(snap["source_test_id"] for snap in sim.snapshots()) == sorted([PAYMENTS, WEBSITE])
    assert "ThousandEyes alert dns (dns-server) skipped: its test is beyond max_snapshots=2 (te_max_snapshots)" in result.output
    assert "Snapshots of 2 of 2 alerting tests: 2 created, 0 already existed; 3 alerts skipped" in result.output
