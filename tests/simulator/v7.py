# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# API v7: GET /v7/tests, POST /v7/tests/{testId}/snapshot, GET /v7/account-groups,
# GET /v7/alerts and GET /v7/alerts/{alertId} (dashboards and dashboard snapshots: dashboards.py), with their request checks and answer shapes.

import collections
import re
from urllib.parse import urlencode

from .alerts import alert_detail_view, alert_view, encode_cursor, missing_alert, parse_list_query
from .dashboards import DashboardRoutes
from .directory import INTERNAL_TEST_KEYS, SNAPSHOT_PERMISSION, VIEW_TESTS_PERMISSION
from .formats import parse_v7_date
from .responses import HAL_JSON_TYPE, json_response, validation_failure, validation_item
from .state import snapshot_test
from .validation import check_date, check_display_name, check_window, parse_json_object

V7_WINDOW_HOURS = (1, 2, 4, 6, 12, 24, 48)
APP_BASE_URL = "https://app.thousandeyes.com"

# Result links per test type (best effort, shape only).
V7_RESULT_KINDS = {
    "agent-to-server": ("network", "path-vis"),
    "http-server": ("http-server", "network", "path-vis"),
    "page-load": ("page-load", "http-server", "network", "path-vis"),
    "dns-server": ("dns-server", "network", "path-vis"),
}


def v7_test_view(test, base_url):
    """A SimpleTest / SnapshotTest in the v7 shape (string IDs, booleans, _links)."""
    view = collections.OrderedDict((key, value) for key, value in test.items() if key not in INTERNAL_TEST_KEYS)
    results = V7_RESULT_KINDS.get(test["type"], ("network",))
    view["_links"] = {
        "self": {"href": "{0}/v7/tests/{1}/{2}".format(base_url, test["type"], test["testId"])},
        "testResults": [{"href": "{0}/v7/test-results/{1}/{2}".format(base_url, test["testId"], kind)} for kind in results],
    }
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


def validate_v7_snapshot_request(payload, now):
    """Validate a v7 SnapshotRequest; returns the normalised values or raises ApiError 400."""
    errors = []
    display_name = check_display_name(payload, errors)
    start = check_date(payload, "startDate", parse_v7_date, "2026-01-01T00:00:00Z", errors)
    end = check_date(payload, "endDate", parse_v7_date, "2026-01-01T01:00:00Z", errors)
    is_public = payload.get("isPublic", False)
    if not isinstance(is_public, bool):
        # The spec types isPublic as a boolean that is not nullable: null is refused like any other non-boolean.
        errors.append(validation_item("INVALID_TYPE", "isPublic", "isPublic must be a boolean (true or false) or left out."))
    if start is not None and end is not None:
        check_window(start, end, now, V7_WINDOW_HOURS, ("startDate", "endDate"), errors)
    if errors:
        raise validation_failure(errors)
    return {"display_name": display_name, "start": start, "end": end, "is_public": is_public}


class V7Routes:
    """The v7 handlers; each takes an authenticated CallContext and returns an ApiResponse."""

    def __init__(self, state, clock):
        self.state = state
        self.directory = state.directory
        self.clock = clock

    def routes(self):
        return [
            (re.compile(r"^/v7/tests\Z"), {"GET": self.list_tests}),
            (re.compile(r"^/v7/tests/(?P<test_id>[^/]+)/snapshot\Z"), {"POST": self.create_snapshot}),
            (re.compile(r"^/v7/account-groups\Z"), {"GET": self.list_account_groups}),
            (re.compile(r"^/v7/alerts\Z"), {"GET": self.list_alerts}),
            (re.compile(r"^/v7/alerts/(?P<alert_id>[^/]+)\Z"), {"GET": self.get_alert}),
        ] + DashboardRoutes(self.state, self.clock).routes()

    def list_tests(self, context):
        aid = context.account_group()
        context.require_permission(VIEW_TESTS_PERMISSION)
        request = context.request
        self_href = request.base_url + request.path + ("?" + urlencode(request.query) if request.query else "")
        tests = [v7_test_view(test, request.base_url) for test in self.state.tests_in(aid)]
        return json_response(200, {"tests": tests, "_links": {"self": {"href": self_href}}}, HAL_JSON_TYPE)

    def list_account_groups(self, context):
        current = context.account_group()
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

    def create_snapshot(self, context):
        aid = context.account_group()
        context.require_permission(SNAPSHOT_PERMISSION)
        now = self.clock()
        values = validate_v7_snapshot_request(parse_json_object(context.request), now)
        test = self.state.snapshot_source(aid, context.params["test_id"])
        values.update({"api_version": "v7", "test": test, "user": context.user})
        snapshot = self.state.create_snapshot(values, now)
        return json_response(201, v7_snapshot_payload(snapshot, test, context.request.base_url), HAL_JSON_TYPE)

    def list_alerts(self, context):
        """One page of the account group's alerts; _links.next carries the cursor of the next page, when there is one."""
        aid = context.account_group()
        request = context.request
        query = dict(request.query)
        state, since, until, size, offset = parse_list_query(query, self.clock())
        alerts = self.state.select_alerts(aid, state, since, until)
        page = [alert_view(alert, request.base_url) for alert in alerts[offset:offset + size]]
        links = {"self": {"href": request.base_url + request.path + ("?" + urlencode(request.query) if request.query else "")}}
        if offset + size < len(alerts):
            following = [(key, value) for key, value in request.query if key != "cursor"] + [("cursor", encode_cursor(offset + size))]
            links["next"] = {"href": request.base_url + request.path + "?" + urlencode(following)}
        return json_response(200, {"alerts": page, "_links": links}, HAL_JSON_TYPE)

    def get_alert(self, context):
        aid = context.account_group()
        alert = self.state.find_alert(aid, context.params["alert_id"])
        if alert is None:
            raise missing_alert(context.params["alert_id"], aid)
        return json_response(200, alert_detail_view(alert, context.request.base_url), HAL_JSON_TYPE)
