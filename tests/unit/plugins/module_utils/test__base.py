# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timezone

import pytest

import base64

from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import connection_problems, connection_warnings
from ansible_collections.cisco.thousandeyes.plugins.module_utils import _snapshot_module
from ansible_collections.cisco.thousandeyes.plugins.modules import snapshot

TOKEN = "s3cr3t-T0ken-value"
NOW = datetime(2026, 11, 26, 8, 30, 15, tzinfo=timezone.utc)
GOOD = dict(api_url="https://api.thousandeyes.com", api_version="v7", token=TOKEN, username=None, account_group_id=None,
            validate_certs=True, ca_path=None, timeout=30, rate_limit_wait=300)
V7_TESTS = {"tests": [{"testId": "281474976710706", "testName": "Checkout API", "savedEvent": False, "liveShare": False}]}
V6_TESTS = {"test": [{"testId": 817, "testName": "Checkout API", "savedEvent": 0, "liveShare": 0}]}


def params(**changes):
    values = dict(GOOD)
    values.update(changes)
    return values


# ------------------------------------------------------------------------------- connection_problems

@pytest.mark.parametrize("changes", [
    {},
    {"api_url": "http://127.0.0.1:8080"},
    {"api_url": "https://proxy.example.com/thousandeyes/"},
    {"api_url": "https://api.thousandeyes.com/"},
    {"api_version": "v6", "username": "noc@example.com"},
    {"account_group_id": "1234"},
    {"rate_limit_wait": 0},
    {"timeout": 1},
    {"validate_certs": False},
], ids=str)
def test_good_connection_settings_have_no_problems(changes):
    assert connection_problems(params(**changes)) == []


def test_an_existing_ca_file_is_fine(tmp_path):
    ca_file = tmp_path / "ca.pem"
    ca_file.write_text("-----BEGIN CERTIFICATE-----\n")
    assert connection_problems(params(ca_path=str(ca_file))) == []


def test_a_directory_of_ca_certificates_is_fine_as_requests_takes_it(tmp_path):
    assert connection_problems(params(ca_path=str(tmp_path))) == []


def test_a_non_ascii_v6_username_is_fine():
    assert connection_problems(params(api_version="v6", username="jos\u00e9@exampl\u00e9.com")) == []


@pytest.mark.parametrize("api_url, warns", [
    ("https://api.thousandeyes.com", False),
    ("http://127.0.0.1:8080", False),
    ("http://127.9.9.9", False),
    ("http://[::1]:8080", False),
    ("http://localhost:8080", False),
    ("http://api.thousandeyes.com", True),
    ("http://10.0.0.5:8080", True),
    ("http://proxy.example.com/te", True),
], ids=str)
def test_plain_http_to_another_host_warns_that_the_token_is_unencrypted(api_url, warns):
    warnings = connection_warnings(params(api_url=api_url))
    assert bool([warning for warning in warnings if "plain HTTP: the token crosses the network unencrypted" in warning]) is warns


