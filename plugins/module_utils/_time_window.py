# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The snapshot time window: parsing what users type, choosing the two ends, and checking them
# against what each API version allows, before any request is sent.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
from datetime import datetime, timedelta

try:
    from datetime import timezone
    UTC = timezone.utc
except ImportError:  # pragma: no cover - Python 2 has no timezone; modules require Python 3.8
    UTC = None

# v7: SnapshotRequest description; v6: the seed document (POST /v6/snapshot).
ALLOWED_HOURS = {
    "v7": (1, 2, 4, 6, 12, 24, 48),
    "v6": (1, 2, 4, 6, 12, 24, 48, 96),
}

V6_FORMAT = "%Y-%m-%d %H:%M:%S"
V7_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

_SPACE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$")
_ISO_FORMAT = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[Tt ](?P<time>\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)"
    r"(?P<zone>[Zz]|[+-]\d{2}:?\d{2})?$"
)
_EPOCH = re.compile(r"^\d{9,11}(\.\d+)?$")

# The earliest time a window may start or end. ThousandEyes numbers its measurement rounds in epoch seconds (v7
# SnapshotResponse startRoundId/endRoundId, v6 roundId: integers counted from 1970-01-01 00:00:00 UTC), so no data can
# exist before the Unix epoch. The API keeps test data about 90 days, but that retention is not a published constant
# (it depends on the account), so windows older than that are left for the API to refuse.
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC) if UTC is not None else None
EARLIEST_REASON = "ThousandEyes numbers its data by rounds counted in seconds from the Unix epoch, so no data exists before it"

ACCEPTED_FORMATS = "'yyyy-MM-dd HH:mm:ss' (UTC), ISO 8601 such as '2026-11-26T08:00:00Z' or with a UTC offset, epoch seconds, or 'now'"


class WindowError(ValueError):
    """An invalid window, with the option it concerns."""

    def __init__(self, option, message):
        super(WindowError, self).__init__(message)
        self.option = option


def utc_now():
    return datetime.now(UTC)


def current_minute(now):
    """'now' means the current minute, rounded down, so a clock a little ahead of the API's cannot put the end in the future."""
    return now.replace(second=0, microsecond=0)


def format_v7(moment):
    return moment.astimezone(UTC).strftime(V7_FORMAT)


def format_v6(moment):
    return moment.astimezone(UTC).strftime(V6_FORMAT)


def format_human(moment):
    moment = moment.astimezone(UTC)
    # %Y is not zero-padded by every C library (glibc writes year 1 as '1').
    return "%04d-%s" % (moment.year, moment.strftime("%m-%d %H:%M:%S UTC"))


