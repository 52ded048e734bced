# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# alert_info and the incident playbook (cisco.thousandeyes.snapshot_active_alerts) against a hostile API
# (hostile_api.py), through both paths of the action plugins: in the controller (a local target) and as a module on a
# target (the target_process connection). Issue 23: one bad alert never stops the job, API text never forges the job
# output, the work is bounded, one lone surrogate affects one entry, no message suggests sending the token to a host
# the server named, and rate-limit headers that are huge, zero or in the past are handled.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import re
import subprocess
import sys

import pytest

from harness import BIN, PlaybookRunner
from hostile_api import DNS, PAYMENTS, WEBSITE, HostileApi
from path_results import CONNECTION_PLUGINS, keep_results

PATHS = {"controller": "local", "module": "target_process"}
# Bytes that clear the screen, set the window title, ring or cut a terminal line: never in the job output.
RAW_CONTROL = re.compile(u"[\x00-\x08\x0b-\x1f\x7f]")

CASES = {
    # case: the alert_info options besides api_url
    "surrogate": {},
    "slow": {"timeout": 2, "max_duration": 3},
    "huge": {"timeout": 60},
    "redirect": {},
    "retry_huge": {},
    "retry_zero": {"rate_limit_wait": 3},
    "reset_past": {"rate_limit_wait": 3},
    "wait_once": {},
}

PLAYBOOK = """---
- name: alert_info against a hostile API
  hosts: localhost
  gather_facts: false
  tasks:
%s
%s
"""

TASK = """
    - name: Case %(case)s
      cisco.thousandeyes.alert_info:
        api_url: "{{ te_api_url }}/%(segment)s"
%(options)s
      register: te_%(case)s
      ignore_errors: true
"""


def inventory(tmp_path, path):
    filename = tmp_path / ("inventory-%s.ini" % path)
    filename.write_text("localhost ansible_connection=%s ansible_python_interpreter=%s\n" % (PATHS[path], sys.executable))
    return str(filename)


def alert_info_playbook(directory):
    tasks = "".join(TASK % {"case": case, "segment": case.replace("_", "-"),
                            "options": "".join("        %s: %s\n" % item for item in sorted(options.items())).rstrip("\n")}
                    for case, options in sorted(CASES.items()))
    filename = os.path.join(directory, "hostile_alert_info.yml")
    with open(filename, "w") as handle:
        handle.write(PLAYBOOK % (tasks, keep_results(*sorted(CASES))))
    return filename


