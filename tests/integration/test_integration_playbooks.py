# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The collection's playbooks (cisco.thousandeyes.create_snapshot and cisco.thousandeyes.snapshot_alert) run
# by name with ansible-playbook, as a user or ansible-rulebook runs them, against the API simulator.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import copy
import json
import os
import re
import subprocess
import time

import pytest
import yaml
from ansible.release import __version__ as ansible_core_version

from harness import BIN, REPO_ROOT

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
CUSTOM_STATS = re.compile(r"^\s*RUN: (\{.*\})\s*$", re.MULTILINE)
SHARE_URL = "https://%s.share.thousandeyes.com/"
ANSIBLE_CORE = tuple(int(part) for part in re.findall(r"[0-9]+", ansible_core_version)[:2])
WEBSITE = "281474976710708"   # "Corporate Website", aid 1234: the test of alert_event.json
PAYMENTS = "281474976710706"  # "Payments API" (http-server): the test ID of alert_event_with_test_id.json


class Run(object):
    def __init__(self, completed):
        self.rc = completed.returncode
        self.output = completed.stdout + completed.stderr

    @property
    def stats(self):
        """The set_stats data (shown by the default callback with ANSIBLE_SHOW_CUSTOM_STATS)."""
        found = CUSTOM_STATS.findall(self.output)
        assert len(found) == 1, self.output
        return json.loads(found[0])


def play(runner, playbook, *args, **variables):
    """ansible-playbook <collection playbook> with the simulator's URL and the given variables, and extra arguments."""
    variables.setdefault("te_api_url", runner.api_url)
    command = [os.path.join(BIN, "ansible-playbook"), playbook, "-i", "localhost,", "-e", json.dumps(variables)] + list(args)
    completed = subprocess.run(command, env=runner.environment(extra={"ANSIBLE_SHOW_CUSTOM_STATS": "1"}), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, universal_newlines=True, timeout=300, cwd=runner.work_dir, check=False)
    return Run(completed)


def payload(name="alert_event.json", started_ago=None, **changes):
    """A sample webhook body (ThousandEyes custom webhook, Generic preset), triggered `started_ago` seconds ago."""
    with open(os.path.join(FIXTURES, name)) as handle:
        body = json.load(handle)
    if started_ago is not None:
        body["alert"]["triggered"] = int((time.time() - started_ago) * 1000)
    body.update(changes)
    return body


def alert(runner, body, *args, **variables):
    """cisco.thousandeyes.snapshot_alert with the event in a file, as `-e @event.json` (ansible-rulebook passes the same)."""
    event_file = os.path.join(runner.work_dir, "event-%d.json" % int(time.time() * 1000000))
    with open(event_file, "w") as handle:
        json.dump({"ansible_eda": {"event": {"payload": body, "meta": {"endpoint": "", "headers": {"Content-Type": "application/json"}}}}},
                  handle)
    return play(runner, "cisco.thousandeyes.snapshot_alert", "-e", "@" + event_file, *args, **variables)


def epoch(text):
    return calendar.timegm(time.strptime(text, "%Y-%m-%dT%H:%M:%SZ"))


# ---------------------------------------------------------------- create_snapshot.yml


@pytest.mark.parametrize("survey, test_id", [
    ({"te_test_name": "Corporate Website"}, WEBSITE),
    ({"te_test_id": "281474976710709"}, "281474976710709"),
], ids=["by-name", "by-id"])
def test_create_snapshot_playbook_by_name_and_by_id(runner, sim, survey, test_id):
    # Survey answers arrive as strings.
    survey = dict(survey, te_hours="2", te_public="true", te_display_name="")
    result = play(runner, "cisco.thousandeyes.create_snapshot", **survey)

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == test_id
    assert created[0]["window_hours"] == 2 and created[0]["public"]
    link = SHARE_URL % created[0]["id"]
    assert "Public share link: %s" % link in result.output
    assert result.stats["thousandeyes_snapshot_url"] == link
    assert result.stats["thousandeyes_snapshot_id"] == created[0]["id"]


