# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import (
    WindowError,
    covering_window,
    ends_at_creation,
    format_human,
    nearest_allowed_hours,
    parse_time,
    resolve_free_window,
    resolve_window,
)

UTC = timezone.utc
# A fixed "now" with seconds, so rounding down to the minute shows.
NOW = datetime(2026, 11, 26, 8, 30, 15, tzinfo=UTC)
NOW_MINUTE = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
V7_ALLOWED = "1, 2, 4, 6, 12, 24 or 48 hours"
V6_ALLOWED = "1, 2, 4, 6, 12, 24, 48 or 96 hours"


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def window_error(api_version="v7", **window):
    with pytest.raises(WindowError) as error_info:
        resolve_window(api_version, now=NOW, **window)
    return error_info.value


# ---------------------------------------------------------------------------------------------- formats

@pytest.mark.parametrize("value, expected", [
    ("2026-11-26 04:00:00", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26 04:00", utc(2026, 11, 26, 4, 0)),
    ("  2026-11-26 04:00:00  ", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26T04:00:00", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26T04:00", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26T04:00:00Z", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26t04:00:00z", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26T05:00:00+01:00", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26T05:00:00+0100", utc(2026, 11, 26, 4, 0)),
    ("2026-11-25T22:30:00-05:30", utc(2026, 11, 26, 4, 0)),
    ("2026-11-25T22:30:00-0530", utc(2026, 11, 26, 4, 0)),
    ("2026-11-26T04:00:00.250Z", utc(2026, 11, 26, 4, 0, 0, 250000)),
    ("2026-11-26T04:00:00.123456+00:00", utc(2026, 11, 26, 4, 0, 0, 123456)),
    (1795665600, utc(2026, 11, 26, 4, 0)),
    (1795665600.5, utc(2026, 11, 26, 4, 0, 0, 500000)),
    ("1795665600", utc(2026, 11, 26, 4, 0)),
    ("1795665600.25", utc(2026, 11, 26, 4, 0, 0, 250000)),
], ids=repr)
def test_each_accepted_time_format_gives_the_same_utc_moment(value, expected):
    parsed = parse_time("start", value, NOW)
    assert parsed == expected
    assert parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize("moment", [
    datetime(2026, 11, 26, 4, 0),
    datetime(2026, 11, 26, 4, 0, 0, 500000),
    datetime(2026, 11, 26, 5, 0, tzinfo=timezone(timedelta(hours=1))),
    datetime(2026, 11, 26, 4, 0, 0, 123456, tzinfo=UTC),
], ids=str)
@pytest.mark.parametrize("as_text", [str, datetime.isoformat], ids=["str", "isoformat"])
def test_a_datetime_passed_as_a_string_is_read_back(moment, as_text):
    # Ansible hands a YAML timestamp or {{ now(utc=true) }} to the module as text: isoformat() or str().
    expected = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    assert parse_time("end", as_text(moment), NOW) == expected


@pytest.mark.parametrize("value", ["now", "NOW", " Now "])
def test_now_is_the_current_minute_rounded_down(value):
    assert parse_time("end", value, NOW) == NOW_MINUTE


def test_no_value_is_no_time():
    assert parse_time("start", None, NOW) is None


@pytest.mark.parametrize("value", [
    "yesterday",
    "2026-11-26",
    "26/11/2026 04:00",
    "2026-11-26T04:00:00 UTC",
    "2026-11-26T04:00:00+5",
    "12345",
    "",
])
def test_an_unknown_format_fails_naming_the_option_and_the_accepted_formats(value):
    with pytest.raises(WindowError) as error_info:
        parse_time("start", value, NOW)
    message = str(error_info.value)
    assert error_info.value.option == "start"
    assert message.startswith("Option start: '%s'" % value.strip())
    assert "yyyy-MM-dd HH:mm:ss" in message and "ISO 8601" in message and "epoch seconds" in message and "'now'" in message


@pytest.mark.parametrize("value", ["2026-11-26T25:00:00Z", "2026-02-30 04:00:00", "2026-11-26T04:00:00+24:00", "2026-11-26T04:61:00"])
def test_an_impossible_date_or_offset_fails_naming_the_option(value):
    with pytest.raises(WindowError) as error_info:
        parse_time("end", value, NOW)
    assert error_info.value.option == "end"
    assert "Option end: '%s' is not a valid time" % value in str(error_info.value)


# ------------------------------------------------------------------------------------------------ rules

@pytest.mark.parametrize("window, expected", [
    (dict(start="2026-11-26 04:00:00", end="2026-11-26 08:00:00"), (utc(2026, 11, 26, 4), utc(2026, 11, 26, 8))),
    (dict(start="2026-11-26 04:00:00", hours=4), (utc(2026, 11, 26, 4), utc(2026, 11, 26, 8))),
    (dict(end="2026-11-26 08:00:00", hours=4), (utc(2026, 11, 26, 4), utc(2026, 11, 26, 8))),
    (dict(hours=4), (utc(2026, 11, 26, 4, 30), NOW_MINUTE)),
    (dict(end="now", hours=1), (utc(2026, 11, 26, 7, 30), NOW_MINUTE)),
    (dict(start="2026-11-26 04:00:00", end="2026-11-26 08:00:00", hours=4), (utc(2026, 11, 26, 4), utc(2026, 11, 26, 8))),
    (dict(start="2026-11-26T05:00:00+01:00", end="2026-11-26T03:00:00-05:00"), (utc(2026, 11, 26, 4), utc(2026, 11, 26, 8))),
], ids=["start+end", "start+hours", "end+hours", "hours alone ends now", "end=now+hours", "all three agree", "offsets"])
def test_any_two_of_start_end_hours_choose_the_window(window, expected):
    assert resolve_window("v7", now=NOW, **window) == expected


def test_hours_alone_never_ends_in_the_future_even_at_the_last_second_of_a_minute():
    now = datetime(2026, 11, 26, 8, 30, 59, 999999, tzinfo=UTC)
    assert resolve_window("v7", hours=1, now=now) == (utc(2026, 11, 26, 7, 30), utc(2026, 11, 26, 8, 30))


def test_start_end_and_hours_that_disagree_fail():
    error = window_error(start="2026-11-26 04:00:00", end="2026-11-26 08:00:00", hours=2)
    assert error.option == "hours"
    message = str(error)
    assert "start, end and hours disagree" in message
    assert "from 2026-11-26 04:00:00 UTC to 2026-11-26 08:00:00 UTC" in message
    assert "hours=2" in message and "Give only two of the three" in message


@pytest.mark.parametrize("window, option, named", [
    (dict(start="2026-11-26 04:00:00"), "end", "Only start is set"),
    (dict(end="2026-11-26 08:00:00"), "start", "Only end is set"),
])
def test_one_end_alone_fails_asking_for_hours_or_the_other_end(window, option, named):
    error = window_error(**window)
    assert error.option == option
    assert named in str(error)
    assert "also give hours (one of %s) or %s" % (V7_ALLOWED, option) in str(error)


def test_no_window_at_all_fails_asking_for_hours():
    error = window_error()
    assert error.option == "hours"
    assert "Give the snapshot window" in str(error)


# ------------------------------------------------------------------------------------------- boundaries

@pytest.mark.parametrize("api_version, start, end", [
    ("v7", "2026-11-26 07:00:00", "2026-11-26 08:00:00"),
    ("v7", "2026-11-24 08:00:00", "2026-11-26 08:00:00"),
    ("v6", "2026-11-22 08:00:00", "2026-11-26 08:00:00"),
    ("v6", "2026-11-26 07:00:00", "2026-11-26 08:00:00"),
], ids=["1h v7", "48h v7", "96h v6", "1h v6"])
def test_the_shortest_and_longest_allowed_windows_pass(api_version, start, end):
    assert resolve_window(api_version, start=start, end=end, now=NOW) == (parse_time("start", start, NOW), parse_time("end", end, NOW))


@pytest.mark.parametrize("api_version, hours", [(v, h) for v in ("v7", "v6") for h in (1, 2, 4, 6, 12, 24, 48)] + [("v6", 96)])
def test_every_allowed_length_passes_as_hours(api_version, hours):
    start_at, end_at = resolve_window(api_version, hours=hours, now=NOW)
    assert (end_at, end_at - start_at) == (NOW_MINUTE, timedelta(hours=hours))


def test_96_hours_is_for_v6_only():
    error = window_error(start="2026-11-22 08:00:00", end="2026-11-26 08:00:00")
    message = str(error)
    assert error.option == "start"
    assert "Options start/end" in message and "4 days, 0:00:00 long" in message
    assert "ThousandEyes API v7 allows exactly %s" % V7_ALLOWED in message
    assert "Nearest allowed window: from 2026-11-24 08:00:00 UTC to 2026-11-26 08:00:00 UTC (hours=48)" in message


def test_a_3_hour_window_fails_suggesting_the_nearest_allowed_one():
    error = window_error(start="2026-11-26 05:00:00", end="2026-11-26 08:00:00")
    message = str(error)
    assert error.option == "start"
    assert "3:00:00 long" in message and V7_ALLOWED in message
    assert "Nearest allowed window: from 2026-11-26 04:00:00 UTC to 2026-11-26 08:00:00 UTC (hours=4)" in message


def test_a_window_one_minute_short_of_48_hours_fails():
    error = window_error(start="2026-11-24 08:01:00", end="2026-11-26 08:00:00")
    message = str(error)
    assert "1 day, 23:59:00 long" in message
    assert "Nearest allowed window: from 2026-11-24 08:00:00 UTC to 2026-11-26 08:00:00 UTC (hours=48)" in message


def test_a_window_one_second_longer_than_allowed_fails():
    error = window_error(start="2026-11-26 06:59:59", end="2026-11-26 08:00:00")
    assert "1:00:01 long" in str(error) and "(hours=1)" in str(error)


@pytest.mark.parametrize("api_version, hours, nearest, allowed", [
    ("v7", 3, 4, V7_ALLOWED),
    ("v7", 0, 1, V7_ALLOWED),
    ("v7", -2, 1, V7_ALLOWED),
    ("v7", 47, 48, V7_ALLOWED),
    ("v7", 96, 48, V7_ALLOWED),
    ("v7", 1000, 48, V7_ALLOWED),
    ("v6", 72, 96, V6_ALLOWED),
    ("v6", 200, 96, V6_ALLOWED),
])
def test_a_length_that_is_not_allowed_fails_naming_hours_the_allowed_values_and_the_nearest(api_version, hours, nearest, allowed):
    error = window_error(api_version, hours=hours)
    assert error.option == "hours"
    assert str(error) == (
        "Option hours: %s is not a window length ThousandEyes API %s allows; allowed: %s. "
        "Nearest allowed window: from %s to 2026-11-26 08:30:00 UTC (hours=%d)."
        % (hours, api_version, allowed, format_human(NOW_MINUTE - timedelta(hours=nearest)), nearest))


@pytest.mark.parametrize("api_version, seconds, nearest", [
    ("v7", 3 * 3600, 4),
    ("v7", 5 * 3600, 6),
    ("v7", 5 * 3600 - 1, 4),
    ("v7", 20 * 3600, 24),
    ("v7", 100 * 3600, 48),
    ("v6", 100 * 3600, 96),
    ("v7", 0, 1),
])
def test_the_nearest_length_rounds_ties_up_so_nothing_asked_for_is_cut_off(api_version, seconds, nearest):
    assert nearest_allowed_hours(api_version, seconds) == nearest


def test_a_window_ending_exactly_now_passes():
    assert resolve_window("v7", end="2026-11-26 08:30:15", hours=1, now=NOW) == (utc(2026, 11, 26, 7, 30, 15), NOW)


def test_a_window_ending_one_second_in_the_future_fails_suggesting_one_that_ends_now():
    error = window_error(end="2026-11-26 08:30:16", hours=1)
    message = str(error)
    assert error.option == "end"
    assert "ends at 2026-11-26 08:30:16 UTC, which is in the future (now is 2026-11-26 08:30:15 UTC)" in message
    assert "Nearest allowed window: from 2026-11-26 07:30:00 UTC to 2026-11-26 08:30:00 UTC (hours=1)" in message


def test_a_start_plus_hours_reaching_into_the_future_fails_on_the_end():
    error = window_error(start="now", hours=4)
    assert error.option == "end"
    assert "Nearest allowed window: from 2026-11-26 04:30:00 UTC to 2026-11-26 08:30:00 UTC (hours=4)" in str(error)


@pytest.mark.parametrize("start", ["2026-11-26 08:00:00", "2026-11-26 09:00:00+01:00", "2026-11-26 08:00:01"],
                         ids=["equal", "equal through an offset", "after"])
def test_a_start_that_does_not_precede_the_end_fails(start):
    error = window_error(start=start, end="2026-11-26 08:00:00")
    assert error.option == "start"
    assert "must precede its end 2026-11-26 08:00:00 UTC" in str(error)


@pytest.mark.parametrize("options, option", [
    ({"start": "2026-11-26 04:00:00", "end": "2026-11-26 08:00:00", "hours": 2}, "hours"),
    ({"start": "2026-11-26 08:00:00", "end": "2026-11-26 07:00:00"}, "start"),
    ({"end": "2026-11-26 09:00:00", "hours": 4}, "end"),
    ({"hours": 3}, "hours"),
])
def test_every_window_error_names_the_allowed_lengths_and_a_nearest_window(options, option):
    error = window_error(**options)
    assert error.option == option
    assert V7_ALLOWED in str(error) and "Nearest allowed window: from " in str(error)


def test_epoch_milliseconds_get_a_hint():
    error = window_error(start="1795680000000", hours=1)
    assert error.option == "start" and "epoch milliseconds" in str(error)


# ----------------------------------------------------------------------------------- the accepted range

ACCEPTED_RANGE = "Accepted range: from 1970-01-01 00:00:00 UTC to now (2026-11-26 08:30:15 UTC)."
BEFORE_THE_EPOCH = "ThousandEyes numbers its data by rounds counted in seconds from the Unix epoch, so no data exists before it"


@pytest.mark.parametrize("window, option, message", [
    # The inputs of issue 17, which overflowed the window arithmetic.
    (dict(end="0001-01-01 00:30:00", hours=1), "end",
     "Option end: 0001-01-01 00:30:00 UTC is before 1970-01-01 00:00:00 UTC: %s. %s" % (BEFORE_THE_EPOCH, ACCEPTED_RANGE)),
    (dict(start="9999-12-31 23:30:00", hours=4), "start",
     "Option start: 9999-12-31 23:30:00 UTC is in the future; the API accepts only past data. %s" % ACCEPTED_RANGE),
    (dict(start="0001-01-01 00:00:00", hours=1), "start",
     "Option start: 0001-01-01 00:00:00 UTC is before 1970-01-01 00:00:00 UTC: %s. %s" % (BEFORE_THE_EPOCH, ACCEPTED_RANGE)),
    (dict(start="9999-12-31 23:30:00", end="9999-12-31 23:59:59"), "start",
     "Option start: 9999-12-31 23:30:00 UTC is in the future; the API accepts only past data. %s" % ACCEPTED_RANGE),
    (dict(start="1969-12-31 23:00:00", end="1970-01-01 00:00:00"), "start",
     "Option start: 1969-12-31 23:00:00 UTC is before 1970-01-01 00:00:00 UTC: %s. %s" % (BEFORE_THE_EPOCH, ACCEPTED_RANGE)),
    (dict(end="1970-01-01 00:30:00", hours=1), "end",
     "Options end and hours: the window would start at 1969-12-31 23:30:00 UTC, before 1970-01-01 00:00:00 UTC: %s. %s"
     % (BEFORE_THE_EPOCH, ACCEPTED_RANGE)),
    (dict(end="0001-01-01 00:30:00", hours=3), "end",
     "Option end: 0001-01-01 00:30:00 UTC is before 1970-01-01 00:00:00 UTC: %s. %s" % (BEFORE_THE_EPOCH, ACCEPTED_RANGE)),
    (dict(start="9999-12-31 23:30:00", hours=1000), "start",
     "Option start: 9999-12-31 23:30:00 UTC is in the future; the API accepts only past data. %s" % ACCEPTED_RANGE),
], ids=["end year 1 + hours", "start year 9999 + hours", "start year 1 + hours", "start+end year 9999", "start+end before the epoch",
        "end+hours reaching before the epoch", "end year 1 + a length not allowed", "start year 9999 + a length not allowed"])
def test_a_time_outside_the_accepted_range_fails_naming_the_option_and_the_range(window, option, message):
    error = window_error(**window)
    assert (error.option, str(error)) == (option, message)


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-05:00"])
def test_a_time_an_offset_pushes_past_what_a_datetime_holds_fails_naming_the_option_and_the_range(value):
    with pytest.raises(WindowError) as error_info:
        parse_time("start", value, NOW)
    assert error_info.value.option == "start"
    assert str(error_info.value) == "Option start: '%s' is outside the range of times the API accepts: %s" % (
        value, ACCEPTED_RANGE[len("Accepted range: "):])


def test_a_window_starting_at_the_epoch_is_accepted():
    assert resolve_window("v7", start="1970-01-01 00:00:00", hours=1, now=NOW) == (utc(1970, 1, 1, 0), utc(1970, 1, 1, 1))


# ------------------------------------------------------------------- windows of any length (dashboard snapshots)

@pytest.mark.parametrize("window, expected", [
    ({"hours": 3}, (utc(2026, 11, 26, 5, 30), NOW_MINUTE)),
    ({"hours": 200}, (NOW_MINUTE - timedelta(hours=200), NOW_MINUTE)),
    ({"start": "2026-11-26 01:00:00", "end": "2026-11-26 04:30:00"}, (utc(2026, 11, 26, 1), utc(2026, 11, 26, 4, 30))),
    ({"start": "2026-11-26T01:00:00Z", "hours": 5}, (utc(2026, 11, 26, 1), utc(2026, 11, 26, 6))),
    ({"end": "now", "hours": 1}, (utc(2026, 11, 26, 7, 30), NOW_MINUTE)),
])
def test_free_windows_take_any_length(window, expected):
    assert resolve_free_window(now=NOW, **window) == expected


@pytest.mark.parametrize("window, option", [
    ({}, "hours"),
    ({"hours": 0}, "hours"),
    ({"start": "2026-11-26 01:00:00"}, "end"),
    ({"start": "2026-11-26 09:00:00", "hours": 1}, "start"),
    ({"start": "2026-11-26 06:00:00", "hours": 4}, "end"),
    ({"start": "2026-11-26 04:00:00", "end": "2026-11-26 03:00:00"}, "start"),
    ({"start": "2026-11-26 01:00:00", "end": "2026-11-26 03:00:00", "hours": 1}, "hours"),
    ({"end": "1970-01-01 00:30:00", "hours": 1}, "hours"),
    ({"hours": 10 ** 9}, "hours"),
])
def test_free_windows_refuse_what_cannot_be_a_window(window, option):
    with pytest.raises(WindowError) as error:
        resolve_free_window(now=NOW, **window)
    assert error.value.option == option


# ------------------------------------------------------------------ windows that end when the snapshot is created

@pytest.mark.parametrize("since, hours", [
    pytest.param("2026-11-26T08:29:00Z", 1, id="a minute ago"),
    pytest.param("2026-11-26T07:30:00Z", 1, id="exactly an hour"),
    pytest.param("2026-11-26T07:29:59Z", 2, id="just over an hour"),
    pytest.param("2026-11-25T08:30:00Z", 24, id="exactly a day"),
    pytest.param("2026-11-26T09:00:00Z", 1, id="ahead of this clock"),
])
def test_covering_window_is_the_shortest_allowed_length_that_reaches_since(since, hours):
    now = datetime(2026, 11, 26, 8, 30, 15, tzinfo=UTC)
    start_at, end_at, capped = covering_window("v7", since, now=now)
    assert end_at == datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert end_at - start_at == timedelta(hours=hours) and capped is False


def test_covering_window_caps_at_the_longest_window_of_each_version():
    now = datetime(2026, 11, 26, 8, 30, 15, tzinfo=UTC)
    assert covering_window("v7", "2026-11-22T00:00:00Z", now=now)[2] is True
    start_at, end_at, capped = covering_window("v6", "2026-11-23T00:00:00Z", "now", now=now)
    assert end_at - start_at == timedelta(hours=96) and capped is False


@pytest.mark.parametrize("args, message", [
    pytest.param({"hours": 4}, "Option since chooses the window itself", id="hours"),
    pytest.param({"end": "2026-11-26 08:00:00"}, "Option since chooses the window itself", id="a fixed end"),
    pytest.param({"since": "1969-12-31T23:00:00Z"}, "Option since: 1969-12-31 23:00:00 UTC is before", id="before the epoch"),
    pytest.param({"since": "yesterday"}, "Option since: 'yesterday' is not a time", id="not a time"),
])
def test_covering_window_refuses_what_it_cannot_use_naming_since(args, message):
    with pytest.raises(WindowError) as caught:
        covering_window("v7", args.get("since", "2026-11-26T06:00:00Z"), end=args.get("end"), hours=args.get("hours"),
                        now=datetime(2026, 11, 26, 8, 30, tzinfo=UTC))
    assert caught.value.option == "since" and message in str(caught.value)


@pytest.mark.parametrize("args, moves", [
    pytest.param({"since": "2026-11-26T06:00:00Z"}, True, id="since"),
    pytest.param({}, True, id="hours alone"),
    pytest.param({"end": " NOW "}, True, id="end now"),
    pytest.param({"end": "2026-11-26 08:00:00"}, False, id="a fixed end"),
    pytest.param({"start": "2026-11-26 04:00:00"}, False, id="a fixed start"),
])
def test_which_windows_end_at_creation(args, moves):
    assert ends_at_creation(**args) is moves
