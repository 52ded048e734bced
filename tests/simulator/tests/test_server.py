# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the ThousandEyes API simulator (tests/simulator/server.py), run in
# process on a free port, plus its command line and HTTPS mode.

import base64
import calendar
import collections
import http.client
import json
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import time
from urllib.parse import urlsplit

import pytest

from .simulator_module import SERVER_PATH, SIMULATOR_DIR, load_simulator_module


ADMIN_TOKEN = "simulator-token"
READONLY_TOKEN = "readonly-token"
REGULAR_TOKEN = "regular-user-token"
PRODUCTION_ONLY_TOKEN = "production-only-token"
HTTP_TEST_ID = "281474976710706"
AGENT_TEST_ID = "281474976710707"
ENDPOINT_TEST_ID = "281474976710712"
LAB_TEST_ID = "281474976710720"
V7_SNAPSHOT_PATH = "/v7/tests/{0}/snapshot"
ISO_Z = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
V6_DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
RATE_HEADERS = ("X-Organization-Rate-Limit-Limit", "X-Organization-Rate-Limit-Remaining", "X-Organization-Rate-Limit-Reset")


simulator_module = load_simulator_module()

Reply = collections.namedtuple("Reply", "status headers body")


def reply_json(reply):
    return json.loads(reply.body.decode("utf-8"))


class Client:
    """A tiny HTTP client on http.client: no retries, no redirects, full view of the answer."""

    def __init__(self, base_url, ssl_context=None):
        parts = urlsplit(base_url)
        self.scheme = parts.scheme
        self.host = parts.hostname
        self.port = parts.port
        self.ssl_context = ssl_context

    def connection(self, timeout):
        if self.scheme == "https":
            return http.client.HTTPSConnection(self.host, self.port, timeout=timeout, context=self.ssl_context)
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def request(self, method, path, payload=None, token=None, headers=None, raw_body=None, timeout=10):
        all_headers = {"Accept": "application/hal+json, application/json, application/problem+json"}
        if token is not None:
            all_headers["Authorization"] = "Bearer " + token
        body = raw_body
        if payload is not None:
            body = json.dumps(payload).encode("utf-8")
            all_headers["Content-Type"] = "application/json"
        all_headers.update(headers or {})
        connection = self.connection(timeout)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            response = connection.getresponse()
            return Reply(response.status, response.msg, response.read())
        finally:
            connection.close()

    def admin(self, method, path, payload=None):
        reply = self.request(method, path, payload)
        assert reply.status == 200, reply.body
        return reply_json(reply)


def iso(epoch):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def v6_date(epoch, separator=" "):
    return time.strftime("%Y-%m-%d" + separator + "%H:%M:%S", time.gmtime(epoch))


def past_window(hours, end_offset=600):
    """(start, end) epochs of a window of `hours` ending `end_offset` seconds ago."""
    end = int(time.time()) - end_offset
    return end - int(hours * 3600), end


def v7_body(hours=1, display_name="Simulator snapshot", is_public=None):
    start, end = past_window(hours)
    body = {"displayName": display_name, "startDate": iso(start), "endDate": iso(end)}
    if is_public is not None:
        body["isPublic"] = is_public
    return body


def v6_body(hours=1, test_id=int(HTTP_TEST_ID), is_public=0, separator=" "):
    start, end = past_window(hours)
    return {"testId": test_id, "displayName": "v6 snapshot", "from": v6_date(start, separator), "to": v6_date(end, separator), "isPublic": is_public}


def basic_header(email, token):
    return {"Authorization": "Basic " + base64.b64encode("{0}:{1}".format(email, token).encode("utf-8")).decode("ascii")}


@pytest.fixture(scope="module")
def simulator():
    instance = simulator_module.Simulator(port=0, seed=7)
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture
def client(simulator):
    api = Client(simulator.url)
    api.admin("POST", "/_sim/reset")
    return api


def create_v7(client, test_id=HTTP_TEST_ID, body=None, token=ADMIN_TOKEN, query="", timeout=10):
    return client.request("POST", V7_SNAPSHOT_PATH.format(test_id) + query, body if body is not None else v7_body(), token, timeout=timeout)


