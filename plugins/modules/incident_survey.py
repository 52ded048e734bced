#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Documentation only: the action plugin plugins/action/incident_survey.py does the work, on the controller.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: incident_survey
short_description: Read the incident snapshot job's survey answers as data
version_added: 1.1.0
description:
  - Reads the answers of the survey of the incident job template (playbook C(cisco.thousandeyes.snapshot_active_alerts))
    from the play's variables C(te_aid), C(te_public), C(te_title_format), C(te_fallback_hours), C(te_rate_limit_wait),
    C(te_api_url), C(te_max_snapshots) and C(te_dashboard), and returns them as options for M(cisco.thousandeyes.alert_info),
    M(cisco.thousandeyes.alert_snapshot_plan) and M(cisco.thousandeyes.snapshot).
  - AWX passes survey answers as extra variables, which Ansible templates when a template reads them, so an answer
    holding C({{ ... }}) would run as code on the controller. This action reads the variables straight from the task's
    variables on the controller, never through a template, and returns every value marked as data that Ansible never
    templates.
  - A blank answer (or a variable that is not set) means the default. An invalid answer fails, naming the variable and
    the values it takes.
  - Runs on the controller only; it sends no request.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.controller_only
options: {}
attributes:
  check_mode:
    description: Reads only, the same as in a normal run.
    support: full
notes:
  - "The answers: C(te_aid) the account group ID (digits); C(te_public) yes or no (true/false, on/off, 1/0; default no);
    C(te_title_format) a title with placeholders (M(cisco.thousandeyes.alert_snapshot_plan) lists them);
    C(te_fallback_hours) 1, 2, 4, 6, 12, 24 or 48 (default 4); C(te_rate_limit_wait) seconds from 0 to 86400
    (default 900); C(te_api_url) the API's base URL; C(te_max_snapshots) the most snapshots in the job, 1 to 10000
    (default: every alerting test); C(te_dashboard) a dashboard's title or ID (24 hexadecimal digits)
    to snapshot first with M(cisco.thousandeyes.dashboard_snapshot)."
seealso:
  - module: cisco.thousandeyes.alert_snapshot_plan
  - module: cisco.thousandeyes.snapshot_survey
"""

EXAMPLES = r"""
- name: Read the survey answers
  cisco.thousandeyes.incident_survey:
  register: te_survey

- name: List the active alerts of the account group the survey names
  cisco.thousandeyes.alert_info:
    state: active
    aid: "{{ te_survey.options.aid | default(omit, true) }}"
    api_url: "{{ te_survey.options.api_url | default(omit, true) }}"
"""

RETURN = r"""
options:
  description: The answers as options; blank answers are their defaults.
  returned: success
  type: dict
  contains:
    aid:
      description: The account group ID, or null for the credential's (else the token's default) account group.
      type: str
      sample: "1234"
    public:
      description: Whether to make public share links.
      type: bool
      sample: false
    title_format:
      description: The title format, or null for the default.
      type: str
      sample: "Incident 4711: {test} since {started}"
    fallback_hours:
      description: The window for a test whose alerts carry no usable start.
      type: int
      sample: 4
    rate_limit_wait:
      description: The most seconds to wait for the snapshot quota, per snapshot.
      type: int
      sample: 900
    api_url:
      description: The API's base URL, or null for the module default (or the credential's).
      type: str
      sample: null
    max_snapshots:
      description: The most snapshots in the job, or null for every alerting test.
      type: int
      sample: 20
    dashboard_id:
      description: C(te_dashboard) when it is a dashboard ID (24 hexadecimal digits), else null.
      type: str
      sample: null
    dashboard_name:
      description: C(te_dashboard) when it is a dashboard title, else null.
      type: str
      sample: Production Overview
msg:
  description: On failure, every invalid answer, each naming its variable.
  returned: failure
  type: str
  sample: "Survey answer te_fallback_hours must be one of 1, 2, 4, 6, 12, 24, 48 hours; got '5'. Leave it blank for 4."
"""
