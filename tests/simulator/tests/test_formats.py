# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the date-time formats (formats.py): v7 takes what RFC 3339 section 5.6 (OpenAPI's
# format: date-time) allows, v6 its own 'yyyy-MM-dd HH:mm:ss'.

import calendar
import fractions

import pytest

from ..formats import iso_to_v6, parse_v6_date, parse_v7_date, to_v6_value, utc_iso

MIDNIGHT = calendar.timegm((2026, 1, 1, 0, 0, 0))


@pytest.mark.parametrize("value, expected", [
    ("2026-01-01T00:00:00Z", MIDNIGHT),
    ("2026-01-01t00:00:00z", MIDNIGHT),
    ("2026-01-01T02:00:00+02:00", MIDNIGHT),
    ("2025-12-31T19:30:00-04:30", MIDNIGHT),
    ("2026-01-01T00:00:00-00:00", MIDNIGHT),
    ("2026-01-01T00:00:00.5Z", fractions.Fraction(2 * MIDNIGHT + 1, 2)),
    ("2026-01-01T00:00:00.1234567890Z", MIDNIGHT + fractions.Fraction(1234567890, 10 ** 10)),
    ("2024-02-29T12:00:00Z", calendar.timegm((2024, 2, 29, 12, 0, 0))),
])
def test_v7_accepts_rfc3339_date_times(value, expected):
    assert parse_v7_date(value) == expected


@pytest.mark.parametrize("value", [
    "2026-01-01T00:00:00",            # no zone
    "2026-01-01 00:00:00Z",           # space instead of T: RFC 3339 allows it only by agreement, format: date-time does not
    "2026-01-01T00:00:00.Z",          # empty fraction
    "2026-01-01T00:00:00+0200",       # offset without a colon
    "2026-01-01T00:00:00+24:00",      # offset hour out of range
    "2026-01-01T00:00:00+02:60",      # offset minute out of range
    "2026-01-01T24:00:00Z",
    "2025-02-29T00:00:00Z",
    "2016-12-31T23:59:60Z",           # a leap second: epoch seconds cannot hold it
    "0000-01-01T00:00:00Z",           # year 0: Python's calendar starts at year 1
    "2026-1-01T00:00:00Z",
    "\uff12\uff10\uff12\uff16-01-01T00:00:00Z",  # full-width digits are digits to Python's \d, not to RFC 3339
    "2026-01-01T00:00:00Z\n",
    "",
    20260101,
    None,
])
def test_v7_refuses_what_rfc3339_does_not_allow(value):
    assert parse_v7_date(value) is None


def test_v7_fractions_are_exact():
    # A one-hour window given with long fractions must measure exactly 3600 seconds.
    start = parse_v7_date("2026-01-01T00:00:00.1234567891Z")
    end = parse_v7_date("2026-01-01T03:00:00.1234567891+02:00")
    assert end - start == 3600
    assert utc_iso(start) == "2026-01-01T00:00:00Z"


@pytest.mark.parametrize("value", ["2026-01-01 00:00:00", "2026-01-01T00:00:00", "2026-01-01 00:00:00Z"])
def test_v6_dates(value):
    assert parse_v6_date(value) == MIDNIGHT


@pytest.mark.parametrize("value", ["2026-01-01T00:00:00+00:00", "2026-01-01 00:00", "2026-01-01 00:00:00\n", "2026-02-30 00:00:00", 5])
def test_v6_refuses_other_forms(value):
    assert parse_v6_date(value) is None


def test_v6_rendering():
    assert iso_to_v6("2026-01-01T02:00:00+02:00") == "2026-01-01 00:00:00"
    assert iso_to_v6("not a date") == "not a date"
    assert to_v6_value("test", {"testId": "281474976710706", "enabled": True, "createdDate": "2026-01-01T00:00:00Z", "tags": ["a"]}) == {
        "testId": 281474976710706, "enabled": 1, "createdDate": "2026-01-01 00:00:00", "tags": ["a"]}
