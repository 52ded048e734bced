# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# From alerts (as alert_info returns them) to one snapshot plan per test: dedupe, earliest start, the EDA path's
# window and title, the alerts set aside, and bad options.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils import _alert_event
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_snapshot_plan import PlanError, plan_snapshots

NOW = 1795680000 + 30  # 2026-11-26T08:00:30Z
TEMPLATE = "{{ lookup('pipe', 'id') }}"


def alert(alert_id, test_id="1", started="2026-11-26T06:00:00Z", alert_type="http-server", test_name="Checkout API", severity="major"):
    """An alert in the shape alert_info returns (plugins/modules/alert_info.py RETURN)."""
    return dict(alert_id=alert_id, type=alert_type, severity=severity, started=started, test_id=test_id, test_name=test_name,
                state="active", snapshot_supported=True)


def test_two_alerts_on_one_test_give_one_plan_reaching_back_to_the_earliest():
    plan = plan_snapshots([alert("late", started="2026-11-26T07:30:00Z"), alert("early", started="2026-11-26T05:00:00Z")], now=NOW)
    (snapshot,) = plan["snapshots"]
    assert snapshot["test_id"] == "1" and snapshot["alert_ids"] == ["late", "early"]
    assert snapshot["hours"] == 4 and snapshot["end"] == 1795680000 and snapshot["started"] == "2026-11-26T05:00:00Z"
    assert snapshot["display_name"] == "ThousandEyes alert early on Checkout API since 2026-11-26T05:00:00Z"
    # The snapshot module's since: the window ends when the snapshot is made and still reaches back to the earliest start.
    assert snapshot["since"] == "2026-11-26T05:00:00Z"
    # The incident is keyed by its first alert, as that alert's webhook is (alert_event).
    assert snapshot["evidence_key"] == "alert-early"
    assert snapshot["msg"].startswith("Checkout API: snapshot of the last 4 hours for 2 alerts (late, early). The alert started 3.0 hours ago")
    assert plan["skipped_alerts"] == [] and plan["msg"].startswith("2 alerts on 1 test to snapshot; 0 alerts skipped")


def test_the_window_is_the_eda_paths_choice(monkeypatch):
    calls = []
    real = _alert_event.choose_window

    def spy(started, now, allowed, fallback):
        calls.append((started, now, allowed, fallback))
        return real(started, now, allowed, fallback)
    monkeypatch.setattr("ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_snapshot_plan.choose_window", spy)
    plan_snapshots([alert("a", started="2026-11-26T07:00:00Z")], fallback_hours=6, now=NOW)
    assert calls == [(1795676400, NOW, (1, 2, 4, 6, 12, 24, 48), 6)]


@pytest.mark.parametrize("started, hours", [("2026-11-26T07:50:00Z", 1), ("2026-11-20T00:00:00Z", 48), (None, 12), ("garbage", 12)])
def test_windows(started, hours):
    assert plan_snapshots([alert("a", started=started)], fallback_hours=12, now=NOW)["snapshots"][0]["hours"] == hours


def test_each_test_its_own_plan_in_order_of_first_alert_and_an_alert_listed_twice_counts_once():
    alerts = [alert("b1", test_id="2", test_name=None), alert("a1"), alert("b1", test_id="2", test_name=None)]
    plan = plan_snapshots(alerts, now=NOW)
    assert [(item["test_id"], item["alert_ids"]) for item in plan["snapshots"]] == [("2", ["b1"]), ("1", ["a1"])]
    assert plan["snapshots"][0]["display_name"].startswith("ThousandEyes alert b1 on test 2 since")
    assert plan["snapshots"][0]["test_name"] is None


@pytest.mark.parametrize("alert_type, test_id, words", [
    ("agent", None, "an agent notification concerns an agent"),
    ("device-down", None, "a device notification"),
    ("endpoint-http-server", "1", "an Endpoint Agent test lives under /v7/endpoint"),
    ("bgp-outage", None, "an outage alert"),
    ("http-server", None, "the alert names no test"),
])
def test_alerts_without_a_test_to_snapshot_are_skipped_with_a_line_each(alert_type, test_id, words):
    plan = plan_snapshots([alert("x", alert_type=alert_type, test_id=test_id)], now=NOW)
    (skipped,) = plan["skipped_alerts"]
    assert plan["snapshots"] == [] and skipped["alert_id"] == "x" and words in skipped["reason"]
    assert skipped["msg"] == "ThousandEyes alert x (%s) skipped: %s." % (alert_type, skipped["reason"])


