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

from ansible import context
from ansible.plugins.action import ActionBase
from ansible.utils.unsafe_proxy import wrap_var
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._extra_vars_text import extra_vars_texts
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._survey import SURVEY_OPTIONS, SurveyAnswers

ARGUMENT_SPEC = dict(
    default_hours=dict(type="int", default=4),
    default_public=dict(type="bool", default=False),
)


class ActionModule(ActionBase):

    TRANSFERS_FILES = False
    _requires_connection = False

    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        unused_validation, settings = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        # task_vars holds the variables as given: reading them here evaluates nothing in them.
        task_vars = task_vars or {}
        answers = dict((variable, task_vars.get(variable)) for variable, unused in SURVEY_OPTIONS)
        retyped = [variable for variable, value in answers.items() if not isinstance(value, str) and variable in task_vars]
        texts = extra_vars_texts(context.CLIARGS.get("extra_vars", ()), retyped) if retyped else {}
        survey = SurveyAnswers(answers, default_hours=settings["default_hours"], default_public=settings["default_public"], texts=texts)
        if survey.problems:
            result.update(failed=True, msg=" ".join(survey.problems))
            return result
        result.update(changed=False, options=wrap_var(survey.options))
        return result