@pytest.mark.parametrize("changes, expected", [
    ({"api_url": "ftp://api.thousandeyes.com"}, "Option api_url must be an http(s) URL"),
    ({"api_url": "api.thousandeyes.com"}, "Option api_url must be an http(s) URL"),
    ({"api_url": "https://"}, "Option api_url must be an http(s) URL"),
    ({"api_url": "file:///etc/passwd"}, "Option api_url must be an http(s) URL"),
    ({"api_url": ""}, "Option api_url is empty"),
    ({"api_url": "https://user:pass@api.thousandeyes.com"}, "Option api_url must not carry credentials"),
    ({"api_url": "https://api.thousandeyes.com?aid=1"}, "Option api_url must be a plain base URL without query"),
    ({"api_url": "https://api.thousandeyes.com/#top"}, "Option api_url must be a plain base URL without query"),
    ({"api_url": "https://api.thousandeyes.com/te st"}, "Option api_url must be a plain base URL without query"),
    ({"api_url": "https://api.thousandeyes.com/\r\nX-Injected: 1"}, "Option api_url must be a plain base URL without query"),
    ({"api_url": "https://api.thousandeyes.com/v7"}, "Option api_url must not end with the API version (/v7)"),
    ({"api_url": "https://api.thousandeyes.com/v7/"}, "Option api_url must not end with the API version (/v7/)"),
    ({"api_url": "https://api.thousandeyes.com/v6"}, "Option api_url must not end with the API version (/v6)"),
    ({"token": ""}, "Option token is empty"),
    ({"token": None}, "Option token is required: give it as token, in module_defaults (group/cisco.thousandeyes.thousandeyes), or in "
                      "the environment variable THOUSANDEYES_TOKEN or TE_TOKEN"),
    ({"token": "\ufeff" + TOKEN}, "Option token contains U+FEFF ZERO WIDTH NO-BREAK SPACE at character 1 of 19"),
    ({"token": TOKEN[:4] + "\u200b" + TOKEN[4:]}, "Option token contains U+200B ZERO WIDTH SPACE at character 5 of 19"),
    ({"token": TOKEN + "\u2019"}, "Option token contains U+2019 RIGHT SINGLE QUOTATION MARK at character 19"),
    ({"token": TOKEN + "\u00e9"}, "Option token contains U+00E9 LATIN SMALL LETTER E WITH ACUTE at character 19"),
    ({"token": "   "}, "Option token is empty"),
    ({"token": "Bearer " + TOKEN}, "Option token contains spaces or control characters"),
    ({"token": TOKEN + "\n"}, "Option token contains spaces or control characters"),
    ({"token": TOKEN + "\r\nX-Injected: 1"}, "Option token contains spaces or control characters"),
    ({"username": "noc@example.com"}, "Option username is for v6 basic authentication only"),
    ({"api_version": "v6", "username": "noc @example.com"}, "Option username contains U+0020 SPACE at character 4"),
    ({"api_version": "v6", "username": "noc@example.com:x"}, "Option username must be the account e-mail address"),
    ({"api_version": "v6", "username": "noc@example.com\r\n"}, "Option username contains U+000D CARRIAGE RETURN at character 16"),
    ({"api_version": "v6", "username": "\ufeffnoc@example.com"}, "Option username contains U+FEFF ZERO WIDTH NO-BREAK SPACE at character 1"),
    ({"api_version": "v6", "username": "  "}, "Option username must be the account e-mail address"),
    ({"account_group_id": "12a"}, "Option account_group_id (aid) must be digits only"),
    ({"account_group_id": "-1"}, "Option account_group_id (aid) must be digits only"),
    ({"account_group_id": "1&x=2"}, "Option account_group_id (aid) must be digits only"),
    ({"timeout": 0}, "Option timeout must be a positive number of seconds; got 0."),
    ({"timeout": -5}, "Option timeout must be a positive number of seconds; got -5."),
    ({"rate_limit_wait": -1}, "Option rate_limit_wait must be 0 or more seconds; got -1."),
    ({"ca_path": "/nonexistent/thousandeyes-ca.pem"}, "Option ca_path: no such file or directory /nonexistent/thousandeyes-ca.pem"),
], ids=str)
def test_each_bad_connection_setting_is_one_problem_naming_its_option(changes, expected):
    problems = connection_problems(params(**changes))
    assert len(problems) == 1
    assert problems[0].startswith(expected)


def test_every_problem_is_reported_at_once():
    problems = connection_problems(params(api_url="https://api.thousandeyes.com/v7", token="", account_group_id="x", timeout=0))
    assert [problem.split(" ")[1] for problem in problems] == ["api_url", "token", "account_group_id", "timeout"]


@pytest.mark.parametrize("empty", [{"account_group_id": ""}, {"username": ""}])
def test_an_empty_optional_setting_means_not_set(empty):
    # An AWX credential field left blank is injected as an empty string.
    assert connection_problems(params(**empty)) == []


def test_a_bad_token_is_not_repeated_in_the_problem():
    problems = connection_problems(params(token="Bearer " + TOKEN))
    assert TOKEN not in " ".join(problems)


# ------------------------------------------------------------------------- environment fallbacks

@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(_snapshot_module, "utc_now", lambda: NOW)


