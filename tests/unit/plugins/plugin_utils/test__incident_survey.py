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

DEFAULTS = {"aid": None, "public": False, "title_format": None, "fallback_hours": 4, "rate_limit_wait": 900, "api_url": None,
            "max_snapshots": None, "dashboard_id": None, "dashboard_name": None}


@pytest.mark.parametrize("answers", [{}, {"te_aid": "", "te_public": "", "te_title_format": " ", "te_fallback_hours": "",
                                          "te_rate_limit_wait": "", "te_api_url": "", "te_max_snapshots": "",
                                          "te_dashboard": ""}])
def test_blank_or_missing_answers_are_the_defaults(answers):
    survey = IncidentSurveyAnswers(answers)
    assert survey.problems == [] and survey.options == DEFAULTS


def test_answers_as_awx_passes_them():
    survey = IncidentSurveyAnswers({"te_aid": "5678", "te_public": "true", "te_title_format": "{{ 7 * 7 }} {test}",
                                    "te_fallback_hours": "12", "te_rate_limit_wait": 0, "te_api_url": "http://127.0.0.1:8080",
                                    "te_max_snapshots": 20})
    assert survey.problems == []
    assert survey.options == {"aid": "5678", "public": True, "title_format": "{{ 7 * 7 }} {test}", "fallback_hours": 12,
                              "rate_limit_wait": 0, "api_url": "http://127.0.0.1:8080", "max_snapshots": 20,
                              "dashboard_id": None, "dashboard_name": None}


@pytest.mark.parametrize("answer", [0, "0", "10001", "-3", "many", "{{ 7 * 7 }}"])
def test_a_cap_on_the_snapshots_outside_1_to_10000_is_named(answer):
    survey = IncidentSurveyAnswers({"te_max_snapshots": answer})
    (problem,) = survey.problems
    assert problem.startswith("Survey answer te_max_snapshots must be a number of snapshots from 1 to 10000; got ")
    assert survey.options["max_snapshots"] is None


@pytest.mark.parametrize("answer, dashboard_id, dashboard_name", [
    ("646f4d2ce3c99b0536c3821e", "646f4d2ce3c99b0536c3821e", None),
    ("Production Overview", None, "Production Overview"),
    ("{{ lookup('pipe', 'id') }}", None, "{{ lookup('pipe', 'id') }}"),
    ("646F4D2CE3C99B0536C3821E", None, "646F4D2CE3C99B0536C3821E"),
])
def test_te_dashboard_is_an_id_or_a_title_and_stays_data(answer, dashboard_id, dashboard_name):
    survey = IncidentSurveyAnswers({"te_dashboard": answer})
    assert survey.problems == []
    assert (survey.options["dashboard_id"], survey.options["dashboard_name"]) == (dashboard_id, dashboard_name)


def test_te_dashboard_with_a_line_break_is_refused_naming_it():
    survey = IncidentSurveyAnswers({"te_dashboard": "Production\nOverview"})
    assert len(survey.problems) == 1 and survey.problems[0].startswith("Survey answer te_dashboard contains U+000A LINE FEED")


def test_every_bad_answer_is_named():
    survey = IncidentSurveyAnswers({"te_aid": "{{ x }}", "te_public": "maybe", "te_title_format": "{nope}", "te_fallback_hours": "5",
                                    "te_rate_limit_wait": "-1", "te_api_url": ["not text"]})
    names = ["te_aid", "te_public", "te_title_format", "te_fallback_hours", "te_rate_limit_wait"]
    assert len(survey.problems) == 6
    for name, problem in zip(["te_api_url"] + names, survey.problems):
        assert problem.startswith("Survey answer %s" % name) and problem[len("Survey answer %s" % name)] in " :", problem
    assert "unknown placeholder {nope}" in survey.problems[3]
    assert "1, 2, 4, 6, 12, 24, 48 hours; got '5'" in survey.problems[4]


# ansible-core 2.19+ retypes AWX's `!unsafe` answers (YAML 1.1): '12:30' -> 750, '0123' -> 83 (see _extra_vars_text.py).
def test_retyped_answers_are_the_texts_of_their_extra_vars_file():
    survey = IncidentSurveyAnswers({"te_title_format": 750, "te_aid": 83, "te_public": False, "te_rate_limit_wait": 60},
                                   texts={"te_title_format": "12:30", "te_aid": "0123", "te_public": "no", "te_rate_limit_wait": "60"})
    assert survey.problems == []
    assert survey.options == dict(DEFAULTS, title_format="12:30", aid="0123", rate_limit_wait=60)


@pytest.mark.parametrize("texts", [{"te_title_format": None}, {}], ids=["file unreadable", "not from a file"])
def test_a_retyped_title_format_is_never_used_as_a_number(texts):
    survey = IncidentSurveyAnswers({"te_title_format": 750}, texts=texts)
    assert survey.options["title_format"] is None
    (problem,) = survey.problems
    assert problem.startswith("Survey answer te_title_format arrived as the number 750, not as text")
    assert "for example 'Outage 12:30 {test}'" in problem


def test_a_retyped_account_group_id_with_an_unreadable_file_is_refused_and_numbers_are_used():
    survey = IncidentSurveyAnswers({"te_aid": 83, "te_fallback_hours": 12, "te_rate_limit_wait": 0, "te_public": True},
                                   texts={"te_aid": None, "te_fallback_hours": None, "te_rate_limit_wait": None, "te_public": None})
    (problem,) = survey.problems
    assert problem.startswith("Survey answer te_aid arrived as the number 83") and "digits only, with no leading zero" in problem
    assert (survey.options["fallback_hours"], survey.options["rate_limit_wait"], survey.options["public"]) == (12, 0, True)
