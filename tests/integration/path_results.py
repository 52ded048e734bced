# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Shared by the tests that run the same tasks through the controller path and the module path and compare the results
# (test_integration_execution_paths.py, test_integration_oldest_requests.py): the last task that keeps the registered
# results, and the comparison without what differs between two runs.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import re

from harness import HERE

# The target_process connection: a target reached through a connection that is not local, so Ansible ships the module.
CONNECTION_PLUGINS = os.path.join(HERE, "connection_plugins")
# Values that differ from run to run, left out of the comparison of the two paths.
VOLATILE = ("id", "test_id", "share_url", "app_url", "share_date", "expires", "response", "start", "end", "display_name",
            "body", "rate_limit_waited")
# What ansible-core itself says about how a result came back, not what the task did: from 2.22 a module's registered
# result has ansible_parsed (Ansible could read the module's output); a result made in the controller was never output.
HOW_IT_CAME_BACK = ("ansible_parsed",)

KEEP_RESULTS = """
    - name: Keep the results
      ansible.builtin.copy:
        content: "{{ item.value | to_json }}"
        dest: "{{ te_results_dir }}/{{ item.key }}.json"
        mode: "0600"
      loop: "{{ {%s} | dict2items }}"
      loop_control:
        label: "{{ item.key }}"
"""


def keep_results(*names):
    """The last task of a test play: each registered te_<name> written to te_results_dir/<name>.json, which
    harness.PlaybookRunner reads back as result[name]."""
    return KEEP_RESULTS % ", ".join("'%s': te_%s" % (name, name) for name in names)


def as_returned(result):
    """A registered result without what ansible-core adds about how it came back (HOW_IT_CAME_BACK)."""
    return dict((key, item) for key, item in result.items() if key not in HOW_IT_CAME_BACK)


def normalised(value):
    """A result without what differs between two runs of the same task (IDs, times), to compare the two paths."""
    if isinstance(value, str):
        # The current time that a window message quotes ("to now (2026-11-26 08:30:15 UTC)").
        return re.sub(r"now \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)", "now (...)", value)
    if isinstance(value, dict):
        return dict((key, normalised(item)) for key, item in value.items() if key not in VOLATILE + HOW_IT_CAME_BACK)
    if isinstance(value, list):
        return [normalised(item) for item in value]
    return value
