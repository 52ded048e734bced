# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# _dashboards_api.py: the expiry option, the answers in the collection's shape, the request bodies, and the list walk.
# Answers are shaped after the official v7 spec (thousandeyes/thousandeyes-cli api/thousandeyes.yaml:
# Dashboards_API_ApiDashboard, Dashboards_API_ApiDashboardSnapshot, Dashboards_API_DashboardSnapshotsPage).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils import _dashboards_api as api
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import UnexpectedAnswer
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import WindowError

NOW = datetime(2026, 11, 26, 8, 30, 15, tzinfo=timezone.utc)
SNAPSHOT = {
    "snapshotId": "d28bb71f-5a47-4783-8f12-d4b115e61b0c", "snapshotName": "INC-1", "aid": "1234",
    "snapshotCreatedDate": "2026-11-26T08:31:00Z",
    "dashboard": {"dashboardId": "646f4d2ce3c99b0536c3821e", "title": "Production Overview"},
    "timeSpan": {"start": "2026-11-26T02:30:00Z", "duration": 21600},
    "snapshotExpirationDate": "2027-11-26T08:31:00Z",
    "_links": {"appLink": {"href": "https://app.thousandeyes.com/dashboard/?snapshotId=d28bb71f-5a47-4783-8f12-d4b115e61b0c"}},
}


@pytest.mark.parametrize("text, expected", [
    ("90d", datetime(2027, 2, 24, 8, 30, 15, tzinfo=timezone.utc)),
    ("12w", NOW + timedelta(weeks=12)),
    ("2y", datetime(2028, 11, 26, 8, 30, 15, tzinfo=timezone.utc)),
    ("1 year", datetime(2027, 11, 26, 8, 30, 15, tzinfo=timezone.utc)),
    ("2027-06-30", datetime(2027, 6, 30, tzinfo=timezone.utc)),
    ("2027-06-30T12:00:00+02:00", datetime(2027, 6, 30, 10, tzinfo=timezone.utc)),
    ("2027-06-30 12:00:00", datetime(2027, 6, 30, 12, tzinfo=timezone.utc)),
])
def test_expires_forms(text, expected):
    assert api.expiry_from(api.parse_expires(text, NOW), NOW) == expected


def test_a_length_counts_from_the_base_given_so_a_rerun_keeps_the_expiry():
    created = datetime(2026, 1, 10, tzinfo=timezone.utc)
    assert api.expiry_from(api.parse_expires("2y", NOW), created) == datetime(2028, 1, 10, tzinfo=timezone.utc)
    leap = datetime(2028, 2, 29, tzinfo=timezone.utc)
    assert api.expiry_from(api.parse_expires("1y", NOW), leap) == datetime(2029, 2, 28, tzinfo=timezone.utc)


@pytest.mark.parametrize("expires, option, matches", [
    # The expiry was counted from the module's clock seconds before the API stamped its creation time.
    ("2027-01-10T00:00:00Z", "1y", True),
    ("2027-01-09T23:59:57Z", "1y", True),
    ("2027-01-09T23:00:00Z", "1y", True),
    ("2027-01-09T22:59:59Z", "1y", False),
    ("2027-01-10T01:00:01Z", "1y", False),
    ("2026-04-10T00:00:00Z", "90d", True),
    ("2026-04-11T00:00:00Z", "90d", False),
    ("2027-01-10T00:00:00Z", "2027-01-10", True),
    ("2027-01-10T00:00:01Z", "2027-01-10", False),
    (None, "1y", False),
])
def test_a_length_matches_within_the_slack_and_a_date_exactly(expires, option, matches):
    created = datetime(2026, 1, 10, tzinfo=timezone.utc)
    current = api.parse_api_time(expires)
    assert api.expiry_matches(api.parse_expires(option, NOW), current, created) is matches


def test_without_a_creation_time_only_a_date_can_match():
    current = datetime(2027, 1, 10, tzinfo=timezone.utc)
    assert api.expiry_matches(api.parse_expires("2027-01-10", NOW), current, None) is True
    assert api.expiry_matches(api.parse_expires("1y", NOW), current, None) is False


@pytest.mark.parametrize("text", ["yesterday", "now", "0d", "2027-13-01", "5 months", ""])
def test_bad_expires_names_the_option_and_the_forms(text):
    with pytest.raises(WindowError) as error:
        api.parse_expires(text, NOW)
    assert error.value.option == "expires"
    assert "90d" in str(error.value)