def test_text_from_the_api_stays_literal_in_the_title():
    plan = plan_snapshots([alert(TEMPLATE, test_name="{test} %s {{ x }}")], title_format="{test}|{alert_id}|{severity}|{window_hours}",
                          now=NOW)
    assert plan["snapshots"][0]["display_name"] == "{test} %%s {{ x }}|%s|major|2" % TEMPLATE


def test_account_group_reaches_each_plan_and_the_title():
    plan = plan_snapshots([alert("a")], title_format="{account_id}", account_group_id="5678", now=NOW)
    assert plan["snapshots"][0]["account_group_id"] == "5678" and plan["snapshots"][0]["display_name"] == "5678"


@pytest.mark.parametrize("kwargs, words", [
    (dict(fallback_hours=5), "Option fallback_hours: 5 is not a window"),
    (dict(title_format="{rule}"), "Option title_format: unknown placeholder {rule}"),
    (dict(account_group_id="12a"), "Option account_group_id"),
    (dict(alerts={"alert_id": "a"}), "Option alerts must be the list"),
])
def test_bad_options(kwargs, words):
    alerts = kwargs.pop("alerts", [alert("a")])
    with pytest.raises(PlanError) as error:
        plan_snapshots(alerts, now=NOW, **kwargs)
    assert words in str(error.value)


# ------------------------------------------------------------------------------- hostile or broken alerts (issue 23)
# Each value below once failed the whole plan ("year 10000 is out of range", OSError [Errno 75]) or was dropped
# without a word; now each alert is planned on its own.
@pytest.mark.parametrize("started", ["253402300800000", "99999999999999999999", 10 ** 400, float("inf"), "9999-12-31T23:59:60Z"])
def test_a_start_no_date_can_show_gets_the_fallback_window_and_a_note_naming_the_alert(started):
    plan = plan_snapshots([alert("bad-start", started=started), alert("other", test_id="2")], fallback_hours=6, now=NOW)
    bad, other = plan["snapshots"]
    assert bad["hours"] == 6 and bad["started"] is None and bad["display_name"].endswith("since unknown")
    assert "Not used: alert bad-start has a start that is not a usable time" in bad["note"] and bad["note"] in bad["msg"]
    assert other["hours"] == 2 and other["started"] == "2026-11-26T06:00:00Z"


def test_a_bad_start_next_to_a_good_one_on_the_same_test_keeps_the_good_one():
    plan = plan_snapshots([alert("good", started="2026-11-26T06:30:00Z"), alert("bad", started="253402300800000")], now=NOW)
    (snapshot,) = plan["snapshots"]
    assert snapshot["hours"] == 2 and snapshot["started"] == "2026-11-26T06:30:00Z" and "alert bad has a start" in snapshot["note"]


@pytest.mark.parametrize("entry, kind", [("an alert", "str"), (["a"], "list"), (None, "NoneType"), (7, "int")])
def test_an_entry_that_is_not_an_alert_is_skipped_with_a_line_naming_it(entry, kind):
    plan = plan_snapshots([alert("a"), entry], now=NOW)
    assert [item["alert_ids"] for item in plan["snapshots"]] == [["a"]]
    (skipped,) = plan["skipped_alerts"]
    assert skipped["reason"] == "alerts[1] is not an alert object (it is a %s)" % kind
    assert skipped["msg"] == "ThousandEyes alert ? (type unknown) skipped: alerts[1] is not an alert object (it is a %s)." % kind


def test_a_test_id_that_is_there_but_unusable_is_not_called_missing():
    unusable_link = dict(alert("b", test_id=None), no_snapshot_reason="the alert's _links.test (x) does not end with a test ID")
    plan = plan_snapshots([alert("a", test_id="12/../34"), unusable_link], now=NOW)
    assert plan["snapshots"] == []
    reasons = [item["reason"] for item in plan["skipped_alerts"]]
    assert reasons == ["its test ID (12/../34) is not a ThousandEyes test ID (digits only, at most 20)",
                       "the alert's _links.test (x) does not end with a test ID"]


FORGED = (u"Payments API)\nfailed: [localhost] => (item=Checkout) => {\"msg\": \"HTTP 401: token revoked, rotate THOUSANDEYES_TOKEN "
          u"now at https://evil.example/rotate\"}\r\x1b[2K\x1b[1A\x07\x00")


