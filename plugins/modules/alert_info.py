#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: alert_info
short_description: List ThousandEyes alerts, active or cleared, with the test each one concerns
version_added: 1.1.0
description:
  - Lists the alerts of an account group (v7 C(GET /v7/alerts)), following the API's pages (C(_links.next)) to the end.
  - Active alerts by default; O(state=cleared) lists cleared ones. O(window), or O(start_date) and O(end_date), narrow
    the list as the API does (v7 C(GET /alerts)), active alerts by when they started and cleared alerts by when
    they cleared.
  - Each alert comes with its test's ID (the last segment of the alert's C(_links.test.href)) and, when the account
    group lists that test, its name (one more read-only request, C(GET /v7/tests), made only when an alert names a test).
  - Says for each alert whether M(cisco.thousandeyes.snapshot) can snapshot its test; agent, device and Endpoint Agent
    alerts have no test the snapshot API takes.
  - Use it to snapshot every test that is alerting now (playbook C(cisco.thousandeyes.snapshot_active_alerts)), or to
    report on alerts.
  - Reads only. API v7 only.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.connection
  - cisco.thousandeyes.connection.ACTION_GROUP
  - cisco.thousandeyes.connection.ACTION_PLUGIN
  - cisco.thousandeyes.connection.READ_ONLY