def error_fields(reply):
    return [item["field"] for item in reply_json(reply)["errors"]]


# ---------------------------------------------------------------------------
# Listing tests
# ---------------------------------------------------------------------------

def test_health(client):
    assert client.admin("GET", "/_sim/health") == {"status": "ok"}


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


# ---------------------------------------------------------------------------
# v7 snapshot creation
# ---------------------------------------------------------------------------

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


def test_v7_is_public_false_and_null_mean_private(client):
    for value in (False, None):
        body = v7_body()
        body["isPublic"] = value
        reply = create_v7(client, body=body)
        assert reply.status == 201
        assert reply_json(reply)["test"]["savedEvent"] is True


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


def invalid_v7_bodies():
    start, end = past_window(1)
    future_start = int(time.time()) + 60
    return [
        ("missing displayName", {"startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("empty displayName", {"displayName": "  ", "startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("number displayName", {"displayName": 5, "startDate": iso(start), "endDate": iso(end)}, ["displayName"]),
        ("missing startDate", {"displayName": "x", "endDate": iso(end)}, ["startDate"]),
        ("missing endDate", {"displayName": "x", "startDate": iso(start)}, ["endDate"]),
        ("unparseable date", {"displayName": "x", "startDate": "yesterday", "endDate": iso(end)}, ["startDate"]),
        ("date without zone", {"displayName": "x", "startDate": iso(start)[:-1], "endDate": iso(end)[:-1]}, ["startDate", "endDate"]),
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


@pytest.mark.parametrize("raw_body", [b"{not json", b"[1, 2]", b"\"text\""])
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


def test_v7_chunked_body(client):
    body = json.dumps(v7_body()).encode("utf-8")
    chunked = b"".join([b"%x\r\n" % len(body[:10]), body[:10], b"\r\n", b"%x\r\n" % len(body[10:]), body[10:], b"\r\n0\r\n\r\n"])
    reply = client.request("POST", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN, raw_body=chunked,
                           headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    assert reply.status == 201


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


# ---------------------------------------------------------------------------
# v6 snapshot creation
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Authentication
# ---------------------------------------------------------------------------

def test_v7_unauthorized_shapes(client):
    missing = client.request("GET", "/v7/tests")
    assert missing.status == 401
    assert missing.headers["Content-Type"] == "application/json"
    assert set(reply_json(missing)) == {"error", "error_description"}
    wrong = client.request("GET", "/v7/tests", token="not-a-token")
    assert wrong.status == 401
    assert reply_json(wrong) == {"error": "invalid_token", "error_description": "Invalid access token"}
    basic = client.request("GET", "/v7/tests", headers=basic_header("admin@example.com", "simulator-basic-token"))
    assert basic.status == 401
    assert client.request("GET", "/v7/tests", headers={"Authorization": "Token simulator-token"}).status == 401
    assert create_v7(client, token="not-a-token").status == 401
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_v6_unauthorized_shape(client):
    reply = client.request("POST", "/v6/snapshot.json", v6_body(), "not-a-token")
    assert reply.status == 401
    assert list(reply_json(reply)) == ["errorMessage"]
    assert client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN).status == 200


def test_unauthorized_storm_blocks_ip_with_default_threshold(client, simulator):
    assert simulator.state.describe_limits()["unauthorized_threshold"] == 120
    for index in range(119):
        assert client.request("GET", "/v7/tests", token="bad-{0}".format(index)).status == 401
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200
    assert client.request("GET", "/v6/tests.json", token="bad-last").status == 401
    blocked = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    assert blocked.status == 429
    assert reply_json(blocked)["status"] == 429
    assert client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN).status == 429
    assert "errorMessage" in reply_json(client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN))
    client.admin("POST", "/_sim/reset")
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200


def test_unauthorized_threshold_is_configurable(client):
    client.admin("POST", "/_sim/reset", {"unauthorized_threshold": 3})
    for index in range(3):
        assert client.request("GET", "/v7/tests", token="bad-{0}".format(index)).status == 401
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 429


def test_unauthorized_threshold_constructor_parameter():
    with simulator_module.Simulator(port=0, unauthorized_threshold=2) as small:
        api = Client(small.url)
        assert [api.request("GET", "/v7/tests", token="bad").status for index in range(3)] == [401, 401, 429]


# ---------------------------------------------------------------------------
# Permissions and account groups
# ---------------------------------------------------------------------------

def test_missing_snapshot_permission(client):
    v7 = create_v7(client, token=READONLY_TOKEN)
    assert v7.status == 403
    assert v7.headers["Content-Type"] == "application/problem+json"
    assert "Create snapshot shares" in reply_json(v7)["detail"]
    assert reply_json(v7)["status"] == 403
    v6 = client.request("POST", "/v6/snapshot.json", v6_body(), READONLY_TOKEN)
    assert v6.status == 403 and "Create snapshot shares" in reply_json(v6)["errorMessage"]
    assert client.request("GET", "/v7/tests", token=READONLY_TOKEN).status == 200
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_regular_user_blocked_from_v6_posts_only(client):
    v6 = client.request("POST", "/v6/snapshot.json", v6_body(), REGULAR_TOKEN)
    assert v6.status == 403 and "errorMessage" in reply_json(v6)
    assert client.request("GET", "/v6/tests.json", token=REGULAR_TOKEN).status == 200
    assert create_v7(client, token=REGULAR_TOKEN).status == 201


def test_account_group_membership(client):
    assert create_v7(client, test_id=LAB_TEST_ID, token=PRODUCTION_ONLY_TOKEN, query="?aid=5678").status == 403
    assert client.request("GET", "/v7/tests?aid=5678", token=PRODUCTION_ONLY_TOKEN).status == 403
    assert client.request("GET", "/v6/tests.json?aid=5678", token=PRODUCTION_ONLY_TOKEN).status == 403
    assert create_v7(client, token=PRODUCTION_ONLY_TOKEN, query="?aid=1234").status == 201
    unknown = create_v7(client, query="?aid=9999")
    assert unknown.status == 403 and reply_json(unknown)["title"] == "Forbidden"
    assert client.request("GET", "/v7/tests?aid=", token=ADMIN_TOKEN).status == 403


# ---------------------------------------------------------------------------
# Limits
# ---------------------------------------------------------------------------

def test_rate_limit_headers_on_normal_responses(client):
    first = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    second = create_v7(client)
    error = create_v7(client, body={})
    for reply in (first, second, error):
        for name in RATE_HEADERS:
            assert reply.headers[name].isdigit()
    assert first.headers["X-Organization-Rate-Limit-Limit"] == "240"
    assert int(first.headers["X-Organization-Rate-Limit-Remaining"]) == int(second.headers["X-Organization-Rate-Limit-Remaining"]) + 1
    assert time.time() < int(first.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 61


def test_default_snapshot_quota(client):
    assert client.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 5, "period": 300}
    started = time.time()
    assert [create_v7(client).status for index in range(5)] == [201] * 5
    refused = create_v7(client)
    assert refused.status == 429
    assert refused.headers["X-Organization-Rate-Limit-Limit"] == "5"
    assert refused.headers["X-Organization-Rate-Limit-Remaining"] == "0"
    assert started + 299 <= int(refused.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 301
    assert refused.headers.get("Retry-After") is None
    assert reply_json(refused)["title"] == "Exhausted rate limit for the organization"
    assert refused.headers["Content-Type"] == "application/problem+json"
    v6 = client.request("POST", "/v6/snapshot.json", v6_body(), ADMIN_TOKEN)
    assert v6.status == 429 and "errorMessage" in reply_json(v6)
    assert len(client.admin("GET", "/_sim/snapshots")["snapshots"]) == 5


def test_snapshot_quota_set_by_reset_and_freed_after_period(client):
    config = client.admin("POST", "/_sim/reset", {"snapshot_quota": {"limit": 2, "period": 1}})["config"]
    assert config["snapshot_quota"] == {"limit": 2, "period": 1}
    assert [create_v7(client).status for index in range(3)] == [201, 201, 429]
    time.sleep(1.1)
    assert create_v7(client).status == 201
    client.admin("POST", "/_sim/reset")
    assert client.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 5, "period": 300}


def test_snapshot_quota_constructor_parameters():
    with simulator_module.Simulator(port=0, snapshot_quota=100, snapshot_quota_period=86400) as daily:
        api = Client(daily.url)
        assert api.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 100, "period": 86400}
        reply = create_v7(api)
        assert reply.headers["X-Organization-Rate-Limit-Limit"] == "240"


