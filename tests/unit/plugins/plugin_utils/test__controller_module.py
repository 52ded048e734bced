# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# ControllerModule against AnsibleModule itself: the same arguments give the same parameters, messages and masking.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json

import pytest

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common import warnings as module_warnings
from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import argument_spec
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_module import ControllerModule, ModuleExit, validation_notes
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._local_first_action import inject_invocation

try:
    from ansible.module_utils import _internal as module_internal
except ImportError:  # ansible-core < 2.19
    module_internal = None
try:
    # ansible-core 2.22+: results hold the no_log values; Ansible masks the registered secrets where it shows them.
    from ansible.module_utils.secrets import mask_secrets
except ImportError:  # ansible-core 2.16 to 2.21: AnsibleModule (and ControllerModule) remove them from the result
    mask_secrets = None

TOKEN = "s3cr3t-T0ken-value"
NAME = "cisco.thousandeyes.snapshot"
# How a no_log option's value, and a no_log value inside a text, show.
MASKED_OPTION = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" if mask_secrets is None else "$REDACTED$"
MASKED_IN_TEXT = "********" if mask_secrets is None else "$REDACTED$"


def shown(result):
    """A ControllerModule result as Ansible shows it: up to 2.21 the result itself, from 2.22 the result with the
    secrets registered in this process masked (tests/unit/conftest.py gives each test an empty registry)."""
    text = json.dumps(result)
    return json.loads(mask_secrets(text) if mask_secrets else text)


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
    # The parameters hold the token; AnsibleModule's output masks it up to 2.21 (from 2.22 the display does).
    assert expected.pop("token") == (TOKEN if mask_secrets else "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER")
    assert module.params.pop("token") == TOKEN
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
    result = shown(done.value.result)
    assert TOKEN not in json.dumps(result)
    assert result["invocation"]["module_args"]["token"] == MASKED_OPTION
    assert result["echoed"] == "the API said " + MASKED_IN_TEXT
    assert result["changed"] is True


def test_extra_no_log_values_are_masked_too():
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4})
    module.no_log_values.add("basic-form-of-the-credentials")
    with pytest.raises(ModuleExit) as done:
        module.fail_json(msg="answer held basic-form-of-the-credentials", status=401)
    assert shown(done.value.result)["msg"] == "answer held " + MASKED_IN_TEXT
    assert done.value.result["failed"] is True and "exception" not in done.value.result


def test_masking_gives_no_deprecation_warning(monkeypatch):
    # ansible-core 2.22 deprecates remove_values(), which masked the result up to 2.21: the warning would show on every run.
    monkeypatch.setattr(module_warnings, "_global_deprecations", type(module_warnings._global_deprecations)())
    if module_internal is not None and hasattr(module_internal, "is_controller"):
        monkeypatch.setattr(module_internal, "is_controller", False)  # deprecations kept here, not sent to a display
    module, failure = controller({"token": TOKEN, "test_id": "1", "hours": 4})
    with pytest.raises(ModuleExit) as done:
        module.exit_json(changed=False, echoed=TOKEN)
    assert "deprecations" not in done.value.result
    assert list(module_warnings._global_deprecations) == []


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


# A spec with each thing ansible-core keeps only in ValidationResult's private attributes: a no_log option, an alias
# set together with its option (a warning) and a deprecated alias (a deprecation).
NOTED_SPEC = {
    "secret": {"type": "str", "no_log": True},
    "name": {"type": "str", "aliases": ["label"]},
    "old": {"type": "str", "aliases": ["older"], "deprecated_aliases": [{"name": "older", "version": "2.0.0", "collection_name": "cisco.thousandeyes"}]},
}
NOTED_ARGS = {"secret": "s3cr3t-value", "name": "a", "label": "a", "older": "v"}


def test_core_still_keeps_the_validation_notes_where_validation_notes_reads_them():
    # Fails when ansible-core renames or reshapes ValidationResult._no_log_values, ._deprecations or ._warnings.
    no_log_values, deprecations, warnings = validation_notes(ArgumentSpecValidator(NOTED_SPEC).validate(NOTED_ARGS))
    assert no_log_values == {"s3cr3t-value"}
    assert [(item["msg"], item["version"], item["collection_name"]) for item in deprecations] == [
        ("Alias 'older' is deprecated. See the module docs for more information", "2.0.0", "cisco.thousandeyes")]
    assert warnings == [{"option": "name", "alias": "label"}]


def deprecation_texts(deprecations):
    """(msg, version, collection) of each deprecation, as ansible-core gives them (dicts; 2.19+ as summaries)."""
    return [(item.get("msg") or item["event"]["msg"], item.get("version"),
             item.get("collection_name") or (item.get("deprecator") or {}).get("resolved_name")) for item in deprecations]


def test_alias_warnings_deprecations_and_masking_are_ansible_modules_own(run_module):
    # ControllerModule words the notes itself; AnsibleModule is the reference, so a change of core's texts shows here.
    def main():
        module = AnsibleModule(argument_spec=NOTED_SPEC)
        module.exit_json(echo="got " + module.params["secret"])
    expected = run_module(main, dict(NOTED_ARGS, _ansible_module_name=NAME))

    # ansible-core 2.21 adds the invocation only when INJECT_INVOCATION asks; the action plugin reads the same setting.
    module = ControllerModule(NAME, NOTED_SPEC, dict(NOTED_ARGS), inject_invocation=inject_invocation(None))
    with pytest.raises(ModuleExit) as done:
        module.exit_json(echo="got " + module.params["secret"])
    result = done.value.result
    assert result.get("warnings") == expected.warnings == ["Both option name and its alias label are set."]
    assert deprecation_texts(result.get("deprecations", [])) == deprecation_texts(expected.result.get("deprecations", [])) == [
        ("Alias 'older' is deprecated. See the module docs for more information", "2.0.0", "cisco.thousandeyes")]
    assert result["echo"] == expected.result["echo"]
    assert shown(result)["echo"] == json.loads(expected.shown)["echo"] == "got " + MASKED_IN_TEXT
    assert result.get("invocation") == expected.result.get("invocation")
