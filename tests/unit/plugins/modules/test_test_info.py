# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The test_info module end to end, with the network replaced by the `http` fixture (tests/unit/conftest.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.modules import test_info

TOKEN = "s3cr3t-T0ken-value"
TESTS = {"tests": [
    {"testId": "1", "testName": "Checkout API", "type": "http-server", "enabled": True, "savedEvent": False, "liveShare": False},
    {"testId": "2", "testName": "DNS", "type": "dns-server", "enabled": False, "savedEvent": False, "liveShare": False},
    {"testId": "9", "testName": "Checkout incident", "type": "http-server", "enabled": True, "savedEvent": True, "liveShare": False},
]}


@pytest.fixture
def run(run_module):
    def run_test_info(**args):
        return run_module(test_info.main, dict(dict(token=TOKEN), **args))
    return run_test_info


def test_a_type_filter_keeps_the_tests_of_that_type(run, http, make_response):
    http.answer(make_response(200, TESTS))
    result = run(type=["http-server"]).result
    assert [test["test_id"] for test in result["tests"]] == ["1"]


@pytest.mark.parametrize("types", [["http_server"], ["http-server", "page_load"], ["HTTP-SERVER"]])
def test_an_unknown_type_fails_listing_the_valid_types_before_any_request(run, http, types):
    module_run = run(type=types)
    assert module_run.exit_code == 1
    assert "value of type must be one or more of: " in module_run.result["msg"]
    assert "http-server" in module_run.result["msg"] and "web-transactions" in module_run.result["msg"]
    assert http.calls == []


def test_a_name_held_only_by_a_saved_event_warns_how_to_list_it(run, http, make_response):
    http.answer(make_response(200, TESTS))
    module_run = run(name="Checkout incident")
    assert module_run.result["tests"] == []
    assert [warning for warning in module_run.warnings if "set include_snapshots=true" in warning]


def test_an_answer_without_the_tests_list_fails_without_a_traceback(run, http, make_response):
    http.answer(make_response(200, []))
    module_run = run()
    assert module_run.exit_code == 1
    assert "without the 'tests' list of tests" in module_run.result["msg"]
    assert "exception" not in module_run.result
