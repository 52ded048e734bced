#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
module: snapshot
short_description: Create a ThousandEyes test snapshot (a public share link or a private snapshot)
version_added: 1.0.0
description:
  - Creates a snapshot of one ThousandEyes test's data over a time window of 1 to 48 hours (96 with API v6),
    either as a public share link that anyone with the link can open, or as a private snapshot (formerly
    "saved event") visible to the account group only.
  - Returns the link as RV(snapshot.share_url) and sets the fact C(thousandeyes_snapshot), so later tasks and
    plays can use it without C(register).
  - This is not an idempotent action. Every run that is not in check mode creates a new snapshot; the API
    cannot list or find existing share links. Guard the task with C(when:) or C(run_once:) where a play could
    run it more than once, and mind the quota of 5 snapshots per organisation per 5 minutes.
  - Input is checked before any request is sent; a test named with O(test_name) is looked up in the tests
    list (also in check mode).
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.connection
  - cisco.thousandeyes.connection.ACTION_GROUP
attributes:
  check_mode:
    description: Runs every check, the window computation and the test name lookup, but sends no POST.
    support: full
    details:
      - RV(snapshot) then holds the planned values with RV(snapshot.id) and RV(snapshot.share_url) null, and
        RV(request) the request that would be sent. RV(ignore:changed) is V(true) because a real run would create a snapshot.
  diff_mode:
    description: Shows the snapshot to be created.
    support: full
    details:
      - The diff's C(before) is empty and its C(after) is the planned snapshot, the same in check mode and in a real run.
  platform:
    description: Runs wherever the API is reachable, usually the controller (C(delegate_to) or a C(localhost) play).
    support: full
    platforms: all
options:
  test_id:
    description:
      - ID of the test to snapshot, digits only.
      - Exactly one of O(test_id) and O(test_name) is required.
    type: str
  test_name:
    description:
      - Name of the test to snapshot, matched exactly (case-sensitive) against the account group's tests.
      - Saved events and snapshots are not matched. No match fails and suggests the closest names; several
        matches fail and list their IDs.
      - Costs one extra request (the tests list) per run.
    type: str
  display_name:
    description:
      - Title of the snapshot, at most 255 characters.
      - Defaults to the test's name (or C(Test <id>)) and the window in UTC, such as C(Checkout API, 2026-11-26 04:00 to 08:00 UTC).
    type: str
  start:
    description:
      - Start of the window.
      - Accepted forms are C(yyyy-MM-dd HH:mm:ss) in UTC, ISO 8601 such as C(2026-11-26T04:00:00Z) or with a UTC offset
        (converted to UTC; no offset means UTC), epoch seconds, and C(now) (the current minute, rounded down).
      - Give any two of O(start), O(end) and O(hours).
    type: raw
    aliases: [from, start_date]
  end:
    description:
      - End of the window, in the same forms as O(start). It may not be in the future.
      - With O(hours) alone, the window ends now (the current minute, rounded down, so a fast clock cannot push it into the future).
    type: raw
    aliases: [to, end_date]
  hours:
    description:
      - Length of the window in hours.
      - API v7 allows 1, 2, 4, 6, 12, 24 or 48; API v6 also 96.
    type: int
  public:
    description:
      - V(true) creates a public share link that anyone with the link can open for 30 days.
      - V(false) creates a private snapshot, visible to the account group only, which does not expire.
      - Some regions block public snapshots for compliance reasons; the API then answers HTTP 403.
    type: bool
    default: false
seealso:
  - name: ThousandEyes API v7, Test Snapshots
    description: The API operation this module calls.
    link: https://developer.cisco.com/docs/thousandeyes/create-test-snapshot/
"""

EXAMPLES = r"""
- name: Share the last 4 hours of a test
  cisco.thousandeyes.snapshot:
    test_id: "281474976710706"
    hours: 4
    public: true
    display_name: Checkout outage
  register: snap

- name: Use the link
  ansible.builtin.debug:
    msg: "{{ snap.snapshot.share_url }} (also {{ ansible_facts.thousandeyes_snapshot.share_url }})"

