# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# A ThousandEyes API simulator for tests: the v7 and v6 test snapshot and test
# listing endpoints, with authentication, permissions, account groups, the
# documented rate limits, request recording and scripted faults.
# Standard library only, one process; see README.md next to this file.

import argparse
import base64
import binascii
import collections
import copy
import datetime
import json
import math
import os
import random
import re
import signal
import socket
import ssl
import string
import sys
import threading
import time

from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlencode, urlsplit


DEFAULT_DATA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data.json")

V7_WINDOW_HOURS = (1, 2, 4, 6, 12, 24, 48)
V6_WINDOW_HOURS = (1, 2, 4, 6, 12, 24, 48, 96)

DEFAULT_SNAPSHOT_QUOTA = 5
DEFAULT_SNAPSHOT_QUOTA_PERIOD = 300
DEFAULT_REQUEST_LIMIT = 240
REQUEST_LIMIT_PERIOD = 60
DEFAULT_UNAUTHORIZED_THRESHOLD = 120
UNAUTHORIZED_PERIOD = 3600

SNAPSHOT_PERMISSION = "Create snapshot shares"
VIEW_TESTS_PERMISSION = "View tests"

APP_BASE_URL = "https://app.thousandeyes.com"
FIRST_SNAPSHOT_TEST_ID = 281474976720001

JSON_TYPE = "application/json"
HAL_JSON_TYPE = "application/hal+json"
PROBLEM_JSON_TYPE = "application/problem+json"

VALIDATION_TITLE = "Request validation failed. There are invalid or missing fields"
VALIDATION_DETAIL = "Your request object contains invalid fields."
NOT_FOUND_TITLE = "URI Resource Not Found"
RATE_LIMIT_TITLE = "Exhausted rate limit for the organization"
MAINTENANCE_TEXT = "Service Unavailable: the ThousandEyes API is currently in maintenance mode."

RATE_LIMIT_HEADERS = ("X-Organization-Rate-Limit-Limit", "X-Organization-Rate-Limit-Remaining", "X-Organization-Rate-Limit-Reset")
REDACTED_HEADERS = ("authorization", "proxy-authorization", "cookie")

# Keys of data.json tests that describe the simulator, not the API.
INTERNAL_TEST_KEYS = ("aid", "endpointTest")

# v7 result links and v6 data links per test type (best effort, shape only).
V7_RESULT_KINDS = {
    "agent-to-server": ("network", "path-vis"),
    "http-server": ("http-server", "network", "path-vis"),
    "page-load": ("page-load", "http-server", "network", "path-vis"),
    "dns-server": ("dns-server", "network", "path-vis"),
}
V6_DATA_PATHS = {
    "agent-to-server": "net/metrics",
    "http-server": "web/http-server",
    "page-load": "web/page-load",
    "dns-server": "dns/server",
}

V7_DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$")
V6_DATE_PATTERN = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})Z?$")

FAULT_KINDS = ("respond", "delay", "close", "malformed_json", "html_error", "maintenance", "rate_limit")

HTML_ERROR_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)

# Returned instead of a response when the connection must be dropped unanswered.
DROP_CONNECTION = object()


# ---------------------------------------------------------------------------
# Small value helpers
# ---------------------------------------------------------------------------

def utc_iso(epoch):
    """Format epoch seconds as the v7 ISO 8601 form, e.g. 2026-01-02T03:04:05Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def utc_v6(epoch):
    """Format epoch seconds as the v6 form, e.g. 2026-01-02 03:04:05."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(epoch))


def iso_to_v6(value):
    """Convert an ISO date of data.json to the v6 form, leaving other values alone."""
    match = V7_DATE_PATTERN.match(value) if isinstance(value, str) else None
    if match is None:
        return value
    return "{0}-{1}-{2} {3}:{4}:{5}".format(*match.groups()[:6])


def epoch_from_parts(parts, fraction=None, offset=None):
    """Epoch seconds (float) of date-time parts; raises ValueError for impossible dates."""
    moment = datetime.datetime(*[int(part) for part in parts], tzinfo=datetime.timezone.utc)
    seconds = (moment - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)).total_seconds()
    if fraction:
        seconds += int(fraction) / (10 ** len(fraction))
    if offset and offset != "Z":
        sign = -1 if offset[0] == "-" else 1
        seconds -= sign * (int(offset[1:3]) * 3600 + int(offset[4:6]) * 60)
    return seconds


def parse_v7_date(value):
    """Epoch seconds of an ISO 8601 date-time with a zone (Z or +hh:mm), else None."""
    match = V7_DATE_PATTERN.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return epoch_from_parts(match.groups()[:6], match.group(7), match.group(8))
    except ValueError:
        return None


def parse_v6_date(value):
    """Epoch seconds of a v6 'yyyy-MM-dd HH:mm:ss' (or 'T') UTC date-time, else None."""
    match = V6_DATE_PATTERN.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    try:
        return epoch_from_parts(match.groups())
    except ValueError:
        return None


def to_v6_value(key, value):
    """v6 renders booleans as 0/1 and IDs as integers."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        return dict((inner_key, to_v6_value(inner_key, inner)) for inner_key, inner in value.items())
    if isinstance(value, list):
        return [to_v6_value(key, item) for item in value]
    if key.endswith("Id") and isinstance(value, str) and value.isdigit():
        return int(value)
    return iso_to_v6(value)


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
    except ValueError:
        return text


def media_type(content_type):
    """The media type of a Content-Type value, lower case, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json_media_type(content_type):
    kind = media_type(content_type)
    return kind == JSON_TYPE or (kind.startswith("application/") and kind.endswith("+json"))


# ---------------------------------------------------------------------------
# Responses and errors
# ---------------------------------------------------------------------------

class ApiResponse:
    """An HTTP answer: status, body bytes, content type and extra headers."""

    def __init__(self, status, body=b"", content_type=None, headers=None):
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers = collections.OrderedDict(headers or {})


def json_response(status, payload, content_type=JSON_TYPE, headers=None):
    body = json.dumps(payload, ensure_ascii=False, indent=None).encode("utf-8")
    return ApiResponse(status, body, content_type, headers)


