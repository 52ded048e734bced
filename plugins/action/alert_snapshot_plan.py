# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.alert_snapshot_plan (documented in plugins/modules/alert_snapshot_plan.py): plans one snapshot
# per alerting test on the controller, with the Event-Driven Ansible path's window and title logic
# (plugins/plugin_utils/_alert_snapshot_plan.py). It sends no request.
#
# What it returns comes from the API (test names, alert IDs) and is marked as data that Ansible never templates
# (unsafe on ansible-core 2.16 to 2.18, not trusted as a template on 2.19 and later; see _controller_only_action.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import DEFAULT_FALLBACK_HOURS
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_snapshot_plan import PlanError, plan_snapshots
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_only_action import ControllerOnlyAction


class ActionModule(ControllerOnlyAction):

    ARGUMENT_SPEC = dict(
        # Any element: one that is not an alert object is set aside with a line naming it, the others are planned.
        alerts=dict(type="list", elements="raw", required=True),
        title_format=dict(type="str"),
        fallback_hours=dict(type="int", default=DEFAULT_FALLBACK_HOURS),
        account_group_id=dict(type="str", aliases=["aid"]),
        max_snapshots=dict(type="int"),
    )

    def outcome(self, args, task_vars):
        try:
            # Empty strings (a survey answer left blank) mean "not set".
            return plan_snapshots(args["alerts"], title_format=args.get("title_format") or None,
                                  fallback_hours=args["fallback_hours"], account_group_id=args.get("account_group_id") or None,
                                  max_snapshots=args.get("max_snapshots"))
        except PlanError as error:
            return dict(failed=True, msg=str(error))