options:
  state:
    description:
      - V(active) lists the alerts that are triggered now; V(cleared) lists alerts that have ended.
    type: str
    choices: [active, cleared]
    default: active
  window:
    description:
      - The alerts of this time interval up to now, as a number with an optional unit C(s) (the default), C(m),
        C(h), C(d) or C(w), such as V(12h) or V(2d); with O(state=active) the alerts that started in it, with
        O(state=cleared) the alerts that cleared in it.
      - Not together with O(start_date) or O(end_date).
      - Every alert of the state when no time range is given.
    type: str
  start_date:
    description:
      - Start of the time range (when active alerts started, or when cleared alerts cleared), in UTC as
        C(yyyy-MM-dd HH:mm:ss), ISO 8601 with C(Z) or an offset, or epoch seconds.
      - Not together with O(window).
    type: str
  end_date:
    description:
      - End of the time range, in the same forms as O(start_date), or V(now). The API takes the current time when it
        is left out.
      - Not together with O(window).
    type: str
  test_id:
    description: Keep only the alerts on these tests (IDs, digits only).
    type: list
    elements: str
  test_name:
    description: Keep only the alerts on the tests with exactly these names.
    type: list
    elements: str
  alert_type:
    description:
      - Keep only the alerts of these types, such as V(http-server), V(page-load) or V(agent).
      - Compared as the API spells types, so V(HTTP Server) and V(http-server) are the same.
    type: list
    elements: str
  severity:
    description: Keep only the alerts of these severities.
    type: list
    elements: str
    choices: [info, minor, major, critical, unknown]
  rule_id:
    description: Keep only the alerts raised by these alert rules (IDs).
    type: list
    elements: str
  page_size:
    description:
      - How many alerts to ask for in each request (the API's C(max)); the module follows the pages to the end either way.
      - The API's own page size when not set.
    type: int
  max_duration:
    description:
      - The most seconds the whole listing may take, every page, the test names lookup, retries and rate-limit waits
        included, whatever the server does; past it the task fails, naming this option. Each request is also bounded
        by O(timeout) and the waits by O(rate_limit_wait).
      - The default lists tens of thousands of alerts at the API's pace.
    type: int
    default: 600
notes:
  - The task ends within O(max_duration) seconds in all (not O(timeout) per page), so a server that never stops
    sending pages cannot hold it for hours; at most 1,000 pages are read.
  - An answer larger than 32 MiB is refused while it is read, naming that limit; no ThousandEyes answer is that
    large, so memory stays far below what a faulty or hostile server sends.
  - Text from the API is returned as data; in messages and warnings, line breaks and control characters in it are
    shown as escapes (C(\n), C(\x1b)).
  - The filters O(test_id), O(test_name), O(alert_type), O(severity) and O(rule_id) are applied by the module to the
    whole list; the API filters by state and time range only.
seealso:
  - module: cisco.thousandeyes.snapshot
  - module: cisco.thousandeyes.test_info
"""

EXAMPLES = r"""
- name: List the active alerts
  cisco.thousandeyes.alert_info:
    state: active
  register: active

- name: Show each alert's test
  ansible.builtin.debug:
    msg: "{{ item.alert_id }} ({{ item.type }}, {{ item.severity }}) on {{ item.test_name or item.test_id or 'no test' }}"
  loop: "{{ active.alerts }}"
  loop_control:
    label: "{{ item.alert_id }}"

- name: Critical alerts cleared in the last day, on HTTP server tests
  cisco.thousandeyes.alert_info:
    state: cleared
    window: 1d
    severity: [critical]
    alert_type: [http-server]
  register: cleared

- name: Cleared alerts of one test in a time range
  cisco.thousandeyes.alert_info:
    state: cleared
    start_date: "2026-11-26 00:00:00"
    end_date: "2026-11-26 12:00:00"
    test_id: ["281474976710706"]
  register: morning
"""

RETURN = r"""
alerts:
  description: The alerts that passed the filters, oldest start first.
  returned: success
  type: list
  elements: dict
  contains:
    alert_id:
      description: The alert's ID (C(id), else the deprecated C(alertId)).
      type: str
      sample: f8bfe155-565c-4f6a-b987-b50742127266
    type:
      description: The alert's type (C(alertType)).
      type: str
      sample: http-server
    severity:
      description: The alert's severity in lower case (C(alertSeverity), else the deprecated C(severity)).
      type: str
      sample: major
    state:
      description: V(active) or V(cleared).
      type: str
      sample: active
    started:
      description: When the alert started (C(startDate)), ISO 8601 UTC.
      type: str
      sample: "2026-11-26T04:00:00Z"
    ended:
      description: When the alert was cleared (C(endDate)); null while it is active.
      type: str
      sample: null
    rule_id:
      description: The ID of the alert rule that raised it (C(alertRuleId)).
      type: str
      sample: "344753"
    test_id:
      description: The test's ID, the last segment of C(_links.test.href); null for an alert without a test (agent, device).
      type: str
      sample: "281474976710706"
    test_name:
      description: The test's name when the account group lists the test (C(GET /v7/tests)), else null.
      type: str
      sample: Payments API
    app_link:
      description: The alert in the ThousandEyes app (C(_links.appLink.href)).
      type: str
      sample: https://app.thousandeyes.com/alerts/list/?alertId=f8bfe155-565c-4f6a-b987-b50742127266
    violation_count:
      description: How many sources meet the alert's conditions (C(violationCount)).
      type: int
      sample: 2
    suppressed:
      description: Whether an alert suppression window suppresses the alert now (C(suppressed)).
      type: bool
      sample: false
    snapshot_supported:
      description: Whether M(cisco.thousandeyes.snapshot) can snapshot the alert's test.
      type: bool
      sample: true
    no_snapshot_reason:
      description: Why the alert's test cannot be snapshot; null when it can.
      type: str
      sample: null
    raw:
      description: The alert as the API returned it.
      type: dict
      sample: {"id": "f8bfe155-565c-4f6a-b987-b50742127266", "alertType": "http-server", "startDate": "2026-11-26T04:00:00Z"}
pages:
  description: How many pages of alerts the API answered with.
  returned: success
  type: int
  sample: 1
rate_limit_waited:
  description:
    - Seconds spent waiting for the API's rate limit (HTTP 429); V(0) when there was no wait.
    - A wait also gives a warning, so that the job output says why the task took long.
  returned: success
  type: float
  sample: 0.0
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_info_module import AlertInfoModule, argument_spec


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    AlertInfoModule(module).run()


if __name__ == "__main__":
    main()