class ApiError(Exception):
    """An API failure; rendered per API version (v7 problem+json, v6 errorMessage)."""

    def __init__(self, status, title, detail, errors=None, headers=None, oauth_error=None):
        super().__init__(detail)
        self.status = status
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers or {}
        self.oauth_error = oauth_error


def validation_item(code, field, message):
    return {"code": code, "field": field, "message": message}


def validation_failure(errors):
    return ApiError(400, VALIDATION_TITLE, VALIDATION_DETAIL, errors=errors)


def render_v7_error(error):
    """v7 bodies: OAuth style for 401, RFC 7807 problem+json otherwise."""
    if error.status == 401:
        headers = {"WWW-Authenticate": 'Bearer error="{0}", error_description="{1}"'.format(error.oauth_error, error.detail)}
        headers.update(error.headers)
        return json_response(401, {"error": error.oauth_error, "error_description": error.detail}, JSON_TYPE, headers)
    payload = collections.OrderedDict([("type", "about:blank"), ("title", error.title), ("status", error.status), ("detail", error.detail)])
    if error.errors is not None:
        payload["errors"] = error.errors
    return json_response(error.status, payload, PROBLEM_JSON_TYPE, error.headers)


def render_v6_error(error):
    """v6 bodies are {"errorMessage": "..."}; validation messages are joined."""
    message = error.detail
    if error.errors:
        message = "; ".join(item["message"] for item in error.errors)
    return json_response(error.status, {"errorMessage": message}, JSON_TYPE, error.headers)


def render_error(error, api_version):
    if api_version == "v6":
        return render_v6_error(error)
    return render_v7_error(error)


# ---------------------------------------------------------------------------
# Rate limits
# ---------------------------------------------------------------------------

LimitStatus = collections.namedtuple("LimitStatus", "limit remaining reset")


def limit_headers(status):
    """The X-Organization-Rate-Limit-* headers; Reset is an epoch in seconds."""
    return collections.OrderedDict(zip(RATE_LIMIT_HEADERS, (str(status.limit), str(max(status.remaining, 0)), str(status.reset))))


class FixedWindowLimiter:
    """The documented organisation limit: a window opens with the first request and lasts `period` seconds."""

    def __init__(self, limit, period):
        self.limit = limit
        self.period = period
        self.window_start = None
        self.count = 0

    def acquire(self, now):
        """Count one event; returns (allowed, LimitStatus)."""
        if self.window_start is None or now >= self.window_start + self.period:
            self.window_start = now
            self.count = 0
        reset = int(math.ceil(self.window_start + self.period))
        if self.count >= self.limit:
            return False, LimitStatus(self.limit, 0, reset)
        self.count += 1
        return True, LimitStatus(self.limit, self.limit - self.count, reset)


class SlidingWindowLimiter:
    """At most `limit` events in any `period` seconds; Reset says when the oldest slot frees up."""

    def __init__(self, limit, period):
        self.limit = limit
        self.period = period
        self.events = collections.deque()

    def prune(self, now):
        while self.events and self.events[0] + self.period <= now:
            self.events.popleft()

    def acquire(self, now):
        """Count one event if a slot is free; returns (allowed, LimitStatus)."""
        self.prune(now)
        allowed = len(self.events) < self.limit
        if allowed:
            self.events.append(now)
        reset = int(math.ceil(self.events[0] + self.period)) if self.events else int(math.ceil(now + self.period))
        return allowed, LimitStatus(self.limit, self.limit - len(self.events), reset)


class UnauthorizedTracker:
    """Counts 401 answers per client IP; at `threshold` within `period` the IP is blocked (429)."""

    def __init__(self, threshold, period):
        self.threshold = threshold
        self.period = period
        self.events = {}

    def recent(self, client_ip, now):
        events = self.events.setdefault(client_ip, collections.deque())
        while events and events[0] + self.period <= now:
            events.popleft()
        return events

    def record(self, client_ip, now):
        self.recent(client_ip, now).append(now)

    def is_blocked(self, client_ip, now):
        return len(self.recent(client_ip, now)) >= self.threshold


# ---------------------------------------------------------------------------
# Scripted faults
# ---------------------------------------------------------------------------

class FaultError(ValueError):
    """A fault definition posted to /_sim/faults is invalid."""


def require_number(fault, key, default=None, allow_none=False):
    value = fault.get(key, default)
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise FaultError("fault field '{0}' must be a non-negative number".format(key))
    return value


def require_status(fault, default=None):
    status = fault.get("status", default)
    if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
        raise FaultError("fault field 'status' must be an HTTP status code")
    return status


class Fault:
    """One scripted fault; `times` says how many matching API requests it affects."""

    def __init__(self, definition):
        if not isinstance(definition, dict):
            raise FaultError("each fault must be a JSON object")
        self.definition = copy.deepcopy(definition)
        self.kind = definition.get("kind")
        if self.kind not in FAULT_KINDS:
            raise FaultError("fault 'kind' must be one of: " + ", ".join(FAULT_KINDS))
        self.times = definition.get("times", 1)
        if isinstance(self.times, bool) or not isinstance(self.times, int) or self.times < 1:
            raise FaultError("fault field 'times' must be a positive integer")
        if not isinstance(definition.get("process", False), bool):
            raise FaultError("fault field 'process' must be a boolean")
        self.process = definition.get("process", False) or self.kind == "delay"
        self.method, self.path_regex = self.parse_match(definition.get("match"))
        self.headers = self.parse_headers(definition.get("headers"))
        self.validate_kind_fields()

    @staticmethod
    def parse_match(match):
        if match is None:
            return None, None
        if not isinstance(match, dict):
            raise FaultError("fault 'match' must be an object")
        method = match.get("method")
        if method is not None and not isinstance(method, str):
            raise FaultError("fault 'match.method' must be a string")
        path_regex = match.get("path_regex")
        if path_regex is None:
            return method, None
        try:
            return method, re.compile(path_regex)
        except (re.error, TypeError) as exc:
            raise FaultError("fault 'match.path_regex' is not a valid regular expression: {0}".format(exc)) from exc

    @staticmethod
    def parse_headers(headers):
        if headers is None:
            return {}
        if not isinstance(headers, dict):
            raise FaultError("fault 'headers' must be an object")
        return dict((str(name), str(value)) for name, value in headers.items())

    def validate_kind_fields(self):
        if self.kind == "respond":
            require_status(self.definition)
            if "body" in self.definition and not isinstance(self.definition["body"], str):
                raise FaultError("fault field 'body' must be a string (use 'json' for objects)")
        elif self.kind == "delay":
            require_number(self.definition, "seconds")
        elif self.kind in ("malformed_json", "html_error", "maintenance") and "status" in self.definition:
            require_status(self.definition)
        elif self.kind == "rate_limit":
            require_number(self.definition, "reset_in", 1, allow_none=True)

    def matches(self, method, path):
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path_regex is None or self.path_regex.search(path) is not None

    def describe(self):
        described = copy.deepcopy(self.definition)
        described["remaining"] = self.times
        return described