def test_create_snapshot_playbook_private(runner, sim):
    result = play(runner, "cisco.thousandeyes.create_snapshot", te_test_id=WEBSITE, te_public="false", te_aid="1234")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and not created[0]["public"] and created[0]["window_hours"] == 4
    assert "Private snapshot (app link): " in result.output
    # A private snapshot does not expire (null; ansible-core 2.16 templates it as an empty string).
    assert result.stats["thousandeyes_snapshot_url"].startswith("http") and not result.stats["thousandeyes_snapshot_expires"]


def test_create_snapshot_playbook_check_mode_creates_nothing(runner, sim):
    result = play(runner, "cisco.thousandeyes.create_snapshot", "--check", te_test_name="Corporate Website", te_hours="1")

    assert result.rc == 0, result.output
    assert "(none in check mode)" in result.output
    assert sim.snapshots() == [] and sim.posts() == []
    assert [entry["method"] for entry in sim.requests()] == ["GET"]


# ---------------------------------------------------------------- snapshot_alert.yml


@pytest.mark.parametrize("started_ago, hours, note", [
    (30 * 60, 1, "0.5 hours ago: a 1-hour window covers it"),
    (3 * 3600, 4, "3.0 hours ago: a 4-hour window covers it"),
    (4 * 3600 + 300, 6, "a 6-hour window covers it"),
    (3 * 86400, 48, "more than the 48 hours a snapshot can cover"),
], ids=["30min-1h", "3h-4h", "4h05-6h", "3days-48h"])
def test_alert_gets_the_smallest_window_covering_its_start(runner, sim, started_ago, hours, note):
    started = time.time() - started_ago
    result = alert(runner, payload(started_ago=started_ago))

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1, created
    snap = created[0]
    assert snap["window_hours"] == hours and snap["source_test_id"] == WEBSITE and snap["public"]
    start, end = epoch(snap["start_date"]), epoch(snap["end_date"])
    assert end <= time.time() and time.time() - end < 120
    if hours < 48:
        assert start <= started, "the window must reach back to the alert's start"
    assert note in result.output
    assert snap["display_name"] == "ThousandEyes alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77 on Corporate Website: Default Page Load Alert Rule"
    link = SHARE_URL % snap["id"]
    assert "Public share link for alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77, %d hours" % hours in result.output
    assert link in result.output
    # ansible-core 2.16 templates the number as a string.
    assert result.stats["thousandeyes_snapshot_url"] == link and int(result.stats["thousandeyes_snapshot_hours"]) == hours
    assert result.stats["thousandeyes_alert_id"] == "c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77"
    # The test was found by name: one GET of the tests list, then the one POST.
    assert [entry["method"] for entry in sim.requests()] == ["GET", "POST"]


def test_alert_with_test_id_uses_it_without_a_lookup(runner, sim):
    # "Payments API" names two tests: only the ID can pick the right one.
    result = alert(runner, payload("alert_event_with_test_id.json", started_ago=90 * 60))

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == PAYMENTS and created[0]["window_hours"] == 2
    assert [entry["method"] for entry in sim.requests()] == ["POST"]
    assert SHARE_URL % created[0]["id"] in result.output


def test_cleared_alert_creates_nothing(runner, sim):
    result = alert(runner, payload(started_ago=3600, type="1"))

    assert result.rc == 0, result.output
    assert "was cleared (notification type 1): no snapshot is created" in result.output
    assert sim.snapshots() == [] and sim.requests() == []
    assert not CUSTOM_STATS.findall(result.output)


def test_numeric_type_private_snapshot_and_display_name(runner, sim):
    result = alert(runner, payload(started_ago=600, type=2), te_public=False, te_display_name="Checkout incident")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and not created[0]["public"] and created[0]["display_name"] == "Checkout incident"
    assert "Private snapshot (app link) for alert" in result.output


def test_account_group_from_the_alert_rule(runner, sim):
    body = payload(started_ago=600)
    body["alert"]["test"]["name"] = "Lab DNS"
    body["alert"]["rule"]["account"] = {"id": "5678"}
    result = alert(runner, body)

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["aid"] == "5678" and created[0]["source_test_id"] == "281474976710722"


