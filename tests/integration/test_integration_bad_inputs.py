# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Invalid input, table-driven, through one real ansible-playbook run: every case fails with a message naming
# the option, and the simulator records no request, except the read-only tests list for the cases whose
# test_name has to be looked up (then exactly that GET, on the fixed path, and never a POST).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import tempfile
import time

import pytest

from harness import TOKEN, PlaybookRunner, computed_once, run_cases

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 only
    from urllib import quote

# With `pytest -n N --dist loadgroup`, this file's tests share one worker (and its one playbook run).
pytestmark = pytest.mark.xdist_group("bad-inputs")

HTTP_TEST = "281474976710708"  # "Corporate Website", aid 1234
REMOVE = object()              # an override that drops the option
HUGE = 100000
LIST_PATHS = {"v7": "/v7/tests", "v6": "/v6/tests.json"}
HOSTILE_TITLE = "../x?aid=5678&isPublic=true#frag %2F..%2F"

# Cases that fail today because of a bug in plugins/ (reported to the lead); strict, so the fix shows up as XPASS.
# Inputs once let through by the module (all fixed); a case listed here is expected to fail until its fix lands.
KNOWN_BUGS = {}

# (case id, options over the base {api_url, token, test_id, hours: 1}, the option the message must name).
OFFLINE_CASES = [
    # types
    ("hours-not-a-number", {"hours": "abc"}, "hours"),
    ("public-not-a-boolean", {"public": "maybe"}, "public"),
    ("start-dict", {"hours": REMOVE, "start": {"at": 1}, "end": "2026-01-01T01:00:00Z"}, "start"),
    # formats
    ("test_id-letters", {"test_id": "12a"}, "test_id"),
    ("test_id-fullwidth-digits", {"test_id": u"\uff12\uff18\uff11"}, "test_id"),
    ("test_id-trailing-newline", {"test_id": HTTP_TEST + "\n"}, "test_id"),
    ("test_id-empty", {"test_id": ""}, "test_id"),
    ("test_id-huge", {"test_id": "1" * HUGE}, "test_id"),
    ("test_id-huge-v6", {"test_id": "9" * 5000, "api_version": "v6"}, "test_id"),
    ("aid-letters", {"aid": "12a4"}, "account_group_id"),
    ("aid-trailing-newline", {"aid": "1234\n"}, "account_group_id"),
    ("start-words", {"hours": REMOVE, "start": "yesterday", "end": "now"}, "start"),
    # windows
    ("hours-3", {"hours": 3}, "hours"),
    ("hours-96-on-v7", {"hours": 96}, "hours"),
    ("no-window", {"hours": REMOVE}, "hours"),
    ("end-in-the-future", {"end": "2999-01-01T00:00:00Z"}, "end"),
    ("window-3-hours", {"hours": REMOVE, "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T03:00:00Z"}, "start"),
    ("start-end-hours-disagree", {"hours": 4, "start": "2026-01-01T00:00:00Z", "end": "2026-01-01T02:00:00Z"}, "hours"),
    # times outside what the API can hold (issue 17: these overflowed the window arithmetic, or were sent as they were)
    ("end-year-1", {"end": "0001-01-01 00:30:00"}, "end"),
    ("start-year-9999", {"hours": 4, "start": "9999-12-31 23:30:00"}, "start"),
    ("start-year-1", {"start": "0001-01-01 00:00:00"}, "start"),
    # names and titles
    ("test_name-empty", {"test_id": REMOVE, "test_name": ""}, "test_name"),
    ("test_name-huge", {"test_id": REMOVE, "test_name": "n" * HUGE}, "test_name"),
    ("test_name-crlf-header-injection", {"test_id": REMOVE, "test_name": "Payments API\r\nX-Injected: 1"}, "test_name"),
    ("display_name-256-characters", {"display_name": "d" * 256}, "display_name"),
    ("display_name-crlf", {"display_name": "Outage\r\nX-Injected: 1"}, "display_name"),
    # injection attempts in test_id and aid
    ("test_id-dot-dot-slash", {"test_id": "../" + HTTP_TEST}, "test_id"),
    ("test_id-question-mark", {"test_id": HTTP_TEST + "?aid=5678"}, "test_id"),
    ("test_id-ampersand", {"test_id": HTTP_TEST + "&aid=5678"}, "test_id"),
    ("test_id-hash", {"test_id": HTTP_TEST + "#x"}, "test_id"),
    ("test_id-encoded-slash", {"test_id": HTTP_TEST + "%2F..%2F281474976710709"}, "test_id"),
    ("test_id-crlf", {"test_id": HTTP_TEST + "\r\nX-Injected: 1"}, "test_id"),
    ("aid-dot-dot-slash", {"aid": "../5678"}, "account_group_id"),
    ("aid-question-mark", {"aid": "1234?x=1"}, "account_group_id"),
    ("aid-ampersand", {"aid": "1234&aid=5678"}, "account_group_id"),
    ("aid-encoded-slash", {"aid": "1234%2F"}, "account_group_id"),
    ("aid-crlf", {"aid": "1234\r\nX-Injected: 1"}, "account_group_id"),
    # URLs (all on the simulator's port, so a request that slipped through would be recorded)
    ("api_url-ftp", {"api_url": "ftp{url_rest}"}, "api_url"),
    ("api_url-with-credentials", {"api_url": "http://user:secret@{hostport}"}, "api_url"),
    ("api_url-with-query", {"api_url": "{url}?aid=5678"}, "api_url"),
    # connection options
    ("api_version-v8", {"api_version": "v8"}, "api_version"),
    ("username-with-v7", {"username": "admin@example.com"}, "username"),
    ("token-with-bearer-prefix", {"token": "Bearer " + TOKEN}, "token"),
    ("token-missing", {"token": REMOVE}, "token"),
    # conflicting, missing and unknown options
    ("test_id-and-test_name", {"test_name": "Corporate Website"}, ("test_id", "test_name")),
    ("neither-test_id-nor-test_name", {"test_id": REMOVE}, ("test_id", "test_name")),
    ("unknown-option", {"bogus_option": 1}, "bogus_option"),
]

