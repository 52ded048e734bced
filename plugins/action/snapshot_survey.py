# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Reads the survey answers from the task's variables as they were given, without templating them, and returns them
# marked as data, so that no later template evaluates them either (ansible-core 2.16 to 2.18 through the unsafe
# wrapper, 2.19 and later because wrap_var removes the trust that extra vars carry). An answer that ansible-core 2.19+
# retyped (a text read as a number, boolean, null or date) is taken back as written in its `-e @file`.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._controller_only_action import ControllerOnlyAction
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._extra_vars_text import survey_answers
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._survey import SURVEY_OPTIONS, SurveyAnswers


class ActionModule(ControllerOnlyAction):

    ARGUMENT_SPEC = dict(
        default_hours=dict(type="int", default=4),
        default_public=dict(type="bool", default=False),
    )

    def outcome(self, args, task_vars):
        answers, texts = survey_answers(task_vars, [variable for variable, unused in SURVEY_OPTIONS])
        survey = SurveyAnswers(answers, default_hours=args["default_hours"], default_public=args["default_public"], texts=texts)
        if survey.problems:
            return dict(failed=True, msg=" ".join(survey.problems))
        return dict(options=survey.options)
