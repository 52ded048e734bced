# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the simulator's OpenAPI description (openapi.json, served at /_sim/openapi.json):
# it is served as it is kept, it names exactly the operations the simulator routes, and the
# rules the simulator and the description both state are the same rules.

import json
import os
import re
import time

import pytest

from ..faults import FAULT_KINDS
from ..formats import V6_DATE_PATTERN
from ..v6 import V6_WINDOW_HOURS
from ..v7 import V7_WINDOW_HOURS
from ..validation import NON_BLANK_PATTERN
from .support import ADMIN_TOKEN, HTTP_TEST_ID, SIMULATOR_DIR, reply_json

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture(scope="module")
def document():
    with open(os.path.join(SIMULATOR_DIR, "openapi.json"), encoding="utf-8") as handle:
        return json.load(handle)


def operations(document):
    return sorted((method.upper(), path) for path, item in document["paths"].items() for method in item if method in HTTP_METHODS)


def schema(document, name):
    return document["components"]["schemas"][name]


def test_served_at_a_stable_path(client, document):
    reply = client.request("GET", "/_sim/openapi.json")
    assert reply.status == 200
    assert reply.headers["Content-Type"] == "application/json"
    assert reply_json(reply) == document
    assert document["openapi"].startswith("3.")
    assert document["servers"] == [{"url": "/", "description": "The simulator that serves this document."}]


def test_describes_exactly_what_the_simulator_routes(client, simulator, document):
    described = operations(document)
    admin_routes = sorted(simulator.admin.routes)
    assert sorted(operation for operation in described if operation[1].startswith("/_sim/")) == admin_routes
    api = [operation for operation in described if not operation[1].startswith("/_sim/")]
    assert api == sorted([("GET", "/v7/tests"), ("POST", "/v7/tests/{testId}/snapshot"), ("GET", "/v7/account-groups"),
                          ("GET", "/v7/alerts"), ("GET", "/v7/alerts/{alertId}"), ("GET", "/v7/dashboards"),
                          ("GET", "/v7/dashboard-snapshots"), ("POST", "/v7/dashboard-snapshots"), ("GET", "/v7/dashboard-snapshots/{snapshotId}"),
                          ("PATCH", "/v7/dashboard-snapshots/{snapshotId}"), ("DELETE", "/v7/dashboard-snapshots/{snapshotId}"),
                          ("GET", "/v6/tests"), ("GET", "/v6/tests.json"), ("POST", "/v6/snapshot"), ("POST", "/v6/snapshot.json")])
    for method, path in api:
        concrete = path.replace("{testId}", HTTP_TEST_ID).replace("{alertId}", "no-such-alert").replace("{snapshotId}", "no-such-snapshot")
        # Routed: the declared method reaches a handler (neither 404 nor 405); every other method gets 405.
        status = client.request(method, concrete, {} if method in ("POST", "PATCH") else None, ADMIN_TOKEN).status
        # An unknown alert or dashboard snapshot is a 404 of the handler (a problem body), not of the router.
        assert status not in ((405,) if "{alertId}" in path or "{snapshotId}" in path else (404, 405)), (method, path)
        for other in ("GET", "POST", "PUT", "PATCH", "DELETE"):
            if (other, path) not in described:
                assert client.request(other, concrete, token=ADMIN_TOKEN).status == 405, (other, path)


def test_every_operation_lists_its_security(document):
    for method, path in operations(document):
        security = document["paths"][path][method.lower()]["security"]
        if path.startswith("/_sim/"):
            assert security == []
        elif path.startswith("/v7/"):
            assert security == [{"bearerAuth": []}]
        else:
            assert security == [{"bearerAuth": []}, {"basicAuth": []}]


def test_v7_errors_are_problem_json_and_v6_errors_json(document):
    responses = document["components"]["responses"]
    for name, response in responses.items():
        media = list(response["content"])
        if name.startswith("V7"):
            assert media == ["application/problem+json"], name
        else:
            assert media == ["application/json"], name
    assert responses["V7Unauthorized"]["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/UnauthorizedError"}


