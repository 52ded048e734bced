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
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.utils.display import Display
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import HAS_REQUESTS
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_module import ControllerModule, ModuleExit


display = Display()

# Variables a process reads only when it starts: OpenSSL's configuration, providers and CPU flags (OPENSSL_CONF,
# OPENSSL_MODULES, OPENSSL_ia32cap, ...), the dynamic loader's (LD_PRELOAD, LD_LIBRARY_PATH) and the interpreter's
# (PYTHONPATH, PYTHONWARNINGS, ...). Laid over os.environ in the running controller they do nothing; the module's new
# process honours them, so a task that sets one runs the module path. SSL_CERT_DIR is here because OpenSSL consults
# that directory lazily, during verification, in ways that differ between its versions. SSL_CERT_FILE is not:
# OpenSSL reads it each time a TLS context loads its default paths, so the controller path honours it already.
PROCESS_START_PREFIXES = ("OPENSSL_", "LD_", "PYTHON")
PROCESS_START_NAMES = ("SSL_CERT_DIR",)


def process_start_variables(environment):
    """The names in a task's environment that only a new process would honour, and that differ from this one's."""
    return sorted(
        str(name) for name, value in environment.items()
        if (str(name).startswith(PROCESS_START_PREFIXES) or str(name) in PROCESS_START_NAMES)
        and os.environ.get(str(name)) != str(value)
    )


class LocalFirstAction(NormalAction):
    """Subclasses give the module's logic (logic(): a ThousandEyesModule on a module) and its argument spec."""

    def logic(self, module):
        raise NotImplementedError

    def argument_spec(self):
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        if not self.runs_in_controller():
            return super(LocalFirstAction, self).run(tmp, task_vars)
        # The task's environment keyword, as the module process would get it: it feeds the options' environment
        # fallbacks and what requests reads (proxies, CA bundles).
        environment = task_environment_of(self)
        needs_new_process = process_start_variables(environment)
        if needs_new_process:
            display.vvv("%s runs as a module: the task's environment sets %s, which only a new process honours."
                        % (self._task.resolved_action, ", ".join(needs_new_process)))
            return super(LocalFirstAction, self).run(tmp, task_vars)
        result = {}
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


def task_environment_of(action):
    """The task's environment keyword, templated and merged (play, block, task), as a dict.

    ansible-core has no public API for it: ActionBase._compute_environment_string(raw_environment_out) is what
    core's own action plugins call, and the only place the merging and templating rules live. Read in ansible-core
    2.16, 2.19, 2.21 and 2.22 (same signature; it fills the dict it is given); the test of it in
    tests/unit/plugins/plugin_utils/test__local_first_action.py runs on every core from 2.16 to 2.22 (make test's
    ansible-test-units-<core> sessions) and fails if that changes.
    """
    environment = {}
    action._compute_environment_string(environment)
    return environment


try:
    # ansible-core 2.19+: the public encoder that module_common uses for a module's arguments (modules without
    # metadata, as this collection's, have the 'legacy' serialization profile).
    from ansible.module_utils.common.json import Direction, get_module_encoder
except ImportError:  # ansible-core 2.16 to 2.18: module_common encodes the arguments with AnsibleJSONEncoder(vault_to_text=True)
    from ansible.module_utils.common.json import AnsibleJSONEncoder

    def _encoded(args):
        return json.dumps(args, cls=AnsibleJSONEncoder, vault_to_text=True)
else:
    def _encoded(args):
        return json.dumps(args, cls=get_module_encoder("legacy", Direction.CONTROLLER_TO_MODULE))


def module_arguments(args):
    """The task's arguments as a module receives them: through JSON, so plain str/int/bool (no YAML or unsafe
    types, vaulted values as their text), and the validation messages name the same types in both paths."""
    return json.loads(_encoded(args))


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
