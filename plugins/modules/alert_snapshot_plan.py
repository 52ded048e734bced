#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Documentation only: the action plugin plugins/action/alert_snapshot_plan.py does the work, on the controller.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: alert_snapshot_plan
short_description: Plan one ThousandEyes snapshot per alerting test, from a list of alerts
version_added: 1.1.0
description:
  - Takes the alerts that M(cisco.thousandeyes.alert_info) lists and returns what M(cisco.thousandeyes.snapshot) needs
    to keep the evidence of each test that is alerting, one snapshot per test however many alerts it has.
  - Each test's window is the smallest one the API allows that reaches back to the start of its earliest alert, ending
    at the current minute; the longest allowed when that alert started earlier; O(fallback_hours) when no alert of the
    test carries a usable start. The window and the title are chosen as M(cisco.thousandeyes.alert_event) chooses them
    for Event-Driven Ansible, by the same code.
  - Alerts without a test the snapshot API takes (agent, device, Endpoint Agent and outage alerts, and alerts that name
    no test) are returned in RV(skipped_alerts), each with the reason.
  - Values from the API are inserted in the title as they are (braces, percent signs, quotes and templates stay literal)
    and everything returned is marked as data that Ansible never templates.
  - Runs on the controller only; it sends no request.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.controller_only
attributes:
  check_mode:
    description: Computes only, the same as in a normal run.
    support: full