def fault_body(fault, request, api_version):
    """The body, content type and default status a fault answers with."""
    definition = fault.definition
    if fault.kind == "respond":
        if "json" in definition:
            return json.dumps(definition["json"]).encode("utf-8"), definition.get("content_type", JSON_TYPE), definition["status"]
        return definition.get("body", "").encode("utf-8"), definition.get("content_type", "text/plain"), definition["status"]
    if fault.kind == "malformed_json":
        default_status = 201 if request.method == "POST" else 200
        default_type = HAL_JSON_TYPE if api_version == "v7" and request.method == "POST" else JSON_TYPE
        return b'{"id": "broken", "startRoundId": 15387', definition.get("content_type", default_type), definition.get("status", default_status)
    if fault.kind == "html_error":
        status = definition.get("status", 502)
        page = HTML_ERROR_PAGE.format(status=status, reason=BaseHTTPRequestHandler.responses.get(status, ("Error",))[0])
        return page.encode("utf-8"), definition.get("content_type", "text/html"), status
    if fault.kind == "maintenance":
        return MAINTENANCE_TEXT.encode("utf-8"), definition.get("content_type", "text/plain"), definition.get("status", 503)
    raise FaultError("fault kind {0} has no fixed body".format(fault.kind))


def rate_limit_fault_response(fault, api_version, request_limit, now):
    """429 as the organisation limit gives it; headers omitted when reset_in is null."""
    definition = fault.definition
    reset_in = definition.get("reset_in", 1)
    headers = collections.OrderedDict()
    if reset_in is not None:
        status = LimitStatus(definition.get("limit", request_limit), 0, int(math.ceil(now + reset_in)))
        headers.update(limit_headers(status))
    if definition.get("retry_after") is not None:
        headers["Retry-After"] = str(definition["retry_after"])
    error = ApiError(429, RATE_LIMIT_TITLE, "Exhausted rate limit for the organization. Try again after the reset time.", headers=headers)
    return render_error(error, api_version)


def build_fault_response(fault, request, api_version, request_limit, now):
    """The answer a fault substitutes; DROP_CONNECTION for 'close'."""
    if fault.kind == "close":
        return DROP_CONNECTION
    if fault.kind == "rate_limit":
        response = rate_limit_fault_response(fault, api_version, request_limit, now)
    else:
        body, content_type, status = fault_body(fault, request, api_version)
        response = ApiResponse(status, body, content_type)
    response.headers.update(fault.headers)
    return response


# ---------------------------------------------------------------------------
# Organisation data: users, account groups, tests
# ---------------------------------------------------------------------------

class Directory:
    """Read-only view of data.json: who is who, and which tests exist where."""

    def __init__(self, data):
        self.organization = data["organization"]
        self.account_groups = collections.OrderedDict((group["aid"], group) for group in data["accountGroups"])
        self.roles = dict((role["name"], role) for role in data["roles"])
        self.users = data["users"]
        self.tests = data["tests"]

    def user_by_token(self, token):
        for user in self.users:
            if token and user.get("token") == token:
                return user
        return None

    def user_by_basic(self, email, basic_token):
        for user in self.users:
            if basic_token and user.get("email", "").lower() == email.lower() and user.get("basicToken") == basic_token:
                return user
        return None

    def permissions_of(self, user):
        return self.roles.get(user.get("role"), {}).get("permissions", [])

    def is_regular_user(self, user):
        return bool(self.roles.get(user.get("role"), {}).get("regularUser"))

    def max_test_id(self):
        return max([int(test["testId"]) for test in self.tests] or [0])


