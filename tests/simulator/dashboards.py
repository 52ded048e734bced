# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# API v7 dashboards and dashboard snapshots: GET /v7/dashboards, GET/POST /v7/dashboard-snapshots and
# GET/PATCH/DELETE /v7/dashboard-snapshots/{snapshotId}, shaped after the official v7 spec
# (thousandeyes/thousandeyes-cli api/thousandeyes.yaml, tags "Dashboards" and "Dashboard Snapshots":
# Dashboards_API_ApiDashboard, Dashboards_API_DashboardSnapshotsPage, Dashboards_API_ApiDashboardSnapshot,
# Dashboards_API_GenerateDashboardSnapshotRequest, Dashboards_API_UpdateSnapshotExpirationDateApiRequest).
# Where the spec is silent (required fields, page size, the window) the simulator's choice is said below.

import collections
import datetime
import re
from urllib.parse import urlencode

from .alerts import decode_cursor, encode_cursor
from .directory import EDIT_DASHBOARD_SNAPSHOTS_PERMISSION, VIEW_DASHBOARD_SNAPSHOTS_PERMISSION, VIEW_DASHBOARDS_PERMISSION
from .formats import parse_v6_date, parse_v7_date, utc_iso
from .responses import HAL_JSON_TYPE, NOT_FOUND_TITLE, ApiError, ApiResponse, json_response, validation_failure, validation_item
from .validation import NON_BLANK, parse_json_object

APP_BASE_URL = "https://app.thousandeyes.com"
# The spec gives no page size; five keeps the cursor pages short enough for tests to walk several.
DASHBOARD_SNAPSHOT_PAGE_SIZE = 5
# Spec (Dashboards_API_SnapshotExpirationDate): one year from creation when unspecified; at most five years from now.
DEFAULT_EXPIRY_YEARS = 1
MAX_EXPIRY_YEARS = 5
# Keys of data.json dashboards that describe the simulator, not the API: none today; aid is an API field too.
DASHBOARD_FIELDS = ("dashboardId", "title", "isBuiltIn", "aid", "dashboardCreatedBy", "dashboardModifiedBy", "dashboardModifiedDate",
                    "isPrivate", "isDefaultForUser", "isDefaultForAccount", "description", "defaultTimespan", "isGlobalOverride",
                    "isMigratedReport")


def years_later(epoch, years):
    """The same UTC date and time `years` later (29 February becomes 28 February)."""
    moment = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
    try:
        later = moment.replace(year=moment.year + years)
    except ValueError:
        later = moment.replace(year=moment.year + years, day=28)
    return later.timestamp() + (epoch - int(epoch))


def dashboard_view(dashboard, base_url):
    view = collections.OrderedDict((key, dashboard[key]) for key in DASHBOARD_FIELDS if key in dashboard)
    view["widgets"] = []
    view["_links"] = {
        "self": {"href": "{0}/v7/dashboards/{1}".format(base_url, dashboard["dashboardId"])},
        "snapshots": {"href": "{0}/v7/dashboard-snapshots?dashboardId={1}".format(base_url, dashboard["dashboardId"])},
    }
    return view


def dashboard_snapshot_view(record, dashboard, base_url):
    """A stored dashboard snapshot as Dashboards_API_ApiDashboardSnapshot."""
    start = parse_v7_date(record["start_date"])
    end = parse_v7_date(record["end_date"])
    return collections.OrderedDict([
        ("snapshotId", record["snapshot_id"]),
        ("snapshotName", record["display_name"]),
        ("aid", record["aid"]),
        ("isShared", False),
        ("snapshotCreatedDate", record["created_date"]),
        ("dashboard", dashboard_view(dashboard, base_url)),
        ("widgets", []),
        ("isScheduled", False),
        ("timeSpan", collections.OrderedDict([("start", record["start_date"]), ("duration", int(end - start))])),
        ("snapshotExpirationDate", record["expiration_date"]),
        ("_links", {
            "appLink": {"href": "{0}/dashboard/?snapshotId={1}".format(APP_BASE_URL, record["snapshot_id"])},
            "self": {"href": "{0}/v7/dashboard-snapshots/{1}".format(base_url, record["snapshot_id"])},
        }),
    ])


def optional_string(payload, field, errors, blank_ok=False):
    value = payload.get(field)
    if field not in payload:
        return None
    if not isinstance(value, str) or (not blank_ok and not NON_BLANK.search(value)):
        errors.append(validation_item("INVALID_VALUE", field, "{0} must be a non-blank string.".format(field)))
        return None
    return value


def optional_date(payload, field, parser, example, errors):
    if field not in payload:
        return None
    value = payload[field]
    parsed = parser(value) if isinstance(value, str) else None
    if parsed is None:
        errors.append(validation_item("INVALID_DATE_FORMAT", field, "{0} must be a date-time like {1}.".format(field, example)))
    return parsed


