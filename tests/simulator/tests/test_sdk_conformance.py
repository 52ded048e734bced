# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The official ThousandEyes Python SDK (thousandeyes-sdk-tests and
# thousandeyes-sdk-snapshots) must parse everything the simulator answers into
# its models: this keeps the simulator's shapes honest. Skipped when the SDK is
# not installed.

import datetime
import subprocess
import time

import pytest

from .. import Simulator
from .support import ADMIN_TOKEN, admin_call

sdk_core = pytest.importorskip("thousandeyes_sdk.core")
sdk_exceptions = pytest.importorskip("thousandeyes_sdk.core.exceptions")
sdk_snapshots = pytest.importorskip("thousandeyes_sdk.snapshots")
sdk_tests = pytest.importorskip("thousandeyes_sdk.tests")


HTTP_TEST_ID = "281474976710706"
AGENT_TEST_ID = "281474976710707"
LAB_TEST_ID = "281474976710720"


def utc_window(hours):
    """An aware UTC (start, end) window of `hours` ending ten minutes ago, whole seconds."""
    end = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) - datetime.timedelta(minutes=10)
    return end - datetime.timedelta(hours=hours), end


def snapshot_request(display_name="SDK snapshot", hours=1, is_public=None):
    start, end = utc_window(hours)
    return sdk_snapshots.SnapshotRequest(display_name=display_name, start_date=start, end_date=end, is_public=is_public)


def test_get_tests_parses_into_sdk_models(api_client):
    result = sdk_tests.TestsApi(api_client).get_tests(aid="1234")
    assert isinstance(result, sdk_tests.Tests)
    assert result.links.var_self.href.endswith("/v7/tests?aid=1234")
    by_id = dict((test.test_id, test) for test in result.tests)
    for test in result.tests:
        assert isinstance(test, sdk_tests.SimpleTest)
        assert test.type != sdk_tests.TestType.UNKNOWN
        assert isinstance(test.interval, sdk_tests.TestInterval)
        assert test.links.var_self.href and test.links.test_results
        assert test.created_date.tzinfo is not None
    payments = by_id[HTTP_TEST_ID]
    assert payments.test_name == "Payments API"
    assert payments.type == sdk_tests.TestType.HTTP_MINUS_SERVER
    assert payments.interval == sdk_tests.TestInterval.NUMBER_300
    assert payments.enabled is True and payments.saved_event is False and payments.live_share is False
    assert payments.additional_properties["url"] == "https://payments.example.com/health"
    assert by_id[AGENT_TEST_ID].type == sdk_tests.TestType.AGENT_MINUS_TO_MINUS_SERVER
    assert [test.test_id for test in result.tests if test.test_name == "Payments API"] == [HTTP_TEST_ID, AGENT_TEST_ID]
    assert any(test.saved_event for test in result.tests)
    assert any(test.live_share for test in result.tests)
    assert {"http-server", "agent-to-server", "page-load", "dns-server"} <= set(test.type.value for test in result.tests)


def test_get_tests_default_and_other_account_group(api_client):
    tests_api = sdk_tests.TestsApi(api_client)
    assert [test.test_id for test in tests_api.get_tests().tests] == [test.test_id for test in tests_api.get_tests(aid="1234").tests]
    lab = tests_api.get_tests(aid="5678").tests
    assert [test.test_id for test in lab if test.test_name == "Payments API"] == [LAB_TEST_ID]


def test_create_private_snapshot(api_client, simulator):
    request = snapshot_request(display_name="SDK private", hours=4, is_public=False)
    response = sdk_snapshots.TestSnapshotsApi(api_client).create_test_snapshot(HTTP_TEST_ID, request, aid="1234")
    assert isinstance(response, sdk_snapshots.SnapshotResponse)
    assert response.id.isalpha() and response.id.islower() and 5 <= len(response.id) <= 8
    assert response.source_test_id == HTTP_TEST_ID
    assert response.test_id != HTTP_TEST_ID and response.test_id.isdigit()
    assert response.uid == "281474976810911"
    assert response.display_name == "SDK private"
    assert response.extra_params == ""
    assert response.start_round_id == int(request.start_date.timestamp()) == response.round_id
    assert response.end_round_id == int(request.end_date.timestamp())
    assert isinstance(response.share_date, datetime.datetime) and response.share_date.tzinfo is not None
    assert abs(response.share_date.timestamp() - time.time()) < 60
    test = response.test
    assert isinstance(test, sdk_snapshots.SnapshotTest)
    assert test.test_id == response.test_id
    assert test.saved_event is True and test.live_share is False
    assert test.type == sdk_snapshots.TestType.HTTP_MINUS_SERVER
    assert test.interval == sdk_snapshots.TestInterval.NUMBER_300
    assert test.links.var_self.href and test.links.test_results
    assert response.links.app_link.href == "https://app.thousandeyes.com/view/tests/?testId={0}&__a=1234".format(response.test_id)
    assert response.links.var_self.href.endswith("/v7/tests/{0}/snapshot".format(response.test_id))

    listed = sdk_tests.TestsApi(api_client).get_tests(aid="1234").tests
    assert [test.saved_event for test in listed if test.test_id == response.test_id] == [True]
    recorded = admin_call(simulator.url, "GET", "/_sim/requests")["requests"][0]
    assert recorded["headers"]["Authorization"] == "Bearer ***"
    assert recorded["body"] == {"displayName": "SDK private", "startDate": request.start_date.isoformat(),
                                "endDate": request.end_date.isoformat(), "isPublic": False}


