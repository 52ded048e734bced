# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# GET /v7/alerts and GET /v7/alerts/{alertId}, and the admin API that adds and clears alerts
# (POST /_sim/alerts, DELETE /_sim/alerts).

import time
from urllib.parse import parse_qs, urlsplit

import pytest

from ..formats import parse_v7_date as parse_v7
from .support import ADMIN_TOKEN, HTTP_TEST_ID, LAB_TEST_ID, PRODUCTION_ONLY_TOKEN, error_fields, iso, reply_json


def alert_on(test_id, alert_type="http-server", started=None, **fields):
    """An alert as GET /v7/alerts lists one (thousandeyes-sdk-alerts Alert): the test's ID ends _links.test.href."""
    alert = {"alertType": alert_type, "startDate": iso(started or time.time() - 1800), "alertSeverity": "major"}
    if test_id is not None:
        alert["_links"] = {"test": {"href": "https://api.thousandeyes.com/v7/tests/{0}".format(test_id)}}
    alert.update(fields)
    return alert


@pytest.fixture
def add(client):
    def add_alert(alert):
        reply = client.request("POST", "/_sim/alerts", alert)
        assert reply.status == 201, reply.body
        return reply_json(reply)
    return add_alert


def listed(client, query="", token=ADMIN_TOKEN):
    reply = client.request("GET", "/v7/alerts" + query, token=token)
    assert reply.status == 200, reply.body
    assert reply.headers["Content-Type"] == "application/hal+json"
    return reply_json(reply)


def test_no_alerts_after_reset(client):
    assert listed(client) == {"alerts": [], "_links": {"self": {"href": client_url(client, "/v7/alerts")}}}


def client_url(client, path):
    return "{0}://{1}:{2}{3}".format(client.scheme, client.host, client.port, path)


def test_an_added_alert_is_listed_in_its_tests_account_group(client, add):
    added = add(alert_on(HTTP_TEST_ID, id="a-1"))
    assert added["aid"] == "1234" and added["alert"]["alertState"] == "trigger"
    lab = add(alert_on(LAB_TEST_ID))
    assert lab["aid"] == "5678" and len(lab["alert"]["id"]) == 36
    (alert,) = listed(client)["alerts"]
    assert alert["id"] == "a-1" and alert["_links"]["test"]["href"].endswith("/" + HTTP_TEST_ID)
    assert alert["_links"]["self"]["href"] == client_url(client, "/v7/alerts/a-1")
    assert [item["id"] for item in listed(client, "?aid=5678")["alerts"]] == [lab["alert"]["id"]]
    assert client.request("GET", "/v7/alerts?aid=5678", token=PRODUCTION_ONLY_TOKEN).status == 403


def test_an_alert_without_a_test_goes_to_the_first_account_group(client, add):
    assert add(alert_on(None, alert_type="agent"))["aid"] == "1234"


def test_pages_follow_next_until_the_last(client, add):
    ids = [add(alert_on(HTTP_TEST_ID))["alert"]["id"] for index in range(5)]
    seen, query, pages = [], "?max=2", 0
    while query is not None:
        page = listed(client, query)
        pages += 1
        seen.extend(alert["id"] for alert in page["alerts"])
        following = page["_links"].get("next")
        query = None
        if following:
            parts = urlsplit(following["href"])
            assert parse_qs(parts.query)["max"] == ["2"]
            query = "?" + parts.query
    assert seen == ids and pages == 3


def test_one_alert_by_id(client, add):
    alert_id = add(alert_on(HTTP_TEST_ID))["alert"]["id"]
    reply = client.request("GET", "/v7/alerts/" + alert_id, token=ADMIN_TOKEN)
    assert reply.status == 200 and reply_json(reply)["id"] == alert_id
    assert client.request("GET", "/v7/alerts/" + alert_id + "?aid=5678", token=ADMIN_TOKEN).status == 404
    assert client.request("GET", "/v7/alerts/nope", token=ADMIN_TOKEN).status == 404


def test_delete_clears_active_alerts_and_time_filters_apply_to_cleared_ones(client, add):
    add(alert_on(HTTP_TEST_ID, started=time.time() - 7200))
    assert client.admin("DELETE", "/_sim/alerts") == {"status": "ok", "cleared": 1}
    assert listed(client)["alerts"] == []
    (cleared,) = listed(client, "?state=clear")["alerts"]
    assert cleared["alertState"] == "clear" and cleared["endDate"] and cleared["duration"] >= 7199
    assert len(listed(client, "?state=clear&window=1h")["alerts"]) == 1
    long_ago = "?state=clear&startDate=2020-01-01T00:00:00Z&endDate=2020-01-02T00:00:00Z"
    assert listed(client, long_ago)["alerts"] == []


@pytest.mark.parametrize("query, fields", [
    ("?state=active", ["state"]),
    ("?window=12x", ["window"]),
    ("?window=0", ["window"]),
    ("?window=1h&startDate=2026-01-01T00:00:00Z", ["window"]),
    ("?startDate=yesterday", ["startDate"]),
    ("?startDate=2026-01-02T00:00:00Z&endDate=2026-01-01T00:00:00Z", ["startDate"]),
    ("?max=0", ["max"]),
    ("?cursor=bogus", ["cursor"]),
])
def test_bad_queries_are_refused_naming_the_field(client, query, fields):
    reply = client.request("GET", "/v7/alerts" + query, token=ADMIN_TOKEN)
    assert reply.status == 400 and error_fields(reply) == fields


