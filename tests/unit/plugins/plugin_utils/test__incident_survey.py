# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The incident job's survey answers (AWX passes survey answers as extra variables: text and multiple choice as strings,
# integer questions as numbers, blank answers as empty strings) turned into options.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._incident_survey import IncidentSurveyAnswers

DEFAULTS = {"aid": None, "public": False, "title_format": None, "fallback_hours": 4, "rate_limit_wait": 900, "api_url": None}


@pytest.mark.parametrize("answers", [{}, {"te_aid": "", "te_public": "", "te_title_format": " ", "te_fallback_hours": "",
                                          "te_rate_limit_wait": "", "te_api_url": ""}])
def test_blank_or_missing_answers_are_the_defaults(answers):
    survey = IncidentSurveyAnswers(answers)
    assert survey.problems == [] and survey.options == DEFAULTS


def test_answers_as_awx_passes_them():
    survey = IncidentSurveyAnswers({"te_aid": "5678", "te_public": "true", "te_title_format": "{{ 7 * 7 }} {test}",
                                    "te_fallback_hours": "12", "te_rate_limit_wait": 0, "te_api_url": "http://127.0.0.1:8080"})
    assert survey.problems == []
    assert survey.options == {"aid": "5678", "public": True, "title_format": "{{ 7 * 7 }} {test}", "fallback_hours": 12,
                              "rate_limit_wait": 0, "api_url": "http://127.0.0.1:8080"}


def test_every_bad_answer_is_named():
    survey = IncidentSurveyAnswers({"te_aid": "{{ x }}", "te_public": "maybe", "te_title_format": "{nope}", "te_fallback_hours": "5",
                                    "te_rate_limit_wait": "-1", "te_api_url": ["not text"]})
    names = ["te_aid", "te_public", "te_title_format", "te_fallback_hours", "te_rate_limit_wait"]
    assert len(survey.problems) == 6
    for name, problem in zip(["te_api_url"] + names, survey.problems):
        assert problem.startswith("Survey answer %s" % name) and problem[len("Survey answer %s" % name)] in " :", problem
    assert "unknown placeholder {nope}" in survey.problems[3]
    assert "1, 2, 4, 6, 12, 24, 48 hours; got '5'" in survey.problems[4]
