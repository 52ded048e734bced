#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: dashboard_snapshot
short_description: Create, keep, re-date or delete a ThousandEyes dashboard snapshot (a whole dashboard over a window)
version_added: 1.1.0
description:
  - A dashboard snapshot freezes a whole ThousandEyes dashboard (every widget, test and agent on it) over a time window,
    optionally with anonymised data. It lives one year by default and up to five years, and has its own quota of 100
    per organisation per hour, apart from the test snapshot quota.
  - Idempotent. With O(state=present) a snapshot of the same dashboard with the same O(display_name) is returned as it
    is (RV(ignore:changed) V(false)); only a different O(expires) changes it (the API can change nothing else). Without
    one, it is created. The window of an existing snapshot is not compared (a window relative to now differs at every run).
  - With O(state=absent), the snapshot given by O(snapshot_id), or every snapshot of the dashboard named O(display_name),
    is deleted; none left is unchanged.
  - API v7 only (C(GET/POST /v7/dashboard-snapshots), C(GET/PATCH/DELETE /v7/dashboard-snapshots/{snapshotId}),
    C(GET /v7/dashboards)); API v6 has no dashboard snapshots, so O(api_version=v6) fails before any request.
  - Input is checked before any request is sent. A POST is never sent twice; an HTTP 429 of the dashboard snapshot quota
    is waited out (its own C(X-Dashboard-Snapshot-Rate-Limit-Reset) header) within O(rate_limit_wait), and said in a warning.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.connection
  - cisco.thousandeyes.connection.ACTION_GROUP
  - cisco.thousandeyes.connection.ACTION_PLUGIN
attributes:
  check_mode:
    description:
      - Makes the same read-only requests as a real run (the dashboards list by O(dashboard_name), the dashboard's
        snapshots, the snapshot by O(snapshot_id)), so RV(ignore:changed) tells what a real run would do. Sends no
        POST, PATCH or DELETE.
    support: full
    details:
      - A snapshot to be created has RV(dashboard_snapshot.id) and RV(dashboard_snapshot.app_link) null.
      - The fact C(thousandeyes_dashboard_snapshot) is not set in check mode.
  diff_mode:
    description: Shows the snapshot before and after (empty when there is none).
    support: full