def test_create_public_snapshot_in_lab(api_client):
    response = sdk_snapshots.TestSnapshotsApi(api_client).create_test_snapshot(LAB_TEST_ID, snapshot_request(hours=48, is_public=True), aid="5678")
    assert response.test.saved_event is False
    assert response.links.app_link.href.endswith("&__a=5678")
    listed = sdk_tests.TestsApi(api_client).get_tests(aid="5678").tests
    assert response.test_id not in [test.test_id for test in listed]


def test_errors_parse_into_sdk_error_models(api_client):
    snapshots_api = sdk_snapshots.TestSnapshotsApi(api_client)
    with pytest.raises(sdk_exceptions.ApiException) as invalid:
        snapshots_api.create_test_snapshot(HTTP_TEST_ID, snapshot_request(hours=3))
    assert invalid.value.status == 400
    assert isinstance(invalid.value.data, sdk_snapshots.ValidationError)
    assert invalid.value.data.title == "Request validation failed. There are invalid or missing fields"
    assert [item.var_field for item in invalid.value.data.errors] == ["endDate"]

    with pytest.raises(sdk_exceptions.ApiException) as missing:
        snapshots_api.create_test_snapshot("999", snapshot_request())
    assert missing.value.status == 404
    assert isinstance(missing.value.data, sdk_snapshots.Error) and missing.value.data.title == "URI Resource Not Found"

    with pytest.raises(sdk_exceptions.ApiException) as forbidden:
        snapshots_api.create_test_snapshot(HTTP_TEST_ID, snapshot_request(), aid="9999")
    assert forbidden.value.status == 403 and isinstance(forbidden.value.data, sdk_snapshots.Error)


def test_unauthorized_parses_into_sdk_model(simulator):
    admin_call(simulator.url, "POST", "/_sim/reset")
    configuration = sdk_core.Configuration(host=simulator.url + "/v7", access_token="not-a-token")
    with sdk_core.ApiClient(configuration) as client:
        with pytest.raises(sdk_exceptions.ApiException) as unauthorized:
            sdk_snapshots.TestSnapshotsApi(client).create_test_snapshot(HTTP_TEST_ID, snapshot_request())
    assert unauthorized.value.status == 401
    assert isinstance(unauthorized.value.data, sdk_snapshots.UnauthorizedError)
    assert unauthorized.value.data.error == "invalid_token"


def test_sdk_waits_for_reset_header_on_quota(api_client, simulator):
    # The SDK retries a 429 once, sleeping until X-Organization-Rate-Limit-Reset (an epoch).
    admin_call(simulator.url, "POST", "/_sim/reset", {"snapshot_quota": {"limit": 1, "period": 2}})
    snapshots_api = sdk_snapshots.TestSnapshotsApi(api_client)
    snapshots_api.create_test_snapshot(HTTP_TEST_ID, snapshot_request())
    started = time.time()
    second = snapshots_api.create_test_snapshot(HTTP_TEST_ID, snapshot_request())
    assert second.id and time.time() - started >= 0.5
    statuses = [entry["status"] for entry in admin_call(simulator.url, "GET", "/_sim/requests")["requests"]]
    assert statuses == [201, 429, 201]


def test_sdk_gives_up_after_one_retry(api_client, simulator):
    admin_call(simulator.url, "POST", "/_sim/faults", {"faults": [{"kind": "rate_limit", "reset_in": None, "times": 2}]})
    with pytest.raises(sdk_exceptions.ApiException) as limited:
        sdk_snapshots.TestSnapshotsApi(api_client).create_test_snapshot(HTTP_TEST_ID, snapshot_request())
    assert limited.value.status == 429
    assert isinstance(limited.value.data, sdk_snapshots.Error)
    assert limited.value.data.title == "Exhausted rate limit for the organization"
    assert admin_call(simulator.url, "GET", "/_sim/snapshots")["snapshots"] == []


def test_sdk_over_https(tmp_path):
    cert, key = str(tmp_path / "cert.pem"), str(tmp_path / "key.pem")
    subprocess.run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "2", "-keyout", key, "-out", cert],
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, timeout=60)
    with Simulator(port=0, certfile=cert, keyfile=key) as secure:
        configuration = sdk_core.Configuration(host=secure.url + "/v7", access_token=ADMIN_TOKEN, ssl_ca_cert=cert)
        with sdk_core.ApiClient(configuration) as client:
            response = sdk_snapshots.TestSnapshotsApi(client).create_test_snapshot(HTTP_TEST_ID, snapshot_request())
            assert response.source_test_id == HTTP_TEST_ID
            assert sdk_tests.TestsApi(client).get_tests().links.var_self.href.startswith("https://")