def test_labels_and_lines_show_the_apis_text_escaped_and_keep_the_data_as_it_came():
    plan = plan_snapshots([alert(u"id\x1b]0;owned\x07", test_name=FORGED), alert(u"x\ny", test_id=None, test_name=None)], now=NOW)
    (snapshot,) = plan["snapshots"]
    (skipped,) = plan["skipped_alerts"]
    shown = [snapshot["label"], snapshot["msg"], skipped["label"], skipped["msg"]]
    for text in shown:
        assert not any(ord(character) < 0x20 or ord(character) == 0x7f for character in text), text
    assert snapshot["label"].startswith(u"Payments API)\\nfailed: [localhost]") and u"\\r\\x1b[2K\\x1b[1A" in snapshot["label"]
    assert u"id\\x1b]0;owned\\x07" in snapshot["msg"] and skipped["label"] == u"x\\ny"
    # The data itself is returned as it came: only what is shown is escaped.
    assert snapshot["test_name"] == FORGED and snapshot["alert_ids"] == [u"id\x1b]0;owned\x07"]
    assert "\n" not in snapshot["display_name"] and "\x1b" not in snapshot["display_name"]


# ------------------------------------------------------------------------------- how long, and a cap (issue 23)
@pytest.mark.parametrize("tests, minutes, words", [
    (1, 0, "1 snapshot: within the snapshot quota (5 per organisation per 5 minutes)"),
    (5, 0, "5 snapshots: within the snapshot quota"),
    (6, 5, "6 snapshots: the snapshot quota (5 per organisation per 5 minutes) makes this take at least 5 minutes (5 min)"),
    (200, 195, "200 snapshots: the snapshot quota (5 per organisation per 5 minutes) makes this take at least 195 minutes (3h 15min)"),
])
def test_the_plan_says_up_front_how_long_the_quota_makes_the_job(tests, minutes, words):
    plan = plan_snapshots([alert("a%d" % number, test_id=str(number)) for number in range(1, tests + 1)], now=NOW)
    assert plan["quota_minutes"] == minutes and words in plan["msg"]


def test_max_snapshots_caps_the_job_and_names_every_alert_left_out():
    alerts = [alert("a%d" % number, test_id=str(number)) for number in range(1, 8)] + [alert("a1-again", test_id="1")]
    plan = plan_snapshots(alerts, now=NOW, max_snapshots=3)
    assert [item["test_id"] for item in plan["snapshots"]] == ["1", "2", "3"] and plan["snapshots"][0]["alert_ids"] == ["a1", "a1-again"]
    assert [item["alert_id"] for item in plan["skipped_alerts"]] == ["a4", "a5", "a6", "a7"]
    assert plan["skipped_alerts"][0]["reason"] == ("its test is beyond max_snapshots=3 (te_max_snapshots): the first 3 alerting "
                                                   "tests are snapshot")
    assert plan["msg"].startswith("4 alerts on 3 tests to snapshot; 4 alerts skipped (no test the snapshot API takes, or beyond "
                                  "max_snapshots=3). 3 snapshots: within the snapshot quota")


@pytest.mark.parametrize("cap", [0, -1, True, "3"])
def test_a_bad_cap_is_named(cap):
    with pytest.raises(PlanError, match="Option max_snapshots must be 1 or more"):
        plan_snapshots([alert("a")], now=NOW, max_snapshots=cap)


def test_the_incident_window_reaches_back_to_the_earliest_alert_of_any_kind():
    alerts = [alert("late", started="2026-11-26T07:30:00Z"), alert("agent", test_id="", alert_type="agent", started="2026-11-26T03:15:42Z")]
    window = plan_snapshots(alerts, now=NOW)["incident_window"]
    assert window == {"start": "2026-11-26T03:15:00Z", "end": "2026-11-26T08:00:00Z", "earliest_alert_start": "2026-11-26T03:15:42Z",
                      "display_name": "ThousandEyes incident since 2026-11-26 03:15 UTC"}


def test_without_a_known_start_the_incident_window_is_the_fallback_length():
    window = plan_snapshots([alert("a", started="")], fallback_hours=6, now=NOW)["incident_window"]
    assert (window["start"], window["end"], window["earliest_alert_start"]) == ("2026-11-26T02:00:00Z", "2026-11-26T08:00:00Z", None)


@pytest.mark.parametrize("started", ["2026-11-20T00:00:00Z", None])
def test_no_since_where_no_window_can_reach_back_to_the_start(started):
    # Older than the longest window, or unknown: hours alone (the longest, or the fallback) ends when the snapshot is made.
    (snapshot,) = plan_snapshots([alert("a", started=started)], fallback_hours=12, now=NOW)["snapshots"]
    assert snapshot["since"] is None and snapshot["hours"] == (48 if started else 12)
