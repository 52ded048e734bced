# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The Event-Driven Ansible playbook cisco.thousandeyes.snapshot_alert, run by name with ansible-playbook and the
# event in a file (-e @event.json, the extra variable ansible_eda that ansible-rulebook passes), against the API
# simulator, on whichever ansible-core runs this suite. test_integration_eda*.py run it through the real
# ansible-rulebook.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import json
import math
import os
import re
import shutil
import time

import pytest

from alert_events import AWKWARD_TEXT, BODIES, PAYMENTS, WEBSITE, CraftedEvent, alert_for, body_of, payload, short_temp_dir
from harness import CUSTOM_STATS, ansible_warnings, run_collection_playbook

SHARE_URL = "https://%s.share.thousandeyes.com/"
DEFAULT_TITLE = "ThousandEyes alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77 on Corporate Website: Default Page Load Alert Rule"


def play(runner, *args, **variables):
    """ansible-playbook cisco.thousandeyes.snapshot_alert with the simulator's URL, the given variables and arguments."""
    return run_collection_playbook(runner, "snapshot_alert", variables, *args)


def alert(runner, body, *args, **variables):
    """The playbook with the event in a file, as `-e @event.json` (ansible-rulebook passes the same)."""
    return alert_event(runner, {"ansible_eda": {"event": {"payload": body, "meta": {"endpoint": "", "headers": {"Content-Type": "application/json"}}}}},
                       *args, **variables)


def alert_event(runner, extra_vars, *args, **variables):
    event_file = os.path.join(runner.work_dir, "event-%d.json" % int(time.time() * 1000000))
    with open(event_file, "w") as handle:
        json.dump(extra_vars, handle)
    return play(runner, "-e", "@" + event_file, *args, **variables)


def own_title(snap):
    """A private snapshot's title without the evidence marker the playbook adds at its end (" [te:<test>:alert-<id>]")."""
    found = re.match(r"^(.*) \[te:%s:alert-[^\]]+\]\Z" % snap["source_test_id"], snap["display_name"], re.DOTALL)
    assert found, "no evidence marker at the end of %r" % snap["display_name"]
    return found.group(1)


