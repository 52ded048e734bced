# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The alert_info module end to end, with the network replaced by the `http` fixture (tests/unit/conftest.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils import _client
from ansible_collections.cisco.thousandeyes.plugins.modules import alert_info

TOKEN = "s3cr3t-T0ken-value"
TEST_LINK = "https://api.thousandeyes.com/v7/tests/%s"


def alert(alert_id, alert_type="http-server", test_id="1", started="2026-11-26T04:00:00Z", severity="major", rule="10"):
    """An alert as GET /v7/alerts lists one (thousandeyes-sdk-alerts models/alert.py)."""
    entry = {"id": alert_id, "alertType": alert_type, "startDate": started, "alertState": "trigger", "alertSeverity": severity,
             "alertRuleId": rule, "_links": {}}
    if test_id:
        entry["_links"]["test"] = {"href": TEST_LINK % test_id}
    return entry


ALERTS = {"alerts": [
    alert("a2", started="2026-11-26T05:00:00Z"),
    alert("a1", test_id="2", severity="critical", rule="11"),
    alert("ag", alert_type="agent", test_id=None),
], "_links": {"self": {"href": "https://api.thousandeyes.com/v7/alerts"}}}
TESTS = {"tests": [{"testId": "1", "testName": "Checkout API", "type": "http-server"},
                   {"testId": "2", "testName": "DNS", "type": "dns-server"}]}


@pytest.fixture
def run(run_module):
    def run_alert_info(**args):
        return run_module(alert_info.main, dict(dict(token=TOKEN), **args))
    return run_alert_info


def query_of(call):
    return dict((key, values[0]) for key, values in parse_qs(urlsplit(call["url"]).query).items())


def test_lists_active_alerts_oldest_first_with_test_names(run, http, make_response):
    http.answer(make_response(200, ALERTS), make_response(200, TESTS))
    module_run = run()
    assert module_run.exit_code == 0 and module_run.result["changed"] is False
    alerts = module_run.result["alerts"]
    assert [(item["alert_id"], item["test_name"], item["snapshot_supported"]) for item in alerts] == [
        ("a1", "DNS", True), ("ag", None, False), ("a2", "Checkout API", True)]
    assert query_of(http.calls[0]) == {"state": "trigger"}
    assert urlsplit(http.calls[1]["url"]).path == "/v7/tests"
    assert TOKEN not in module_run.shown


def test_follows_the_next_link_to_the_last_page(run, http, make_response):
    first = {"alerts": [alert("p1")], "_links": {"next": {"href": "https://api.thousandeyes.com/v7/alerts?state=trigger&cursor=XYZ"}}}
    second = {"alerts": [alert("p2")], "_links": {}}
    http.answer(make_response(200, first), make_response(200, second), make_response(200, TESTS))
    result = run(aid="1234", page_size=1).result
    assert [item["alert_id"] for item in result["alerts"]] == ["p1", "p2"] and result["pages"] == 2
    assert query_of(http.calls[1]) == {"state": "trigger", "aid": "1234", "max": "1", "cursor": "XYZ"}


@pytest.mark.parametrize("filters, expected", [
    (dict(test_id=["2"]), ["a1"]),
    (dict(test_name=["Checkout API"]), ["a2"]),
    (dict(alert_type=["Agent"]), ["ag"]),
    (dict(severity=["critical"]), ["a1"]),
    (dict(rule_id=["10"]), ["ag", "a2"]),
])
def test_filters(run, http, make_response, filters, expected):
    http.answer(make_response(200, ALERTS), make_response(200, TESTS))
    assert [item["alert_id"] for item in run(**filters).result["alerts"]] == expected


def test_cleared_alerts_of_a_window(run, http, make_response):
    http.answer(make_response(200, {"alerts": []}))
    module_run = run(state="cleared", window="12h")
    assert module_run.result["alerts"] == [] and module_run.warnings == []
    assert query_of(http.calls[0]) == {"state": "clear", "window": "12h"}
    assert len(http.calls) == 1


def test_a_date_range_is_sent_as_iso_8601(run, http, make_response):
    http.answer(make_response(200, {"alerts": []}))
    run(state="cleared", start_date="2026-11-26 00:00:00", end_date="1795680000")
    assert query_of(http.calls[0]) == {"state": "clear", "startDate": "2026-11-26T00:00:00Z", "endDate": "2026-11-26T08:00:00Z"}


def test_a_time_range_with_active_alerts_is_sent_without_a_warning(run, http, make_response):
    # The v7 spec (thousandeyes-cli api/thousandeyes.yaml, GET /alerts): "For state=trigger: filters by when the alert
    # started. For state=clear: filters by when the alert cleared." So the range applies to active alerts too.
    http.answer(make_response(200, {"alerts": []}))
    module_run = run(window="1h")
    assert query_of(http.calls[0]) == {"state": "trigger", "window": "1h"} and module_run.warnings == []


