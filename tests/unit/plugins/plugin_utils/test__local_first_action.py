# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import pytest

from ansible.parsing.dataloader import DataLoader
from ansible.parsing.yaml.objects import AnsibleUnicode
from ansible.playbook.play_context import PlayContext
from ansible.playbook.task import Task
from ansible.plugins.action.normal import ActionModule as NormalAction
from ansible.plugins.loader import shell_loader
from ansible.template import Templar
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils import _local_first_action
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._local_first_action import (
    LocalFirstAction,
    module_arguments,
    process_start_variables,
    task_environment,
    task_environment_of,
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


# ------------------------------------------------------------------ variables only a new process honours

@pytest.mark.parametrize("name", ["OPENSSL_CONF", "OPENSSL_MODULES", "OPENSSL_ia32cap", "SSL_CERT_DIR", "LD_PRELOAD",
                                  "LD_LIBRARY_PATH", "PYTHONPATH", "PYTHONWARNINGS"])
def test_a_variable_read_at_process_start_sends_the_task_to_the_module_path(monkeypatch, name):
    monkeypatch.delenv(name, raising=False)
    assert process_start_variables({name: "/etc/te/openssl.cnf", "HTTPS_PROXY": "http://127.0.0.1:3128"}) == [name]


@pytest.mark.parametrize("name", ["HTTPS_PROXY", "NO_PROXY", "REQUESTS_CA_BUNDLE", "SSL_CERT_FILE", "TE_TOKEN", "XOPENSSL_CONF"])
def test_a_variable_read_when_used_keeps_the_controller_path(monkeypatch, name):
    monkeypatch.delenv(name, raising=False)
    assert process_start_variables({name: "value"}) == []


def test_a_process_start_variable_with_the_controller_s_own_value_is_already_in_effect(monkeypatch):
    monkeypatch.setenv("OPENSSL_CONF", "/etc/ssl/openssl.cnf")
    assert process_start_variables({"OPENSSL_CONF": "/etc/ssl/openssl.cnf"}) == []
    assert process_start_variables({"OPENSSL_CONF": "/etc/te/legacy.cnf"}) == ["OPENSSL_CONF"]


class Connection(object):
    transport = "local"
    _shell = shell_loader.get("sh")


def real_action(environment):
    """A core action plugin for a task with this environment keyword (a list: play's, block's, task's)."""
    task = Task.load({"action": "ansible.builtin.ping", "environment": environment})
    loader = DataLoader()
    return NormalAction(task, Connection(), PlayContext(), loader, Templar(loader=loader), None)


def test_core_still_gives_the_task_environment_the_way_task_environment_of_reads_it():
    # Fails when ansible-core changes ActionBase._compute_environment_string (the one private API the controller path
    # needs): its name, its raw_environment_out argument, or the merging of play, block and task environments.
    environment = task_environment_of(real_action([{"OPENSSL_CONF": "/etc/te/legacy.cnf", "HTTPS_PROXY": "a"}, {"HTTPS_PROXY": "b"}]))
    assert environment == {"OPENSSL_CONF": "/etc/te/legacy.cnf", "HTTPS_PROXY": "b"}


@pytest.mark.parametrize("environment, path", [
    ({"OPENSSL_CONF": "/etc/te/legacy.cnf"}, "module"),
    ({"PYTHONPATH": "/opt/te"}, "module"),
    ({"HTTPS_PROXY": "http://127.0.0.1:3128"}, "controller"),
], ids=["OPENSSL_CONF", "PYTHONPATH", "HTTPS_PROXY"])
def test_run_takes_the_module_path_for_a_process_start_variable(monkeypatch, environment, path):
    for name in environment:
        monkeypatch.delenv(name, raising=False)
    taken = []
    monkeypatch.setattr(NormalAction, "run", lambda self, tmp=None, task_vars=None: taken.append("module") or {"path": "module"})

    class Logic(object):
        def __init__(self, module):
            self.module = module

        def run(self):
            taken.append("controller")
            self.module.exit_json(changed=False, path="controller")

    plugin = action()
    plugin._task = Stub(async_val=0, resolved_action="cisco.thousandeyes.test_info", args={}, check_mode=False, diff=False)
    plugin._compute_environment_string = lambda out: out.update(environment)
    plugin.logic = Logic
    plugin.argument_spec = lambda: {}
    assert plugin.run(task_vars={})["path"] == path
    assert taken == [path]
