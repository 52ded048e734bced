# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of API v7 (v7.py): listing tests and account groups, creating snapshots, request checks.

import calendar
import json
import re
import time

import pytest

from .support import (
    ADMIN_TOKEN, AGENT_TEST_ID, ENDPOINT_TEST_ID, HTTP_TEST_ID, ISO_Z, LAB_TEST_ID, PRODUCTION_ONLY_TOKEN, V7_SNAPSHOT_PATH, create_v7,
    error_fields, iso, past_window, reply_json, v6_date, v7_body,
)


def test_v7_list_tests_shape(client):
    reply = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/hal+json"
    payload = reply_json(reply)
    assert payload["_links"]["self"]["href"].endswith("/v7/tests")
    tests = payload["tests"]
    for test in tests:
        assert isinstance(test["testId"], str) and test["testId"].isdigit()
        for flag in ("enabled", "alertsEnabled", "savedEvent", "liveShare"):
            assert isinstance(test[flag], bool)
        assert "self" in test["_links"] and test["_links"]["testResults"]
        assert "aid" not in test
    types = set(test["type"] for test in tests)
    assert {"http-server", "agent-to-server", "page-load", "dns-server"} <= types
    assert [test["testId"] for test in tests if test["testName"] == "Payments API"] == [HTTP_TEST_ID, AGENT_TEST_ID]
    assert any(test["savedEvent"] for test in tests)
    assert any(test["liveShare"] for test in tests)
    assert ENDPOINT_TEST_ID not in [test["testId"] for test in tests]


