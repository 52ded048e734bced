#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Documentation only: the action plugin plugins/action/snapshot_survey.py does the work, in the controller.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: snapshot_survey
short_description: Read the answers of a snapshot job's survey as data, never as templates
version_added: 1.1.0
description:
  - Reads the variables C(te_test_id), C(te_test_name), C(te_hours), C(te_public), C(te_display_name), C(te_api_url),
    C(te_api_version) and C(te_aid), as an AWX / Automation Platform survey or C(--extra-vars) gives them, and turns them
    into options for M(cisco.thousandeyes.snapshot).
  - The answers are read as they were given, without templating them, and returned marked as data, so that text such as
    C({{ lookup('pipe', 'id') }}) in a survey answer is never evaluated, on any supported ansible-core. They are never
    templates, so use plain values.
  - A blank answer means the default; any other answer must be valid, and a problem fails the task naming the survey
    variable and the allowed answers. Exactly one of C(te_test_id) and C(te_test_name) is required.
  - C(te_hours) takes the window lengths API v7 allows (1, 2, 4, 6, 12, 24 or 48; API v6 also 96). C(te_public) takes
    V(true)/V(false), V(yes)/V(no), V(on)/V(off) or V(1)/V(0), in any case.
  - AWX writes survey answers as extra variables tagged C(!unsafe), and ansible-core 2.19 and later give those YAML 1.1
    types (V(12:30) arrives as 750, V(0123) as 83, V(yes) as true, V(2026-01-02) as a date, V(null) as nothing). An
    answer that arrived as anything but text is read again, as written, from the C(-e @file) that set it, and that text
    is used when ansible-core's typing of it gives exactly what arrived. So answers reach the snapshot as typed.
  - Where that text cannot be known (the value was set as YAML outside a file, or the file cannot be read again), a
    title, test name, API URL or API version that is not text fails the task naming the variable, what arrived, why,
    and what to do. A whole number set outside a file is taken as an ID; a number for C(te_hours) and a boolean for
    C(te_public) are used as they are.
  - Runs in the controller; it makes no request and changes nothing.
  - The playbook C(cisco.thousandeyes.create_snapshot) uses it.
author:
  - ThousandEyes collection maintainers (@cisco)
attributes:
  check_mode:
    description: Reads variables only, the same in check mode.
    support: full
  diff_mode:
    description: Changes nothing, so there is no diff.
    support: N/A
  platform:
    description: Runs in the controller, whatever the task's host.
    support: full
    platforms: all
options:
  default_hours:
    description: The window length when C(te_hours) is blank or not set.
    type: int
    default: 4
  default_public:
    description:
      - Whether the snapshot is public when C(te_public) is blank or not set.
      - Private by default; a public share link can be opened by anyone who has the link.
    type: bool
    default: false
"""

EXAMPLES = r"""
# The answers are the job's extra variables (te_test_name or te_test_id, te_hours, te_public, te_display_name, ...),
# as an AWX survey sets them; by hand: ansible-playbook play.yml -e '{"te_test_name": "Checkout API", "te_hours": 2}'
- name: Read the survey answers
  cisco.thousandeyes.snapshot_survey:
  register: te_survey

- name: Create the snapshot they ask for
  cisco.thousandeyes.snapshot:
    test_id: "{{ te_survey.options.test_id | default(omit, true) }}"
    test_name: "{{ te_survey.options.test_name | default(omit, true) }}"
    hours: "{{ te_survey.options.hours }}"
    public: "{{ te_survey.options.public }}"
    display_name: "{{ te_survey.options.display_name | default(omit, true) }}"
"""

RETURN = r"""
options:
  description:
    - The answers as options of M(cisco.thousandeyes.snapshot), marked as data. An option that was not answered is null.
  returned: success
  type: dict
  contains:
    test_id:
      description: From C(te_test_id), digits only.
      type: str
      sample: "281474976710706"
    test_name:
      description: From C(te_test_name).
      type: str
      sample: Checkout API
    hours:
      description: From C(te_hours), or O(default_hours).
      type: int
      sample: 4
    public:
      description: From C(te_public), or O(default_public).
      type: bool
      sample: false
    display_name:
      description: From C(te_display_name).
      type: str
      sample: Checkout outage
    api_url:
      description: From C(te_api_url).
      type: str
      sample: https://api.thousandeyes.com
    api_version:
      description: From C(te_api_version), V(v7) or V(v6).
      type: str
      sample: v7
    aid:
      description: From C(te_aid), digits only.
      type: str
      sample: "1234"
"""
