# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The documented limits: the organisation request limit, the snapshot quota
# and the source-IP block after repeated 401s.

import collections
import math

DEFAULT_SNAPSHOT_QUOTA = 5
DEFAULT_SNAPSHOT_QUOTA_PERIOD = 300
# Dashboard snapshots have their own quota: 100 per hour (official v7 spec, thousandeyes-cli api/thousandeyes.yaml,
# components/headers Dashboards_API_DashboardSnapshotRateLimit).
DEFAULT_DASHBOARD_SNAPSHOT_QUOTA = 100
DEFAULT_DASHBOARD_SNAPSHOT_QUOTA_PERIOD = 3600
DEFAULT_REQUEST_LIMIT = 240
REQUEST_LIMIT_PERIOD = 60
DEFAULT_UNAUTHORIZED_THRESHOLD = 120
UNAUTHORIZED_PERIOD = 3600

RATE_LIMIT_HEADERS = ("X-Organization-Rate-Limit-Limit", "X-Organization-Rate-Limit-Remaining", "X-Organization-Rate-Limit-Reset")

DASHBOARD_SNAPSHOT_HEADERS = ("X-Dashboard-Snapshot-Rate-Limit-Limit", "X-Dashboard-Snapshot-Rate-Limit-Remaining",
                              "X-Dashboard-Snapshot-Rate-Limit-Reset")

LimitStatus = collections.namedtuple("LimitStatus", "limit remaining reset")


def limit_headers(status):
    """The X-Organization-Rate-Limit-* headers; Reset is an epoch in seconds."""
    return collections.OrderedDict(zip(RATE_LIMIT_HEADERS, (str(status.limit), str(max(status.remaining, 0)), str(status.reset))))


def dashboard_snapshot_headers(status, seconds_left):
    """The X-Dashboard-Snapshot-Rate-Limit-* headers. Unlike the organisation headers, Reset is the seconds left until
    a slot frees up, 0 while the quota allows a snapshot (the spec's Dashboards_API_DashboardSnapshotRateLimitReset)."""
    remaining = max(status.remaining, 0)
    reset = 0 if remaining > 0 else max(int(math.ceil(seconds_left)), 1)
    return collections.OrderedDict(zip(DASHBOARD_SNAPSHOT_HEADERS, (str(status.limit), str(remaining), str(reset))))


class FixedWindowLimiter:
    """The documented organisation limit: a window opens with the first request and lasts `period` seconds."""

    def __init__(self, limit, period):
        self.limit = limit
        self.period = period
        self.window_start = None
        self.count = 0

    def acquire(self, now):
        """Count one event; returns (allowed, LimitStatus)."""
        if self.window_start is None or now >= self.window_start + self.period:
            self.window_start = now
            self.count = 0
        reset = int(math.ceil(self.window_start + self.period))
        if self.count >= self.limit:
            return False, LimitStatus(self.limit, 0, reset)
        self.count += 1
        return True, LimitStatus(self.limit, self.limit - self.count, reset)


class SlidingWindowLimiter:
    """At most `limit` events in any `period` seconds; Reset says when the oldest slot frees up."""

    def __init__(self, limit, period):
        self.limit = limit
        self.period = period
        self.events = collections.deque()

    def prune(self, now):
        while self.events and self.events[0] + self.period <= now:
            self.events.popleft()

    def seconds_left(self, now):
        """Seconds until the oldest slot frees up (0 with no event in the window)."""
        self.prune(now)
        return self.events[0] + self.period - now if self.events else 0

    def acquire(self, now):
        """Count one event if a slot is free; returns (allowed, LimitStatus)."""
        self.prune(now)
        allowed = len(self.events) < self.limit
        if allowed:
            self.events.append(now)
        reset = int(math.ceil(self.events[0] + self.period)) if self.events else int(math.ceil(now + self.period))
        return allowed, LimitStatus(self.limit, self.limit - len(self.events), reset)


class UnauthorizedTracker:
    """Counts 401 answers per client IP; at `threshold` within `period` the IP is blocked (429)."""

    def __init__(self, threshold, period):
        self.threshold = threshold
        self.period = period
        self.events = {}

    def recent(self, client_ip, now):
        events = self.events.setdefault(client_ip, collections.deque())
        while events and events[0] + self.period <= now:
            events.popleft()
        return events

    def record(self, client_ip, now):
        self.recent(client_ip, now).append(now)

    def is_blocked(self, client_ip, now):
        return len(self.recent(client_ip, now)) >= self.threshold
