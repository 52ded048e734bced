# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# A hostile ThousandEyes API for test_integration_hostile_api.py: a small stdlib HTTP server on 127.0.0.1 whose
# answers are shaped like the v7 API's (GET /v7/alerts: Alerts with alerts[] and _links.next, GET /v7/tests: tests[],
# POST /v7/tests/{testId}/snapshot: SnapshotResponse; thousandeyes-cli api/thousandeyes.yaml) but whose content is
# what anyone who can name a test, or any proxy on the way, can send. Each case lives under its own first path segment
# (api_url = <server>/<case>), so one playbook run tries every case.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PAYMENTS, WEBSITE, DNS = "281474976710706", "281474976710708", "281474976710709"
TEST_LINK = "https://api.thousandeyes.com/v7/tests/%s"
# The forged log line of issue 23: a test name that, printed raw, ends the label and writes a fake failure with advice.
FORGED_NAME = (u"Payments API)\nfailed: [localhost] => (item=Checkout) => {\"msg\": \"HTTP 401: token revoked, rotate "
               u"THOUSANDEYES_TOKEN now at https://evil.example/rotate\"}\r\x1b[2K\x1b[1A\x1b]0;owned\x07\x00")
# 200 MB, as in the issue: far more than any answer the collection reads (32 MiB).
HUGE_BYTES = 200 * 1024 * 1024


def alert(alert_id, started, test_id=None, alert_type="http-server", links=None):
    entry = {"id": alert_id, "alertType": alert_type, "startDate": started, "alertState": "trigger", "alertSeverity": "major"}
    if links is not None:
        entry["_links"] = links
    elif test_id:
        entry["_links"] = {"test": {"href": TEST_LINK % test_id}}
    return entry


def now_iso(minutes_ago=0):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - minutes_ago * 60))


def incident_alerts():
    """Every per-alert case of issue 23 in one page, next to alerts that must still be snapshot."""
    return [
        alert("far-future-ms", "253402300800000", PAYMENTS),          # epoch ms past year 9999
        alert("twenty-digits", "99999999999999999999", WEBSITE),      # OSError [Errno 75] once
        alert("forged-name", now_iso(30), DNS),
        "not an alert",
        ["nor", "this"],
        alert("link-without-id", now_iso(10), links={"test": {"href": "https://api.thousandeyes.com/v7/tests/abc"}}),
        alert("link-not-object", now_iso(10), links={"test": "https://api.thousandeyes.com/v7/tests/1"}),
        alert(u"id\x1b[2J\x07", now_iso(5), alert_type="agent"),
    ]


INCIDENT_TESTS = [
    {"testId": PAYMENTS, "testName": "Payments API", "type": "http-server"},
    {"testId": WEBSITE, "testName": "Corporate Website", "type": "page-load"},
    {"testId": DNS, "testName": FORGED_NAME, "type": "dns-server"},
]


