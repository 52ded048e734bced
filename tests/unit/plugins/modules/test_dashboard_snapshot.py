# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The dashboard_snapshot and dashboard_snapshot_info modules end to end, with the network replaced by the `http`
# fixture (tests/unit/conftest.py). Answers are shaped after the official v7 spec (thousandeyes/thousandeyes-cli
# api/thousandeyes.yaml, tags "Dashboards" and "Dashboard Snapshots").

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timezone

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils import _dashboard_snapshot_module
from ansible_collections.cisco.thousandeyes.plugins.modules import dashboard_snapshot, dashboard_snapshot_info

TOKEN = "s3cr3t-T0ken-value"
NOW = datetime(2026, 11, 26, 8, 30, 15, tzinfo=timezone.utc)
API = "https://api.thousandeyes.com/v7"
DASHBOARD = "646f4d2ce3c99b0536c3821e"
SNAPSHOT_ID = "d28bb71f-5a47-4783-8f12-d4b115e61b0c"
DASHBOARDS = [{"dashboardId": DASHBOARD, "title": "Production Overview", "isBuiltIn": False},
              {"dashboardId": "646f4d2ce3c99b0536c3821f", "title": "Payments", "isBuiltIn": False}]
EXISTING = {
    "snapshotId": SNAPSHOT_ID, "snapshotName": "INC-1", "snapshotCreatedDate": "2026-11-20T08:00:00Z",
    "dashboard": {"dashboardId": DASHBOARD, "title": "Production Overview"},
    "timeSpan": {"start": "2026-11-20T02:00:00Z", "duration": 21600}, "snapshotExpirationDate": "2027-11-20T08:00:00Z",
    "_links": {"appLink": {"href": "https://app.thousandeyes.com/dashboard/?snapshotId=" + SNAPSHOT_ID}},
}
CREATE_BODY = {"dashboardId": DASHBOARD, "displayName": "INC-1", "startDate": "2026-11-26T02:30:00Z", "endDate": "2026-11-26T08:30:00Z",
               "anonymizeData": False}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(_dashboard_snapshot_module, "utc_now", lambda: NOW)


@pytest.fixture
def run(run_module):
    def run_it(check_mode=False, diff=False, **args):
        settings = dict(token=TOKEN, dashboard_id=DASHBOARD, display_name="INC-1", hours=6)
        settings.update(args)
        settings = dict((key, value) for key, value in settings.items() if value is not None)
        settings.update(_ansible_check_mode=check_mode, _ansible_diff=diff)
        return run_module(dashboard_snapshot.main, settings)

    return run_it


def page(*snapshots):
    return {"dashboardSnapshots": list(snapshots), "_links": {"self": {"href": API + "/dashboard-snapshots"}}}


def calls(http):
    return [(call["method"], call["url"], call["json"]) for call in http.calls]


def test_creates_when_the_dashboard_has_no_snapshot_of_that_name(run, http, make_response):
    other = dict(EXISTING, snapshotName="INC-0", snapshotId="other")
    http.answer(make_response(200, page(other)), make_response(201, {"snapshotId": SNAPSHOT_ID}, {"X-Dashboard-Snapshot-Rate-Limit-Remaining": "99"}),
                make_response(200, dict(EXISTING, snapshotCreatedDate="2026-11-26T08:30:16Z",
                                        timeSpan={"start": "2026-11-26T02:30:00Z", "duration": 21600})))
    result = run(diff=True).result
    assert calls(http) == [("GET", API + "/dashboard-snapshots?dashboardId=" + DASHBOARD, None),
                           ("POST", API + "/dashboard-snapshots", CREATE_BODY),
                           ("GET", API + "/dashboard-snapshots/" + SNAPSHOT_ID, None)]
    assert result["changed"] is True
    snapshot = result["dashboard_snapshot"]
    assert (snapshot["id"], snapshot["start"], snapshot["end"]) == (SNAPSHOT_ID, "2026-11-26T02:30:00Z", "2026-11-26T08:30:00Z")
    assert snapshot["app_link"].endswith(SNAPSHOT_ID)
    assert result["ansible_facts"] == {"thousandeyes_dashboard_snapshot": snapshot}
    assert result["diff"]["before"] == {} and result["diff"]["after"]["display_name"] == "INC-1"
    assert result["rate_limit_waited"] == 0


