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
  - By default every run that is not in check mode creates a new snapshot. With O(evidence_key) (or
    O(reuse_existing=true)) a private snapshot is made at most once per evidence. When the account group already holds a
    private snapshot of the same evidence, the task returns it with RV(ignore:changed=false) and creates nothing. Alert
    and incident paths of this collection (C(snapshot_active_alerts.yml), C(snapshot_alert.yml)) use it, so a replayed
    event, a relaunched job or the next sweep makes no second snapshot.
  - Public share links cannot be listed through the API, so with O(public=true) no earlier link can be found, so every run
    creates a new link, and RV(evidence.existing) says V(not_listable). Guard such a task with C(when:) or C(run_once:)
    where a play could run it more than once, and mind the quota of 5 snapshots per organisation per 5 minutes.
  - Input is checked before any request is sent; a test named with O(test_name) is looked up in the tests
    list (also in check mode).
  - One request by O(test_id), two by O(test_name) or with O(evidence_key) (the tests list serves both the name and
    the search for an earlier snapshot, so never three). The task ends within about O(timeout) seconds per request plus
    O(rate_limit_wait), whatever the server does.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - cisco.thousandeyes.connection
  - cisco.thousandeyes.connection.ACTION_GROUP
  - cisco.thousandeyes.connection.ACTION_PLUGIN
attributes:
  check_mode:
    description:
      - Checks the input and the window, and makes one read-only request (the tests list) that checks the token, the
        account group and that the test exists, by O(test_id) or O(test_name). Sends no POST.
      - With O(evidence_key) or O(reuse_existing), the same list says whether an earlier private snapshot of the same
        evidence exists. RV(evidence.existing) is V(found) (RV(ignore:changed=false), RV(snapshot) is that snapshot) or
        V(would_create).
    support: full
    details:
      - RV(snapshot) then holds the planned values with RV(snapshot.id) and RV(snapshot.share_url) null, and
        RV(request) the request that would be sent. RV(ignore:changed) is V(true) because a real run would create a snapshot.
      - The fact C(thousandeyes_snapshot) is not set in check mode, so it keeps the link of the last real run (also in the
        fact cache).
      - The permission to create snapshots cannot be checked without creating one.
  diff_mode:
    description: Shows the snapshot to be created.
    support: full
    details:
      - The diff's C(before) is empty and its C(after) is the planned snapshot, the same in check mode and in a real run.
