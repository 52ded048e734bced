# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import socket
import ssl
import threading
import time
from http.client import RemoteDisconnected
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
import requests
from urllib3.connection import HTTPSConnection
from urllib3.exceptions import ConnectTimeoutError, HTTPError, MaxRetryError, NameResolutionError, NewConnectionError, ProtocolError
from urllib3.exceptions import SSLError as Urllib3SSLError

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import ApiClient, join_url
from ansible_collections.cisco.thousandeyes.plugins.module_utils._version import COLLECTION_VERSION

API_URL = "https://api.thousandeyes.com"
TOKEN = "s3cr3t-T0ken-value"
NOW = 1795681815.0
SNAPSHOT_PATH = ("tests", "281474976710706", "snapshot")
BODY = {"displayName": "Checkout", "startDate": "2026-11-26T04:00:00Z", "endDate": "2026-11-26T08:00:00Z", "isPublic": True}
CREATED = {"id": "wdiac", "testId": "281474976710801"}
TESTS = {"tests": []}


class FakeClock(object):
    """time.time and time.sleep for the client: sleeping records the delay and moves the clock on."""

    def __init__(self, now=NOW):
        self.now = now
        self.sleeps = []

    def time(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


class FakeSession(object):
    """Answers each request with the next outcome: a response, or a requests exception to raise."""

    def __init__(self, outcomes):
        self.outcomes = list(outcomes)
        self.calls = []
        self.verify_seen = []

    def request(self, method, url, json=None, timeout=None, verify=None, allow_redirects=True, stream=False):
        self.calls.append((method, url, json, timeout))
        self.verify_seen.append(verify)
        self.allow_redirects_seen = getattr(self, "allow_redirects_seen", []) + [allow_redirects]
        if not self.outcomes:
            raise AssertionError("unexpected request %s %s" % (method, url))
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def make_client(outcomes, **options):
    clock = FakeClock()
    session = FakeSession(outcomes)
    settings = dict(api_url=API_URL, api_version="v7", token=TOKEN, clock=clock.time, sleep=clock.sleep, session=session)
    settings.update(options)
    return ApiClient(**settings), session, clock


def send(client, method):
    if method == "POST":
        return client.post(SNAPSHOT_PATH, BODY, action="snapshot")
    return client.get(("tests",))


def refused():
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/v7/tests", reason))


def unresolvable():
    reason = NameResolutionError("api.thousandeyes.com", None, socket.gaierror(-2, "Name or service not known"))
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/v7/tests", reason))


def dropped():
    return requests.exceptions.ConnectionError(ProtocolError("Connection aborted.", RemoteDisconnected("Remote end closed connection without response")))


def read_timeout():
    return requests.exceptions.ReadTimeout("HTTPSConnectionPool(host='api.thousandeyes.com', port=443): Read timed out. (read timeout=30)")


def connect_timeout():
    return requests.exceptions.ConnectTimeout(MaxRetryError(None, "/v7/tests", ConnectTimeoutError(None, "timed out")))


# ------------------------------------------------------------------------------------------- rate limits

def test_a_429_waits_for_retry_after_then_sends_again(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "7"}), make_response(201, CREATED)])
    response = send(client, "POST")
    assert (response.status, response.data) == (201, CREATED)
    assert clock.sleeps == [7.0]
    assert len(session.calls) == 2
    assert session.calls[0] == session.calls[1]


def test_a_lower_case_retry_after_header_is_honoured(make_response):
    client, session, clock = make_client([make_response(429, headers={"retry-after": "3"}), make_response(200, TESTS)])
    send(client, "GET")
    assert clock.sleeps == [3.0]
    assert len(session.calls) == 2


def test_a_429_waits_until_the_organization_reset_epoch_and_a_little_more(make_response):
    reset = {"X-Organization-Rate-Limit-Reset": str(int(NOW) + 42)}
    client, session, clock = make_client([make_response(429, headers=reset), make_response(201, CREATED)])
    send(client, "POST")
    assert clock.sleeps == [42.5]
    assert len(session.calls) == 2


def test_a_dashboard_snapshot_429_waits_its_own_reset_in_seconds_not_the_organization_window(make_response):
    # Official v7 spec: X-Dashboard-Snapshot-Rate-Limit-Reset is the time left, not an epoch; the organisation headers
    # come on every answer and say nothing about this quota.
    headers = {"X-Dashboard-Snapshot-Rate-Limit-Limit": "100", "X-Dashboard-Snapshot-Rate-Limit-Remaining": "0",
               "X-Dashboard-Snapshot-Rate-Limit-Reset": "42", "X-Organization-Rate-Limit-Reset": str(int(NOW) + 7)}
    client, session, clock = make_client([make_response(429, headers=headers), make_response(201, {"snapshotId": "x"})])
    assert client.post(("dashboard-snapshots",), {"dashboardId": "d"}).data == {"snapshotId": "x"}
    assert clock.sleeps == [42.5]
    assert len(session.calls) == 2