def _parse_offset(zone):
    if zone in (None, ""):
        return UTC
    if zone in ("Z", "z"):
        return UTC
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError("offset out of range")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_time(option, value, now):
    """Turn one user-supplied time into an aware UTC datetime, or raise WindowError naming the option."""
    if value is None:
        return None
    text = str(value).strip()
    outside = False
    if text.lower() == "now":
        return current_minute(now)
    try:
        if _EPOCH.match(text):
            return datetime.fromtimestamp(float(text), UTC)
        if _SPACE_FORMAT.match(text):
            pattern = V6_FORMAT if text.count(":") == 2 else "%Y-%m-%d %H:%M"
            return datetime.strptime(text, pattern).replace(tzinfo=UTC)
        match = _ISO_FORMAT.match(text)
        if match:
            clock = match.group("time")
            pattern = "%Y-%m-%dT%H:%M"
            if clock.count(":") == 2:
                pattern += ":%S"
                if "." in clock:
                    pattern += ".%f"
            naive = datetime.strptime("%sT%s" % (match.group("date"), clock), pattern)
            zone = _parse_offset(match.group("zone"))
            if naive.year in (1, 9999) and zone is not UTC:
                # Shifting year 1 or 9999 by its offset can overflow a datetime; the range check would refuse it anyway.
                outside = True
            else:
                return naive.replace(tzinfo=zone).astimezone(UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise WindowError(option, "Option %s: '%s' is not a valid time (%s). Accepted: %s." % (option, text, exc, ACCEPTED_FORMATS))
    if outside:
        raise WindowError(option, "Option %s: '%s' is outside the range of times the API accepts: %s." % (option, text, accepted_range(now)))
    hint = " It looks like epoch milliseconds: divide by 1000." if re.match(r"^\d{12,14}$", text) else ""
    raise WindowError(option, "Option %s: '%s' is not a time this module understands.%s Accepted: %s." % (option, text, hint, ACCEPTED_FORMATS))


def accepted_range(now):
    return "from %s to now (%s)" % (format_human(EARLIEST), format_human(now))


def _check_range(option, moment, now):
    """A time the window arithmetic can work with: not before EARLIEST, and (for start) not after now.

    Checked before any arithmetic, so year 1 or 9999 with hours fails here, naming the option, instead of
    overflowing a datetime. A future end is left to _check_window, which suggests the nearest window.
    """
    if moment is None:
        return
    if moment < EARLIEST:
        raise WindowError(option, "Option %s: %s is before %s: %s. Accepted range: %s."
                          % (option, format_human(moment), format_human(EARLIEST), EARLIEST_REASON, accepted_range(now)))
    if option == "start" and moment > now:
        raise WindowError(option, "Option start: %s is in the future; the API accepts only past data. Accepted range: %s."
                          % (format_human(moment), accepted_range(now)))


def _allowed_text(api_version):
    hours = ALLOWED_HOURS[api_version]
    return "%s or %d hours" % (", ".join(str(h) for h in hours[:-1]), hours[-1])


def nearest_allowed_hours(api_version, seconds):
    """The allowed length closest to the requested one; ties go to the longer window so nothing asked for is cut off."""
    allowed = ALLOWED_HOURS[api_version]
    return min(allowed, key=lambda hours: (abs(hours * 3600 - seconds), -hours))


def _format_window(start, end):
    return "from %s to %s" % (format_human(start), format_human(end))


def _nearest(api_version, seconds, end_at, now):
    """'Nearest allowed window: ...' for a wanted length ending at end_at (never past the current minute)."""
    hours = nearest_allowed_hours(api_version, max(seconds, 0))
    end_at = min(end_at, current_minute(now))
    return "Nearest allowed window: %s (hours=%d)." % (_format_window(end_at - timedelta(hours=hours), end_at), hours)


def resolve_window(api_version, start=None, end=None, hours=None, now=None):
    """Choose the window from any two of start, end and hours (hours alone ends now) and check it.

    Returns (start, end) as aware UTC datetimes. Raises WindowError naming the option, the allowed
    values and the nearest allowed window.
    """
    now = now or utc_now()
    start_at = parse_time("start", start, now)
    end_at = parse_time("end", end, now)
    _check_range("start", start_at, now)
    _check_range("end", end_at, now)
    allowed_text = _allowed_text(api_version)

    if hours is not None and hours not in ALLOWED_HOURS[api_version]:
        anchor = end_at or (start_at + timedelta(hours=nearest_allowed_hours(api_version, max(hours, 0) * 3600)) if start_at else None) or now
        raise WindowError(
            "hours",
            "Option hours: %s is not a window length ThousandEyes API %s allows; allowed: %s. %s"
            % (hours, api_version, allowed_text, _nearest(api_version, hours * 3600, anchor, now)),
        )

    given = sum(1 for item in (start_at, end_at, hours) if item is not None)
    if given == 0:
        raise WindowError("hours", "Give the snapshot window: hours (the window then ends now), or two of start, end and hours.")
    if given == 1 and hours is None:
        missing = "end" if start_at is not None else "start"
        raise WindowError(
            missing,
            "Only %s is set: also give hours (one of %s) or %s." % ("start" if start_at is not None else "end", allowed_text, missing),
        )

    if start_at is None:
        end_at = end_at if end_at is not None else current_minute(now)
        start_at = end_at - timedelta(hours=hours)
        if start_at < EARLIEST:
            raise WindowError(
                "end",
                "Options end and hours: the window would start at %s, before %s: %s. Accepted range: %s."
                % (format_human(start_at), format_human(EARLIEST), EARLIEST_REASON, accepted_range(now)))
    elif end_at is None:
        end_at = start_at + timedelta(hours=hours)
    elif hours is not None and end_at - start_at != timedelta(hours=hours):
        raise WindowError(
            "hours",
            "Options start, end and hours disagree: %s is %s long, not hours=%d. Give only two of the three; allowed lengths: %s. %s"
            % (_format_window(start_at, end_at), end_at - start_at, hours, allowed_text, _nearest(api_version, hours * 3600, end_at, now)),
        )

    _check_window(api_version, start_at, end_at, now, allowed_text)
    return start_at, end_at


def _check_window(api_version, start_at, end_at, now, allowed_text):
    seconds = (end_at - start_at).total_seconds()
    if end_at > now:
        raise WindowError(
            "end",
            "Option end: the window ends at %s, which is in the future (now is %s); the API accepts only past data. "
            "Allowed lengths: %s. %s"
            % (format_human(end_at), format_human(now), allowed_text, _nearest(api_version, max(seconds, 3600), now, now)),
        )
    if start_at >= end_at:
        raise WindowError(
            "start",
            "Option start: the window start %s must precede its end %s. Allowed lengths: %s. %s"
            % (format_human(start_at), format_human(end_at), allowed_text, _nearest(api_version, 3600, end_at, now)),
        )
    if seconds % 3600 or int(seconds // 3600) not in ALLOWED_HOURS[api_version]:
        raise WindowError(
            "start",
            "Options start/end: the window %s is %s long; ThousandEyes API %s allows exactly %s. %s"
            % (_format_window(start_at, end_at), timedelta(seconds=seconds), api_version, allowed_text,
               _nearest(api_version, seconds, end_at, now)),
        )


def resolve_free_window(start=None, end=None, hours=None, now=None):
    """Like resolve_window, for an API that takes a window of any length (dashboard snapshots: the official v7 spec's
    GenerateDashboardSnapshotRequest gives startDate and endDate and no limit on their distance). The same forms, the
    same two-of-three rule, the same range checks; hours is any positive number of hours."""
    now = now or utc_now()
    start_at = parse_time("start", start, now)
    end_at = parse_time("end", end, now)
    _check_range("start", start_at, now)
    _check_range("end", end_at, now)
    if hours is not None and hours < 1:
        raise WindowError("hours", "Option hours must be a positive number of hours; got %s." % hours)
    given = sum(1 for item in (start_at, end_at, hours) if item is not None)
    if given == 0:
        raise WindowError("hours", "Give the snapshot window: hours (the window then ends now), or two of start, end and hours.")
    if given == 1 and hours is None:
        missing = "end" if start_at is not None else "start"
        raise WindowError(missing, "Only %s is set: also give hours or %s." % ("start" if start_at is not None else "end", missing))
    try:
        if start_at is None:
            end_at = end_at if end_at is not None else current_minute(now)
            start_at = end_at - timedelta(hours=hours)
        elif end_at is None:
            end_at = start_at + timedelta(hours=hours)
    except OverflowError:
        raise WindowError("hours", "Option hours: %s hours is outside the range of times the API accepts: %s." % (hours, accepted_range(now)))
    if hours is not None and end_at - start_at != timedelta(hours=hours):
        raise WindowError("hours", "Options start, end and hours disagree: %s is %s long, not hours=%d. Give only two of the three."
                          % (_format_window(start_at, end_at), end_at - start_at, hours))
    if start_at < EARLIEST:
        raise WindowError("hours", "The window would start at %s, before %s: %s. Accepted range: %s."
                          % (format_human(start_at), format_human(EARLIEST), EARLIEST_REASON, accepted_range(now)))
    if end_at > now:
        raise WindowError("end", "Option end: the window ends at %s, which is in the future (now is %s); the API accepts only past data."
                          % (format_human(end_at), format_human(now)))
    if start_at >= end_at:
        raise WindowError("start", "Option start: the window start %s must precede its end %s." % (format_human(start_at), format_human(end_at)))
    return start_at, end_at


def window_argument_spec():
    """The window options every snapshot module takes (snapshot, dashboard_snapshot): one definition, the same names and
    aliases everywhere."""
    return dict(
        start=dict(type="raw", aliases=["from", "start_date"]),
        end=dict(type="raw", aliases=["to", "end_date"]),
        hours=dict(type="int"),
    )


def ends_at_creation(start=None, end=None, since=None):
    """Whether the window ends when the snapshot is created: with since, or with hours alone (end unset or 'now').

    Such a window is chosen again after a rate-limit wait, so the last minutes before the snapshot are not missing.
    A window with a given start or a given end time stays as given.
    """
    if since is not None:
        return True
    return start is None and (end is None or str(end).strip().lower() == "now")


def covering_window(api_version, since, end=None, hours=None, now=None):
    """The window that ends now (the current minute) and reaches back to since: (start, end, capped).

    Its length is the smallest allowed one that covers since; a since older than the longest window gets the longest
    (capped is then True) and a since ahead of this clock (a sender's fast clock) the shortest.
    """
    now = now or utc_now()
    if hours is not None or (end is not None and str(end).strip().lower() != "now"):
        raise WindowError("since", "Option since chooses the window itself (it ends when the snapshot is created and is the "
                          "shortest allowed length that reaches back to since): give it without start, hours and end (or with end: now).")
    since_at = parse_time("since", since, now)
    _check_range("since", since_at, now)
    end_at = current_minute(now)
    allowed = sorted(ALLOWED_HOURS[api_version])
    elapsed = (end_at - since_at).total_seconds()
    covering = [length for length in allowed if length * 3600 >= elapsed]
    length = covering[0] if covering else allowed[-1]
    return end_at - timedelta(hours=length), end_at, not covering


def window_hours(start_at, end_at):
    return int((end_at - start_at).total_seconds() // 3600)