def test_alert_without_a_start_time_uses_the_fallback_window(runner, sim):
    body = payload()
    del body["alert"]["triggered"]
    result = alert(runner, body, te_fallback_hours="6")

    assert result.rc == 0, result.output
    assert "no usable triggered time: snapshot of the last 6 hours" in result.output
    assert [snap["window_hours"] for snap in sim.snapshots()] == [6]


def test_alert_check_mode_creates_nothing(runner, sim):
    result = alert(runner, payload(started_ago=600), "--check")

    assert result.rc == 0, result.output
    assert "(none in check mode)" in result.output
    assert sim.snapshots() == [] and sim.posts() == []


@pytest.mark.skipif(ANSIBLE_CORE < (2, 19), reason="ansible-core before 2.19 evaluates every string of an extra variable once one is read")
def test_event_fields_the_playbook_does_not_use_are_never_evaluated(runner, sim, tmp_path):
    # The event comes from the network and Ansible evaluates templates in extra variables: the playbook reads
    # only the fields it needs, so a template in any other field stays text.
    marker = tmp_path / "evaluated"
    body = payload(started_ago=600)
    body["alert"]["rule"]["notes"] = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % marker
    body["alert"]["targets"] = ["{{ undefined_variable_in_a_target }}"]
    body["alert"]["test"]["labels"] = ["{% raise %}"]
    result = alert(runner, body)

    assert result.rc == 0, result.output
    assert not marker.exists()
    assert len(sim.snapshots()) == 1


@pytest.mark.parametrize("variables, message", [
    ({}, "No ThousandEyes alert event"),
    ({"ansible_eda": {"event": {"payload": {"type": "2", "alert": {"id": "1", "test": {}}}}}}, "neither alert.test.id nor alert.test.name"),
    ({"ansible_eda": {"event": {"payload": {"type": "3", "alert": {"id": "1", "test": {"name": "x"}}}}}}, "for a triggered alert and"),
], ids=["no-event", "no-test", "unknown-type"])
def test_bad_events_fail_clearly_before_any_request(runner, sim, variables, message):
    result = play(runner, "cisco.thousandeyes.snapshot_alert", **copy.deepcopy(variables))

    assert result.rc != 0 and message in result.output, result.output
    assert sim.requests() == []


def test_sample_payloads_have_the_generic_preset_shape():
    for name in ("alert_event.json", "alert_event_with_test_id.json"):
        body = payload(name)
        assert set(body) == {"id", "type", "alert"} and body["type"] in ("1", "2")
        assert set(body["alert"]) == {"id", "type", "severity", "test", "targets", "rule", "triggered"}
        assert set(body["alert"]["rule"]) == {"id", "name", "expression", "notes"}
        assert isinstance(body["alert"]["test"]["labels"], list) and isinstance(body["alert"]["triggered"], int)
    assert "id" not in payload("alert_event.json")["alert"]["test"], "the Generic preset carries no test ID"


def test_rulebook_runs_the_playbook_on_triggered_alerts():
    # ansible-rulebook needs Java and is not run here; ansible-lint checks the rulebook against its schema.
    with open(os.path.join(REPO_ROOT, "extensions", "eda", "rulebooks", "snapshot_on_alert.yml")) as handle:
        rulesets = yaml.safe_load(handle)
    assert len(rulesets) == 1
    source = rulesets[0]["sources"][0]["ansible.eda.webhook"]
    assert source == {"host": "0.0.0.0", "port": 5000, "token": "{{ THOUSANDEYES_WEBHOOK_TOKEN }}"}
    rules = rulesets[0]["rules"]
    assert len(rules) == 1
    condition = rules[0]["condition"]
    assert 'event.payload.type == "2"' in condition and "event.payload.type == 2" in condition and '"1"' not in condition
    assert rules[0]["action"] == {"run_playbook": {"name": "cisco.thousandeyes.snapshot_alert"}}
    assert os.path.isfile(os.path.join(REPO_ROOT, "playbooks", "snapshot_alert.yml"))
