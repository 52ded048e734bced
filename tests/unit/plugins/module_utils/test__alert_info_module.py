# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# alert_info's option checks and filters, apart from the module run (tests/unit/plugins/modules/test_alert_info.py).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timezone

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_info_module import argument_spec, keep, option_problems

NOW = datetime(2026, 11, 26, 8, 0, 30, tzinfo=timezone.utc)


def params(**changes):
    values = dict((name, spec.get("default")) for name, spec in argument_spec().items())
    values.update(changes)
    return values


@pytest.mark.parametrize("window", ["1", "90s", "30m", "12h", "2d", "1w", "999999999h"])
def test_windows_the_api_takes(window):
    assert option_problems(params(window=window), NOW)[0] == []


@pytest.mark.parametrize("window", ["0", "1y", "12 h", "-1h", "1.5h", "1234567890s", "12h\n"])
def test_windows_it_does_not(window):
    (problem,) = option_problems(params(window=window), NOW)[0]
    assert problem.startswith("Option window must be a number")


def test_every_problem_is_named_at_once():
    problems, _times = option_problems(params(window="x", start_date="nope", test_id=["1", "two"], page_size=0, api_version="v6"), NOW)
    assert [problem.split(" ")[1] for problem in problems] == ["api_version:", "window", "window", "start_date:", "page_size", "test_id:"]


def test_now_as_the_end_is_the_current_minute():
    problems, times = option_problems(params(start_date="2026-11-26 07:00:00", end_date="now"), NOW)
    assert problems == [] and times["end_date"] == datetime(2026, 11, 26, 8, 0, tzinfo=timezone.utc)


def test_filters_combine():
    alert = dict(test_id="1", test_name="Web", type="page-load", severity="major", rule_id="9")
    assert keep(alert, params(test_id=["1"], test_name=["Web"], alert_type=["Page Load"], severity=["major"], rule_id=["9"]))
    assert not keep(alert, params(test_id=["1"], severity=["critical"]))
    assert keep(alert, params())
