# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The snapshot module end to end, with the network replaced by the `http` fixture (tests/unit/conftest.py):
# real AnsibleModule argument handling, real requests sessions, canned API answers.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json
from datetime import datetime, timedelta, timezone

import pytest
import requests

from ansible_collections.cisco.thousandeyes.plugins.module_utils import _client
from ansible_collections.cisco.thousandeyes.plugins.module_utils import _snapshot_module
from ansible_collections.cisco.thousandeyes.plugins.modules import snapshot

TOKEN = "s3cr3t-T0ken-value"
BASIC = base64.b64encode(("noc@example.com:" + TOKEN).encode("utf-8")).decode("ascii")
TEST_ID = "281474976710706"
NOW = datetime(2026, 11, 26, 8, 30, 15, tzinfo=timezone.utc)
API = "https://api.thousandeyes.com"
V7_URL = API + "/v7/tests/281474976710706/snapshot"
V7_BODY = {
    "displayName": "Test 281474976710706, 2026-11-26 04:30 to 08:30 UTC",
    "startDate": "2026-11-26T04:30:00Z",
    "endDate": "2026-11-26T08:30:00Z",
    "isPublic": True,
}
V7_CREATED = {
    "id": "wdiac",
    "displayName": "Test 281474976710706, 2026-11-26 04:30 to 08:30 UTC",
    "shareDate": "2026-11-26T08:30:16Z",
    "sourceTestId": TEST_ID,
    "testId": "281474976710801",
    "test": {"testId": "281474976710801", "savedEvent": False, "liveShare": True},
    "_links": {"appLink": {"href": "https://app.thousandeyes.com/view/tests/?testId=281474976710801"}},
}
V7_TESTS = {"tests": [
    {"testId": "281474976719999", "testName": "Checkout API", "savedEvent": True, "liveShare": False},
    {"testId": TEST_ID, "testName": "Checkout API", "savedEvent": False, "liveShare": False},
    {"testId": "281474976710707", "testName": "Payments API", "savedEvent": False, "liveShare": False},
]}
V6_CREATED = {"link": {
    "displayName": "Test 817, 2026-11-22 08:30 to 2026-11-26 08:30 UTC", "linkId": "abcdef", "shareDate": "2026-11-26 08:30:16",
    "sourceTestId": 817, "testId": 902, "uid": 1, "viewUrl": "https://abcdef.share.thousandeyes.com/view/tests/",
}, "test": []}
PROBLEM_403 = {"type": "about:blank", "title": "Forbidden", "status": 403, "detail": "Public snapshots are disabled in this region."}


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(_snapshot_module, "utc_now", lambda: NOW)


@pytest.fixture
def run(run_module):
    def run_snapshot(**args):
        settings = dict(token=TOKEN, test_id=TEST_ID, hours=4, public=True)
        settings.update(args)
        return run_module(snapshot.main, dict((key, value) for key, value in settings.items() if value is not DROP))

    return run_snapshot


class Drop(object):
    """Marks an option left out of the module args (a stable repr keeps test IDs equal across pytest-xdist workers)."""

    def __repr__(self):
        return "DROP"


DROP = Drop()


def planned(**changes):
    values = {
        "id": None, "display_name": V7_BODY["displayName"], "public": True, "share_url": None, "app_url": None, "test_id": None,
        "source_test_id": TEST_ID, "start": "2026-11-26T04:30:00Z", "end": "2026-11-26T08:30:00Z", "share_date": None,
        "expires": None, "api_version": "v7", "response": None,
    }
    values.update(changes)
    return values


# ------------------------------------------------------------------------------------------------ creating

