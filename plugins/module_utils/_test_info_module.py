# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# What the test_info module does, apart from how it is run: its options, the filters and the result.
# plugins/modules/test_info.py runs it in a module process; plugins/action/test_info.py runs the same code in the
# controller when the task's target is local.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import ThousandEyesModule, connection_argument_spec
from ansible_collections.cisco.thousandeyes.plugins.module_utils._tests_api import TEST_TYPES, is_snapshot_or_saved_event, list_tests


def keep(test, params, pattern):
    if not params["include_snapshots"] and is_snapshot_or_saved_event(test):
        return False
    if params.get("name") is not None and test["name"] != params["name"]:
        return False
    if pattern is not None and not pattern.search(test["name"] if isinstance(test["name"], str) else ""):
        return False
    if params.get("type") and test["type"] not in params["type"]:
        return False
    if params.get("enabled") is not None and test["enabled"] is not params["enabled"]:
        return False
    return True


class TestInfoModule(ThousandEyesModule):

    def run(self):
        pattern, problem = None, None
        if self.params.get("name_regex") is not None:
            try:
                pattern = re.compile(self.params["name_regex"])
            except re.error as error:
                problem = "Option name_regex is not a valid regular expression: %s." % error
        if problem:
            self.module.fail_json(msg=problem, option="name_regex")
        notes = []
        tests = self.call_api(lambda: list_tests(self.client, self.api_version, self.aid_query(), notes))
        for note in notes:
            self.module.warn(note)
        selected = [test for test in tests if keep(test, self.params, pattern)]
        selected.sort(key=lambda test: (str(test["name"] or ""), test["test_id"] or ""))
        name = self.params.get("name")
        if name is not None and not selected and not self.params["include_snapshots"]:
            hidden = [test for test in tests if is_snapshot_or_saved_event(test) and test["name"] == name]
            if hidden:
                self.module.warn("No test is named %r, but %d saved event(s) or live share(s) are; set include_snapshots=true to "
                                 "list them." % (name, len(hidden)))
        self.module.exit_json(changed=False, tests=selected)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        name=dict(type="str"),
        name_regex=dict(type="str"),
        type=dict(type="list", elements="str", choices=list(TEST_TYPES)),
        enabled=dict(type="bool"),
        include_snapshots=dict(type="bool", default=False),
    )
    return spec