def load_data(path):
    with open(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


# ---------------------------------------------------------------------------
# Mutable simulator state
# ---------------------------------------------------------------------------

class SimulatorState:
    """Everything that changes while the simulator runs, behind one lock."""

    def __init__(self, directory, limits, seed=None):
        self.lock = threading.RLock()
        self.directory = directory
        self.startup_limits = dict(limits)
        self.random = random.Random(seed)
        self.reset(None)

    def reset(self, limits):
        """Forget snapshots, requests, faults and counters; apply `limits` over the startup ones."""
        with self.lock:
            self.limits = dict(self.startup_limits)
            self.limits.update(limits or {})
            self.snapshot_quota = SlidingWindowLimiter(self.limits["snapshot_quota"], self.limits["snapshot_quota_period"])
            self.request_quota = FixedWindowLimiter(self.limits["request_limit"], REQUEST_LIMIT_PERIOD)
            self.unauthorized = UnauthorizedTracker(self.limits["unauthorized_threshold"], UNAUTHORIZED_PERIOD)
            self.snapshots = []
            self.snapshot_tests = []
            self.requests = []
            self.faults = collections.deque()
            self.next_test_id = max(FIRST_SNAPSHOT_TEST_ID, self.directory.max_test_id() + 1)

    def describe_limits(self):
        with self.lock:
            return {
                "snapshot_quota": {"limit": self.limits["snapshot_quota"], "period": self.limits["snapshot_quota_period"]},
                "request_limit": self.limits["request_limit"],
                "unauthorized_threshold": self.limits["unauthorized_threshold"],
            }

    # -- requests and faults -------------------------------------------------

    def record_request(self, entry):
        with self.lock:
            self.requests.append(entry)

    def recorded_requests(self):
        with self.lock:
            return copy.deepcopy(self.requests)

    def add_faults(self, faults):
        with self.lock:
            self.faults.extend(faults)
            return len(self.faults)

    def clear_faults(self):
        with self.lock:
            self.faults.clear()

    def pending_faults(self):
        with self.lock:
            return [fault.describe() for fault in self.faults]

    def take_fault(self, method, path):
        """Consume one use of the first pending fault if this request matches it."""
        with self.lock:
            if not self.faults or not self.faults[0].matches(method, path):
                return None
            fault = self.faults[0]
            fault.times -= 1
            if fault.times <= 0:
                self.faults.popleft()
            return fault

    # -- limits ----------------------------------------------------------------

    def is_ip_blocked(self, client_ip, now):
        with self.lock:
            return self.unauthorized.is_blocked(client_ip, now)

    def record_unauthorized(self, client_ip, now):
        with self.lock:
            self.unauthorized.record(client_ip, now)

    def acquire_request_slot(self, now):
        with self.lock:
            return self.request_quota.acquire(now)

    # -- snapshots and tests ---------------------------------------------------

    def tests_in(self, aid):
        """Configured tests of an account group plus private snapshots created here (Endpoint tests are not listed)."""
        with self.lock:
            created = [test for test in self.snapshot_tests if test["aid"] == aid]
        return [test for test in self.directory.tests if test["aid"] == aid and not test.get("endpointTest")] + created

    def find_test(self, aid, test_id):
        """A test of the account group by ID, Endpoint Agent tests included, else None."""
        with self.lock:
            candidates = self.directory.tests + self.snapshot_tests
        for test in candidates:
            if test["aid"] == aid and test["testId"] == str(test_id):
                return test
        return None

    def new_snapshot_id(self):
        """Random lowercase letters, 5-8 long, unique among the snapshots so far."""
        known = set(snapshot["id"] for snapshot in self.snapshots)
        while True:
            candidate = "".join(self.random.choice(string.ascii_lowercase) for index in range(self.random.randint(5, 8)))
            if candidate not in known:
                return candidate

    def create_snapshot(self, request_data, now):
        """Take a quota slot and store the snapshot; raises ApiError 429 when the quota is used up."""
        with self.lock:
            allowed, status = self.snapshot_quota.acquire(now)
            if not allowed:
                raise ApiError(429, RATE_LIMIT_TITLE, "Snapshot creation limit reached: {0} snapshots per organization every {1} seconds.".format(
                    status.limit, self.snapshot_quota.period), headers=limit_headers(status))
            snapshot = self.snapshot_record(request_data, now)
            self.snapshots.append(snapshot)
            if not snapshot["public"]:
                self.snapshot_tests.append(snapshot_test(request_data["test"], snapshot))
            return snapshot

    def snapshot_record(self, request_data, now):
        """The stored description of a new snapshot (also what /_sim/snapshots lists)."""
        test_id = str(self.next_test_id)
        self.next_test_id += 1
        source = request_data["test"]
        user = request_data["user"]
        return collections.OrderedDict([
            ("id", self.new_snapshot_id()),
            ("api_version", request_data["api_version"]),
            ("aid", source["aid"]),
            ("source_test_id", source["testId"]),
            ("source_test_name", source["testName"]),
            ("source_test_type", source["type"]),
            ("test_id", test_id),
            ("display_name", request_data["display_name"]),
            ("public", request_data["is_public"]),
            ("start_date", utc_iso(request_data["start"])),
            ("end_date", utc_iso(request_data["end"])),
            ("start_round_id", int(request_data["start"])),
            ("end_round_id", int(request_data["end"])),
            ("window_hours", int(round((request_data["end"] - request_data["start"]) / 3600.0))),
            ("share_date", utc_iso(now)),
            ("share_epoch", int(now)),
            ("uid", user["uid"]),
            ("created_by", user["email"]),
        ])

    def created_snapshots(self):
        with self.lock:
            return copy.deepcopy(self.snapshots)


def snapshot_test(source, snapshot):
    """The saved-event test a private snapshot adds to the account group."""
    test = copy.deepcopy(source)
    test.update({
        "testId": snapshot["test_id"],
        "testName": snapshot["display_name"],
        "enabled": False,
        "alertsEnabled": False,
        "savedEvent": not snapshot["public"],
        "liveShare": False,
        "createdBy": snapshot["created_by"],
        "createdDate": snapshot["share_date"],
        "modifiedBy": snapshot["created_by"],
        "modifiedDate": snapshot["share_date"],
    })
    return test


# ---------------------------------------------------------------------------
# API payloads
# ---------------------------------------------------------------------------

def v7_test_view(test, base_url):
    """A SimpleTest / SnapshotTest in the v7 shape (string IDs, booleans, _links)."""
    view = collections.OrderedDict((key, value) for key, value in test.items() if key not in INTERNAL_TEST_KEYS)
    results = V7_RESULT_KINDS.get(test["type"], ("network",))
    view["_links"] = {
        "self": {"href": "{0}/v7/tests/{1}/{2}".format(base_url, test["type"], test["testId"])},
        "testResults": [{"href": "{0}/v7/test-results/{1}/{2}".format(base_url, test["testId"], kind)} for kind in results],
    }
    return view


def v6_test_view(test, base_url):
    """A v6 test: integer IDs, 0/1 flags, 'yyyy-MM-dd HH:mm:ss' dates, apiLinks."""
    view = collections.OrderedDict((key, to_v6_value(key, value)) for key, value in test.items() if key not in INTERNAL_TEST_KEYS)
    data_path = V6_DATA_PATHS.get(test["type"], "net/metrics")
    view["apiLinks"] = [
        {"rel": "self", "href": "{0}/v6/tests/{1}".format(base_url, test["testId"])},
        {"rel": "data", "href": "{0}/v6/{1}/{2}".format(base_url, data_path, test["testId"])},
    ]
    return view


def v7_snapshot_payload(snapshot, test, base_url):
    """The 201 SnapshotResponse body."""
    snapshot_view = snapshot_test(test, snapshot)
    return collections.OrderedDict([
        ("id", snapshot["id"]),
        ("startRoundId", snapshot["start_round_id"]),
        ("endRoundId", snapshot["end_round_id"]),
        ("roundId", snapshot["start_round_id"]),
        ("shareDate", snapshot["share_date"]),
        ("sourceTestId", snapshot["source_test_id"]),
        ("testId", snapshot["test_id"]),
        ("uid", snapshot["uid"]),
        ("displayName", snapshot["display_name"]),
        ("extraParams", ""),
        ("test", v7_test_view(snapshot_view, base_url)),
        ("_links", {
            "self": {"href": "{0}/v7/tests/{1}/snapshot".format(base_url, snapshot["test_id"])},
            "appLink": {"href": "{0}/view/tests/?testId={1}&__a={2}".format(APP_BASE_URL, snapshot["test_id"], snapshot["aid"])},
        }),
    ])


def v6_snapshot_payload(snapshot):
    """The 201 v6 body: {"link": {...}, "test": []}."""
    view_url = "https://{0}.share.thousandeyes.com/view/tests/".format(snapshot["id"]) if snapshot["public"] else ""
    link = collections.OrderedDict([
        ("displayName", snapshot["display_name"]),
        ("endRoundId", snapshot["end_round_id"]),
        ("extraParams", ""),
        ("linkId", snapshot["id"]),
        ("roundId", snapshot["start_round_id"]),
        ("shareDate", utc_v6(snapshot["share_epoch"])),
        ("sourceTestId", int(snapshot["source_test_id"])),
        ("startRoundId", snapshot["start_round_id"]),
        ("testId", int(snapshot["test_id"])),
        ("uid", int(snapshot["uid"])),
        ("viewUrl", view_url),
    ])
    return {"link": link, "test": []}


# ---------------------------------------------------------------------------
# Request validation
# ---------------------------------------------------------------------------

def check_window(start, end, now, allowed_hours, fields, errors):
    """Append errors for a window in the future, reversed, or of a length the API refuses."""
    start_field, end_field = fields
    if end > now:
        errors.append(validation_item("DATE_IN_FUTURE", end_field, "{0} must be set to the present or a past date.".format(end_field)))
    if start >= end:
        errors.append(validation_item("INVALID_TIME_RANGE", start_field, "{0} must be before {1}.".format(start_field, end_field)))
    elif (end - start) not in [hours * 3600 for hours in allowed_hours]:
        allowed = ", ".join(str(hours) for hours in allowed_hours)
        errors.append(validation_item(
            "INVALID_TIME_RANGE", end_field, "The time range between {0} and {1} must be one of: {2} hours.".format(start_field, end_field, allowed)))


def check_display_name(payload, errors):
    display_name = payload.get("displayName")
    if not isinstance(display_name, str) or not display_name.strip():
        errors.append(validation_item("FIELD_REQUIRED", "displayName", "displayName is required and must be a non-empty string."))
    return display_name


def check_date(payload, field, parser, example, errors):
    value = payload.get(field)
    if value is None or value == "":
        errors.append(validation_item("FIELD_REQUIRED", field, "{0} is required.".format(field)))
        return None
    parsed = parser(value)
    if parsed is None:
        errors.append(validation_item("INVALID_DATE_FORMAT", field, "{0} must be a date-time like {1}.".format(field, example)))
    return parsed


def validate_v7_snapshot_request(payload, now):
    """Validate a v7 SnapshotRequest; returns the normalised values or raises ApiError 400."""
    errors = []
    display_name = check_display_name(payload, errors)
    start = check_date(payload, "startDate", parse_v7_date, "2026-01-01T00:00:00Z", errors)
    end = check_date(payload, "endDate", parse_v7_date, "2026-01-01T01:00:00Z", errors)
    is_public = payload.get("isPublic")
    if is_public is None:
        is_public = False
    elif not isinstance(is_public, bool):
        errors.append(validation_item("INVALID_TYPE", "isPublic", "isPublic must be a boolean."))
    if start is not None and end is not None:
        check_window(start, end, now, V7_WINDOW_HOURS, ("startDate", "endDate"), errors)
    if errors:
        raise validation_failure(errors)
    return {"display_name": display_name, "start": start, "end": end, "is_public": is_public}


def check_v6_test_id(payload, errors):
    test_id = payload.get("testId")
    if isinstance(test_id, str) and test_id.isdigit():
        return test_id
    if isinstance(test_id, int) and not isinstance(test_id, bool) and test_id > 0:
        return str(test_id)
    errors.append(validation_item("FIELD_REQUIRED", "testId", "testId is required and must be an integer."))
    return None


def check_v6_is_public(payload, errors):
    is_public = payload.get("isPublic", 0)
    if is_public in (0, 1, None) and not isinstance(is_public, float):
        return bool(is_public)
    errors.append(validation_item("INVALID_VALUE", "isPublic", "isPublic must be 0 (saved event) or 1 (share link)."))
    return False


def validate_v6_snapshot_request(payload, now):
    """Validate a v6 snapshot body; returns the normalised values or raises ApiError 400."""
    errors = []
    test_id = check_v6_test_id(payload, errors)
    display_name = check_display_name(payload, errors)
    start = check_date(payload, "from", parse_v6_date, "2026-01-01 00:00:00", errors)
    end = check_date(payload, "to", parse_v6_date, "2026-01-01 01:00:00", errors)
    is_public = check_v6_is_public(payload, errors)
    if start is not None and end is not None:
        check_window(start, end, now, V6_WINDOW_HOURS, ("from", "to"), errors)
    if errors:
        raise validation_failure(errors)
    return {"test_id": test_id, "display_name": display_name, "start": start, "end": end, "is_public": is_public}


def parse_json_object(request):
    """The request body as a JSON object: 415 for a non-JSON type, 400 when missing or malformed."""
    if not request.body:
        raise ApiError(400, "Bad Request", "Required request body is missing.")
    if not is_json_media_type(request.header("Content-Type")):
        raise ApiError(415, "Unsupported Media Type", "Content type '{0}' not supported; use application/json.".format(
            media_type(request.header("Content-Type")) or "none"))
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except ValueError as exc:
        raise ApiError(400, "Bad Request", "Malformed JSON request body: {0}".format(exc)) from exc
    if not isinstance(payload, dict):
        raise ApiError(400, "Bad Request", "The request body must be a JSON object.")
    return payload


# ---------------------------------------------------------------------------
# The API itself
# ---------------------------------------------------------------------------

class ApiRequest:
    """What the handlers need to know about one HTTP request."""

    def __init__(self, method, path, query, headers, body, client_ip, base_url):
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.client_ip = client_ip
        self.base_url = base_url

    def header(self, name):
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def api_version(self):
        return "v6" if self.path.startswith("/v6/") or self.path == "/v6" else "v7"


class CallContext:
    """A request once authenticated: the caller and the route's path parameters."""

    def __init__(self, request, user, params):
        self.request = request
        self.user = user
        self.params = params


class ThousandEyesApi:
    """Routes authenticated API requests to the v7 and v6 handlers."""

    def __init__(self, state, clock=time.time):
        self.state = state
        self.directory = state.directory
        self.clock = clock
        self.routes = [
            (re.compile(r"^/v7/tests$"), {"GET": self.list_tests_v7}),
            (re.compile(r"^/v7/tests/(?P<test_id>[^/]+)/snapshot$"), {"POST": self.create_snapshot_v7}),
            (re.compile(r"^/v7/account-groups$"), {"GET": self.list_account_groups_v7}),
            (re.compile(r"^/v6/tests(?:\.json)?$"), {"GET": self.list_tests_v6}),
            (re.compile(r"^/v6/snapshot(?:\.json)?$"), {"POST": self.create_snapshot_v6}),
        ]

    def handle(self, request):
        """Answer one API request (ApiResponse), errors rendered for its API version."""
        api_version = request.api_version()
        rate_headers = {}
        try:
            self.check_ip_block(request)
            user = self.authenticate(request, api_version)
            rate_headers = self.take_request_slot()
            handler, params = self.route(request)
            response = handler(CallContext(request, user, params))
        except ApiError as error:
            response = render_error(error, api_version)
        for name, value in rate_headers.items():
            response.headers.setdefault(name, value)
        return response

    # -- gatekeeping -----------------------------------------------------------

    def check_ip_block(self, request):
        if self.state.is_ip_blocked(request.client_ip, self.clock()):
            raise ApiError(429, "Too Many Requests", "Too many unauthorized requests from this IP address; it is blocked for up to an hour.")

    def authenticate(self, request, api_version):
        """The user behind the Authorization header; 401 (and a strike for the IP) otherwise."""
        header = request.header("Authorization")
        if not header:
            self.reject_credentials(request, "unauthorized", "Full authentication is required to access this resource")
        words = header.split(None, 1)
        scheme = words[0].lower()
        credentials = words[1].strip() if len(words) == 2 else ""
        user = None
        if scheme == "bearer":
            user = self.directory.user_by_token(credentials)
        elif scheme == "basic" and api_version == "v6":
            user = self.user_from_basic(credentials)
        if user is None:
            self.reject_credentials(request, "invalid_token", "Invalid access token")
        return user

    def user_from_basic(self, credentials):
        try:
            decoded = base64.b64decode(credentials.encode("ascii"), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeError, ValueError):
            return None
        if ":" not in decoded:
            return None
        email, basic_token = decoded.split(":", 1)
        return self.directory.user_by_basic(email, basic_token)

    def reject_credentials(self, request, oauth_error, description):
        self.state.record_unauthorized(request.client_ip, self.clock())
        raise ApiError(401, "Unauthorized", description, oauth_error=oauth_error)

    def take_request_slot(self):
        """Count the request against the organisation limit; the headers go on every answer."""
        allowed, status = self.state.acquire_request_slot(self.clock())
        headers = limit_headers(status)
        if not allowed:
            raise ApiError(429, RATE_LIMIT_TITLE, "Too many requests: the organization is limited to {0} requests per minute.".format(status.limit),
                           headers=headers)
        return headers

    def route(self, request):
        for pattern, methods in self.routes:
            match = pattern.match(request.path)
            if match is None:
                continue
            if request.method not in methods:
                raise ApiError(405, "Method Not Allowed", "Request method '{0}' is not supported for {1}.".format(request.method, request.path),
                               headers={"Allow": ", ".join(sorted(methods))})
            return methods[request.method], match.groupdict()
        raise ApiError(404, NOT_FOUND_TITLE, "No endpoint {0} {1}: the URI is invalid.".format(request.method, request.path))

    def resolve_aid(self, context):
        """The account group of the call: ?aid= when given (caller must be a member), else the caller's default."""
        aid = dict(context.request.query).get("aid")
        if aid is None:
            return context.user["defaultAid"]
        if aid not in context.user["accountGroups"] or aid not in self.directory.account_groups:
            raise ApiError(403, "Forbidden", "User is not assigned to the account group {0}.".format(aid))
        return aid

    def require_permission(self, context, permission):
        if permission not in self.directory.permissions_of(context.user):
            raise ApiError(403, "Forbidden", "Insufficient permissions to query endpoint: the '{0}' permission is required.".format(permission))

    def reject_regular_user_post(self, context):
        if self.directory.is_regular_user(context.user):
            raise ApiError(403, "Forbidden", "Regular users are blocked from using POST-based methods.")

    def check_v6_format(self, context):
        requested = dict(context.request.query).get("format", "json")
        if requested.lower() != "json":
            raise ApiError(406, "Not Acceptable", "The simulator only produces format=json.")

    def find_snapshot_source(self, aid, test_id):
        test = self.state.find_test(aid, test_id)
        if test is None:
            raise ApiError(404, NOT_FOUND_TITLE, "Test {0} was not found in account group {1}.".format(test_id, aid))
        if test.get("endpointTest"):
            raise validation_failure([validation_item(
                "UNSUPPORTED_TEST_TYPE", "testId", "Snapshots of Endpoint Agent tests are not supported.")])
        return test

    # -- v7 ----------------------------------------------------------------------

    def list_tests_v7(self, context):
        aid = self.resolve_aid(context)
        self.require_permission(context, VIEW_TESTS_PERMISSION)
        base_url = context.request.base_url
        self_href = base_url + context.request.path + ("?" + urlencode(context.request.query) if context.request.query else "")
        tests = [v7_test_view(test, base_url) for test in self.state.tests_in(aid)]
        return json_response(200, {"tests": tests, "_links": {"self": {"href": self_href}}}, HAL_JSON_TYPE)

    def list_account_groups_v7(self, context):
        current = self.resolve_aid(context)
        groups = []
        for aid in context.user["accountGroups"]:
            group = self.directory.account_groups.get(aid)
            if group is None:
                continue
            groups.append(collections.OrderedDict([
                ("aid", aid),
                ("accountGroupName", group["accountGroupName"]),
                ("isCurrentAccountGroup", aid == current),
                ("isDefaultAccountGroup", aid == context.user["defaultAid"]),
                ("organizationName", self.directory.organization["organizationName"]),
            ]))
        links = {"self": {"href": context.request.base_url + context.request.path}}
        return json_response(200, {"accountGroups": groups, "_links": links}, HAL_JSON_TYPE)

    def create_snapshot_v7(self, context):
        aid = self.resolve_aid(context)
        self.require_permission(context, SNAPSHOT_PERMISSION)
        now = self.clock()
        values = validate_v7_snapshot_request(parse_json_object(context.request), now)
        test = self.find_snapshot_source(aid, context.params["test_id"])
        values.update({"api_version": "v7", "test": test, "user": context.user})
        snapshot = self.state.create_snapshot(values, now)
        return json_response(201, v7_snapshot_payload(snapshot, test, context.request.base_url), HAL_JSON_TYPE)

    # -- v6 ----------------------------------------------------------------------

    def list_tests_v6(self, context):
        self.check_v6_format(context)
        aid = self.resolve_aid(context)
        self.require_permission(context, VIEW_TESTS_PERMISSION)
        tests = [v6_test_view(test, context.request.base_url) for test in self.state.tests_in(aid)]
        return json_response(200, {"test": tests})

    def create_snapshot_v6(self, context):
        self.check_v6_format(context)
        aid = self.resolve_aid(context)
        self.reject_regular_user_post(context)
        self.require_permission(context, SNAPSHOT_PERMISSION)
        now = self.clock()
        values = validate_v6_snapshot_request(parse_json_object(context.request), now)
        test = self.find_snapshot_source(aid, values["test_id"])
        values.update({"api_version": "v6", "test": test, "user": context.user})
        snapshot = self.state.create_snapshot(values, now)
        return json_response(201, v6_snapshot_payload(snapshot))


# ---------------------------------------------------------------------------
# Admin API (/_sim/...): no auth, no limits, not recorded
# ---------------------------------------------------------------------------

class AdminError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_positive_int(value, name):
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
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
    for key in ("request_limit", "unauthorized_threshold"):
        if payload.get(key) is not None:
            limits[key] = parse_positive_int(payload[key], key)
    return limits


class AdminApi:
    """Test-only endpoints to reset, inspect and script the simulator."""

    def __init__(self, state):
        self.state = state
        # POST handlers take the parsed JSON body; the others take nothing.
        self.routes = {
            ("GET", "/_sim/health"): self.health,
            ("POST", "/_sim/reset"): self.reset,
            ("GET", "/_sim/config"): self.config,
            ("GET", "/_sim/snapshots"): self.snapshots,
            ("GET", "/_sim/requests"): self.requests,
            ("GET", "/_sim/faults"): self.list_faults,
            ("POST", "/_sim/faults"): self.add_faults,
            ("DELETE", "/_sim/faults"): self.clear_faults,
        }

    def handle(self, method, path, body):
        path = path.rstrip("/")
        handler = self.routes.get((method, path))
        try:
            if handler is None:
                known_paths = [route[1] for route in self.routes]
                raise AdminError(405 if path in known_paths else 404, "no admin endpoint {0} {1}".format(method, path))
            if method == "POST":
                return handler(self.parse_body(body))
            return handler()
        except AdminError as error:
            return json_response(error.status, {"error": error.message})

    @staticmethod
    def parse_body(body):
        if not body or not body.strip():
            return {}
        try:
            payload = json.loads(body.decode("utf-8"))
        except ValueError as exc:
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


# ---------------------------------------------------------------------------
# HTTP plumbing
# ---------------------------------------------------------------------------

class ConnectionDropped(Exception):
    """The client went away while its request was read."""


class RequestHandler(BaseHTTPRequestHandler):
    """Turns HTTP requests into ApiRequest / admin calls and writes the answers."""

    protocol_version = "HTTP/1.1"
    server_version = "ThousandEyesApiSimulator/1.0"
    timeout = 60

    def version_string(self):
        return self.server_version

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_PATCH(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def dispatch(self):
        try:
            body = self.read_body()
        except ConnectionDropped:
            self.close_connection = True
            return
        url = urlsplit(self.path)
        simulator = self.server.simulator
        if url.path.startswith("/_sim/"):
            self.write_response(simulator.admin.handle(self.command, url.path, body))
            return
        request = ApiRequest(self.command, url.path, parse_qsl(url.query, keep_blank_values=True), list(self.headers.items()), body,
                             self.client_address[0], self.base_url())
        self.write_response(simulator.serve_api_request(request))

    def base_url(self):
        """Links point back at the host the client used, like the real API's links do."""
        host = self.headers.get("Host")
        if not host:
            return self.server.simulator.url
        return "{0}://{1}".format(self.server.simulator.scheme, host)

    def read_body(self):
        try:
            if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                return self.read_chunked_body()
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length > 0 else b""
        except (OSError, ValueError) as exc:
            raise ConnectionDropped() from exc

    def read_chunked_body(self):
        chunks = []
        while True:
            size = int(self.rfile.readline().split(b";", 1)[0].strip() or b"0", 16)
            if size == 0:
                while self.rfile.readline().strip():
                    continue
                return b"".join(chunks)
            chunks.append(self.rfile.read(size))
            self.rfile.readline()

    def write_response(self, response):
        if response is DROP_CONNECTION:
            self.close_connection = True
            return
        try:
            self.send_response(response.status)
            if response.content_type:
                self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(response.body)
            self.wfile.flush()
        except OSError:
            # The client gave up (e.g. timed out during a delay fault).
            self.close_connection = True

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        if self.server.simulator.verbose:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))


