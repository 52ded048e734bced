# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The alert_snapshot_plan action plugin: options, failures as results, and that what it returns is data Ansible never
# templates (unsafe on ansible-core 2.16 to 2.18, not trusted as a template on 2.19 and later).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping
from unittest.mock import MagicMock

import pytest

from ansible.errors import AnsibleError
from ansible.playbook.task import Task
from ansible.utils.unsafe_proxy import AnsibleUnsafe
from ansible_collections.cisco.thousandeyes.plugins.action.alert_snapshot_plan import ActionModule

try:  # ansible-core 2.19 and later: data tagging
    from ansible.template import is_trusted_as_template, trust_as_template
    DATA_TAGGING = True
except ImportError:
    DATA_TAGGING = False

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }}"


def strings(value):
    if isinstance(value, Mapping):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings(item)
    elif isinstance(value, str):
        yield value


def trusted(value):
    if not DATA_TAGGING:
        return value
    if isinstance(value, Mapping):
        return dict((trusted(key), trusted(item)) for key, item in value.items())
    if isinstance(value, list):
        return [trusted(item) for item in value]
    if isinstance(value, str):
        return trust_as_template(value)
    return value


def is_data(text):
    if DATA_TAGGING:
        return not is_trusted_as_template(text)
    return isinstance(text, AnsibleUnsafe)


# Alerts in the shape alert_info returns them (plugins/modules/alert_info.py RETURN).
ALERTS = [
    {"alert_id": TEMPLATE, "type": "http-server", "severity": "major", "started": "2026-11-26T06:00:00Z", "test_id": "281474976710706",
     "test_name": TEMPLATE},
    {"alert_id": "agent-1", "type": "agent", "severity": "minor", "started": "2026-11-26T06:00:00Z", "test_id": None, "test_name": None},
]


def run(args, check_mode=False):
    task = Task()
    task.args = dict(args)
    task.check_mode = check_mode
    action = ActionModule(task, MagicMock(), MagicMock(check_mode=check_mode), loader=MagicMock(), templar=None, shared_loader_obj=None)
    action._load_name = "cisco.thousandeyes.alert_snapshot_plan"
    return action.run(task_vars={})


def test_the_plan_and_every_returned_string_is_data():
    result = run({"alerts": trusted(ALERTS), "title_format": "{test} {alert_id}"})
    assert not result.get("failed") and result["changed"] is False, result
    (snapshot,) = result["snapshots"]
    assert snapshot["display_name"] == "%s %s" % (TEMPLATE, TEMPLATE) and snapshot["test_id"] == "281474976710706"
    assert [item["alert_id"] for item in result["skipped_alerts"]] == ["agent-1"]
    assert [text for text in strings(result) if not is_data(text)] == []


def test_bad_options_fail_as_a_result_or_before_running():
    result = run({"alerts": ALERTS, "fallback_hours": 3})
    assert result["failed"] and "Option fallback_hours: 3" in result["msg"]
    with pytest.raises(AnsibleError) as error:
        run({"title_format": "x"})
    assert "alerts" in str(error.value)


def test_empty_options_mean_unset_and_check_mode_plans_the_same():
    checked = run({"alerts": ALERTS, "title_format": "", "aid": ""}, check_mode=True)
    assert checked["snapshots"][0]["account_group_id"] is None
    assert checked["snapshots"][0]["display_name"].startswith("ThousandEyes alert {{ lookup(")
