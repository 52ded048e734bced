#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: test_info
short_description: List ThousandEyes tests, to find their IDs or loop over them
version_added: 1.0.0
description:
  - Lists the tests of an account group, optionally filtered by name, name pattern, type and state.
  - Saved events (private snapshots) and live shares are left out unless O(include_snapshots=true).
  - Use it to find a test's ID, or to loop M(cisco.thousandeyes.snapshot) over a set of tests, such as every HTTP test.
  - Makes one read-only request (v7 C(GET /v7/tests), v6 C(GET /v6/tests.json)).
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.connection
  - cisco.thousandeyes.connection.ACTION_GROUP
  - cisco.thousandeyes.connection.ACTION_PLUGIN
  - cisco.thousandeyes.connection.READ_ONLY
options:
  name:
    description: Keep only the tests with exactly this name.
    type: str
  name_regex:
    description: Keep only the tests whose name matches this Python regular expression (searched anywhere in the name).
    type: str
  type:
    description:
      - Keep only the tests of these types.
      - A type not in this list fails before any request, so a typo (such as V(http_server)) cannot silently match nothing.
    type: list
    elements: str
    choices: [agent-to-agent, agent-to-server, api, bgp, dns-server, dns-trace, dnssec, ftp-server, http-server, page-load, sip-server,
              voice, web-transactions]
  enabled:
    description: Keep only enabled (V(true)) or disabled (V(false)) tests. All when not set.
    type: bool
  include_snapshots:
    description: Also list saved events (private snapshots) and live shares.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Find a test's ID by its name
  cisco.thousandeyes.test_info:
    name: Payments API
  register: found

- name: Show the IDs
  ansible.builtin.debug:
    msg: "{{ found.tests | map(attribute='test_id') | list }}"

- name: List the enabled HTTP server tests whose name starts with Checkout
  cisco.thousandeyes.test_info:
    type: [http-server]
    enabled: true
    name_regex: "^Checkout"
  register: http_tests

- name: Snapshot each of them over the last hour
  cisco.thousandeyes.snapshot:
    test_id: "{{ item.test_id }}"
    hours: 1
  loop: "{{ http_tests.tests }}"
  loop_control:
    label: "{{ item.name }}"
"""

RETURN = r"""
tests:
  description: The tests that passed the filters, sorted by name then ID.
  returned: success
  type: list
  elements: dict
  contains:
    test_id:
      description: The test's ID, as a string for both API versions.
      type: str
      sample: "281474976710706"
    name:
      description: The test's name.
      type: str
      sample: Payments API
    type:
      description: The test's type.
      type: str
      sample: http-server
    enabled:
      description: Whether the test is enabled.
      type: bool
      sample: true
    interval:
      description: Seconds between test rounds.
      type: int
      sample: 300
    saved_event:
      description: Whether the entry is a saved event (private snapshot).
      type: bool
      sample: false
    live_share:
      description: Whether the entry is a test shared with this account group by another organisation.
      type: bool
      sample: false
    raw:
      description: The entry as the API returned it.
      type: dict
      sample: {"testId": "281474976710706", "testName": "Payments API", "type": "http-server"}
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._test_info_module import TestInfoModule, argument_spec


def main():
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    TestInfoModule(module).run()


if __name__ == "__main__":
    main()