def test_a_dashboard_snapshot_429_past_rate_limit_wait_names_its_quota(make_response):
    headers = {"X-Dashboard-Snapshot-Rate-Limit-Remaining": "0", "X-Dashboard-Snapshot-Rate-Limit-Reset": "3000"}
    client, session, clock = make_client([make_response(429, headers=headers)], rate_limit_wait=300)
    with pytest.raises(ThousandEyesAPIError) as error:
        client.post(("dashboard-snapshots",), {"dashboardId": "d"})
    assert error.value.status == 429 and clock.sleeps == [] and len(session.calls) == 1
    assert "dashboard snapshots are limited to 100 per organisation per hour" in error.value.message


def test_a_429_waits_for_the_later_of_the_organization_and_instant_test_resets(make_response):
    resets = {"X-Organization-Rate-Limit-Reset": str(int(NOW) + 10), "X-Instant-Test-Rate-Limit-Reset": str(int(NOW) + 20)}
    client, session, clock = make_client([make_response(429, headers=resets), make_response(201, CREATED)])
    send(client, "POST")
    assert clock.sleeps == [20.5]
    assert len(session.calls) == 2


def test_a_reset_already_past_waits_only_the_margin(make_response):
    client, session, clock = make_client([make_response(429, headers={"X-Organization-Rate-Limit-Reset": str(int(NOW) - 5)}),
                                          make_response(201, CREATED)])
    send(client, "POST")
    assert clock.sleeps == [0.5]
    assert len(session.calls) == 2


def test_retry_after_wins_over_the_reset_header(make_response):
    headers = {"Retry-After": "5", "X-Organization-Rate-Limit-Reset": str(int(NOW) + 50)}
    client, session, clock = make_client([make_response(429, headers=headers), make_response(201, CREATED)])
    send(client, "POST")
    assert clock.sleeps == [5.0]
    assert len(session.calls) == 2


def test_a_429_without_headers_waits_a_growing_fallback(make_response):
    client, session, clock = make_client([make_response(429)] * 3 + [make_response(201, CREATED)])
    send(client, "POST")
    assert clock.sleeps == [2.0, 4.0, 8.0]
    assert len(session.calls) == 4


def test_a_429_that_would_wait_past_rate_limit_wait_fails_at_once(make_response):
    body = {"title": "Too Many Requests", "detail": "Exhausted rate limit for the organization"}
    client, session, clock = make_client([make_response(429, body, headers={"Retry-After": "61"})], rate_limit_wait=60)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    error = error_info.value
    assert error.status == 429
    assert error.outcome_unknown is False
    assert error.error["summary"] == "Too Many Requests; Exhausted rate limit for the organization"
    assert error.message.startswith("ThousandEyes API rate limit (HTTP 429: Too Many Requests; Exhausted rate limit for the organization): "
                                    "waiting 61s more (Retry-After) would pass rate_limit_wait=60s (already waited 0s).")
    assert "Nothing was created" in error.message
    assert clock.sleeps == []
    assert len(session.calls) == 1


def test_rate_limit_wait_counts_every_wait_of_one_request(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "6"})] * 3, rate_limit_wait=10)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    assert error_info.value.status == 429
    assert "already waited 6s" in error_info.value.message
    assert clock.sleeps == [6.0]
    assert len(session.calls) == 2


def test_the_reset_header_is_named_when_its_wait_is_too_long(make_response):
    client, session, clock = make_client([make_response(429, headers={"X-Organization-Rate-Limit-Reset": str(int(NOW) + 400)})])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert "waiting 400s more (X-Organization-Rate-Limit-Reset) would pass rate_limit_wait=300s" in error_info.value.message
    assert (clock.sleeps, len(session.calls)) == ([], 1)


def test_rate_limit_wait_0_fails_at_the_first_429(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "1"})], rate_limit_wait=0)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    assert error_info.value.status == 429
    assert "rate_limit_wait=0s" in error_info.value.message
    assert (clock.sleeps, len(session.calls)) == ([], 1)


@pytest.mark.parametrize("headers", [{"Retry-After": "0"}, {"X-Organization-Rate-Limit-Reset": str(int(NOW) - 600)}])
def test_endless_429s_that_say_now_back_off_and_stop_with_an_honest_message(make_response, headers):
    # Once 21 requests went back to back, then "waiting 0s more ... would pass rate_limit_wait".
    client, session, clock = make_client([make_response(429, headers=headers)] * 30)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    first = 0.0 if "Retry-After" in headers else 0.5
    assert error_info.value.status == 429 and clock.sleeps == [first, 2.0, 4.0, 8.0, 16.0, 32.0, 60.0, 60.0, 60.0]
    assert len(session.calls) == 10
    assert "waiting 60s more (%s said to come back at once, and the API refused again: back-off) would pass rate_limit_wait=300s" % (
        list(headers)[0]) in error_info.value.message


