# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Fixtures shared by the tests of the controller-only action plugins (plugins/action/alert_event.py and the others
# built on plugin_utils/_controller_only_action.py): running one as ansible-core's TaskExecutor would, and telling
# whether what it returns is data that Ansible never templates.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from collections.abc import Mapping
from unittest.mock import MagicMock

import pytest

# Controller code is imported where it is used: ansible-test runs the tests of plugins/modules/ with only
# ansible.module_utils importable, and pytest loads this file for them too.
try:  # ansible-core 2.19 and later: data tagging
    from ansible.template import is_trusted_as_template, trust_as_template
    DATA_TAGGING = True
except ImportError:
    DATA_TAGGING = False


class Data(object):
    """Marks values the way ansible-core holds extra variables, and finds returned strings a template would evaluate."""

    tagging = DATA_TAGGING

    def trusted(self, value):
        """The value marked the way ansible-core holds extra variables: trusted as a template on 2.19 and later."""
        if not DATA_TAGGING:
            return value
        if isinstance(value, Mapping):
            return dict((self.trusted(key), self.trusted(item)) for key, item in value.items())
        if isinstance(value, list):
            return [self.trusted(item) for item in value]
        if isinstance(value, str):
            return trust_as_template(value)
        return value

    @staticmethod
    def is_trusted(text):
        return DATA_TAGGING and is_trusted_as_template(text)

    @staticmethod
    def is_data(text):
        """Unsafe on ansible-core 2.16 to 2.18, not trusted as a template on 2.19 and later."""
        if DATA_TAGGING:
            return not is_trusted_as_template(text)
        from ansible.utils.unsafe_proxy import AnsibleUnsafe
        return isinstance(text, AnsibleUnsafe)

    def strings(self, value):
        """Every str in a nested result, keys included."""
        if isinstance(value, Mapping):
            for key, item in value.items():
                yield from self.strings(key)
                yield from self.strings(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from self.strings(item)
        elif isinstance(value, str):
            yield value

    def not_data(self, result):
        """The strings of a result that a later template would evaluate (none, for a controller-only action)."""
        return [text for text in self.strings(result) if not self.is_data(text)]


@pytest.fixture
def data():
    return Data()


@pytest.fixture
def run_action(monkeypatch):
    """run_action(ActionModule, name, args, task_vars, check_mode, extra_vars): the plugin's result.

    extra_vars are ansible-playbook's `-e` options (context.CLIARGS['extra_vars']), which the survey actions read.
    """
    from ansible import context
    from ansible.playbook.task import Task

    def run(action_class, name, args=None, task_vars=None, check_mode=False, extra_vars=()):
        monkeypatch.setattr(context, "CLIARGS", dict(context.CLIARGS, extra_vars=tuple(extra_vars)))
        task = Task()
        task.args = dict(args or {})
        task.check_mode = check_mode
        action = action_class(task, MagicMock(), MagicMock(check_mode=check_mode), loader=MagicMock(), templar=None, shared_loader_obj=None)
        action._load_name = name  # set by the plugin loader in a real run
        return action.run(task_vars={} if task_vars is None else task_vars)
    return run