def epoch(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


@pytest.fixture
def marker_dir():
    directory = short_temp_dir()
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.parametrize("started_ago, hours, note", [
    (30 * 60, 1, "minutes ago: a 1-hour window covers it"),
    (3 * 3600, 4, "3.0 hours ago: a 4-hour window covers it"),
    (4 * 3600 + 300, 6, "a 6-hour window covers it"),
    (3 * 86400, 48, "more than the 48 hours a snapshot can cover"),
], ids=["30min-1h", "3h-4h", "4h05-6h", "3days-48h"])
def test_alert_gets_the_smallest_window_covering_its_start(runner, sim, started_ago, hours, note):
    started = time.time() - started_ago
    result = alert(runner, payload(started_ago=started_ago))

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1, created
    snap = created[0]
    # Private by default.
    assert snap["window_hours"] == hours and snap["source_test_id"] == WEBSITE and not snap["public"]
    start, end = epoch(snap["start_date"]), epoch(snap["end_date"])
    assert end <= time.time() and time.time() - end < 120
    if hours < 48:
        assert start <= started, "the window must reach back to the alert's start"
    assert note in result.output
    assert own_title(snap) == DEFAULT_TITLE
    assert "Private snapshot (app link) for alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77, %d hours" % hours in result.output
    # ansible-core 2.16 templates the number as a string.
    assert result.stats["thousandeyes_snapshot_url"].startswith("https://app.thousandeyes.com/") and int(result.stats["thousandeyes_snapshot_hours"]) == hours
    assert result.stats["thousandeyes_alert_id"] == "c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77"
    # The test was found by name: one GET of the tests list, then the one POST.
    assert [entry["method"] for entry in sim.requests()] == ["GET", "POST"]
    assert ansible_warnings(result.output) == []


@pytest.mark.parametrize("kind", BODIES, ids=repr)
def test_every_kind_of_body_gets_its_outcome(runner, sim, kind):
    # One body per kind ThousandEyes sends (alert_events.BODIES names each one's source): a private snapshot of the
    # right test over a window covering the alert, or a green job with one line saying why there is none.
    started = time.time() - 3 * 3600
    result = alert(runner, body_of(kind, started_ago=3 * 3600))

    assert result.rc == 0, result.output
    assert kind.says in result.output, result.output
    created = sim.snapshots()
    if kind.outcome == "snapshot":
        assert [(snap["source_test_id"], snap["public"], snap["window_hours"]) for snap in created] == [(kind.test_id, False, 4)], created
        assert epoch(created[0]["start_date"]) <= started
        if kind.aid:
            assert created[0]["aid"] == kind.aid
        assert result.stats["thousandeyes_snapshot_id"] == created[0]["id"]
    else:
        assert created == [] and sim.requests() == [], sim.requests()
        assert not CUSTOM_STATS.findall(result.output)
        # One line says what the alert was and why nothing is taken; no failure, no window.
        assert result.output.count(kind.says) == 1 and "failed=0" in result.output
        assert "window covers it" not in result.output


def test_an_html_escaped_test_name_is_found_and_the_job_says_it_was_decoded(runner, sim):
    html_escaped = [kind for kind in BODIES if kind.name == "alert_generic_html_escaped.json"][0]
    result = alert(runner, body_of(html_escaped, started_ago=600))

    assert result.rc == 0, result.output
    # ansible-core 2.16 wraps warnings at the terminal's width.
    assert ("no test is named 'Checkout &amp; Payments'; used test %s named 'Checkout & Payments', the name with its HTML entities decoded"
            % html_escaped.test_id) in " ".join(result.output.split()), result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == html_escaped.test_id
    # The title keeps the alert's text as sent.
    assert own_title(created[0]) == "ThousandEyes alert 0f6e2a9c-4b71-4d38-a5e0-8c2f1b7d3e94 on Checkout &amp; Payments: Default HTTP Alert Rule"


def test_public_share_link_is_one_variable_away(runner, sim):
    # A survey or an environment variable gives a string.
    result = alert(runner, payload(started_ago=600), te_public="true")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["public"]
    link = SHARE_URL % created[0]["id"]
    assert "Public share link for alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77, 1 hours" in result.output and link in result.output
    assert result.stats["thousandeyes_snapshot_url"] == link


def test_alert_with_test_id_uses_it(runner, sim):
    # "Payments API" names two tests: only the ID can pick the right one.
    result = alert(runner, payload("alert_event_with_test_id.json", started_ago=90 * 60))

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == PAYMENTS and created[0]["window_hours"] == 2
    # One GET: the tests list, read for an earlier snapshot of this alert (and to check the test), then the POST.
    assert [entry["method"] for entry in sim.requests()] == ["GET", "POST"]


def test_cleared_alert_creates_nothing(runner, sim):
    result = alert(runner, payload(started_ago=3600, type="1"))

    assert result.rc == 0, result.output
    assert "was cleared (notification type 1): no snapshot is created" in result.output
    assert sim.snapshots() == [] and sim.requests() == []
    assert not CUSTOM_STATS.findall(result.output)


def test_numeric_type_and_title_format(runner, sim):
    result = alert(runner, payload(started_ago=600, type=2), te_title_format="{severity} {alert_type} on {test} ({test_id}) [{window_hours}h] {rule_name}")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1
    assert own_title(created[0]) == "major page-load on Corporate Website () [1h] Default Page Load Alert Rule"


def test_invisible_characters_in_alert_text_become_spaces_in_the_title(runner, sim):
    # A zero-width space, a direction override, a line separator and a C1 control, as a pasted rule name may carry:
    # the snapshot module refuses them in a title, so the alert's title has a space for each run of them.
    body = alert_for(test_id=PAYMENTS, alert_id="a-1", rule_name="Latency\u200b\u202eover\u2028target\x85")
    result = alert(runner, body)

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == PAYMENTS
    assert own_title(created[0]) == "ThousandEyes alert a-1 on test %s: Latency over target" % PAYMENTS


def test_title_format_has_no_attribute_or_index_access(runner, sim):
    result = alert(runner, payload(started_ago=600), te_title_format="{test} {alert.test.name} {test.__class__} {test[0]} {0}")

    assert result.rc == 0, result.output
    assert own_title(sim.snapshots()[0]) == "Corporate Website {alert.test.name} {test.__class__} {test[0]} {0}"


def test_title_format_with_an_unknown_placeholder_fails_before_any_request(runner, sim):
    result = alert(runner, payload(started_ago=600), te_title_format="{test} {nope} {alert}")

    assert result.rc != 0
    assert "Option title_format: unknown placeholders {alert}, {nope}; allowed: {alert_id}, {alert_type}, {severity}, {test}" in result.output, \
        result.output
    assert sim.requests() == []


def test_account_group_from_the_alert_rule_or_te_aid(runner, sim):
    body = alert_for(test_name="Lab DNS", account_id="5678")
    result = alert(runner, body)
    assert result.rc == 0, result.output

    other = alert_for(test_name="Lab Gateway")
    result = alert(runner, other, te_aid="5678")
    assert result.rc == 0, result.output

    created = sim.snapshots()
    assert [(snap["aid"], snap["source_test_id"]) for snap in created] == [("5678", "281474976710722"), ("5678", "281474976710721")]


def test_alert_without_a_start_time_uses_the_fallback_window(runner, sim):
    body = payload()
    del body["alert"]["triggered"]
    result = alert(runner, body, te_fallback_hours="6")
    # Another alert on the test, not coalesced with the first, so that it makes its own snapshot.
    other = dict(body, alert=dict(body["alert"], id="c1f5b4f3-second-alert"))
    default = alert(runner, other, te_coalesce_minutes="0")

    assert result.rc == 0 and default.rc == 0, result.output + default.output
    assert "no usable triggered time: snapshot of the last 6 hours" in result.output
    assert "no usable triggered time: snapshot of the last 4 hours" in default.output
    assert [snap["window_hours"] for snap in sim.snapshots()] == [6, 4]


def test_fallback_window_the_api_does_not_allow_fails_before_any_request(runner, sim):
    result = alert(runner, payload(), te_fallback_hours="5")

    assert result.rc != 0
    assert "Option fallback_hours (te_fallback_hours): 5 is not a window ThousandEyes API v7 allows; allowed: 1, 2, 4, 6, 12, 24, 48." in result.output
    assert sim.requests() == []


def test_alert_check_mode_creates_nothing(runner, sim):
    result = alert(runner, payload(started_ago=600), "--check")

    assert result.rc == 0, result.output
    assert "(none in check mode)" in result.output
    assert sim.snapshots() == [] and sim.posts() == []


def test_empty_variables_mean_their_defaults(runner, sim):
    # ansible-rulebook forwards an unset variable as an empty string.
    result = alert(runner, payload(started_ago=600), te_public="", te_title_format="", te_fallback_hours="", te_api_version="",
                   te_rate_limit_wait="", te_aid="")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and not created[0]["public"] and own_title(created[0]) == DEFAULT_TITLE
    assert created[0]["api_version"] == "v7" and created[0]["aid"] == "1234"


def test_api_version_v6(runner, sim):
    result = alert(runner, alert_for(test_id="281474976710709"), te_api_version="v6", te_public="yes")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["api_version"] == "v6" and created[0]["public"]


def test_a_snapshot_waits_for_the_quota_and_says_so(runner, sim):
    # The organisation's snapshot quota is used up for 3 more seconds: the playbook waits it out (te_rate_limit_wait,
    # default 900 s) instead of losing the alert, and the job output says that it waited.
    sim.script({"kind": "rate_limit", "reset_in": 3, "match": {"method": "POST"}})
    result = alert(runner, payload(started_ago=600))

    assert result.rc == 0, result.output
    assert len(sim.snapshots()) == 1
    waited = re.search(r"Waited ([0-9]+)s for the ThousandEyes API rate limit \(HTTP 429\)", result.output)
    assert waited and int(waited.group(1)) >= 2, result.output
    assert re.search(r"\(waited [0-9.]+s for the API rate limit\)", result.output), result.output


def test_after_a_quota_wait_the_window_ends_when_the_snapshot_is_made_and_still_covers_the_start(runner, sim):
    # The quota (1 snapshot per period here) is used up by someone else until just past the next minute, so the
    # playbook plans its window in one minute and creates the snapshot in the next. The alert started 59 min 40 s
    # before the planned end: planned, 1 hour covers it; made a minute later, only 2 hours do. A window fixed when
    # planned would end a minute early (the minutes spent waiting missing) and the job would report 1 hour.
    for attempt in (1, 2):
        if time.time() % 60 > 15:
            # Leave the playbook at least 45 s to plan before the minute turns, even on a loaded machine.
            time.sleep(61 - time.time() % 60)
        planned_end = int(time.time()) // 60 * 60
        next_minute = planned_end + 60
        sim.reset(snapshot_quota={"limit": 1, "period": int(math.ceil(next_minute - time.time())) + 3})
        sim.snapshot_as_someone_else(PAYMENTS)
        started = planned_end - 3600 + 20
        result = alert(runner, payload(started_ago=time.time() - started))
        posts = sim.posts()
        first_own_post = epoch(posts[1]["time"]) if len(posts) > 1 else None
        if first_own_post is not None and first_own_post < next_minute:
            break
        # The playbook's first POST came only after the minute turned (a machine too busy to plan in 45 s): the
        # scenario did not happen, which says nothing of the window; once more, from the next minute's start.
        print("\nattempt %d: the playbook's first POST came at %s, after the minute turned: once more" % (attempt, first_own_post))
    else:
        pytest.fail("the playbook never planned within 45 s of a minute's start: %r" % posts)

    assert result.rc == 0, result.output
    assert "a 1-hour window covers it" in result.output, result.output
    assert re.search(r"Waited ([0-9]+)s for the ThousandEyes API rate limit \(HTTP 429\)", result.output), result.output
    assert [entry["status"] for entry in posts] == [201, 429, 201], posts
    made = [snap for snap in sim.snapshots() if snap["source_test_id"] == WEBSITE]
    assert len(made) == 1, made
    snap = made[0]
    assert epoch(snap["end_date"]) >= next_minute, "the window ends when the snapshot is made: %r" % snap
    assert epoch(snap["start_date"]) <= started and snap["window_hours"] == 2, snap
    assert own_title(snap) == DEFAULT_TITLE
    assert "Private snapshot (app link) for alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77, 2 hours" in result.output, result.output


def test_rate_limit_wait_is_settable(runner, sim):
    sim.script({"kind": "rate_limit", "reset_in": 30, "match": {"method": "POST"}})
    result = alert(runner, payload(started_ago=600), te_rate_limit_wait="2")

    assert result.rc != 0
    assert "would pass rate_limit_wait=2s" in result.output, result.output
    assert sim.snapshots() == []


def test_crafted_templates_in_every_string_of_the_event_are_never_evaluated(runner, sim, marker_dir):
    # The event comes from the network and Ansible templates extra variables: on every ansible-core, no string of
    # it may be evaluated, whether the playbook uses it (test name, rule name, alert ID go into the title) or not
    # (any other field, at any depth, including keys and fields ThousandEyes does not send, and the headers).
    event = CraftedEvent(marker_dir)
    title = event.expected_title()
    assert len(title) <= 255, "the crafted title must fit the API's 255 characters to be compared whole"
    result = alert_event(runner, event.as_extra_vars())

    assert result.rc == 0, result.output
    assert event.markers() == [], "templates evaluated in: %s" % event.markers()
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == PAYMENTS
    # The evidence marker ends the title; the title's own part is shortened with "..." to leave it room in 255.
    name = created[0]["display_name"]
    marker = name[name.rindex(" [te:%s:alert-h" % PAYMENTS):]
    room = 255 - len(marker)
    assert name == (title if len(title) <= room else title[:room - 3].rstrip() + "...") + marker and len(name) <= 255
    assert AWKWARD_TEXT in name
    assert event.body["alert"]["id"] in result.output
    assert result.stats["thousandeyes_alert_id"] == event.body["alert"]["id"]


def test_crafted_templates_in_the_operator_title_format_values_stay_literal(runner, sim, marker_dir):
    event = CraftedEvent(marker_dir)
    result = alert_event(runner, event.as_extra_vars(), te_title_format="{severity} | {alert_type} | {started}")

    assert result.rc == 0, result.output
    assert event.markers() == []
    alert_body = event.body["alert"]
    started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(alert_body["triggered"] // 1000))
    assert own_title(sim.snapshots()[0]) == "%s | %s | %s" % (alert_body["severity"], alert_body["type"], started)


@pytest.mark.parametrize("variables, message", [
    ({}, "No ThousandEyes alert event"),
    ({"ansible_eda": {"event": {"payload": {"type": "2", "alert": {"id": "1", "test": {}}}}}}, "neither alert.test.id nor alert.test.name"),
    ({"ansible_eda": {"event": {"payload": {"type": "3", "alert": {"id": "1", "test": {"name": "x"}}}}}}, "for a triggered alert and"),
], ids=["no-event", "no-test", "unknown-type"])
def test_bad_events_fail_clearly_before_any_request(runner, sim, variables, message):
    result = play(runner, **variables)

    assert result.rc != 0 and message in result.output, result.output
    assert sim.requests() == []


def test_sample_payloads_have_the_generic_preset_shape():
    for name in ("alert_event.json", "alert_event_with_test_id.json"):
        body = payload(name)
        assert set(body) == {"id", "type", "alert"} and body["type"] in ("1", "2")
        assert set(body["alert"]) == {"id", "type", "severity", "test", "targets", "rule", "triggered"}
        assert set(body["alert"]["rule"]) == {"id", "name", "expression", "notes"}
        assert isinstance(body["alert"]["test"]["labels"], list) and isinstance(body["alert"]["triggered"], int)
    assert "id" not in payload("alert_event.json")["alert"]["test"], "the Generic preset carries no test ID"


def test_one_alert_as_a_custom_and_a_classic_body_and_a_replay_make_one_snapshot(runner, sim):
    # The classic body of alert d3c1b2a0-... (alert_classic_trigger.json: alert.alertId, testId 281474976710709) and
    # the custom body the same alert gives (alert.id, alert.test.id): one incident, so one private snapshot.
    classic = body_of([kind for kind in BODIES if kind.name == "alert_classic_trigger.json"][0], started_ago=3600)
    alert_id = classic["alert"]["alertId"]
    custom = alert_for(test_id="281474976710709", alert_id=alert_id, started_ago=3600)
    first = alert(runner, custom)
    assert first.rc == 0, first.output
    (made,) = sim.snapshots()
    assert made["display_name"].endswith(" [te:281474976710709:alert-%s]" % alert_id)
    assert first.stats["thousandeyes_snapshot_existed"] in (False, "False")

    for body in (classic, classic):  # the classic body, then the same body replayed
        again = alert(runner, body)
        assert again.rc == 0, again.output
        assert sim.snapshots() == [made]
        assert "for alert %s, already exists, made " % alert_id in again.output
        assert again.stats["thousandeyes_snapshot_existed"] in (True, "True")
        assert again.stats["thousandeyes_snapshot_url"].startswith("https://app.thousandeyes.com/view/tests/?testId=%s" % made["test_id"])
    # Each run read the tests list once; only the first one sent a POST.
    assert [entry["method"] for entry in sim.requests()] == ["GET", "POST", "GET", "GET"]

    # Another alert on the same test within te_coalesce_minutes (default 15) shares the snapshot; with 0 it is its own.
    other_alert = alert_for(test_id="281474976710709", alert_id="5b0c7e1a-another-incident", started_ago=600)
    coalesced = alert(runner, other_alert)
    assert coalesced.rc == 0 and sim.snapshots() == [made], coalesced.output
    assert "for alert 5b0c7e1a-another-incident, already exists, made " in coalesced.output
    own = alert(runner, other_alert, te_coalesce_minutes="0")
    assert own.rc == 0, own.output
    assert [snap["display_name"].endswith(":alert-5b0c7e1a-another-incident]") for snap in sim.snapshots()] == [False, True]
