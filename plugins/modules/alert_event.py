#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Documentation only: the action plugin plugins/action/alert_event.py does the work, on the controller.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: alert_event
short_description: Read a ThousandEyes alert from an Event-Driven Ansible event as data, and plan its snapshot
version_added: 1.1.0
description:
  - Reads the ThousandEyes alert that Event-Driven Ansible passes to a playbook in the extra variable C(ansible_eda)
    (C(ansible_eda.event.payload) is the webhook's body), and returns what a snapshot of the alert's test needs, for
    M(cisco.thousandeyes.snapshot).
  - Reads both kinds of ThousandEyes webhook and says which it read (RV(body_kind)). A B(custom) webhook (a template,
    such as the C(Generic) preset) sends C(type) (C("2") or C(2) triggered, C("1") or C(1) cleared) and C(alert) with
    C(alert.test.name), C(alert.test.id) when the template adds it, C(alert.rule) when the alert has a rule and
    C(alert.triggered). A B(classic) webhook sends C(eventType) (C(ALERT_NOTIFICATION_TRIGGER), C(ALERT_NOTIFICATION_CLEAR),
    C(AGENT_ALERT_NOTIFICATION_TRIGGER), C(AGENT_ALERT_NOTIFICATION_CLEAR), C(WEBHOOK_TEST)) and C(alert) (or C(agentAlert))
    with C(alertId), C(testId), C(testName), C(ruleName), C(ruleAid) and C(dateStart) (C(yyyy-MM-dd HH:mm:ss), UTC).
  - Says what to do with the alert (RV(outcome)). C(snapshot) for a triggered alert on a test the snapshot API takes.
    C(no_snapshot), with RV(reason), for an alert that has no such test (an agent or device notification, an outage,
    an Endpoint Agent test) and for a classic webhook's test event. C(cleared) for a cleared alert. The alert's type
    (C(alert.type), as an ID such as C(endpoint-http-server) or in display words such as C(Agent)) decides; an unknown
    type is tried as a test.
  - The event is data from the network. Ansible templates extra variables when a template reads them, so a test
    name or an alert rule name holding a template (C({{ ... }}) or C({% ... %})) would run as code on the controller. This
    action reads the event straight from the task's variables on the controller, never through a template, and
    returns every value marked as data that Ansible never templates (unsafe on ansible-core 2.16 to 2.18, not
    trusted as a template on 2.19 and later). Playbooks should read the event only through it and never name
    C(ansible_eda) in a template.
  - Picks the smallest window the API allows that reaches back to the alert's start (C(alert.triggered), epoch
    milliseconds or seconds, or ISO 8601; a classic webhook's C(alert.dateStart)), ending at the current minute; the longest allowed when the alert
    started earlier; O(fallback_hours) when the alert carries no usable start.
  - Builds the snapshot title from O(title_format) in Python, by replacing named placeholders with the alert's
    values. Values are inserted as they are (braces, percent signs, quotes and templates stay literal), each run
    of control, format or other invisible characters (which M(cisco.thousandeyes.snapshot) refuses in a title)
    becomes a space, and the title is cut to 255 characters.
  - An alert with nothing to snapshot returns no snapshot plan and a RV(msg) of one line saying what the alert was and
    why. An event that is not a ThousandEyes alert, has an unknown C(payload.type) or C(payload.eventType), or is a test
    alert that names no test fails with a message that says what to change.
  - Runs on the controller only; it sends no request.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.controller_only
attributes:
  check_mode:
    description: Reads and computes only, the same as in a normal run.
    support: full
options:
  title_format:
    description:
      - The snapshot title, with placeholders replaced by the alert's values.
      - "Placeholders: C({alert_id}), C({alert_type}), C({severity}), C({test}) (the test's name, else C(test <id>)),
        C({test_id}), C({test_name}), C({rule_name}), C({account_id}), C({started}) (the alert's start, ISO 8601 UTC, or
        C(unknown)) and C({window_hours})."
      - There is no attribute or index access and no template; an unknown placeholder fails and lists the allowed ones.
        Any other text, braces included, is kept as written.
      - "Default C(ThousandEyes alert {alert_id} on {test}: {rule_name}), without C(: {rule_name}) when the alert names
        no rule. An empty string means the default."
    type: str
  fallback_hours:
    description:
      - Window length in hours when the alert carries no usable start time.
      - One of the lengths O(api_version) allows (v7 1, 2, 4, 6, 12, 24 or 48; v6 also 96).
    type: int
    default: 4
  account_group_id:
    description:
      - The account group for the snapshot, digits only; returned as RV(snapshot.account_group_id).
      - Without it, C(alert.rule.account.id) of the alert when the webhook template adds it (a classic webhook's
        C(alert.ruleAid)) and it is digits only.
        An empty string means not set.
    type: str
    aliases: [aid]
  api_version:
    description:
      - The API version the snapshot will use; it sets the window lengths allowed.
    type: str
    choices: [v7, v6]
    default: v7
notes:
  - "The alert fields read are, for a custom webhook, C(payload.type), C(alert.id), C(alert.type), C(alert.severity),
    C(alert.test.id), C(alert.test.name), C(alert.rule.name), C(alert.rule.account.id) and C(alert.triggered); for a
    classic webhook, C(payload.eventType), C(alertId), C(type), C(severity), C(testId), C(testName), C(ruleName),
    C(ruleAid), C(agentName), C(dateStart) and C(dateStartZoned) of C(alert) (else C(agentAlert))."
  - The test ID is used when it is digits only; otherwise the snapshot names the test by its name, and
    M(cisco.thousandeyes.snapshot) also tries the name with its HTML entities decoded (C(&amp;) read as C(&)) when no
    test has the name as sent.
seealso:
  - module: cisco.thousandeyes.snapshot
"""

EXAMPLES = r"""
# The event is the extra variable ansible_eda that ansible-rulebook's run_playbook passes; by hand, a saved one:
# ansible-playbook play.yml -e @event.json, with event.json holding {"ansible_eda": {"event": {"payload": <webhook body>}}}
- name: Read the alert from the event, as data
  cisco.thousandeyes.alert_event:
    title_format: "{severity} alert on {test} ({rule_name}), started {started}"
    fallback_hours: 6
  register: te_alert

- name: Say why an alert gets no snapshot (a cleared alert, an agent notification, ...)
  when: te_alert.outcome != 'snapshot'
  ansible.builtin.debug:
    msg: "{{ te_alert.msg }}"

- name: Snapshot the alert's test
  when: te_alert.outcome == 'snapshot'
  cisco.thousandeyes.snapshot:
    test_id: "{{ te_alert.snapshot.test_id | default(omit, true) }}"
    test_name: "{{ omit if te_alert.snapshot.test_id else te_alert.snapshot.test_name }}"
    # The window ends when the snapshot is made (after any rate-limit wait) and reaches back to the alert's start.
    since: "{{ te_alert.snapshot.since | default(omit, true) }}"
    hours: "{{ omit if te_alert.snapshot.since else te_alert.snapshot.hours }}"
    display_name: "{{ te_alert.snapshot.display_name }}"
    aid: "{{ te_alert.snapshot.account_group_id | default(omit, true) }}"
    # A replay, or the same alert as a custom and a classic body, finds the first snapshot instead of making another.
    evidence_key: "{{ te_alert.snapshot.evidence_key | default(omit, true) }}"
"""

RETURN = r"""
notification:
  description:
    - C(triggered) for a triggered alert (C(payload.type) C(2), or a classic C(eventType) ending in C(_TRIGGER)),
      C(cleared) for a cleared one (C(1), C(_CLEAR)), C(webhook_test) for a classic webhook's C(WEBHOOK_TEST) event.
  returned: success
  type: str
  sample: triggered
body_kind:
  description: Which kind of webhook body was read, C(custom) (C(payload.type)) or C(classic) (C(payload.eventType)).
  returned: success
  type: str
  sample: custom
outcome:
  description:
    - C(snapshot) when RV(snapshot) says what to snapshot; C(no_snapshot) when the alert has no test the snapshot API
      takes (RV(reason) says why); C(cleared) for a cleared alert.
  returned: success
  type: str
  sample: snapshot
alert_kind:
  description:
    - What the alert is about, from its type. C(test) (a Cloud or Enterprise Agent test, or a type this collection does
      not know), C(agent), C(device), C(endpoint) or C(outage).
  returned: success
  type: str
  sample: test
reason:
  description: Why there is no snapshot; null when RV(outcome) is C(snapshot).
  returned: success
  type: str
  sample: an agent notification concerns an agent, not a test, so there is no test to snapshot
cleared:
  description: Whether the alert was cleared (RV(outcome) is C(cleared)); there is then no snapshot plan.
  returned: success
  type: bool
  sample: false
alert:
  description: The alert's fields, as text (empty when the alert does not carry them).
  returned: success
  type: dict
  contains:
    id:
      description: C(alert.id) (a classic webhook's C(alertId)).
      type: str
      sample: c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77
    type:
      description: C(alert.type), as sent (an ID such as C(page-load), or display words such as C(Page Load)).
      type: str
      sample: page-load
    severity:
      description: C(alert.severity).
      type: str
      sample: major
    test_id:
      description: C(alert.test.id), when the webhook template adds it (a classic webhook's C(testId)).
      type: str
      sample: "281474976710708"
    test_name:
      description: C(alert.test.name) (a classic webhook's C(testName)).
      type: str
      sample: Corporate Website
    rule_name:
      description: C(alert.rule.name) (a classic webhook's C(ruleName)).
      type: str
      sample: Default Page Load Alert Rule
    account_id:
      description: C(alert.rule.account.id), when the webhook template adds it (a classic webhook's C(ruleAid)).
      type: str
      sample: "1234"
    started:
      description: The alert's start (C(alert.triggered), a classic webhook's C(dateStart)), ISO 8601 UTC; null when unknown.
      type: str
      sample: "2026-11-26T04:00:00Z"
snapshot:
  description: What to pass to M(cisco.thousandeyes.snapshot). Null unless RV(outcome) is C(snapshot).
  returned: success
  type: dict
  contains:
    test_id:
      description: The test ID when the alert carries one (digits only), else null.
      type: str
      sample: "281474976710706"
    test_name:
      description: The test name to look up when there is no test ID, else null.
      type: str
      sample: Corporate Website
    end:
      description: End of the window, epoch seconds (the current minute, rounded down).
      type: int
      sample: 1795680000
    hours:
      description: Length of the window in hours.
      type: int
      sample: 4
    since:
      description:
        - The alert's start (ISO 8601 UTC), for the snapshot module's O(cisco.thousandeyes.snapshot#module:since), so the
          window ends when the snapshot is created, after any rate-limit wait, and still covers the start. Null when the
          alert carries no usable start, or when it lies further back than the longest window reaches (then give
          RV(snapshot.hours), the fallback or the longest window, which ends now).
      type: str
      sample: "2026-11-26T04:00:00Z"
    display_name:
      description: The snapshot title built from O(title_format).
      type: str
      sample: "ThousandEyes alert c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77 on Corporate Website: Default Page Load Alert Rule"
    account_group_id:
      description: O(account_group_id), else the alert's account group ID, else null.
      type: str
      sample: "1234"
    evidence_key:
      description:
        - The key for the snapshot module's O(cisco.thousandeyes.snapshot#module:evidence_key), so that this alert's incident is
          snapshot once, whichever webhook body carries it and however often it is replayed. C(alert-<alert ID>), the
          alert ID being the same in a custom body (C(alert.id)) and a classic one (C(alert.alertId)); an ID with other
          characters than the key allows gives C(alert-h<16 hex digits of its SHA-256>). Null when the alert has no ID.
        - The same key as RV(cisco.thousandeyes.alert_snapshot_plan#module:snapshots[].evidence_key) gives the alert when it is
          the first alert of its test, so the reconcile sweep (C(snapshot_active_alerts.yml)) finds this snapshot.
      type: str
      sample: alert-c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77
window:
  description: How the window was chosen. Null unless RV(outcome) is C(snapshot).
  returned: success
  type: dict
  contains:
    end:
      description: End of the window, epoch seconds.
      type: int
      sample: 1795680000
    hours:
      description: Length of the window in hours.
      type: int
      sample: 4
    started_known:
      description: Whether the alert carried a usable start time.
      type: bool
      sample: true
    elapsed_seconds:
      description: Seconds from the alert's start to the end of the window; null when the start is unknown.
      type: int
      sample: 10800
    note:
      description: One sentence on why this window, for the job output.
      type: str
      sample: "The alert started 3.0 hours ago: a 4-hour window covers it."
msg:
  description: A summary for the job output, or on failure what is wrong with the event or the options.
  returned: always
  type: str
  sample: "ThousandEyes alert c1f5b4f3 on Corporate Website was cleared (notification type 1): no snapshot is created for a cleared alert."
"""