def test_organization_request_limit(client):
    client.admin("POST", "/_sim/reset", {"request_limit": 3})
    statuses = [client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status for index in range(3)]
    client.admin("GET", "/_sim/requests")
    refused = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    assert statuses == [200, 200, 200]
    assert refused.status == 429
    assert refused.headers["X-Organization-Rate-Limit-Limit"] == "3"
    assert refused.headers["X-Organization-Rate-Limit-Remaining"] == "0"
    assert time.time() < int(refused.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 61
    assert client.request("POST", "/v6/snapshot.json", v6_body(), ADMIN_TOKEN).status == 429


def test_default_request_limit_is_240(client):
    assert client.admin("GET", "/_sim/config")["request_limit"] == 240
    statuses = [client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN).status for index in range(241)]
    assert statuses[:240] == [200] * 240 and statuses[240] == 429


def test_admin_rejects_bad_input(client):
    assert client.request("POST", "/_sim/reset", {"request_limit": 0}).status == 400
    assert client.request("POST", "/_sim/reset", raw_body=b"{", headers={"Content-Type": "application/json"}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "explode"}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "respond"}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "delay", "seconds": -1}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "close", "match": {"path_regex": "("}}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": {"kind": "close"}}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "close", "process": "yes"}]}).status == 400
    assert client.request("GET", "/_sim/unknown").status == 404
    assert client.request("DELETE", "/_sim/reset").status == 405
    assert client.admin("GET", "/_sim/faults") == {"faults": []}