def test_endless_429s_stop_after_20_retries_saying_so(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "1"})] * 30)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert len(session.calls) == 21 and clock.sleeps == [1.0] * 20
    assert "refused 21 requests in a row (last: Retry-After); stopped after waiting 20s in all" in error_info.value.message


@pytest.mark.parametrize("name, value", [("Retry-After", "9" * 400), ("X-Organization-Rate-Limit-Reset", "9" * 5000)])
def test_a_wait_of_hundreds_of_digits_fails_at_once_with_what_the_header_said(make_response, name, value):
    # Once: "int too large to convert to float" (or ValueError past 4,300 digits), unhandled.
    client, session, clock = make_client([make_response(429, headers={name: value})])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert (clock.sleeps, len(session.calls)) == ([], 1)
    assert "(%s: %s..., read as 100000000000) would pass rate_limit_wait=300s" % (name, "9" * 21) in error_info.value.message


# --------------------------------------------------------------------------- what may have been created

@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_post_that_meets_a_server_error_is_not_sent_again(make_response, status):
    client, session, clock = make_client([make_response(status, {"title": "Internal Server Error"}), make_response(201, CREATED)])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    error = error_info.value
    assert (error.status, error.outcome_unknown) == (status, True)
    assert error.message.startswith("ThousandEyes API answered HTTP %d: Internal Server Error." % status)
    assert "may or may not have taken effect; it was not repeated to avoid a duplicate" in error.message
    assert (clock.sleeps, len(session.calls)) == ([], 1)


@pytest.mark.parametrize("failure", [read_timeout, dropped], ids=["read timeout", "connection dropped after sending"])
def test_a_post_without_an_answer_is_not_sent_again_and_may_have_taken_effect(make_response, failure):
    client, session, clock = make_client([failure(), make_response(201, CREATED)])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    error = error_info.value
    assert (error.status, error.outcome_unknown) == (None, True)
    assert "The request was sent, so it may or may not have taken effect; it was not repeated to avoid a duplicate." in error.message
    assert error.url == API_URL + "/v7/tests/281474976710706/snapshot"
    assert (clock.sleeps, len(session.calls)) == ([], 1)


def test_a_read_timeout_message_names_the_timeout_option():
    client, session, clock = make_client([read_timeout()], timeout=12)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    assert "no answer within timeout=12s" in error_info.value.message
    assert session.calls[0][3] == 12
    assert clock.sleeps == []


@pytest.mark.parametrize("failure", [refused, unresolvable, connect_timeout], ids=["refused", "name not resolved", "connect timeout"])
def test_a_post_that_never_reached_the_server_is_sent_again(make_response, failure):
    client, session, clock = make_client([failure(), make_response(201, CREATED)])
    assert send(client, "POST").data == CREATED
    assert clock.sleeps == [1]
    assert len(session.calls) == 2


def test_a_server_that_keeps_refusing_fails_after_three_tries_with_nothing_created():
    client, session, clock = make_client([refused(), refused(), refused()])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    error = error_info.value
    assert error.message.startswith("Could not connect to %s: " % API_URL)
    assert "Connection refused" in error.message
    assert (error.status, error.outcome_unknown) == (None, False)
    assert clock.sleeps == [1, 2]
    assert len(session.calls) == 3


def test_a_connect_timeout_that_persists_names_the_timeout_option():
    client, session, clock = make_client([connect_timeout()] * 3)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert error_info.value.message.startswith("Could not connect to %s within timeout=30s" % API_URL)
    assert (clock.sleeps, len(session.calls)) == ([1, 2], 3)


def test_a_201_whose_body_is_not_json_may_have_created_the_snapshot(make_response):
    client, session, clock = make_client([make_response(201, "<html>Created</html>")])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    error = error_info.value
    assert (error.status, error.outcome_unknown) == (201, True)
    assert error.message == "ThousandEyes API answered HTTP 201 with a body that is not JSON: Created. The request was accepted, so it probably took effect."
    assert (clock.sleeps, len(session.calls)) == ([], 1)


def test_a_200_get_whose_body_is_not_json_fails_without_doubt(make_response):
    client, session, clock = make_client([make_response(200, "not json")])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert (error_info.value.status, error_info.value.outcome_unknown) == (200, False)
    assert (clock.sleeps, len(session.calls)) == ([], 1)


def test_an_empty_success_body_is_an_empty_dict(make_response):
    client, session, clock = make_client([make_response(201, "")])
    assert send(client, "POST").data == {}
    assert (clock.sleeps, len(session.calls)) == ([], 1)


# ------------------------------------------------------------------------------------------ GET retries