@pytest.mark.parametrize("args, words", [
    (dict(window="12 hours"), "Option window must be a number"),
    (dict(window="0h"), "Option window must be a number"),
    (dict(window="1h", start_date="2026-11-26 00:00:00"), "mutually exclusive"),
    (dict(start_date="yesterday"), "Option start_date"),
    (dict(start_date="2026-11-26 02:00:00", end_date="2026-11-26 01:00:00"), "must be before end_date"),
    (dict(test_id=["12a"]), "Option test_id"),
    (dict(page_size=0), "Option page_size"),
    (dict(max_duration=0), "Option max_duration must be 1 or more seconds; got 0."),
    (dict(api_version="v6", username="a@example.com"), "Option api_version"),
    (dict(severity=["MAJOR"]), "value of severity must be one or more of"),
    (dict(state="triggered"), "value of state must be one of"),
])
def test_bad_options_fail_before_any_request(run, http, args, words):
    module_run = run(**args)
    assert module_run.exit_code == 1 and words in module_run.result["msg"]
    assert http.calls == []


def test_an_api_error_fails_with_the_status_and_no_traceback(run, http, make_response):
    http.answer(make_response(403, {"title": "Forbidden", "detail": "Insufficient permissions"}))
    module_run = run()
    assert module_run.exit_code == 1 and module_run.result["status"] == 403
    assert "exception" not in module_run.result and module_run.result["changed"] is False


# ------------------------------------------------------------------------------- hostile or broken alerts (issue 23)
def test_each_entry_on_its_own_named_when_it_cannot_be_read_and_sorted_by_moment(run, http, make_response):
    page = {"alerts": [
        alert("z-late", started="2026-11-26T05:00:00Z"),
        "not an alert", None,
        alert("a-early", started="2026-11-26T05:30:00+02:00"),
        alert(u"far\x1b[2J", started="253402300800000"),
    ]}
    http.answer(make_response(200, page), make_response(200, TESTS))
    module_run = run()
    assert module_run.exit_code == 0
    assert [(item["alert_id"], item["started"]) for item in module_run.result["alerts"]] == [
        ("a-early", "2026-11-26T03:30:00Z"), ("z-late", "2026-11-26T05:00:00Z"), (u"far\x1b[2J", None)]
    warnings = " ".join(module_run.warnings)
    assert "2 entries that are not an alert object (entries 1, 2 of the list" in warnings
    assert u"alert far\\x1b[2J: 253402300800000" in warnings and "\x1b" not in warnings


def test_a_rate_limit_wait_is_returned_and_said_in_a_warning(run, http, make_response, monkeypatch):
    # Once waited out in silence: a task that sat still for minutes said nothing.
    slept = []
    monkeypatch.setattr(_client.time, "sleep", slept.append)
    http.answer(make_response(429, {"title": "Too Many Requests"}, headers={"Retry-After": "7"}), make_response(200, {"alerts": []}))
    module_run = run()
    assert module_run.exit_code == 0 and slept == [7.0] and module_run.result["rate_limit_waited"] == 7.0
    assert "Waited 7s for the ThousandEyes API rate limit (HTTP 429) while listing the alerts." in module_run.warnings


def test_max_duration_bounds_the_whole_listing_and_is_named(run, http, make_response, monkeypatch):
    slept = []
    monkeypatch.setattr(_client.time, "sleep", slept.append)
    http.answer(make_response(429, headers={"Retry-After": "30"}))
    module_run = run(max_duration=20)
    assert module_run.exit_code == 1 and slept == [] and len(http.calls) == 1
    assert "waiting 30s for the rate limit (HTTP 429, Retry-After) would pass max_duration=20s" in module_run.result["msg"]


def test_a_lone_surrogate_in_one_alert_or_one_test_name_affects_that_entry_only(run, http, make_response):
    # JSON text as a server sends it: the escapes decode to lone surrogates. Once the whole listing failed.
    alerts = ('{"alerts": [%s, {"id": "bad\\ud800", "alertType": "http-server", "startDate": "2026-11-26T04:30:00Z", '
              '"_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/2"}}}]}') % json.dumps(alert("good"))
    tests = '{"tests": [{"testId": "1", "testName": "Checkout API"}, {"testId": "2", "testName": "DNS\\udfff"}]}'
    http.answer(make_response(200, alerts), make_response(200, tests))
    module_run = run()
    assert module_run.exit_code == 0
    assert [(item["alert_id"], item["test_name"]) for item in module_run.result["alerts"]] == [
        ("good", "Checkout API"), ("bad\\ud800", "DNS\\udfff")]
    warnings = " ".join(module_run.warnings)
    assert "Alert 1 of the list (page 1) has text that is not valid Unicode (a lone UTF-16 surrogate in alerts[1].id)" in warnings
    assert "a lone UTF-16 surrogate in tests[1].testName); that test is listed" in warnings
