# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# cisco.thousandeyes.incident_survey (documented in plugins/modules/incident_survey.py): reads the incident job's
# survey answers straight from the task's variables on the controller, so that no answer is ever templated (AWX passes
# survey answers as extra variables, which Ansible templates when a template reads them). An answer that
# ansible-core 2.19+ retyped (a text read as a number, boolean, null or date) is taken back as written in its
# `-e @file`, as snapshot_survey does.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_only_action import ControllerOnlyAction
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._extra_vars_text import survey_answers
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._incident_survey import INCIDENT_VARIABLES, IncidentSurveyAnswers


class ActionModule(ControllerOnlyAction):

    def outcome(self, args, task_vars):
        answers, texts = survey_answers(task_vars, INCIDENT_VARIABLES)
        survey = IncidentSurveyAnswers(answers, texts=texts)
        if survey.problems:
            return dict(failed=True, msg=" ".join(survey.problems))
        return dict(options=survey.options)
