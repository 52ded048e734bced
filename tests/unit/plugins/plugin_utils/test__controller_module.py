# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# ControllerModule against AnsibleModule itself: the same arguments give the same parameters, messages and masking.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import argument_spec
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_module import ControllerModule, ModuleExit

TOKEN = "s3cr3t-T0ken-value"
NAME = "cisco.thousandeyes.snapshot"


def controller(args, **options):
    try:
        return ControllerModule(NAME, argument_spec(), args, **options), None
    except ModuleExit as done:
        return None, done.result


def ansible_module(run_module, args):
    """What AnsibleModule makes of the same arguments: its params, or its failure."""
    def main():
        module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
        module.exit_json(params=module.params)
    outcome = run_module(main, dict(args, _ansible_module_name=NAME))
    return outcome.result


@pytest.mark.parametrize("args", [
    {"token": TOKEN, "test_id": "1", "hours": "4", "aid": "1234", "from": "2026-11-26 04:00:00"},
    {"token": TOKEN, "test_name": "Checkout API", "public": "yes", "timeout": "5"},
], ids=["aliases and a string hours", "boolean and integer conversions"])
def test_the_parameters_are_the_ones_ansible_module_makes(run_module, args):
    module, failure = controller(args)
    assert failure is None
    expected = ansible_module(run_module, args)["params"]
    # AnsibleModule's output masks the token; the parameters themselves hold it.
    assert expected.pop("token") == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" and module.params.pop("token") == TOKEN
    assert module.params == expected


@pytest.mark.parametrize("args", [
    {"token": TOKEN, "test_id": "1", "hours": 4, "foo": 1},
    {"token": TOKEN, "test_id": "1", "hours": "four"},
    {"token": TOKEN, "test_id": "1", "hours": 4, "api_version": "v8"},
], ids=["unsupported", "type", "choice"])
def test_validation_failures_have_ansible_modules_message(run_module, args):
    module, failure = controller(args)
    assert module is None and failure["failed"] is True
    assert failure["msg"] == ansible_module(run_module, args)["msg"]


def test_both_an_option_and_its_alias_warn_as_ansible_module_does():
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4, "aid": "1", "account_group_id": "1"})
    assert module._warnings == ["Both option account_group_id and its alias aid are set."]


def test_exit_masks_no_log_values_everywhere_and_adds_the_invocation():
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4})
    with pytest.raises(ModuleExit) as done:
        module.exit_json(changed=True, echoed="the API said " + TOKEN)
    result = done.value.result
    assert TOKEN not in str(result)
    assert result["invocation"]["module_args"]["token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
    assert result["changed"] is True


def test_extra_no_log_values_are_masked_too():
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4})
    module.no_log_values.add("basic-form-of-the-credentials")
    with pytest.raises(ModuleExit) as done:
        module.fail_json(msg="answer held basic-form-of-the-credentials", status=401)
    assert "basic-form-of-the-credentials" not in str(done.value.result)
    assert done.value.result["failed"] is True and "exception" not in done.value.result


def test_without_invocation_injection_there_is_no_invocation():
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4}, inject_invocation=False)
    with pytest.raises(ModuleExit) as done:
        module.exit_json(changed=False)
    assert "invocation" not in done.value.result


def test_warnings_and_deprecations_are_in_the_result():
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4}, check_mode=True, diff=True)
    assert (module.check_mode, module._diff) == (True, True)
    module.warn("careful")
    module.deprecate("old", version="2.0.0", collection_name="cisco.thousandeyes")
    with pytest.raises(ModuleExit) as done:
        module.exit_json(changed=False)
    assert done.value.result["warnings"] == ["careful"]
    assert done.value.result["deprecations"] == [{"msg": "old", "version": "2.0.0", "collection_name": "cisco.thousandeyes"}]