def test_expiry_must_be_future_and_within_5_years():
    api.check_expiry(datetime(2031, 11, 26, 8, 30, 15, tzinfo=timezone.utc), NOW)
    with pytest.raises(WindowError, match="more than 5 years"):
        api.check_expiry(datetime(2031, 11, 26, 8, 30, 16, tzinfo=timezone.utc), NOW)
    with pytest.raises(WindowError, match="not in the future"):
        api.check_expiry(NOW, NOW)


def test_snapshot_view():
    assert api.snapshot_view(SNAPSHOT, NOW) == {
        "id": "d28bb71f-5a47-4783-8f12-d4b115e61b0c", "display_name": "INC-1", "dashboard_id": "646f4d2ce3c99b0536c3821e",
        "dashboard_title": "Production Overview", "start": "2026-11-26T02:30:00Z", "end": "2026-11-26T08:30:00Z",
        "expires": "2027-11-26T08:31:00Z", "expired": False, "created": "2026-11-26T08:31:00Z",
        "app_link": "https://app.thousandeyes.com/dashboard/?snapshotId=d28bb71f-5a47-4783-8f12-d4b115e61b0c"}
    assert api.snapshot_view(SNAPSHOT, datetime(2028, 1, 1, tzinfo=timezone.utc))["expired"] is True
    bare = api.snapshot_view({"snapshotId": "x", "timeSpan": {"start": "junk", "duration": True}, "_links": []}, NOW)
    assert (bare["id"], bare["start"], bare["end"], bare["expires"], bare["expired"], bare["app_link"]) == ("x", None, None, None, None, None)


def test_create_body_leaves_out_what_is_not_given():
    start, end = NOW - timedelta(hours=6), NOW
    assert api.create_body("d1", "INC", start, end, False) == {
        "dashboardId": "d1", "displayName": "INC", "startDate": "2026-11-26T02:30:15Z", "endDate": "2026-11-26T08:30:15Z", "anonymizeData": False}
    body = api.create_body("d1", "INC", start, end, True, "UTC", datetime(2027, 1, 1, tzinfo=timezone.utc))
    assert (body["anonymizeData"], body["timezone"], body["expirationDate"]) == (True, "UTC", "2027-01-01T00:00:00Z")


def test_find_dashboard_by_name():
    dashboards = [{"id": "a", "title": "Overview"}, {"id": "b", "title": "Twin"}, {"id": "c", "title": "Twin"}]
    assert api.find_dashboard_by_name(dashboards, "Overview")["id"] == "a"
    with pytest.raises(api.DashboardLookupError, match="IDs b, c"):
        api.find_dashboard_by_name(dashboards, "Twin")
    with pytest.raises(api.DashboardLookupError, match="'Overview', 'Twin'"):
        api.find_dashboard_by_name(dashboards, "overview")


class PagedClient(object):
    """Answers GET dashboard-snapshots with the pages given, recording each query."""

    def __init__(self, pages):
        self.pages = list(pages)
        self.queries = []

    def get(self, segments, query=None, action=None, context=None):
        self.queries.append((segments, query))
        return type("Answer", (), {"data": self.pages.pop(0)})()


def page(ids, cursor=None):
    links = {"self": {"href": "https://api.thousandeyes.com/v7/dashboard-snapshots"}}
    if cursor:
        links["next"] = {"href": "https://api.thousandeyes.com/v7/dashboard-snapshots?dashboardId=d1&cursor=" + cursor}
    return {"dashboardSnapshots": [{"snapshotId": item} for item in ids], "_links": links}


def test_every_page_is_read_by_its_cursor():
    client = PagedClient([page(["1", "2"], "b2Zmc2V0OjI%3D"), page(["3"], "b2Zmc2V0OjM%3D"), page([])])
    found = api.list_dashboard_snapshots(client, {"aid": "1234"}, "d1")
    assert [item["snapshotId"] for item in found] == ["1", "2", "3"]
    assert [query for unused, query in client.queries] == [
        {"aid": "1234", "dashboardId": "d1"},
        {"aid": "1234", "dashboardId": "d1", "cursor": "b2Zmc2V0OjI="},
        {"aid": "1234", "dashboardId": "d1", "cursor": "b2Zmc2V0OjM="},
    ]


def test_a_repeated_cursor_stops_the_walk():
    client = PagedClient([page(["1"], "c1"), page(["2"], "c1")])
    with pytest.raises(UnexpectedAnswer, match="same cursor twice"):
        api.list_dashboard_snapshots(client)


def test_a_page_without_the_array_is_an_unexpected_answer():
    with pytest.raises(UnexpectedAnswer):
        api.list_dashboard_snapshots(PagedClient([{"dashboardSnapshots": "no"}]))