def check_expiry(expires, field, now, errors):
    """Spec: the expiration date must be set within 5 years from the current date (and, being an expiry, after now)."""
    if expires is None:
        return
    if expires <= now:
        errors.append(validation_item("INVALID_VALUE", field, "{0} must be in the future.".format(field)))
    elif expires > years_later(now, MAX_EXPIRY_YEARS):
        errors.append(validation_item("INVALID_VALUE", field, "{0} must be within 5 years from the current date.".format(field)))


def validate_create_request(payload, now):
    """A GenerateDashboardSnapshotRequest: dashboardId required (the spec marks nothing required; a snapshot of no dashboard
    cannot be made); startDate and endDate both or neither (neither: the dashboard's default timespan up to now)."""
    errors = []
    dashboard_id = payload.get("dashboardId")
    if not isinstance(dashboard_id, str) or not NON_BLANK.search(dashboard_id):
        errors.append(validation_item("FIELD_REQUIRED", "dashboardId", "dashboardId is required and must not be blank."))
    display_name = optional_string(payload, "displayName", errors)
    start = optional_date(payload, "startDate", parse_v7_date, "2026-01-01T00:00:00Z", errors)
    end = optional_date(payload, "endDate", parse_v7_date, "2026-01-01T01:00:00Z", errors)
    if ("startDate" in payload) != ("endDate" in payload):
        missing = "endDate" if "startDate" in payload else "startDate"
        errors.append(validation_item("FIELD_REQUIRED", missing, "startDate and endDate are given together."))
    if start is not None and end is not None:
        if end > now:
            errors.append(validation_item("DATE_IN_FUTURE", "endDate", "endDate must be set to the present or a past date."))
        if start >= end:
            errors.append(validation_item("INVALID_TIME_RANGE", "startDate", "startDate must be before endDate."))
    anonymize = payload.get("anonymizeData", False)
    if not isinstance(anonymize, bool):
        errors.append(validation_item("INVALID_TYPE", "anonymizeData", "anonymizeData must be a boolean (true or false) or left out."))
    timezone = optional_string(payload, "timezone", errors)
    expires = optional_date(payload, "expirationDate", parse_v7_date, "2027-01-01T00:00:00Z", errors)
    check_expiry(expires, "expirationDate", now, errors)
    if errors:
        raise validation_failure(errors)
    return {"dashboard_id": dashboard_id, "display_name": display_name, "start": start, "end": end, "anonymize": anonymize,
            "timezone": timezone, "expires": expires}


def validate_expiry_request(payload, now):
    """An UpdateSnapshotExpirationDateApiRequest: snapshotExpirationDate (ISO), or the deprecated expirationDate
    ('yyyy-MM-dd HH:mm:ss' UTC); one of them is needed, there being nothing else to update."""
    errors = []
    expires = optional_date(payload, "snapshotExpirationDate", parse_v7_date, "2027-01-01T00:00:00Z", errors)
    field = "snapshotExpirationDate"
    if "snapshotExpirationDate" not in payload:
        field = "expirationDate"
        expires = optional_date(payload, "expirationDate", parse_v6_date, "2027-01-01 00:00:00", errors)
        if "expirationDate" not in payload:
            errors.append(validation_item("FIELD_REQUIRED", "snapshotExpirationDate", "snapshotExpirationDate is required."))
    check_expiry(expires, field, now, errors)
    if errors:
        raise validation_failure(errors)
    return expires


def missing_snapshot(snapshot_id, aid):
    return ApiError(404, NOT_FOUND_TITLE, "Dashboard snapshot {0} was not found in account group {1}.".format(snapshot_id, aid))