# ---------------------------------------------------------------------------
# Faults
# ---------------------------------------------------------------------------

def add_faults(client, *faults):
    return client.admin("POST", "/_sim/faults", {"faults": list(faults)})


def test_fault_respond_json_and_body(client):
    add_faults(client, {"kind": "respond", "status": 502, "json": {"title": "Bad Gateway"}, "headers": {"X-Extra": "1"}},
               {"kind": "respond", "status": 500, "body": "oops", "content_type": "text/plain"})
    first = create_v7(client)
    assert first.status == 502 and reply_json(first) == {"title": "Bad Gateway"}
    assert first.headers["Content-Type"] == "application/json" and first.headers["X-Extra"] == "1"
    second = create_v7(client)
    assert second.status == 500 and second.body == b"oops"
    assert create_v7(client).status == 201
    snapshots = client.admin("GET", "/_sim/snapshots")["snapshots"]
    assert len(snapshots) == 1


def test_fault_respond_after_processing(client):
    add_faults(client, {"kind": "respond", "status": 500, "json": {"title": "Internal Server Error", "status": 500}, "process": True})
    reply = create_v7(client)
    assert reply.status == 500
    assert len(client.admin("GET", "/_sim/snapshots")["snapshots"]) == 1


def test_fault_match_and_times(client):
    pending = add_faults(client, {"kind": "maintenance", "times": 2, "match": {"method": "POST", "path_regex": r"/snapshot(\.json)?$"}})
    assert pending["pending"] == 1
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200
    assert client.admin("GET", "/_sim/faults")["faults"][0]["remaining"] == 2
    first = create_v7(client)
    assert first.status == 503 and first.headers["Content-Type"] == "text/plain"
    assert b"currently in maintenance mode" in first.body
    assert client.request("POST", "/v6/snapshot.json", v6_body(), ADMIN_TOKEN).status == 503
    assert create_v7(client).status == 201
    assert client.admin("GET", "/_sim/faults") == {"faults": []}


def test_fault_queue_only_considers_the_first(client):
    add_faults(client, {"kind": "html_error", "match": {"method": "POST"}}, {"kind": "maintenance"})
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200
    assert create_v7(client).status == 502
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 503