@pytest.mark.parametrize("failure", [502, 503, 504, "read timeout", "dropped"])
def test_a_get_is_retried_after_a_gateway_error_or_a_lost_answer(make_response, failure):
    first = {"read timeout": read_timeout, "dropped": dropped}.get(failure)
    first = first() if first else make_response(failure)
    client, session, clock = make_client([first, make_response(200, TESTS)])
    response = send(client, "GET")
    assert (response.status, response.data) == (200, TESTS)
    assert clock.sleeps == [1]
    assert len(session.calls) == 2


def test_a_get_backs_off_1_2_4_seconds_then_succeeds(make_response):
    client, session, clock = make_client([make_response(503), read_timeout(), make_response(502), make_response(200, TESTS)])
    assert send(client, "GET").data == TESTS
    assert clock.sleeps == [1, 2, 4]
    assert len(session.calls) == 4


def test_a_get_that_keeps_failing_gives_up_after_four_tries(make_response):
    client, session, clock = make_client([make_response(503, "maintenance mode")] * 5)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    error = error_info.value
    assert (error.status, error.outcome_unknown) == (503, False)
    assert error.message == "ThousandEyes API answered HTTP 503: maintenance mode."
    assert clock.sleeps == [1, 2, 4]
    assert len(session.calls) == 4


def test_get_retries_stop_where_the_next_back_off_would_pass_the_timeout(make_response):
    client, session, clock = make_client([make_response(503)] * 5, timeout=5)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert error_info.value.status == 503
    # 1 + 2 s of back-off fit in 5 s; the next 4 s would not.
    assert clock.sleeps == [1, 2]
    assert len(session.calls) == 3


class StallingSession(object):
    """A server that never finishes its answer (a byte at a time, for ever): request() blocks until released."""

    def __init__(self):
        self.release = threading.Event()
        self.calls = 0

    def request(self, method, url, **kwargs):
        self.calls += 1
        self.release.wait(30)
        raise requests.exceptions.ConnectionError("released by the test")


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_call_ends_within_its_timeout_even_when_the_server_never_finishes(method):
    session = StallingSession()
    client = ApiClient(api_url=API_URL, api_version="v7", token=TOKEN, timeout=1, session=session)
    started = time.time()
    try:
        with pytest.raises(ThousandEyesAPIError) as error_info:
            send(client, method)
        elapsed = time.time() - started
    finally:
        session.release.set()
    error = error_info.value
    assert "no complete answer within timeout=1s" in error.message
    # Generous against a loaded machine; without the deadline the call would wait the 30 s of the stall.
    assert elapsed < 10
    assert session.calls == 1
    assert error.outcome_unknown is (method == "POST")
    if method == "POST":
        assert "may or may not have taken effect" in error.message


def test_a_rate_limit_wait_does_not_use_up_the_timeout_budget(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "20"}), make_response(503), make_response(200, TESTS)],
                                         timeout=5)
    assert send(client, "GET").data == TESTS
    assert clock.sleeps == [20.0, 1]


# ------------------------------------------------------------------------------------------- redirects

@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_redirect_is_never_followed_and_fails_naming_its_target(make_response, method, status):
    moved = make_response(status, "", headers={"Location": "https://api.example.net/v7/tests/281474976710706/snapshot"})
    client, session, clock = make_client([moved, make_response(201, CREATED)], api_url="http://api.example.net")
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, method)
    error = error_info.value
    assert session.allow_redirects_seen == [False]
    assert len(session.calls) == 1 and clock.sleeps == []
    assert error.status == status and error.outcome_unknown is False
    assert "a redirect to https://api.example.net/v7/" in error.message and "do not follow redirects" in error.message
    assert "token" not in error.message.lower()
    if method == "POST":
        assert "Set api_url to https://api.example.net, where the API answers." in error.message
    assert error.error["location"].startswith("https://api.example.net/v7/")


@pytest.mark.parametrize("location", ["http://evil.example/v7/tests/281474976710706/snapshot",
                                      "https://api.thousandeyes.com.evil.example/v7/tests/281474976710706/snapshot",
                                      "//evil.example:8443/v7/tests/281474976710706/snapshot"])
def test_a_redirect_to_another_host_never_suggests_sending_the_token_there(make_response, location):
    # Once: "Set api_url to http://evil.example, where the API answers."
    client, session, clock = make_client([make_response(302, "", headers={"Location": location})])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    message = error_info.value.message
    assert "Set api_url" not in message and "another host than api_url's; a token is only ever sent to api_url" in message
    assert len(session.calls) == 1


def test_a_redirect_location_cannot_drive_the_terminal(make_response):
    client, session, clock = make_client([make_response(302, "", headers={"Location": u"/x\x1b[2J\x07"})])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    message = error_info.value.message
    assert u"a redirect to https://api.thousandeyes.com/x\\x1b[2J\\x07;" in message and "\x1b" not in message


