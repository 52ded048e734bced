# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice. Do not use it from other collections.
# Dashboards and dashboard snapshots of API v7 (official v7 spec, thousandeyes/thousandeyes-cli api/thousandeyes.yaml,
# tags "Dashboards" and "Dashboard Snapshots"): the request bodies, every cursor page of the list, the answers in
# the collection's own shape, and the expiry option. The calls go through _client.ApiClient, so its retries, deadline
# and rate-limit waits apply; a POST is never repeated.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from datetime import datetime, timedelta

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import UnexpectedAnswer
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import UTC, WindowError, format_v7, parse_time

try:
    from urllib.parse import parse_qs, urlsplit
except ImportError:  # pragma: no cover - Python 2 only
    from urlparse import parse_qs, urlsplit

DASHBOARDS = ("dashboards",)
SNAPSHOTS = ("dashboard-snapshots",)
# Spec (Dashboards_API_SnapshotExpirationDate): one year by default, at most five years from now.
MAX_EXPIRY_YEARS = 5
# A bound on the list walk: far more pages than any account group has, so a server that keeps answering the
# same cursor cannot keep the task going for ever.
MAX_PAGES = 1000
QUOTA_TEXT = "dashboard snapshots are limited to 100 per organisation per hour"

_RELATIVE = re.compile(r"^\s*(?P<count>[0-9]{1,5})\s*(?P<unit>d|w|y|days?|weeks?|years?)\s*$", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")
# A length (90d, 2y) counts from the snapshot's creation, but the expiry sent was counted from the module's clock
# before the POST, and the API stamps its own creation time after it: latency, a quota wait and the two clocks put
# seconds to minutes between them. A re-run accepts an expiry within this of creation plus the length; lengths are
# whole days, so two different ones never fall within it.
RELATIVE_EXPIRY_SLACK = timedelta(hours=1)
EXPIRES_FORMS = ("a date (2027-06-30, midnight UTC), a date and time in the forms of start/end, or a length after the "
                 "snapshot's creation such as 90d, 12w or 2y")


class DashboardLookupError(Exception):
    """No dashboard, or more than one, has the name asked for."""


def add_years(moment, years):
    """The same date and time `years` later (29 February becomes 28 February)."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


def parse_expires(value, now):
    """('absolute', datetime) or ('relative', timedelta-or-years) from the expires option; raises WindowError(option='expires')."""
    text = str(value).strip()
    relative = _RELATIVE.match(text)
    if relative:
        count, unit = int(relative.group("count")), relative.group("unit").lower()[0]
        if count < 1:
            raise WindowError("expires", "Option expires: %r is not a length after creation; give 1 or more. Accepted: %s." % (text, EXPIRES_FORMS))
        if unit == "y":
            return "years", count
        return "delta", timedelta(days=count * (7 if unit == "w" else 1))
    date_only = _DATE_ONLY.match(text)
    try:
        if date_only:
            return "absolute", datetime(*[int(part) for part in date_only.groups()], tzinfo=UTC)
        if text.lower() == "now":
            raise ValueError("now")
        return "absolute", parse_time("expires", text, now)
    except (ValueError, WindowError):
        pass
    raise WindowError("expires", "Option expires: %r is not an expiry this module understands. Accepted: %s." % (text[:80], EXPIRES_FORMS))


def expiry_from(parsed, base):
    """The expiry datetime of a parsed expires option, for a snapshot created at `base`."""
    kind, value = parsed
    if kind == "absolute":
        return value.replace(microsecond=0)
    if kind == "years":
        return add_years(base, value).replace(microsecond=0)
    return (base + value).replace(microsecond=0)


def expiry_matches(parsed, current, created):
    """Whether a snapshot created at `created` that expires at `current` (datetimes or None) already has the expiry of a
    parsed expires option: a date exactly (to the second), a length within RELATIVE_EXPIRY_SLACK."""
    if current is None:
        return False
    if parsed[0] == "absolute":
        return current.replace(microsecond=0) == expiry_from(parsed, current)
    if created is None:
        return False
    return abs(current - expiry_from(parsed, created)) <= RELATIVE_EXPIRY_SLACK


def check_expiry(expires, now):
    """The API's rule: after now, within 5 years from now. Raises WindowError naming the option."""
    latest = add_years(now, MAX_EXPIRY_YEARS)
    if expires <= now:
        raise WindowError("expires", "Option expires: %s is not in the future." % format_v7(expires))
    if expires > latest:
        raise WindowError("expires", "Option expires: %s is more than %d years from now; the latest the API accepts is %s."
                          % (format_v7(expires), MAX_EXPIRY_YEARS, format_v7(latest)))


def parse_api_time(value):
    """A date-time of an answer as an aware UTC datetime, or None."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return parse_time("answer", value, datetime.now(UTC))
    except WindowError:
        return None


def dashboard_view(raw):
    """A dashboard in the collection's shape (snake_case), from Dashboards_API_ApiDashboard."""
    if not isinstance(raw, dict):
        raw = {}
    timespan = raw.get("defaultTimespan") if isinstance(raw.get("defaultTimespan"), dict) else {}
    return {
        "id": raw.get("dashboardId"),
        "title": raw.get("title"),
        "description": raw.get("description"),
        "built_in": raw.get("isBuiltIn"),
        "private": raw.get("isPrivate"),
        "default_for_account": raw.get("isDefaultForAccount"),
        "default_timespan_seconds": timespan.get("duration"),
    }


def snapshot_view(raw, now=None):
    """A dashboard snapshot in the collection's shape, from Dashboards_API_ApiDashboardSnapshot."""
    now = now or datetime.now(UTC)
    dashboard = raw.get("dashboard") if isinstance(raw.get("dashboard"), dict) else {}
    span = raw.get("timeSpan") if isinstance(raw.get("timeSpan"), dict) else {}
    start = parse_api_time(span.get("start"))
    duration = span.get("duration")
    end = start + timedelta(seconds=duration) if start is not None and isinstance(duration, int) and not isinstance(duration, bool) else None
    expires = parse_api_time(raw.get("snapshotExpirationDate"))
    links = raw.get("_links") if isinstance(raw.get("_links"), dict) else {}
    app_link = links.get("appLink") if isinstance(links.get("appLink"), dict) else {}
    return {
        "id": raw.get("snapshotId"),
        "display_name": raw.get("snapshotName"),
        "dashboard_id": dashboard.get("dashboardId"),
        "dashboard_title": dashboard.get("title"),
        "start": format_v7(start) if start else None,
        "end": format_v7(end) if end else None,
        "expires": format_v7(expires) if expires else None,
        "expired": expires <= now if expires else None,
        "created": format_v7(parse_api_time(raw.get("snapshotCreatedDate"))) if parse_api_time(raw.get("snapshotCreatedDate")) else None,
        "app_link": app_link.get("href"),
    }


def list_dashboards(client, query=None):
    response = client.get(DASHBOARDS, query=query, action="dashboards")
    if not isinstance(response.data, list):
        raise UnexpectedAnswer("the dashboards list is not a JSON array")
    return [dashboard_view(item) for item in response.data if isinstance(item, dict)]


def find_dashboard_by_name(dashboards, name):
    """The one dashboard titled `name` exactly; DashboardLookupError naming the choices otherwise."""
    found = [dashboard for dashboard in dashboards if dashboard["title"] == name]
    if len(found) == 1:
        return found[0]
    if found:
        raise DashboardLookupError("Option dashboard_name: %d dashboards are titled %r (IDs %s); give dashboard_id instead."
                                   % (len(found), name, ", ".join(str(item["id"]) for item in found)))
    titles = sorted(set(str(item["title"]) for item in dashboards))[:20]
    raise DashboardLookupError("Option dashboard_name: no dashboard of the account group is titled %r (case-sensitive). Titles: %s."
                               % (name, ", ".join(repr(title) for title in titles) or "none"))


def next_cursor(page):
    """The cursor of _links.next, or None on the last page."""
    links = page.get("_links") if isinstance(page.get("_links"), dict) else {}
    following = links.get("next") if isinstance(links.get("next"), dict) else None
    if not following or not following.get("href"):
        return None
    cursors = parse_qs(urlsplit(str(following["href"])).query).get("cursor")
    if not cursors:
        raise UnexpectedAnswer("_links.next of the dashboard snapshots list has no cursor")
    return cursors[0]


def list_dashboard_snapshots(client, query=None, dashboard_id=None):
    """Every dashboard snapshot (raw answers), all cursor pages; bounded by MAX_PAGES, and a repeated cursor stops it."""
    base = dict(query or {})
    if dashboard_id:
        base["dashboardId"] = dashboard_id
    snapshots, seen, cursor = [], set(), None
    for _page in range(MAX_PAGES):
        page_query = dict(base)
        if cursor:
            page_query["cursor"] = cursor
        data = client.get(SNAPSHOTS, query=page_query or None, action="dashboard snapshots").data
        if not isinstance(data, dict) or not isinstance(data.get("dashboardSnapshots", []), list):
            raise UnexpectedAnswer("the dashboard snapshots list has no dashboardSnapshots array")
        snapshots.extend(item for item in data.get("dashboardSnapshots", []) if isinstance(item, dict))
        cursor = next_cursor(data)
        if cursor is None:
            return snapshots
        if cursor in seen:
            raise UnexpectedAnswer("the dashboard snapshots list gave the same cursor twice")
        seen.add(cursor)
    raise UnexpectedAnswer("the dashboard snapshots list has more than %d pages" % MAX_PAGES)


def get_dashboard_snapshot(client, snapshot_id, query=None):
    return client.get(SNAPSHOTS + (snapshot_id,), query=query, action="dashboard snapshot").data


def create_body(dashboard_id, display_name, start_at, end_at, anonymize, timezone=None, expires=None):
    """A GenerateDashboardSnapshotRequest."""
    body = {"dashboardId": dashboard_id, "displayName": display_name, "startDate": format_v7(start_at), "endDate": format_v7(end_at),
            "anonymizeData": bool(anonymize)}
    if timezone:
        body["timezone"] = timezone
    if expires is not None:
        body["expirationDate"] = format_v7(expires)
    return body


def create_dashboard_snapshot(client, body, query=None):
    """POST once (ApiClient never repeats a POST); returns (snapshotId, response)."""
    response = client.post(SNAPSHOTS, body, query=query, action="dashboard snapshot")
    data = response.data if isinstance(response.data, dict) else {}
    snapshot_id = data.get("snapshotId")
    if not isinstance(snapshot_id, str) or not snapshot_id:
        raise UnexpectedAnswer("the answer has no snapshotId")
    return snapshot_id, response


def expiry_body(expires):
    return {"snapshotExpirationDate": format_v7(expires)}


def update_expiry(client, snapshot_id, expires, query=None):
    return client.request("PATCH", SNAPSHOTS + (snapshot_id,), query=query, body=expiry_body(expires), action="dashboard snapshot")


def delete_dashboard_snapshot(client, snapshot_id, query=None):
    return client.request("DELETE", SNAPSHOTS + (snapshot_id,), query=query, action="dashboard snapshot")
