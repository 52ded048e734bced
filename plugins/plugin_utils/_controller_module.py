# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# ControllerModule stands in for AnsibleModule when a module's logic (module_utils/_snapshot_module.py,
# _test_info_module.py) runs inside an action plugin, in the controller. It does what AnsibleModule does around that
# logic, the same way: the argument spec with its aliases, types, choices, defaults and fallbacks, the same validation
# messages, check and diff mode, warnings and deprecations, no_log values masked, and the invocation added.
# exit_json and fail_json end the run by raising ModuleExit with the result.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

try:
    # ansible-core 2.22+ masks secrets where they are shown: a registered secret is replaced by $REDACTED$ in the
    # display, the callbacks' results and the logs, and AnsibleModule returns its result unmasked (remove_values() is
    # deprecated). The secrets a controller worker registers go to the main process with its next message.
    from ansible.module_utils.secrets import register_secrets
except ImportError:  # ansible-core 2.16 to 2.21: AnsibleModule removes the no_log values from its result
    from ansible.module_utils.common.parameters import remove_values

    def _masked(result, no_log_values):
        return remove_values(result, no_log_values)
else:
    def _masked(result, no_log_values):
        register_secrets(no_log_values)
        return result


def validation_notes(validation):
    """(no_log values, alias deprecations, alias warnings) of an ArgumentSpecValidator's ValidationResult.

    ansible-core has no public accessor for them: ModuleArgumentSpecValidator.validate() reads these same private
    attributes and hands them to the process-wide warn()/deprecate() of module_utils.common.warnings, state that a
    controller worker must not touch (2.19+ sends them to the controller's display there). Read in ansible-core 2.16,
    2.19, 2.21 and 2.22; the tests of them in tests/unit/plugins/plugin_utils/test__controller_module.py run on every
    core from 2.16 to 2.22 (make test's ansible-test-units-<core> sessions) and fail if they change.
    """
    return set(validation._no_log_values), list(validation._deprecations), list(validation._warnings)


class ModuleExit(Exception):
    """The end of a run, with its result (failed or not)."""

    def __init__(self, result):
        super(ModuleExit, self).__init__(result.get("msg", ""))
        self.result = result


class ControllerModule(object):
    """The part of AnsibleModule's interface that the collection's module logic uses."""

    def __init__(self, name, argument_spec, args, check_mode=False, diff=False, inject_invocation=True):
        self._name = name
        self._inject_invocation = inject_invocation
        self.check_mode = bool(check_mode)
        self._diff = bool(diff)
        self._warnings = []
        self._deprecations = []
        validation = ArgumentSpecValidator(argument_spec).validate(args)
        self.params = validation.validated_parameters
        no_log_values, deprecations, warnings = validation_notes(validation)
        self.no_log_values = no_log_values
        # What ModuleArgumentSpecValidator says about aliases, in its words.
        for deprecation in deprecations:
            self.deprecate(deprecation["msg"], version=deprecation.get("version"), date=deprecation.get("date"),
                           collection_name=deprecation.get("collection_name"))
        for warning in warnings:
            self.warn("Both option {option} and its alias {alias} are set.".format(option=warning["option"], alias=warning["alias"]))
        errors = validation.errors
        if validation.error_messages:
            message = errors.msg
            if isinstance(errors[0], UnsupportedError):
                message = "Unsupported parameters for ({name}) {kind}: {msg}".format(name=name, kind="module", msg=message)
            self.fail_json(msg=message)

    def warn(self, warning):
        self._warnings.append(warning)

    def deprecate(self, msg, version=None, date=None, collection_name=None):
        deprecation = {"msg": msg, "collection_name": collection_name}
        if date is not None:
            deprecation["date"] = date
        else:
            deprecation["version"] = version
        self._deprecations.append(deprecation)

    def exit_json(self, **result):
        raise ModuleExit(self._finish(result))

    def fail_json(self, msg, **result):
        result.update(failed=True, msg=str(msg))
        # A module's traceback of an expected failure is never shown; nothing here would carry one.
        result.pop("exception", None)
        raise ModuleExit(self._finish(result))

    def _finish(self, result):
        if self._inject_invocation:
            result.setdefault("invocation", {"module_args": self.params})
        if self._warnings:
            result["warnings"] = list(self._warnings)
        if self._deprecations:
            result["deprecations"] = list(self._deprecations)
        # What AnsibleModule does with its no_log values on this core, including those the logic added after validation.
        return _masked(result, self.no_log_values)
