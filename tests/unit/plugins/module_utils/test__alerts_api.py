# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The alerts list read page by page, and each alert in the module's shape.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alerts_api import list_alerts, next_cursor, normalize_alert, alert_test_id
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError


class FakeResponse(object):
    def __init__(self, data):
        self.status = 200
        self.data = data
        self.url = "https://api.example/v7/alerts"
        self.escaped_entries = []


class FakeClient(object):
    """Answers each GET from a list of pages and records the query of each."""

    def __init__(self, *pages):
        self.pages = list(pages)
        self.queries = []

    def get(self, segments, query=None, action=None, entries=None):
        assert segments == ("alerts",) and action == "alerts" and entries == "alerts"
        self.queries.append(dict(query))
        return FakeResponse(self.pages.pop(0))


# An alert as GET /v7/alerts lists one (thousandeyes-sdk-alerts models/alert.py, Alert, and AlertLinks).
ALERT = {
    "id": "f8bfe155-565c-4f6a-b987-b50742127266", "alertType": "http-server", "startDate": "2026-11-26T04:00:00Z",
    "alertState": "trigger", "alertSeverity": "major", "alertRuleId": "344753", "violationCount": 2, "suppressed": False,
    "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/281474976710706"},
               "appLink": {"href": "https://app.thousandeyes.com/alerts/list/?alertId=f8bfe155"}},
}


def test_an_alert_in_the_module_shape():
    alert = normalize_alert(ALERT, {"281474976710706": "Payments API"})
    assert alert == dict(
        alert_id=ALERT["id"], type="http-server", severity="major", state="active", started="2026-11-26T04:00:00Z", ended=None,
        rule_id="344753", test_id="281474976710706", test_name="Payments API",
        app_link="https://app.thousandeyes.com/alerts/list/?alertId=f8bfe155", violation_count=2, suppressed=False,
        snapshot_supported=True, no_snapshot_reason=None, raw=ALERT)


def test_legacy_fields_are_read_when_the_new_ones_are_missing():
    legacy = {"alertId": "77", "alertType": "page-load", "dateStart": "2026-11-26 04:00:00", "state": "CLEARED", "severity": "CRITICAL",
              "ruleId": 12, "permalink": "https://app.thousandeyes.com/alerts/list/?__a=1&alertId=77"}
    alert = normalize_alert(legacy, {})
    assert (alert["alert_id"], alert["severity"], alert["state"], alert["rule_id"], alert["started"]) == (
        "77", "critical", "cleared", "12", "2026-11-26T04:00:00Z")
    assert alert["app_link"].endswith("alertId=77")


def test_an_agent_alert_has_no_test_and_says_why():
    alert = normalize_alert({"id": "a", "alertType": "agent", "_links": {}}, {})
    assert alert["test_id"] is None and alert["snapshot_supported"] is False
    assert "agent" in alert["no_snapshot_reason"]


def test_an_alert_of_a_test_type_without_a_test_link_cannot_be_snapshot():
    alert = normalize_alert({"id": "b", "alertType": "http-server"}, {})
    assert alert["snapshot_supported"] is False and "names no test" in alert["no_snapshot_reason"]


def test_an_endpoint_alert_is_not_snapshot_even_with_a_test_link():
    alert = normalize_alert(dict(ALERT, alertType="endpoint-http-server"), {})
    assert alert["test_id"] == "281474976710706" and alert["snapshot_supported"] is False


@pytest.mark.parametrize("href, expected", [
    ("https://api.thousandeyes.com/v7/tests/281474976710706", "281474976710706"),
    ("https://api.thousandeyes.com/v7/tests/http-server/281474976710706/", "281474976710706"),
    ("https://api.thousandeyes.com/v7/tests/281474976710706?aid=1234", "281474976710706"),
    ("https://api.thousandeyes.com/v7/tests/abc", None),
    ("", None),
])
def test_the_test_id_is_the_last_segment_of_the_test_link(href, expected):
    assert alert_test_id({"_links": {"test": {"href": href}}}) == expected


def test_pages_are_followed_by_cursor_only_to_the_same_api():
    client = FakeClient(
        {"alerts": [ALERT], "_links": {"next": {"href": "https://elsewhere.example/v7/alerts?state=trigger&cursor=c2"}}},
        {"alerts": [dict(ALERT, id="second")], "_links": {"self": {"href": "x"}}},
    )
    alerts, pages = list_alerts(client, {"state": "trigger", "aid": "1234"})
    assert [alert["id"] for alert in alerts] == [ALERT["id"], "second"] and pages == 2
    assert client.queries == [{"state": "trigger", "aid": "1234"}, {"state": "trigger", "aid": "1234", "cursor": "c2"}]


def test_a_repeated_cursor_stops_instead_of_looping():
    page = {"alerts": [], "_links": {"next": {"href": "https://api.example/v7/alerts?cursor=same"}}}
    with pytest.raises(ThousandEyesAPIError, match="kept sending more pages"):
        list_alerts(FakeClient(page, page, page), {})


def test_an_answer_without_the_alerts_list_fails():
    with pytest.raises(ThousandEyesAPIError, match="without the 'alerts' list"):
        list_alerts(FakeClient({"alerts": "nope"}), {})


def test_a_next_link_without_a_cursor_fails():
    with pytest.raises(ThousandEyesAPIError, match="without a cursor"):
        next_cursor({"_links": {"next": {"href": "https://api.example/v7/alerts?page=2"}}})
    assert next_cursor({"_links": {}}) is None


# ------------------------------------------------------------------------------- hostile or broken alerts (issue 23)
@pytest.mark.parametrize("links, words", [
    (None, "the alert names no test (no _links.test)"),
    ({"test": None}, "the alert names no test (no _links.test)"),
    ({"test": {"href": 7}}, "the alert's _links.test has no usable href"),
    ({"test": "https://api.thousandeyes.com/v7/tests/1"}, "the alert's _links.test has no usable href"),
    ({"test": {"href": u"https://x/v7/tests/abc\n\x1b[2J"}}, u"the alert's _links.test (https://x/v7/tests/abc\\n\\x1b[2J) does not end with a test ID"),
])
def test_a_test_link_that_is_there_but_unusable_is_not_called_missing(links, words):
    entry = {"id": "a", "alertType": "http-server"}
    if links is not None:
        entry["_links"] = links
    alert = normalize_alert(entry, {})
    assert alert["snapshot_supported"] is False and alert["no_snapshot_reason"] == words


@pytest.mark.parametrize("value, started", [
    ("2026-11-26T04:00:00Z", "2026-11-26T04:00:00Z"),
    ("2026-11-26T05:00:00+02:00", "2026-11-26T03:00:00Z"),
    ("2026-11-26T04:00:00.123456789Z", "2026-11-26T04:00:00Z"),
    ("1795680000", "2026-11-26T08:00:00Z"),
    ("253402300800000", None),
    ("99999999999999999999", None),
    ("0001-01-01T00:00:00Z", None),
    ("soon", None),
    ({"nested": 1}, None),
])
def test_started_is_a_checked_moment_in_utc_or_null(value, started):
    assert normalize_alert({"id": "a", "startDate": value}, {})["started"] == started