@pytest.fixture
def lookup(http, make_response, run_module, monkeypatch):
    """Run the snapshot module in check mode with test_name, so its one GET shows the connection it used."""

    def run(environment, api_version="v7", **args):
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        http.answer(make_response(200, V6_TESTS if api_version == "v6" else V7_TESTS))
        run = run_module(snapshot.main, dict(args, test_name="Checkout API", hours=4, _ansible_check_mode=True))
        assert run.exit_code == 0, run.result
        assert len(http.calls) == 1
        return http.calls[0], run

    return run


@pytest.mark.parametrize("environment, args, token", [
    ({"THOUSANDEYES_TOKEN": "env-token-1"}, {}, "env-token-1"),
    ({"TE_TOKEN": "env-token-2"}, {}, "env-token-2"),
    ({"THOUSANDEYES_TOKEN": "env-token-1", "TE_TOKEN": "env-token-2"}, {}, "env-token-1"),
    ({"THOUSANDEYES_TOKEN": "env-token-1", "TE_TOKEN": "env-token-2"}, {"token": TOKEN}, TOKEN),
], ids=["THOUSANDEYES_TOKEN", "TE_TOKEN", "THOUSANDEYES_TOKEN first", "option first"])
def test_the_token_falls_back_to_thousandeyes_token_then_te_token(lookup, environment, args, token):
    call, run = lookup(environment, **args)
    assert call["headers"]["Authorization"] == "Bearer " + token
    assert token not in run.shown


@pytest.mark.parametrize("environment, args, query", [
    ({}, {}, ""),
    ({"THOUSANDEYES_AID": "1111"}, {}, "?aid=1111"),
    ({"TE_AID": "2222"}, {}, "?aid=2222"),
    ({"THOUSANDEYES_AID": "1111", "TE_AID": "2222"}, {}, "?aid=1111"),
    ({"THOUSANDEYES_AID": "1111"}, {"aid": "3333"}, "?aid=3333"),
], ids=["none", "THOUSANDEYES_AID", "TE_AID", "THOUSANDEYES_AID first", "option first"])
def test_the_account_group_falls_back_to_thousandeyes_aid_then_te_aid(lookup, environment, args, query):
    call, run = lookup(environment, token=TOKEN, **args)
    assert call["url"] == "https://api.thousandeyes.com/v7/tests" + query
    assert run.result["request"]["url"] == "https://api.thousandeyes.com/v7/tests/281474976710706/snapshot" + query


def test_the_api_url_falls_back_to_thousandeyes_api_url(lookup):
    call, run = lookup({"THOUSANDEYES_API_URL": "http://127.0.0.1:8080/"}, token=TOKEN)
    assert call["url"] == "http://127.0.0.1:8080/v7/tests"
    assert run.result["request"]["url"] == "http://127.0.0.1:8080/v7/tests/281474976710706/snapshot"


def test_the_api_url_option_wins_over_the_environment(lookup):
    call, run = lookup({"THOUSANDEYES_API_URL": "http://127.0.0.1:8080"}, token=TOKEN, api_url="https://te.example.com")
    assert call["url"] == "https://te.example.com/v7/tests"
    assert run.result["request"]["url"].startswith("https://te.example.com/v7/")


def test_the_api_version_falls_back_to_thousandeyes_api_version(lookup):
    call, run = lookup({"THOUSANDEYES_API_VERSION": "v6"}, api_version="v6", token=TOKEN)
    assert call["url"] == "https://api.thousandeyes.com/v6/tests.json"
    assert run.result["request"]["url"] == "https://api.thousandeyes.com/v6/snapshot.json"
    assert run.result["request"]["body"]["testId"] == 817


def test_the_username_falls_back_to_thousandeyes_username_for_v6_basic_auth(lookup):
    call, run = lookup({"THOUSANDEYES_USERNAME": "noc@example.com", "THOUSANDEYES_API_VERSION": "v6", "TE_TOKEN": TOKEN}, api_version="v6")
    assert call["headers"]["Authorization"] == "Basic " + base64.b64encode(("noc@example.com:" + TOKEN).encode()).decode()
    assert TOKEN not in run.shown


