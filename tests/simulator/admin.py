# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The admin API (/_sim/...): reset, inspect and script the simulator, and its
# OpenAPI description. No authentication, no limits, not recorded.

import collections
import json
import os
import time

from .alerts import AlertInputError
from .faults import Fault, FaultError
from .responses import ApiResponse, JSON_TYPE, json_response
from .validation import is_positive_integer

OPENAPI_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "openapi.json")


class AdminError(Exception):
    def __init__(self, status, message, headers=None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def parse_positive_int(value, name):
    if not is_positive_integer(value):
        raise AdminError(400, "'{0}' must be a positive integer".format(name))
    return value


def parse_limits(payload):
    """Limits given to /_sim/reset, in the state's own key names."""
    limits = {}
    quota = payload.get("snapshot_quota")
    if quota is not None:
        if not isinstance(quota, dict):
            raise AdminError(400, "'snapshot_quota' must be an object with 'limit' and 'period'")
        if "limit" in quota:
            limits["snapshot_quota"] = parse_positive_int(quota["limit"], "snapshot_quota.limit")
        if "period" in quota:
            limits["snapshot_quota_period"] = parse_positive_int(quota["period"], "snapshot_quota.period")
    quota = payload.get("dashboard_snapshot_quota")
    if quota is not None:
        if not isinstance(quota, dict):
            raise AdminError(400, "'dashboard_snapshot_quota' must be an object with 'limit' and 'period'")
        if "limit" in quota:
            limits["dashboard_snapshot_quota"] = parse_positive_int(quota["limit"], "dashboard_snapshot_quota.limit")
        if "period" in quota:
            limits["dashboard_snapshot_quota_period"] = parse_positive_int(quota["period"], "dashboard_snapshot_quota.period")
    for key in ("request_limit", "unauthorized_threshold"):
        if payload.get(key) is not None:
            limits[key] = parse_positive_int(payload[key], key)
    return limits


def read_openapi_document():
    with open(OPENAPI_PATH, "rb") as handle:
        return handle.read()


class AdminApi:
    """Test-only endpoints to reset, inspect and script the simulator."""

    def __init__(self, state):
        self.state = state
        self.openapi_document = read_openapi_document()
        # POST handlers take the parsed JSON body; the others take nothing.
        self.routes = collections.OrderedDict([
            (("GET", "/_sim/health"), self.health),
            (("POST", "/_sim/reset"), self.reset),
            (("GET", "/_sim/config"), self.config),
            (("GET", "/_sim/snapshots"), self.snapshots),
            (("GET", "/_sim/dashboard-snapshots"), self.dashboard_snapshots),
            (("GET", "/_sim/requests"), self.requests),
            (("GET", "/_sim/faults"), self.list_faults),
            (("POST", "/_sim/faults"), self.add_faults),
            (("DELETE", "/_sim/faults"), self.clear_faults),
            (("GET", "/_sim/alerts"), self.list_alerts),
            (("POST", "/_sim/alerts"), self.add_alert),
            (("DELETE", "/_sim/alerts"), self.clear_alerts),
            (("GET", "/_sim/openapi.json"), self.openapi),
        ])

    def handle(self, method, path, body):
        path = path.rstrip("/")
        handler = self.routes.get((method, path))
        try:
            if handler is None:
                raise self.no_route(method, path)
            if method == "POST":
                if path == "/_sim/alerts" and not (body or b"").strip():
                    # Every field of an alert is optional, the alert itself is not.
                    raise AdminError(400, "the body must be one alert, a JSON object such as {\"alertType\": \"agent\"}")
                return handler(self.parse_body(body))
            return handler()
        except AdminError as error:
            return json_response(error.status, {"error": error.message}, headers=error.headers)

    def no_route(self, method, path):
        """405 with the methods the path takes, or 404 for a path the admin API does not have."""
        allowed = sorted(route_method for route_method, route_path in self.routes if route_path == path)
        if allowed:
            return AdminError(405, "no admin endpoint {0} {1}; use {2}".format(method, path, ", ".join(allowed)), {"Allow": ", ".join(allowed)})
        return AdminError(404, "no admin endpoint {0} {1}".format(method, path))

    @staticmethod
    def parse_body(body):
        if not body or not body.strip():
            return {}
        try:
            payload = json.loads(body.decode("utf-8"))
        except (ValueError, RecursionError) as exc:
            raise AdminError(400, "malformed JSON body: {0}".format(exc)) from exc
        if not isinstance(payload, dict):
            raise AdminError(400, "the body must be a JSON object")
        return payload

    @staticmethod
    def health():
        return json_response(200, {"status": "ok"})

    def reset(self, payload):
        self.state.reset(parse_limits(payload))
        return json_response(200, {"status": "ok", "config": self.state.describe_limits()})

    def config(self):
        return json_response(200, self.state.describe_limits())

    def snapshots(self):
        return json_response(200, {"snapshots": self.state.created_snapshots()})

    def dashboard_snapshots(self):
        """Every dashboard snapshot created since the last reset, deleted ones too (with the time of deletion)."""
        return json_response(200, {"dashboard_snapshots": self.state.described_dashboard_snapshots()})

    def requests(self):
        return json_response(200, {"requests": self.state.recorded_requests()})

    def list_faults(self):
        return json_response(200, {"faults": self.state.pending_faults()})

    def add_faults(self, payload):
        definitions = payload.get("faults")
        if not isinstance(definitions, list):
            raise AdminError(400, "'faults' must be a list of fault objects")
        try:
            faults = [Fault(definition) for definition in definitions]
        except FaultError as exc:
            raise AdminError(400, str(exc)) from exc
        return json_response(200, {"status": "ok", "pending": self.state.add_faults(faults)})

    def clear_faults(self):
        self.state.clear_faults()
        return json_response(200, {"status": "ok", "pending": 0})

    def list_alerts(self):
        return json_response(200, {"alerts": self.state.described_alerts()})

    def add_alert(self, payload):
        """The body is one alert as GET /v7/alerts answers it; its test's ID ends _links.test.href."""
        try:
            entry = self.state.add_alert(payload, time.time())
        except AlertInputError as exc:
            raise AdminError(400, str(exc)) from exc
        return json_response(201, {"status": "ok", "aid": entry["aid"], "alert": entry["alert"]})

    def clear_alerts(self):
        return json_response(200, {"status": "ok", "cleared": self.state.clear_alerts(time.time())})

    def openapi(self):
        return ApiResponse(200, self.openapi_document, JSON_TYPE)