def test_a_redirect_elsewhere_says_to_check_api_url(make_response):
    moved = make_response(302, "", headers={"Location": "/login?next=/"})
    client, session, clock = make_client([moved])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert "a redirect to https://api.thousandeyes.com/login?next=/" in error_info.value.message
    assert "Check api_url" in error_info.value.message


def test_a_get_is_not_retried_after_a_500(make_response):
    client, session, clock = make_client([make_response(500), make_response(200, TESTS)])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert (error_info.value.status, error_info.value.outcome_unknown) == (500, False)
    assert (clock.sleeps, len(session.calls)) == ([], 1)


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("status", [400, 401, 403, 404])
def test_client_errors_are_never_retried(make_response, method, status):
    client, session, clock = make_client([make_response(status, {"title": "No"}), make_response(201, CREATED)])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, method)
    error = error_info.value
    assert (error.status, error.outcome_unknown, error.error["title"]) == (status, False, "No")
    assert "may or may not" not in error.message
    assert (clock.sleeps, len(session.calls)) == ([], 1)


def test_a_403_on_a_snapshot_names_the_snapshot_permission(make_response):
    client, session, clock = make_client([make_response(403, {"title": "Forbidden"})])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "POST")
    assert "'Create snapshot shares' permission" in error_info.value.message
    assert (clock.sleeps, len(session.calls)) == ([], 1)


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_tls_failure_is_not_retried_and_points_to_ca_path(method):
    failure = requests.exceptions.SSLError(MaxRetryError(None, "/v7/tests", Urllib3SSLError(
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in certificate chain")))
    client, session, clock = make_client([failure])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, method)
    message = error_info.value.message
    assert message.startswith("TLS connection to %s failed: " % API_URL)
    assert "CERTIFICATE_VERIFY_FAILED" in message and "option ca_path" in message
    assert error_info.value.outcome_unknown is False
    assert (clock.sleeps, len(session.calls)) == ([], 1)


def test_each_request_carries_the_method_url_body_and_timeout(make_response):
    client, session, clock = make_client([make_response(201, CREATED)], timeout=17)
    client.post(SNAPSHOT_PATH, BODY, query={"aid": "1234"})
    assert session.calls == [("POST", API_URL + "/v7/tests/281474976710706/snapshot?aid=1234", BODY, 17)]
    assert session.allow_redirects_seen == [False]
    assert client.requests_sent == 1
    assert clock.sleeps == []


def test_a_callable_body_is_built_again_for_the_attempt_after_a_rate_limit_wait(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "7"}), make_response(201, CREATED)])

    def body():
        return dict(BODY, endDate=clock.now)

    client.post(SNAPSHOT_PATH, body)
    assert [call[2]["endDate"] for call in session.calls] == [clock.now - 7, clock.now]
    assert clock.sleeps == [7.0]


# ------------------------------------------------------------------------------------------- the session

def real_session(**options):
    settings = dict(api_url=API_URL, api_version="v7", token=TOKEN)
    settings.update(options)
    return ApiClient(**settings).session


def test_without_username_the_token_is_a_bearer_token():
    session = real_session()
    assert session.headers["Authorization"] == "Bearer " + TOKEN
    assert session.auth is None


@pytest.mark.parametrize("username", ["noc@example.com", "jos\u00e9@example.com", "\u5f20\u4f1f@example.cn"])
def test_with_username_basic_auth_is_sent_as_utf8_and_no_bearer_header(username):
    session = real_session(api_version="v6", username=username)
    prepared = session.prepare_request(requests.Request("GET", API_URL + "/v6/tests.json"))
    expected = base64.b64encode((username + ":" + TOKEN).encode("utf-8")).decode("ascii")
    assert prepared.headers["Authorization"] == "Basic " + expected
    # What http.client puts on the wire: Latin-1 encodable, so no codec error whatever the user name.
    prepared.headers["Authorization"].encode("latin-1")


@pytest.mark.parametrize("validate_certs, ca_path, verify", [
    (True, None, True),
    (True, "/etc/pki/thousandeyes-ca.pem", "/etc/pki/thousandeyes-ca.pem"),
    (False, None, False),
    (False, "/etc/pki/thousandeyes-ca.pem", False),
])
def test_tls_verification_follows_validate_certs_and_ca_path(validate_certs, ca_path, verify):
    assert real_session(validate_certs=validate_certs, ca_path=ca_path).verify == verify


def test_the_user_agent_names_the_collection_and_its_version():
    assert "cisco.thousandeyes/%s" % COLLECTION_VERSION in real_session().headers["User-Agent"]


def test_the_accept_header_takes_hal_json_and_problem_json():
    assert real_session().headers["Accept"] == "application/hal+json, application/json, application/problem+json"


def test_urllib3_retries_nothing_behind_the_clients_back():
    session = real_session()
    for url in ("https://api.thousandeyes.com/", "http://localhost:8080/"):
        retries = session.get_adapter(url).max_retries
        assert retries.total == 0


