# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Scripted faults (POST /_sim/faults): what a fault definition may contain and
# the answer a fault puts in place of the API's own.

import collections
import copy
import http.client
import json
import math
import re

from .limits import LimitStatus, limit_headers
from .responses import DROP_CONNECTION, HAL_JSON_TYPE, JSON_TYPE, RATE_LIMIT_TITLE, ApiError, ApiResponse, render_error
from .validation import is_positive_integer

FAULT_KINDS = ("respond", "delay", "close", "malformed_json", "html_error", "maintenance", "rate_limit")

MAINTENANCE_TEXT = "Service Unavailable: the ThousandEyes API is currently in maintenance mode."
HTML_ERROR_PAGE = (
    "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
    "<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
)


class FaultError(ValueError):
    """A fault definition posted to /_sim/faults is invalid."""


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0


def is_http_status(value):
    return isinstance(value, int) and not isinstance(value, bool) and 100 <= value <= 599


def is_header_text(value):
    """A string that can go into a header line as it is."""
    return isinstance(value, str) and "\r" not in value and "\n" not in value


def is_header_map(value):
    return value is None or (isinstance(value, dict) and all(is_header_text(name) and name and ":" not in name and is_header_text(text)
                                                             for name, text in value.items()))


# Every field a fault may carry, checked whatever its kind (a field of the wrong type is refused even where the kind ignores it).
FIELD_CHECKS = collections.OrderedDict([
    ("times", (is_positive_integer, "a positive integer")),
    ("process", (lambda value: isinstance(value, bool), "a boolean")),
    ("status", (is_http_status, "an HTTP status code")),
    ("body", (lambda value: isinstance(value, str), "a string (use 'json' for objects)")),
    ("content_type", (is_header_text, "a string without line breaks")),
    ("seconds", (is_number, "a non-negative number")),
    ("reset_in", (lambda value: value is None or is_number(value), "a non-negative number or null")),
    ("retry_after", (lambda value: value is None or is_header_text(value) or (is_number(value) and isinstance(value, int)),
                     "a non-negative integer, a string without line breaks, or null")),
    ("limit", (is_positive_integer, "a positive integer")),
    ("headers", (is_header_map, "an object of header names to strings without line breaks")),
])
REQUIRED_BY_KIND = {"respond": "status", "delay": "seconds"}


class Fault:
    """One scripted fault; `times` says how many matching API requests it affects."""

    def __init__(self, definition):
        if not isinstance(definition, dict):
            raise FaultError("each fault must be a JSON object")
        self.definition = copy.deepcopy(definition)
        self.kind = definition.get("kind")
        if self.kind not in FAULT_KINDS:
            raise FaultError("fault 'kind' must be one of: " + ", ".join(FAULT_KINDS))
        for key, (check, expected) in FIELD_CHECKS.items():
            if key in definition and not check(definition[key]):
                raise FaultError("fault field '{0}' must be {1}".format(key, expected))
        required = REQUIRED_BY_KIND.get(self.kind)
        if required is not None and required not in definition:
            raise FaultError("fault kind '{0}' needs the field '{1}'".format(self.kind, required))
        self.times = definition.get("times", 1)
        self.process = definition.get("process", False) or self.kind == "delay"
        self.method, self.path_regex = self.parse_match(definition.get("match"))
        self.headers = dict(definition.get("headers") or {})

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
        if not isinstance(path_regex, str):
            raise FaultError("fault 'match.path_regex' must be a string")
        try:
            return method, re.compile(path_regex)
        except (re.error, OverflowError, RecursionError) as exc:
            raise FaultError("fault 'match.path_regex' is not a valid regular expression: {0}".format(exc)) from exc

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
        page = HTML_ERROR_PAGE.format(status=status, reason=http.client.responses.get(status, "Error"))
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
