# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# ControllerOnlyAction is the base of the action plugins that do all their work in Python on the controller and send
# no request (alert_event, alert_snapshot_plan, incident_survey, snapshot_survey). They read data from outside (an
# event, alerts from the API, survey answers); what they return is marked as data that Ansible never templates:
# unsafe on ansible-core 2.16 to 2.18, without the TrustedAsTemplate tag on 2.19 and later (a value returned as it
# came from task_vars would keep that tag, and a later template would evaluate it).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase
from ansible.utils.unsafe_proxy import wrap_var


class ControllerOnlyAction(ActionBase):
    """Validates ARGUMENT_SPEC, asks outcome() for the result and returns it, changing nothing, marked as data."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True  # nothing is changed: check mode gives the same result
    _supports_async = False

    ARGUMENT_SPEC = {}  # type: dict[str, dict]

    def outcome(self, args, task_vars):
        """The result's keys from the validated options and the task's variables; a failure is {failed: True, msg: ...}."""
        raise NotImplementedError

    def run(self, tmp=None, task_vars=None):
        result = super(ControllerOnlyAction, self).run(tmp, task_vars)
        del tmp  # nothing runs on a remote host
        unused_validation, args = self.validate_argument_spec(argument_spec=self.ARGUMENT_SPEC)
        result["changed"] = False
        # task_vars holds the variables as given: reading them evaluates nothing in them.
        result.update(self.outcome(args, task_vars or {}))
        return wrap_var(result)
