# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The alert_event action plugin: options, failures as results, and above all that what it returns is data Ansible
# never templates: unsafe on ansible-core 2.16 to 2.18, and without the TrustedAsTemplate tag on 2.19 and later,
# even when the event came in as trusted extra variables.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping
from unittest.mock import MagicMock

import pytest

from ansible.errors import AnsibleError
from ansible.playbook.task import Task
from ansible.utils.unsafe_proxy import AnsibleUnsafe
from ansible_collections.cisco.thousandeyes.plugins.action.alert_event import ActionModule

try:  # ansible-core 2.19 and later: data tagging
    from ansible.template import is_trusted_as_template, trust_as_template
    DATA_TAGGING = True
except ImportError:
    DATA_TAGGING = False

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }}"


def strings(value):
    """Every str in a nested result."""
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
    """The value marked the way ansible-core holds extra variables: trusted as a template on 2.19 and later."""
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


def task_vars(**alert):
    body = {"type": "2", "alert": {"id": TEMPLATE, "test": {"id": "281474976710706", "name": TEMPLATE},
                                   "rule": {"name": "{% raise %}", "account": {"id": "1234"}}, "triggered": 1795665600000}}
    body["alert"].update(alert)
    return trusted({"ansible_eda": {"event": {"payload": body, "meta": {"headers": {"X-Probe": TEMPLATE}}}}})


def run(args=None, variables=None, check_mode=False):
    task = Task()
    task.args = dict(args or {})
    task.check_mode = check_mode
    action = ActionModule(task, MagicMock(), MagicMock(check_mode=check_mode), loader=MagicMock(), templar=None, shared_loader_obj=None)
    action._load_name = "cisco.thousandeyes.alert_event"  # set by the plugin loader in a real run
    return action.run(task_vars=task_vars() if variables is None else variables)


def test_every_returned_string_is_data():
    result = run({"title_format": "{test} | {rule_name} | {alert_id}"})

    assert not result.get("failed"), result
    assert result["snapshot"]["display_name"] == "%s | {%% raise %%} | %s" % (TEMPLATE, TEMPLATE)
    texts = list(strings(result))
    assert TEMPLATE in texts and result["alert"]["rule_name"] == "{% raise %}"
    assert [text for text in texts if not is_data(text)] == []


@pytest.mark.skipif(not DATA_TAGGING, reason="only ansible-core 2.19 and later mark values as trusted templates")
def test_the_event_does_come_in_trusted_so_the_test_above_means_something():
    variables = task_vars()
    assert is_trusted_as_template(variables["ansible_eda"]["event"]["payload"]["alert"]["id"])


def test_failure_is_a_result_with_data_only():
    result = run(variables=trusted({"ansible_eda": {"event": {"payload": {"type": TEMPLATE, "alert": {}}}}}))

    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("The event's payload.type is \"{{ lookup('pipe'")
    assert [text for text in strings(result) if not is_data(text)] == []


def test_cleared_alert():
    result = run(variables=trusted({"ansible_eda": {"event": {"payload": {"type": "1", "alert": {"id": "a1", "test": {"name": "Web"}}}}}}))

    assert result["cleared"] and result["notification"] == "cleared" and result["snapshot"] is None
    assert not result["changed"] and not result.get("failed")


def test_options_reach_the_plan_and_empty_ones_mean_unset():
    result = run({"account_group_id": "5678", "fallback_hours": 6, "api_version": "v6", "title_format": ""},
                 variables=task_vars(triggered=None))

    assert result["snapshot"]["account_group_id"] == "5678" and result["snapshot"]["hours"] == 6
    assert result["snapshot"]["display_name"].startswith("ThousandEyes alert {{ lookup(")
    assert run({"aid": ""})["snapshot"]["account_group_id"] == "1234"


def test_bad_options_fail_naming_them():
    result = run({"fallback_hours": 5})
    assert result["failed"] and "Option fallback_hours (te_fallback_hours): 5 is not a window" in result["msg"]

    result = run({"title_format": "{nope}"})
    assert result["failed"] and result["msg"].startswith("Option title_format: unknown placeholder {nope}; allowed:")

    with pytest.raises(AnsibleError) as error:
        run({"api_version": "v8"})
    assert "api_version" in str(error.value) and "v7" in str(error.value)

    with pytest.raises(AnsibleError) as error:
        run({"title": "x"})
    assert "title" in str(error.value)


def test_check_mode_reads_the_same():
    checked, normal = run(check_mode=True)["snapshot"], run()["snapshot"]
    checked.pop("end"), normal.pop("end")  # the current minute
    assert checked == normal
