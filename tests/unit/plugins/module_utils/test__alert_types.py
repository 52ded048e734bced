# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_types import (
    AGENT,
    DEVICE,
    ENDPOINT,
    OUTAGE,
    SNAPSHOT_TEST,
    alert_kind,
    no_snapshot_reason,
    normalise_alert_type,
)

# Every value of the v7 AlertType enum (thousandeyes-sdk-alerts, models/alert_type.py) and what it means here.
V7_ALERT_TYPES = {
    "page-load": SNAPSHOT_TEST, "http-server": SNAPSHOT_TEST, "end-to-end-server": SNAPSHOT_TEST,
    "end-to-end-agent": SNAPSHOT_TEST, "voice": SNAPSHOT_TEST, "dns-server": SNAPSHOT_TEST, "dns-trace": SNAPSHOT_TEST,
    "dnssec": SNAPSHOT_TEST, "bgp": SNAPSHOT_TEST, "path-trace": SNAPSHOT_TEST, "ftp": SNAPSHOT_TEST,
    "sip-server": SNAPSHOT_TEST, "transactions": SNAPSHOT_TEST, "web-transactions": SNAPSHOT_TEST, "api": SNAPSHOT_TEST,
    "web-transaction": SNAPSHOT_TEST, "unknown": SNAPSHOT_TEST,
    "agent": AGENT,
    "network-outage": OUTAGE, "application-outage": OUTAGE,
    "device-device": DEVICE, "device-interface": DEVICE,
    "endpoint-network-server": ENDPOINT, "endpoint-http-server": ENDPOINT, "endpoint-path-trace": ENDPOINT,
    "endpoint-browser-sessions-agent": ENDPOINT, "endpoint-browser-sessions-application": ENDPOINT,
}


@pytest.mark.parametrize("alert_type, kind", sorted(V7_ALERT_TYPES.items()))
def test_every_v7_alert_type_has_its_kind(alert_type, kind):
    assert alert_kind(alert_type) == kind


# Classic webhook bodies name the type in display words (ThousandEyes "Classic Webhooks for Alert Notifications";
# keephq/keep keep/providers/thousandeyes_provider/alerts_mock.py: "Agent").
@pytest.mark.parametrize("display, normalised, kind", [
    ("Page Load", "page-load", SNAPSHOT_TEST),
    ("HTTP Server", "http-server", SNAPSHOT_TEST),
    ("End-to-End (Server)", "end-to-end-server", SNAPSHOT_TEST),
    ("Agent", "agent", AGENT),
    ("  AGENT ", "agent", AGENT),
])
def test_classic_display_words_read_as_the_api_ids(display, normalised, kind):
    assert normalise_alert_type(display) == normalised
    assert alert_kind(display) == kind


@pytest.mark.parametrize("value", [None, "", True, 42, "something-new"])
def test_unknown_or_missing_types_are_tried_as_tests(value):
    assert alert_kind(value) == SNAPSHOT_TEST
    assert no_snapshot_reason(value) is None


def test_each_kind_without_a_test_says_why():
    assert "agent" in no_snapshot_reason("agent")
    assert "/v7/endpoint" in no_snapshot_reason("endpoint-http-server")
    assert "device" in no_snapshot_reason("device-interface")
    assert "Internet Insights" in no_snapshot_reason("network-outage")
