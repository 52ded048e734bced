# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# Which ThousandEyes alerts have a test that the snapshot API takes. One answer for every place that reads alerts:
# a webhook body (custom: alert.type, the rule's alertType id; classic: alert.type in display words) and the v7
# alerts API (alertType). Only tests listed by GET /v7/tests (Cloud and Enterprise Agent tests) can be snapshot by
# POST /v7/tests/{testId}/snapshot: agent and device notifications have no test, Endpoint Agent tests live under
# /v7/endpoint/..., and outage alerts belong to Internet Insights, not to a test.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

# Kinds of alert; only SNAPSHOT_TEST has a test the snapshot API takes.
SNAPSHOT_TEST = "test"
AGENT = "agent"
DEVICE = "device"
ENDPOINT = "endpoint"
OUTAGE = "outage"

# Why an alert of each other kind gets no snapshot: one sentence, for a job's output.
NO_SNAPSHOT_REASONS = {
    AGENT: "an agent notification concerns an agent, not a test, so there is no test to snapshot",
    DEVICE: "a device notification concerns a monitored device, not a Cloud or Enterprise Agent test, so there is no test to snapshot",
    ENDPOINT: "an Endpoint Agent test lives under /v7/endpoint, and the snapshot API takes only Cloud and Enterprise Agent tests",
    OUTAGE: "an outage alert comes from Internet Insights, not from one test, so there is no test to snapshot",
}

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise_alert_type(alert_type):
    """The alert type as the v7 API spells it: 'End-to-End (Server)' and 'end-to-end-server' are the same.

    Webhook bodies carry the rule's alertType id (custom) or display words (classic); the API carries the id.
    """
    if alert_type is None or isinstance(alert_type, bool):
        return ""
    return _NOT_WORD.sub("-", (u"%s" % (alert_type,)).strip().lower()).strip("-")


def alert_kind(alert_type):
    """SNAPSHOT_TEST, AGENT, DEVICE, ENDPOINT or OUTAGE for an alert type in any of its spellings.

    Types this collection does not know (new ones, an empty field) count as SNAPSHOT_TEST: the test the alert
    names is tried, and a missing test is then reported as such instead of being skipped in silence.
    """
    name = normalise_alert_type(alert_type)
    if name == "agent" or name.startswith("agent-"):
        return AGENT
    if name.startswith("device-") or name == "device":
        return DEVICE
    if name.startswith("endpoint-") or name == "endpoint":
        return ENDPOINT
    if name.endswith("-outage") or name == "outage":
        return OUTAGE
    return SNAPSHOT_TEST


def no_snapshot_reason(alert_type):
    """Why an alert of this type gets no snapshot, or None when its test can be snapshot."""
    return NO_SNAPSHOT_REASONS.get(alert_kind(alert_type))
