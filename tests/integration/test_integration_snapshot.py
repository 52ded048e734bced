# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.snapshot through real ansible-playbook runs against the API simulator.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

import pytest

from harness import PlaybookRunner

HTTP_TEST = "281474976710708"      # "Corporate Website", aid 1234
ENDPOINT_TEST = "281474976710712"  # an endpoint-agent test: no snapshots
SHARE_URL = r"^https://[a-z]+\.share\.thousandeyes\.com/"


def snapshot(runner, check=False, diff=False, token="simulator-token", env=None, **options):
    result = runner.run("snapshot.yml", {"te": options}, check=check, diff=diff, token=token, env=env)
    assert "snapshot" in result.results, result.output
    return result["snapshot"]


@pytest.mark.parametrize("api_version", ["v7", "v6"])
@pytest.mark.parametrize("public", [True, False])
def test_creates_one_snapshot_and_returns_its_link(runner, sim, api_version, public):
    result = snapshot(runner, api_version=api_version, test_id=HTTP_TEST, hours=4, public=public, display_name="Checkout outage")

    assert result["changed"] is True and not result.get("failed"), result
    snap = result["snapshot"]
    assert snap["public"] is public
    assert snap["display_name"] == "Checkout outage"
    assert snap["source_test_id"] == HTTP_TEST and snap["test_id"] not in (None, HTTP_TEST)
    assert snap["api_version"] == api_version
    if public:
        assert snap["share_url"].startswith("https://%s.share.thousandeyes.com/" % snap["id"])
        assert snap["expires"] is not None
    else:
        assert snap["share_url"] is None and snap["expires"] is None
    assert result["ansible_facts"]["thousandeyes_snapshot"] == snap
    created = sim.snapshots()
    assert len(created) == 1 and len(sim.posts()) == 1
    assert bool(created[0]["public"]) is public
    path = "/v7/tests/%s/snapshot" % HTTP_TEST if api_version == "v7" else "/v6/snapshot.json"
    assert sim.posts()[0]["path"] == path


def test_v6_basic_authentication(runner, sim):
    result = snapshot(runner, token="simulator-basic-token", api_version="v6", username="admin@example.com", test_id=HTTP_TEST, hours=96, public=True)

    assert result["changed"] and result["snapshot"]["share_url"], result
    assert sim.posts()[0]["headers"]["Authorization"].startswith("Basic ")
    assert "simulator-basic-token" not in str(result)


def test_check_mode_creates_nothing_and_shows_the_plan(runner, sim):
    result = snapshot(runner, check=True, diff=True, test_id=HTTP_TEST, hours=2, public=True)

    assert result["changed"] is True and not result.get("failed"), result
    assert result["snapshot"]["id"] is None and result["snapshot"]["share_url"] is None
    assert result["snapshot"]["source_test_id"] == HTTP_TEST
    assert result["request"]["body"]["isPublic"] is True
    assert result["diff"]["before"] == {} and result["diff"]["after"]["source_test_id"] == HTTP_TEST
    assert sim.requests() == [] and sim.snapshots() == []


def test_check_mode_still_looks_the_name_up(runner, sim):
    result = snapshot(runner, check=True, test_name="Corporate Website", hours=1)

    assert result["snapshot"]["source_test_id"] == HTTP_TEST, result
    assert [entry["method"] for entry in sim.requests()] == ["GET"]


@pytest.mark.parametrize("api_version", ["v7", "v6"])
def test_by_test_name(runner, sim, api_version):
    result = snapshot(runner, api_version=api_version, test_name="Internal DNS", hours=1)

    assert result["snapshot"]["source_test_id"] == "281474976710709", result
    assert result["snapshot"]["display_name"].startswith("Internal DNS, ")
    assert [entry["method"] for entry in sim.requests()] == ["GET", "POST"]


def test_unknown_test_name_suggests_the_closest(runner, sim):
    result = snapshot(runner, test_name="Corporate Websit", hours=1)

    assert result["failed"], result
    assert "test_name" in result["msg"] and "'Corporate Website'" in result["msg"]
    assert sim.posts() == []


def test_ambiguous_test_name_lists_the_ids(runner, sim):
    result = snapshot(runner, test_name="Payments API", hours=1)

    assert result["failed"], result
    assert "281474976710706" in result["msg"] and "281474976710707" in result["msg"]
    assert sim.posts() == []


def test_saved_events_are_not_matched_by_name(runner, sim):
    result = snapshot(runner, test_name="Checkout outage 2026-01-15", hours=1)

    assert result["failed"] and "no test named" in result["msg"], result


def test_fact_is_read_in_a_later_play(runner, sim):
    result = runner.run("fact_in_later_play.yml")

    assert result.rc == 0, result.output
    assert result["fact"]["id"] == sim.snapshots()[0]["id"]


def test_module_defaults_group_carries_the_connection(runner, sim):
    result = runner.run("module_defaults.yml", token=None)

    assert result.rc == 0, result.output
    assert sim.posts()[0]["query"].get("aid") in ("5678", ["5678"])