def test_a_non_ascii_v6_username_is_sent_as_utf8_basic_auth_and_masked(lookup):
    user = "jos\u00e9@\u00fc.example.com"
    call, run = lookup({"THOUSANDEYES_API_VERSION": "v6"}, api_version="v6", username=user, token=TOKEN)
    basic = base64.b64encode((user + ":" + TOKEN).encode("utf-8")).decode()
    assert call["headers"]["Authorization"] == "Basic " + basic
    assert basic not in run.shown and TOKEN not in run.shown


def test_api_v6_gives_a_deprecation_warning(lookup):
    call, run = lookup({"THOUSANDEYES_API_VERSION": "v6"}, api_version="v6", token=TOKEN)
    messages = [item if isinstance(item, str) else item.get("msg") or item.get("event", {}).get("msg") for item in run.result.get("deprecations", [])]
    assert [message for message in messages if message and message.startswith("API v6 is deprecated by ThousandEyes")], run.result


@pytest.mark.parametrize("environment, token", [
    ({"THOUSANDEYES_TOKEN": "", "TE_TOKEN": "env-token-2"}, "env-token-2"),
    ({"THOUSANDEYES_TOKEN": "  ", "TE_TOKEN": "env-token-2"}, "env-token-2"),
], ids=["empty", "blank"])
def test_an_empty_thousandeyes_token_does_not_hide_te_token(lookup, environment, token):
    call, run = lookup(environment)
    assert call["headers"]["Authorization"] == "Bearer " + token


def test_an_empty_thousandeyes_aid_does_not_hide_te_aid(lookup):
    call, run = lookup({"THOUSANDEYES_AID": "", "TE_AID": "5678"}, token=TOKEN)
    assert call["url"] == "https://api.thousandeyes.com/v7/tests?aid=5678"


def test_an_empty_api_url_variable_means_the_default(lookup):
    call, run = lookup({"THOUSANDEYES_API_URL": ""}, token=TOKEN)
    assert call["url"] == "https://api.thousandeyes.com/v7/tests"


@pytest.mark.parametrize("environment", [{}, {"THOUSANDEYES_TOKEN": "", "TE_TOKEN": ""}], ids=["unset", "empty"])
def test_without_any_token_the_module_fails_before_any_request_naming_the_variables(http, run_module, monkeypatch, environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    run = run_module(snapshot.main, {"test_id": "1", "hours": 4})
    assert run.exit_code == 1
    assert run.result["msg"].startswith("Option token is required: give it as token, in module_defaults")
    assert "THOUSANDEYES_TOKEN or TE_TOKEN" in run.result["msg"]
    assert http.calls == []


def test_a_token_with_a_pasted_byte_order_mark_fails_naming_the_option_before_any_request(http, run_module):
    run = run_module(snapshot.main, {"test_id": "1", "hours": 4, "token": "\ufeff" + TOKEN})
    assert run.exit_code == 1
    assert run.result["msg"].startswith("Option token contains U+FEFF ZERO WIDTH NO-BREAK SPACE at character 1")
    assert TOKEN not in run.shown and "Traceback" not in run.stdout
    assert http.calls == []


def test_a_bad_connection_setting_fails_the_module_before_any_request(http, run_module):
    run = run_module(snapshot.main, {"token": TOKEN, "test_name": "Checkout API", "hours": 4, "api_url": "https://api.thousandeyes.com/v7",
                                     "aid": "12a"})
    assert run.exit_code == 1
    assert run.result["msg"].startswith("Option api_url must not end with the API version (/v7)")
    assert "Option account_group_id (aid) must be digits only" in run.result["msg"]
    assert http.calls == []


def test_validate_certs_false_verifies_nothing_and_warns(lookup):
    call, run = lookup({}, token=TOKEN, validate_certs=False)
    assert call["verify"] is False
    assert [warning for warning in run.warnings if warning.startswith("validate_certs=false: the API's TLS certificate is not verified")]


def test_ca_path_is_what_the_session_verifies_with(lookup, tmp_path):
    ca_file = tmp_path / "ca.pem"
    ca_file.write_text("-----BEGIN CERTIFICATE-----\n")
    call, run = lookup({}, token=TOKEN, ca_path=str(ca_file))
    assert call["verify"] == str(ca_file)
    assert run.warnings == []