def test_check_mode_reads_but_sends_no_post(run, http, make_response):
    http.answer(make_response(200, DASHBOARDS), make_response(200, page()))
    result = run(check_mode=True, dashboard_id=None, dashboard_name="Production Overview", expires="2y").result
    assert [call[0] for call in calls(http)] == ["GET", "GET"]
    assert result["changed"] is True and result["dashboard_snapshot"]["id"] is None
    assert result["request"]["body"]["expirationDate"] == "2028-11-26T08:30:15Z"
    assert "ansible_facts" not in result


def test_the_same_name_is_unchanged_whatever_the_window(run, http, make_response):
    http.answer(make_response(200, page(EXISTING)))
    result = run(hours=2, diff=True).result
    assert [call[0] for call in calls(http)] == ["GET"]
    assert result["changed"] is False
    assert result["dashboard_snapshot"]["expires"] == "2027-11-20T08:00:00Z"
    assert result["diff"]["before"] == result["diff"]["after"]


def test_a_relative_expiry_counts_from_creation_so_it_is_stable(run, http, make_response):
    http.answer(make_response(200, page(EXISTING)))
    assert run(expires="1y").result["changed"] is False


def test_a_relative_expiry_stamped_seconds_before_creation_is_unchanged(run, http, make_response):
    # Created by this module: the expiry was counted from its clock before the POST, the API stamped creation after it.
    http.answer(make_response(200, page(dict(EXISTING, snapshotExpirationDate="2027-11-20T07:59:58Z"))))
    result = run(expires="1y", diff=True).result
    assert [call[0] for call in calls(http)] == ["GET"]
    assert result["changed"] is False and result["diff"]["before"] == result["diff"]["after"]


def test_a_relative_expiry_hours_away_is_patched_to_creation_plus_the_length(run, http, make_response):
    http.answer(make_response(200, page(dict(EXISTING, snapshotExpirationDate="2027-11-20T06:00:00Z"))), make_response(204))
    result = run(expires="1y").result
    assert calls(http)[1] == ("PATCH", API + "/dashboard-snapshots/" + SNAPSHOT_ID, {"snapshotExpirationDate": "2027-11-20T08:00:00Z"})
    assert result["changed"] is True


def test_another_expiry_is_patched(run, http, make_response):
    http.answer(make_response(200, page(EXISTING)), make_response(204))
    result = run(expires="2027-06-30", diff=True).result
    assert calls(http)[1] == ("PATCH", API + "/dashboard-snapshots/" + SNAPSHOT_ID, {"snapshotExpirationDate": "2027-06-30T00:00:00Z"})
    assert result["changed"] is True
    assert (result["diff"]["before"]["expires"], result["diff"]["after"]["expires"]) == ("2027-11-20T08:00:00Z", "2027-06-30T00:00:00Z")
    assert result["dashboard_snapshot"]["expires"] == "2027-06-30T00:00:00Z"


def test_another_expiry_in_check_mode_sends_no_patch(run, http, make_response):
    http.answer(make_response(200, page(EXISTING)))
    result = run(expires="2027-06-30", check_mode=True).result
    assert [call[0] for call in calls(http)] == ["GET"]
    assert result["changed"] is True and result["request"]["method"] == "PATCH"


def test_two_snapshots_of_the_name_fail_listing_them(run, http, make_response):
    http.answer(make_response(200, page(EXISTING, dict(EXISTING, snapshotId="second"))))
    result = run().result
    assert result["failed"] and SNAPSHOT_ID in result["msg"] and "second" in result["msg"]


def test_the_dashboard_snapshot_quota_is_waited_out_and_said(run, http, make_response, monkeypatch):
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    quota = {"X-Dashboard-Snapshot-Rate-Limit-Limit": "100", "X-Dashboard-Snapshot-Rate-Limit-Remaining": "0",
             "X-Dashboard-Snapshot-Rate-Limit-Reset": "12"}
    http.answer(make_response(200, page()), make_response(429, {"title": "Exhausted rate limit"}, quota),
                make_response(201, {"snapshotId": SNAPSHOT_ID}), make_response(200, EXISTING))
    outcome = run()
    assert [call[0] for call in calls(http)] == ["GET", "POST", "POST", "GET"]
    assert outcome.result["rate_limit_waited"] == 12.5
    assert any("100 per organisation per hour" in warning for warning in outcome.warnings)


