# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The playbook cisco.thousandeyes.create_snapshot run by name with ansible-playbook, as a user or an AWX job template
# runs it, against the API simulator: survey answers as strings, blank answers, invalid answers, and answers that
# carry templates (which are data and must never run).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from alert_events import WEBSITE
from harness import CUSTOM_STATS, ansible_warnings, run_collection_playbook

SHARE_URL = "https://%s.share.thousandeyes.com/"


def create_snapshot(runner, *args, **survey):
    """ansible-playbook cisco.thousandeyes.create_snapshot with the simulator's URL and the survey answers as extra vars."""
    return run_collection_playbook(runner, "create_snapshot", survey, *args)


@pytest.mark.parametrize("survey, test_id", [
    ({"te_test_name": "Corporate Website"}, WEBSITE),
    ({"te_test_id": "281474976710709"}, "281474976710709"),
], ids=["by-name", "by-id"])
def test_a_public_snapshot_by_name_and_by_id(runner, sim, survey, test_id):
    # Survey answers arrive as strings.
    result = create_snapshot(runner, te_hours="2", te_public="true", te_display_name="", **survey)

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == test_id
    assert created[0]["window_hours"] == 2 and created[0]["public"]
    link = SHARE_URL % created[0]["id"]
    assert "Public share link: %s" % link in result.output
    assert result.stats["thousandeyes_snapshot_url"] == link
    assert result.stats["thousandeyes_snapshot_id"] == created[0]["id"]
    assert ansible_warnings(result.output) == []


def test_a_private_snapshot_in_an_account_group(runner, sim):
    result = create_snapshot(runner, te_test_id=WEBSITE, te_public="false", te_aid="1234")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and not created[0]["public"] and created[0]["window_hours"] == 4
    assert "Private snapshot (app link): " in result.output
    # A private snapshot does not expire (null; ansible-core 2.16 templates it as an empty string).
    assert result.stats["thousandeyes_snapshot_url"].startswith("http") and not result.stats["thousandeyes_snapshot_expires"]


def test_check_mode_creates_nothing_and_says_what_would_be_created(runner, sim):
    result = create_snapshot(runner, "--check", te_test_name="Corporate Website", te_hours="1")

    assert result.rc == 0, result.output
    assert "Check mode: a private snapshot of test %s would be created" % WEBSITE in result.output
    assert sim.snapshots() == [] and sim.posts() == []
    assert [entry["method"] for entry in sim.requests()] == ["GET"]
    assert not CUSTOM_STATS.findall(result.output)


def test_blank_answers_mean_the_defaults_a_private_4_hour_snapshot(runner, sim):
    result = create_snapshot(runner, te_test_id="", te_test_name="Corporate Website", te_hours="", te_public="",
                             te_display_name="", te_aid="", te_api_version="")

    assert result.rc == 0, result.output
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["window_hours"] == 4 and not created[0]["public"]
    assert created[0]["source_test_id"] == WEBSITE
    assert ansible_warnings(result.output) == []


def test_no_answers_at_all_mean_a_private_snapshot(runner, sim):
    result = create_snapshot(runner, te_test_name="Corporate Website")

    assert result.rc == 0, result.output
    assert [snap["public"] for snap in sim.snapshots()] == [False]


@pytest.mark.parametrize("survey, message", [
    ({"te_public": "maybe"}, "Survey answer te_public must be yes or no"),
    ({"te_hours": "abc"}, "Survey answer te_hours must be one of 1, 2, 4, 6, 12, 24, 48 hours"),
    ({"te_hours": "3"}, "Survey answer te_hours must be one of 1, 2, 4, 6, 12, 24, 48 hours"),
    ({"te_test_id": "12ab", "te_test_name": ""}, "Survey answer te_test_id must be the test's ID, digits only"),
    ({"te_test_name": ""}, "Survey: give exactly one of te_test_id (the test's ID) and te_test_name (its exact name)"),
], ids=["public maybe", "hours abc", "hours 3", "test_id letters", "no test"])
def test_an_invalid_answer_fails_naming_the_survey_variable_before_any_request(runner, sim, survey, message):
    answers = dict({"te_test_name": "Corporate Website"}, **survey)
    result = create_snapshot(runner, **answers)

    assert result.rc != 0
    assert message in result.output, result.output
    assert sim.requests() == []
    # ansible-core 2.21 warns when the bool filter coerces an invalid value; no filter coerces anything here.
    assert "[DEPRECATION WARNING]" not in result.output


def test_templates_in_survey_answers_are_data_and_never_run(runner, sim, tmp_path):
    marker = tmp_path / "evaluated"
    hostile = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % marker
    title = "Outage %s {%% if true %%}x{%% endif %%} 100%% 'q' \"qq\"" % hostile
    result = create_snapshot(runner, te_test_name="Corporate Website", te_display_name=title, te_hours="1")

    assert result.rc == 0, result.output
    assert not marker.exists()
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["display_name"] == title


@pytest.mark.parametrize("variable", ["te_test_name", "te_api_url", "te_aid", "te_hours", "te_public", "te_api_version", "te_test_id"])
def test_a_template_in_any_other_answer_is_never_run(runner, sim, tmp_path, variable):
    marker = tmp_path / "evaluated"
    hostile = "{{ lookup('ansible.builtin.pipe', 'touch %s') }}" % marker
    answers = {"te_test_name": "Corporate Website", variable: hostile}
    if variable == "te_test_id":
        answers["te_test_name"] = ""
    result = create_snapshot(runner, **answers)

    assert not marker.exists(), result.output
    # A template is not a valid answer for a number, a choice or a URL, and as a test name it names no test.
    assert result.rc != 0
    assert sim.posts() == []


@pytest.mark.parametrize("extra_vars, variable, arrived", [
    ('{"te_display_name": 12:30}', "te_display_name", "the number 750"),
    ('{"te_test_name": 2026-01-02}', "te_test_name", "the date 2026-01-02"),
    ('{"te_test_name": yes}', "te_test_name", "the boolean true"),
], ids=["title 12:30", "name as a date", "name yes"])
def test_a_text_answer_that_arrives_retyped_with_its_text_unknown_fails_before_any_request(runner, sim, extra_vars, variable, arrived):
    # Plain YAML scalars in an inline -e are YAML 1.1-typed on every core; their text is not kept anywhere.
    result = create_snapshot(runner, "-e", extra_vars, te_test_name="Corporate Website")

    assert result.rc != 0
    assert "Survey answer %s arrived as %s, not as text, and the text that was typed cannot be known" % (variable, arrived) in result.output, result.output
    assert sim.requests() == []
