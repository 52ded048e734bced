# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.test_info through real ansible-playbook runs against the API simulator.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

# The real tests of account group 1234 (the default), sorted as the module sorts them: by name, then ID.
# 281474976710710 is a saved event, 281474976710711 a live share, 281474976710712 an Endpoint Agent test
# (the API does not list those).
PRODUCTION = ["281474976710708", "281474976710709", "281474976710706", "281474976710707"]
SAVED_EVENT = "281474976710710"
LIVE_SHARE = "281474976710711"
LIST_PATHS = {"v7": "/v7/tests", "v6": "/v6/tests.json"}


def run_cases(runner, cases, check=False, token="simulator-token"):
    """test_info once per option set, all in one ansible-playbook run; the results in the same order."""
    result = runner.run("test_info.yml", {"te_cases": cases}, check=check, token=token)
    assert len(result.results.get("test_info", [])) == len(cases), result.output
    return result["test_info"]


def run_test_info(runner, check=False, token="simulator-token", **options):
    return run_cases(runner, [options], check=check, token=token)[0]


def ids(result):
    return [test["test_id"] for test in result["tests"]]


@pytest.mark.parametrize("api_version", ["v7", "v6"])
def test_lists_the_real_tests_normalised(runner, sim, api_version):
    result = run_test_info(runner, api_version=api_version)

    assert result["changed"] is False and not result.get("failed"), result
    assert ids(result) == PRODUCTION
    website = result["tests"][0]
    assert website["name"] == "Corporate Website" and website["type"] == "page-load"
    assert website["enabled"] is True and website["interval"] == 900
    assert website["saved_event"] is False and website["live_share"] is False
    assert str(website["raw"]["testId"]) == "281474976710708"
    # v7 IDs are strings and v6 IDs integers in the raw entry; test_id is a string for both.
    assert isinstance(website["raw"]["testId"], str if api_version == "v7" else int)
    requests = sim.requests()
    assert [(entry["method"], entry["path"]) for entry in requests] == [("GET", LIST_PATHS[api_version])]


FILTER_CASES = [
    ({"name": "Payments API"}, ["281474976710706", "281474976710707"]),
    ({"name": "payments api"}, []),
    ({"name_regex": "^Pay|DNS$"}, ["281474976710709", "281474976710706", "281474976710707"]),
    ({"name_regex": "(?i)website"}, ["281474976710708"]),
    ({"type": ["page-load", "dns-server"]}, ["281474976710708", "281474976710709"]),
    ({"type": ["http-server"], "name_regex": "Payments"}, ["281474976710706"]),
    ({"aid": "5678", "enabled": False}, ["281474976710723"]),
    ({"aid": "5678", "enabled": True}, ["281474976710722", "281474976710721", "281474976710720"]),
    # "Partner CDN (shared)" sorts between "Internal DNS" and "Payments API".
    ({"include_snapshots": True}, ["281474976710710", "281474976710708", "281474976710709", "281474976710711", "281474976710706",
                                   "281474976710707"]),
]


@pytest.mark.parametrize("api_version", ["v7", "v6"])
def test_filters(runner, sim, api_version):
    # One playbook run for all the option sets (a loop), to keep the suite fast.
    results = run_cases(runner, [dict(options, api_version=api_version) for options, dummy in FILTER_CASES])

    for (options, expected), result in zip(FILTER_CASES, results):
        assert not result.get("failed"), (options, result)
        assert ids(result) == expected, options
    assert len(sim.requests()) == len(FILTER_CASES) and all(entry["method"] == "GET" for entry in sim.requests())


def test_include_snapshots_flags_saved_events_and_shares(runner, sim):
    result = run_test_info(runner, include_snapshots=True, name_regex="outage|shared")

    flags = dict((test["test_id"], (test["saved_event"], test["live_share"])) for test in result["tests"])
    assert flags == {SAVED_EVENT: (True, False), LIVE_SHARE: (False, True)}, result


@pytest.mark.parametrize("api_version", ["v7", "v6"])
def test_private_snapshots_made_here_are_left_out_unless_asked(runner, sim, api_version):
    made = runner.run("snapshot.yml", {"te": {"api_version": api_version, "test_id": "281474976710709", "hours": 1, "public": False,
                                              "display_name": "DNS evidence"}})
    assert made["snapshot"]["changed"], made.output
    new_id = made["snapshot"]["snapshot"]["test_id"]

    default, included = run_cases(runner, [{"api_version": api_version, "name": "DNS evidence"},
                                           {"api_version": api_version, "name": "DNS evidence", "include_snapshots": True}])
    assert ids(default) == [], default
    assert ids(included) == [new_id] and included["tests"][0]["saved_event"] is True, included


def test_check_mode_lists_the_same_and_sends_only_the_get(runner, sim):
    result = run_test_info(runner, check=True, type=["dns-server"])

    assert result["changed"] is False and not result.get("failed"), result
    assert ids(result) == ["281474976710709"]
    assert [entry["method"] for entry in sim.requests()] == ["GET"]


def test_bad_regex_fails_naming_the_option_before_any_request(runner, sim):
    result = run_test_info(runner, name_regex="Payments (API")

    assert result["failed"] and result["option"] == "name_regex", result
    assert "name_regex" in result["msg"] and "Traceback" not in str(result)
    assert sim.requests() == []


@pytest.mark.parametrize("api_version", ["v7", "v6"])
def test_unauthorized_fails_with_the_status(runner, sim, api_version):
    result = run_test_info(runner, token="wrong-token", api_version=api_version)

    assert result["failed"] and result["status"] == 401, result
    assert "token" in result["msg"].lower() and "wrong-token" not in str(result)
    assert result["changed"] is False and "tests" not in result
    assert len(sim.requests()) == 1


def test_account_group_without_membership_is_403(runner, sim):
    result = run_test_info(runner, token="production-only-token", aid="5678")

    assert result["failed"] and result["status"] == 403, result
    assert "account group" in result["msg"].lower()


def test_connection_from_the_action_group_defaults(runner, sim, tmp_path):
    playbook = tmp_path / "group.yml"
    playbook.write_text(GROUP_PLAYBOOK)
    result = runner.run(None, token=None, playbook_path=str(playbook))

    assert result.rc == 0, result.output
    assert [test["name"] for test in result["test_info"]["tests"]] == ["Lab Gateway"]
    assert sim.requests()[0]["query"].get("aid") in ("5678", ["5678"])


GROUP_PLAYBOOK = """\
- name: Connection options once, for every module of the collection
  hosts: localhost
  connection: local
  gather_facts: false
  module_defaults:
    group/cisco.thousandeyes.thousandeyes:
      api_url: "{{ te_api_url }}"
      token: simulator-token
      aid: "5678"
  tasks:
    - name: List the agent-to-server tests of the Lab group
      cisco.thousandeyes.test_info:
        type: [agent-to-server]
      register: te_result

    - name: Keep the result for the test
      ansible.builtin.copy:
        content: "{{ te_result | to_json }}"
        dest: "{{ te_results_dir }}/test_info.json"
        mode: "0600"
"""
