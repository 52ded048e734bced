# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the HTTP plumbing (http_server.py): chunked bodies, HTTPS, and methods the API does not take.

import http.client
import json
import ssl

import pytest

from .. import Simulator
from .support import ADMIN_TOKEN, Client, HTTP_TEST_ID, V7_SNAPSHOT_PATH, create_v7, reply_json, v7_body


def test_v7_chunked_body(client):
    body = json.dumps(v7_body()).encode("utf-8")
    chunked = b"".join([b"%x\r\n" % len(body[:10]), body[:10], b"\r\n", b"%x\r\n" % len(body[10:]), body[10:], b"\r\n0\r\n\r\n"])
    reply = client.request("POST", V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN, raw_body=chunked,
                           headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"})
    assert reply.status == 201


def test_https_in_process(certificate):
    cert, key = certificate
    with Simulator(port=0, certfile=cert, keyfile=key) as secure:
        assert secure.url.startswith("https://127.0.0.1:")
        api = Client(secure.url, ssl.create_default_context(cafile=cert))
        reply = api.request("GET", "/v7/tests", token=ADMIN_TOKEN)
        assert reply.status == 200
        assert reply_json(reply)["_links"]["self"]["href"].startswith("https://127.0.0.1:")
        assert create_v7(api).status == 201
        with pytest.raises(ssl.SSLError):
            Client(secure.url, ssl.create_default_context()).request("GET", "/_sim/health")
        assert api.admin("GET", "/_sim/health") == {"status": "ok"}


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "QUERY", "PROPFIND", "GET"])
def test_undeclared_method_on_v7_path_is_405_with_json(client, method):
    # http.server answers a method it has no handler for with a 501 HTML page; the simulator answers 405 like the API.
    reply = client.request(method, V7_SNAPSHOT_PATH.format(HTTP_TEST_ID), token=ADMIN_TOKEN)
    assert reply.status == 405
    assert reply.headers["Allow"] == "POST"
    assert reply.headers["Content-Type"] == "application/problem+json"
    payload = reply_json(reply)
    assert payload["status"] == 405 and payload["title"] == "Method Not Allowed" and method in payload["detail"]
    assert [entry["status"] for entry in client.admin("GET", "/_sim/requests")["requests"]] == [405]


@pytest.mark.parametrize("method", ["OPTIONS", "TRACE", "PUT"])
def test_undeclared_method_on_v6_and_admin_paths(client, method):
    v6 = client.request(method, "/v6/tests.json", token=ADMIN_TOKEN)
    assert v6.status == 405 and v6.headers["Allow"] == "GET"
    assert v6.headers["Content-Type"] == "application/json" and list(reply_json(v6)) == ["errorMessage"]
    admin = client.request(method, "/_sim/faults")
    assert admin.status == 405 and admin.headers["Allow"] == "DELETE, GET, POST"
    assert admin.headers["Content-Type"] == "application/json" and method in reply_json(admin)["error"]


def test_undeclared_method_needs_authentication_first(client):
    # As for every API request, credentials are checked before the route.
    reply = client.request("OPTIONS", "/v7/tests")
    assert reply.status == 401
    assert reply.headers["Content-Type"] == "application/problem+json"


def test_unknown_path_with_any_method_is_404(client):
    for method in ("OPTIONS", "TRACE", "GET"):
        reply = client.request(method, "/v7/nothing-here", token=ADMIN_TOKEN)
        assert reply.status == 404 and reply_json(reply)["title"] == "URI Resource Not Found"
        assert client.request(method, "/_sim/nothing-here").status == 404


def test_head_gets_405_without_a_body_and_the_connection_stays_usable(simulator):
    connection = http.client.HTTPConnection("127.0.0.1", simulator.port, timeout=10)
    try:
        connection.request("HEAD", "/v7/tests", headers={"Authorization": "Bearer " + ADMIN_TOKEN})
        head = connection.getresponse()
        assert head.status == 405 and head.getheader("Allow") == "GET"
        assert int(head.getheader("Content-Length")) > 0
        assert head.read() == b""
        # Had the server written the body, this answer would start with it.
        connection.request("GET", "/v7/tests", headers={"Authorization": "Bearer " + ADMIN_TOKEN})
        follow_up = connection.getresponse()
        assert follow_up.status == 200 and json.loads(follow_up.read().decode("utf-8"))["tests"]
    finally:
        connection.close()
