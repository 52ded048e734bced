# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Date-time formats of the two API versions: parsing what clients send and
# rendering what the simulator answers.

import datetime
import fractions
import math
import re
import time

# RFC 3339 section 5.6 date-time, which is what OpenAPI's `format: date-time` means: T and Z in either
# case, a fraction of any length, Z or a +hh:mm / -hh:mm offset. ASCII digits only, no trailing newline.
V7_DATE_PATTERN = re.compile(
    r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?([Zz]|[+-][0-9]{2}:[0-9]{2})\Z")
# v6: 'yyyy-MM-dd HH:mm:ss', or with a 'T', in UTC (an optional 'Z' says so).
V6_DATE_PATTERN = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})[ T]([0-9]{2}):([0-9]{2}):([0-9]{2})Z?\Z")

UNIX_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def utc_iso(epoch):
    """Format epoch seconds as the v7 ISO 8601 form, e.g. 2026-01-02T03:04:05Z."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(math.floor(epoch)))


def utc_v6(epoch):
    """Format epoch seconds as the v6 form, e.g. 2026-01-02 03:04:05."""
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(math.floor(epoch)))


def epoch_from_parts(parts, fraction=None, offset=None):
    """Exact epoch seconds (a Fraction) of date-time parts; raises ValueError for impossible dates.

    Exact, so that windows given with long fractions still measure whole hours.
    """
    moment = datetime.datetime(*[int(part) for part in parts], tzinfo=datetime.timezone.utc)
    delta = moment - UNIX_EPOCH
    seconds = fractions.Fraction(delta.days * 86400 + delta.seconds)
    if fraction:
        seconds += fractions.Fraction(int(fraction), 10 ** len(fraction))
    if offset and offset not in ("Z", "z"):
        hours, minutes = int(offset[1:3]), int(offset[4:6])
        if hours > 23 or minutes > 59:
            raise ValueError("offset out of range")
        sign = -1 if offset[0] == "-" else 1
        seconds -= sign * (hours * 3600 + minutes * 60)
    return seconds


def _parse_date(pattern, value):
    """Epoch seconds of a date-time the pattern matches: six date and time groups, then (v7) fraction and offset."""
    match = pattern.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    groups = match.groups()
    try:
        return epoch_from_parts(groups[:6], *groups[6:])
    except ValueError:
        return None


def parse_v7_date(value):
    """Exact epoch seconds of an RFC 3339 date-time, else None (leap seconds, :60, are refused)."""
    return _parse_date(V7_DATE_PATTERN, value)


def parse_v6_date(value):
    """Epoch seconds of a v6 'yyyy-MM-dd HH:mm:ss' (or 'T') UTC date-time, else None."""
    return _parse_date(V6_DATE_PATTERN, value)


def iso_to_v6(value):
    """Convert an ISO date of data.json to the v6 form, leaving other values alone."""
    epoch = parse_v7_date(value)
    return value if epoch is None else utc_v6(epoch)


def to_v6_value(key, value):
    """v6 renders booleans as 0/1 and IDs as integers."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dict):
        return dict((inner_key, to_v6_value(inner_key, inner)) for inner_key, inner in value.items())
    if isinstance(value, list):
        return [to_v6_value(key, item) for item in value]
    if key.endswith("Id") and isinstance(value, str) and value.isdigit():
        return int(value)
    return iso_to_v6(value)