def test_shared_rules_read_the_same(document):
    display_name = schema(document, "SnapshotRequest")["properties"]["displayName"]
    assert display_name["pattern"] == NON_BLANK_PATTERN and display_name["minLength"] == 1
    assert schema(document, "V6SnapshotRequest")["properties"]["displayName"] == display_name
    assert schema(document, "SnapshotRequest")["properties"]["isPublic"]["type"] == "boolean"
    for field in ("startDate", "endDate"):
        assert schema(document, "SnapshotRequest")["properties"][field]["format"] == "date-time"
    # The v6 date pattern: the simulator's expression only adds groups, and \Z where Python's $ would let a newline through.
    v6_from = re.compile(schema(document, "V6SnapshotRequest")["properties"]["from"]["pattern"].replace("$", r"\Z"))
    for sample in ("2026-01-01 00:00:00", "2026-01-01T00:00:00Z", "2026-01-01 00:00", "2026-01-01T00:00:00+00:00", "2026-01-01 00:00:00\n"):
        assert bool(v6_from.match(sample)) == bool(V6_DATE_PATTERN.match(sample)), sample
    assert schema(document, "Fault")["properties"]["kind"]["enum"] == list(FAULT_KINDS)
    post = document["paths"]["/v7/tests/{testId}/snapshot"]["post"]
    hours = ", ".join(str(hour) for hour in V7_WINDOW_HOURS[:-1]) + " or " + str(V7_WINDOW_HOURS[-1])
    assert hours in schema(document, "SnapshotRequest")["properties"]["startDate"]["description"]
    assert "30 days" in post["description"] and "never expire" in post["description"]
    v6_hours = ", ".join(str(hour) for hour in V6_WINDOW_HOURS[:-1]) + " or " + str(V6_WINDOW_HOURS[-1])
    assert v6_hours in schema(document, "V6SnapshotRequest")["properties"]["to"]["description"]


