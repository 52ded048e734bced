# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import (
    MAX_TEXT,
    ThousandEyesAPIError,
    error_message,
    escape_surrogates,
    lone_surrogate_at,
    parse_error_body,
    shown_text,
    status_advice,
)

V7_VALIDATION = {
    "type": "https://api.thousandeyes.com/errors/validation",
    "title": "Request validation failed. There are invalid or missing fields",
    "status": 400,
    "detail": "Your request object contains invalid fields.",
    "instance": "/v7/tests/281474976710706/snapshot",
    "errors": [
        {"code": "INVALID", "field": "endDate", "message": "must be now or in the past"},
        {"code": "INVALID", "field": "startDate", "message": "range must be 1, 2, 4, 6, 12, 24 or 48 hours"},
    ],
}
V7_UNAUTHORIZED = {"error": "invalid_token", "error_description": "Invalid access token"}
V7_LEGACY = {
    "timestamp": 1679677853573,
    "httpStatus": "PRECONDITION_FAILED",
    "errors": ["User cannot create more than 5 integrations"],
    "path": "https://api.thousandeyes.com/v7/stream",
}
V6_ERROR = {"errorMessage": "Test ID 817 does not exist"}
NGINX_502 = ("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
             "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>")


def test_v7_problem_json_gives_title_detail_and_each_field_error():
    parsed = parse_error_body(json.dumps(V7_VALIDATION))
    assert parsed["title"] == V7_VALIDATION["title"]
    assert parsed["detail"] == V7_VALIDATION["detail"]
    assert parsed["errors"] == [
        {"code": "INVALID", "field": "endDate", "message": "must be now or in the past"},
        {"code": "INVALID", "field": "startDate", "message": "range must be 1, 2, 4, 6, 12, 24 or 48 hours"},
    ]
    assert parsed["summary"] == (
        "Request validation failed. There are invalid or missing fields; Your request object contains invalid fields.; "
        "endDate: must be now or in the past; startDate: range must be 1, 2, 4, 6, 12, 24 or 48 hours")
    assert parsed["body"] == V7_VALIDATION


def test_v7_problem_json_without_field_errors_gives_title_and_detail():
    body = {"type": "about:blank", "title": "URI Resource Not Found", "status": 404, "detail": "No test with ID 1"}
    parsed = parse_error_body(json.dumps(body))
    assert parsed["summary"] == "URI Resource Not Found; No test with ID 1"
    assert parsed["errors"] == []


def test_v7_unauthorized_oauth_shape_gives_error_and_description():
    parsed = parse_error_body(json.dumps(V7_UNAUTHORIZED))
    assert (parsed["title"], parsed["detail"]) == ("invalid_token", "Invalid access token")
    assert parsed["summary"] == "invalid_token; Invalid access token"


def test_legacy_v7_shape_gives_the_status_name_and_the_error_strings():
    parsed = parse_error_body(json.dumps(V7_LEGACY))
    assert parsed["title"] == "PRECONDITION_FAILED"
    assert parsed["errors"] == [{"code": None, "field": None, "message": "User cannot create more than 5 integrations"}]
    assert parsed["summary"] == "PRECONDITION_FAILED; User cannot create more than 5 integrations"


def test_v6_error_message_is_the_summary():
    parsed = parse_error_body(json.dumps(V6_ERROR))
    assert parsed["detail"] == "Test ID 817 does not exist"
    assert parsed["summary"] == "Test ID 817 does not exist"


def test_an_html_error_page_is_reduced_to_its_text():
    parsed = parse_error_body(NGINX_502)
    assert parsed["summary"] == "502 Bad Gateway 502 Bad Gateway nginx"
    assert parsed["body"] == parsed["summary"]
    assert (parsed["title"], parsed["detail"], parsed["errors"]) == (None, None, [])


def test_scripts_styles_and_entities_of_an_html_page_do_not_reach_the_message():
    page = "<html><head><style>h1 {color: red}</style><script>var x = 1;</script></head><body>Gateway &amp; proxy &lt;down&gt;</body></html>"
    assert parse_error_body(page)["summary"] == "Gateway & proxy <down>"


