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

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import (
    CLEARED,
    DEFAULT_FALLBACK_HOURS,
    AlertEventError,
    TitleFormatError,
    plan_snapshot,
)
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_only_action import ControllerOnlyAction


class ActionModule(ControllerOnlyAction):

    ARGUMENT_SPEC = dict(
        title_format=dict(type="str"),
        fallback_hours=dict(type="int", default=DEFAULT_FALLBACK_HOURS),
        account_group_id=dict(type="str", aliases=["aid"]),
        api_version=dict(type="str", default="v7", choices=["v7", "v6"]),
    )

    def outcome(self, args, task_vars):
        try:
            # Empty strings (a variable forwarded unset by the rulebook) mean "not set".
            plan = plan_snapshot(task_vars, title_format=args.get("title_format") or None, fallback_hours=args["fallback_hours"],
                                 account_group_id=args.get("account_group_id") or None, api_version=args["api_version"])
        except (AlertEventError, TitleFormatError, ValueError) as error:
            return dict(failed=True, msg=str(error))
        return dict(plan, cleared=plan["outcome"] == CLEARED)
