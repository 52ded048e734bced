# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime

import pytest
import yaml

from ansible import context
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._extra_vars_text import extra_vars_texts, is_text_of, survey_answers, typed_as_yaml11

ANSWERS = {"te_display_name": "12:30", "te_test_id": "0123", "te_public": "Yes", "te_aid": "", "te_test_name": "null",
           "te_hours": "4", "te_api_url": "2026-01-02"}


class _UnsafeDumper(yaml.SafeDumper):
    """Imitates awx/main/utils/safe_yaml.py SafeStringDumper: every string written as `!unsafe '<text>'`."""

    def represent_data(self, data):
        if isinstance(data, str):
            return self.represent_scalar("!unsafe", data)
        return super(_UnsafeDumper, self).represent_data(data)


def awx_extravars(path, answers):
    """env/extravars as awx/main/utils/safe_yaml.py safe_dump writes it: one document per top-level key."""
    path.write_text("".join(yaml.dump_all([{key: value}], None, Dumper=_UnsafeDumper, default_flow_style=False)
                            for key, value in answers.items()))
    return "@%s" % path


def test_the_texts_as_awx_wrote_them(tmp_path):
    option = awx_extravars(tmp_path / "extravars", ANSWERS)
    assert "!unsafe 'te_display_name': !unsafe '12:30'" in (tmp_path / "extravars").read_text()
    assert extra_vars_texts([option], list(ANSWERS) + ["te_other"]) == ANSWERS


def test_the_last_source_of_a_variable_decides(tmp_path):
    first = awx_extravars(tmp_path / "first", {"te_display_name": "12:30", "te_hours": "4", "te_aid": "1"})
    second = awx_extravars(tmp_path / "second", {"te_hours": "2"})
    texts = extra_vars_texts([first, second, '{"te_display_name": 5}', "te_aid=7"], ["te_display_name", "te_hours", "te_aid"])
    # Set inline after the file: the user typed that value, so no file text applies.
    assert texts == {"te_hours": "2"}


@pytest.mark.parametrize("content", [b"$ANSIBLE_VAULT;1.1;AES256\n6162\n", b"- a list\n", b"te_hours: [unclosed\n", None])
def test_a_file_that_cannot_be_read_leaves_every_text_unknown(tmp_path, content):
    path = tmp_path / "extravars"
    if content is not None:
        path.write_bytes(content)
    assert extra_vars_texts(["@%s" % path], ["te_hours", "te_aid"]) == {"te_hours": None, "te_aid": None}


def test_a_value_that_is_not_a_scalar_has_no_text(tmp_path):
    path = tmp_path / "extravars"
    path.write_text("te_test_name: [a, b]\nte_hours: !unsafe '4'\n")
    assert extra_vars_texts(["@%s" % path], ["te_test_name", "te_hours"]) == {"te_test_name": None, "te_hours": "4"}


@pytest.mark.parametrize("text, typed", [
    ("12:30", 750), ("0123", 83), ("1.10", 1.1), ("Yes", True), ("null", None), ("", None), ("2026-01-02", datetime.date(2026, 1, 2)),
    ("0x1f", 31), ("08", "08"), ("281474976710706", 281474976710706), ("Checkout API", "Checkout API"),
])
def test_yaml11_typing_is_ansible_cores(text, typed):
    # As measured with ansible-core 2.19.14 and 2.21.5 on `!unsafe '<text>'` extra vars.
    assert typed_as_yaml11(text) == typed and type(typed_as_yaml11(text)) is type(typed)


@pytest.mark.parametrize("text, value, known", [
    ("12:30", 750, True), ("0123", 83, True), ("83", 83, True), ("1.0", 1, False), ("1", True, False), ("yes", True, True),
    ("null", None, True), ("", None, True), ("12:30", 751, False), (None, 750, False), (".NaN", float("nan"), False),
])
def test_is_text_of(text, value, known):
    assert is_text_of(text, value) is known


def test_survey_answers_reads_the_texts_of_the_retyped_answers_only(tmp_path, monkeypatch):
    monkeypatch.setattr(context, "CLIARGS", {"extra_vars": (awx_extravars(tmp_path / "extravars", {"te_display_name": "12:30", "te_aid": "0123"}),)})
    task_vars = {"te_display_name": 750, "te_aid": "0123", "te_hours": None, "inventory_hostname": "localhost"}
    answers, texts = survey_answers(task_vars, ["te_display_name", "te_aid", "te_hours", "te_public"])
    assert answers == {"te_display_name": 750, "te_aid": "0123", "te_hours": None, "te_public": None}
    # te_aid arrived as text, te_public is not set: only the others are looked up; te_hours is in no file.
    assert texts == {"te_display_name": "12:30"}


def test_survey_answers_reads_no_file_when_every_answer_is_text(monkeypatch):
    monkeypatch.setattr(context, "CLIARGS", {"extra_vars": ("@/nonexistent/extravars",)})
    assert survey_answers({"te_aid": "1"}, ["te_aid", "te_public"]) == ({"te_aid": "1", "te_public": None}, {})