class SimulatorHTTPServer(ThreadingHTTPServer):
    """Threaded server that does the TLS handshake in the worker thread and can drop all connections on stop."""

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True

    def __init__(self, address, simulator, ssl_context=None):
        self.simulator = simulator
        self.ssl_context = ssl_context
        self.connections = set()
        self.connections_lock = threading.Lock()
        super().__init__(address, RequestHandler)

    def finish_request(self, request, client_address):
        connection = self.wrap_tls(request) if self.ssl_context is not None else request
        if connection is None:
            return
        with self.connections_lock:
            self.connections.add(connection)
        try:
            self.RequestHandlerClass(connection, client_address, self)
        finally:
            with self.connections_lock:
                self.connections.discard(connection)
            if connection is not request:
                connection.close()

    def wrap_tls(self, request):
        """The TLS connection, or None when the handshake fails (the caller then just closes the socket)."""
        request.settimeout(10)
        try:
            return self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):
            return None

    def handle_error(self, request, client_address):
        # Clients hanging up is normal here (timeouts, 'close' faults); stay quiet about it.
        if isinstance(sys.exc_info()[1], (ConnectionError, ssl.SSLError, socket.timeout)):
            return
        super().handle_error(request, client_address)

    def drop_connections(self):
        with self.connections_lock:
            connections = list(self.connections)
        for connection in connections:
            try:
                connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                continue


