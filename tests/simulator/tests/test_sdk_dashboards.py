# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The official ThousandEyes SDK for dashboards (thousandeyes-sdk-dashboards, generated from the official v7 spec)
# drives the simulator's dashboard snapshot life cycle: its requests are accepted, and every answer parses into
# its models. Also: each status the simulator's description lists maps to the model the SDK expects.

import datetime
import json
import os
import urllib.parse
import urllib.request

import pytest

from .support import SIMULATOR_DIR
from .test_openapi_sdk_models import sdk_response_models

sdk_core = pytest.importorskip("thousandeyes_sdk.core")
sdk_exceptions = pytest.importorskip("thousandeyes_sdk.core.exceptions")
sdk_dashboards = pytest.importorskip("thousandeyes_sdk.dashboards")

OVERVIEW = "646f4d2ce3c99b0536c3821e"


def test_dashboards_parse_into_sdk_models(api_client):
    dashboards = sdk_dashboards.DashboardsApi(api_client).get_dashboards(aid="1234")
    assert [dashboard.title for dashboard in dashboards] == ["Production Overview", "Payments", "HTTP Server Widgets"]
    assert all(isinstance(dashboard, sdk_dashboards.ApiDashboard) for dashboard in dashboards)
    assert dashboards[0].dashboard_id == OVERVIEW and dashboards[0].default_timespan.duration == 86400


def test_snapshot_life_cycle_through_the_sdk(api_client):
    api = sdk_dashboards.DashboardSnapshotsApi(api_client)
    end = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(minutes=10)
    start = end - datetime.timedelta(hours=3)
    expires = end + datetime.timedelta(days=400)
    request = sdk_dashboards.GenerateDashboardSnapshotRequest(
        dashboard_id=OVERVIEW, display_name="SDK incident", start_date=start, end_date=end, anonymize_data=True, timezone="UTC",
        expiration_date=expires)
    answer = api.create_dashboard_snapshot_with_http_info(request, aid="1234")
    assert answer.status_code == 201 and isinstance(answer.data, sdk_dashboards.DashboardSnapshotResponse)
    assert answer.headers["X-Dashboard-Snapshot-Rate-Limit-Remaining"] == "99"
    snapshot_id = answer.data.snapshot_id

    snapshot = api.get_dashboard_snapshot(snapshot_id)
    assert isinstance(snapshot, sdk_dashboards.ApiDashboardSnapshot)
    assert snapshot.snapshot_name == "SDK incident" and snapshot.dashboard.dashboard_id == OVERVIEW
    assert snapshot.time_span.start == start and snapshot.time_span.duration == 3 * 3600
    assert snapshot.snapshot_expiration_date == expires
    assert snapshot.links.app_link.href.endswith("snapshotId=" + snapshot_id)

    sooner = end + datetime.timedelta(days=30)
    api.update_dashboard_snapshot_expiration_date(snapshot_id, sdk_dashboards.UpdateSnapshotExpirationDateApiRequest(
        snapshot_expiration_date=sooner))
    page = api.get_dashboard_snapshots(dashboard_id=OVERVIEW)
    assert isinstance(page, sdk_dashboards.DashboardSnapshotsPage)
    assert [(item.snapshot_id, item.snapshot_expiration_date) for item in page.dashboard_snapshots] == [(snapshot_id, sooner)]

    api.delete_dashboard_snapshot(snapshot_id)
    with pytest.raises(sdk_exceptions.NotFoundException):
        api.get_dashboard_snapshot(snapshot_id)


def test_cursor_pages_through_the_sdk(api_client):
    api = sdk_dashboards.DashboardSnapshotsApi(api_client)
    made = [api.create_dashboard_snapshot(sdk_dashboards.GenerateDashboardSnapshotRequest(dashboard_id=OVERVIEW, display_name=str(index))).snapshot_id
            for index in range(6)]
    first = api.get_dashboard_snapshots()
    assert first.links.next is not None
    cursor = urllib.parse.parse_qs(urllib.parse.urlsplit(first.links.next.href).query)["cursor"][0]
    second = api.get_dashboard_snapshots(cursor=cursor)
    assert [item.snapshot_id for item in first.dashboard_snapshots + second.dashboard_snapshots] == made
    assert second.links.next is None


# Statuses the SDK maps that the simulator does not answer (500: only with a scripted fault); the simulator adds 415
# for a body that is not JSON. The SDK maps the 429 of POST to no model; the simulator's is problem+json.
NOT_ANSWERED = ("500",)
ADDED = ("415",)


@pytest.mark.parametrize("path, verb, method", [
    ("/v7/dashboards", "get", "DashboardsApi.get_dashboards"),
    ("/v7/dashboard-snapshots", "get", "DashboardSnapshotsApi.get_dashboard_snapshots"),
    ("/v7/dashboard-snapshots", "post", "DashboardSnapshotsApi.create_dashboard_snapshot"),
    ("/v7/dashboard-snapshots/{snapshotId}", "get", "DashboardSnapshotsApi.get_dashboard_snapshot"),
    ("/v7/dashboard-snapshots/{snapshotId}", "patch", "DashboardSnapshotsApi.update_dashboard_snapshot_expiration_date"),
    ("/v7/dashboard-snapshots/{snapshotId}", "delete", "DashboardSnapshotsApi.delete_dashboard_snapshot"),
])
def test_each_status_is_one_the_sdk_knows(path, verb, method):
    with open(os.path.join(SIMULATOR_DIR, "openapi.json"), encoding="utf-8") as handle:
        document = json.load(handle)
    class_name, method_name = method.split(".")
    sdk = sdk_response_models(getattr(getattr(sdk_dashboards, class_name), method_name))
    ours = [status for status in document["paths"][path][verb]["responses"] if status not in ADDED]
    assert set(ours) <= set(sdk) - set(NOT_ANSWERED), (sorted(ours), sorted(sdk))
    success = [status for status in ours if status.startswith("2")]
    assert success == [status for status in sdk if status.startswith("2")]