def test_v7_creates_a_public_snapshot_by_test_id(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    result = run().result
    assert [(call["method"], call["url"], call["json"]) for call in http.calls] == [("POST", V7_URL, V7_BODY)]
    # What is left of the call's 30 s budget when the request goes out.
    assert 25 < http.calls[0]["timeout"] <= 30
    assert http.calls[0]["headers"]["Authorization"] == "Bearer " + TOKEN
    assert http.calls[0]["verify"] is True
    assert result["changed"] is True
    assert not result.get("failed")
    assert result["request"] == {"method": "POST", "url": V7_URL, "body": V7_BODY}
    assert result["snapshot"] == planned(
        id="wdiac", share_url="https://wdiac.share.thousandeyes.com/", app_url="https://app.thousandeyes.com/view/tests/?testId=281474976710801",
        test_id="281474976710801", share_date="2026-11-26T08:30:16Z", expires="2026-12-26T08:30:16Z", response=V7_CREATED)
    assert result["ansible_facts"] == {"thousandeyes_snapshot": result["snapshot"]}


def test_the_account_group_and_display_name_are_sent(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    result = run(aid="1234", display_name="Checkout outage", public=False).result
    body = dict(V7_BODY, displayName="Checkout outage", isPublic=False)
    assert [(call["url"], call["json"]) for call in http.calls] == [(V7_URL + "?aid=1234", body)]
    assert result["request"] == {"method": "POST", "url": V7_URL + "?aid=1234", "body": body}


def test_v6_creates_a_snapshot_with_basic_auth_and_96_hours(run, http, make_response):
    http.answer(make_response(201, V6_CREATED))
    result = run(api_version="v6", username="noc@example.com", test_id="817", hours=96).result
    body = {"testId": 817, "displayName": "Test 817, 2026-11-22 08:30 to 2026-11-26 08:30 UTC",
            "from": "2026-11-22 08:30:00", "to": "2026-11-26 08:30:00", "isPublic": 1}
    assert [(call["method"], call["url"], call["json"]) for call in http.calls] == [("POST", API + "/v6/snapshot.json", body)]
    assert http.calls[0]["headers"]["Authorization"] == "Basic " + BASIC
    assert result["changed"] is True
    assert result["snapshot"]["share_url"] == "https://abcdef.share.thousandeyes.com/view/tests/"
    assert (result["snapshot"]["id"], result["snapshot"]["test_id"], result["snapshot"]["source_test_id"]) == ("abcdef", "902", "817")
    assert (result["snapshot"]["api_version"], result["snapshot"]["app_url"]) == ("v6", None)
    assert result["ansible_facts"]["thousandeyes_snapshot"] == result["snapshot"]


def test_an_html_escaped_test_name_finds_its_test_and_says_so(run, http, make_response):
    # A webhook template's {{alert.test.name}} may arrive HTML-escaped (/work/shared/reference/thousandeyes-alerts.md).
    tests = {"tests": [{"testId": TEST_ID, "testName": "Checkout & Payments", "savedEvent": False, "liveShare": False}]}
    http.answer(make_response(200, tests), make_response(201, V7_CREATED))
    outcome = run(test_id=DROP, test_name="Checkout &amp; Payments")
    assert outcome.result["snapshot"]["source_test_id"] == TEST_ID
    assert http.calls[1]["json"]["displayName"].startswith("Checkout & Payments, ")
    assert ("Option test_name: no test is named 'Checkout &amp; Payments'; used test %s named 'Checkout & Payments', the name with "
            "its HTML entities decoded (a webhook template may HTML-escape the names it sends)." % TEST_ID) in outcome.warnings


def test_a_test_name_is_looked_up_once_then_snapshotted(run, http, make_response):
    http.answer(make_response(200, V7_TESTS), make_response(201, V7_CREATED))
    result = run(test_id=DROP, test_name="Checkout API", aid="1234").result
    body = dict(V7_BODY, displayName="Checkout API, 2026-11-26 04:30 to 08:30 UTC")
    assert [(call["method"], call["url"], call["json"]) for call in http.calls] == [
        ("GET", API + "/v7/tests?aid=1234", None),
        ("POST", V7_URL + "?aid=1234", body),
    ]
    assert result["snapshot"]["source_test_id"] == TEST_ID


def test_a_private_snapshot_asked_for_but_created_public_fails_giving_the_link_to_remove(run, http, make_response):
    created = dict(V7_CREATED, test={"savedEvent": False})
    http.answer(make_response(201, created))
    run_result = run(public=False)
    result = run_result.result
    assert run_result.exit_code == 1 and result["failed"] is True
    assert result["msg"].startswith("Asked for a private snapshot (public=false) but the API created a PUBLIC share link: id wdiac, "
                                    "https://wdiac.share.thousandeyes.com/")
    assert (result["changed"], result["public_link_exposed"]) == (True, True)
    assert result["snapshot"]["public"] is True and result["snapshot"]["share_url"] == "https://wdiac.share.thousandeyes.com/"
    assert "ansible_facts" not in result and "exception" not in result


def test_a_public_snapshot_asked_for_but_created_private_warns_and_has_no_link(run, http, make_response):
    http.answer(make_response(201, dict(V7_CREATED, test={"savedEvent": True})))
    run_result = run()
    assert (run_result.result["snapshot"]["public"], run_result.result["snapshot"]["share_url"]) == (False, None)
    assert [warning for warning in run_result.warnings if warning.startswith("Asked for a public snapshot but the API created a private one")]


# ------------------------------------------------------------------------------------ check mode, diff

def test_check_mode_checks_the_test_with_one_get_sends_no_post_and_leaves_the_fact_alone(run, http, make_response):
    http.answer(make_response(200, V7_TESTS))
    result = run(_ansible_check_mode=True).result
    assert [(call["method"], call["url"]) for call in http.calls] == [("GET", API + "/v7/tests")]
    assert result["changed"] is True
    assert result["snapshot"] == planned()
    # The fact keeps the last real run's link (in the play and in the fact cache).
    assert "ansible_facts" not in result
    assert result["request"] == {"method": "POST", "url": V7_URL, "body": V7_BODY}


def test_check_mode_still_looks_the_test_name_up(run, http, make_response):
    http.answer(make_response(200, V7_TESTS))
    result = run(test_id=DROP, test_name="Checkout API", _ansible_check_mode=True).result
    assert [(call["method"], call["url"]) for call in http.calls] == [("GET", API + "/v7/tests")]
    assert result["snapshot"] == planned(display_name="Checkout API, 2026-11-26 04:30 to 08:30 UTC")


@pytest.mark.parametrize("check_mode", [True, False])
def test_diff_shows_nothing_before_and_the_planned_snapshot_after(run, http, make_response, check_mode):
    http.answer(make_response(200, V7_TESTS) if check_mode else make_response(201, V7_CREATED))
    result = run(_ansible_check_mode=check_mode, _ansible_diff=True).result
    expected = planned()
    del expected["response"]
    assert result["diff"] == {"before": {}, "after": expected}
    assert [call["method"] for call in http.calls] == (["GET"] if check_mode else ["POST"])


def test_without_diff_mode_there_is_no_diff(run, http, make_response):
    http.answer(make_response(200, V7_TESTS))
    assert "diff" not in run(_ansible_check_mode=True).result
    assert [call["method"] for call in http.calls] == ["GET"]


# ------------------------------------------------------------------------------------ invalid input

@pytest.mark.parametrize("args, message", [
    pytest.param({"test_id": "12ab"}, "Option test_id must be digits only, at most 20, such as '281474976710706'; got '12ab'.", id="test_id letters"),
    pytest.param({"test_id": "../1"}, "Option test_id must be digits only", id="test_id path"),
    pytest.param({"test_id": "1 "}, "Option test_id must be digits only", id="test_id trailing space"),
    pytest.param({"test_id": ""}, "Give the test: option test_id (digits) or option test_name (its exact name).", id="test_id empty"),
    pytest.param({"test_id": "123\n"}, "Option test_id must be digits only", id="test_id trailing newline"),
    pytest.param({"test_id": "1" * 21}, "Option test_id must be digits only, at most 20", id="test_id too long"),
    pytest.param({"test_name": "Checkout API"}, "Options test_id and test_name are mutually exclusive: give only one of them.",
                 id="test_id and test_name"),
    pytest.param({"test_id": DROP}, "Give the test: option test_id (digits) or option test_name (its exact name).", id="neither test_id nor test_name"),
    pytest.param({"test_id": DROP, "test_name": "Checkout\nAPI"}, "Option test_name contains U+000A LINE FEED at character 9", id="test_name line break"),
    pytest.param({"test_id": DROP, "test_name": "Checkout API", "hours": 3}, "Option hours: 3 is not a window length ThousandEyes API v7 allows",
                 id="bad window before the name lookup"),
    pytest.param({"hours": 96}, "Option hours: 96 is not a window length ThousandEyes API v7 allows", id="96 hours on v7"),
    pytest.param({"hours": DROP, "start": "2026-11-26 04:00:00"}, "Only start is set", id="start alone"),
    pytest.param({"hours": DROP}, "Give the snapshot window", id="no window"),
    pytest.param({"hours": 1, "end": "2026-11-26 08:31:00"}, "Option end: the window ends at 2026-11-26 08:31:00 UTC, which is in the future",
                 id="end in the future"),
    pytest.param({"hours": DROP, "from": "2026-11-26 05:00:00", "to": "2026-11-26 08:00:00"}, "Options start/end: the window", id="3 hour window by from/to"),
    pytest.param({"hours": DROP, "start_date": "yesterday", "end_date": "now"}, "Option start: 'yesterday' is not a time", id="unknown time format"),
    pytest.param({"display_name": "Checkout\noutage"}, "Option display_name contains U+000A LINE FEED at character 9", id="display_name line break"),
    pytest.param({"display_name": "x" * 256}, "Option display_name is 256 characters long; at most 255 are allowed.", id="display_name too long"),
    pytest.param({"display_name": "  "}, "Option display_name is empty.", id="display_name blank"),
    pytest.param({"username": "noc@example.com"}, "Option username is for v6 basic authentication only", id="username with v7"),
    pytest.param({"aid": "12a"}, "Option account_group_id (aid) must be digits only", id="aid not digits"),
    pytest.param({"token": "Bearer " + TOKEN}, "Option token contains spaces or control characters", id="token with Bearer"),
    pytest.param({"api_version": "v8"}, "value of api_version must be one of: v7, v6, got: v8", id="unknown api_version"),
    pytest.param({"rate_limit_wait": -1}, "Option rate_limit_wait must be 0 or more seconds", id="negative rate_limit_wait"),
])
def test_invalid_input_fails_before_any_request(run, http, args, message):
    module_run = run(**args)
    assert module_run.exit_code == 1
    assert module_run.result["failed"] is True
    assert message in module_run.result["msg"]
    assert http.calls == []
    assert TOKEN not in module_run.shown


def test_the_display_name_may_be_255_characters(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    assert run(display_name="x" * 255).exit_code == 0
    assert http.calls[0]["json"]["displayName"] == "x" * 255


@pytest.mark.parametrize("args, option", [
    ({"hours": 3}, "hours"),
    ({"hours": 1, "end": "2026-11-26 09:00:00"}, "end"),
    ({"hours": DROP, "start": "2026-11-26 08:00:00", "end": "2026-11-26 04:00:00"}, "start"),
])
def test_a_window_failure_names_its_option_in_the_result(run, http, args, option):
    module_run = run(**args)
    assert (module_run.exit_code, module_run.result["option"]) == (1, option)
    assert http.calls == []


# --------------------------------------------------------------------------------------- API failures

def test_a_403_fails_with_msg_status_and_the_api_error_and_no_traceback(run, http, make_response):
    http.answer(make_response(403, PROBLEM_403, headers={"Content-Type": "application/problem+json"}))
    module_run = run()
    result = module_run.result
    assert module_run.exit_code == 1
    assert result["failed"] is True
    assert result["msg"].startswith("ThousandEyes API answered HTTP 403: Forbidden; Public snapshots are disabled in this region.")
    assert "'Create snapshot shares' permission" in result["msg"] and "try public=false" in result["msg"]
    assert result["status"] == 403
    assert (result["error"]["title"], result["error"]["detail"]) == ("Forbidden", "Public snapshots are disabled in this region.")
    assert result["error"]["body"] == PROBLEM_403
    assert (result["changed"], result["outcome_unknown"], result["snapshot_may_exist"]) == (False, False, False)
    assert result["url"] == V7_URL
    assert result["request"] == {"method": "POST", "url": V7_URL, "body": V7_BODY}
    assert "exception" not in result and "Traceback" not in module_run.stdout
    assert "snapshot" not in result and "ansible_facts" not in result
    assert len(http.calls) == 1


def test_a_400_lists_the_fields_the_api_rejected(run, http, make_response):
    body = {"title": "Request validation failed", "detail": "Invalid fields", "status": 400,
            "errors": [{"code": "INVALID", "field": "endDate", "message": "must be in the past"}]}
    http.answer(make_response(400, body))
    result = run().result
    assert result["status"] == 400
    assert result["error"]["errors"] == [{"code": "INVALID", "field": "endDate", "message": "must be in the past"}]
    assert "endDate: must be in the past" in result["msg"]


@pytest.mark.parametrize("failure", [
    lambda make_response: make_response(500, {"title": "Internal Server Error"}),
    lambda make_response: make_response(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"),
    lambda make_response: requests.exceptions.ReadTimeout("Read timed out. (read timeout=30)"),
], ids=["500", "502", "read timeout"])
def test_a_post_whose_outcome_is_unknown_fails_saying_the_snapshot_may_exist(run, http, make_response, failure):
    http.answer(failure(make_response))
    result = run().result
    assert result["failed"] is True
    assert "may or may not have taken effect" in result["msg"]
    assert (result["changed"], result["outcome_unknown"], result["snapshot_may_exist"]) == (True, True, True)
    assert "exception" not in result
    assert len(http.calls) == 1


def test_a_401_on_the_name_lookup_fails_at_once_and_sends_no_snapshot(run, http, make_response):
    http.answer(make_response(401, {"error": "invalid_token", "error_description": "Invalid access token"}))
    result = run(test_id=DROP, test_name="Checkout API").result
    assert result["status"] == 401
    assert result["msg"].startswith("ThousandEyes API answered HTTP 401: invalid_token; Invalid access token. Check the API token")
    assert (result["error"]["title"], result["error"]["detail"]) == ("invalid_token", "Invalid access token")
    assert "exception" not in result
    assert len(http.calls) == 1


def test_an_unknown_test_name_fails_suggesting_close_names_and_sends_no_snapshot(run, http, make_response):
    http.answer(make_response(200, V7_TESTS))
    result = run(test_id=DROP, test_name="Checkout").result
    assert result["msg"].startswith("Option test_name: no test named 'Checkout' in this account group (2 tests searched); closest names: ")
    assert "'Checkout API'" in result["msg"]
    assert result["option"] == "test_name"
    assert [call["method"] for call in http.calls] == ["GET"]


def test_rate_limit_wait_0_fails_on_a_429_without_waiting(run, http, make_response):
    http.answer(make_response(429, {"title": "Too Many Requests"}, headers={"Retry-After": "120"}))
    result = run(rate_limit_wait=0).result
    assert result["status"] == 429
    assert "rate_limit_wait=0s" in result["msg"]
    assert (result["changed"], result["outcome_unknown"]) == (False, False)
    assert len(http.calls) == 1


def test_a_rate_limit_wait_is_returned_and_said_in_a_warning(run, http, make_response, monkeypatch):
    slept = []
    monkeypatch.setattr(_client.time, "sleep", slept.append)
    http.answer(make_response(429, {"title": "Too Many Requests"}, headers={"Retry-After": "7"}), make_response(201, V7_CREATED))
    outcome = run()
    assert outcome.result["changed"] is True and outcome.result["snapshot"]["id"] == "wdiac"
    assert slept == [7.0] and outcome.result["rate_limit_waited"] == 7.0
    assert any(warning.startswith("Waited 7s for the ThousandEyes API rate limit (HTTP 429)") for warning in outcome.warnings)


def test_no_rate_limit_wait_is_zero_and_no_warning(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    outcome = run()
    assert outcome.result["rate_limit_waited"] == 0.0
    assert not [warning for warning in outcome.warnings if "rate limit" in warning]


# ---------------------------------------------------------------------------------------- credentials

def test_the_token_is_not_printed_on_success_even_if_the_api_echoes_it(run, http, make_response):
    http.answer(make_response(201, dict(V7_CREATED, extraParams="token=" + TOKEN)))
    module_run = run()
    assert module_run.exit_code == 0
    assert TOKEN not in module_run.shown
    assert module_run.result["snapshot"]["id"] == "wdiac"


def test_the_token_is_not_printed_on_failure_even_if_the_api_echoes_it(run, http, make_response):
    http.answer(make_response(401, {"error": "invalid_token", "error_description": "Token %s is not valid" % TOKEN}))
    module_run = run()
    assert module_run.exit_code == 1
    assert module_run.result["status"] == 401
    assert TOKEN not in module_run.shown


@pytest.mark.parametrize("status, body", [
    (201, dict(V6_CREATED, echo="Authorization: Basic " + BASIC)),
    (401, "<html><body>Unauthorized: Authorization: Basic %s (user noc@example.com, token %s)</body></html>" % (BASIC, TOKEN)),
], ids=["success", "failure"])
def test_basic_auth_credentials_are_not_printed_in_either_form(run, http, make_response, status, body):
    http.answer(make_response(status, body))
    module_run = run(api_version="v6", username="noc@example.com", test_id="817")
    assert module_run.exit_code == (0 if status == 201 else 1)
    assert http.calls[0]["headers"]["Authorization"] == "Basic " + BASIC
    assert TOKEN not in module_run.shown
    assert BASIC not in module_run.shown


# ------------------------------------------------------------------- answers, check mode, field-test findings

@pytest.mark.parametrize("answer", [{}, [], None, "ok", {"id": None}, {"displayName": "x"}], ids=repr)
def test_a_success_answer_without_a_snapshot_fails_saying_one_may_exist(run, http, make_response, answer):
    http.answer(make_response(201, json.dumps(answer), headers={"Content-Type": "application/hal+json"}))
    module_run = run()
    result = module_run.result
    assert module_run.exit_code == 1 and result["failed"] is True
    assert result["msg"].startswith("ThousandEyes API answered HTTP 201 to the snapshot request but the answer has no snapshot id")
    assert "a snapshot may have been created" in result["msg"]
    assert (result["changed"], result["snapshot_may_exist"], result["status"]) == (True, True, 201)
    assert result["response"] == answer
    assert "ansible_facts" not in result and "exception" not in result


def test_a_numeric_snapshot_id_is_returned_as_a_string(run, http, make_response):
    http.answer(make_response(201, dict(V7_CREATED, id=4242)))
    snapshot = run().result["snapshot"]
    assert snapshot["id"] == "4242" and snapshot["share_url"] == "https://4242.share.thousandeyes.com/"


def test_check_mode_by_test_id_fails_on_a_wrong_token(run, http, make_response):
    http.answer(make_response(401, {"error": "invalid_token", "error_description": "Invalid access token"}))
    result = run(_ansible_check_mode=True).result
    assert result["failed"] is True and result["status"] == 401
    assert "Check the API token" in result["msg"]
    assert [call["method"] for call in http.calls] == ["GET"]


@pytest.mark.parametrize("tests, message", [
    ({"tests": []}, "Option test_id: no test with ID 281474976710706 in this account group (0 tests listed)"),
    ({"tests": [{"testId": TEST_ID, "testName": "Checkout incident", "savedEvent": True}]},
     "Option test_id: 281474976710706 is a saved event (private snapshot) in this account group, not a test"),
], ids=["missing", "saved event"])
def test_check_mode_by_test_id_fails_when_the_test_is_not_there(run, http, make_response, tests, message):
    http.answer(make_response(200, tests))
    result = run(_ansible_check_mode=True, aid="5678").result
    assert result["failed"] is True and result["option"] == "test_id"
    assert result["msg"].startswith(message)
    assert [(call["method"], call["url"]) for call in http.calls] == [("GET", API + "/v7/tests?aid=5678")]


def test_check_mode_by_test_id_keeps_the_test_id_label_in_the_default_title(run, http, make_response):
    http.answer(make_response(200, V7_TESTS))
    result = run(_ansible_check_mode=True).result
    assert result["snapshot"]["display_name"] == V7_BODY["displayName"]


def test_a_404_on_the_post_for_a_missing_test_says_so_after_checking_the_tests_list(run, http, make_response):
    http.answer(make_response(404, {"title": "Not Found", "detail": "Test not found in account group 1234."}),
                make_response(200, {"tests": []}))
    result = run(aid="1234").result
    assert result["status"] == 404
    assert "Option test_id: no test with ID 281474976710706 in this account group" in result["msg"]
    assert [call["method"] for call in http.calls] == ["POST", "GET"]
    assert result["snapshot_may_exist"] is False and result["changed"] is False


def test_a_404_on_the_post_from_a_wrong_api_url_prefix_blames_api_url_not_the_test(run, http, make_response):
    page = "<html><body><h1>Not Found</h1></body></html>"
    http.answer(make_response(404, page), make_response(404, page))
    result = run(api_url="https://proxy.example.com/wrong").result
    assert result["status"] == 404
    assert "check api_url" in result["msg"] and "Check test_id" not in result["msg"]


def test_an_empty_test_id_with_a_test_name_means_by_name(run, http, make_response):
    http.answer(make_response(200, V7_TESTS), make_response(201, V7_CREATED))
    result = run(test_id="", test_name="Checkout API").result
    assert not result.get("failed"), result
    assert [call["method"] for call in http.calls] == ["GET", "POST"]


@pytest.mark.parametrize("character, name", [("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"), ("\u200b", "U+200B ZERO WIDTH SPACE"),
                                             ("\u2028", "U+2028 LINE SEPARATOR")])
def test_invisible_characters_in_the_display_name_are_refused(run, http, character, name):
    result = run(display_name="Checkout" + character + "outage").result
    assert result["failed"] is True
    assert result["msg"].startswith("Option display_name contains %s at character 9" % name)
    assert http.calls == []


def test_printable_unicode_in_the_display_name_is_sent_as_is(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    title = "Caf\u00e9 \u00ab{{ x }}\u00bb 100% \"quoted\" \u2014 \u65e5\u672c"
    assert run(display_name=title).exit_code == 0
    assert http.calls[0]["json"]["displayName"] == title


def test_the_default_title_of_a_249_character_test_name_fits_255(run, http, make_response):
    name = "N" * 249
    http.answer(make_response(200, {"tests": [{"testId": TEST_ID, "testName": name}]}), make_response(201, V7_CREATED))
    run(test_id=DROP, test_name=name)
    sent = http.calls[1]["json"]["displayName"]
    assert len(sent) <= 255 and sent.endswith(", 2026-11-26 04:30 to 08:30 UTC")


# ------------------------------------------------------------------- reuse_existing / evidence_key

MARKER = " [te:281474976710706:alert-9f1]"
PRIVATE_TITLE = "Test 281474976710706, 2026-11-26 04:30 to 08:30 UTC" + MARKER


def listing_with(*saved_events):
    """The tests list with saved events (private snapshots) added, as GET /v7/tests lists them."""
    entries = list(V7_TESTS["tests"])
    for test_id, name in saved_events:
        entries.append({"testId": test_id, "testName": name, "savedEvent": True, "liveShare": False, "createdDate": "2026-11-26T07:00:00Z"})
    return {"tests": entries}


def private_created(title):
    return dict(V7_CREATED, displayName=title, test={"testId": "281474976710801", "savedEvent": True})


def test_an_evidence_key_without_an_earlier_snapshot_creates_one_with_the_key_in_its_title(run, http, make_response):
    http.answer(make_response(200, listing_with(("281474976720001", "Other alert [te:281474976710706:alert-9f10]"))),
                make_response(201, private_created(PRIVATE_TITLE)))
    result = run(public=False, evidence_key="alert-9f1", aid="1234").result
    assert [(call["method"], call["url"]) for call in http.calls] == [("GET", API + "/v7/tests?aid=1234"), ("POST", V7_URL + "?aid=1234")]
    assert http.calls[1]["json"] == dict(V7_BODY, displayName=PRIVATE_TITLE, isPublic=False)
    assert result["changed"] is True
    assert result["evidence"] == {"key": "alert-9f1", "marker": MARKER.strip(), "existing": "created", "matches": 0, "matched_by": None}
    assert result["snapshot"]["id"] == "wdiac" and result["snapshot"]["display_name"] == PRIVATE_TITLE


def test_an_earlier_snapshot_of_the_same_evidence_is_returned_unchanged_and_nothing_is_created(run, http, make_response):
    # Another window (a later sweep) and another title: the key in the title is what matches.
    http.answer(make_response(200, listing_with(("281474976720007", "Later title" + MARKER), ("281474976720003", "First" + MARKER))))
    outcome = run(public=False, evidence_key="alert-9f1", hours=2, aid="1234")
    result = outcome.result
    assert [call["method"] for call in http.calls] == ["GET"]
    assert result["changed"] is False
    assert result["evidence"] == {"key": "alert-9f1", "marker": MARKER.strip(), "existing": "found", "matches": 2, "matched_by": "evidence"}
    assert result["snapshot"] == planned(
        public=False, display_name="First" + MARKER, test_id="281474976720003", start=None, end=None, share_date="2026-11-26T07:00:00Z",
        app_url="https://app.thousandeyes.com/view/tests/?testId=281474976720003&__a=1234")
    assert result["ansible_facts"] == {"thousandeyes_snapshot": result["snapshot"]}
    assert result["rate_limit_waited"] == 0.0
    assert result["request"]["method"] == "POST"  # the request a creation would have sent; it was not sent


def test_a_test_name_and_the_search_share_one_tests_list(run, http, make_response):
    title = "Checkout API, 2026-11-26 04:30 to 08:30 UTC" + MARKER
    http.answer(make_response(200, V7_TESTS), make_response(201, private_created(title)))
    result = run(test_id=DROP, test_name="Checkout API", public=False, evidence_key="alert-9f1").result
    assert [call["method"] for call in http.calls] == ["GET", "POST"]
    assert http.calls[1]["json"]["displayName"] == title
    assert result["evidence"]["existing"] == "created"


def test_another_incident_of_the_same_test_is_not_taken_for_the_first(run, http, make_response):
    http.answer(make_response(200, listing_with(("281474976720003", "First" + MARKER))),
                make_response(201, private_created("x [te:281474976710706:alert-777]")))
    result = run(public=False, evidence_key="alert-777").result
    assert [call["method"] for call in http.calls] == ["GET", "POST"]
    assert (result["changed"], result["evidence"]["existing"], result["evidence"]["matches"]) == (True, "created", 0)


@pytest.mark.parametrize("earlier, changed, existing", [(True, False, "found"), (False, True, "would_create")])
def test_check_mode_says_whether_it_would_find_or_create(run, http, make_response, earlier, changed, existing):
    http.answer(make_response(200, listing_with(("281474976720003", "First" + MARKER)) if earlier else V7_TESTS))
    result = run(public=False, evidence_key="alert-9f1", _ansible_check_mode=True, _ansible_diff=True).result
    assert [call["method"] for call in http.calls] == ["GET"]
    assert (result["changed"], result["evidence"]["existing"]) == (changed, existing)
    assert "ansible_facts" not in result
    if earlier:
        assert result["diff"]["before"] == result["diff"]["after"]
        assert result["snapshot"]["test_id"] == "281474976720003"
    else:
        assert result["diff"]["before"] == {} and result["snapshot"]["display_name"] == PRIVATE_TITLE


def test_a_public_link_cannot_be_found_so_it_is_created_and_the_result_says_so(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    outcome = run(public=True, evidence_key="alert-9f1")
    assert [call["method"] for call in http.calls] == ["POST"]
    assert http.calls[0]["json"] == V7_BODY  # no marker: nothing could find it again
    assert outcome.result["changed"] is True
    assert outcome.result["evidence"] == {"key": "alert-9f1", "marker": None, "existing": "not_listable", "matches": None, "matched_by": None}
    assert [warning for warning in outcome.warnings if "public share links cannot be listed" in warning]


def test_reuse_without_a_key_matches_the_whole_title_and_the_test(run, http, make_response):
    title = "Change 42 [te:281474976710706]"
    http.answer(make_response(200, listing_with(("281474976720003", "Change 4 [te:281474976710706]"), ("281474976720004", title))))
    result = run(public=False, reuse_existing=True, display_name="Change 42").result
    assert (result["changed"], result["snapshot"]["test_id"]) == (False, "281474976720004")
    assert result["evidence"] == {"key": None, "marker": "[te:281474976710706]", "existing": "found", "matches": 1, "matched_by": "evidence"}


@pytest.mark.parametrize("args, message", [
    (dict(evidence_key="bad key"), "Option evidence_key must be 1 to 64 characters"),
    (dict(evidence_key="a1", reuse_existing=False), "Option evidence_key finds an earlier snapshot of the same evidence"),
    (dict(evidence_key="a1", coalesce_minutes=1441), "Option coalesce_minutes must be 0 to 1440; got 1441."),
    (dict(coalesce_minutes=15), "Option coalesce_minutes finds recent snapshots of the test only with evidence_key"),
])
def test_bad_reuse_options_fail_before_any_request(run, http, args, message):
    outcome = run(public=False, **args)
    assert outcome.exit_code == 1 and message in outcome.result["msg"]
    assert http.calls == []


def test_v6_finds_an_earlier_private_snapshot_in_its_tests_list_too(run, http, make_response):
    tests = {"test": [{"testId": 817, "testName": "Web", "savedEvent": 0, "liveShare": 0},
                      {"testId": 902, "testName": "Old [te:817:alert-1]", "savedEvent": 1, "liveShare": 0}]}
    http.answer(make_response(200, tests))
    result = run(api_version="v6", username="noc@example.com", test_id="817", public=False, evidence_key="alert-1").result
    assert [(call["method"], call["url"]) for call in http.calls] == [("GET", API + "/v6/tests.json")]
    assert (result["changed"], result["snapshot"]["test_id"], result["snapshot"]["api_version"]) == (False, "902", "v6")


def listing_made_at(*entries):
    """The tests list with saved events made at given times (createdDate)."""
    listing = dict(V7_TESTS)
    listing["tests"] = list(V7_TESTS["tests"]) + [
        {"testId": test_id, "testName": name, "savedEvent": True, "liveShare": False, "createdDate": created}
        for test_id, name, created in entries]
    return listing


def test_coalesce_minutes_reuses_a_recent_snapshot_of_the_same_test_under_another_key(run, http, make_response):
    # NOW is 08:30:15: made 08:20 (10 minutes ago) under another alert's key; an unmarked one and another test's are not taken.
    http.answer(make_response(200, listing_made_at(
        ("281474976720001", "Someone's own title", "2026-11-26T08:25:00Z"),
        ("281474976720002", "Other test [te:281474976710707:alert-x]", "2026-11-26T08:25:00Z"),
        ("281474976720003", "First alert [te:281474976710706:alert-burst-0]", "2026-11-26T08:20:00Z"))))
    result = run(public=False, evidence_key="alert-burst-1", coalesce_minutes=15).result
    assert [call["method"] for call in http.calls] == ["GET"]
    assert (result["changed"], result["snapshot"]["test_id"]) == (False, "281474976720003")
    assert (result["evidence"]["existing"], result["evidence"]["matched_by"], result["evidence"]["matches"]) == ("found", "recent", 0)


@pytest.mark.parametrize("created", ["2026-11-26T08:10:00Z", "not a date"], ids=["older", "undated"])
def test_coalesce_minutes_does_not_take_an_older_or_undated_snapshot(run, http, make_response, created):
    http.answer(make_response(200, listing_made_at(("281474976720003", "First [te:281474976710706:alert-burst-0]", created))),
                make_response(201, private_created("x [te:281474976710706:alert-burst-1]")))
    result = run(public=False, evidence_key="alert-burst-1", coalesce_minutes=15).result
    assert [call["method"] for call in http.calls] == ["GET", "POST"]
    assert (result["changed"], result["evidence"]["existing"], result["evidence"]["matched_by"]) == (True, "created", None)


def test_the_search_does_not_change_which_tests_a_real_run_by_id_can_snapshot(run, http, make_response):
    # A test the list shows as a live share (or does not show) is still asked of the API by ID, as without the search.
    listing = {"tests": [{"testId": TEST_ID, "testName": "Shared CDN", "savedEvent": False, "liveShare": True}]}
    http.answer(make_response(200, listing), make_response(201, private_created(PRIVATE_TITLE)))
    result = run(public=False, evidence_key="alert-9f1").result
    assert [call["method"] for call in http.calls] == ["GET", "POST"]
    assert result["changed"] is True and result["evidence"]["existing"] == "created"


# ------------------------------------------------------------------------------------ windows end at creation

@pytest.fixture
def clock(monkeypatch):
    """The module's clock, moved on by each rate-limit wait (the client's sleep), as a real wait would."""
    moments = [NOW]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        moments.append(moments[-1] + timedelta(seconds=seconds))

    monkeypatch.setattr(_snapshot_module, "utc_now", lambda: moments[-1])
    monkeypatch.setattr(_client.time, "sleep", sleep)
    return slept


def rate_limited(make_response, seconds):
    return make_response(429, {"title": "Too Many Requests"}, headers={"Retry-After": str(seconds)})


def test_since_after_a_rate_limit_wait_ends_the_window_at_creation_still_covering_the_start(run, http, make_response, clock):
    # 04:35 is 3h55 before the planned end (08:30): 4 hours. After a 10-minute wait the end is 08:40, 4h05 after it: 6 hours.
    http.answer(make_response(200, V7_TESTS), rate_limited(make_response, 600), make_response(201, V7_CREATED))
    outcome = run(hours=DROP, since="2026-11-26T04:35:00Z", public=False, evidence_key="alert-9f1", rate_limit_wait=900)
    result = outcome.result
    first, second = http.calls[1]["json"], http.calls[2]["json"]
    assert clock == [600.0]
    assert (first["startDate"], first["endDate"]) == ("2026-11-26T04:30:00Z", "2026-11-26T08:30:00Z")
    assert (second["startDate"], second["endDate"]) == ("2026-11-26T02:40:00Z", "2026-11-26T08:40:00Z")
    # The title's evidence marker is the same, so the next run still finds this snapshot.
    assert first["displayName"].endswith(" [te:%s:alert-9f1]" % TEST_ID)
    assert second["displayName"].endswith(" [te:%s:alert-9f1]" % TEST_ID)
    assert result["request"]["body"] == second
    assert (result["snapshot"]["start"], result["snapshot"]["end"]) == ("2026-11-26T02:40:00Z", "2026-11-26T08:40:00Z")
    assert result["evidence"]["marker"] == "[te:%s:alert-9f1]" % TEST_ID


def test_hours_alone_after_a_rate_limit_wait_ends_at_creation(run, http, make_response, clock):
    http.answer(rate_limited(make_response, 300), make_response(201, V7_CREATED))
    result = run(display_name="Checkout outage").result
    assert [call["json"]["endDate"] for call in http.calls] == ["2026-11-26T08:30:00Z", "2026-11-26T08:35:00Z"]
    assert http.calls[1]["json"]["startDate"] == "2026-11-26T04:35:00Z"
    assert http.calls[1]["json"]["displayName"] == "Checkout outage"
    assert result["snapshot"]["end"] == "2026-11-26T08:35:00Z"


def test_a_window_with_a_given_end_stays_as_given_after_a_rate_limit_wait(run, http, make_response, clock):
    http.answer(rate_limited(make_response, 300), make_response(201, V7_CREATED))
    run(end="2026-11-26 08:00:00")
    assert http.calls[0]["json"] == http.calls[1]["json"]
    assert http.calls[1]["json"]["endDate"] == "2026-11-26T08:00:00Z"


def test_since_without_a_wait_is_the_shortest_window_covering_it(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    result = run(hours=DROP, since="2026-11-26 07:45:00", end="now").result
    assert (http.calls[0]["json"]["startDate"], http.calls[0]["json"]["endDate"]) == ("2026-11-26T07:30:00Z", "2026-11-26T08:30:00Z")
    assert result["changed"] is True


def test_since_longer_ago_than_48_hours_gets_48_hours_and_a_warning(run, http, make_response):
    http.answer(make_response(201, V7_CREATED))
    outcome = run(hours=DROP, since="2026-11-20T00:00:00Z")
    assert http.calls[0]["json"]["startDate"] == "2026-11-24T08:30:00Z"
    assert any("covers the last 48 hours only" in warning for warning in outcome.warnings)


def test_check_mode_with_since_plans_the_window_ending_now(run, http, make_response):
    http.answer(make_response(200, V7_TESTS))
    result = run(hours=DROP, since="2026-11-26T06:00:00Z", _ansible_check_mode=True, _ansible_diff=True).result
    assert result["diff"]["after"]["start"] == "2026-11-26T04:30:00Z" and result["diff"]["after"]["end"] == "2026-11-26T08:30:00Z"
    assert [call["method"] for call in http.calls] == ["GET"]


@pytest.mark.parametrize("args, message", [
    pytest.param({"hours": 4}, "Option since chooses the window itself", id="with hours"),
    pytest.param({"hours": DROP, "end": "2026-11-26 08:00:00"}, "Option since chooses the window itself", id="with an end"),
    pytest.param({"hours": DROP, "start": "2026-11-26 04:00:00"}, "Options since and start are mutually exclusive", id="with a start"),
])
def test_since_with_another_window_option_fails_naming_since_before_any_request(run, http, args, message):
    result = run(since="2026-11-26T06:00:00Z", **args).result
    assert result["failed"] is True and message in result["msg"] and result["option"] == "since"
    assert http.calls == []
