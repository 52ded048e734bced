# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# API v6 (deprecated, kept for the module's api_version=v6): GET /v6/tests(.json)
# and POST /v6/snapshot(.json), with their request checks and answer shapes.

import collections
import re

from .directory import INTERNAL_TEST_KEYS, SNAPSHOT_PERMISSION, VIEW_TESTS_PERMISSION
from .formats import parse_v6_date, to_v6_value, utc_v6
from .responses import ApiError, json_response, validation_failure, validation_item
from .validation import check_date, check_display_name, check_window, is_positive_integer, parse_json_object

V6_WINDOW_HOURS = (1, 2, 4, 6, 12, 24, 48, 96)
ASCII_DIGITS = re.compile(r"^[0-9]+\Z")

# Data links per test type (best effort, shape only).
V6_DATA_PATHS = {
    "agent-to-server": "net/metrics",
    "http-server": "web/http-server",
    "page-load": "web/page-load",
    "dns-server": "dns/server",
}


def v6_test_view(test, base_url):
    """A v6 test: integer IDs, 0/1 flags, 'yyyy-MM-dd HH:mm:ss' dates, apiLinks."""
    view = collections.OrderedDict((key, to_v6_value(key, value)) for key, value in test.items() if key not in INTERNAL_TEST_KEYS)
    data_path = V6_DATA_PATHS.get(test["type"], "net/metrics")
    view["apiLinks"] = [
        {"rel": "self", "href": "{0}/v6/tests/{1}".format(base_url, test["testId"])},
        {"rel": "data", "href": "{0}/v6/{1}/{2}".format(base_url, data_path, test["testId"])},
    ]
    return view


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


def check_v6_test_id(payload, errors):
    """testId: a positive integer, or a string of ASCII digits."""
    test_id = payload.get("testId")
    if isinstance(test_id, str) and ASCII_DIGITS.match(test_id):
        return test_id
    if is_positive_integer(test_id):
        return str(test_id)
    errors.append(validation_item("FIELD_REQUIRED", "testId", "testId is required and must be an integer."))
    return None


def check_v6_is_public(payload, errors):
    """isPublic: the integer 0 or 1 as documented, or left out (0); true, false and null are refused."""
    is_public = payload.get("isPublic", 0)
    if isinstance(is_public, int) and not isinstance(is_public, bool) and is_public in (0, 1):
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


class V6Routes:
    """The v6 handlers; each takes an authenticated CallContext and returns an ApiResponse."""

    def __init__(self, state, clock):
        self.state = state
        self.clock = clock

    def routes(self):
        return [
            (re.compile(r"^/v6/tests(?:\.json)?\Z"), {"GET": self.list_tests}),
            (re.compile(r"^/v6/snapshot(?:\.json)?\Z"), {"POST": self.create_snapshot}),
        ]

    @staticmethod
    def check_format(context):
        """format=json (the default) only; the simulator does not produce the XML that format=xml asks for."""
        if context.query_value("format", "json") != "json":
            raise ApiError(406, "Not Acceptable", "The simulator only produces format=json.")

    def list_tests(self, context):
        self.check_format(context)
        aid = context.account_group()
        context.require_permission(VIEW_TESTS_PERMISSION)
        tests = [v6_test_view(test, context.request.base_url) for test in self.state.tests_in(aid)]
        return json_response(200, {"test": tests})

    def create_snapshot(self, context):
        self.check_format(context)
        aid = context.account_group()
        context.reject_regular_user_post()
        context.require_permission(SNAPSHOT_PERMISSION)
        now = self.clock()
        values = validate_v6_snapshot_request(parse_json_object(context.request), now)
        test = self.state.snapshot_source(aid, values["test_id"])
        values.update({"api_version": "v6", "test": test, "user": context.user})
        snapshot = self.state.create_snapshot(values, now)
        return json_response(201, v6_snapshot_payload(snapshot))