class SimulatorHTTPServerV6(SimulatorHTTPServer):
    address_family = socket.AF_INET6


def build_ssl_context(certfile, keyfile):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certfile, keyfile)
    return context


# ---------------------------------------------------------------------------
# The simulator as a whole
# ---------------------------------------------------------------------------

class Simulator:
    """The ThousandEyes API simulator; start() runs it in a background thread, stop() ends it.

    Usable as a context manager. `url` is e.g. http://127.0.0.1:40123.
    """

    def __init__(self, host="127.0.0.1", port=0, data_path=None, certfile=None, keyfile=None,
                 snapshot_quota=DEFAULT_SNAPSHOT_QUOTA, snapshot_quota_period=DEFAULT_SNAPSHOT_QUOTA_PERIOD,
                 request_limit=DEFAULT_REQUEST_LIMIT, unauthorized_threshold=DEFAULT_UNAUTHORIZED_THRESHOLD,
                 verbose=False, seed=None):
        if bool(certfile) != bool(keyfile):
            raise ValueError("certfile and keyfile must be given together")
        limits = {
            "snapshot_quota": snapshot_quota,
            "snapshot_quota_period": snapshot_quota_period,
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


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------

def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="ThousandEyes API simulator (v7 and v6 test snapshots) for tests.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True, help="port to listen on; 0 picks a free one")
    parser.add_argument("--cert", help="PEM certificate: serve HTTPS")
    parser.add_argument("--key", help="PEM private key of --cert")
    parser.add_argument("--data", default=DEFAULT_DATA_PATH, help="organisation data (default: data.json next to this file)")
    parser.add_argument("--snapshot-quota", type=int, default=DEFAULT_SNAPSHOT_QUOTA, help="snapshots per organisation per period (default 5)")
    parser.add_argument("--snapshot-quota-period", type=int, default=DEFAULT_SNAPSHOT_QUOTA_PERIOD, help="snapshot quota period in seconds (default 300)")
    parser.add_argument("--request-limit", type=int, default=DEFAULT_REQUEST_LIMIT, help="API requests per organisation per minute (default 240)")
    parser.add_argument("--unauthorized-threshold", type=int, default=DEFAULT_UNAUTHORIZED_THRESHOLD,
                        help="401 answers per client IP per hour before it is blocked with 429 (default 120)")
    parser.add_argument("--seed", type=int, help="seed for snapshot IDs (repeatable runs)")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key must be given together")
    for name in ("snapshot_quota", "snapshot_quota_period", "request_limit", "unauthorized_threshold"):
        if getattr(args, name) < 1:
            parser.error("--{0} must be a positive integer".format(name.replace("_", "-")))
    return args


def wait_for_stop_signal():
    """Block until SIGTERM or SIGINT."""
    stop_requested = threading.Event()

    def request_stop(unused_signum, unused_frame):
        stop_requested.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    while not stop_requested.wait(0.5):
        continue


def main(argv=None):
    args = parse_arguments(argv)
    try:
        simulator = Simulator(host=args.host, port=args.port, data_path=args.data, certfile=args.cert, keyfile=args.key,
                              snapshot_quota=args.snapshot_quota, snapshot_quota_period=args.snapshot_quota_period,
                              request_limit=args.request_limit, unauthorized_threshold=args.unauthorized_threshold,
                              verbose=args.verbose, seed=args.seed)
    except (OSError, ValueError, KeyError, ssl.SSLError) as exc:
        sys.stderr.write("ThousandEyes API simulator failed to start: {0}\n".format(exc))
        return 1
    simulator.start()
    sys.stdout.write("ThousandEyes API simulator listening on {0}\n".format(simulator.url))
    sys.stdout.flush()
    wait_for_stop_signal()
    simulator.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