@pytest.fixture(scope="module")
def outcome(collections_path, tmp_path_factory):
    """Each path: the alert_info cases in one playbook, then the incident playbook by name; each against its own server."""
    found = {}
    for path in PATHS:
        api = HostileApi()
        try:
            work = tmp_path_factory.mktemp("hostile-%s" % path)
            runner = PlaybookRunner(collections_path, api.url, str(work))
            env = {"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS}
            played = runner.run(None, playbook_path=alert_info_playbook(str(work)), inventory=inventory(work, path), verbosity=3,
                                env=env)
            incident = subprocess.run(
                [os.path.join(BIN, "ansible-playbook"), "cisco.thousandeyes.snapshot_active_alerts", "-i", inventory(work, path),
                 "-e", json.dumps({"te_api_url": api.url + "/incident"})],
                env=runner.environment(extra=dict(env, ANSIBLE_SHOW_CUSTOM_STATS="1")), stdout=subprocess.PIPE,
                stderr=subprocess.PIPE, timeout=300, cwd=str(work), check=False)
            found[path] = {"alert_info": played, "incident": incident, "api": api,
                           "incident_output": incident.stdout.decode("utf-8", "replace") + incident.stderr.decode("utf-8", "replace")}
        finally:
            api.close()
    return found


@pytest.mark.parametrize("path", sorted(PATHS))
def test_each_path_is_the_one_taken(outcome, path):
    assert ("AnsiballZ_alert_info.py" in outcome[path]["alert_info"].output) is (path == "module")


# ------------------------------------------------------------------------------------- the incident playbook
@pytest.mark.parametrize("path", sorted(PATHS))
def test_one_bad_alert_never_stops_the_incident_job(outcome, path):
    incident, output, api = outcome[path]["incident"], outcome[path]["incident_output"], outcome[path]["api"]
    assert incident.returncode == 0, output[-4000:]
    posts = [entry for entry in api.asked("incident") if entry["method"] == "POST"]
    # Every test with an alert got its snapshot: the two with starts no date can show over the fallback window (4 h).
    by_test = dict((entry["path"].split("/")[3], entry["body"]) for entry in posts)
    assert sorted(by_test) == sorted([PAYMENTS, WEBSITE, DNS]), posts
    for test_id in (PAYMENTS, WEBSITE):
        # The title ends with the incident's evidence marker (issue 22) after the text of the title format.
        assert by_test[test_id]["displayName"].split(" [te:")[0].endswith("since unknown")
    # alert_info names the starts that are not times (started is null for them); the plan gives their tests the fallback.
    # Warnings, which ansible-core 2.16 wraps at the terminal's width.
    flat = " ".join(output.split())
    assert ("2 alerts have a start that is not a time (alert far-future-ms: 253402300800000; alert twenty-digits: "
            "99999999999999999999)") in flat
    assert output.count("The alert carries no usable triggered time: snapshot of the last 4 hours (te_fallback_hours).") >= 2
    # What cannot be used is named, not dropped and not called missing.
    assert "the alert's _links.test (https://api.thousandeyes.com/v7/tests/abc) does not end with a test ID" in output
    assert "the alert's _links.test has no usable href" in output
    assert "The API listed 2 entries that are not an alert object (entries 3, 4 of the list" in flat


@pytest.mark.parametrize("path", sorted(PATHS))
def test_api_text_never_forges_the_job_output(outcome, path):
    output = outcome[path]["incident_output"]
    assert not RAW_CONTROL.search(output), repr(RAW_CONTROL.search(output).group(0))
    # No line of the output is the forged failure; the name shows escaped inside its own label.
    assert not [line for line in output.splitlines() if line.startswith("failed: [localhost] => (item=Checkout)")]
    assert "(item=Payments API)\\nfailed: [localhost] => (item=Checkout) =>" in output
    assert "\\r\\x1b[2K\\x1b[1A\\x1b]0;owned\\x07\\x00" in output
    assert "(item=id\\x1b[2J\\x07)" in output


# ------------------------------------------------------------------------------------- alert_info
@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_lone_surrogate_affects_one_entry_only(outcome, path):
    result = outcome[path]["alert_info"]["surrogate"]
    assert not result.get("failed"), result
    assert [item["alert_id"] for item in result["alerts"]] == ["good", "bad\\udc00id"]
    # The warning is in the result up to ansible-core 2.18, on the display from 2.19 on (wrapped by 2.16).
    assert ("lone UTF-16 surrogate in alerts[1].id" in " ".join(outcome[path]["alert_info"].output.split())
            or any("lone UTF-16 surrogate in alerts[1].id" in str(warning) for warning in result.get("warnings", [])))


@pytest.mark.parametrize("path", sorted(PATHS))
def test_the_whole_listing_is_bounded_by_max_duration(outcome, path):
    result = outcome[path]["alert_info"]["slow"]
    assert result["failed"] and "would pass max_duration=3s, the bound on the whole task" in result["msg"], result
    # Pages of 0.5 s that never end: a handful were asked for, not 1,000.
    assert len(outcome[path]["api"].asked("slow")) <= 8


@pytest.mark.parametrize("path", sorted(PATHS))
def test_an_answer_far_too_large_is_refused_while_it_is_read(outcome, path):
    result = outcome[path]["alert_info"]["huge"]
    assert result["failed"] and "more than the 33554432 bytes (32 MiB) this collection reads from one answer" in result["msg"], result
    # The server got to send a fraction of its 200 MB before the client hung up.
    assert outcome[path]["api"].huge_sent < 200 * 1024 * 1024


@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_redirect_never_suggests_sending_the_token_to_the_host_it_names(outcome, path):
    message = outcome[path]["alert_info"]["redirect"]["msg"]
    assert "a redirect to http://evil.example/v7/alerts" in message and "Set api_url" not in message
    assert "a token is only ever sent to api_url" in message


@pytest.mark.parametrize("path", sorted(PATHS))
def test_rate_limit_headers_huge_zero_or_past(outcome, path):
    results, api = outcome[path]["alert_info"], outcome[path]["api"]
    huge = results["retry_huge"]
    assert huge["failed"] and huge["status"] == 429 and "int too large" not in huge["msg"]
    assert "read as 100000000000) would pass rate_limit_wait=300s" in huge["msg"] and len(api.asked("retry-huge")) == 1
    for case in ("retry_zero", "reset_past"):
        # Once: 21 requests back to back, then "waiting 0s more ... would pass rate_limit_wait".
        assert results[case]["failed"] and "said to come back at once, and the API refused again: back-off" in results[case]["msg"]
        assert len(api.asked(case.replace("_", "-"))) == 3


@pytest.mark.parametrize("path", sorted(PATHS))
def test_a_rate_limit_wait_is_said(outcome, path):
    result = outcome[path]["alert_info"]["wait_once"]
    assert not result.get("failed") and result["rate_limit_waited"] == 1.0, result
    assert "Waited 1s for the ThousandEyes API rate limit (HTTP 429) while listing the alerts." in " ".join(
        outcome[path]["alert_info"].output.split())
