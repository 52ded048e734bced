# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Secrets: success and failure paths at -vvvv, with --diff, and in check mode: no bearer token, v6 basic-auth
# token or base64 "user:token" ever shows in stdout/stderr, in the results (errors, `request`,
# `snapshot.response` included), or in the simulator's log of what it received.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import json

import pytest

from harness import PlaybookRunner, computed_once, run_cases

# With `pytest -n N --dist loadgroup`, this file's tests share one worker (and its one playbook run).
pytestmark = pytest.mark.xdist_group("secrets")

HTTP_TEST = "281474976710708"
FAULTY_TEST = "281474976710709"  # its POSTs answer 500 after the snapshot is made
ADMIN = "admin@example.com"
# Environment variable -> value; the playbook reads the token from the environment, so no loop item holds one.
SECRETS = {
    "TE_SECRET_BEARER": "simulator-token",
    "TE_SECRET_BASIC": "simulator-basic-token",
    "TE_SECRET_WRONG_BEARER": "te-wrong-bearer-7f3c9a1d52e4",
    "TE_SECRET_WRONG_BASIC": "te-wrong-basic-4e8b2f6a19c0",
    "TE_SECRET_PREFIXED": "Bearer te-prefixed-bearer-0c71d9e3b8a5",
}


def _basic(user, token):
    return base64.b64encode(("%s:%s" % (user, token)).encode("utf-8")).decode("ascii")


FORBIDDEN = sorted(set(list(SECRETS.values()) + ["te-prefixed-bearer-0c71d9e3b8a5"] + [
    _basic(ADMIN, SECRETS["TE_SECRET_BASIC"]),
    _basic(ADMIN, SECRETS["TE_SECRET_WRONG_BASIC"]),
]))

# name, token variable, options, expected to fail in a real run, expected to fail in check mode
CASES = [
    ("v7 bearer, by id", "TE_SECRET_BEARER", {"test_id": HTTP_TEST, "public": True}, False, False),
    ("v7 bearer, by name", "TE_SECRET_BEARER", {"test_name": "Corporate Website"}, False, False),
    ("v6 basic", "TE_SECRET_BASIC", {"api_version": "v6", "username": ADMIN, "test_id": HTTP_TEST, "public": True}, False, False),
    ("v7 wrong bearer, by name (401)", "TE_SECRET_WRONG_BEARER", {"test_name": "Corporate Website"}, True, True),
    # Check mode checks the credentials with the tests list, so a wrong one fails there too.
    ("v6 wrong basic (401)", "TE_SECRET_WRONG_BASIC", {"api_version": "v6", "username": ADMIN, "test_id": HTTP_TEST}, True, True),
    ("v7 500 after processing", "TE_SECRET_BEARER", {"test_id": FAULTY_TEST}, True, False),
    ("v6 basic, invalid window", "TE_SECRET_BASIC", {"api_version": "v6", "username": ADMIN, "test_id": HTTP_TEST, "hours": 3}, True, True),
    ("v7 token with a Bearer prefix", "TE_SECRET_PREFIXED", {"test_id": HTTP_TEST}, True, True),
]


def _cases(url):
    cases = []
    for name, variable, options, _fails, _fails_in_check in CASES:
        args = {"api_url": url, "hours": 1, "display_name": "secrets: " + name}
        args.update(options)
        cases.append({"name": name, "token_env": variable, "args": args})
    return cases


def _leaks(text):
    return [secret[:6] + "..." for secret in FORBIDDEN if secret in text]


@pytest.fixture(scope="module")
def runs(collections_path, simulator, tmp_path_factory):
    """A check-mode run and a real run of every case (once per session, even with pytest-xdist)."""
    return computed_once(tmp_path_factory, "secrets", lambda: _play(collections_path, simulator, str(tmp_path_factory.mktemp("te-secrets"))))


def _play(collections_path, simulator, work_dir):
    simulator.reset(snapshot_quota={"limit": 1000, "period": 300})
    runner = PlaybookRunner(collections_path, simulator.url, work_dir)
    outcome = {}
    # Check mode first: it sends no POST, so the fault below is still pending for the real run.
    checked = run_cases(runner, "cases.yml", _cases(simulator.url), check=True, diff=True, verbosity=4, token=None, env=SECRETS)
    simulator.script({"kind": "respond", "status": 500, "json": {"title": "Internal Server Error"}, "process": True,
                      "match": {"method": "POST", "path_regex": "/tests/%s/snapshot$" % FAULTY_TEST}})
    real = run_cases(runner, "cases.yml", _cases(simulator.url), diff=True, verbosity=4, token=None, env=SECRETS)
    for mode, played in (("check", checked), ("real", real)):
        assert "cases" in played.results, played.output[-3000:]
        outcome[mode] = {"output": played.output, "cases": played["cases"]}
    outcome["requests"] = simulator.requests()
    outcome["snapshots"] = simulator.snapshots()
    return outcome


@pytest.mark.parametrize("mode", ["real", "check"])
def test_every_case_ran_as_expected(runs, mode):
    results = dict((entry["item"]["name"], entry) for entry in runs[mode]["cases"])
    for name, _variable, _options, fails, fails_in_check in CASES:
        expected = fails_in_check if mode == "check" else fails
        assert bool(results[name].get("failed")) is expected, (mode, name, results[name].get("msg"))
    # -vvvv took effect: the connection plugin's commands are shown.
    assert "<localhost> EXEC" in runs[mode]["output"] or "ESTABLISH LOCAL CONNECTION" in runs[mode]["output"]


@pytest.mark.parametrize("mode", ["real", "check"])
def test_no_secret_in_the_console_output(runs, mode):
    assert _leaks(runs[mode]["output"]) == []


@pytest.mark.parametrize("mode", ["real", "check"])
def test_no_secret_in_results_errors_request_or_response(runs, mode):
    for entry in runs[mode]["cases"]:
        assert _leaks(json.dumps(entry)) == [], entry["item"]["name"]
        assert set(entry.get("request", {})) <= {"method", "url", "body"}, entry["request"]
        response = (entry.get("snapshot") or {}).get("response")
        assert _leaks(json.dumps(response)) == []
        for key in ("msg", "error", "url"):
            assert _leaks(json.dumps(entry.get(key))) == []


def test_real_run_made_snapshots_and_masked_nothing_it_needed(runs):
    results = dict((entry["item"]["name"], entry) for entry in runs["real"]["cases"])
    assert results["v6 basic"]["snapshot"]["share_url"].startswith("https://")
    assert results["v7 bearer, by id"]["snapshot"]["share_url"].startswith("https://")
    assert results["v7 wrong bearer, by name (401)"]["status"] == 401 and results["v6 wrong basic (401)"]["status"] == 401
    assert results["v7 500 after processing"]["snapshot_may_exist"] is True


def test_simulator_log_shows_redacted_credentials(runs):
    requests = runs["requests"]
    assert requests, "no request recorded"
    assert _leaks(json.dumps(requests)) == []
    schemes = set(entry["headers"].get("Authorization") for entry in requests)
    assert schemes == {"Bearer ***", "Basic ***"}