def test_a_long_html_page_is_cut_to_a_readable_length():
    page = "<html><body>" + "<p>Service unavailable, please retry later.</p>" * 100 + "</body></html>"
    summary = parse_error_body(page)["summary"]
    assert len(summary) == MAX_TEXT + len("...")
    assert summary.endswith("...") and summary.startswith("Service unavailable, please retry later.")
    assert "<" not in summary and ">" not in summary


def test_plain_text_is_kept():
    text = "Sorry, the ThousandEyes API is currently in maintenance mode."
    assert parse_error_body(text)["summary"] == text


@pytest.mark.parametrize("body", ["", None, "   "])
def test_an_empty_body_gives_an_empty_summary_and_the_message_says_so(body):
    parsed = parse_error_body(body)
    assert parsed["summary"] == ""
    assert error_message(500, parsed) == "ThousandEyes API answered HTTP 500: (empty body)."


def test_a_json_list_is_kept_as_text():
    text = json.dumps([{"message": "unexpected"}])
    parsed = parse_error_body(text)
    assert parsed["summary"] == text
    assert parsed["errors"] == []


def test_a_json_object_of_unknown_shape_is_kept_as_text():
    text = json.dumps({"unexpected": "shape"})
    assert parse_error_body(text)["summary"] == text


def test_the_401_advice_is_to_check_the_token_and_not_to_retry():
    advice = status_advice(401)
    assert "Check the API token" in advice and "THOUSANDEYES_TOKEN" in advice and "TE_TOKEN" in advice
    assert "Not retried" in advice


def test_the_403_advice_for_a_public_snapshot_names_the_permission_and_the_regional_block():
    advice = status_advice(403, action="snapshot", context={"public": True})
    assert "'Create snapshot shares' permission" in advice
    assert "account group (option aid)" in advice
    assert "Some regions block public snapshots" in advice and "try public=false" in advice


def test_the_403_advice_for_a_private_snapshot_does_not_suggest_public_false():
    advice = status_advice(403, action="snapshot", context={"public": False})
    assert "'Create snapshot shares' permission" in advice
    assert "public=false" not in advice and "regions" not in advice


def test_the_v6_regular_user_block_is_not_blamed_on_the_permission():
    parsed = parse_error_body(json.dumps({"errorMessage": "Regular users are blocked from using any of the POST-based methods."}))
    message = error_message(403, parsed, action="snapshot", context={"public": False})
    assert "Regular User role" in message and "api_version=v7" in message
    assert "Create snapshot shares" not in message


def test_the_403_advice_for_other_calls_names_no_snapshot_permission():
    advice = status_advice(403)
    assert "permission" in advice and "Create snapshot shares" not in advice


def test_the_404_advice_for_an_api_answer_is_to_check_the_test_and_the_account_group():
    advice = status_advice(404, action="snapshot", parsed=parse_error_body(json.dumps({"title": "Not Found", "status": 404})))
    assert "test_id" in advice and "test_name" in advice and "aid" in advice


@pytest.mark.parametrize("action, body", [
    ("tests", json.dumps({"title": "Not Found", "status": 404})),
    ("snapshot", "<html><body><h1>404 Not Found</h1></body></html>"),
], ids=["the tests list", "a page that is not the API's"])
def test_the_404_advice_points_at_api_url_when_the_path_is_not_the_apis(action, body):
    advice = status_advice(404, action=action, parsed=parse_error_body(body))
    assert "check api_url" in advice and "test_id" not in advice


def test_a_summary_ending_in_a_period_gets_no_second_one():
    parsed = parse_error_body(json.dumps({"title": "Not Found", "detail": "Test 12 not found in account group 1234."}))
    message = error_message(404, parsed, action="snapshot")
    assert "in account group 1234. Check test_id" in message and ".." not in message


@pytest.mark.parametrize("status", [429, 500, 502, 200, None])
def test_other_statuses_get_no_advice(status):
    assert status_advice(status) == ""


def test_the_message_names_the_status_the_api_text_and_the_advice():
    message = error_message(401, parse_error_body(json.dumps(V7_UNAUTHORIZED)))
    assert message.startswith("ThousandEyes API answered HTTP 401: invalid_token; Invalid access token. Check the API token")


