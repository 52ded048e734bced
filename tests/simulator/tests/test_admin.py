# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the admin API (admin.py): health, reset, recorded requests, bad admin input.

import json

from .support import ADMIN_TOKEN, HTTP_TEST_ID, add_faults, basic_header, create_v7, reply_json, v6_body


def test_health(client):
    assert client.admin("GET", "/_sim/health") == {"status": "ok"}


def test_admin_rejects_bad_input(client):
    assert client.request("POST", "/_sim/reset", {"request_limit": 0}).status == 400
    assert client.request("POST", "/_sim/reset", raw_body=b"{", headers={"Content-Type": "application/json"}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "explode"}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "respond"}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "delay", "seconds": -1}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "close", "match": {"path_regex": "("}}]}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": {"kind": "close"}}).status == 400
    assert client.request("POST", "/_sim/faults", {"faults": [{"kind": "close", "process": "yes"}]}).status == 400
    assert client.request("POST", "/_sim/reset", raw_body=b"[" * 100000, headers={"Content-Type": "application/json"}).status == 400
    assert client.request("GET", "/_sim/unknown").status == 404
    wrong_method = client.request("DELETE", "/_sim/reset")
    assert wrong_method.status == 405 and wrong_method.headers["Allow"] == "POST"
    assert client.admin("GET", "/_sim/faults") == {"faults": []}


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
    default_listing = reply_json(client.request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
    client.admin("POST", "/_sim/reset")
    create_v7(client)
    add_faults(client, {"kind": "maintenance", "match": {"path_regex": "^/never$"}})
    client.request("GET", "/v7/tests", token="bad")
    client.admin("POST", "/_sim/reset")
    assert client.admin("GET", "/_sim/snapshots") == {"snapshots": []}
    assert client.admin("GET", "/_sim/requests") == {"requests": []}
    assert client.admin("GET", "/_sim/faults") == {"faults": []}
    listed = reply_json(client.request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
    # The private snapshot (a saved event) made before the reset is gone.
    assert listed == default_listing
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).headers["X-Organization-Rate-Limit-Remaining"] == "238"
