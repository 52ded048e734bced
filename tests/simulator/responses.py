# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# HTTP answers, API errors and how each API version renders an error.

import collections
import json

JSON_TYPE = "application/json"
HAL_JSON_TYPE = "application/hal+json"
PROBLEM_JSON_TYPE = "application/problem+json"

VALIDATION_TITLE = "Request validation failed. There are invalid or missing fields"
VALIDATION_DETAIL = "Your request object contains invalid fields."
NOT_FOUND_TITLE = "URI Resource Not Found"
RATE_LIMIT_TITLE = "Exhausted rate limit for the organization"

# Returned instead of a response when the connection must be dropped unanswered.
DROP_CONNECTION = object()


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
    """v7 bodies, all application/problem+json as the spec declares them: the OAuth shape for 401, RFC 7807 otherwise."""
    if error.status == 401:
        headers = {"WWW-Authenticate": 'Bearer error="{0}", error_description="{1}"'.format(error.oauth_error, error.detail)}
        headers.update(error.headers)
        return json_response(401, {"error": error.oauth_error, "error_description": error.detail}, PROBLEM_JSON_TYPE, headers)
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
