# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The organisation data (data.json): users and their tokens, roles,
# account groups and tests. Read-only while the simulator runs.

import collections
import json
import os

DEFAULT_DATA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data.json")

SNAPSHOT_PERMISSION = "Create snapshot shares"
VIEW_TESTS_PERMISSION = "View tests"
# The permissions the official v7 spec names for the dashboard operations (Dashboards, Dashboard Snapshots tags).
VIEW_DASHBOARDS_PERMISSION = "View dashboards"
VIEW_DASHBOARD_SNAPSHOTS_PERMISSION = "View snapshots"
EDIT_DASHBOARD_SNAPSHOTS_PERMISSION = "Edit snapshots"

# Keys of data.json tests that describe the simulator, not the API.
INTERNAL_TEST_KEYS = ("aid", "endpointTest")


def load_data(path):
    with open(path, "rb") as handle:
        return json.loads(handle.read().decode("utf-8"))


class Directory:
    """Read-only view of data.json: who is who, and which tests exist where."""

    def __init__(self, data):
        self.organization = data["organization"]
        self.account_groups = collections.OrderedDict((group["aid"], group) for group in data["accountGroups"])
        self.roles = dict((role["name"], role) for role in data["roles"])
        self.users = data["users"]
        self.tests = data["tests"]
        self.dashboards = data.get("dashboards", [])

    def user_by_token(self, token):
        for user in self.users:
            if token and user.get("token") == token:
                return user
        return None

    def user_by_basic(self, email, basic_token):
        for user in self.users:
            if basic_token and user.get("email", "").lower() == email.lower() and user.get("basicToken") == basic_token:
                return user
        return None

    def permissions_of(self, user):
        return self.roles.get(user.get("role"), {}).get("permissions", [])

    def is_regular_user(self, user):
        return bool(self.roles.get(user.get("role"), {}).get("regularUser"))

    def dashboards_in(self, aid):
        return [dashboard for dashboard in self.dashboards if dashboard["aid"] == aid]

    def find_dashboard(self, aid, dashboard_id):
        for dashboard in self.dashboards_in(aid):
            if dashboard["dashboardId"] == dashboard_id:
                return dashboard
        return None

    def max_test_id(self):
        return max([int(test["testId"]) for test in self.tests] or [0])
