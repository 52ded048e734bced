# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._survey import SurveyAnswers

BY_NAME = {"te_test_name": "Checkout API"}


def survey(**answers):
    return SurveyAnswers(dict(BY_NAME, **answers))


def test_blank_answers_mean_the_defaults_private_and_4_hours():
    answers = survey(te_hours="", te_public="", te_display_name="", te_aid="  ", te_api_url="", te_api_version="", te_test_id="")
    assert answers.problems == []
    assert answers.options == {"test_id": None, "test_name": "Checkout API", "hours": 4, "public": False, "display_name": None,
                               "api_url": None, "api_version": None, "aid": None}


def test_unset_answers_mean_the_defaults_too():
    assert SurveyAnswers(BY_NAME).options["hours"] == 4 and SurveyAnswers(BY_NAME).options["public"] is False


def test_the_defaults_can_be_changed_by_the_task():
    options = SurveyAnswers(BY_NAME, default_hours=2, default_public=True).options
    assert (options["hours"], options["public"]) == (2, True)


@pytest.mark.parametrize("answer, public", [
    ("true", True), ("True", True), ("YES", True), ("on", True), ("1", True), (True, True), (1, True),
    ("false", False), ("no", False), ("Off", False), ("0", False), (False, False), (0, False), (" yes ", True),
])
def test_te_public_takes_the_usual_yes_and_no_answers(answer, public):
    answers = survey(te_public=answer)
    assert answers.problems == [] and answers.options["public"] is public


@pytest.mark.parametrize("answer", ["maybe", "y", "2", "truthy", "ja"])
def test_an_invalid_te_public_fails_naming_the_variable(answer):
    problems = survey(te_public=answer).problems
    assert len(problems) == 1
    assert problems[0].startswith("Survey answer te_public must be yes or no (true/false, on/off, 1/0); got %r." % answer)
    assert "Leave it blank for no." in problems[0]


@pytest.mark.parametrize("answer, hours", [("1", 1), ("48", 48), (24, 24), (" 12 ", 12), (6.0, 6)])
def test_te_hours_takes_an_allowed_length_as_text_or_number(answer, hours):
    answers = survey(te_hours=answer)
    assert answers.problems == [] and answers.options["hours"] == hours


@pytest.mark.parametrize("answer", ["abc", "3", "96", "-1", "4.5", "0", 4.5])
def test_an_invalid_te_hours_fails_naming_the_variable_and_the_allowed_lengths(answer):
    problems = survey(te_hours=answer).problems
    assert len(problems) == 1
    assert problems[0].startswith("Survey answer te_hours must be one of 1, 2, 4, 6, 12, 24, 48 hours (API v7)")
    assert "Leave it blank for 4." in problems[0]


def test_96_hours_is_allowed_with_api_v6():
    answers = survey(te_hours="96", te_api_version="v6")
    assert answers.problems == [] and answers.options["hours"] == 96


@pytest.mark.parametrize("answers, message", [
    ({"te_test_id": "12ab"}, "Survey answer te_test_id must be the test's ID, digits only; got '12ab'."),
    ({"te_aid": "x1"}, "Survey answer te_aid must be the account group ID, digits only; got 'x1'."),
    ({"te_api_version": "v8"}, "Survey answer te_api_version must be one of v7, v6; got 'v8'."),
    ({"te_display_name": "a\nb"}, "Survey answer te_display_name contains U+000A LINE FEED at character 2"),
    ({"te_display_name": "x" * 256}, "Survey answer te_display_name is 256 characters long"),
    ({"te_test_name": ["Checkout API"]}, "Survey answer te_test_name must be text, not a list."),
], ids=["test_id", "aid", "api_version", "display_name line break", "display_name too long", "test_name list"])
def test_each_invalid_answer_fails_naming_its_variable(answers, message):
    problems = SurveyAnswers(dict({"te_test_id": "281474976710706"} if "te_test_id" not in answers and "te_test_name" not in answers else {},
                                  **answers)).problems
    assert [problem for problem in problems if problem.startswith(message)], problems


@pytest.mark.parametrize("answers, which", [({}, "neither is given"), ({"te_test_id": "1", "te_test_name": "x"}, "both are given"),
                                            ({"te_test_id": "", "te_test_name": " "}, "neither is given")])
def test_exactly_one_of_te_test_id_and_te_test_name_is_needed(answers, which):
    assert SurveyAnswers(answers).problems == [
        "Survey: give exactly one of te_test_id (the test's ID) and te_test_name (its exact name); %s." % which]


def test_numbers_are_taken_as_their_digits():
    options = SurveyAnswers({"te_test_id": 281474976710706, "te_aid": 1234}).options
    assert (options["test_id"], options["aid"]) == ("281474976710706", "1234")


def test_template_text_is_kept_as_it_is():
    title = "{{ lookup('pipe', 'id') }} {% raw %}"
    answers = survey(te_display_name=title)
    assert answers.problems == [] and answers.options["display_name"] == title