# test_name values that are well-formed text, so the module must look them up (one GET of the tests list).
LOOKUP_CASES = [
    ("test_name-dot-dot-slash", {"test_name": "../account-groups"}),
    ("test_name-question-mark", {"test_name": "?aid=5678"}),
    ("test_name-hash", {"test_name": "Corporate Website#x"}),
    ("test_name-encoded-slash", {"test_name": "%2F..%2Faccount-groups"}),
    ("test_name-unicode", {"test_name": u"Corporate W\u00e9bsite \u2615"}),
    ("test_name-dot-dot-slash-v6", {"test_name": "../snapshot.json", "api_version": "v6"}),
]


def _fill(value, url):
    if not isinstance(value, str):
        return value
    host_port = url.split("://", 1)[-1]
    return value.replace("{url_rest}", url[len("http"):]).replace("{hostport}", host_port).replace("{url}", url)


def build_args(url, overrides, base=None):
    args = dict(base or {"api_url": url, "token": TOKEN, "test_id": HTTP_TEST, "hours": 1})
    for name, value in overrides.items():
        if value is REMOVE:
            args.pop(name, None)
        else:
            args[name] = _fill(value, url)
    return args


def names_option(result, option):
    """The failure message names the option (as a word); a window error's `option` key agrees."""
    options = option if isinstance(option, tuple) else (option,)
    message = result.get("msg") or ""
    named = all(re.search(r"(?<![A-Za-z_])%s(?![A-Za-z_])" % re.escape(name), message) for name in options)
    return named and result.get("option", options[0]) in options


def _case_param(case):
    marks = [pytest.mark.xfail(strict=True, reason="BUG: " + KNOWN_BUGS[case[0]])] if case[0] in KNOWN_BUGS else []
    return pytest.param(*case, id=case[0], marks=marks)


def _explained_by_known_bug(entry):
    """Whether a request that reached the simulator came from one of the KNOWN_BUGS cases."""
    for name, overrides, _option in OFFLINE_CASES:
        if name not in KNOWN_BUGS:
            continue
        args = build_args("http://127.0.0.1", overrides)
        if entry["path"].startswith("/v7/tests/%s/" % quote(args["test_id"], safe="")) and entry["query"].get("aid") == args.get("aid"):
            return True
    return False


@pytest.fixture(scope="module")
def outcome(collections_path, simulator, tmp_path_factory):
    """One ansible-playbook run over every case (once per session, even with pytest-xdist)."""
    return computed_once(tmp_path_factory, "bad-inputs", lambda: _play(collections_path, simulator))