def test_fault_delay_processes_after_client_timeout(client):
    add_faults(client, {"kind": "delay", "seconds": 1.5})
    with pytest.raises(socket.timeout):
        create_v7(client, timeout=0.5)
    deadline = time.time() + 5
    while not client.admin("GET", "/_sim/snapshots")["snapshots"] and time.time() < deadline:
        time.sleep(0.1)
    assert len(client.admin("GET", "/_sim/snapshots")["snapshots"]) == 1
    assert client.admin("GET", "/_sim/requests")["requests"][-1]["fault"] == "delay"


def test_fault_delay_short_is_answered(client):
    add_faults(client, {"kind": "delay", "seconds": 0.2})
    started = time.time()
    assert create_v7(client).status == 201
    assert time.time() - started >= 0.2


@pytest.mark.parametrize("process", [False, True])
def test_fault_close(client, process):
    add_faults(client, {"kind": "close", "process": process})
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        create_v7(client)
    assert len(client.admin("GET", "/_sim/snapshots")["snapshots"]) == (1 if process else 0)
    recorded = client.admin("GET", "/_sim/requests")["requests"][-1]
    assert recorded["fault"] == "close" and recorded["status"] is None


@pytest.mark.parametrize("process", [False, True])
def test_fault_malformed_json(client, process):
    add_faults(client, {"kind": "malformed_json", "process": process})
    reply = create_v7(client)
    assert reply.status == 201
    assert reply.headers["Content-Type"] == "application/hal+json"
    with pytest.raises(ValueError):
        reply_json(reply)
    assert len(client.admin("GET", "/_sim/snapshots")["snapshots"]) == (1 if process else 0)
    add_faults(client, {"kind": "malformed_json"})
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200


def test_fault_html_error(client):
    add_faults(client, {"kind": "html_error"}, {"kind": "html_error", "status": 504})
    first = create_v7(client)
    assert first.status == 502 and first.headers["Content-Type"] == "text/html"
    assert b"502 Bad Gateway" in first.body
    assert create_v7(client).status == 504


