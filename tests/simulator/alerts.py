# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Alerts: the ones tests add through POST /_sim/alerts, cleared by DELETE /_sim/alerts, and how
# GET /v7/alerts filters and pages them (the official spec, thousandeyes-cli api/thousandeyes.yaml GET /alerts, and
# thousandeyes-sdk-alerts AlertsApi.get_alerts: state trigger|clear; window or startDate/endDate "For state=trigger:
# filters by when the alert started. For state=clear: filters by when the alert cleared."; max and an opaque cursor,
# the next page in _links.next). GET /v7/alerts/{alertId} answers an AlertDetail.

import base64
import binascii
import collections
import copy
import re
import uuid
from urllib.parse import parse_qs, urlsplit

from .formats import parse_v7_date, utc_iso
from .responses import ApiError, validation_failure, validation_item

ALERT_STATES = ("trigger", "clear")
DEFAULT_PAGE_SIZE = 100
# A number and an optional unit: s (default), m, h, d, w (the spec's description of window).
WINDOW_PATTERN = re.compile(r"^0*([1-9][0-9]{0,8})([smhdw]?)\Z")
WINDOW_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
TEST_ID_AT_END = re.compile(r"/([0-9]{1,20})/?\Z")
CURSOR_PREFIX = "offset:"


class AlertInputError(ValueError):
    """An alert that POST /_sim/alerts cannot take; the message names the field."""


def _test_href(alert):
    links = alert.get("_links")
    test = links.get("test") if isinstance(links, dict) else None
    href = test.get("href") if isinstance(test, dict) else None
    return href if isinstance(href, str) else None


def test_id_of(alert):
    """The test ID at the end of the path of _links.test.href, else None (agent and device alerts have no test)."""
    href = _test_href(alert)
    match = TEST_ID_AT_END.search(urlsplit(href).path) if href else None
    return match.group(1) if match else None


def aid_of(alert):
    """The account group a test link names in its query (?aid=5678), else None."""
    href = _test_href(alert)
    values = parse_qs(urlsplit(href).query).get("aid") if href else None
    return values[0] if values else None


# The fields of an alert (thousandeyes-sdk-alerts models/alert.py, Alert) and what each must hold; openapi.json's Alert
# schema says the same, so what POST /_sim/alerts accepts, GET /v7/alerts can answer.
ENUMS = {
    "alertState": ("trigger", "clear"),
    "alertSeverity": ("info", "major", "minor", "critical", "unknown"),
    "state": ("ACTIVE", "CLEARED"),
    "severity": ("INFO", "MAJOR", "MINOR", "CRITICAL", "UNKNOWN"),
}
FIELD_TYPES = {
    "id": str, "alertType": str, "alertId": str, "dateStart": str, "dateEnd": str, "permalink": str, "alertRuleId": str,
    "violationCount": int, "duration": int, "ruleId": int, "suppressed": bool, "meta": dict, "apiLinks": list, "details": list,
}
LINK_NAMES = ("test", "rule", "appLink", "self")
LINK_TEXT_FIELDS = ("href", "type", "deprecation", "name", "profile", "title", "hreflang")


def _has_type(value, expected):
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _link_problem(name, link):
    if not isinstance(link, dict) or not isinstance(link.get("href"), str):
        return "'_links.{0}' must be an object with a string 'href'".format(name)
    for field in LINK_TEXT_FIELDS:
        if field in link and not isinstance(link[field], str):
            return "'_links.{0}.{1}' must be a string".format(name, field)
    if "templated" in link and not isinstance(link["templated"], bool):
        return "'_links.{0}.templated' must be a boolean".format(name)
    return None


