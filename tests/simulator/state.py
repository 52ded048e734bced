# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Everything that changes while the simulator runs: snapshots and the saved
# events they add, recorded requests, pending faults and the limit counters.

import collections
import copy
import random
import string
import threading
import uuid

from .alerts import AlertBook, aid_of, test_id_of
from .formats import utc_iso
from .limits import (REQUEST_LIMIT_PERIOD, UNAUTHORIZED_PERIOD, FixedWindowLimiter, SlidingWindowLimiter, UnauthorizedTracker,
                     dashboard_snapshot_headers, limit_headers)
from .responses import NOT_FOUND_TITLE, RATE_LIMIT_TITLE, ApiError, validation_failure, validation_item

FIRST_SNAPSHOT_TEST_ID = 281474976720001


class SimulatorState:
    """Everything that changes while the simulator runs, behind one lock."""

    def __init__(self, directory, limits, seed=None):
        self.lock = threading.RLock()
        self.directory = directory
        self.startup_limits = dict(limits)
        self.random = random.Random(seed)
        self.reset(None)

    def reset(self, limits):
        """Forget snapshots, requests, faults and counters; apply `limits` over the startup ones."""
        with self.lock:
            self.limits = dict(self.startup_limits)
            self.limits.update(limits or {})
            self.snapshot_quota = SlidingWindowLimiter(self.limits["snapshot_quota"], self.limits["snapshot_quota_period"])
            self.request_quota = FixedWindowLimiter(self.limits["request_limit"], REQUEST_LIMIT_PERIOD)
            self.unauthorized = UnauthorizedTracker(self.limits["unauthorized_threshold"], UNAUTHORIZED_PERIOD)
            self.dashboard_snapshot_quota = SlidingWindowLimiter(self.limits["dashboard_snapshot_quota"],
                                                                 self.limits["dashboard_snapshot_quota_period"])
            self.dashboard_snapshots = []
            self.snapshots = []
            self.snapshot_tests = []
            self.requests = []
            self.faults = collections.deque()
            self.alerts = AlertBook(self.random)
            self.next_test_id = max(FIRST_SNAPSHOT_TEST_ID, self.directory.max_test_id() + 1)

    def describe_limits(self):
        with self.lock:
            return {
                "snapshot_quota": {"limit": self.limits["snapshot_quota"], "period": self.limits["snapshot_quota_period"]},
                "dashboard_snapshot_quota": {"limit": self.limits["dashboard_snapshot_quota"],
                                             "period": self.limits["dashboard_snapshot_quota_period"]},
                "request_limit": self.limits["request_limit"],
                "unauthorized_threshold": self.limits["unauthorized_threshold"],
            }

    # -- requests and faults -------------------------------------------------

    def record_request(self, entry):
        with self.lock:
            self.requests.append(entry)

    def recorded_requests(self):
        with self.lock:
            return copy.deepcopy(self.requests)

    def add_faults(self, faults):
        with self.lock:
            self.faults.extend(faults)
            return len(self.faults)

    def clear_faults(self):
        with self.lock:
            self.faults.clear()

    def pending_faults(self):
        with self.lock:
            return [fault.describe() for fault in self.faults]

    def take_fault(self, method, path):
        """Consume one use of the first pending fault if this request matches it."""
        with self.lock:
            if not self.faults or not self.faults[0].matches(method, path):
                return None
            fault = self.faults[0]
            fault.times -= 1
            if fault.times <= 0:
                self.faults.popleft()
            return fault

    # -- alerts ----------------------------------------------------------------

    def add_alert(self, alert, now):
        """Store an active alert in the account group of its test; an alert without a known test (agent, device)
        goes to the organisation's first account group."""
        with self.lock:
            test_id = test_id_of(alert)
            tests = [test for test in self.directory.tests + self.snapshot_tests if test_id is not None and test["testId"] == test_id]
            # A link that names its account group (?aid=5678) files the alert there.
            named = aid_of(alert)
            aid = named if named in self.directory.account_groups else (tests[0]["aid"] if tests else list(self.directory.account_groups)[0])
            return copy.deepcopy(self.alerts.add(alert, aid, now))

    def clear_alerts(self, now):
        with self.lock:
            return self.alerts.clear_active(now)

    def described_alerts(self):
        with self.lock:
            return self.alerts.describe()

    def select_alerts(self, aid, state, since, until):
        with self.lock:
            return copy.deepcopy(self.alerts.select(aid, state, since, until))

    def find_alert(self, aid, alert_id):
        with self.lock:
            return copy.deepcopy(self.alerts.find(aid, alert_id))

    # -- limits ----------------------------------------------------------------

    def is_ip_blocked(self, client_ip, now):
        with self.lock:
            return self.unauthorized.is_blocked(client_ip, now)

    def record_unauthorized(self, client_ip, now):
        with self.lock:
            self.unauthorized.record(client_ip, now)

    def acquire_request_slot(self, now):
        with self.lock:
            return self.request_quota.acquire(now)

    # -- snapshots and tests ---------------------------------------------------

    def tests_in(self, aid):
        """Configured tests of an account group plus private snapshots created here (Endpoint tests are not listed)."""
        with self.lock:
            created = [test for test in self.snapshot_tests if test["aid"] == aid]
        return [test for test in self.directory.tests if test["aid"] == aid and not test.get("endpointTest")] + created

    def find_test(self, aid, test_id):
        """A test of the account group by ID, Endpoint Agent tests included, else None."""
        with self.lock:
            candidates = self.directory.tests + self.snapshot_tests
        for test in candidates:
            if test["aid"] == aid and test["testId"] == str(test_id):
                return test
        return None

    def snapshot_source(self, aid, test_id):
        """The test a snapshot is asked of: 404 when unknown here, 400 for an Endpoint Agent test."""
        test = self.find_test(aid, test_id)
        if test is None:
            raise ApiError(404, NOT_FOUND_TITLE, "Test {0} was not found in account group {1}.".format(test_id, aid))
        if test.get("endpointTest"):
            raise validation_failure([validation_item(
                "UNSUPPORTED_TEST_TYPE", "testId", "Snapshots of Endpoint Agent tests are not supported.")])
        return test

    def new_snapshot_id(self):
        """Random lowercase letters, 5-8 long, unique among the snapshots so far."""
        known = set(snapshot["id"] for snapshot in self.snapshots)
        while True:
            candidate = "".join(self.random.choice(string.ascii_lowercase) for index in range(self.random.randint(5, 8)))
            if candidate not in known:
                return candidate

    def create_snapshot(self, request_data, now):
        """Take a quota slot and store the snapshot; raises ApiError 429 when the quota is used up."""
        with self.lock:
            allowed, status = self.snapshot_quota.acquire(now)
            if not allowed:
                raise ApiError(429, RATE_LIMIT_TITLE, "Snapshot creation limit reached: {0} snapshots per organization every {1} seconds.".format(
                    status.limit, self.snapshot_quota.period), headers=limit_headers(status))
            snapshot = self.snapshot_record(request_data, now)
            self.snapshots.append(snapshot)
            if not snapshot["public"]:
                self.snapshot_tests.append(snapshot_test(request_data["test"], snapshot))
            return snapshot

    def snapshot_record(self, request_data, now):
        """The stored description of a new snapshot (also what /_sim/snapshots lists)."""
        test_id = str(self.next_test_id)
        self.next_test_id += 1
        source = request_data["test"]
        user = request_data["user"]
        return collections.OrderedDict([
            ("id", self.new_snapshot_id()),
            ("api_version", request_data["api_version"]),
            ("aid", source["aid"]),
            ("source_test_id", source["testId"]),
            ("source_test_name", source["testName"]),
            ("source_test_type", source["type"]),
            ("test_id", test_id),
            ("display_name", request_data["display_name"]),
            ("public", request_data["is_public"]),
            ("start_date", utc_iso(request_data["start"])),
            ("end_date", utc_iso(request_data["end"])),
            ("start_round_id", int(request_data["start"])),
            ("end_round_id", int(request_data["end"])),
            ("window_hours", int(round((request_data["end"] - request_data["start"]) / 3600))),
            ("share_date", utc_iso(now)),
            ("share_epoch", int(now)),
            ("uid", user["uid"]),
            ("created_by", user["email"]),
        ])

    # -- dashboard snapshots ---------------------------------------------------

    def create_dashboard_snapshot(self, record, now):
        """Take a dashboard snapshot quota slot and store the snapshot; returns (stored copy, quota headers).
        Raises ApiError 429 with the X-Dashboard-Snapshot-Rate-Limit-* headers when the quota is used up."""
        with self.lock:
            allowed, status = self.dashboard_snapshot_quota.acquire(now)
            headers = dashboard_snapshot_headers(status, self.dashboard_snapshot_quota.seconds_left(now))
            if not allowed:
                raise ApiError(429, RATE_LIMIT_TITLE, "Dashboard snapshot creation limit reached: {0} dashboard snapshots per {1} seconds.".format(
                    status.limit, self.dashboard_snapshot_quota.period), headers=headers)
            record = copy.deepcopy(record)
            record["snapshot_id"] = str(uuid.UUID(int=self.random.getrandbits(128), version=4))
            self.dashboard_snapshots.append(record)
            return copy.deepcopy(record), headers

    def dashboard_snapshots_in(self, aid, dashboard_id=None):
        with self.lock:
            return [copy.deepcopy(record) for record in self.live_dashboard_snapshots(aid)
                    if dashboard_id is None or record["dashboard_id"] == dashboard_id]

    def live_dashboard_snapshots(self, aid):
        """The account group's dashboard snapshots the API still serves (deleted ones stay in the admin record)."""
        return [record for record in self.dashboard_snapshots if record["aid"] == aid and record["deleted"] is None]

    def find_dashboard_snapshot(self, aid, snapshot_id):
        with self.lock:
            for record in self.live_dashboard_snapshots(aid):
                if record["snapshot_id"] == snapshot_id:
                    return copy.deepcopy(record)
        return None

    def set_dashboard_snapshot_expiry(self, aid, snapshot_id, expires):
        with self.lock:
            for record in self.live_dashboard_snapshots(aid):
                if record["snapshot_id"] == snapshot_id:
                    record["expiration_date"] = expires
                    record["patches"] += 1
                    return True
        return False

    def delete_dashboard_snapshot(self, aid, snapshot_id, now):
        with self.lock:
            for record in self.live_dashboard_snapshots(aid):
                if record["snapshot_id"] == snapshot_id:
                    record["deleted"] = utc_iso(now)
                    return True
        return False

    def described_dashboard_snapshots(self):
        with self.lock:
            return copy.deepcopy(self.dashboard_snapshots)

    def created_snapshots(self):
        with self.lock:
            return copy.deepcopy(self.snapshots)


def snapshot_test(source, snapshot):
    """The saved-event test a private snapshot adds to the account group."""
    test = copy.deepcopy(source)
    test.update({
        "testId": snapshot["test_id"],
        "testName": snapshot["display_name"],
        "enabled": False,
        "alertsEnabled": False,
        "savedEvent": not snapshot["public"],
        "liveShare": False,
        "createdBy": snapshot["created_by"],
        "createdDate": snapshot["share_date"],
        "modifiedBy": snapshot["created_by"],
        "modifiedDate": snapshot["share_date"],
    })
    return test