def test_proxies_come_from_the_environment():
    assert real_session().trust_env is True


# ------------------------------------------------------------------------------------------------- URLs

@pytest.mark.parametrize("api_url", ["https://api.thousandeyes.com", "https://api.thousandeyes.com/", "https://api.thousandeyes.com//"])
def test_the_version_and_path_follow_the_base_url_with_or_without_a_trailing_slash(api_url):
    assert join_url(api_url, "v7", SNAPSHOT_PATH) == "https://api.thousandeyes.com/v7/tests/281474976710706/snapshot"


def test_a_base_url_with_a_path_keeps_it():
    assert join_url("http://127.0.0.1:8080/te/", "v6", ("snapshot.json",)) == "http://127.0.0.1:8080/te/v6/snapshot.json"


@pytest.mark.parametrize("value", [
    "../../account-groups",
    "1/../../users",
    "1?aid=999",
    "1#fragment",
    "1%2F..%2Fusers",
    "12 34",
    "1\r\nX-Injected: yes",
    "1\nHost: evil.example.com",
    "1;x=2",
    "\u00e9t\u00e9",
])
def test_a_path_value_stays_one_segment_and_adds_no_query(value):
    url = join_url(API_URL, "v7", ("tests", value, "snapshot"))
    sent = requests.Request("POST", url).prepare().url
    parts = urlsplit(sent)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("https", "api.thousandeyes.com", "", "")
    segments = parts.path.split("/")
    assert segments[:3] == ["", "v7", "tests"] and segments[4:] == ["snapshot"]
    assert unquote(segments[3]) == value
    assert not any(character in sent for character in "\r\n ")


@pytest.mark.parametrize("value", ["..", ".", ""])
def test_a_dot_or_empty_segment_is_refused_because_encoding_cannot_keep_it_in_place(value):
    with pytest.raises(ValueError):
        join_url(API_URL, "v7", ("tests", value, "snapshot"))


def test_waiting_out_rate_limits_leaves_the_network_retries_of_a_get_intact(make_response):
    answers = [make_response(429, headers={"Retry-After": "1"})] * 4 + [make_response(502, body="<h1>502</h1>")] * 3
    client, session, clock = make_client(answers + [make_response(200, TESTS)])
    response = client.get(("tests",))
    assert response.status == 200 and len(session.calls) == 8
    assert clock.sleeps == [1.0] * 4 + [1, 2, 4]


def test_the_account_group_goes_in_the_query():
    client = ApiClient(API_URL, "v7", TOKEN, session=FakeSession([]))
    assert client.url_for(("tests",), {"aid": "1234"}) == "https://api.thousandeyes.com/v7/tests?aid=1234"
    assert client.url_for(("tests",)) == "https://api.thousandeyes.com/v7/tests"


def test_a_query_value_cannot_add_parameters_or_a_fragment():
    client = ApiClient(API_URL, "v7", TOKEN, session=FakeSession([]))
    parts = urlsplit(client.url_for(("tests",), {"aid": "1&format=xml#x \r\n"}))
    assert parse_qs(parts.query) == {"aid": ["1&format=xml#x \r\n"]}
    assert (parts.path, parts.fragment) == ("/v7/tests", "")


@pytest.mark.parametrize("validate_certs, ca_path, verify", [
    (True, None, True),
    (True, "/etc/pki/thousandeyes-ca.pem", "/etc/pki/thousandeyes-ca.pem"),
    (False, "/etc/pki/thousandeyes-ca.pem", False),
])
def test_each_request_passes_tls_verification_itself_so_requests_ca_bundle_cannot_override_it(make_response, validate_certs, ca_path, verify):
    client, session, unused_clock = make_client([make_response(200, TESTS)], validate_certs=validate_certs, ca_path=ca_path)
    client.get(("tests",))
    assert session.verify_seen == [verify]


def test_a_blocked_ip_429_fails_at_once_without_waiting(make_response):
    blocked = make_response(429, body='{"title": "Too Many Requests", "detail": "Too many unauthorized requests from this IP address"}')
    client, session, clock = make_client([blocked])
    with pytest.raises(ThousandEyesAPIError) as error:
        send(client, "POST")
    assert error.value.status == 429 and "blocked" in error.value.message and "Check the token" in error.value.message
    assert clock.sleeps == [] and len(session.calls) == 1


def test_a_certificate_failure_keeps_openssl_words():
    cause = ssl_verification_error("certificate has expired")
    client, session, unused_clock = make_client([requests.exceptions.SSLError(cause)])
    with pytest.raises(ThousandEyesAPIError) as error:
        client.get(("tests",))
    assert "certificate has expired" in error.value.message and len(session.calls) == 1


