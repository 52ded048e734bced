# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The gate every API request passes, in the order the real API checks:
# source-IP block, authentication, organisation request limit, routing.
# The v7 and v6 route tables do the rest.

import base64
import binascii
import time

from .limits import limit_headers
from .responses import NOT_FOUND_TITLE, RATE_LIMIT_TITLE, ApiError, render_error
from .v6 import V6Routes
from .v7 import V7Routes


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
    """A request once authenticated: the caller, the route's path parameters, and the access rules."""

    def __init__(self, request, user, params, directory):
        self.request = request
        self.user = user
        self.params = params
        self.directory = directory

    def query_value(self, name, default=None):
        return dict(self.request.query).get(name, default)

    def account_group(self):
        """The account group of the call: ?aid= when given (caller must be a member), else the caller's default."""
        aid = self.query_value("aid")
        if aid is None:
            return self.user["defaultAid"]
        if aid not in self.user["accountGroups"] or aid not in self.directory.account_groups:
            raise ApiError(403, "Forbidden", "User is not assigned to the account group {0}.".format(aid))
        return aid

    def require_permission(self, permission):
        if permission not in self.directory.permissions_of(self.user):
            raise ApiError(403, "Forbidden", "Insufficient permissions to query endpoint: the '{0}' permission is required.".format(permission))

    def reject_regular_user_post(self):
        if self.directory.is_regular_user(self.user):
            raise ApiError(403, "Forbidden", "Regular users are blocked from using POST-based methods.")


class ThousandEyesApi:
    """Answers authenticated API requests through the v7 and v6 route tables."""

    def __init__(self, state, clock=time.time):
        self.state = state
        self.directory = state.directory
        self.clock = clock
        self.routes = V7Routes(state, clock).routes() + V6Routes(state, clock).routes()

    def handle(self, request):
        """Answer one API request (ApiResponse), errors rendered for its API version."""
        api_version = request.api_version()
        rate_headers = {}
        try:
            self.check_ip_block(request)
            user = self.authenticate(request, api_version)
            rate_headers = self.take_request_slot()
            handler, params = self.route(request)
            response = handler(CallContext(request, user, params, self.directory))
        except ApiError as error:
            response = render_error(error, api_version)
        for name, value in rate_headers.items():
            response.headers.setdefault(name, value)
        return response

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
        """The handler and path parameters; 405 (with Allow) for a method the path does not take, 404 for an unknown path."""
        for pattern, methods in self.routes:
            match = pattern.match(request.path)
            if match is None:
                continue
            if request.method not in methods:
                raise ApiError(405, "Method Not Allowed", "Request method '{0}' is not supported for {1}.".format(request.method, request.path),
                               headers={"Allow": ", ".join(sorted(methods))})
            return methods[request.method], match.groupdict()
        raise ApiError(404, NOT_FOUND_TITLE, "No endpoint {0} {1}: the URI is invalid.".format(request.method, request.path))