options:
  test_id:
    description:
      - ID of the test to snapshot, digits only.
      - Exactly one of O(test_id) and O(test_name) is required; an empty string counts as not given.
    type: str
  test_name:
    description:
      - Name of the test to snapshot, matched exactly (case-sensitive) against the account group's tests.
      - Saved events and snapshots are not matched; a name that belongs only to one of them fails saying so. No match
        fails and suggests the closest names; several matches fail and list their IDs.
      - Costs one extra request (the tests list) per run.
    type: str
  display_name:
    description:
      - Title of the snapshot, at most 255 printable characters; invisible characters (line breaks, zero-width spaces,
        direction overrides) are refused.
      - Defaults to the test's name (with O(test_name); C(Test <id>) with O(test_id)) and the window in UTC, such as
        C(Checkout API, 2026-11-26 04:00 to 08:00 UTC); a long test name is shortened with C(...) to fit 255 characters.
    type: str
  start:
    description:
      - Start of the window.
      - Accepted forms are C(yyyy-MM-dd HH:mm:ss) in UTC, ISO 8601 such as C(2026-11-26T04:00:00Z) or with a UTC offset
        (converted to UTC), epoch seconds, and C(now) (the current minute, rounded down).
      - A time without an offset is taken as UTC. Jinja's C(now()) gives the controller's local time without an offset,
        so use C(now(utc=true)) (or an explicit offset) unless the controller runs on UTC.
      - Give any two of O(start), O(end) and O(hours).
      - The window must lie between 1970-01-01 00:00:00 UTC and now; a time outside that range fails before any request.
        The lower bound is the Unix epoch because ThousandEyes numbers its measurement rounds in seconds since it
        (C(startRoundId), C(endRoundId)), so no data can exist before it. The API keeps test data for about 90 days;
        it, not this module, refuses a window older than what the account retains.
    type: raw
    aliases: [from, start_date]
  end:
    description:
      - End of the window, in the same forms as O(start). It may not be in the future.
      - With O(hours) alone (O(end) unset or C(now)), the window ends now (the current minute, rounded down, so a fast
        clock cannot push it into the future). Such a window ends when the snapshot is created; after a rate-limit wait
        (HTTP 429, see O(rate_limit_wait)) it is chosen again, so the minutes spent waiting are in the snapshot.
    type: raw
    aliases: [to, end_date]
  hours:
    description:
      - Length of the window in hours.
      - API v7 allows 1, 2, 4, 6, 12, 24 or 48; API v6 also 96.
    type: int
  since:
    description:
      - A time the window must reach back to, such as an alert's start, in the same forms as O(start).
      - The window then ends when the snapshot is created (the current minute, chosen again after a rate-limit wait) and
        its length is the shortest allowed one (see O(hours)) that covers O(since). A O(since) longer ago than the
        longest allowed window gets the longest one, with a warning; a O(since) ahead of this host's clock (a sender's
        fast clock) gets the shortest.
      - Give it without O(start) and O(hours); O(end) may only be C(now).
      - The title (O(display_name), and the O(evidence_key) marker) does not change when the window is chosen again,
        except the default title, which names the window.
    type: raw
    version_added: 1.1.0
  public:
    description:
      - V(true) creates a public share link that anyone with the link can open for 30 days.
      - V(false) creates a private snapshot, visible to the account group only, which does not expire.
      - Some regions block public snapshots for compliance reasons; the API then answers HTTP 403.
    type: bool
    default: false
  evidence_key:
    description:
      - Names the evidence this snapshot keeps, so that it is made once. The same evidence is the same test (O(test_id) or
        O(test_name)) and the same key; a snapshot of another test or with another key is other evidence.
      - For an alert, use the test and the incident, such as C(alert-<ID of the incident's first alert>). A replayed
        event, the same alert arriving as a custom and a classic webhook body, and the next sweep of active alerts then
        match, while a later incident of the same test (another alert ID) gets its own snapshot.
      - 1 to 64 letters, digits, C(.), C(_), C(:) or C(-), starting with a letter or digit.
      - The key is kept in the private snapshot's title, the only field of a snapshot the API lists, as a marker at the
        end, C( [te:<source test ID>:<key>]), such as C(Checkout API, 2026-11-26 04:00 to 08:00 UTC [te:281474976710706:alert-9f1]).
        The title's own part is shortened with C(...) so that the marker stays whole within 255 characters. Renaming the
        snapshot in the app, or removing the marker, makes it other evidence.
      - Implies O(reuse_existing=true); together with O(reuse_existing=false) it fails.
      - Two tasks running at the same moment on the same evidence may both find nothing and both create a snapshot;
        serialise them (the collection's playbooks snapshot one test after the other).
    type: str
    version_added: 1.1.0
  coalesce_minutes:
    description:
      - With O(evidence_key) or O(reuse_existing), also take a private snapshot of the same test made by this option
        (its title carries the marker of the test) within the last so many minutes, whatever its key, instead of
        making another. One test alerting through several alerts at once (a burst, several rules) then gets one
        snapshot, as a throttle would give, but nothing is locked out. A run that failed made no snapshot, so the next
        alert on the test makes one.
      - The age is the snapshot's C(createdDate) in the tests list; a snapshot without one is not taken.
      - 0 to 1440; V(0) (the default) matches the evidence only.
    type: int
    version_added: 1.1.0
  reuse_existing:
    description:
      - V(true) searches the account group's private snapshots (GET C(/v7/tests), saved events) for one of the same
        evidence before creating one; when there is one, nothing is created and RV(snapshot) is the earlier snapshot
        (the oldest when there are several), with RV(ignore:changed=false).
      - The evidence is O(evidence_key) and the test; without O(evidence_key) it is the whole title and the test (the
        title then ends with C( [te:<source test ID>])). Give O(display_name) for that, because the default title holds the
        window, which differs on every run that ends now.
      - Has no effect with O(public=true), because public share links cannot be listed (see RV(evidence)).
      - Defaults to V(true) when O(evidence_key) is given, else V(false).
      - API v6 (deprecated) lists saved events in C(tests.json) the same way, and is searched the same way.
    type: bool
    version_added: 1.1.0
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
    test_name: Checkout API
    start: "2026-11-25 22:00:00"
    end: "2026-11-26 00:00:00"

- name: Keep an alert's evidence from its start until the snapshot is made (even after a rate-limit wait), once per alert
  cisco.thousandeyes.snapshot:
    test_id: "281474976710706"
    since: "2026-11-26T07:12:00Z"
    evidence_key: alert-9f1
    rate_limit_wait: 900

- name: Snapshot each device's test from the controller, with the token from the environment (THOUSANDEYES_TOKEN)
  cisco.thousandeyes.snapshot:
    test_name: "{{ thousandeyes_test_name | default('Checkout API') }}"
    end: "{{ now(utc=true).strftime('%Y-%m-%d %H:%M:%S') }}"
    hours: 2
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

- name: Keep one private snapshot of an incident, however many times the job runs
  cisco.thousandeyes.snapshot:
    test_id: "281474976710706"
    hours: 4
    # The incident's key: here its first alert's ID (cisco.thousandeyes.alert_info lists the alerts and their IDs).
    evidence_key: alert-3c5a7f0e
  register: evidence

- name: Say whether it was made now or found
  ansible.builtin.debug:
    msg: "{{ 'created' if evidence.changed else 'already kept' }}: {{ evidence.snapshot.app_url }}"

- name: Through the deprecated API v6 with basic authentication
  cisco.thousandeyes.snapshot:
    api_version: v6
    username: noc@example.com
    token: "{{ vault_thousandeyes_basic_token }}"
    test_id: "281474976710706"
    hours: 96
    public: true
"""

RETURN = r"""
snapshot:
  description:
    - The snapshot, in the same shape for API v7 and v6.
    - In check mode the planned snapshot, with the fields the API would fill in set to null.
    - When an earlier private snapshot of the same evidence was found (RV(evidence.existing=found)), that snapshot as the
      tests list gives it. RV(snapshot.id), RV(snapshot.start) and RV(snapshot.end) are null there (the list has no link
      ID or window), RV(snapshot.test_id), RV(snapshot.display_name), RV(snapshot.share_date) (its creation date) and
      RV(snapshot.app_url) are set.
  returned: success
  type: dict
  contains:
    id:
      description: The snapshot's link ID (v7 C(id), v6 C(linkId)). Null in check mode, and for an earlier snapshot that was found.
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
        - API v7 returns none. It is inferred as C(https://<id>.share.thousandeyes.com/), because v7's C(id) is the link ID
          that v6 puts in C(https://<linkId>.share.thousandeyes.com/view/tests/) and the share host's root opens the
          snapshot. This is not documented for v7.
        - Null for private snapshots and in check mode.
      type: str
      sample: https://wdiac.share.thousandeyes.com/
    app_url:
      description:
        - Link to the snapshot in the ThousandEyes app, for signed-in users (v7 C(_links.appLink.href)); null with v6.
        - For an earlier snapshot that was found, built the same way from its test ID and O(aid)
          (C(https://app.thousandeyes.com/view/tests/?testId=<test_id>&__a=<aid>)).
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
      description:
        - When a public link expires (share date plus 30 days), ISO 8601 UTC. Null in check mode.
        - Null for private snapshots. The sources disagree there; this module follows the product documentation
          (the page "Retaining Data Beyond the 90-Day Limit" says private snapshots never expire), which is specific to private
          snapshots, over the v7 API reference's one line that every snapshot the operation creates expires after 30 days.
          Confirm in the ThousandEyes app if your retention depends on it.
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
  description:
    - The request sent (in check mode, the request that would be sent). It carries no credentials.
    - When an earlier snapshot of the same evidence was found, the request a creation would have sent; it was not sent.
  returned: success, and failures of the snapshot request itself (not input errors, which fail before any request is built)
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
evidence:
  description: What O(evidence_key) or O(reuse_existing) found.
  returned: when O(evidence_key) or O(reuse_existing=true) is given
  type: dict
  contains:
    key:
      description: O(evidence_key), or null when the title is the evidence.
      type: str
      sample: alert-9f1
    marker:
      description: The marker at the end of the title that identifies the evidence; null for a public link (not marked).
      type: str
      sample: "[te:281474976710706:alert-9f1]"
    existing:
      description:
        - V(found) an earlier private snapshot of the same evidence is returned, nothing was created;
          V(created) there was none and one was created; V(would_create) the same in check mode;
          V(not_listable) O(public=true), where public share links cannot be listed, so none could be found and a new link was
          created (or would be, in check mode).
      type: str
      sample: found
    matched_by:
      description:
        - V(evidence) the earlier snapshot has the same evidence; V(recent) it is a snapshot of the same test made within
          O(coalesce_minutes); null when none was found.
      type: str
      sample: evidence
    matches:
      description: How many private snapshots of the same evidence were listed (more than one when some were made before
        this search, or by tasks running at the same moment); null for a public link.
      type: int
      sample: 1
rate_limit_waited:
  description:
    - Seconds spent waiting for the API's rate limit (HTTP 429) before the snapshot was created; V(0) when there was no wait.
    - A wait also gives a warning, so that the job output says why the task took long.
  returned: success
  type: float
  sample: 0.0
snapshot_may_exist:
  description:
    - On a failure after the snapshot request was sent, whether a snapshot may have been created all the same (a server
      error, a timeout, a dropped connection, or a success answer without a snapshot in it). Look in the app before trying again.
  returned: failure of the snapshot request
  type: bool
  sample: true
public_link_exposed:
  description:
    - V(true) when O(public=false) was asked but the API created a public share link. The task fails, and RV(snapshot)
      gives the link's ID and URL so that it can be removed.
  returned: failure, in that case only
  type: bool
  sample: true
ansible_facts:
  description: Facts set for later tasks and plays, kept by fact caching. Not set in check mode.
  returned: success, not in check mode
  type: dict
  contains:
    thousandeyes_snapshot:
      description: The same dict as RV(snapshot).
      type: dict
      sample: {"id": "wdiac", "share_url": "https://wdiac.share.thousandeyes.com/", "public": true}
"""

from ansible.module_utils.basic import AnsibleModule
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import SnapshotModule, argument_spec


def main():
    # test_id/test_name exclusivity is checked by SnapshotModule itself, where "" means unset.
    module = AnsibleModule(argument_spec=argument_spec(), supports_check_mode=True)
    SnapshotModule(module).run()


if __name__ == "__main__":
    main()
