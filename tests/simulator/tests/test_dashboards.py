# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the simulator's dashboards and dashboard snapshots (dashboards.py): the life cycle the official v7 spec
# describes (thousandeyes/thousandeyes-cli api/thousandeyes.yaml, tag "Dashboard Snapshots"), its cursor pages,
# its checks, its own quota and headers, and the admin record.

import time

import pytest

from ..formats import parse_v7_date
from .support import ADMIN_TOKEN, ISO_Z, READONLY_TOKEN, iso, past_window, reply_json

OVERVIEW = "646f4d2ce3c99b0536c3821e"
PAYMENTS = "646f4d2ce3c99b0536c3821f"
LAB_OVERVIEW = "6570a1c2e3c99b0536c38300"
QUOTA_HEADERS = ("X-Dashboard-Snapshot-Rate-Limit-Limit", "X-Dashboard-Snapshot-Rate-Limit-Remaining", "X-Dashboard-Snapshot-Rate-Limit-Reset")


def snapshot_body(dashboard_id=OVERVIEW, display_name="Incident 42", hours=2, **extra):
    start, end = past_window(hours)
    body = {"dashboardId": dashboard_id, "displayName": display_name, "startDate": iso(start), "endDate": iso(end)}
    body.update(extra)
    return body


def create(client, body=None, token=ADMIN_TOKEN, query=""):
    return client.request("POST", "/v7/dashboard-snapshots" + query, body if body is not None else snapshot_body(), token)


def test_list_dashboards_per_account_group(client):
    reply = client.request("GET", "/v7/dashboards", token=ADMIN_TOKEN)
    assert reply.status == 200 and reply.headers["Content-Type"] == "application/hal+json"
    dashboards = reply_json(reply)
    assert [dashboard["title"] for dashboard in dashboards] == ["Production Overview", "Payments", "HTTP Server Widgets"]
    first = dashboards[0]
    assert first["dashboardId"] == OVERVIEW and first["aid"] == "1234" and first["isBuiltIn"] is False
    assert first["_links"]["snapshots"]["href"].endswith("/v7/dashboard-snapshots?dashboardId=" + OVERVIEW)
    lab = reply_json(client.request("GET", "/v7/dashboards?aid=5678", token=ADMIN_TOKEN))
    assert [dashboard["dashboardId"] for dashboard in lab] == [LAB_OVERVIEW]


def test_create_read_update_delete(client):
    body = snapshot_body(anonymizeData=True, timezone="UTC")
    reply = create(client, body)
    assert reply.status == 201
    created = reply_json(reply)
    snapshot_id = created["snapshotId"]
    assert len(snapshot_id) == 36 and snapshot_id.count("-") == 4
    assert reply.headers["Location"] == created["_links"]["self"]["href"]
    assert reply.headers["Location"].endswith("/v7/dashboard-snapshots/" + snapshot_id)
    assert [reply.headers[name] for name in QUOTA_HEADERS] == ["100", "99", "0"]

    snapshot = reply_json(client.request("GET", "/v7/dashboard-snapshots/" + snapshot_id, token=ADMIN_TOKEN))
    assert snapshot["snapshotId"] == snapshot_id and snapshot["snapshotName"] == "Incident 42"
    assert snapshot["dashboard"]["dashboardId"] == OVERVIEW and snapshot["dashboard"]["title"] == "Production Overview"
    assert snapshot["timeSpan"] == {"start": body["startDate"], "duration": 7200}
    assert snapshot["_links"]["appLink"]["href"] == "https://app.thousandeyes.com/dashboard/?snapshotId=" + snapshot_id
    # Left out, the expiry is one year after creation (spec: Dashboards_API_SnapshotExpirationDate).
    expires = parse_v7_date(snapshot["snapshotExpirationDate"])
    assert abs(expires - (time.time() + 365 * 86400)) < 2 * 86400
    assert ISO_Z.match(snapshot["snapshotCreatedDate"])

    later = iso(time.time() + 30 * 86400)
    patched = client.request("PATCH", "/v7/dashboard-snapshots/" + snapshot_id, {"snapshotExpirationDate": later}, ADMIN_TOKEN)
    assert patched.status == 204 and patched.body == b"" and "Content-Length" not in patched.headers
    snapshot = reply_json(client.request("GET", "/v7/dashboard-snapshots/" + snapshot_id, token=ADMIN_TOKEN))
    assert snapshot["snapshotExpirationDate"] == later

    assert client.request("DELETE", "/v7/dashboard-snapshots/" + snapshot_id, token=ADMIN_TOKEN).status == 204
    assert client.request("GET", "/v7/dashboard-snapshots/" + snapshot_id, token=ADMIN_TOKEN).status == 404
    assert client.request("DELETE", "/v7/dashboard-snapshots/" + snapshot_id, token=ADMIN_TOKEN).status == 404
    (record,) = client.admin("GET", "/_sim/dashboard-snapshots")["dashboard_snapshots"]
    assert record["snapshot_id"] == snapshot_id and record["patches"] == 1 and record["deleted"]
    assert record["anonymize"] is True and record["timezone"] == "UTC" and record["created_by"] == "admin@example.com"


