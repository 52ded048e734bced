# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the gate every API request passes (api.py): authentication, account groups, permissions.


from .support import ADMIN_TOKEN, LAB_TEST_ID, PRODUCTION_ONLY_TOKEN, READONLY_TOKEN, REGULAR_TOKEN, basic_header, create_v7, reply_json, v6_body


def test_v7_unauthorized_shapes(client):
    missing = client.request("GET", "/v7/tests")
    assert missing.status == 401
    # The spec declares the 401 of both v7 operations as application/problem+json, with the OAuth body.
    assert missing.headers["Content-Type"] == "application/problem+json"
    assert reply_json(missing) == {"error": "unauthorized", "error_description": "Full authentication is required to access this resource"}
    assert missing.headers["WWW-Authenticate"].startswith('Bearer error="unauthorized"')
    wrong = client.request("GET", "/v7/tests", token="not-a-token")
    assert wrong.status == 401
    assert reply_json(wrong) == {"error": "invalid_token", "error_description": "Invalid access token"}
    basic = client.request("GET", "/v7/tests", headers=basic_header("admin@example.com", "simulator-basic-token"))
    assert basic.status == 401
    assert client.request("GET", "/v7/tests", headers={"Authorization": "Token simulator-token"}).status == 401
    refused_post = create_v7(client, token="not-a-token")
    assert refused_post.status == 401
    assert refused_post.headers["Content-Type"] == "application/problem+json"
    assert reply_json(refused_post) == {"error": "invalid_token", "error_description": "Invalid access token"}
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_v6_unauthorized_shape(client):
    reply = client.request("POST", "/v6/snapshot.json", v6_body(), "not-a-token")
    assert reply.status == 401
    assert list(reply_json(reply)) == ["errorMessage"]
    assert client.request("GET", "/v6/tests.json", token=ADMIN_TOKEN).status == 200


def test_missing_snapshot_permission(client):
    v7 = create_v7(client, token=READONLY_TOKEN)
    assert v7.status == 403
    assert v7.headers["Content-Type"] == "application/problem+json"
    assert "Create snapshot shares" in reply_json(v7)["detail"]
    assert reply_json(v7)["status"] == 403
    v6 = client.request("POST", "/v6/snapshot.json", v6_body(), READONLY_TOKEN)
    assert v6.status == 403 and "Create snapshot shares" in reply_json(v6)["errorMessage"]
    assert client.request("GET", "/v7/tests", token=READONLY_TOKEN).status == 200
    assert client.admin("GET", "/_sim/snapshots")["snapshots"] == []


def test_regular_user_blocked_from_v6_posts_only(client):
    v6 = client.request("POST", "/v6/snapshot.json", v6_body(), REGULAR_TOKEN)
    assert v6.status == 403 and "errorMessage" in reply_json(v6)
    assert client.request("GET", "/v6/tests.json", token=REGULAR_TOKEN).status == 200
    assert create_v7(client, token=REGULAR_TOKEN).status == 201


def test_account_group_membership(client):
    assert create_v7(client, test_id=LAB_TEST_ID, token=PRODUCTION_ONLY_TOKEN, query="?aid=5678").status == 403
    assert client.request("GET", "/v7/tests?aid=5678", token=PRODUCTION_ONLY_TOKEN).status == 403
    assert client.request("GET", "/v6/tests.json?aid=5678", token=PRODUCTION_ONLY_TOKEN).status == 403
    assert create_v7(client, token=PRODUCTION_ONLY_TOKEN, query="?aid=1234").status == 201
    unknown = create_v7(client, query="?aid=9999")
    assert unknown.status == 403 and reply_json(unknown)["title"] == "Forbidden"
    assert client.request("GET", "/v7/tests?aid=", token=ADMIN_TOKEN).status == 403