def test_v7_list_tests_per_account_group(client):
    default = reply_json(client.request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
    production = reply_json(client.request("GET", "/v7/tests?aid=1234", token=ADMIN_TOKEN))
    lab = reply_json(client.request("GET", "/v7/tests?aid=5678", token=ADMIN_TOKEN))
    assert default == production["tests"]
    assert production["_links"]["self"]["href"].endswith("/v7/tests?aid=1234")
    assert [test["testId"] for test in lab["tests"] if test["testName"] == "Payments API"] == [LAB_TEST_ID]
    assert not set(test["testId"] for test in lab["tests"]) & set(test["testId"] for test in default)


def test_v7_account_groups(client):
    payload = reply_json(client.request("GET", "/v7/account-groups?aid=5678", token=ADMIN_TOKEN))
    groups = dict((group["aid"], group) for group in payload["accountGroups"])
    assert groups["1234"]["accountGroupName"] == "Production" and groups["1234"]["isDefaultAccountGroup"] is True
    assert groups["5678"]["isCurrentAccountGroup"] is True and groups["1234"]["isCurrentAccountGroup"] is False
    only_production = reply_json(client.request("GET", "/v7/account-groups", token=PRODUCTION_ONLY_TOKEN))
    assert [group["aid"] for group in only_production["accountGroups"]] == ["1234"]


def test_v7_create_private_snapshot(client):
    body = v7_body(hours=2, display_name="Checkout incident")
    reply = create_v7(client, body=body, query="?aid=1234")
    assert reply.status == 201, reply.body
    assert reply.headers["Content-Type"] == "application/hal+json"
    assert reply.headers.get("Retry-After") is None
    payload = reply_json(reply)
    assert re.match(r"^[a-z]{5,8}$", payload["id"])
    assert payload["sourceTestId"] == HTTP_TEST_ID
    assert isinstance(payload["testId"], str) and payload["testId"] != HTTP_TEST_ID
    assert payload["uid"] == "281474976810911"
    assert payload["displayName"] == "Checkout incident"
    assert payload["extraParams"] == ""
    assert payload["startRoundId"] == payload["roundId"] == calendar.timegm(time.strptime(body["startDate"], "%Y-%m-%dT%H:%M:%SZ"))
    assert payload["endRoundId"] - payload["startRoundId"] == 7200
    assert ISO_Z.match(payload["shareDate"])
    test = payload["test"]
    assert test["testId"] == payload["testId"]
    assert test["savedEvent"] is True and test["liveShare"] is False
    assert test["type"] == "http-server" and test["interval"] == 300
    for key in ("testName", "enabled", "alertsEnabled", "createdBy", "createdDate", "modifiedBy", "modifiedDate", "description"):
        assert key in test
    assert test["_links"]["self"]["href"] and test["_links"]["testResults"]
    assert payload["_links"]["self"]["href"].endswith("/v7/tests/{0}/snapshot".format(payload["testId"]))
    assert payload["_links"]["appLink"]["href"] == "https://app.thousandeyes.com/view/tests/?testId={0}&__a=1234".format(payload["testId"])

    listed = reply_json(client.request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
    saved = [item for item in listed if item["testId"] == payload["testId"]]
    assert len(saved) == 1 and saved[0]["savedEvent"] is True and saved[0]["testName"] == "Checkout incident"

    snapshots = client.admin("GET", "/_sim/snapshots")["snapshots"]
    assert len(snapshots) == 1
    record = snapshots[0]
    assert record["id"] == payload["id"] and record["api_version"] == "v7" and record["aid"] == "1234"
    assert record["source_test_id"] == HTTP_TEST_ID and record["test_id"] == payload["testId"]
    assert record["public"] is False and record["window_hours"] == 2
    assert record["display_name"] == "Checkout incident"
    assert record["start_date"] == body["startDate"] and record["end_date"] == body["endDate"]


def test_v7_create_public_snapshot_is_not_listed(client):
    reply = create_v7(client, body=v7_body(is_public=True))
    assert reply.status == 201
    payload = reply_json(reply)
    assert payload["test"]["savedEvent"] is False
    listed = reply_json(client.request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
    assert payload["testId"] not in [item["testId"] for item in listed]
    assert client.admin("GET", "/_sim/snapshots")["snapshots"][0]["public"] is True


def test_v7_is_public_false_and_absent_mean_private(client):
    for value in (False, None):
        body = v7_body(is_public=value)
        assert ("isPublic" in body) is (value is not None)
        reply = create_v7(client, body=body)
        assert reply.status == 201
        assert reply_json(reply)["test"]["savedEvent"] is True


def test_v7_is_public_null_is_refused(client):
    # The spec types isPublic as a boolean, not nullable: null is a type error like any other non-boolean.
    body = v7_body()
    body["isPublic"] = None
    reply = create_v7(client, body=body)
    assert reply.status == 400
    assert reply_json(reply)["errors"] == [
        {"code": "INVALID_TYPE", "field": "isPublic", "message": "isPublic must be a boolean (true or false) or left out."}]
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_v7_snapshot_in_other_account_group(client):
    reply = create_v7(client, test_id=LAB_TEST_ID, query="?aid=5678")
    assert reply.status == 201
    assert reply_json(reply)["_links"]["appLink"]["href"].endswith("&__a=5678")
    lab = reply_json(client.request("GET", "/v7/tests?aid=5678", token=ADMIN_TOKEN))["tests"]
    assert reply_json(reply)["testId"] in [test["testId"] for test in lab]
    assert create_v7(client, test_id=LAB_TEST_ID).status == 404


def test_v7_snapshot_ids_are_unique(client):
    client.admin("POST", "/_sim/reset", {"snapshot_quota": {"limit": 20, "period": 300}})
    ids = [reply_json(create_v7(client))["id"] for index in range(10)]
    assert len(set(ids)) == 10


@pytest.mark.parametrize("hours", [1, 2, 4, 6, 12, 24, 48])
def test_v7_allowed_windows(client, hours):
    assert create_v7(client, body=v7_body(hours=hours)).status == 201


@pytest.mark.parametrize("hours", [0.5, 3, 47, 96])
def test_v7_refused_windows(client, hours):
    reply = create_v7(client, body=v7_body(hours=hours))
    assert reply.status == 400
    assert reply.headers["Content-Type"] == "application/problem+json"
    payload = reply_json(reply)
    assert payload["title"] == "Request validation failed. There are invalid or missing fields"
    assert payload["status"] == 400 and payload["type"] and payload["detail"]
    assert payload["errors"][0]["code"] == "INVALID_TIME_RANGE"
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_v7_window_with_offsets_and_fractions(client):
    start, end = past_window(1)
    body = {"displayName": "offsets", "startDate": time.strftime("%Y-%m-%dT%H:%M:%S.000+00:00", time.gmtime(start)),
            "endDate": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(end + 7200)) + "+02:00"}
    assert create_v7(client, body=body).status == 201


def test_v7_accepts_other_rfc3339_forms(client):
    # format: date-time is RFC 3339: T and Z in either case, a fraction of any length, an offset.
    start, end = past_window(1)
    body = {"displayName": "RFC 3339 forms",
            "startDate": time.strftime("%Y-%m-%dt%H:%M:%S", time.gmtime(start)) + ".1234567890z",
            "endDate": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(end - 3 * 3600)) + ".1234567890-03:00"}
    reply = create_v7(client, body=body)
    assert reply.status == 201, reply.body
    payload = reply_json(reply)
    assert (payload["startRoundId"], payload["endRoundId"]) == (start, end)
    assert client.admin("GET", "/_sim/snapshots")["snapshots"][0]["window_hours"] == 1


def test_v7_display_name_of_other_whitespace_is_not_blank(client):
    # Blank means only spaces, tabs, CR and LF (the pattern in openapi.json reads the same in every regex dialect).
    reply = create_v7(client, body=v7_body(display_name="\u00a0"))
    assert reply.status == 201
    assert reply_json(reply)["displayName"] == "\u00a0"


def invalid_v7_bodies():
    start, end = past_window(1)
    future_start = int(time.time()) + 60
    return [
        ("missing displayName", {"startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("empty displayName", {"displayName": "", "startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("blank displayName", {"displayName": " \t\r\n ", "startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("number displayName", {"displayName": 5, "startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("missing startDate", {"displayName": "x", "endDate": iso(end)}, ["startDate"]),
        ("missing endDate", {"displayName": "x", "startDate": iso(start)}, ["endDate"]),
        ("unparseable date", {"displayName": "x", "startDate": "yesterday", "endDate": iso(end)}, ["startDate"]),
        ("date without zone", {"displayName": "x", "startDate": iso(start)[:-1], "endDate": iso(end)[:-1]}, ["startDate", "endDate"]),
        ("leap second", {"displayName": "x", "startDate": "2016-12-31T22:59:60Z", "endDate": "2016-12-31T23:59:60Z"}, ["startDate", "endDate"]),
        ("impossible date", {"displayName": "x", "startDate": "2025-02-30T00:00:00Z", "endDate": "2025-02-30T01:00:00Z"}, ["startDate", "endDate"]),
        ("v6 date format", {"displayName": "x", "startDate": v6_date(start), "endDate": v6_date(end)}, ["startDate", "endDate"]),
        ("end in the future", {"displayName": "x", "startDate": iso(future_start), "endDate": iso(future_start + 3600)}, ["endDate"]),
        ("start after end", {"displayName": "x", "startDate": iso(end), "endDate": iso(start)}, ["startDate"]),
        ("start equals end", {"displayName": "x", "startDate": iso(end), "endDate": iso(end)}, ["startDate"]),
        ("string isPublic", {"displayName": "x", "startDate": iso(start), "endDate": iso(end), "isPublic": "true"}, ["isPublic"]),
        ("integer isPublic", {"displayName": "x", "startDate": iso(start), "endDate": iso(end), "isPublic": 1}, ["isPublic"]),
    ]


@pytest.mark.parametrize("case", invalid_v7_bodies(), ids=lambda case: case[0])
def test_v7_validation_errors(client, case):
    description, body, fields = case
    reply = create_v7(client, body=body)
    assert reply.status == 400, description
    assert reply.headers["Content-Type"] == "application/problem+json"
    payload = reply_json(reply)
    assert payload["title"] == "Request validation failed. There are invalid or missing fields"
    assert payload["status"] == 400
    assert error_fields(reply) == fields
    for item in payload["errors"]:
        assert set(item) == {"code", "field", "message"}
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_v7_multiple_errors_are_listed_together(client):
    reply = create_v7(client, body={"isPublic": "no"})
    assert reply.status == 400
    assert error_fields(reply) == ["displayName", "startDate", "endDate", "isPublic"]


@pytest.mark.parametrize("raw_body", [b"{not json", b"[1, 2]", b"\"text\"", b"[" * 100000, b"\xff\xfe{}"],
                         ids=["malformed", "array", "string", "deeply nested", "not UTF-8"])
def test_v7_malformed_json(client, raw_body):
    reply = client.request("POST", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN, raw_body=raw_body,
                           headers={"Content-Type": "application/json"})
    assert reply.status == 400
    assert reply.headers["Content-Type"] == "application/problem+json"
    assert reply_json(reply)["status"] == 400


def test_v7_missing_body_and_wrong_content_type(client):
    empty = client.request("POST", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN, headers={"Content-Type": "application/json"})
    assert empty.status == 400
    form = client.request("POST", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN, raw_body=json.dumps(v7_body()).encode("utf-8"),
                          headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert form.status == 415
    assert reply_json(form)["title"] == "Unsupported Media Type"
    charset = client.request("POST", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN, raw_body=json.dumps(v7_body()).encode("utf-8"),
                             headers={"Content-Type": "application/json; charset=utf-8"})
    assert charset.status == 201


def test_v7_unknown_test_and_paths(client):
    for reply in (create_v7(client, test_id="999"), create_v7(client, test_id="not-a-number"),
                  client.request("GET", "/v7/nothing-here", token=ADMIN_TOKEN), client.request("GET", "/v7/tests.json", token=ADMIN_TOKEN)):
        assert reply.status == 404
        assert reply.headers["Content-Type"] == "application/problem+json"
        assert reply_json(reply)["title"] == "URI Resource Not Found"
        assert reply_json(reply)["status"] == 404


def test_v7_wrong_method(client):
    reply = client.request("GET", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN)
    assert reply.status == 405
    assert reply.headers["Allow"] == "POST"


def test_v7_endpoint_agent_test_refused(client):
    reply = create_v7(client, test_id=ENDPOINT_TEST_ID)
    assert reply.status == 400
    assert error_fields(reply) == ["testId"]
    assert "Endpoint Agent" in reply_json(reply)["errors"][0]["message"]
