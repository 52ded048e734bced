# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the limits (limits.py): the source-IP block after 401s, the organisation request limit, the snapshot quota.

import time

from .. import Simulator
from .support import ADMIN_TOKEN, Client, RATE_HEADERS, create_v7, reply_json, v6_body


def test_unauthorized_storm_blocks_ip_with_default_threshold(client, simulator):
    assert simulator.state.describe_limits()["unauthorized_threshold"] == 120
    for index in range(119):
        assert client.request("GET", "/v7/tests", token="bad-{0}".format(index)).status == 401
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200
    assert client.request("GET", "/v6/tests.json", token="bad-last").status == 401
    blocked = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    assert blocked.status == 429
    assert reply_json(blocked)["status"] == 429
    assert client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN).status == 429
    assert "errorMessage" in reply_json(client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN))
    client.admin("POST", "/_sim/reset")
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 200


def test_unauthorized_threshold_is_configurable(client):
    client.admin("POST", "/_sim/reset", {"unauthorized_threshold": 3})
    for index in range(3):
        assert client.request("GET", "/v7/tests", token="bad-{0}".format(index)).status == 401
    assert client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status == 429


def test_unauthorized_threshold_constructor_parameter():
    with Simulator(port=0, unauthorized_threshold=2) as small:
        api = Client(small.url)
        assert [api.request("GET", "/v7/tests", token="bad").status for index in range(3)] == [401, 401, 429]


def test_rate_limit_headers_on_normal_responses(client):
    first = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    second = create_v7(client)
    error = create_v7(client, body={})
    for reply in (first, second, error):
        for name in RATE_HEADERS:
            assert reply.headers[name].isdigit()
    assert first.headers["X-Organization-Rate-Limit-Limit"] == "240"
    assert int(first.headers["X-Organization-Rate-Limit-Remaining"]) == int(second.headers["X-Organization-Rate-Limit-Remaining"]) + 1
    assert time.time() < int(first.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 61


def test_default_snapshot_quota(client):
    assert client.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 5, "period": 300}
    started = time.time()
    assert [create_v7(client).status for index in range(5)] == [201] * 5
    refused = create_v7(client)
    assert refused.status == 429
    assert refused.headers["X-Organization-Rate-Limit-Limit"] == "5"
    assert refused.headers["X-Organization-Rate-Limit-Remaining"] == "0"
    assert started + 299 <= int(refused.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 301
    assert refused.headers.get("Retry-After") is None
    assert reply_json(refused)["title"] == "Exhausted rate limit for the organization"
    assert refused.headers["Content-Type"] == "application/problem+json"
    v6 = client.request("POST", "/v6/snapshot.json", v6_body(), ADMIN_TOKEN)
    assert v6.status == 429 and "errorMessage" in reply_json(v6)
    assert len(client.admin("GET", "/_sim/snapshots")["snapshots"]) == 5


def test_snapshot_quota_set_by_reset_and_freed_after_period(client):
    config = client.admin("POST", "/_sim/reset", {"snapshot_quota": {"limit": 2, "period": 1}})["config"]
    assert config["snapshot_quota"] == {"limit": 2, "period": 1}
    assert [create_v7(client).status for index in range(3)] == [201, 201, 429]
    time.sleep(1.1)
    assert create_v7(client).status == 201
    client.admin("POST", "/_sim/reset")
    assert client.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 5, "period": 300}


def test_snapshot_quota_constructor_parameters():
    with Simulator(port=0, snapshot_quota=100, snapshot_quota_period=86400) as daily:
        api = Client(daily.url)
        assert api.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 100, "period": 86400}
        reply = create_v7(api)
        assert reply.headers["X-Organization-Rate-Limit-Limit"] == "240"


def test_organization_request_limit(client):
    client.admin("POST", "/_sim/reset", {"request_limit": 3})
    statuses = [client.request("GET", "/v7/tests", token=ADMIN_TOKEN).status for index in range(3)]
    client.admin("GET", "/_sim/requests")
    refused = client.request("GET", "/v7/tests", token=ADMIN_TOKEN)
    assert statuses == [200, 200, 200]
    assert refused.status == 429
    assert refused.headers["X-Organization-Rate-Limit-Limit"] == "3"
    assert refused.headers["X-Organization-Rate-Limit-Remaining"] == "0"
    assert time.time() < int(refused.headers["X-Organization-Rate-Limit-Reset"]) <= time.time() + 61
    assert client.request("POST", "/v6/snapshot.json", v6_body(), ADMIN_TOKEN).status == 429


def test_default_request_limit_is_240(client):
    assert client.admin("GET", "/_sim/config")["request_limit"] == 240
    statuses = [client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN).status for index in range(241)]
    assert statuses[:240] == [200] * 240 and statuses[240] == 429