def test_a_post_that_fails_is_never_repeated(run, http, make_response):
    http.answer(make_response(200, page()), make_response(503, "busy"))
    result = run().result
    assert [call[0] for call in calls(http)] == ["GET", "POST"]
    assert result["failed"] and result["snapshot_may_exist"] is True and result["changed"] is True


def test_a_refused_post_changed_nothing(run, http, make_response):
    http.answer(make_response(200, page()), make_response(400, {"title": "Request validation failed", "status": 400}))
    result = run().result
    assert result["failed"] and result["changed"] is False and result["snapshot_may_exist"] is False


def test_absent_by_id_deletes_then_is_unchanged(run, http, make_response):
    http.answer(make_response(200, EXISTING), make_response(204))
    result = run(state="absent", snapshot_id=SNAPSHOT_ID, dashboard_id=None, display_name=None, hours=None, diff=True).result
    assert calls(http)[1] == ("DELETE", API + "/dashboard-snapshots/" + SNAPSHOT_ID, None)
    assert result["changed"] is True and result["deleted"] == [SNAPSHOT_ID]
    assert result["diff"]["after"] == [] and result["diff"]["before"][0]["id"] == SNAPSHOT_ID
    http.answer(make_response(404, {"title": "Not Found", "status": 404}))
    again = run(state="absent", snapshot_id=SNAPSHOT_ID, dashboard_id=None, display_name=None, hours=None).result
    assert again["changed"] is False and again["deleted"] == []


def test_absent_by_name_in_check_mode_deletes_nothing(run, http, make_response):
    http.answer(make_response(200, page(EXISTING)))
    result = run(state="absent", hours=None, check_mode=True).result
    assert [call[0] for call in calls(http)] == ["GET"]
    assert result["changed"] is True and result["deleted"] == [SNAPSHOT_ID]


@pytest.mark.parametrize("args, words", [
    ({"api_version": "v6"}, "API v7 only"),
    ({"display_name": None}, "display_name is required"),
    ({"dashboard_id": None}, "dashboard_id or option dashboard_name"),
    ({"dashboard_name": "Production Overview"}, "mutually exclusive"),
    ({"dashboard_id": "../x"}, "Option dashboard_id"),
    ({"expires": "6y"}, "more than 5 years"),
    ({"expires": "soon"}, "Option expires"),
    ({"timezone": "U\nTC"}, "Option timezone"),
    ({"snapshot_id": SNAPSHOT_ID}, "state=absent only"),
    ({"state": "absent", "display_name": None}, "snapshot_id"),
    ({"hours": 0}, "Option hours"),
])
def test_bad_input_fails_before_any_request(run, http, args, words):
    result = run(**args).result
    assert result["failed"] and words in result["msg"]
    assert http.calls == []


def test_info_lists_dashboards_and_every_page_with_filters(run_module, http, make_response):
    expired = dict(EXISTING, snapshotId="old", snapshotName="Old", snapshotExpirationDate="2026-01-01T00:00:00Z")
    first = dict(page(EXISTING), _links={"next": {"href": API + "/dashboard-snapshots?dashboardId=" + DASHBOARD + "&cursor=Yw%3D%3D"}})
    http.answer(make_response(200, DASHBOARDS), make_response(200, first), make_response(200, page(expired)))
    result = run_module(dashboard_snapshot_info.main, dict(token=TOKEN, dashboard_name="Production Overview", expired=False)).result
    listed = API + "/dashboard-snapshots?dashboardId=" + DASHBOARD
    assert [call["url"] for call in http.calls] == [API + "/dashboards", listed, listed + "&cursor=Yw%3D%3D"]
    assert [item["title"] for item in result["dashboards"]] == ["Production Overview", "Payments"]
    assert [item["id"] for item in result["dashboard_snapshots"]] == [SNAPSHOT_ID]
    assert result["changed"] is False


def test_info_refuses_v6(run_module, http):
    result = run_module(dashboard_snapshot_info.main, dict(token=TOKEN, api_version="v6")).result
    assert result["failed"] and "API v7 only" in result["msg"] and http.calls == []
