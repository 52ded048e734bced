# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.incident_survey (documented in plugins/modules/incident_survey.py): reads the incident job's
# survey answers straight from the task's variables on the controller, so that no answer is ever templated (AWX passes
# survey answers as extra variables, which Ansible templates when a template reads them).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible.plugins.action import ActionBase
from ansible.utils.unsafe_proxy import wrap_var
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._incident_survey import INCIDENT_VARIABLES, IncidentSurveyAnswers


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        del tmp  # nothing runs on a remote host
        self.validate_argument_spec(argument_spec={})
        # task_vars holds the variables as given: reading them here evaluates nothing in them.
        task_vars = task_vars or {}
        survey = IncidentSurveyAnswers(dict((variable, task_vars.get(variable)) for variable in INCIDENT_VARIABLES))
        if survey.problems:
            result.update(failed=True, changed=False, msg=" ".join(survey.problems))
            return wrap_var(result)
        result.update(changed=False, options=survey.options)
        return wrap_var(result)
