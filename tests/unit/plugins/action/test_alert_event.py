# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The alert_event action plugin: options, failures as results, and above all that what it returns is data Ansible
# never templates: unsafe on ansible-core 2.16 to 2.18, and without the TrustedAsTemplate tag on 2.19 and later,
# even when the event came in as trusted extra variables.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleError
from ansible_collections.cisco.thousandeyes.plugins.action.alert_event import ActionModule

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }}"


def task_vars(data, **alert):
    body = {"type": "2", "alert": {"id": TEMPLATE, "test": {"id": "281474976710706", "name": TEMPLATE},
                                   "rule": {"name": "{% raise %}", "account": {"id": "1234"}}, "triggered": 1795665600000}}
    body["alert"].update(alert)
    return data.trusted({"ansible_eda": {"event": {"payload": body, "meta": {"headers": {"X-Probe": TEMPLATE}}}}})


@pytest.fixture
def run(run_action, data):
    def run(args=None, variables=None, check_mode=False):
        return run_action(ActionModule, "cisco.thousandeyes.alert_event", args, task_vars(data) if variables is None else variables, check_mode)
    return run


def test_every_returned_string_is_data(run, data):
    result = run({"title_format": "{test} | {rule_name} | {alert_id}"})

    assert not result.get("failed"), result
    assert result["snapshot"]["display_name"] == "%s | {%% raise %%} | %s" % (TEMPLATE, TEMPLATE)
    assert TEMPLATE in list(data.strings(result)) and result["alert"]["rule_name"] == "{% raise %}"
    assert data.not_data(result) == []


def test_the_event_does_come_in_trusted_so_the_test_above_means_something(data):
    if not data.tagging:
        pytest.skip("only ansible-core 2.19 and later mark values as trusted templates")
    variables = task_vars(data)
    assert data.is_trusted(variables["ansible_eda"]["event"]["payload"]["alert"]["id"])


def test_failure_is_a_result_with_data_only(run, data):
    result = run(variables=data.trusted({"ansible_eda": {"event": {"payload": {"type": TEMPLATE, "alert": {}}}}}))

    assert result["failed"] and not result["changed"]
    assert result["msg"].startswith("The event's payload.type is \"{{ lookup('pipe'")
    assert data.not_data(result) == []


def test_cleared_alert(run, data):
    result = run(variables=data.trusted({"ansible_eda": {"event": {"payload": {"type": "1", "alert": {"id": "a1", "test": {"name": "Web"}}}}}}))

    assert result["cleared"] and result["notification"] == "cleared" and result["snapshot"] is None
    assert not result["changed"] and not result.get("failed")


def test_options_reach_the_plan_and_empty_ones_mean_unset(run, data):
    result = run({"account_group_id": "5678", "fallback_hours": 6, "api_version": "v6", "title_format": ""},
                 variables=task_vars(data, triggered=None))

    assert result["snapshot"]["account_group_id"] == "5678" and result["snapshot"]["hours"] == 6
    assert result["snapshot"]["display_name"].startswith("ThousandEyes alert {{ lookup(")
    assert run({"aid": ""})["snapshot"]["account_group_id"] == "1234"


def test_bad_options_fail_naming_them(run):
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


def test_check_mode_reads_the_same(run):
    checked, normal = run(check_mode=True)["snapshot"], run()["snapshot"]
    checked.pop("end"), normal.pop("end")  # the current minute
    assert checked == normal