def _play(collections_path, simulator):
    """Every case in one ansible-playbook run; the simulator is reset once, before it."""
    simulator.reset()
    work_dir = tempfile.mkdtemp(prefix="te-bad-inputs-")
    runner = PlaybookRunner(collections_path, simulator.url, work_dir)
    lookup_base = {"api_url": simulator.url, "token": TOKEN, "hours": 1}
    cases = {
        "offline": [{"name": name, "args": build_args(simulator.url, overrides)} for name, overrides, _option in OFFLINE_CASES],
        "lookup": [{"name": name, "args": build_args(simulator.url, overrides, base=lookup_base)} for name, overrides in LOOKUP_CASES]
        + [{"name": "display_name-injection-is-only-text", "args": build_args(simulator.url, {"display_name": HOSTILE_TITLE})}],
    }
    started = time.monotonic()
    played = run_cases(runner, "bad_inputs.yml", cases, token=None)
    elapsed = time.monotonic() - started
    assert "bad_inputs" in played.results, played.output[-3000:]
    data = played["bad_inputs"]
    print("\nbad inputs: %d cases in one ansible-playbook run, %.1fs" % (len(data["offline"]) + len(data["lookup"]), elapsed))
    return {
        "offline": dict((entry["item"]["name"], entry) for entry in data["offline"]),
        "lookup": dict((entry["item"]["name"], entry) for entry in data["lookup"]),
        "requests_after_offline": data["requests_after_offline"],
        "requests": simulator.requests(),
        "snapshots": simulator.snapshots(),
    }


def test_there_are_at_least_forty_cases():
    names = [case[0] for case in OFFLINE_CASES + LOOKUP_CASES]
    assert len(names) >= 40 and len(set(names)) == len(names)


@pytest.mark.parametrize("name, overrides, option", [_case_param(case) for case in OFFLINE_CASES])
def test_invalid_input_fails_naming_the_option_before_any_request(outcome, name, overrides, option):
    result = outcome["offline"][name]
    assert overrides is not None
    assert result.get("failed") is True, result
    assert names_option(result, option), "%s: %r does not name %r" % (name, result.get("msg", "")[:400], option)
    # Any answer from the API would show in these keys.
    assert "status" not in result and "url" not in result and "snapshot" not in result, result
    assert "Traceback" not in str(result.get("exception")) and "module_stderr" not in result, result
    assert result.get("changed") is not True


def test_no_request_reached_the_simulator_for_offline_cases(outcome):
    leaked = ["%s %s %s" % (entry["method"], entry["path"][:80], entry["query"]) for entry in outcome["requests_after_offline"]
              if not _explained_by_known_bug(entry)]
    assert leaked == []


@pytest.mark.parametrize("name, overrides", LOOKUP_CASES, ids=[case[0] for case in LOOKUP_CASES])
def test_hostile_test_name_is_only_looked_up(outcome, name, overrides):
    result = outcome["lookup"][name]
    assert overrides is not None
    assert result.get("failed") is True, result
    assert names_option(result, "test_name"), result.get("msg")
    assert "status" not in result and "snapshot" not in result, result


def test_lookups_sent_exactly_one_get_each_on_the_fixed_path(outcome):
    during_lookups = [entry for entry in outcome["requests"][len(outcome["requests_after_offline"]):] if entry["method"] == "GET"]
    expected = sorted(LIST_PATHS[overrides.get("api_version", "v7")] for _name, overrides in LOOKUP_CASES)
    assert sorted(entry["path"] for entry in during_lookups) == expected
    # The name never reaches the query either: no account group was given, so the query is empty.
    assert all(entry["query"] in ({}, {"format": "json"}) for entry in during_lookups), during_lookups


def test_hostile_display_name_stays_in_the_body(outcome):
    """../ ? & # %2F in a title are plain text: one POST on the test's path, the title verbatim in the JSON body."""
    result = outcome["lookup"]["display_name-injection-is-only-text"]
    assert result.get("changed") is True and not result.get("failed"), result
    posts = [entry for entry in outcome["requests"][len(outcome["requests_after_offline"]):] if entry["method"] == "POST"]
    assert [(entry["path"], entry["query"]) for entry in posts] == [("/v7/tests/%s/snapshot" % HTTP_TEST, {})]
    assert posts[0]["body"]["displayName"] == HOSTILE_TITLE
    assert [snapshot["display_name"] for snapshot in outcome["snapshots"]] == [HOSTILE_TITLE]
