# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The incident_survey action plugin: it reads the answers from the task's variables without templating them, and
# what it returns is data Ansible never templates, even when the answers came in as trusted extra variables.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from unittest.mock import MagicMock

import pytest

from ansible.errors import AnsibleError
from ansible.playbook.task import Task
from ansible.utils.unsafe_proxy import AnsibleUnsafe
from ansible_collections.cisco.thousandeyes.plugins.action.incident_survey import ActionModule

try:  # ansible-core 2.19 and later: data tagging
    from ansible.template import is_trusted_as_template, trust_as_template
    DATA_TAGGING = True
except ImportError:
    DATA_TAGGING = False

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }} {test}"


def trusted(text):
    return trust_as_template(text) if DATA_TAGGING else text


def is_data(text):
    if DATA_TAGGING:
        return not is_trusted_as_template(text)
    return isinstance(text, AnsibleUnsafe)


def run(variables, args=None):
    task = Task()
    task.args = dict(args or {})
    action = ActionModule(task, MagicMock(), MagicMock(check_mode=False), loader=MagicMock(), templar=None, shared_loader_obj=None)
    action._load_name = "cisco.thousandeyes.incident_survey"
    return action.run(task_vars=variables)


def test_a_template_in_an_answer_comes_back_as_data():
    result = run({"te_title_format": trusted(TEMPLATE), "te_aid": trusted("1234"), "te_public": "false"})
    assert not result.get("failed") and result["changed"] is False, result
    assert result["options"]["title_format"] == TEMPLATE and is_data(result["options"]["title_format"])
    assert result["options"]["aid"] == "1234" and is_data(result["options"]["aid"])


def test_bad_answers_fail_as_a_result_naming_them():
    result = run({"te_fallback_hours": "5", "te_aid": "12a"})
    assert result["failed"] and "te_aid" in result["msg"] and "te_fallback_hours" in result["msg"]


def test_it_takes_no_options():
    with pytest.raises(AnsibleError) as error:
        run({}, {"te_aid": "1"})
    assert "te_aid" in str(error.value)