def ssl_verification_error(words):
    error = ssl.SSLCertVerificationError(1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: %s" % words)
    error.verify_message = words
    error.reason = "CERTIFICATE_VERIFY_FAILED"
    return error


@pytest.mark.parametrize("cause, advice", [
    (ssl_verification_error("certificate has expired"), "The server's certificate has expired"),
    (ssl_verification_error("Hostname mismatch, certificate is not valid for 'api.thousandeyes.com'."),
     "The certificate is not for the host name in api_url"),
    (ssl_verification_error("self-signed certificate in certificate chain"), "Give the issuing CA with option ca_path"),
    (Urllib3SSLError("[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)"), "does not answer TLS at this address"),
    (Urllib3SSLError("[SSL: RECORD_LAYER_FAILURE] record layer failure (_ssl.c:1000)"), "does not answer TLS at this address"),
], ids=["expired", "host mismatch", "unknown CA", "plain HTTP (OpenSSL 3.0)", "plain HTTP (OpenSSL 3.2)"])
def test_tls_advice_fits_the_failure(cause, advice):
    client, session, unused_clock = make_client([requests.exceptions.SSLError(MaxRetryError(None, "/v7/tests", cause))])
    with pytest.raises(ThousandEyesAPIError) as error:
        client.get(("tests",))
    assert advice in error.value.message
    if "TLS at this address" in advice:
        assert "ca_path" not in error.value.message


@pytest.mark.parametrize("method, created", [("GET", False), ("POST", True)])
def test_an_answer_with_a_lone_surrogate_is_refused_with_where_it_is(make_response, method, created):
    # JSON may escape a lone surrogate ("\\ud800"); decoded, it is a str no task result can hold (not UTF-8).
    body = '{"tests": [{"testId": "281474976710708", "testName": "Check\\ud800out"}], "id": "x"}'
    client, session, clock = make_client([make_response(201 if created else 200, body)])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, method)
    error = error_info.value
    assert error.message.startswith("ThousandEyes API answered HTTP %d with text that is not valid Unicode: a lone UTF-16 "
                                    "surrogate in tests[0].testName, which no task result can hold." % (201 if created else 200))
    assert error.outcome_unknown is created
    assert ("probably took effect" in error.message) is created
    assert len(session.calls) == 1


def test_a_lone_surrogate_in_one_entry_of_a_listing_affects_that_entry_only(make_response):
    # Once: one bad test name anywhere failed the whole listing.
    body = ('{"tests": [{"testId": "1", "testName": "Check\\ud800out"}, {"testId": "2", "testName": "DNS"}, '
            '{"testId": "3", "\\udc00key": 1}], "_links": {}}')
    client, session, clock = make_client([make_response(200, body)])
    response = client.get(("tests",), entries="tests")
    assert response.data["tests"] == [{"testId": "1", "testName": "Check\\ud800out"}, {"testId": "2", "testName": "DNS"},
                                      {"testId": "3", "\\udc00key": 1}]
    assert response.escaped_entries == [(0, "tests[0].testName"), (2, "tests[2].\\udc00key")]


def test_a_lone_surrogate_outside_the_entries_still_fails_the_answer(make_response):
    body = '{"tests": [{"testId": "1", "testName": "DNS"}], "_links": {"next": {"href": "x\\ud800"}}}'
    client, session, clock = make_client([make_response(200, body)])
    with pytest.raises(ThousandEyesAPIError, match="a lone UTF-16 surrogate in _links.next.href"):
        client.get(("tests",), entries="tests")


# ------------------------------------------------- connection failures read the same with urllib3 1.x and 2.x

class PoolError1x(HTTPError):
    """urllib3 1.24.3's PoolError (src/urllib3/exceptions.py): the pool object goes in front of the message."""

    def __init__(self, pool, message):
        self.pool = pool
        HTTPError.__init__(self, "%s: %s" % (pool, message))


class NewConnectionError1x(ConnectTimeoutError, PoolError1x):
    """urllib3 1.24.3's NewConnectionError: no __init__ of its own, PoolError's."""


class VerifiedHTTPSConnection(object):
    """Stands in for urllib3 1.24's connection object, whose repr is the default '<... object at 0x...>'."""


def raised(make_error, os_error, chain):
    """The error as urllib3's connection._new_conn raises it, inside `except OSError` (1.24) or with `from` (2.x)."""
    try:
        raise os_error
    except OSError as cause:
        try:
            if chain:
                raise make_error(cause) from cause
            raise make_error(cause)
        except Exception as error:  # pylint: disable=broad-except
            return error


def urllib3_1x(os_error):
    conn = VerifiedHTTPSConnection()
    return raised(lambda cause: NewConnectionError1x(conn, "Failed to establish a new connection: %s" % cause), os_error, chain=False)


def urllib3_2x(os_error):
    conn = HTTPSConnection("api.thousandeyes.com", 443)
    if isinstance(os_error, socket.gaierror):
        return raised(lambda cause: NameResolutionError("api.thousandeyes.com", conn, cause), os_error, chain=True)
    return raised(lambda cause: NewConnectionError(conn, "Failed to establish a new connection: %s" % cause), os_error, chain=True)


