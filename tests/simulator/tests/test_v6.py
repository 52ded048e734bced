# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of API v6 (v6.py): listing tests, creating snapshots, request checks.

import re
import time

import pytest

from .support import (
    ADMIN_TOKEN, AGENT_TEST_ID, ENDPOINT_TEST_ID, HTTP_TEST_ID, LAB_TEST_ID, V6_DATE, basic_header, iso, past_window, reply_json, v6_body,
    v6_date,
)


def test_v6_list_tests_shape(client):
    for path in ("/v6/tests.json", "/v6/tests", "/v6/tests?format=json"):
        reply = client.request("GET", path, token=ADMIN_TOKEN)
        assert reply.status == 200, path
        assert reply.headers["Content-Type"] == "application/json"
        tests = reply_json(reply)["test"]
        for test in tests:
            assert isinstance(test["testId"], int)
            for flag in ("enabled", "alertsEnabled", "savedEvent", "liveShare"):
                assert test[flag] in (0, 1) and not isinstance(test[flag], bool)
            assert V6_DATE.match(test["createdDate"])
            assert [link["rel"] for link in test["apiLinks"]] == ["self", "data"]
        assert [test["testId"] for test in tests if test["testName"] == "Payments API"] == [int(HTTP_TEST_ID), int(AGENT_TEST_ID)]
    lab = reply_json(client.request("GET", "/v6/tests.json?aid=5678", token=ADMIN_TOKEN))["test"]
    assert int(LAB_TEST_ID) in [test["testId"] for test in lab]


@pytest.mark.parametrize("path", ["/v6/snapshot.json", "/v6/snapshot?format=json", "/v6/snapshot"])
def test_v6_create_snapshot_paths(client, path):
    reply = client.request("POST", path, v6_body(is_public=1), ADMIN_TOKEN)
    assert reply.status == 201, reply.body
    assert reply.headers["Content-Type"] == "application/json"
    payload = reply_json(reply)
    assert payload["test"] == []
    link = payload["link"]
    assert set(link) == {"displayName", "endRoundId", "extraParams", "linkId", "roundId", "shareDate", "sourceTestId",
                         "startRoundId", "testId", "uid", "viewUrl"}
    assert re.match(r"^[a-z]{5,8}$", link["linkId"])
    assert link["sourceTestId"] == int(HTTP_TEST_ID)
    assert isinstance(link["testId"], int) and link["testId"] != int(HTTP_TEST_ID)
    assert link["uid"] == 281474976810911
    assert V6_DATE.match(link["shareDate"])
    assert link["endRoundId"] - link["startRoundId"] == 3600 and link["roundId"] == link["startRoundId"]
    assert link["viewUrl"] == "https://{0}.share.thousandeyes.com/view/tests/".format(link["linkId"])
    assert link["extraParams"] == ""


def test_v6_private_snapshot_is_a_saved_event(client):
    reply = client.request("POST", "/v6/snapshot.json", v6_body(is_public=0, separator="T"), ADMIN_TOKEN)
    assert reply.status == 201
    link = reply_json(reply)["link"]
    assert link["viewUrl"] == ""
    saved = [test for test in reply_json(client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN))["test"] if test["testId"] == link["testId"]]
    assert saved and saved[0]["savedEvent"] == 1
    record = client.admin("GET", "/_sim/snapshots")["snapshots"][0]
    assert record["api_version"] == "v6" and record["public"] is False and record["test_id"] == str(link["testId"])


def test_v6_accepts_96_hours_and_string_test_id(client):
    body = v6_body(hours=96)
    body["testId"] = HTTP_TEST_ID
    assert client.request("POST", "/v6/snapshot.json", body, ADMIN_TOKEN).status == 201


def test_v6_basic_auth(client):
    reply = client.request("POST", "/v6/snapshot.json", v6_body(), headers=basic_header("admin@example.com", "simulator-basic-token"))
    assert reply.status == 201
    assert client.request("GET", "/v6/tests.json", headers=basic_header("admin@example.com", "wrong")).status == 401


def invalid_v6_bodies():
    valid = v6_body()
    start, end = past_window(1)
    future = int(time.time()) + 60
    cases = [
        ("missing testId", {"testId": None}),
        ("boolean testId", {"testId": True}),
        ("missing displayName", {"displayName": None}),
        ("missing from", {"from": None}),
        ("bad to", {"to": "tomorrow"}),
        ("v7 dates", {"from": iso(start) + "x", "to": iso(end) + "x"}),
        ("refused window", {"from": v6_date(end - 3 * 3600)}),
        ("future to", {"from": v6_date(future), "to": v6_date(future + 3600)}),
        ("reversed", {"from": v6_date(end), "to": v6_date(start)}),
        ("isPublic 2", {"isPublic": 2}),
        ("isPublic string", {"isPublic": "1"}),
        ("isPublic true", {"isPublic": True}),
        ("isPublic false", {"isPublic": False}),
        ("isPublic 1.0", {"isPublic": 1.0}),
        ("testId of non-ASCII digits", {"testId": "\uff11\uff12"}),
        ("testId 0", {"testId": 0}),
    ]
    bodies = []
    for description, changes in cases:
        body = dict(valid)
        body.update(changes)
        bodies.append((description, dict((key, value) for key, value in body.items() if value is not None)))
    return bodies


@pytest.mark.parametrize("case", invalid_v6_bodies(), ids=lambda case: case[0])
def test_v6_validation_errors(client, case):
    reply = client.request("POST", "/v6/snapshot.json", case[1], ADMIN_TOKEN)
    assert reply.status == 400, case[0]
    assert reply.headers["Content-Type"] == "application/json"
    payload = reply_json(reply)
    assert list(payload) == ["errorMessage"] and payload["errorMessage"]


def test_v6_errors(client):
    malformed = client.request("POST", "/v6/snapshot.json", token=ADMIN_TOKEN, raw_body=b"{", headers={"Content-Type": "application/json"})
    assert malformed.status == 400 and "errorMessage" in reply_json(malformed)
    unknown = client.request("POST", "/v6/snapshot.json", v6_body(test_id=12345), ADMIN_TOKEN)
    assert unknown.status == 404 and "errorMessage" in reply_json(unknown)
    endpoint = client.request("POST", "/v6/snapshot.json", v6_body(test_id=int(ENDPOINT_TEST_ID)), ADMIN_TOKEN)
    assert endpoint.status == 400 and "Endpoint Agent" in reply_json(endpoint)["errorMessage"]
    no_path = client.request("GET", "/v6/nothing.json", token=ADMIN_TOKEN)
    assert no_path.status == 404 and "errorMessage" in reply_json(no_path)
    xml = client.request("GET", "/v6/tests.json?format=xml", token=ADMIN_TOKEN)
    assert xml.status == 406


def test_v6_is_public_null_is_refused(client):
    body = v6_body()
    body["isPublic"] = None
    reply = client.request("POST", "/v6/snapshot.json", body, ADMIN_TOKEN)
    assert reply.status == 400 and "isPublic" in reply_json(reply)["errorMessage"]


@pytest.mark.parametrize("query", ["?format=xml", "?format=JSON", "?format="])
def test_v6_format_other_than_json_is_406(client, query):
    for reply in (client.request("GET", "/v6/tests" + query, token=ADMIN_TOKEN),
                  client.request("POST", "/v6/snapshot" + query, v6_body(), ADMIN_TOKEN)):
        assert reply.status == 406 and "errorMessage" in reply_json(reply)
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []
