# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The base of the collection's action plugins. When the task's target is this machine (a local connection, as with
# hosts: localhost or delegate_to: localhost), the module's own logic runs right here in the controller: no module
# payload, no new Python process. Anywhere else it executes the module on the target, exactly as without the plugin.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json
import os
import warnings

from ansible import constants as C
from ansible.module_utils.common.json import AnsibleJSONEncoder
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import HAS_REQUESTS
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_module import ControllerModule, ModuleExit


class LocalFirstAction(NormalAction):
    """Subclasses give the module's logic (logic(): a ThousandEyesModule on a module) and its argument spec."""

    def logic(self, module):
        raise NotImplementedError

    def argument_spec(self):
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        if not self.runs_in_controller():
            return super(LocalFirstAction, self).run(tmp, task_vars)
        result = {}
        environment = {}
        # The task's environment keyword, as the module process would get it: it feeds the options' environment
        # fallbacks and what requests reads (proxies, CA bundles).
        self._compute_environment_string(environment)
        # Python warnings (urllib3's, say) would be written to this worker's stderr. A module's go to its own stderr,
        # which the task never shows; here the write can block for good (ansible-core 2.16 guards stderr with a lock
        # that a worker inherits, possibly held, from its parent).
        with task_environment(environment), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                module = ControllerModule(self._task.resolved_action, self.argument_spec(), module_arguments(self._task.args),
                                          check_mode=self._task.check_mode, diff=self._task.diff,
                                          inject_invocation=inject_invocation(task_vars))
                self.logic(module).run()
            except ModuleExit as done:
                result.update(done.result)
        return result

    def runs_in_controller(self):
        """Local target, no become (the module would run as another user), no async, and requests importable here."""
        return (
            HAS_REQUESTS
            and getattr(self._connection, "transport", None) == "local"
            and not self._play_context.become
            and not self._task.async_val
        )


def module_arguments(args):
    """The task's arguments as a module receives them: through JSON, so plain str/int/bool (no YAML or unsafe
    types, vaulted values as their text), and the validation messages name the same types in both paths."""
    return json.loads(json.dumps(args, cls=AnsibleJSONEncoder, vault_to_text=True))


def inject_invocation(task_vars):
    """ansible-core 2.21 made the invocation in task results a setting (INJECT_INVOCATION, off by default); before,
    modules always added it."""
    if "INJECT_INVOCATION" not in C.config.get_configuration_definitions():
        return True
    return bool(C.config.get_config_value("INJECT_INVOCATION", variables=task_vars))


@contextlib.contextmanager
def task_environment(environment):
    """os.environ with the task's environment laid over it, for the duration of a with block."""
    saved = dict(os.environ)
    os.environ.update(dict((str(name), str(value)) for name, value in environment.items()))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)
