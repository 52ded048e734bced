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
    (dict(alerts=["not an alert"]), "Option alerts must be the list"),
])
def test_bad_options(kwargs, words):
    alerts = kwargs.pop("alerts", [alert("a")])
    with pytest.raises(PlanError) as error:
        plan_snapshots(alerts, now=NOW, **kwargs)
    assert words in str(error.value)


def test_the_incident_window_reaches_back_to_the_earliest_alert_of_any_kind():
    alerts = [alert("late", started="2026-11-26T07:30:00Z"), alert("agent", test_id="", alert_type="agent", started="2026-11-26T03:15:42Z")]
    window = plan_snapshots(alerts, now=NOW)["incident_window"]
    assert window == {"start": "2026-11-26T03:15:00Z", "end": "2026-11-26T08:00:00Z", "earliest_alert_start": "2026-11-26T03:15:42Z",
                      "display_name": "ThousandEyes incident since 2026-11-26 03:15 UTC"}


def test_without_a_known_start_the_incident_window_is_the_fallback_length():
    window = plan_snapshots([alert("a", started="")], fallback_hours=6, now=NOW)["incident_window"]
    assert (window["start"], window["end"], window["earliest_alert_start"]) == ("2026-11-26T02:00:00Z", "2026-11-26T08:00:00Z", None)