@pytest.mark.parametrize("options, status, words", [
    ({"token": "wrong-token"}, 401, ["check the api token"]),
    ({"token": "readonly-token"}, 403, ["create snapshot shares"]),
    ({"aid": "9999"}, 403, ["account group"]),
    ({"test_id": "999999999"}, 404, ["test_id"]),
    ({"test_id": ENDPOINT_TEST}, 400, ["endpoint"]),
])
def test_api_errors_carry_status_and_advice(runner, sim, options, status, words):
    args = {"test_id": HTTP_TEST, "hours": 1}
    args.update(options)
    result = snapshot(runner, **args)

    assert result["failed"] and result["status"] == status, result
    # ansible-core 2.19 adds exception: "(traceback unavailable)" to every failure; no real traceback may appear.
    assert "most recent call last" not in str(result)
    for word in words:
        assert word in result["msg"].lower()
    assert result["error"]["summary"]
    assert len(sim.posts()) == 1 and sim.snapshots() == []


def test_rate_limit_with_short_reset_waits_and_creates_exactly_one(runner, sim):
    sim.script({"kind": "rate_limit", "reset_in": 2, "match": {"method": "POST"}})
    started = time.monotonic()
    result = snapshot(runner, test_id=HTTP_TEST, hours=1)

    assert result["changed"] and not result.get("failed"), result
    assert time.monotonic() - started >= 1.5
    assert len(sim.snapshots()) == 1 and len(sim.posts()) == 2


def test_rate_limit_beyond_the_wait_budget_fails_clearly(runner, sim):
    sim.script({"kind": "rate_limit", "reset_in": 120, "match": {"method": "POST"}})
    result = snapshot(runner, test_id=HTTP_TEST, hours=1, rate_limit_wait=5)

    assert result["failed"] and result["status"] == 429, result
    assert "rate_limit_wait" in result["msg"]
    assert sim.snapshots() == [] and len(sim.posts()) == 1


def test_server_error_after_the_post_is_not_retried(runner, sim):
    sim.script({"kind": "respond", "status": 500, "json": {"title": "Internal Server Error", "status": 500}, "process": True,
                "match": {"method": "POST"}})
    result = snapshot(runner, test_id=HTTP_TEST, hours=1)

    assert result["failed"] and result["status"] == 500, result
    assert result["snapshot_may_exist"] is True and "may or may not" in result["msg"]
    assert len(sim.posts()) == 1 and len(sim.snapshots()) == 1


def test_timeout_fails_without_a_second_post(runner, sim):
    sim.script({"kind": "delay", "seconds": 4, "match": {"method": "POST"}})
    result = snapshot(runner, test_id=HTTP_TEST, hours=1, timeout=1)

    assert result["failed"] and "timeout" in result["msg"], result
    assert result["snapshot_may_exist"] is True
    # The simulator records the POST once its delay is over.
    deadline = time.monotonic() + 10
    while not sim.posts() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    assert len(sim.posts()) == 1


def test_https_self_signed_fails_by_default_and_works_with_ca_path(collections_path, tls_simulator, certificates, tmp_path):
    tls_simulator.reset()
    tls_runner = PlaybookRunner(collections_path, tls_simulator.url, str(tmp_path))

    refused = snapshot(tls_runner, test_id=HTTP_TEST, hours=1)
    assert refused["failed"] and "ca_path" in refused["msg"], refused
    assert tls_simulator.snapshots() == []

    accepted = snapshot(tls_runner, test_id=HTTP_TEST, hours=1, ca_path=certificates["ca"])
    assert accepted["changed"] and not accepted.get("failed"), accepted
    assert len(tls_simulator.snapshots()) == 1


@pytest.mark.parametrize("options, option", [
    ({"test_id": "12a"}, "test_id"),
    ({"test_id": HTTP_TEST, "hours": 3}, "hours"),
    ({"test_id": HTTP_TEST, "start": "2020-13-01 00:00:00", "hours": 1}, "start"),
    ({"test_id": HTTP_TEST, "end": "2999-01-01T00:00:00Z", "hours": 1}, "end"),
    ({"test_id": HTTP_TEST, "hours": 1, "display_name": "two\nlines"}, "display_name"),
    ({"test_id": HTTP_TEST, "hours": 1, "username": "admin@example.com"}, "username"),
    ({"test_id": HTTP_TEST, "hours": 1, "api_version": "v8"}, "api_version"),
])
def test_invalid_input_fails_before_any_request(runner, sim, options, option):
    result = snapshot(runner, **options)

    assert result["failed"] and option in result["msg"], result
    assert sim.requests() == []


def test_token_from_environment_fallbacks(runner, sim):
    result = snapshot(runner, token=None, env={"TE_TOKEN": "simulator-token", "THOUSANDEYES_AID": "5678"}, test_name="Lab DNS", hours=1)

    assert result["changed"] and result["snapshot"]["source_test_id"] == "281474976710722", result
