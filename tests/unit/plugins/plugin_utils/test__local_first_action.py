# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible.parsing.yaml.objects import AnsibleUnicode
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils import _local_first_action
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._local_first_action import (
    LocalFirstAction,
    module_arguments,
    task_environment,
)


class Stub(object):
    def __init__(self, **attributes):
        self.__dict__.update(attributes)


def action(transport="local", become=False, async_val=0):
    plugin = LocalFirstAction.__new__(LocalFirstAction)
    plugin._connection = Stub(transport=transport)
    plugin._play_context = Stub(become=become)
    plugin._task = Stub(async_val=async_val)
    return plugin


@pytest.mark.parametrize("settings, in_controller", [
    ({}, True),
    ({"transport": "ssh"}, False),
    ({"transport": "paramiko"}, False),
    ({"become": True}, False),
    ({"async_val": 30}, False),
], ids=["local", "ssh", "paramiko", "become", "async"])
def test_the_logic_runs_in_the_controller_only_for_a_plain_local_target(settings, in_controller):
    assert action(**settings).runs_in_controller() is in_controller


def test_without_requests_in_the_controller_the_module_runs_on_the_target(monkeypatch):
    monkeypatch.setattr(_local_first_action, "HAS_REQUESTS", False)
    assert action().runs_in_controller() is False


def test_the_task_environment_applies_inside_and_is_undone_after(monkeypatch):
    monkeypatch.setenv("TE_TOKEN", "outer")
    monkeypatch.delenv("THOUSANDEYES_AID", raising=False)
    with task_environment({"TE_TOKEN": "inner", "THOUSANDEYES_AID": 5678}):
        assert (os.environ["TE_TOKEN"], os.environ["THOUSANDEYES_AID"]) == ("inner", "5678")
    assert os.environ["TE_TOKEN"] == "outer" and "THOUSANDEYES_AID" not in os.environ


def test_the_environment_is_undone_even_when_the_run_fails(monkeypatch):
    monkeypatch.setenv("TE_TOKEN", "outer")
    with pytest.raises(RuntimeError):
        with task_environment({"TE_TOKEN": "inner"}):
            raise RuntimeError("boom")
    assert os.environ["TE_TOKEN"] == "outer"


def test_arguments_reach_the_logic_as_plain_json_types():
    args = module_arguments({"test_name": AnsibleUnicode("Checkout API"), "hours": 4, "public": True, "nested": {"a": [AnsibleUnicode("b")]}})
    assert args == {"test_name": "Checkout API", "hours": 4, "public": True, "nested": {"a": ["b"]}}
    # Exactly str, not a subclass: the module process gets plain JSON strings.
    assert args["test_name"].__class__ is str and args["nested"]["a"][0].__class__ is str