@pytest.mark.parametrize("alert, words", [
    ({"alertType": ""}, "'alertType'"),
    ({"alertType": "http-server", "startDate": "yesterday"}, "'startDate'"),
    (alert_on(HTTP_TEST_ID, details=["x"]), "'details'"),
    (alert_on(HTTP_TEST_ID, violationCount="2"), "'violationCount'"),
    (alert_on(HTTP_TEST_ID, alertSeverity="MAJOR"), "'alertSeverity'"),
    (dict(alert_on(HTTP_TEST_ID), _links={"test": "https://x/v7/tests/1"}), "'_links.test'"),
])
def test_admin_refuses_an_alert_the_api_could_not_send(client, alert, words):
    reply = client.request("POST", "/_sim/alerts", alert)
    assert reply.status == 400 and words in reply_json(reply)["error"]


def test_admin_refuses_a_duplicate_id(client, add):
    add(alert_on(HTTP_TEST_ID, id="same"))
    reply = client.request("POST", "/_sim/alerts", alert_on(HTTP_TEST_ID, id="same"))
    assert reply.status == 400 and "exists already" in reply_json(reply)["error"]


# Issue 23: the current spec (thousandeyes-cli api/thousandeyes.yaml, GET /alerts): "Time filters (window, startDate,
# endDate) are applied differently depending on state: - For state=trigger: filters by when the alert started. - For
# state=clear: filters by when the alert cleared."
def test_a_time_range_selects_active_alerts_by_start_and_cleared_ones_by_clear_time(client, add):
    now = time.time()
    recent = add(alert_on(HTTP_TEST_ID, started=now - 1800, id="recent"))["alert"]["id"]
    add(alert_on(HTTP_TEST_ID, started=now - 3 * 86400, id="old"))
    assert [item["id"] for item in listed(client)["alerts"]] == ["recent", "old"]
    assert [item["id"] for item in listed(client, "?window=1h")["alerts"]] == [recent]
    assert [item["id"] for item in listed(client, "?startDate=%s&endDate=%s" % (iso(now - 4 * 86400), iso(now - 2 * 86400)))["alerts"]] == ["old"]
    client.admin("DELETE", "/_sim/alerts")
    # Both cleared just now: a range of the last hour holds both, though one started days ago (it overlapped before too).
    assert [item["id"] for item in listed(client, "?state=clear&window=1h")["alerts"]] == ["recent", "old"]
    # A range that the old alert overlapped but in which neither cleared holds none.
    between = "?state=clear&startDate=%s&endDate=%s" % (iso(now - 2 * 86400), iso(now - 86400))
    assert listed(client, between)["alerts"] == []


def test_a_test_link_that_names_its_account_group_files_the_alert_there(client, add):
    link = {"test": {"href": "https://api.thousandeyes.com/v7/tests/%s?aid=5678" % HTTP_TEST_ID}}
    added = add(dict(alert_on(None), _links=link))
    assert added["aid"] == "5678"
    assert [item["id"] for item in listed(client, "?aid=5678")["alerts"]] == [added["alert"]["id"]]
    assert listed(client)["alerts"] == []


def test_the_admin_api_takes_an_alert_with_only_what_the_spec_requires(client, add):
    before = time.time() - 1
    added = add({})
    assert added["aid"] == "1234" and "alertType" not in added["alert"]
    assert parse_v7(added["alert"]["startDate"]) >= int(before)
    # No body at all is no alert.
    reply = client.request("POST", "/_sim/alerts", None)
    assert reply.status == 400 and "the body must be one alert" in reply_json(reply)["error"]


def test_one_alert_matches_the_alert_detail_schema(client, add):
    source = {"id": "3379", "name": "Bucharest, Romania", "state": "trigger", "type": "cea_agent"}  # the spec's AlertMetricDetail example
    alert_id = add(alert_on(HTTP_TEST_ID, state="ACTIVE", severity="MAJOR", details=[source]))["alert"]["id"]
    detail = reply_json(client.request("GET", "/v7/alerts/" + alert_id, token=ADMIN_TOKEN))
    assert (detail["state"], detail["severity"]) == ("trigger", "major")
    assert detail["details"] == [source]
    # The list keeps the legacy forms its schema (the deprecated LegacyAlert) allows.
    (listed_alert,) = listed(client)["alerts"]
    assert (listed_alert["state"], listed_alert["severity"]) == ("ACTIVE", "MAJOR")
    plain = add(alert_on(HTTP_TEST_ID))["alert"]["id"]
    assert reply_json(client.request("GET", "/v7/alerts/" + plain, token=ADMIN_TOKEN))["details"] == []


def test_reset_forgets_alerts(client, add):
    add(alert_on(HTTP_TEST_ID))
    client.admin("POST", "/_sim/reset", {})
    assert client.admin("GET", "/_sim/alerts") == {"alerts": []}