def wrapped(reason):
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/v7/tests", reason))


@pytest.mark.parametrize("shape", [urllib3_1x, urllib3_2x], ids=["urllib3 1.24", "urllib3 2.x"])
@pytest.mark.parametrize("os_error, words", [
    (socket.gaierror(-2, "Name or service not known"), "[Errno -2] Name or service not known"),
    (ConnectionRefusedError(111, "Connection refused"), "[Errno 111] Connection refused"),
], ids=["name not resolved", "refused"])
def test_a_failed_connection_reads_the_same_with_urllib3_1_and_2(shape, os_error, words):
    error = wrapped(shape(os_error))
    client, session, clock = make_client([error] * 3)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert error_info.value.message == "Could not connect to %s: %s." % (API_URL, words)


@pytest.mark.parametrize("conn", [VerifiedHTTPSConnection(), HTTPSConnection("api.thousandeyes.com", 443)], ids=["urllib3 1.24", "urllib3 2.x"])
def test_a_connect_timeout_reads_the_same_with_urllib3_1_and_2(conn):
    # Both raise ConnectTimeoutError(conn, message) inside `except socket.timeout`: two arguments, the object first.
    reason = raised(lambda cause: ConnectTimeoutError(conn, "Connection to api.thousandeyes.com timed out. (connect timeout=30)"),
                    socket.timeout("timed out"), chain=False)
    client, session, clock = make_client([requests.exceptions.ConnectTimeout(MaxRetryError(None, "/v7/tests", reason))] * 3)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert error_info.value.message == ("Could not connect to %s within timeout=30s: Connection to api.thousandeyes.com timed out. "
                                        "(connect timeout=30)." % API_URL)


def test_an_error_without_a_connection_object_keeps_its_words():
    client, session, clock = make_client([wrapped(NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused"))] * 3)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert error_info.value.message.endswith("Failed to establish a new connection: [Errno 111] Connection refused.")


# ------------------------------------------------------------------------------------------- bounded work (issue 23)
class EndlessBody(object):
    """A response body that never ends (raw for requests.Response): counts what the client read of it."""

    def __init__(self):
        self.read_bytes = 0
        self.closed = False

    def read(self, size=-1, **kwargs):
        size = 65536 if size is None or size < 0 else size
        self.read_bytes += size
        return b"[" * size

    def close(self):
        self.closed = True

    def release_conn(self):
        pass


def streamed_response(status, raw, headers=None):
    response = requests.Response()
    response.status_code = status
    response.headers = requests.structures.CaseInsensitiveDict(headers or {})
    response.raw = raw
    return response


def test_an_answer_larger_than_the_limit_is_refused_while_it_is_read_not_after(make_response):
    body = EndlessBody()
    client, session, clock = make_client([streamed_response(200, body)], max_body_bytes=1000000)
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    message = error_info.value.message
    assert "answered HTTP 200 with a body of more than the 1000000 bytes this collection reads from one answer" in message
    assert body.read_bytes <= 1000000 + 65536 and body.closed and len(session.calls) == 1


def test_an_announced_size_over_the_limit_is_refused_before_reading():
    body = EndlessBody()
    client, session, clock = make_client([streamed_response(200, body, {"Content-Length": "209715200"})])
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert "a body of 209715200 bytes (Content-Length), more than the 33554432 bytes (32 MiB)" in error_info.value.message
    assert body.read_bytes == 0


def test_a_streamed_answer_within_the_limit_is_read_in_full():
    import io
    client, session, clock = make_client([streamed_response(200, io.BytesIO(b'{"tests": []}'))])
    assert send(client, "GET").data == {"tests": []}


def test_the_run_bound_stops_a_rate_limit_wait_that_would_pass_it_naming_the_option(make_response):
    client, session, clock = make_client([make_response(429, headers={"Retry-After": "20"})] * 3)
    client.limit_run(30, "max_duration")
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    assert clock.sleeps == [20.0] and len(session.calls) == 2
    assert ("waiting 20s for the rate limit (HTTP 429, Retry-After) would pass max_duration=30s, the bound on the whole task"
            in error_info.value.message)


def test_the_run_bound_cuts_a_request_short_and_names_the_option():
    client, session, clock = make_client([requests.exceptions.ReadTimeout("slow")] * 5)
    client.limit_run(3, "max_duration")
    with pytest.raises(ThousandEyesAPIError) as error_info:
        send(client, "GET")
    # The first try gets what is left of the bound, not timeout=30; after the 1 s back-off, 2 s more would reach it.
    assert [call[3] for call in session.calls] == [3, 2] and clock.sleeps == [1]
    assert "another try after 2s would pass max_duration=3s, the bound on the whole task" in error_info.value.message
