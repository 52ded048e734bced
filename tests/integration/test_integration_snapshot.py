# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.snapshot through real ansible-playbook runs against the API simulator: what needs
# scripting (faults, rate limits, timeouts, TLS, a later play, the environment). Creating by ID and by
# name, windows, check and diff mode, the fact, API and input errors are in the ansible-test target
# tests/integration/targets/snapshot.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import time

from harness import PlaybookRunner

HTTP_TEST = "281474976710708"      # "Corporate Website", aid 1234


def snapshot(runner, check=False, diff=False, token="simulator-token", env=None, **options):
    result = runner.run("snapshot.yml", {"te": options}, check=check, diff=diff, token=token, env=env)
    assert "snapshot" in result.results, result.output
    return result["snapshot"]


def test_fact_is_read_in_a_later_play(runner, sim):
    result = runner.run("fact_in_later_play.yml")

    assert result.rc == 0, result.output
    assert result["fact"]["id"] == sim.snapshots()[0]["id"]


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


def test_token_from_environment_fallbacks(runner, sim):
    result = snapshot(runner, token=None, env={"TE_TOKEN": "simulator-token", "THOUSANDEYES_AID": "5678"}, test_name="Lab DNS", hours=1)

    assert result["changed"] and result["snapshot"]["source_test_id"] == "281474976710722", result
