# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The incident_survey action plugin: it reads the answers from the task's variables without templating them, and
# what it returns is data Ansible never templates, even when the answers came in as trusted extra variables; an answer
# ansible-core 2.19+ retyped is taken back as written in its `-e @file`, or refused when that text cannot be known.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible.errors import AnsibleError
from ansible_collections.cisco.thousandeyes.plugins.action.incident_survey import ActionModule

TEMPLATE = "{{ lookup('pipe', 'touch /nonexistent/marker') }} {test}"


@pytest.fixture
def run(run_action):
    def run(variables, args=None, extra_vars=()):
        return run_action(ActionModule, "cisco.thousandeyes.incident_survey", args, variables, extra_vars=extra_vars)
    return run


def test_a_template_in_an_answer_comes_back_as_data(run, data):
    result = run({"te_title_format": data.trusted(TEMPLATE), "te_aid": data.trusted("1234"), "te_public": "false"})
    assert not result.get("failed") and result["changed"] is False, result
    assert result["options"]["title_format"] == TEMPLATE and data.is_data(result["options"]["title_format"])
    assert result["options"]["aid"] == "1234" and data.is_data(result["options"]["aid"])


def test_bad_answers_fail_as_a_result_naming_them(run):
    result = run({"te_fallback_hours": "5", "te_aid": "12a"})
    assert result["failed"] and "te_aid" in result["msg"] and "te_fallback_hours" in result["msg"]


def test_it_takes_no_options(run):
    with pytest.raises(AnsibleError) as error:
        run({}, {"te_aid": "1"})
    assert "te_aid" in str(error.value)


# env/extravars as AWX writes it (awx/main/utils/safe_yaml.py safe_dump: every answer `!unsafe '<text>'`), and the
# values ansible-core 2.19+ gives those answers (YAML 1.1 typing: '12:30' -> 750, '0123' -> 83, 'yes' -> True).
AWX_EXTRAVARS = "te_title_format: !unsafe '12:30'\nte_aid: !unsafe '0123'\nte_public: !unsafe 'yes'\nte_fallback_hours: !unsafe '12'\n"
RETYPED = {"te_title_format": 750, "te_aid": 83, "te_public": True, "te_fallback_hours": 12}


def test_retyped_answers_are_taken_back_as_awx_wrote_them(run, tmp_path):
    extravars = tmp_path / "extravars"
    extravars.write_text(AWX_EXTRAVARS)
    result = run(dict(RETYPED), extra_vars=["@%s" % extravars])
    assert not result.get("failed"), result
    assert result["options"]["title_format"] == "12:30" and result["options"]["aid"] == "0123"
    assert result["options"]["public"] is True and result["options"]["fallback_hours"] == 12


@pytest.mark.parametrize("extra_vars", [["@/nonexistent/extravars"], []], ids=["file unreadable", "not from a file"])
def test_a_retyped_title_format_whose_text_is_unknown_is_refused(run, extra_vars):
    result = run({"te_title_format": 750, "te_fallback_hours": 12}, extra_vars=extra_vars)
    assert result["failed"] and "options" not in result
    assert result["msg"].startswith("Survey answer te_title_format arrived as the number 750, not as text, and the text that was typed "
                                    "cannot be known: YAML 1.1 reads"), result["msg"]
    assert "add a word or a placeholder to the title format" in result["msg"] and "te_fallback_hours" not in result["msg"]


def test_a_retyped_account_group_id_is_refused_when_its_file_cannot_be_read(run):
    result = run({"te_aid": 83}, extra_vars=["@/nonexistent/extravars"])
    assert result["failed"] and result["msg"].startswith("Survey answer te_aid arrived as the number 83"), result
    assert "give the ID as digits only, with no leading zero" in result["msg"]
