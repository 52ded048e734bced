# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

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


# ---------------------------------------------------------------- answers that ansible-core 2.19+ retyped
# The values below are what ansible-core 2.19.14 and 2.21.5 hand a task for answers AWX writes as `!unsafe '<text>'`
# (awx/main/utils/safe_yaml.py safe_dump, via awx/main/tasks/jobs.py RunJob.build_extra_vars_file), as measured.


@pytest.mark.parametrize("variable, arrived, described", [
    ("te_display_name", 750, "the number 750"),
    ("te_display_name", 1.1, "the number 1.1"),
    ("te_display_name", True, "the boolean true"),
    ("te_display_name", datetime.date(2026, 1, 2), "the date 2026-01-02"),
    ("te_test_name", 2024, "the number 2024"),
    ("te_api_version", 7, "the number 7"),
])
def test_a_retyped_text_answer_whose_text_is_unknown_is_refused(variable, arrived, described):
    problems = SurveyAnswers(dict({"te_test_id": "281474976710706"} if variable != "te_test_name" else {}, **{variable: arrived})).problems
    assert len(problems) == 1, problems
    assert problems[0].startswith("Survey answer %s arrived as %s, not as text, and the text that was typed cannot be known: "
                                  "YAML 1.1 reads a plain value such as 12:30, 0123, yes or 2026-01-02 as 750, 83, true or a date, "
                                  "and ansible-core 2.19 and later do so even for extra variables tagged !unsafe" % (variable, described))
    assert "no extra-vars file set it" in problems[0] and problems[0].endswith("or run the job with ansible-core 2.18 or earlier.")


def test_the_refusal_says_what_to_do_for_each_text_answer():
    assert "give the test's ID in te_test_id instead" in SurveyAnswers({"te_test_name": 750}).problems[0]
    assert "add a word to the title" in survey(te_display_name=750).problems[0]


def test_a_retyped_answer_is_taken_back_as_typed_when_its_file_gives_the_text():
    answers = SurveyAnswers({"te_test_id": 83, "te_display_name": 750, "te_hours": 4, "te_public": True, "te_aid": None},
                            texts={"te_test_id": "0123", "te_display_name": "12:30", "te_hours": "04", "te_public": "Yes", "te_aid": ""})
    assert answers.problems == []
    assert (answers.options["test_id"], answers.options["display_name"], answers.options["hours"], answers.options["public"],
            answers.options["aid"]) == ("0123", "12:30", 4, True, None)


def test_a_null_answer_is_the_text_null_when_its_file_says_so():
    answers = SurveyAnswers(dict(BY_NAME, te_display_name=None), texts={"te_display_name": "null"})
    assert answers.problems == [] and answers.options["display_name"] == "null"


def test_a_file_text_that_does_not_give_the_value_is_not_used():
    # The text must type to exactly the value the task got; otherwise another source set it, and it is not known.
    problems = SurveyAnswers(dict(BY_NAME, te_display_name=751), texts={"te_display_name": "12:30"}).problems
    assert len(problems) == 1 and "the extra-vars file that set it cannot be read again" in problems[0]


@pytest.mark.parametrize("texts", [{"te_test_id": None}, {}], ids=["file unreadable", "not from a file"])
def test_an_id_that_arrived_as_a_number(texts):
    answers = SurveyAnswers({"te_test_id": 83}, texts=texts)
    if texts:
        # From a file that cannot be read again: 83 may have been typed as 0123 (octal in YAML 1.1).
        assert len(answers.problems) == 1 and "Survey answer te_test_id arrived as the number 83" in answers.problems[0]
        assert "give the ID as digits only, with no leading zero" in answers.problems[0]
    else:
        # Set as a number by the user (JSON extra vars, playbook vars): that number is the ID.
        assert answers.problems == [] and answers.options["test_id"] == "83"


@pytest.mark.parametrize("arrived", [True, 1.5, -3, datetime.date(2026, 1, 2)])
def test_an_id_that_arrived_as_anything_but_a_whole_number_is_refused(arrived):
    problems = SurveyAnswers({"te_test_id": arrived}).problems
    assert problems and problems[0].startswith("Survey answer te_test_id arrived as ")


def test_unambiguous_numbers_and_booleans_are_used_as_they_arrived():
    answers = survey(te_hours=12, te_public=False)
    assert answers.problems == [] and (answers.options["hours"], answers.options["public"]) == (12, False)