class DashboardRoutes:
    """The v7 dashboard handlers; each takes an authenticated CallContext and returns an ApiResponse."""

    def __init__(self, state, clock):
        self.state = state
        self.directory = state.directory
        self.clock = clock

    def routes(self):
        return [
            (re.compile(r"^/v7/dashboards\Z"), {"GET": self.list_dashboards}),
            (re.compile(r"^/v7/dashboard-snapshots\Z"), {"GET": self.list_snapshots, "POST": self.create_snapshot}),
            (re.compile(r"^/v7/dashboard-snapshots/(?P<snapshot_id>[^/]+)\Z"),
             {"GET": self.get_snapshot, "PATCH": self.update_expiry, "DELETE": self.delete_snapshot}),
        ]

    def list_dashboards(self, context):
        aid = context.account_group()
        context.require_permission(VIEW_DASHBOARDS_PERMISSION)
        base_url = context.request.base_url
        return json_response(200, [dashboard_view(dashboard, base_url) for dashboard in self.directory.dashboards_in(aid)], HAL_JSON_TYPE)

    def view(self, record, base_url):
        return dashboard_snapshot_view(record, self.directory.find_dashboard(record["aid"], record["dashboard_id"]), base_url)

    def list_snapshots(self, context):
        """One page of the account group's dashboard snapshots, oldest first; _links.next carries the next page's cursor."""
        aid = context.account_group()
        context.require_permission(VIEW_DASHBOARD_SNAPSHOTS_PERMISSION)
        request = context.request
        query = dict(request.query)
        offset = 0
        if "cursor" in query:
            offset = decode_cursor(query["cursor"])
            if offset is None:
                raise validation_failure([validation_item("INVALID_VALUE", "cursor", "cursor is not one this API gave out in _links.next.")])
        records = self.state.dashboard_snapshots_in(aid, query.get("dashboardId"))
        page = [self.view(record, request.base_url) for record in records[offset:offset + DASHBOARD_SNAPSHOT_PAGE_SIZE]]
        links = {"self": {"href": request.base_url + request.path + ("?" + urlencode(request.query) if request.query else "")}}
        if offset + DASHBOARD_SNAPSHOT_PAGE_SIZE < len(records):
            following = [(key, value) for key, value in request.query if key != "cursor"]
            following.append(("cursor", encode_cursor(offset + DASHBOARD_SNAPSHOT_PAGE_SIZE)))
            links["next"] = {"href": request.base_url + request.path + "?" + urlencode(following)}
        return json_response(200, {"dashboardSnapshots": page, "_links": links}, HAL_JSON_TYPE)

    def create_snapshot(self, context):
        aid = context.account_group()
        context.require_permission(EDIT_DASHBOARD_SNAPSHOTS_PERMISSION)
        now = self.clock()
        values = validate_create_request(parse_json_object(context.request), now)
        dashboard = self.directory.find_dashboard(aid, values["dashboard_id"])
        if dashboard is None:
            raise ApiError(404, NOT_FOUND_TITLE, "Dashboard {0} was not found in account group {1}.".format(values["dashboard_id"], aid))
        start, end = values["start"], values["end"]
        if start is None:
            end = int(now)
            start = end - int((dashboard.get("defaultTimespan") or {}).get("duration") or 86400)
        record = collections.OrderedDict([
            ("aid", aid),
            ("dashboard_id", dashboard["dashboardId"]),
            ("dashboard_title", dashboard["title"]),
            ("display_name", values["display_name"] if values["display_name"] is not None else dashboard["title"]),
            ("start_date", utc_iso(start)),
            ("end_date", utc_iso(end)),
            ("anonymize", values["anonymize"]),
            ("timezone", values["timezone"]),
            ("expiration_date", utc_iso(values["expires"] if values["expires"] is not None else years_later(now, DEFAULT_EXPIRY_YEARS))),
            ("created_date", utc_iso(now)),
            ("created_by", context.user["email"]),
            ("patches", 0),
            ("deleted", None),
        ])
        stored, headers = self.state.create_dashboard_snapshot(record, now)
        self_href = "{0}/v7/dashboard-snapshots/{1}".format(context.request.base_url, stored["snapshot_id"])
        headers["Location"] = self_href
        payload = collections.OrderedDict([("snapshotId", stored["snapshot_id"]), ("_links", {"self": {"href": self_href}})])
        return json_response(201, payload, HAL_JSON_TYPE, headers)

    def get_snapshot(self, context):
        aid = context.account_group()
        context.require_permission(VIEW_DASHBOARD_SNAPSHOTS_PERMISSION)
        record = self.state.find_dashboard_snapshot(aid, context.params["snapshot_id"])
        if record is None:
            raise missing_snapshot(context.params["snapshot_id"], aid)
        return json_response(200, self.view(record, context.request.base_url), HAL_JSON_TYPE)

    def update_expiry(self, context):
        aid = context.account_group()
        context.require_permission(EDIT_DASHBOARD_SNAPSHOTS_PERMISSION)
        expires = validate_expiry_request(parse_json_object(context.request), self.clock())
        if not self.state.set_dashboard_snapshot_expiry(aid, context.params["snapshot_id"], utc_iso(expires)):
            raise missing_snapshot(context.params["snapshot_id"], aid)
        return ApiResponse(204)

    def delete_snapshot(self, context):
        aid = context.account_group()
        context.require_permission(EDIT_DASHBOARD_SNAPSHOTS_PERMISSION)
        if not self.state.delete_dashboard_snapshot(aid, context.params["snapshot_id"], self.clock()):
            raise missing_snapshot(context.params["snapshot_id"], aid)
        return ApiResponse(204)
