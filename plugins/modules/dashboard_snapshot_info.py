#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: dashboard_snapshot_info
short_description: List ThousandEyes dashboards and their dashboard snapshots
version_added: 1.1.0
description:
  - Lists the account group's dashboards, to find their IDs, and its dashboard snapshots (every cursor page), optionally
    only those of one dashboard, with one name, or expired or not.
  - API v7 only (C(GET /v7/dashboards), C(GET /v7/dashboard-snapshots)); O(api_version=v6) fails before any request.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.connection
  - cisco.thousandeyes.connection.ACTION_GROUP
  - cisco.thousandeyes.connection.ACTION_PLUGIN
  - cisco.thousandeyes.connection.READ_ONLY
options:
  dashboard_id:
    description: Only the snapshots of this dashboard (the API's C(dashboardId) filter).
    type: str
  dashboard_name:
    description: Only the snapshots of the dashboard with exactly this title; no match, or several, fails naming the choices.
    type: str
  display_name:
    description: Only the snapshots with exactly this name.
    type: str
  expired:
    description: Only expired (V(true)) or unexpired (V(false)) snapshots. All when not set.
    type: bool
seealso:
  - module: cisco.thousandeyes.dashboard_snapshot
"""

EXAMPLES = r"""
- name: Find the dashboards and the snapshots of one
  cisco.thousandeyes.dashboard_snapshot_info:
    dashboard_name: Production Overview
    expired: false
  register: found

- name: Show the links
  ansible.builtin.debug:
    msg: "{{ found.dashboard_snapshots | map(attribute='app_link') | list }}"
"""

RETURN = r"""
dashboards:
  description: The account group's dashboards.
  returned: success
  type: list
  elements: dict
  contains:
    id:
      description: The dashboard's ID.
      type: str
      sample: 646f4d2ce3c99b0536c3821e
    title:
      description: Its title.
      type: str
      sample: Production Overview
    description:
      description: Its description.
      type: str
      sample: Every production test
    built_in:
      description: Whether it is one of ThousandEyes' built-in dashboards.
      type: bool
      sample: false
    private:
      description: Whether only its creator sees it.
      type: bool
      sample: false
    default_for_account:
      description: Whether it is the account group's default dashboard.
      type: bool
      sample: true
    default_timespan_seconds:
      description: Its default timespan in seconds.
      type: int
      sample: 86400
dashboard_snapshots:
  description: The dashboard snapshots that pass the filters, in the API's order; each as RV(cisco.thousandeyes.dashboard_snapshot#module:dashboard_snapshot).
  returned: success
  type: list
  elements: dict
  sample: [{"id": "d28bb71f-5a47-4783-8f12-d4b115e61b0c", "display_name": "INC-4711", "dashboard_id": "646f4d2ce3c99b0536c3821e",
            "start": "2026-11-26T04:00:00Z", "end": "2026-11-26T10:00:00Z", "expires": "2027-11-26T10:05:00Z", "expired": false,
            "app_link": "https://app.thousandeyes.com/dashboard/?snapshotId=d28bb71f-5a47-4783-8f12-d4b115e61b0c"}]
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._dashboard_snapshot_module import DashboardSnapshotInfoModule, info_argument_spec


def main():
    module = AnsibleModule(argument_spec=info_argument_spec(), supports_check_mode=True)
    DashboardSnapshotInfoModule(module).run()


if __name__ == "__main__":
    main()
