# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The alert_snapshot_plan action plugin: options, failures as results, and that what it returns is data Ansible never
# templates (unsafe on ansible-core 2.16 to 2.18, not trusted as a template on 2.19 and later).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleError
from ansible_collections.cisco.thousandeyes.plugins.action.alert_snapshot_plan import ActionModule

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }}"


# Alerts in the shape alert_info returns them (plugins/modules/alert_info.py RETURN).
ALERTS = [
    {"alert_id": TEMPLATE, "type": "http-server", "severity": "major", "started": "2026-11-26T06:00:00Z", "test_id": "281474976710706",
     "test_name": TEMPLATE},
    {"alert_id": "agent-1", "type": "agent", "severity": "minor", "started": "2026-11-26T06:00:00Z", "test_id": None, "test_name": None},
]


@pytest.fixture
def run(run_action):
    def run(args, check_mode=False):
        return run_action(ActionModule, "cisco.thousandeyes.alert_snapshot_plan", args, check_mode=check_mode)
    return run


def test_the_plan_and_every_returned_string_is_data(run, data):
    result = run({"alerts": data.trusted(ALERTS), "title_format": "{test} {alert_id}"})
    assert not result.get("failed") and result["changed"] is False, result
    (snapshot,) = result["snapshots"]
    assert snapshot["display_name"] == "%s %s" % (TEMPLATE, TEMPLATE) and snapshot["test_id"] == "281474976710706"
    assert [item["alert_id"] for item in result["skipped_alerts"]] == ["agent-1"]
    assert data.not_data(result) == []


def test_bad_options_fail_as_a_result_or_before_running(run):
    result = run({"alerts": ALERTS, "fallback_hours": 3})
    assert result["failed"] and "Option fallback_hours: 3" in result["msg"]
    with pytest.raises(AnsibleError) as error:
        run({"title_format": "x"})
    assert "alerts" in str(error.value)


def test_empty_options_mean_unset_and_check_mode_plans_the_same(run):
    checked = run({"alerts": ALERTS, "title_format": "", "aid": ""}, check_mode=True)
    assert checked["snapshots"][0]["account_group_id"] is None
    assert checked["snapshots"][0]["display_name"].startswith("ThousandEyes alert {{ lookup(")
