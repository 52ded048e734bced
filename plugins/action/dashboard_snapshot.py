# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.dashboard_snapshot in the controller when the task's target is local, else the module on the target.
# The logic is the module's own (module_utils/_dashboard_snapshot_module.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.module_utils._dashboard_snapshot_module import DashboardSnapshotModule, argument_spec
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._local_first_action import LocalFirstAction


class ActionModule(LocalFirstAction):

    def logic(self, module):
        return DashboardSnapshotModule(module)

    def argument_spec(self):
        return argument_spec()