- name: Keep a private snapshot of a fixed window, found by test name
  cisco.thousandeyes.snapshot:
    test_name: Payments API
    start: "2026-11-25 22:00:00"
    end: "2026-11-26 00:00:00"

- name: Snapshot once per play, with the token from the environment (THOUSANDEYES_TOKEN)
  cisco.thousandeyes.snapshot:
    test_name: Checkout API
    hours: 2
    public: true
  run_once: true
  delegate_to: localhost

- name: Set the connection once for every module of the collection
  module_defaults:
    group/cisco.thousandeyes.thousandeyes:
      token: "{{ vault_thousandeyes_token }}"
      aid: "1234"
  block:
    - name: Snapshot the last 48 hours
      cisco.thousandeyes.snapshot:
        test_id: "281474976710706"
        start: "2026-11-24T08:00:00+01:00"
        hours: 48

- name: Through the deprecated API v6 with basic authentication
  cisco.thousandeyes.snapshot:
    api_version: v6
    username: noc@example.com
    token: "{{ vault_thousandeyes_basic_token }}"
    test_id: "817"
    hours: 96
    public: true
"""

RETURN = r"""
snapshot:
  description:
    - The snapshot, in the same shape for API v7 and v6.
    - In check mode the planned snapshot, with the fields the API would fill in set to null.
  returned: success
  type: dict
  contains:
    id:
      description: The snapshot's link ID (v7 C(id), v6 C(linkId)). Null in check mode.
      type: str
      sample: wdiac
    display_name:
      description: Title of the snapshot.
      type: str
      sample: Checkout outage
    public:
      description: Whether the snapshot is a public share link; as the API's answer shows it when it does (v7 C(test.savedEvent)).
      type: bool
      sample: true
    share_url:
      description:
        - The public link. API v6 returns it (C(viewUrl)).
        - API v7 returns none; it is inferred as C(https://<id>.share.thousandeyes.com/), the form v6 links take.
        - Null for private snapshots and in check mode.
      type: str
      sample: https://wdiac.share.thousandeyes.com/
    app_url:
      description: Link to the snapshot in the ThousandEyes app, for signed-in users (v7 C(_links.appLink.href)); null with v6.
      type: str
      sample: https://app.thousandeyes.com/view/tests/?testId=281474976710801&__a=1234
    test_id:
      description: ID of the new snapshot test the API created. Null in check mode.
      type: str
      sample: "281474976710801"
    source_test_id:
      description: ID of the test the snapshot was taken of.
      type: str
      sample: "281474976710706"
    start:
      description: Start of the window, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T04:00:00Z"
    end:
      description: End of the window, ISO 8601 UTC.
      type: str
      sample: "2026-11-26T08:00:00Z"
    share_date:
      description: When the snapshot was created, ISO 8601 UTC. Null in check mode.
      type: str
      sample: "2026-11-26T08:00:05Z"
    expires:
      description: When a public link expires (share date plus 30 days), ISO 8601 UTC; null for private snapshots and in check mode.
      type: str
      sample: "2026-12-26T08:00:05Z"
    api_version:
      description: The API version used.
      type: str
      sample: v7
    response:
      description: The API's answer as received; null in check mode.
      type: dict
      sample: {"id": "wdiac", "displayName": "Checkout outage", "sourceTestId": "281474976710706"}
request:
  description: The request sent (in check mode, the request that would be sent). It carries no credentials.
  returned: always
  type: dict
  contains:
    method:
      description: HTTP method.
      type: str
      sample: POST
    url:
      description: Full URL with query string.
      type: str
      sample: https://api.thousandeyes.com/v7/tests/281474976710706/snapshot?aid=1234
    body:
      description: The JSON body.
      type: dict
      sample: {"displayName": "Checkout outage", "startDate": "2026-11-26T04:00:00Z", "endDate": "2026-11-26T08:00:00Z", "isPublic": true}
ansible_facts:
  description: Facts set for later tasks and plays, kept by fact caching.
  returned: success
  type: dict
  contains:
    thousandeyes_snapshot:
      description: The same dict as RV(snapshot).
      type: dict
      sample: {"id": "wdiac", "share_url": "https://wdiac.share.thousandeyes.com/", "public": true}
"""

import re

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import (
    DIGITS,
    ThousandEyesModule,
    connection_argument_spec,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_api import (
    created_snapshot,
    default_display_name,
    planned_snapshot,
    snapshot_request,
    visibility_warning,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._tests_api import (
    NameLookupError,
    find_test_by_name,
    list_tests,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import WindowError, resolve_window, utc_now

MAX_NAME_LENGTH = 255
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def text_problem(option, value):
    if value is None:
        return None
    if not value.strip():
        return "Option %s is empty." % option
    if len(value) > MAX_NAME_LENGTH:
        return "Option %s is %d characters long; at most %d are allowed." % (option, len(value), MAX_NAME_LENGTH)
    if _CONTROL_CHARACTERS.search(value):
        return "Option %s contains control characters (such as line breaks); use printable text only." % option
    return None


class SnapshotModule(ThousandEyesModule):

    def input_problems(self):
        problems = []
        test_id = self.params.get("test_id")
        if test_id is not None and not DIGITS.match(test_id):
            problems.append("Option test_id must be digits only, at most 20, such as '281474976710706'; got %r." % test_id[:80])
        for option in ("test_name", "display_name"):
            problem = text_problem(option, self.params.get(option))
            if problem:
                problems.append(problem)
        return problems

    def run(self):
        problems = self.input_problems()
        if problems:
            self.module.fail_json(msg=" ".join(problems))
        now = utc_now()
        start_at, end_at = self.window(now)

        test_id, test_label = self.resolve_test()
        public = self.params["public"]
        display_name = self.params.get("display_name") or default_display_name(test_label, start_at, end_at)
        segments, body = snapshot_request(self.api_version, test_id, display_name, start_at, end_at, public)
        request = {"method": "POST", "url": self.client.url_for(segments, self.aid_query()), "body": body}
        planned = planned_snapshot(self.api_version, test_id, display_name, start_at, end_at, public)

        result = dict(changed=True, request=request)
        if self.module._diff:
            result["diff"] = {"before": {}, "after": dict((key, value) for key, value in planned.items() if key != "response")}

        snapshot = planned
        if not self.module.check_mode:
            response = self.call_api(lambda: self.client.post(segments, body, query=self.aid_query(), action="snapshot"),
                                     outcome_key="snapshot_may_exist", request=request)
            snapshot = created_snapshot(self.api_version, response.data, planned, utc_now())
            warning = visibility_warning(public, snapshot)
            if warning:
                self.module.warn(warning)

        result["snapshot"] = snapshot
        result["ansible_facts"] = {"thousandeyes_snapshot": snapshot}
        self.module.exit_json(**result)

    def resolve_test(self):
        """(test ID, label for the default display name); a name costs one read-only request, in check mode too."""
        if self.params.get("test_id"):
            return self.params["test_id"], "Test %s" % self.params["test_id"]
        tests = self.call_api(lambda: list_tests(self.client, self.api_version, self.aid_query()))
        try:
            test, problem = find_test_by_name(tests, self.params["test_name"]), None
        except NameLookupError as error:
            test, problem = None, str(error)
        if problem:
            self.module.fail_json(msg=problem, option="test_name")
        return test["test_id"], test["name"]

    def window(self, now):
        """(start, end) from start/end/hours; a bad window fails naming the option (outside the except block: no traceback)."""
        try:
            return resolve_window(self.api_version, self.params.get("start"), self.params.get("end"), self.params.get("hours"), now)
        except WindowError as error:
            problem = error
        return self.module.fail_json(msg=str(problem), option=problem.option)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        test_id=dict(type="str"),
        test_name=dict(type="str"),
        display_name=dict(type="str"),
        start=dict(type="raw", aliases=["from", "start_date"]),
        end=dict(type="raw", aliases=["to", "end_date"]),
        hours=dict(type="int"),
        public=dict(type="bool", default=False),
    )
    return spec


def main():
    module = AnsibleModule(
        argument_spec=argument_spec(),
        mutually_exclusive=[("test_id", "test_name")],
        required_one_of=[("test_id", "test_name")],
        supports_check_mode=True,
    )
    SnapshotModule(module).run()


if __name__ == "__main__":
    main()