def check_new_alert(alert, known_ids):
    """Refuse an alert the API could never send: a malformed type or date, a field of the wrong type, a duplicate ID.
    The spec requires no field of an Alert: a missing type stays missing, a missing start is the time it is added."""
    if "alertType" in alert and (not isinstance(alert["alertType"], str) or not alert["alertType"]):
        raise AlertInputError("'alertType' must be a non-empty string, such as 'http-server' or 'agent'")
    for field in ("startDate", "endDate"):
        if field in alert and parse_v7_date(alert.get(field)) is None:
            raise AlertInputError("'{0}' must be an ISO 8601 date-time such as 2026-01-01T00:00:00Z".format(field))
    for field, expected in FIELD_TYPES.items():
        if field in alert and not _has_type(alert[field], expected):
            raise AlertInputError("'{0}' must be of JSON type {1}".format(field, expected.__name__))
    for field in ("apiLinks", "details"):
        if field in alert and not all(isinstance(item, dict) for item in alert[field]):
            raise AlertInputError("'{0}' must be a list of objects".format(field))
    for field, allowed in ENUMS.items():
        if field in alert and alert[field] not in allowed:
            raise AlertInputError("'{0}' must be one of: {1}".format(field, ", ".join(allowed)))
    if "id" in alert and not alert["id"]:
        raise AlertInputError("'id' must be a non-empty string when given")
    if alert.get("id") in known_ids:
        raise AlertInputError("an alert with id '{0}' exists already".format(alert["id"]))
    links = alert.get("_links", {})
    if not isinstance(links, dict):
        raise AlertInputError("'_links' must be an object of link objects ({'test': {'href': '...'}})")
    for name in LINK_NAMES:
        problem = _link_problem(name, links[name]) if name in links else None
        if problem:
            raise AlertInputError(problem)


class AlertBook:
    """The alerts of the organisation, in the order they were added; each carries its account group."""

    def __init__(self, random_source):
        self.random = random_source
        self.entries = []

    def add(self, alert, aid, now):
        check_new_alert(alert, set(entry["alert"].get("id") for entry in self.entries))
        stored = copy.deepcopy(alert)
        stored.setdefault("id", str(uuid.UUID(int=self.random.getrandbits(128), version=4)))
        stored.setdefault("startDate", utc_iso(now))
        # POST /_sim/alerts adds an active alert, whatever state the body says.
        stored["alertState"] = "trigger"
        stored.pop("endDate", None)
        stored.setdefault("violationCount", 1)
        stored.setdefault("suppressed", False)
        entry = {"aid": aid, "alert": stored, "added": now}
        self.entries.append(entry)
        return entry

    def clear_active(self, now):
        """Every active alert becomes a cleared one, ended now; returns how many."""
        cleared = 0
        for entry in self.entries:
            alert = entry["alert"]
            if alert.get("alertState") == "trigger":
                alert["alertState"] = "clear"
                alert["endDate"] = utc_iso(now)
                started = parse_v7_date(alert.get("startDate"))
                alert["duration"] = max(int(now - started), 0)
                cleared += 1
        return cleared

    def describe(self):
        return [dict(copy.deepcopy(entry["alert"]), aid=entry["aid"]) for entry in self.entries]

    def find(self, aid, alert_id):
        for entry in self.entries:
            if entry["aid"] == aid and entry["alert"].get("id") == alert_id:
                return entry["alert"]
        return None

    def select(self, aid, state, since, until):
        """The alerts of the account group in this state; the time range (epoch seconds) selects active alerts by when
        they started and cleared alerts by when they cleared (the spec's GET /alerts)."""
        chosen = []
        for entry in self.entries:
            alert = entry["alert"]
            if entry["aid"] != aid or alert.get("alertState") != state:
                continue
            moment = parse_v7_date(alert.get("endDate" if state == "clear" else "startDate"))
            if (since is not None and moment < since) or (until is not None and moment > until):
                continue
            chosen.append(alert)
        return chosen