def test_fault_rate_limit(client):
    add_faults(client, {"kind": "rate_limit", "reset_in": 30, "retry_after": 7},
               {"kind": "rate_limit", "reset_in": None},
               {"kind": "rate_limit", "match": {"path_regex": "^/v6/"}})
    first = create_v7(client)
    assert first.status == 429
    assert first.headers["Retry-After"] == "7"
    assert first.headers["X-Organization-Rate-Limit-Remaining"] == "0"
    assert time.time() + 28 <= int(first.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 31
    assert reply_json(first)["status"] == 429
    second = create_v7(client)
    assert second.status == 429
    for name in RATE_HEADERS + ("Retry-After",):
        assert second.headers.get(name) is None
    third = client.request("POST", "/v6/snapshot.json", v6_body(), ADMIN_TOKEN)
    assert third.status == 429 and "errorMessage" in reply_json(third)
    assert third.headers.get("Retry-After") is None
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


# ---------------------------------------------------------------------------
# Recording and reset
# ---------------------------------------------------------------------------

def test_requests_are_recorded_with_redaction(client):
    create_v7(client, query="?aid=1234")
    client.request("POST", "/v6/snapshot.json", v6_body(), headers=basic_header("admin@example.com", "simulator-basic-token"))
    client.request("GET", "/v7/tests", token="bad-token")
    client.admin("GET", "/_sim/health")
    recorded = client.admin("GET", "/_sim/requests")["requests"]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in recorded] == [
        ("POST", "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), 201), ("POST", "/v6/snapshot.json", 201), ("GET", "/v7/tests", 401)]
    first, second, third = recorded
    assert first["query"] == {"aid": "1234"}
    assert first["headers"]["Authorization"] == "Bearer ***"
    assert second["headers"]["Authorization"] == "Basic ***"
    assert third["headers"]["Authorization"] == "Bearer ***"
    assert first["body"]["displayName"] == "Simulator snapshot" and second["body"]["testId"] == int(HTTP_TEST_ID)
    assert first["api_version"] == "v7" and second["api_version"] == "v6"
    assert first["client_ip"] == "127.0.0.1" and first["fault"] is None
    serialized = json.dumps(recorded)
    for secret in (ADMIN_TOKEN, "simulator-basic-token", "bad-token"):
        assert secret not in serialized


def test_reset_clears_everything(client):
    create_v7(client)
    add_faults(client, {"kind": "maintenance", "match": {"path_regex": "^/never$"}})
    client.request("GET", "/v7/tests", token="bad")
    client.admin("POST", "/_sim/reset")
    assert client.admin("GET", "/_sim/snapshots") == {"snapshots": []}
    assert client.admin("GET", "/_sim/requests") == {"requests": []}
    assert client.admin("GET", "/_sim/faults") == {"faults": []}
    listed = reply_json(client.request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
    assert len(listed) == 6
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).headers["X-Organization-Rate-Limit-Remaining"] == "238"


def test_custom_data_file(tmp_path):
    with open(os.path.join(SIMULATOR_DIR, "data.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    data["tests"] = [test for test in data["tests"] if test["testId"] == HTTP_TEST_ID]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    with simulator_module.Simulator(port=0, data_path=str(path)) as custom:
        tests = reply_json(Client(custom.url).request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
        assert [test["testId"] for test in tests] == [HTTP_TEST_ID]


def test_start_simulator_function():
    started = simulator_module.start_simulator(port=0)
    try:
        assert started.url.startswith("http://127.0.0.1:")
        assert Client(started.url).admin("GET", "/_sim/health") == {"status": "ok"}
    finally:
        started.stop()
    with pytest.raises(OSError):
        Client(started.url).request("GET", "/_sim/health", timeout=2)


# ---------------------------------------------------------------------------
# Command line and HTTPS
# ---------------------------------------------------------------------------

def start_cli(*arguments):
    process = subprocess.Popen([sys.executable, SERVER_PATH, "--port", "0"] + list(arguments),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    banner = process.stdout.readline()
    return process, banner


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_banner_and_clean_stop(stop_signal):
    process, banner = start_cli("--snapshot-quota", "100", "--snapshot-quota-period", "86400")
    try:
        match = re.match(r"^ThousandEyes API simulator listening on (http://127\.0\.0\.1:\d+)\n$", banner)
        assert match, banner
        api = Client(match.group(1))
        assert api.admin("GET", "/_sim/health") == {"status": "ok"}
        assert api.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 100, "period": 86400}
        assert create_v7(api).status == 201
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
        assert process.stdout.read() == ""
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()


def test_cli_rejects_cert_without_key():
    process = subprocess.run([sys.executable, SERVER_PATH, "--port", "0", "--cert", "x.pem"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=30, check=False)
    assert process.returncode == 2
    assert "--cert and --key" in process.stderr


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "2", "-keyout", key, "-out", cert],
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, timeout=60)
    return cert, key


def test_https_in_process(certificate):
    cert, key = certificate
    with simulator_module.Simulator(port=0, certfile=cert, keyfile=key) as secure:
        assert secure.url.startswith("https://127.0.0.1:")
        api = Client(secure.url, ssl.create_default_context(cafile=cert))
        reply = api.request("GET", "/v7/tests", token=ADMIN_TOKEN)
        assert reply.status == 200
        assert reply_json(reply)["_links"]["self"]["href"].startswith("https://127.0.0.1:")
        assert create_v7(api).status == 201
        with pytest.raises(ssl.SSLError):
            Client(secure.url, ssl.create_default_context()).request("GET", "/_sim/health")
        assert api.admin("GET", "/_sim/health") == {"status": "ok"}


def test_https_cli(certificate):
    cert, key = certificate
    process, banner = start_cli("--cert", cert, "--key", key)
    try:
        match = re.match(r"^ThousandEyes API simulator listening on (https://127\.0\.0\.1:\d+)\n$", banner)
        assert match, banner
        api = Client(match.group(1), ssl.create_default_context(cafile=cert))
        assert api.admin("GET", "/_sim/health") == {"status": "ok"}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        process.stdout.close()
        process.stderr.close()
