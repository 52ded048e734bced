# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.alert_event (documented in plugins/modules/alert_event.py): reads the Event-Driven Ansible
# event on the controller, straight from the task's variables, so that no part of it is ever templated.
#
# Why an action plugin: ansible-rulebook hands the event to the playbook inside the extra variable ansible_eda.
# Ansible templates extra variables when a template reads them (ansible-core 2.16 to 2.18 evaluate every string
# of ansible_eda as soon as any part of it is read; 2.19 and later trust extra variables as templates). Here the
# event is read from task_vars as raw Python data, and what is returned is marked as data: unsafe on 2.16 to 2.18,
# without the TrustedAsTemplate tag on 2.19 and later (a value returned as it came from task_vars would keep it,
# and a later template would evaluate it).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase
from ansible.utils.unsafe_proxy import wrap_var
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import (
    CLEARED,
    DEFAULT_FALLBACK_HOURS,
    AlertEventError,
    TitleFormatError,
    plan_snapshot,
)

ARGUMENT_SPEC = dict(
    title_format=dict(type="str"),
    fallback_hours=dict(type="int", default=DEFAULT_FALLBACK_HOURS),
    account_group_id=dict(type="str", aliases=["aid"]),
    api_version=dict(type="str", default="v7", choices=["v7", "v6"]),
)


def as_data(result):
    """The result with every string marked as data that Ansible never templates, on every supported ansible-core."""
    return wrap_var(result)


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # nothing runs on a remote host
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        # Empty strings (a variable forwarded unset by the rulebook) mean "not set".
        title_format = args.get("title_format") or None
        account_group_id = args.get("account_group_id") or None
        try:
            plan = plan_snapshot(task_vars or {}, title_format=title_format, fallback_hours=args["fallback_hours"],
                                 account_group_id=account_group_id, api_version=args["api_version"])
        except (AlertEventError, TitleFormatError, ValueError) as error:
            problem = str(error)
        else:
            problem = None
            result.update(plan)
            result["cleared"] = plan["outcome"] == CLEARED
            result["changed"] = False
        if problem:
            result.update(failed=True, msg=problem, changed=False)
        return as_data(result)
