# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The simulator as a whole: data, state, the API, the admin API and the HTTP
# server wired together, faults applied and every API request recorded.

import collections
import json
import threading
import time

from .admin import AdminApi
from .api import ThousandEyesApi
from .directory import DEFAULT_DATA_PATH, Directory, load_data
from .faults import build_fault_response
from .formats import utc_iso
from .http_server import SimulatorHTTPServer, SimulatorHTTPServerV6, build_ssl_context
from .limits import (DEFAULT_DASHBOARD_SNAPSHOT_QUOTA, DEFAULT_DASHBOARD_SNAPSHOT_QUOTA_PERIOD, DEFAULT_REQUEST_LIMIT, DEFAULT_SNAPSHOT_QUOTA,
                     DEFAULT_SNAPSHOT_QUOTA_PERIOD, DEFAULT_UNAUTHORIZED_THRESHOLD)
from .responses import DROP_CONNECTION
from .state import SimulatorState

REDACTED_HEADERS = ("authorization", "proxy-authorization", "cookie")


def redact_header(name, value):
    """Hide credentials but keep the scheme, e.g. 'Bearer ***'."""
    if name.lower() not in REDACTED_HEADERS:
        return value
    words = value.split(None, 1)
    if name.lower() != "cookie" and len(words) == 2:
        return words[0] + " ***"
    return "***"


def decode_json_or_text(raw):
    """A recorded body: parsed JSON when it is JSON, else text, None when empty."""
    if not raw:
        return None
    text = raw.decode("utf-8", "replace")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text


class Simulator:
    """The ThousandEyes API simulator; start() runs it in a background thread, stop() ends it.

    Usable as a context manager. `url` is e.g. http://127.0.0.1:40123.
    """

    def __init__(self, host="127.0.0.1", port=0, data_path=None, certfile=None, keyfile=None,
                 snapshot_quota=DEFAULT_SNAPSHOT_QUOTA, snapshot_quota_period=DEFAULT_SNAPSHOT_QUOTA_PERIOD,
                 request_limit=DEFAULT_REQUEST_LIMIT, unauthorized_threshold=DEFAULT_UNAUTHORIZED_THRESHOLD,
                 verbose=False, seed=None, dashboard_snapshot_quota=DEFAULT_DASHBOARD_SNAPSHOT_QUOTA,
                 dashboard_snapshot_quota_period=DEFAULT_DASHBOARD_SNAPSHOT_QUOTA_PERIOD):
        if bool(certfile) != bool(keyfile):
            raise ValueError("certfile and keyfile must be given together")
        limits = {
            "snapshot_quota": snapshot_quota,
            "snapshot_quota_period": snapshot_quota_period,
            "dashboard_snapshot_quota": dashboard_snapshot_quota,
            "dashboard_snapshot_quota_period": dashboard_snapshot_quota_period,
            "request_limit": request_limit,
            "unauthorized_threshold": unauthorized_threshold,
        }
        self.state = SimulatorState(Directory(load_data(data_path or DEFAULT_DATA_PATH)), limits, seed)
        self.api = ThousandEyesApi(self.state)
        self.admin = AdminApi(self.state)
        self.verbose = verbose
        self.scheme = "https" if certfile else "http"
        ssl_context = build_ssl_context(certfile, keyfile) if certfile else None
        server_class = SimulatorHTTPServerV6 if ":" in host else SimulatorHTTPServer
        self.httpd = server_class((host, port), self, ssl_context)
        self.host = host
        self.port = self.httpd.server_address[1]
        self.thread = None

    @property
    def url(self):
        host = "[{0}]".format(self.host) if ":" in self.host else self.host
        return "{0}://{1}:{2}".format(self.scheme, host, self.port)

    def start(self):
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.1}, name="te-simulator")
        self.thread.daemon = True
        self.thread.start()
        return self

    def stop(self):
        if self.thread is not None:
            self.httpd.shutdown()
            self.thread.join(5)
            self.thread = None
        self.httpd.drop_connections()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, exc_type, exc_value, traceback):
        self.stop()

    def serve_api_request(self, request):
        """Apply a pending fault if it matches, else (or also, with process) answer normally; record it."""
        fault = self.state.take_fault(request.method, request.path)
        response = None
        if fault is None or fault.process:
            if fault is not None and fault.kind == "delay":
                time.sleep(fault.definition["seconds"])
            response = self.api.handle(request)
        if fault is not None and fault.kind != "delay":
            response = build_fault_response(fault, request, request.api_version(), self.state.describe_limits()["request_limit"], time.time())
        self.record(request, response, fault)
        return response

    def record(self, request, response, fault):
        self.state.record_request(collections.OrderedDict([
            ("time", utc_iso(time.time())),
            ("client_ip", request.client_ip),
            ("api_version", request.api_version()),
            ("method", request.method),
            ("path", request.path),
            ("query", dict(request.query)),
            ("headers", collections.OrderedDict((name, redact_header(name, value)) for name, value in request.headers)),
            ("body", decode_json_or_text(request.body)),
            ("status", None if response is DROP_CONNECTION else response.status),
            ("fault", fault.kind if fault is not None else None),
        ]))


def start_simulator(**kwargs):
    """Build and start a Simulator in a background thread."""
    return Simulator(**kwargs).start()
