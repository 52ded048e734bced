# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The base of the controller-only action plugins: options validated before outcome() runs, a result that changes
# nothing, and every string in it data that Ansible never templates.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleError
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_only_action import ControllerOnlyAction

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }}"


class EchoAction(ControllerOnlyAction):
    """Returns an option and a task variable as they came, or fails with the variable as its message."""

    ARGUMENT_SPEC = dict(count=dict(type="int", default=1), fail=dict(type="bool", default=False))
    seen = None

    def outcome(self, args, task_vars):
        EchoAction.seen = (args, task_vars)
        if args["fail"]:
            return dict(failed=True, msg=task_vars["text"])
        return dict(count=args["count"], echo={task_vars["text"]: [task_vars["text"]]})


def test_the_result_changes_nothing_and_every_string_in_it_is_data(run_action, data):
    result = run_action(EchoAction, "echo", {"count": "3"}, {"text": data.trusted(TEMPLATE)})
    assert result["changed"] is False and not result.get("failed") and result["count"] == 3
    assert result["echo"] == {TEMPLATE: [TEMPLATE]} and data.not_data(result) == []


def test_a_failure_is_a_result_whose_message_is_data(run_action, data):
    result = run_action(EchoAction, "echo", {"fail": True}, {"text": data.trusted(TEMPLATE)})
    assert result["failed"] and result["changed"] is False and result["msg"] == TEMPLATE
    assert data.not_data(result) == []


def test_bad_options_fail_before_outcome_runs(run_action):
    EchoAction.seen = None
    with pytest.raises(AnsibleError) as error:
        run_action(EchoAction, "echo", {"count": "many"})
    assert "count" in str(error.value) and EchoAction.seen is None
    with pytest.raises(AnsibleError) as error:
        run_action(EchoAction, "echo", {"other": 1})
    assert "other" in str(error.value) and EchoAction.seen is None


def test_no_task_variables_are_an_empty_mapping(run_action):
    action_class = type("NoVars", (ControllerOnlyAction,), {"outcome": lambda self, args, task_vars: dict(vars=task_vars, args=args)})
    result = run_action(action_class, "novars", task_vars=None)
    assert result["vars"] == {} and result["args"] == {}
    assert action_class.TRANSFERS_FILES is False and action_class._requires_connection is False