options:
  alerts:
    description:
      - The alerts, as RV(cisco.thousandeyes.alert_info#module:alerts) returns them. The fields read are C(alert_id),
        C(type), C(severity), C(started), C(test_id) and C(test_name).
      - An alert listed twice counts once.
      - Each entry is planned on its own. An entry that is not an alert object, or whose test ID is not digits, is
        returned in RV(skipped_alerts) with the reason; a start that is not a usable time (past year 9999, say) gives
        its test the O(fallback_hours) window and the note names the alert.
    type: list
    elements: raw
    required: true
  title_format:
    description:
      - The snapshot title, with placeholders replaced by the values of the test's earliest alert.
      - "Placeholders: C({alert_id}), C({alert_type}), C({severity}), C({test}) (the test's name, else C(test <id>)),
        C({test_id}), C({test_name}), C({rule_name}) (always empty here: the alerts list names rules by ID only),
        C({account_id}) (O(account_group_id)), C({started}) (ISO 8601 UTC, or C(unknown)) and C({window_hours})."
      - An unknown placeholder fails and lists the allowed ones; other text, braces included, is kept as written.
      - "Default C(ThousandEyes alert {alert_id} on {test} since {started}). An empty string means the default."
    type: str
  fallback_hours:
    description:
      - Window length in hours for a test none of whose alerts carries a usable start time.
      - One of 1, 2, 4, 6, 12, 24 or 48 (the windows API v7 allows).
    type: int
    default: 4
  account_group_id:
    description:
      - The account group of the snapshots, digits only; returned in each plan. An empty string means not set.
    type: str
    aliases: [aid]
  max_snapshots:
    description:
      - The most snapshots to plan. The tests beyond the first O(max_snapshots) (in the order of their first alerts)
        get none; each of their alerts is returned in RV(skipped_alerts) saying so.
      - Every alerting test when not set.
    type: int
seealso:
  - module: cisco.thousandeyes.alert_info
  - module: cisco.thousandeyes.snapshot
  - module: cisco.thousandeyes.alert_event
"""

EXAMPLES = r"""
- name: List the active alerts
  cisco.thousandeyes.alert_info:
    state: active
  register: te_alerts

- name: Plan one snapshot per alerting test
  cisco.thousandeyes.alert_snapshot_plan:
    alerts: "{{ te_alerts.alerts }}"
  register: te_plan

- name: Say which alerts have no test to snapshot
  ansible.builtin.debug:
    msg: "{{ item.msg }}"
  loop: "{{ te_plan.skipped_alerts }}"

- name: Snapshot each test
  cisco.thousandeyes.snapshot:
    test_id: "{{ item.test_id }}"
    # The window ends when the snapshot is made (after any rate-limit wait) and reaches back to the earliest alert's start.
    since: "{{ item.since | default(omit, true) }}"
    hours: "{{ omit if item.since else item.hours }}"
    display_name: "{{ item.display_name }}"
  loop: "{{ te_plan.snapshots }}"
"""

RETURN = r"""
snapshots:
  description: One plan per test with alerts, in the order of each test's first alert in O(alerts).
  returned: success
  type: list
  elements: dict
  contains:
    test_id:
      description: The test's ID.
      type: str
      sample: "281474976710706"
    test_name:
      description: The test's name, when the alerts carry it, else null.
      type: str
      sample: Payments API
    end:
      description: End of the window, epoch seconds (the current minute, rounded down).
      type: int
      sample: 1795680000
    hours:
      description: Length of the window in hours.
      type: int
      sample: 4
    display_name:
      description: The snapshot title built from O(title_format).
      type: str
      sample: "ThousandEyes alert f8bfe155-565c-4f6a-b987-b50742127266 on Payments API since 2026-11-26T04:00:00Z"
    account_group_id:
      description: O(account_group_id), or null.
      type: str
      sample: "1234"
    evidence_key:
      description:
        - The key for the snapshot module's O(cisco.thousandeyes.snapshot#module:evidence_key), from the test's first alert (the
          earliest start, as for the title's C({alert_id})), C(alert-<alert ID>); the same key
          RV(cisco.thousandeyes.alert_event#module:snapshot.evidence_key) gives that alert's webhook, so a sweep after the
          webhook, or a sweep run again, finds the snapshot already made. Null when the alert has no ID.
        - A later incident of the same test starts with another alert, so it gets another key and its own snapshot.
      type: str
      sample: alert-f8bfe155-565c-4f6a-b987-b50742127266
    alert_ids:
      description: The IDs of the test's alerts.
      type: list
      elements: str
      sample: ["f8bfe155-565c-4f6a-b987-b50742127266", "0b1e4c8e-9d7a-4f55-a0a4-5b7f7b0e2d11"]
    started:
      description: The earliest start of the test's alerts, ISO 8601 UTC; null when none carries a usable start.
      type: str
      sample: "2026-11-26T04:00:00Z"
    since:
      description:
        - The earliest start, for the snapshot module's O(cisco.thousandeyes.snapshot#module:since), so the window ends when
          the snapshot is created, after any rate-limit wait, and still covers it. Null when no alert carries a usable start,
          or when it lies further back than the longest window reaches; then give its C(hours), which also ends now.
      type: str
      sample: "2026-11-26T04:00:00Z"
    label:
      description:
        - The test's name (else C(test <id>)) for a loop label, with line breaks and control characters written as
          escapes (C(\n), C(\x1b)), so that a name cannot forge lines of the job output.
      type: str
      sample: Payments API
    note:
      description: One sentence on why this window.
      type: str
      sample: "The alert started 3.0 hours ago: a 4-hour window covers it."
    msg:
      description: One line for the job output.
      type: str
      sample: "Payments API: snapshot of the last 4 hours for 2 alerts (a1, a2). The alert started 3.0 hours ago: a 4-hour window covers it."
skipped_alerts:
  description: The alerts that get no snapshot, in the order of O(alerts).
  returned: success
  type: list
  elements: dict
  contains:
    alert_id:
      description: The alert's ID.
      type: str
      sample: 3c5a7f0e-2b8d-4c1e-9f6a-7d2e1b0c9a84
    type:
      description: The alert's type.
      type: str
      sample: agent
    test_id:
      description: The test the alert names, if any.
      type: str
      sample: null
    reason:
      description: Why there is no snapshot.
      type: str
      sample: an agent notification concerns an agent, not a test, so there is no test to snapshot
    label:
      description: The alert's ID for a loop label, with control characters written as escapes.
      type: str
      sample: 3c5a7f0e-2b8d-4c1e-9f6a-7d2e1b0c9a84
    msg:
      description: One line for the job output.
      type: str
      sample: "ThousandEyes alert 3c5a7f0e (agent) skipped: an agent notification concerns an agent, not a test, so there is no test to snapshot."
quota_minutes:
  description:
    - The least minutes the snapshot quota (5 per organisation per 5 minutes) makes the planned snapshots take, when
      the organisation has not used it in the last 5 minutes; C(msg) says it in words.
  returned: success
  type: int
  sample: 35
incident_window:
  description:
    - The window of the whole incident, for M(cisco.thousandeyes.dashboard_snapshot) (which takes any length). It runs from the
      earliest start of any alert in O(alerts) (with or without a test), rounded down to the minute, to the current minute, and
      is O(fallback_hours) long when no alert has a usable start.
  returned: success
  type: dict
  contains:
    start:
      description: Start, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T04:00:00Z"
    end:
      description: End, the current minute, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T08:30:00Z"
    earliest_alert_start:
      description: The earliest alert's start, or null when none is known.
      type: str
      sample: "2026-11-26T04:00:12Z"
    display_name:
      description: A name fixed by the earliest start, so that a second run for the same incident finds the same dashboard snapshot.
      type: str
      sample: ThousandEyes incident since 2026-11-26 04:00 UTC
msg:
  description: A summary with how long the snapshot quota makes the job take, or on failure what is wrong with the options.
  returned: always
  type: str
  sample: "3 alerts on 2 tests to snapshot; 1 alert skipped (no test the snapshot API takes). 2 snapshots: within the
    snapshot quota (5 per organisation per 5 minutes): no wait if the organisation has not used it lately."
"""