def parse_list_query(query, now):
    """(state, since, until, page size, offset) from GET /v7/alerts' query, or ApiError 400 naming each bad field."""
    errors = []
    state = query.get("state", "trigger")
    if state not in ALERT_STATES:
        errors.append(validation_item("INVALID_VALUE", "state", "state must be one of: trigger, clear."))
    since = until = None
    window = query.get("window")
    start, end = query.get("startDate"), query.get("endDate")
    if window is not None and (start is not None or end is not None):
        errors.append(validation_item("INVALID_PARAMETERS", "window", "window cannot be used with startDate or endDate."))
    elif window is not None:
        match = WINDOW_PATTERN.match(window)
        if not match:
            errors.append(validation_item("INVALID_VALUE", "window", "window must be a number with an optional unit s, m, h, d or w, such as 12h."))
        else:
            since, until = now - int(match.group(1)) * WINDOW_UNITS[match.group(2)], now
    else:
        if start is not None:
            since = parse_v7_date(start)
            if since is None:
                errors.append(validation_item("INVALID_DATE_FORMAT", "startDate", "startDate must be a date-time like 2026-01-01T00:00:00Z."))
        if end is not None:
            until = parse_v7_date(end)
            if until is None:
                errors.append(validation_item("INVALID_DATE_FORMAT", "endDate", "endDate must be a date-time like 2026-01-01T01:00:00Z."))
        if since is not None and until is not None and since > until:
            errors.append(validation_item("INVALID_TIME_RANGE", "startDate", "startDate must be before endDate."))
    size = DEFAULT_PAGE_SIZE
    if "max" in query:
        text = query["max"]
        if not re.match(r"^[0-9]{1,6}\Z", text) or int(text) < 1:
            errors.append(validation_item("INVALID_VALUE", "max", "max must be a positive integer."))
        else:
            size = int(text)
    offset = 0
    if "cursor" in query:
        offset = decode_cursor(query["cursor"])
        if offset is None:
            errors.append(validation_item("INVALID_VALUE", "cursor", "cursor is not one this API gave out in _links.next."))
    if errors:
        raise validation_failure(errors)
    return state, since, until, size, offset


def encode_cursor(offset):
    return base64.urlsafe_b64encode((CURSOR_PREFIX + str(offset)).encode("ascii")).decode("ascii")


def decode_cursor(cursor):
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii")
    except (binascii.Error, UnicodeError, ValueError):
        return None
    if not text.startswith(CURSOR_PREFIX) or not text[len(CURSOR_PREFIX):].isdigit():
        return None
    return int(text[len(CURSOR_PREFIX):])


def alert_view(alert, base_url):
    """An alert as the API answers it: the stored fields, with its self and app links filled in."""
    view = collections.OrderedDict(copy.deepcopy(alert))
    links = collections.OrderedDict(view.get("_links") or {})
    links["self"] = {"href": "{0}/v7/alerts/{1}".format(base_url, alert["id"])}
    links.setdefault("appLink", {"href": "https://app.thousandeyes.com/alerts/list/?alertId={0}".format(alert["id"])})
    view["_links"] = links
    return view


# The spec's AlertDetail: its deprecated state and severity are the new enums (trigger/clear, lower-case severities),
# not the list's legacy ACTIVE/CLEARED and upper-case ones; details lists the alert's sources (AlertMetricDetail).
LEGACY_DETAIL_STATES = {"ACTIVE": "trigger", "CLEARED": "clear"}


def alert_detail_view(alert, base_url):
    """An alert as GET /v7/alerts/{alertId} answers it (AlertDetail)."""
    view = alert_view(alert, base_url)
    if "state" in view:
        view["state"] = LEGACY_DETAIL_STATES.get(view["state"], view.get("alertState", "trigger"))
    if "severity" in view:
        view["severity"] = str(view["severity"]).lower()
    view["details"] = copy.deepcopy(alert.get("details")) if isinstance(alert.get("details"), list) else []
    return view


def missing_alert(alert_id, aid):
    return ApiError(404, "Not Found", "Alert {0} was not found in account group {1}.".format(alert_id, aid))
