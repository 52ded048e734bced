# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# plugin_utils/_alert_event.py: reading a ThousandEyes alert out of an Event-Driven Ansible event, choosing the
# window, and building the title from an operator's format.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import copy
import hashlib

import pytest

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import (
    alert_evidence_key,
    DEFAULT_FALLBACK_HOURS,
    PLACEHOLDERS,
    AlertEventError,
    TitleFormatError,
    check_title_format,
    choose_window,
    parse_classic_date,
    parse_started,
    plan_snapshot,
    render_title,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import text_problem

# 2026-11-26 08:30:15 UTC: seconds past the minute, so rounding the window's end down shows.
NOW = calendar.timegm((2026, 11, 26, 8, 30, 15, 0, 0, 0))
NOW_MINUTE = NOW - 15
V7 = (1, 2, 4, 6, 12, 24, 48)
PAYLOAD = {
    "id": "5c0f2f7e",
    "type": "2",
    "alert": {
        "id": "c1f5b4f3",
        "type": "page-load",
        "severity": "major",
        "test": {"name": "Corporate Website", "labels": ["Production"]},
        "targets": ["https://www.example.com/"],
        "rule": {"id": "281474976715001", "name": "Default Page Load Alert Rule", "expression": "x", "notes": ""},
        "triggered": (NOW - 3 * 3600) * 1000,
    },
}


def event(payload=None, **alert_changes):
    body = copy.deepcopy(PAYLOAD if payload is None else payload)
    body["alert"].update(alert_changes)
    return {"ansible_eda": {"ruleset": "r", "rule": "r", "event": {"payload": body, "meta": {"headers": {}}}}}


def plan(variables=None, **options):
    options.setdefault("now", NOW)
    return plan_snapshot(event() if variables is None else variables, **options)


# ---------------------------------------------------------------------------------------------- the alert's start

@pytest.mark.parametrize("value, expected", [
    (1795665600000, 1795665600),         # epoch milliseconds (alert.firstSeen.epochMilli)
    ("1795665600000", 1795665600),
    (1795665600, 1795665600),            # epoch seconds
    ("1795665600", 1795665600),
    (" 1795665600 ", 1795665600),
    (1795665600.9, 1795665600),
    ("2026-11-26T04:00:00Z", 1795665600),
    ("2026-11-26T05:00:00+01:00", 1795665600),
    ("2026-11-26T05:00:00+0100", 1795665600),
    ("2026-11-26 04:00:00z", 1795665600),
    ("2026-11-26T04:00:00.123Z", 1795665600),
], ids=repr)
def test_started_accepts_epochs_and_iso(value, expected):
    assert parse_started(value) == expected


@pytest.mark.parametrize("value", [
    None, True, False, 0, -5, "", "soon", "2026-11-26", "2026-11-26T04:00:00", "2026-13-40T04:00:00Z", "{{ 1795665600 }}",
    {"epochMilli": 1795665600000}, [1795665600], float("nan"), "1" * 21,
], ids=repr)
def test_unusable_start_is_unknown(value):
    assert parse_started(value) is None


# ---------------------------------------------------------------------------------------------- the window

@pytest.mark.parametrize("elapsed, hours, ago", [
    (0, 1, "0 minutes"), (60, 1, "1 minute"), (40 * 60, 1, "40 minutes"), (3600, 1, "1.0 hour"), (3601, 2, "1.0 hour"),
    (2 * 3600, 2, "2.0 hours"), (3 * 3600, 4, "3.0 hours"), (4 * 3600 + 300, 6, "4.1 hours"), (7 * 3600, 12, "7.0 hours"),
    (13 * 3600, 24, "13.0 hours"), (25 * 3600, 48, "25.0 hours"), (48 * 3600, 48, "48.0 hours"),
])
def test_window_is_the_smallest_allowed_that_covers_the_start(elapsed, hours, ago):
    window = choose_window(NOW_MINUTE - elapsed, NOW, V7, 4)
    assert window["hours"] == hours and window["end"] == NOW_MINUTE and window["started_known"]
    assert window["elapsed_seconds"] == elapsed and window["covers_start"]
    assert window["note"] == "The alert started %s ago: a %d-hour window covers it." % (ago, hours)


def test_window_of_an_old_alert_is_the_longest_allowed():
    window = choose_window(NOW_MINUTE - 3 * 86400, NOW, V7, 4)
    assert window["hours"] == 48 and not window["covers_start"]
    assert window["note"] == "The alert started 72.0 hours ago, more than the 48 hours a snapshot can cover: snapshot of the last 48 hours only."
    assert choose_window(NOW_MINUTE - 3 * 86400, NOW, (1, 2, 4, 6, 12, 24, 48, 96), 4)["hours"] == 96


def test_window_of_an_alert_from_the_future_is_one_hour_and_says_why():
    # A clock ahead of ours: the alert has just started. No "started -0.2 hours ago".
    window = choose_window(NOW + 600, NOW, V7, 4)
    assert window["hours"] == 1 and window["elapsed_seconds"] == 0
    assert window["note"] == "The alert's start time is 10 minutes ahead of this host's clock (clock skew): snapshot of the last 1 hour."


def test_a_one_hour_fallback_says_1_hour():
    assert choose_window(None, NOW, V7, 1)["note"] == "The alert carries no usable triggered time: snapshot of the last 1 hour (te_fallback_hours)."


def test_window_without_a_start_is_the_fallback():
    window = choose_window(None, NOW, V7, 6)
    assert window == dict(end=NOW_MINUTE, hours=6, started_known=False, elapsed_seconds=None, covers_start=False,
                          note="The alert carries no usable triggered time: snapshot of the last 6 hours (te_fallback_hours).")


# ---------------------------------------------------------------------------------------------- the title

def test_title_values_are_inserted_literally_in_one_pass():
    values = dict((name, "") for name in PLACEHOLDERS)
    values.update(test="{alert_id} {{ x }} {% y %} 100% %s %(a)s \"q\" 'q' \\", alert_id="ID")
    assert render_title("{test} / {alert_id}", values) == "{alert_id} {{ x }} {% y %} 100% %s %(a)s \"q\" 'q' \\ / ID"


def test_title_keeps_text_that_is_not_a_placeholder():
    values = dict((name, "v") for name in PLACEHOLDERS)
    assert render_title("{test.__class__} {test[0]} {0} {} { test } {{test}} %s", values) == "{test.__class__} {test[0]} {0} {} { test } {v} %s"


def test_title_control_characters_become_spaces_and_length_is_capped():
    values = dict((name, "") for name in PLACEHOLDERS)
    values["test"] = "line\none\ttab\x7f" + "x" * 300
    title = render_title("  {test}  ", values)
    assert title.startswith("line one tab x") and len(title) == 255


@pytest.mark.parametrize("invisible", ["\u200b", "\u202e", "\ufeff", "\u2028", "\u2029", "\ud800", "\ue000", "\x85"])
def test_title_invisible_characters_become_spaces_so_the_snapshot_module_takes_it(invisible):
    # The snapshot module refuses a display_name with any of these; a title built from an alert must not carry them.
    values = dict((name, "") for name in PLACEHOLDERS)
    values["test"] = "Check%sout%s%sAPI" % (invisible, invisible, invisible)
    title = render_title("{test}: down", values)
    assert title == "Check out API: down"
    assert text_problem("display_name", title) is None


def test_title_format_unknown_placeholders_are_named_with_the_allowed_ones():
    with pytest.raises(TitleFormatError) as error:
        check_title_format("{test} {nope} {alert} {nope}")
    assert str(error.value) == (
        "Option title_format: unknown placeholders {alert}, {nope}; allowed: {alert_id}, {alert_type}, {severity}, {test}, "
        "{test_id}, {test_name}, {rule_name}, {account_id}, {started}, {window_hours}. Other text, braces included, is kept as written.")
    check_title_format("{test} {test.name} {0} {}")


# ---------------------------------------------------------------------------------------------- the whole plan

def test_triggered_alert_by_name():
    result = plan()
    assert result["notification"] == "triggered"
    assert result["alert"] == dict(id="c1f5b4f3", type="page-load", severity="major", test_id="", test_name="Corporate Website",
                                   rule_name="Default Page Load Alert Rule", account_id="", started="2026-11-26T05:30:15Z")
    assert result["snapshot"] == dict(test_id=None, test_name="Corporate Website", end=NOW_MINUTE, hours=4,
                                      display_name="ThousandEyes alert c1f5b4f3 on Corporate Website: Default Page Load Alert Rule",
                                      account_group_id=None, evidence_key="alert-c1f5b4f3", since="2026-11-26T05:30:15Z")
    assert result["window"]["note"] == "The alert started 3.0 hours ago: a 4-hour window covers it."
    assert result["msg"] == ("ThousandEyes alert c1f5b4f3 on Corporate Website: snapshot of the last 4 hours. "
                             "The alert started 3.0 hours ago: a 4-hour window covers it.")


def test_triggered_alert_by_id_with_its_account_group():
    variables = event(test={"id": "281474976710706", "name": "Payments API"}, rule={"name": "", "account": {"id": "5678"}})
    result = plan(variables)
    assert result["snapshot"]["test_id"] == "281474976710706" and result["snapshot"]["test_name"] is None
    assert result["snapshot"]["account_group_id"] == "5678"
    # No rule name: the default title leaves out its rule part.
    assert result["snapshot"]["display_name"] == "ThousandEyes alert c1f5b4f3 on Payments API"


def test_test_id_as_a_number_and_an_unusable_one():
    assert plan(event(test={"id": 281474976710706}))["snapshot"]["test_id"] == "281474976710706"
    unusable = plan(event(test={"id": "{{ 281474976710706 }}", "name": "Corporate Website"}))["snapshot"]
    assert unusable["test_id"] is None and unusable["test_name"] == "Corporate Website"


def test_operator_account_group_wins_over_the_alert_and_bad_alert_ids_are_ignored():
    assert plan(event(rule={"account": {"id": "5678"}}), account_group_id="1234")["snapshot"]["account_group_id"] == "1234"
    assert plan(event(rule={"account": {"id": "12 34"}}))["snapshot"]["account_group_id"] is None


def test_title_format_placeholders():
    result = plan(title_format="[{severity}] {alert_type} {test} {test_id}/{test_name} #{alert_id} {rule_name} {account_id} {started} {window_hours}h")
    assert result["snapshot"]["display_name"] == (
        "[major] page-load Corporate Website /Corporate Website #c1f5b4f3 Default Page Load Alert Rule  2026-11-26T05:30:15Z 4h")


def test_title_of_an_alert_without_test_name_or_start():
    variables = event(test={"id": "281474976710706"}, id=None)
    del variables["ansible_eda"]["event"]["payload"]["alert"]["triggered"]
    result = plan(variables, title_format="{test} {started} {window_hours}")
    assert result["snapshot"]["display_name"] == "test 281474976710706 unknown %d" % DEFAULT_FALLBACK_HOURS
    assert result["snapshot"]["hours"] == DEFAULT_FALLBACK_HOURS and not result["window"]["started_known"]
    # No start to cover: the playbook gives the fallback hours alone (the window ends at creation), not since.
    assert result["snapshot"]["since"] is None


def test_an_alert_older_than_the_longest_window_gets_hours_not_since():
    # since would give the same 48-hour window ending at creation, plus a warning that the start is out of reach; the
    # note has said so already.
    variables = event()
    variables["ansible_eda"]["event"]["payload"]["alert"]["triggered"] = "2026-11-23T08:00:00Z"
    result = plan(variables)
    assert result["snapshot"]["hours"] == 48 and result["snapshot"]["since"] is None
    assert "more than the 48 hours a snapshot can cover" in result["window"]["note"]


def test_empty_title_falls_back_to_the_default():
    result = plan(title_format="{account_id}")
    assert result["snapshot"]["display_name"] == "ThousandEyes alert c1f5b4f3 on Corporate Website"


@pytest.mark.parametrize("notification_type", ["1", 1, " 1 "])
def test_cleared_alert_has_no_plan(notification_type):
    payload = copy.deepcopy(PAYLOAD)
    payload["type"] = notification_type
    payload["alert"]["test"] = {}
    result = plan(event(payload))
    assert result["notification"] == "cleared" and result["snapshot"] is None and result["window"] is None
    assert result["msg"] == "ThousandEyes alert c1f5b4f3 on (no test) was cleared (notification type 1): no snapshot is created for a cleared alert."


@pytest.mark.parametrize("notification_type", [2, "2", " 2"])
def test_triggered_type_as_number_or_string(notification_type):
    payload = copy.deepcopy(PAYLOAD)
    payload["type"] = notification_type
    assert plan(event(payload))["notification"] == "triggered"


@pytest.mark.parametrize("variables", [
    {}, {"ansible_eda": None}, {"ansible_eda": {"event": {}}}, {"ansible_eda": {"event": {"payload": "text"}}},
    {"ansible_eda": {"event": {"payload": {"type": "2"}}}}, {"ansible_eda": {"event": {"payload": {"type": "2", "alert": ["x"]}}}},
    {"ansible_eda": {"event": {"payload": {"type": "2", "agentAlert": {"alertId": 1}}}}},
    {"ansible_eda": {"event": {"payload": {"eventType": " ", "agentAlert": {"alertId": 1}}}}},
], ids=repr)
def test_missing_event_says_how_to_give_one(variables):
    with pytest.raises(AlertEventError) as error:
        plan(variables)
    assert str(error.value).startswith("No ThousandEyes alert event: run this playbook from ansible-rulebook (run_playbook)")
    assert '{"ansible_eda": {"event": {"payload": <the webhook body>}}}' in str(error.value)


@pytest.mark.parametrize("notification_type, shown", [
    ("3", '"3"'), (None, '""'), (True, "true"), (2.5, "2.5"), ({"a": 1}, '""'), ("x" * 200, '"' + "x" * 75 + '..."'),
], ids=repr)
def test_unknown_type_fails_naming_it(notification_type, shown):
    payload = copy.deepcopy(PAYLOAD)
    payload["type"] = notification_type
    with pytest.raises(AlertEventError) as error:
        plan(event(payload))
    assert str(error.value) == ("The event's payload.type is %s; ThousandEyes sends \"2\" for a triggered alert and \"1\" for a cleared one."
                                % shown)


def test_alert_without_a_test_fails_saying_what_to_add():
    with pytest.raises(AlertEventError) as error:
        plan(event(test={"name": "   ", "id": "abc"}))
    assert "neither alert.test.id nor alert.test.name" in str(error.value)


@pytest.mark.parametrize("hours, api_version", [(5, "v7"), (96, "v7"), (0, "v6")])
def test_fallback_window_must_be_allowed(hours, api_version):
    with pytest.raises(ValueError) as error:
        plan(fallback_hours=hours, api_version=api_version)
    assert str(error.value).startswith("Option fallback_hours (te_fallback_hours): %d is not a window ThousandEyes API %s allows" % (hours, api_version))


def test_v6_allows_a_96_hour_fallback():
    variables = event()
    del variables["ansible_eda"]["event"]["payload"]["alert"]["triggered"]
    assert plan(variables, fallback_hours=96, api_version="v6")["snapshot"]["hours"] == 96


def test_templates_in_the_event_are_copied_as_text():
    template = "{{ lookup('pipe', 'id') }}"
    statement = "{% for x in range(3) %}{{ x }}{% endfor %}"
    variables = event(id=template, test={"name": statement}, rule={"name": template})
    result = plan(variables)
    assert result["alert"]["id"] == template and result["alert"]["test_name"] == statement
    assert result["snapshot"]["display_name"] == "ThousandEyes alert %s on %s: %s" % (template, statement, template)
    for text in (result["alert"]["id"], result["snapshot"]["display_name"], result["snapshot"]["test_name"]):
        assert text.__class__ is str


def test_the_event_is_not_changed():
    variables = event()
    before = copy.deepcopy(variables)
    plan(variables)
    assert variables == before


# ---------------------------------------------------------------------------------------------- every kind of body
# Bodies as ThousandEyes sends them (/work/shared/reference/thousandeyes-alerts.md, sections 1 and 2): the custom
# webhook's Generic preset (GENERIC, VARS), and classic webhooks (CLASSIC: ThousandEyes "Classic Webhooks for Alert
# Notifications"; keephq/keep keep/providers/thousandeyes_provider/alerts_mock.py for the captured field shapes).

def custom(alert_type, test=None, notification="2"):
    """A custom webhook body (Generic preset): alert.test only when the alert has a test."""
    body = {"id": "n-1", "type": notification, "alert": {"id": "a-1", "type": alert_type, "severity": "info",
                                                         "rule": {"id": "9", "name": "Rule", "expression": "x", "notes": ""},
                                                         "triggered": (NOW - 600) * 1000}}
    if test is not None:
        body["alert"]["test"] = test
    return {"ansible_eda": {"event": {"payload": body}}}


def classic(event_type, alert=None, key="alert"):
    """A classic webhook body: eventType, eventId and the alert object (test alerts: testId as a JSON number)."""
    body = {"eventId": "e-1", "eventType": event_type}
    if alert is not None:
        body[key] = alert
    return {"ansible_eda": {"event": {"payload": body}}}


CLASSIC_TEST_ALERT = {
    "alertId": "5abda706-c065-40fa-aa8c-059c3ac1ea9d", "ruleId": 562949955720954, "ruleAid": 1234, "ruleName": "PDF Test",
    "ruleExpression": "Response Code is not OK (2xx)", "testId": 281474976710706, "testName": "Payments API", "type": "HTTP Server",
    "severity": "Major", "active": 1, "violationCount": 1, "dateStart": "2026-11-26 05:30:00", "dateStartZoned": "2026-11-26 05:30:00 UTC",
    "agents": [{"agentId": 4503, "agentName": "Hong Kong (Trial)", "dateStart": "2026-11-26 05:30:00", "metricsAtStart": "Response Code: 502"}],
}
CLASSIC_AGENT_ALERT = {
    "alertId": 562949955000593, "ruleId": 562949953553310, "ruleAid": 1234, "ruleName": "Default Agent Offline Notification",
    "ruleExpression": "Last Contact \u2265 6 minutes ago", "type": "Agent", "severity": "Info", "agentId": 562949953424211,
    "agentName": "te", "hostname": "te", "ipAddress": "172.17.0.2", "dateStart": "2025-03-24 17:28:40", "dateStartZoned": "2025-03-24 17:28:40 UTC",
}


@pytest.mark.parametrize("value, expected", [
    ("2026-11-26 04:00:00", 1795665600),       # dateStart: UTC without a zone
    ("2026-11-26 04:00:00 UTC", 1795665600),   # dateStartZoned
    ("2026-11-26T04:00:00Z", 1795665600),
    (1795665600000, 1795665600),
], ids=repr)
def test_classic_dates_are_utc(value, expected):
    assert parse_classic_date(value) == expected


@pytest.mark.parametrize("value", [None, "", "2026-11-26 04:00", "2026-11-26 04:00:00 CET", "2026-13-26 04:00:00", "26/11/2026 04:00:00"], ids=repr)
def test_unusable_classic_dates_are_unknown(value):
    assert parse_classic_date(value) is None


def test_classic_trigger_snapshots_its_test_by_id_in_its_account_group():
    result = plan(classic("ALERT_NOTIFICATION_TRIGGER", CLASSIC_TEST_ALERT))
    assert (result["body_kind"], result["notification"], result["outcome"], result["alert_kind"], result["reason"]) == (
        "classic", "triggered", "snapshot", "test", None)
    assert result["alert"] == dict(id="5abda706-c065-40fa-aa8c-059c3ac1ea9d", type="HTTP Server", severity="Major", test_id="281474976710706",
                                   test_name="Payments API", rule_name="PDF Test", account_id="1234", started="2026-11-26T05:30:00Z")
    assert result["snapshot"] == dict(test_id="281474976710706", test_name=None, end=NOW_MINUTE, hours=4, account_group_id="1234",
                                      display_name="ThousandEyes alert 5abda706-c065-40fa-aa8c-059c3ac1ea9d on Payments API: PDF Test",
                                      evidence_key="alert-5abda706-c065-40fa-aa8c-059c3ac1ea9d", since="2026-11-26T05:30:00Z")
    assert result["window"]["note"] == "The alert started 3.0 hours ago: a 4-hour window covers it."


def test_classic_trigger_reads_date_start_zoned_when_date_start_is_missing():
    alert = dict(CLASSIC_TEST_ALERT)
    del alert["dateStart"]
    assert plan(classic("ALERT_NOTIFICATION_TRIGGER", alert))["alert"]["started"] == "2026-11-26T05:30:00Z"
    del alert["dateStartZoned"]
    assert plan(classic("ALERT_NOTIFICATION_TRIGGER", alert))["window"]["started_known"] is False


def test_classic_trigger_with_a_numeric_alert_id_and_no_test_id_is_looked_up_by_name():
    alert = dict(CLASSIC_TEST_ALERT, alertId=562949955000600)
    del alert["testId"]
    result = plan(classic("alert_notification_trigger", alert))
    assert result["alert"]["id"] == "562949955000600"
    assert result["snapshot"]["test_id"] is None and result["snapshot"]["test_name"] == "Payments API"


def test_classic_clear_says_so():
    alert = dict(CLASSIC_TEST_ALERT, active=0, dateEnd="2026-11-26 08:00:00")
    result = plan(classic("ALERT_NOTIFICATION_CLEAR", alert))
    assert (result["body_kind"], result["notification"], result["outcome"], result["snapshot"], result["window"]) == (
        "classic", "cleared", "cleared", None, None)
    assert result["msg"] == ("ThousandEyes alert 5abda706-c065-40fa-aa8c-059c3ac1ea9d on Payments API was cleared "
                             "(eventType ALERT_NOTIFICATION_CLEAR): no snapshot is created for a cleared alert.")


@pytest.mark.parametrize("event_type, key", [
    ("ALERT_NOTIFICATION_TRIGGER", "alert"),             # keephq/keep's capture: alert and agentAlert both
    ("ALERT_NOTIFICATION_TRIGGER", "agentAlert"),
    ("AGENT_ALERT_NOTIFICATION_TRIGGER", "agentAlert"),  # the classic webhook docs' agent event type
])
def test_classic_agent_alert_gets_no_snapshot_and_says_why(event_type, key):
    result = plan(classic(event_type, CLASSIC_AGENT_ALERT, key=key))
    assert (result["body_kind"], result["notification"], result["outcome"], result["alert_kind"]) == ("classic", "triggered", "no_snapshot", "agent")
    assert result["snapshot"] is None and result["window"] is None
    assert result["reason"] == "an agent notification concerns an agent, not a test, so there is no test to snapshot"
    assert result["msg"] == ("ThousandEyes alert 562949955000593 (Agent, classic webhook) on agent te: no snapshot: an agent notification "
                             "concerns an agent, not a test, so there is no test to snapshot.")


def test_classic_agent_event_type_decides_even_without_a_type():
    alert = dict(CLASSIC_AGENT_ALERT)
    del alert["type"]
    assert plan(classic("AGENT_ALERT_NOTIFICATION_TRIGGER", alert))["outcome"] == "no_snapshot"
    assert plan(classic("AGENT_ALERT_NOTIFICATION_CLEAR", alert))["outcome"] == "cleared"


@pytest.mark.parametrize("variables", [classic("WEBHOOK_TEST"), classic("WEBHOOK_TEST", {})], ids=["no-alert", "empty-alert"])
def test_classic_webhook_test_event_gets_no_snapshot(variables):
    result = plan(variables)
    assert (result["body_kind"], result["notification"], result["outcome"]) == ("classic", "webhook_test", "no_snapshot")
    assert result["msg"] == ("ThousandEyes webhook test event (eventType WEBHOOK_TEST): no snapshot: a classic webhook's test event "
                             "(the app's Test button) carries no alert.")


@pytest.mark.parametrize("event_type, shown", [("ALERT_SOMETHING_NEW", '"ALERT_SOMETHING_NEW"'), (7, '""'), ("", '""')], ids=repr)
def test_classic_unknown_event_type_fails_naming_the_known_ones(event_type, shown):
    with pytest.raises(AlertEventError) as error:
        plan(classic(event_type, CLASSIC_TEST_ALERT))
    assert str(error.value) == (
        "The event's payload.eventType is %s; a ThousandEyes classic webhook sends AGENT_ALERT_NOTIFICATION_CLEAR, "
        "AGENT_ALERT_NOTIFICATION_TRIGGER, ALERT_NOTIFICATION_CLEAR, ALERT_NOTIFICATION_TRIGGER, WEBHOOK_TEST." % shown)


def test_classic_test_alert_without_a_test_fails():
    alert = dict(CLASSIC_TEST_ALERT)
    del alert["testId"], alert["testName"]
    with pytest.raises(AlertEventError) as error:
        plan(classic("ALERT_NOTIFICATION_TRIGGER", alert))
    assert 'classic webhook, alert type "HTTP Server") carries neither alert.testId nor alert.testName' in str(error.value)


@pytest.mark.parametrize("alert_type, test, kind, reason_part", [
    ("agent", None, "agent", "an agent notification concerns an agent"),
    ("device-interface", None, "device", "a device notification concerns a monitored device"),
    ("network-outage", None, "outage", "Internet Insights"),
    ("endpoint-http-server", {"id": "281474976710712", "name": "Laptop SaaS reachability"}, "endpoint", "/v7/endpoint"),
])
def test_custom_alert_without_a_snapshot_test_says_why(alert_type, test, kind, reason_part):
    variables = custom(alert_type, test)
    variables["ansible_eda"]["event"]["payload"]["alert"]["details"] = [{"metricsAtStart": "x", "source": {"id": "5", "name": "ea-01"}}]
    result = plan(variables)
    assert (result["body_kind"], result["notification"], result["outcome"], result["alert_kind"]) == ("custom", "triggered", "no_snapshot", kind)
    assert result["snapshot"] is None and reason_part in result["reason"]
    subject = test["name"] if test else "(no test)"
    if kind == "agent":
        subject = "agent ea-01"
    assert result["msg"] == "ThousandEyes alert a-1 (%s, custom webhook) on %s: no snapshot: %s." % (alert_type, subject, result["reason"])


def test_custom_generic_trigger_reports_its_body_kind():
    result = plan()
    assert (result["body_kind"], result["notification"], result["outcome"], result["alert_kind"], result["reason"]) == (
        "custom", "triggered", "snapshot", "test", None)


def test_custom_generic_without_a_rule_still_snapshots():
    variables = custom("http-server", {"name": "Payments API"})
    del variables["ansible_eda"]["event"]["payload"]["alert"]["rule"]
    result = plan(variables)
    assert result["outcome"] == "snapshot" and result["snapshot"]["display_name"] == "ThousandEyes alert a-1 on Payments API"


def test_custom_clear_of_an_agent_notification_is_a_clear():
    result = plan(custom("agent", notification=1))
    assert (result["notification"], result["outcome"], result["snapshot"]) == ("cleared", "cleared", None)
    assert result["msg"] == "ThousandEyes alert a-1 on (no test) was cleared (notification type 1): no snapshot is created for a cleared alert."


@pytest.mark.parametrize("alert_id, key", [
    ("c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77", "alert-c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77"),
    ("12345", "alert-12345"),
    # Characters a key cannot hold, or too long: a hash, distinct per ID.
    ("{{ 7 * 7 }}", "alert-h" + hashlib.sha256(b"{{ 7 * 7 }}").hexdigest()[:16]),
    ("x" * 70, "alert-h" + hashlib.sha256(b"x" * 70).hexdigest()[:16]),
    ("", None),
    ("?", None),
])
def test_the_evidence_key_of_an_alert_is_its_id(alert_id, key):
    assert alert_evidence_key(alert_id) == key


def test_the_messages_show_the_events_text_escaped():
    # Issue 23: text from outside never forges lines of the job output.
    from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import plan_snapshot
    payload = {"type": "2", "alert": {"id": u"a\n\x1b[2Jfailed: [localhost]", "type": "HTTP Server", "startedAt": "2026-11-26T04:00:00Z",
                                      "test": {"id": "281474976710706", "name": u"Pay\rments\x07"}}}
    outcome = plan_snapshot({"ansible_eda": {"event": {"payload": payload}}}, now=1795680000)
    assert u"a\\n\\x1b[2Jfailed: [localhost]" in outcome["msg"] and u"Pay\\rments\\x07" in outcome["msg"]
    assert not any(ord(character) < 0x20 for character in outcome["msg"])
