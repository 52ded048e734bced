# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The v7 alerts list (GET /v7/alerts) read page by page, and each alert in the shape a playbook uses.
# Source of the fields and parameters: the official spec as thousandeyes-sdk-alerts renders it (AlertsApi.get_alerts,
# models Alert, AlertLinks, Alerts, PaginationLinks).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_types import no_snapshot_reason
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import MAX_TEXT, ThousandEyesAPIError, shown_text
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import EARLIEST, WindowError, format_v7, parse_time

try:
    from urllib.parse import parse_qs, urlsplit
except ImportError:  # pragma: no cover - Python 2 only
    from urlparse import parse_qs, urlsplit

# The module's words for the API's alert states (the state query parameter and alertState).
STATES = {"active": "trigger", "cleared": "clear"}
SEVERITIES = ("info", "minor", "major", "critical", "unknown")
# Far more pages than any account group has alerts: a server that keeps sending the same cursor cannot loop for ever.
MAX_PAGES = 1000
_TEST_ID_AT_END = re.compile(r"/([0-9]{1,20})/?\Z")
# Nanoseconds are more than a datetime holds: the first six digits are kept.
_SUBMICROSECONDS = re.compile(r"(\.[0-9]{6})[0-9]+")


def _link(alert, name):
    links = alert.get("_links")
    link = links.get(name) if isinstance(links, dict) else None
    href = link.get("href") if isinstance(link, dict) else None
    return href if isinstance(href, str) and href else None


def _text(value):
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    return u"%s" % (value,)


def alert_test_id(alert):
    """The test's ID: the last path segment of _links.test.href (digits), else None (agent and device alerts)."""
    href = _link(alert, "test")
    match = _TEST_ID_AT_END.search(urlsplit(href).path) if href else None
    return match.group(1) if match else None


def _test_link_reason(alert):
    """Why the alert has no test: no _links.test at all, or one that is there but names no test (two different things)."""
    links = alert.get("_links")
    if not isinstance(links, dict) or links.get("test") is None:
        return "the alert names no test (no _links.test)"
    href = _link(alert, "test")
    if href is None:
        return "the alert's _links.test has no usable href"
    return "the alert's _links.test (%s) does not end with a test ID" % shown_text(href, 120)


def alert_time(value):
    """An alert's startDate/endDate as ISO 8601 UTC, or None when it is not a time (a year past 9999, a word, an object).

    Returned and sorted as a moment, never as the API's text: '2026-11-26T05:00:00+02:00' is before '2026-11-26T04:00:00Z'.
    """
    text = _text(value)
    if not text or text.strip().lower() == "now":
        return None
    try:
        moment = parse_time("startDate", _SUBMICROSECONDS.sub(r"\1", text), None)
    except (WindowError, ValueError, OverflowError, OSError):
        return None
    # No ThousandEyes alert is older than its data (epoch rounds); an earlier year would not sort as text either.
    return format_v7(moment) if moment >= EARLIEST else None


def normalize_alert(alert, test_names):
    """One alert in the module's shape; the newer fields first, the deprecated legacy ones when only they are there."""
    alert_type = _text(alert.get("alertType"))
    severity = _text(alert.get("alertSeverity")) or _text(alert.get("severity"))
    state = _text(alert.get("alertState")) or _text(alert.get("state"))
    test_id = alert_test_id(alert)
    reason = no_snapshot_reason(alert_type)
    return {
        "alert_id": _text(alert.get("id")) or _text(alert.get("alertId")),
        "type": alert_type,
        "severity": severity.lower() if severity else None,
        "state": {"trigger": "active", "active": "active", "clear": "cleared", "cleared": "cleared"}.get((state or "").lower(), state),
        "started": alert_time(_text(alert.get("startDate")) or _text(alert.get("dateStart"))),
        "ended": alert_time(_text(alert.get("endDate")) or _text(alert.get("dateEnd"))),
        "rule_id": _text(alert.get("alertRuleId")) or _text(alert.get("ruleId")),
        "test_id": test_id,
        "test_name": test_names.get(test_id) if test_id else None,
        "app_link": _link(alert, "appLink") or _text(alert.get("permalink")),
        "violation_count": alert.get("violationCount") if isinstance(alert.get("violationCount"), int) else None,
        "suppressed": alert.get("suppressed") if isinstance(alert.get("suppressed"), bool) else None,
        "snapshot_supported": reason is None and test_id is not None,
        "no_snapshot_reason": reason or (None if test_id else _test_link_reason(alert)),
        "raw": alert,
    }


def next_cursor(data):
    """The cursor of the next page, read from _links.next.href; None on the last page.

    Only the cursor is taken from the link: the next request goes to api_url, as every other, so a link to another
    host never receives the token.
    """
    links = data.get("_links") if isinstance(data, dict) else None
    following = links.get("next") if isinstance(links, dict) else None
    href = following.get("href") if isinstance(following, dict) else None
    if not isinstance(href, str) or not href:
        return None
    values = parse_qs(urlsplit(href).query).get("cursor")
    if not values:
        raise ThousandEyesAPIError("ThousandEyes API answered GET /v7/alerts with a next page link without a cursor: %s."
                                   % shown_text(href, MAX_TEXT), url=href)
    return values[0]


def list_alerts(client, query, notes=None):
    """Every entry GET /v7/alerts lists for this query, following _links.next; raw entries (objects or not), in the API's order.

    An entry with a lone surrogate is returned with it written as an escape, and named in notes (a list) when given.
    """
    alerts, cursor, pages, seen = [], None, 0, set()
    while True:
        page_query = dict(query)
        if cursor is not None:
            page_query["cursor"] = cursor
        response = client.get(("alerts",), query=page_query, action="alerts", entries="alerts")
        for index, where in response.escaped_entries:
            if notes is not None:
                notes.append("Alert %d of the list (page %d) has text that is not valid Unicode (a lone UTF-16 surrogate in "
                             "%s); it is returned with that character written as an escape." % (len(alerts) + index, pages + 1, where))
        entries = response.data.get("alerts", []) if isinstance(response.data, dict) else None
        if not isinstance(entries, list):
            raise ThousandEyesAPIError(
                "ThousandEyes API answered HTTP %s to GET %s without the 'alerts' list: %s. Check api_url: it must name the "
                "ThousandEyes API." % (response.status, response.url, json.dumps(response.data)[:MAX_TEXT]),
                status=response.status, error={"body": response.data}, url=response.url)
        # Every entry, objects or not: the module names each one it cannot read instead of dropping it without a word.
        alerts.extend(entries)
        pages += 1
        cursor = next_cursor(response.data)
        if cursor is None:
            return alerts, pages
        if cursor in seen or pages >= MAX_PAGES:
            raise ThousandEyesAPIError(
                "ThousandEyes API kept sending more pages of alerts (%d pages, cursor %s repeated or never ending); stopped."
                % (pages, shown_text(cursor, 80)), url=response.url)
        seen.add(cursor)