class HostileApi(object):
    """The server, and what it was asked (each request's case, method, path and query)."""

    def __init__(self):
        self.requests = []
        self.lock = threading.Lock()
        self.snapshots = 0
        self.huge_sent = 0
        api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                api.handle(self, "GET")

            def do_POST(self):
                api.handle(self, "POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, name="hostile-api")
        self.thread.daemon = True
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    def asked(self, case):
        with self.lock:
            return [entry for entry in self.requests if entry["case"] == case]

    # ------------------------------------------------------------------------------------------------ answers
    @staticmethod
    def send_json(handler, status, body, headers=None):
        data = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/hal+json")
        handler.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    def handle(self, handler, method):
        parts = urlsplit(handler.path)
        segments = parts.path.strip("/").split("/")
        case, rest = segments[0], "/" + "/".join(segments[1:])
        query = dict((key, values[0]) for key, values in parse_qs(parts.query).items())
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length).decode("utf-8")) if length else None
        with self.lock:
            self.requests.append({"case": case, "method": method, "path": rest, "query": query, "body": body})
        answer = getattr(self, "case_" + case.replace("-", "_"), None)
        if answer is None:
            return self.send_json(handler, 404, {"title": "Not Found"})
        try:
            answer(handler, method, rest, query, body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading: what a refused answer looks like from here

    def tests_or(self, handler, rest, tests, alerts_answer):
        if rest == "/v7/tests":
            return self.send_json(handler, 200, {"tests": tests, "_links": {}})
        return alerts_answer()

    def case_incident(self, handler, method, rest, query, body):
        if method == "POST" and rest.endswith("/snapshot"):
            test_id = rest.split("/")[3]
            with self.lock:
                self.snapshots += 1
                number = self.snapshots
            # SnapshotResponse (thousandeyes-cli api/thousandeyes.yaml): id, displayName, testId, sourceTestId, shareDate,
            # test.savedEvent (true: a private saved event), _links.appLink.
            return self.send_json(handler, 201, {
                "id": "snap-%d" % number, "displayName": body["displayName"], "testId": str(900 + number), "sourceTestId": test_id,
                "shareDate": now_iso(), "test": {"testId": str(900 + number), "savedEvent": True},
                "_links": {"appLink": {"href": "https://app.thousandeyes.com/view/tests/?testId=%d" % (900 + number)}}})
        return self.tests_or(handler, rest, INCIDENT_TESTS,
                             lambda: self.send_json(handler, 200, {"alerts": incident_alerts(), "_links": {}}))

    def case_slow(self, handler, method, rest, query, body):
        """Pages that each take 0.5 s and never end (a new cursor every time)."""
        time.sleep(0.5)
        cursor = int(query.get("cursor", "0")) + 1
        page = {"alerts": [alert("slow-%d" % cursor, now_iso(5))],
                "_links": {"next": {"href": "%s/slow/v7/alerts?state=trigger&cursor=%d" % (self.url, cursor)}}}
        self.send_json(handler, 200, page)

    def case_huge(self, handler, method, rest, query, body):
        """200 MB of alerts, sent as it is made, with no Content-Length (the body ends when the connection closes)."""
        handler.send_response(200)
        handler.send_header("Content-Type", "application/hal+json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        one = json.dumps(alert("huge", now_iso(5), PAYMENTS)).encode("utf-8") + b","
        block = one * (1024 * 1024 // len(one))
        handler.wfile.write(b'{"alerts": [')
        sent = 0
        while sent < HUGE_BYTES:
            handler.wfile.write(block)
            sent += len(block)
            self.huge_sent = sent
        handler.wfile.write(json.dumps(alert("last", now_iso(5))).encode("utf-8") + b'], "_links": {}}')
        handler.close_connection = True

    def case_surrogate(self, handler, method, rest, query, body):
        """A lone surrogate in one alert's ID and in the name of one test that is not alerting (JSON escapes)."""
        tests = (b'{"tests": [{"testId": "%s", "testName": "Payments API"}, {"testId": "%s", "testName": "Quiet\\ud800test"}]}'
                 % (PAYMENTS.encode(), WEBSITE.encode()))
        alerts = json.dumps({"alerts": [alert("good", now_iso(20), PAYMENTS), alert("SURROGATE", now_iso(10), PAYMENTS)]})
        alerts = alerts.replace("SURROGATE", "bad\\udc00id").encode("utf-8")
        if rest == "/v7/tests":
            return self.send_json(handler, 200, tests)
        self.send_json(handler, 200, alerts)

    def case_redirect(self, handler, method, rest, query, body):
        self.send_json(handler, 302, {}, {"Location": "http://evil.example" + rest})

    def case_retry_huge(self, handler, method, rest, query, body):
        self.send_json(handler, 429, {"title": "Too Many Requests"}, {"Retry-After": "9" * 400})

    def case_retry_zero(self, handler, method, rest, query, body):
        self.send_json(handler, 429, {"title": "Too Many Requests"}, {"Retry-After": "0"})

    def case_reset_past(self, handler, method, rest, query, body):
        self.send_json(handler, 429, {"title": "Too Many Requests"}, {"X-Organization-Rate-Limit-Reset": str(int(time.time()) - 3600)})

    def case_wait_once(self, handler, method, rest, query, body):
        if len(self.asked("wait-once")) == 1:
            return self.send_json(handler, 429, {"title": "Too Many Requests"}, {"Retry-After": "1"})
        self.send_json(handler, 200, {"alerts": [], "_links": {}})