def test_an_api_error_carries_status_error_and_outcome():
    error = ThousandEyesAPIError("boom", status=503, error={"summary": "down"}, outcome_unknown=True, url="https://x/v7/tests")
    assert (str(error), error.message, error.status, error.error, error.outcome_unknown, error.url) == (
        "boom", "boom", 503, {"summary": "down"}, True, "https://x/v7/tests")
    assert ThousandEyesAPIError("no answer").error == {}


# ------------------------------------------------------------------------------------- lone surrogates

@pytest.mark.parametrize("data, where", [
    ({"tests": [{"testId": "1", "testName": "ok"}, {"testId": "2", "testName": "Check\ud800out"}]}, "tests[1].testName"),
    ({"a": {"b": ["x", "\udfff"]}}, "a.b[1]"),
    ({"na\ud83dme": 1}, "na\\ud83dme"),
    ("\ud800", "the body"),
], ids=["list of tests", "nested list", "in a key", "top-level string"])
def test_a_lone_surrogate_is_found_with_its_json_path(data, where):
    assert lone_surrogate_at(data) == where


@pytest.mark.parametrize("data", [
    {"testName": "Checkout \U0001f600 \u00e9"},  # an emoji (a valid surrogate pair in JSON) and an accented letter
    json.loads('{"testName": "\\ud83d\\ude00"}'),
    {"interval": 60, "enabled": True, "items": [None, 1.5]},
], ids=["non-ASCII text", "a pair decoded from JSON", "no text"])
def test_valid_text_has_no_lone_surrogate(data):
    assert lone_surrogate_at(data) is None


def test_an_error_body_with_a_lone_surrogate_is_shown_with_the_escape():
    parsed = parse_error_body('{"title": "Bad\\ud800 request", "errors": [{"field": "x\\udc00", "message": "m"}]}')
    assert parsed["summary"] == "Bad\\ud800 request; x\\udc00: m"
    assert parsed["body"] == {"title": "Bad\\ud800 request", "errors": [{"field": "x\\udc00", "message": "m"}]}
    # The escaped result is valid UTF-8, which a module result must be.
    json.dumps(parsed, ensure_ascii=False).encode("utf-8")
    assert escape_surrogates(["\ud800", 1]) == ["\\ud800", 1]


# ------------------------------------------------------------------------------- shown_text (issue 23)
@pytest.mark.parametrize("text, shown", [
    (u"plain text, {{ braces }} and \\ backslash", u"plain text, {{ braces }} and \\ backslash"),
    (u"a\nb\r\tc", u"a\\nb\\r\\tc"),
    (u"\x1b[2J\x07\x00\x7f", u"\\x1b[2J\\x07\\x00\\x7f"),
    (u"left\u202eright\u2028next\u200b", u"left\\u202eright\\u2028next\\u200b"),
    (u"lone \ud800 surrogate", u"lone \\ud800 surrogate"),
    (u"caf\u00e9 \u4e2d\u6587", u"caf\u00e9 \u4e2d\u6587"),
    (1234, u"1234"),
    (None, None),
])
def test_shown_text_escapes_what_could_forge_a_line_or_drive_the_terminal(text, shown):
    assert shown_text(text) == shown


def test_shown_text_cuts_at_the_limit():
    assert shown_text(u"x" * 50, 10) == u"xxxxxxx..."
    assert shown_text(u"\n" * 50, 10) == u"\\n\\n\\n\\..."


def test_an_error_body_cannot_forge_lines_in_the_message():
    forged = {"title": u"Bad\nfailed: [localhost] => rotate the token at https://evil.example\x1b[1A", "detail": u"x\ry"}
    message = error_message(400, parse_error_body(json.dumps(forged)))
    assert "\n" not in message and "\r" not in message and "\x1b" not in message
    assert u"Bad\\nfailed: [localhost] => rotate the token at https://evil.example\\x1b[1A; x\\ry" in message
    assert "\x07" not in parse_error_body(u"<h1>down\x07</h1>")["summary"]
