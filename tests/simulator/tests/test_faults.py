# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of scripted faults (faults.py, POST /_sim/faults).

import http.client
import socket
import time

import pytest

from .support import ADMIN_TOKEN, RATE_HEADERS, add_faults, create_v7, reply_json, v6_body


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


@pytest.mark.parametrize("fault", [
    {"kind": "close", "seconds": "1"},
    {"kind": "close", "status": 700},
    {"kind": "delay", "seconds": -1},
    {"kind": "delay"},
    {"kind": "respond", "status": 500, "content_type": 5},
    {"kind": "respond", "status": 500, "content_type": "text/plain\r\nX-Injected: 1"},
    {"kind": "respond", "status": 500, "body": {"not": "text"}},
    {"kind": "respond", "status": 500, "headers": {"X-Number": 1}},
    {"kind": "respond", "status": 500, "headers": {"X-Split": "a\nb"}},
    {"kind": "respond", "status": 500, "headers": {"": "empty name"}},
    {"kind": "rate_limit", "retry_after": -1},
    {"kind": "rate_limit", "retry_after": 1.5},
    {"kind": "rate_limit", "reset_in": "soon"},
    {"kind": "rate_limit", "limit": 0},
    {"kind": "maintenance", "times": 0},
    {"kind": "maintenance", "times": True},
    {"kind": "maintenance", "match": {"method": 5}},
    {"kind": "maintenance", "match": {"path_regex": 5}},
    {"kind": "maintenance", "match": "POST"},
], ids=repr)
def test_fault_fields_of_the_wrong_type_are_refused_whatever_the_kind(client, fault):
    reply = client.request("POST", "/_sim/faults", {"faults": [fault]})
    assert reply.status == 400, reply.body
    assert reply_json(reply)["error"].startswith("fault")
    assert client.admin("GET", "/_sim/faults") == {"faults": []}


def test_fault_retry_after_as_an_http_date(client):
    add_faults(client, {"kind": "rate_limit", "retry_after": "Wed, 21 Oct 2026 07:28:00 GMT", "reset_in": None})
    reply = create_v7(client)
    assert reply.status == 429 and reply.headers["Retry-After"] == "Wed, 21 Oct 2026 07:28:00 GMT"