def test_list_filters_by_dashboard_and_walks_cursor_pages(client):
    made = [reply_json(create(client, snapshot_body(display_name="Overview {0}".format(index))))["snapshotId"] for index in range(7)]
    other = reply_json(create(client, snapshot_body(dashboard_id=PAYMENTS)))["snapshotId"]
    seen, path, pages = [], "/v7/dashboard-snapshots?dashboardId=" + OVERVIEW, 0
    while path:
        page = reply_json(client.request("GET", path, token=ADMIN_TOKEN))
        assert len(page["dashboardSnapshots"]) <= 5
        seen.extend(snapshot["snapshotId"] for snapshot in page["dashboardSnapshots"])
        pages += 1
        following = page["_links"].get("next")
        path = following["href"].split("//", 1)[1].split("/", 1)[1] if following else None
        path = "/" + path if path else None
    assert seen == made and pages == 2
    everything = reply_json(client.request("GET", "/v7/dashboard-snapshots", token=ADMIN_TOKEN))
    assert len(everything["dashboardSnapshots"]) == 5 and "next" in everything["_links"]
    assert other not in seen
    assert client.request("GET", "/v7/dashboard-snapshots?cursor=bogus", token=ADMIN_TOKEN).status == 400


def test_default_window_and_name(client):
    reply = create(client, {"dashboardId": PAYMENTS})
    assert reply.status == 201
    snapshot = reply_json(client.request("GET", "/v7/dashboard-snapshots/" + reply_json(reply)["snapshotId"], token=ADMIN_TOKEN))
    assert snapshot["snapshotName"] == "Payments" and snapshot["timeSpan"]["duration"] == 7200


@pytest.mark.parametrize("change, field", [
    ({"dashboardId": None}, "dashboardId"),
    ({"displayName": " \t"}, "displayName"),
    ({"displayName": 7}, "displayName"),
    ({"startDate": "yesterday"}, "startDate"),
    ({"endDate": iso(time.time() + 3600)}, "endDate"),
    ({"anonymizeData": "yes"}, "anonymizeData"),
    ({"anonymizeData": None}, "anonymizeData"),
    ({"timezone": 3}, "timezone"),
    ({"expirationDate": iso(time.time() - 60)}, "expirationDate"),
    ({"expirationDate": iso(time.time() + 6 * 366 * 86400)}, "expirationDate"),
])
def test_create_refuses_bad_fields(client, change, field):
    body = snapshot_body()
    body.update(change)
    if body.get("dashboardId") is None:
        del body["dashboardId"]
    reply = create(client, body)
    assert reply.status == 400, reply.body
    assert field in [item["field"] for item in reply_json(reply)["errors"]]
    assert client.admin("GET", "/_sim/dashboard-snapshots")["dashboard_snapshots"] == []


def test_create_refuses_reversed_window_and_half_window(client):
    body = snapshot_body()
    body["startDate"], body["endDate"] = body["endDate"], body["startDate"]
    assert create(client, body).status == 400
    body = snapshot_body()
    del body["endDate"]
    assert create(client, body).status == 400


def test_unknown_dashboard_or_group_is_404_and_permissions_apply(client):
    assert create(client, snapshot_body(dashboard_id="000000000000000000000000")).status == 404
    assert create(client, snapshot_body(dashboard_id=LAB_OVERVIEW)).status == 404
    assert create(client, snapshot_body(dashboard_id=LAB_OVERVIEW), query="?aid=5678").status == 201
    assert create(client, token=READONLY_TOKEN).status == 403
    assert client.request("GET", "/v7/dashboard-snapshots", token=READONLY_TOKEN).status == 200


def test_patch_checks_its_body(client):
    snapshot_id = reply_json(create(client))["snapshotId"]
    path = "/v7/dashboard-snapshots/" + snapshot_id
    assert client.request("PATCH", path, {}, ADMIN_TOKEN).status == 400
    assert client.request("PATCH", path, {"snapshotExpirationDate": "2027-13-01T00:00:00Z"}, ADMIN_TOKEN).status == 400
    assert client.request("PATCH", path, {"snapshotExpirationDate": iso(time.time() + 6 * 366 * 86400)}, ADMIN_TOKEN).status == 400
    # The deprecated field, in its own format, still works.
    later = time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(time.time() + 86400))
    assert client.request("PATCH", path, {"expirationDate": later}, ADMIN_TOKEN).status == 204
    assert client.request("PATCH", "/v7/dashboard-snapshots/nope", {"snapshotExpirationDate": iso(time.time() + 86400)}, ADMIN_TOKEN).status == 404
    assert client.request("PUT", path, {}, ADMIN_TOKEN).status == 405


def test_own_quota_with_its_headers_and_429(client):
    config = client.admin("POST", "/_sim/reset", {"dashboard_snapshot_quota": {"limit": 2, "period": 30}})["config"]
    assert config["dashboard_snapshot_quota"] == {"limit": 2, "period": 30}
    first, second, third = create(client), create(client), create(client)
    assert [first.status, second.status, third.status] == [201, 201, 429]
    assert [first.headers[name] for name in QUOTA_HEADERS] == ["2", "1", "0"]
    assert second.headers[QUOTA_HEADERS[1]] == "0" and 1 <= int(second.headers[QUOTA_HEADERS[2]]) <= 30
    assert third.headers[QUOTA_HEADERS[1]] == "0" and 1 <= int(third.headers[QUOTA_HEADERS[2]]) <= 30
    assert third.headers["Content-Type"] == "application/problem+json"
    assert len(client.admin("GET", "/_sim/dashboard-snapshots")["dashboard_snapshots"]) == 2
    # The test snapshot quota is another one.
    assert client.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 5, "period": 300}


def test_default_quota_is_100_per_hour(client):
    assert client.admin("GET", "/_sim/config")["dashboard_snapshot_quota"] == {"limit": 100, "period": 3600}