options:
  state:
    description:
      - V(present) makes sure the snapshot exists (and has the O(expires) asked for); V(absent) makes sure it does not.
    type: str
    choices: [present, absent]
    default: present
  dashboard_id:
    description:
      - ID of the dashboard, as RV(cisco.thousandeyes.dashboard_snapshot_info#module:dashboards[].id) lists it.
      - With O(state=present) one of O(dashboard_id) and O(dashboard_name) is required; an empty string counts as not given.
    type: str
  dashboard_name:
    description:
      - Title of the dashboard, matched exactly (case-sensitive) against the account group's dashboards. No match, or
        several, fails naming the choices.
      - Costs one extra request (the dashboards list).
    type: str
  display_name:
    description:
      - Name of the snapshot, at most 255 printable characters. Required with O(state=present), as it is how the
        snapshot is found again, so a second run makes no second snapshot.
      - With O(state=absent) and the dashboard, every snapshot of that dashboard with this name is deleted.
    type: str
  snapshot_id:
    description:
      - ID of the snapshot to delete (O(state=absent) only), as RV(dashboard_snapshot.id) gives it. An unknown ID is
        already absent.
    type: str
  start:
    description:
      - Start of the window, in the forms of M(cisco.thousandeyes.snapshot)'s O(cisco.thousandeyes.snapshot#module:start)
        (C(yyyy-MM-dd HH:mm:ss) UTC, ISO 8601, epoch seconds, C(now)).
      - The window is any two of O(start), O(end) and O(hours), or O(hours) alone (ending now, the current minute).
        Dashboard snapshots take a window of any length; it may not end in the future.
    type: raw
    aliases: [from, start_date]
  end:
    description: End of the window, in the forms of O(start).
    type: raw
    aliases: [to, end_date]
  hours:
    description: Length of the window in hours, any positive number.
    type: int
  anonymize:
    description: Anonymise the data in the snapshot (the API's C(anonymizeData)). Used when creating only.
    type: bool
    default: false
  expires:
    description:
      - When the snapshot expires. A date (V(2027-06-30), midnight UTC), a date and time in the forms of O(start), or a
        length after the snapshot's creation such as V(90d), V(12w) or V(2y) (so that re-running the task keeps the
        same expiry). A length is kept when the snapshot's expiry is within an hour of its creation time plus the
        length (the expiry sent on creation is counted from the controller's clock before the request, the creation
        time is the API's); lengths are whole days, so a different length is always applied.
      - It must be in the future and at most 5 years from now (the API's limit). Not given, a new snapshot expires
        after one year (the API's default) and an existing one keeps its expiry.
    type: str
  timezone:
    description: Time zone the snapshot shows its dates in (the API's C(timezone), such as V(UTC) or V(PST)). Used when creating only.
    type: str
notes:
  - Permissions the user's role needs, per the official v7 spec, are C(View snapshots) and C(Edit snapshots), and
    C(View dashboards) for O(dashboard_name).
seealso:
  - module: cisco.thousandeyes.dashboard_snapshot_info
  - module: cisco.thousandeyes.snapshot
"""

EXAMPLES = r"""
- name: One link for the whole incident, over the last 6 hours, kept for 2 years
  cisco.thousandeyes.dashboard_snapshot:
    dashboard_name: Production Overview
    display_name: "INC-4711 checkout outage"
    hours: 6
    expires: 2y
  register: incident

- name: Show the link
  ansible.builtin.debug:
    msg: "{{ incident.dashboard_snapshot.app_link }}"

- name: Anonymised, over a fixed window, for a vendor
  cisco.thousandeyes.dashboard_snapshot:
    dashboard_id: 646f4d2ce3c99b0536c3821e
    display_name: "INC-4711 for the vendor"
    start: "2026-11-26T04:00:00Z"
    end: "2026-11-26T10:00:00Z"
    anonymize: true
    timezone: UTC

- name: Keep it until the end of next year instead
  cisco.thousandeyes.dashboard_snapshot:
    dashboard_name: Production Overview
    display_name: "INC-4711 checkout outage"
    hours: 6
    expires: "2027-12-31"

- name: Delete it by ID
  cisco.thousandeyes.dashboard_snapshot:
    state: absent
    snapshot_id: "{{ incident.dashboard_snapshot.id }}"
"""

RETURN = r"""
dashboard_snapshot:
  description:
    - The snapshot. With O(state=present), as it is after the task (planned values in check mode, with RV(dashboard_snapshot.id)
      and RV(dashboard_snapshot.app_link) null for one to be created). With O(state=absent), the one deleted, or null when
      none or several were.
  returned: success
  type: dict
  contains:
    id:
      description: The snapshot's ID (a UUID).
      type: str
      sample: d28bb71f-5a47-4783-8f12-d4b115e61b0c
    display_name:
      description: Its name.
      type: str
      sample: INC-4711 checkout outage
    dashboard_id:
      description: The dashboard it is a snapshot of.
      type: str
      sample: 646f4d2ce3c99b0536c3821e
    dashboard_title:
      description: The dashboard's title, when known.
      type: str
      sample: Production Overview
    start:
      description: Start of the window, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T04:00:00Z"
    end:
      description: End of the window, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T10:00:00Z"
    expires:
      description: When it expires, ISO 8601 UTC; null for a snapshot to be created without O(expires) (the API sets one year).
      type: str
      sample: "2028-11-26T10:05:00Z"
    expired:
      description: Whether it has expired.
      type: bool
      sample: false
    created:
      description: When it was created, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T10:05:00Z"
    app_link:
      description: Link to the snapshot in the ThousandEyes app; share it to show the incident.
      type: str
      sample: https://app.thousandeyes.com/dashboard/?snapshotId=d28bb71f-5a47-4783-8f12-d4b115e61b0c
deleted:
  description: IDs of the snapshots deleted (or that would be, in check mode).
  returned: success, with O(state=absent)
  type: list
  elements: str
  sample: [d28bb71f-5a47-4783-8f12-d4b115e61b0c]
request:
  description: The POST or PATCH sent (or that would be, in check mode), without credentials.
  returned: when a snapshot is created or its expiry changed
  type: dict
  sample: {"method": "POST", "url": "https://api.thousandeyes.com/v7/dashboard-snapshots", "body": {"dashboardId": "646f4d2ce3c99b0536c3821e"}}
rate_limit_waited:
  description: Seconds spent waiting for the API's rate limit (HTTP 429); a wait also gives a warning.
  returned: success, with O(state=present)
  type: float
  sample: 0
snapshot_may_exist:
  description: On a failure after the POST was sent, whether a snapshot may have been created all the same.
  returned: failure of the POST
  type: bool
  sample: true
ansible_facts:
  description: Facts set for later tasks and plays. Not set in check mode.
  returned: success, with O(state=present), not in check mode
  type: dict
  contains:
    thousandeyes_dashboard_snapshot:
      description: The same dict as RV(dashboard_snapshot).
      type: dict
      sample: {"id": "d28bb71f-5a47-4783-8f12-d4b115e61b0c",
               "app_link": "https://app.thousandeyes.com/dashboard/?snapshotId=d28bb71f-5a47-4783-8f12-d4b115e61b0c"}
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._dashboard_snapshot_module import DashboardSnapshotModule, argument_spec


def main():
    # Exclusive and required options are checked by DashboardSnapshotModule itself, where "" means unset.
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    DashboardSnapshotModule(module).run()


if __name__ == "__main__":
    main()