def test_examples_are_accepted_by_the_simulator(client, document):
    snapshot = document["paths"]["/v7/tests/{testId}/snapshot"]["post"]
    for name, example in snapshot["requestBody"]["content"]["application/json"]["examples"].items():
        reply = client.request("POST", "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), example["value"], ADMIN_TOKEN)
        assert reply.status == 201, (name, reply.body)
    v6_example = document["paths"]["/v6/snapshot.json"]["post"]["requestBody"]["content"]["application/json"]["example"]
    assert client.request("POST", "/v6/snapshot.json", v6_example, ADMIN_TOKEN).status == 201
    assert re.match(r"^[a-z]+$", client.admin("GET", "/_sim/snapshots")["snapshots"][0]["id"])


def test_answers_with_content_match_the_description(simulator, client):
    # The conformance run resets the simulator after every call, so the admin lists it sees are empty: fill them here
    # (snapshots of both versions, saved events, a 401, a dropped connection, a pending fault with every field) and
    # validate the answers with schemathesis' own response validation.
    try:
        import requests  # pylint: disable=import-outside-toplevel
        import schemathesis  # pylint: disable=import-outside-toplevel
    except ImportError:
        pytest.fail("schemathesis is not installed: pip install -r tests/requirements-dev.txt")
    description = schemathesis.openapi.from_path(os.path.join(SIMULATOR_DIR, "openapi.json"))
    session = requests.Session()
    bearer = {"Authorization": "Bearer " + ADMIN_TOKEN}
    plain_text = {"Content-Type": "text/plain"}

    def answer(method, path, expected_status, **kwargs):
        response = session.request(method, simulator.url + path, timeout=10, **kwargs)
        assert response.status_code == expected_status, (method, path, response.text)
        return response

    def check(template, method, response):
        description[template][method].validate_response(response)

    example = document_example()
    check("/v7/tests/{testId}/snapshot", "POST", answer("POST", "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), 201, json=example, headers=bearer))
    check("/v7/tests/{testId}/snapshot", "POST", answer("POST", "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), 201,
                                                        json=dict(example, isPublic=True), headers=bearer))
    v6_body = {"testId": int(HTTP_TEST_ID), "displayName": "v6", "from": "2026-01-01 00:00:00", "to": "2026-01-01 01:00:00", "isPublic": 0}
    check("/v6/snapshot.json", "POST", answer("POST", "/v6/snapshot.json", 201, json=v6_body, auth=("admin@example.com", "simulator-basic-token")))
    check("/v7/tests", "GET", answer("GET", "/v7/tests?aid=1234", 200, headers=bearer))
    check("/v6/tests", "GET", answer("GET", "/v6/tests", 200, headers=bearer))
    check("/v7/account-groups", "GET", answer("GET", "/v7/account-groups", 200, headers=bearer))
    for status, path, kwargs in ((400, "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), {"json": {}}),
                                 (401, "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), {"json": example, "headers": {}}),
                                 (403, "/v7/tests/{0}/snapshot?aid=9999".format(HTTP_TEST_ID), {"json": example}),
                                 (404, "/v7/tests/1/snapshot", {"json": example}),
                                 (415, "/v7/tests/{0}/snapshot".format(HTTP_TEST_ID), {"data": "x", "headers": dict(bearer, **plain_text)})):
        kwargs.setdefault("headers", bearer)
        check("/v7/tests/{testId}/snapshot", "POST", answer("POST", path, status, **kwargs))
    for status, query, body in ((400, "", {}), (404, "", dict(v6_body, testId=1)), (406, "?format=xml", v6_body)):
        check("/v6/snapshot", "POST", answer("POST", "/v6/snapshot" + query, status, json=body, headers=bearer))
    check("/_sim/alerts", "POST", answer("POST", "/_sim/alerts", 201, json=ALERT_ON_TEST))
    check("/_sim/alerts", "POST", answer("POST", "/_sim/alerts", 201, json={"alertType": "agent", "startDate": "2026-01-01T00:00:00Z"}))
    check("/_sim/alerts", "POST", answer("POST", "/_sim/alerts", 400, json={"alertType": "http-server", "startDate": "yesterday"}))
    listed = answer("GET", "/v7/alerts?max=1", 200, headers=bearer)
    check("/v7/alerts", "GET", listed)
    assert "next" in listed.json()["_links"]
    alert_id = listed.json()["alerts"][0]["id"]
    check("/v7/alerts/{alertId}", "GET", answer("GET", "/v7/alerts/" + alert_id, 200, headers=bearer))
    check("/v7/alerts/{alertId}", "GET", answer("GET", "/v7/alerts/no-such-alert", 404, headers=bearer))
    check("/v7/alerts", "GET", answer("GET", "/v7/alerts?window=12h&startDate=2026-01-01T00:00:00Z", 400, headers=bearer))
    check("/_sim/alerts", "DELETE", answer("DELETE", "/_sim/alerts", 200))
    check("/v7/alerts", "GET", answer("GET", "/v7/alerts?state=clear&window=1d", 200, headers=bearer))
    client.admin("POST", "/_sim/faults", {"faults": [{"kind": "close", "match": {"path_regex": "^/v7/account-groups$"}}]})
    with pytest.raises(requests.ConnectionError):
        session.get(simulator.url + "/v7/account-groups", headers=bearer, timeout=10)
    client.admin("POST", "/_sim/faults", {"faults": [{
        "kind": "rate_limit", "match": {"method": "POST", "path_regex": None}, "times": 2, "process": False, "headers": {"X-Test": "1"},
        "status": 429, "json": None, "body": "", "content_type": "application/json", "seconds": 0, "reset_in": None,
        "retry_after": "Wed, 21 Oct 2026 07:28:00 GMT", "limit": 5}]})
    for path in ("/_sim/snapshots", "/_sim/requests", "/_sim/faults", "/_sim/config", "/_sim/health", "/_sim/alerts"):
        response = answer("GET", path, 200)
        assert response.json() != {path.rsplit("/", 1)[1]: []}, path
        check(path, "GET", response)
    recorded = session.get(simulator.url + "/_sim/requests", timeout=10).json()["requests"]
    assert [entry["status"] for entry in recorded][-1] is None
    check("/_sim/reset", "POST", answer("POST", "/_sim/reset", 200, json={"snapshot_quota": None}))


def test_dashboard_answers_match_the_description(simulator, client, document):
    try:
        import requests  # pylint: disable=import-outside-toplevel
        import schemathesis  # pylint: disable=import-outside-toplevel
    except ImportError:
        pytest.fail("schemathesis is not installed: pip install -r tests/requirements-dev.txt")
    description = schemathesis.openapi.from_path(os.path.join(SIMULATOR_DIR, "openapi.json"))
    session = requests.Session()
    bearer = {"Authorization": "Bearer " + ADMIN_TOKEN}
    post = document["paths"]["/v7/dashboard-snapshots"]["post"]
    client.admin("POST", "/_sim/reset", {"dashboard_snapshot_quota": {"limit": 7, "period": 60}})

    def check(template, method, path, status, **kwargs):
        kwargs.setdefault("headers", bearer)
        response = session.request(method, simulator.url + path, timeout=10, **kwargs)
        assert response.status_code == status, (method, path, response.text)
        description[template][method].validate_response(response)
        return response

    check("/v7/dashboards", "GET", "/v7/dashboards", 200)
    ids = []
    for example in post["requestBody"]["content"]["application/json"]["examples"].values():
        ids.append(check("/v7/dashboard-snapshots", "POST", "/v7/dashboard-snapshots", 201, json=example["value"]).json()["snapshotId"])
    for _index in range(5):
        check("/v7/dashboard-snapshots", "POST", "/v7/dashboard-snapshots", 201, json={"dashboardId": "646f4d2ce3c99b0536c3821e"})
    check("/v7/dashboard-snapshots", "POST", "/v7/dashboard-snapshots", 429, json={"dashboardId": "646f4d2ce3c99b0536c3821e"})
    check("/v7/dashboard-snapshots", "POST", "/v7/dashboard-snapshots", 400, json={})
    check("/v7/dashboard-snapshots", "POST", "/v7/dashboard-snapshots", 404, json={"dashboardId": "nope"})
    check("/v7/dashboard-snapshots", "POST", "/v7/dashboard-snapshots", 415, data="x", headers=dict(bearer, **{"Content-Type": "text/plain"}))
    listed = check("/v7/dashboard-snapshots", "GET", "/v7/dashboard-snapshots", 200)
    assert "next" in listed.json()["_links"]
    check("/v7/dashboard-snapshots", "GET", "/v7/dashboard-snapshots?cursor=x", 400)
    template = "/v7/dashboard-snapshots/{snapshotId}"
    check(template, "GET", "/v7/dashboard-snapshots/" + ids[0], 200)
    tomorrow = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 86400))
    check(template, "PATCH", "/v7/dashboard-snapshots/" + ids[0], 204, json={"snapshotExpirationDate": tomorrow})
    check(template, "PATCH", "/v7/dashboard-snapshots/" + ids[0], 400, json={"snapshotExpirationDate": "soon"})
    check(template, "DELETE", "/v7/dashboard-snapshots/" + ids[0], 204)
    check(template, "GET", "/v7/dashboard-snapshots/" + ids[0], 404)
    recorded = check("/_sim/dashboard-snapshots", "GET", "/_sim/dashboard-snapshots", 200, headers={})
    assert len(recorded.json()["dashboard_snapshots"]) == 7
    check("/_sim/config", "GET", "/_sim/config", 200, headers={})


# An alert on the Payments API HTTP test, as GET /v7/alerts lists one (openapi.json's Alert, from thousandeyes-sdk-alerts).
ALERT_ON_TEST = {"alertType": "http-server", "startDate": "2026-01-01T00:00:00Z", "alertSeverity": "major", "alertRuleId": "344753",
                 "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/" + HTTP_TEST_ID}}}


def document_example():
    with open(os.path.join(SIMULATOR_DIR, "openapi.json"), encoding="utf-8") as handle:
        post = json.load(handle)["paths"]["/v7/tests/{testId}/snapshot"]["post"]
    return post["requestBody"]["content"]["application/json"]["examples"]["rfc3339"]["value"]
