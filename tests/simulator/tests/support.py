# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Helpers of the simulator's tests: a plain HTTP client, the default data's tokens and tests,
# and request bodies for a window that ends ten minutes ago.

import base64
import collections
import http.client
import json
import os
import re
import time
import urllib.request
from urllib.parse import urlsplit

SIMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER_PATH = os.path.join(SIMULATOR_DIR, "server.py")

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

Reply = collections.namedtuple("Reply", "status headers body")


def admin_call(base_url, method, path, payload=None):
    """The simulator's admin API (/_sim/...) through urllib: its JSON answer."""
    data = json.dumps(payload).encode("utf-8") if payload is not None else None
    request = urllib.request.Request(base_url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read().decode("utf-8"))


def ensure_stopped(process):
    """Kill the simulator if a failed assertion left it running, and close its pipes."""
    if process.poll() is None:
        process.kill()
        process.wait()
    process.stdout.close()
    process.stderr.close()


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


def create_v7(client, test_id=HTTP_TEST_ID, body=None, token=ADMIN_TOKEN, query="", timeout=10):
    return client.request("POST", V7_SNAPSHOT_PATH.format(test_id) + query, body if body is not None else v7_body(), token, timeout=timeout)


def error_fields(reply):
    return [item["field"] for item in reply_json(reply)["errors"]]


def add_faults(client, *faults):
    return client.admin("POST", "/_sim/faults", {"faults": list(faults)})
