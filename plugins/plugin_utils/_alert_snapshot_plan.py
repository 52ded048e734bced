# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# From a list of alerts (as cisco.thousandeyes.alert_info returns them) to one snapshot plan per alerting test:
# several alerts on one test give one snapshot, over the smallest allowed window that reaches back to the earliest
# alert's start; alerts without a test the snapshot API takes are set aside with the reason. The window and the title
# come from the Event-Driven Ansible path (_alert_event.py: choose_window, render_title), not from a copy.
# Values from the API are only copied, compared and joined here, never templated.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import re
import time
from collections.abc import Mapping
from datetime import datetime

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_types import no_snapshot_reason
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import shown_text
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import ALLOWED_HOURS
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import (
    DEFAULT_FALLBACK_HOURS,
    UTC,
    alert_evidence_key,
    check_title_format,
    choose_window,
    hours_text,
    parse_started,
    render_title,
)

# The EDA path's default title without the rule (the alerts list names the rule by ID only), with the start.
DEFAULT_TITLE_FORMAT = "ThousandEyes alert {alert_id} on {test} since {started}"
FALLBACK_TITLE_FORMAT = "ThousandEyes alert {alert_id} on {test}"
_DIGITS = re.compile(r"^[0-9]{1,20}\Z")
# How much of a value from the API a label or a line of the job output shows.
SHOWN_LIMIT = 256


# The snapshot quota (5 per organisation per 5 minutes; thousandeyes-api.md): what a job of N snapshots waits at least.
QUOTA_SNAPSHOTS = 5
QUOTA_MINUTES = 5


def quota_minutes(count):
    """The least minutes the quota makes `count` snapshots take, when the organisation has not used it in the last 5 minutes."""
    return ((count - 1) // QUOTA_SNAPSHOTS) * QUOTA_MINUTES if count > 0 else 0


def duration_text(count):
    minutes = quota_minutes(count)
    if minutes == 0:
        return "within the snapshot quota (5 per organisation per 5 minutes): no wait if the organisation has not used it lately"
    return ("the snapshot quota (5 per organisation per 5 minutes) makes this take at least %d minutes (%s), longer if others "
            "in the organisation make snapshots too" % (minutes, "%dh %02dmin" % divmod(minutes, 60) if minutes >= 60 else "%d min" % minutes))


class PlanError(ValueError):
    """Options the plan cannot be made from; the message names the option."""


def _text(value):
    """A scalar as a new, stripped str ('' for None, mappings and lists): what the API sent, as plain data."""
    if value is None or isinstance(value, (Mapping, list, tuple)):
        return ""
    return "".join([u"%s" % (value,)]).strip()


def _iso(epoch):
    """ISO 8601 UTC of epoch seconds, or None for a moment no date can show (past year 9999, or beyond the platform's
    time_t: OSError EOVERFLOW): such a start is unusable, never a failed plan."""
    try:
        return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError, OSError):
        return None


def _shown(value):
    return shown_text(value, SHOWN_LIMIT)


def skipped_alert(alert_id, alert_type, test_id, reason):
    """reason is ours; alert_id, alert_type and test_id come from the API, and are shown escaped in label and msg."""
    label = "ThousandEyes alert %s (%s)" % (_shown(alert_id), _shown(alert_type) or "type unknown")
    return dict(alert_id=alert_id, type=alert_type, test_id=test_id or None, reason=reason, label=_shown(alert_id),
                msg="%s skipped: %s." % (label, reason))


def _start_of(alert):
    """(epoch seconds, None) for a usable start; (None, why) for a start that is there but unusable; (None, None)."""
    if not alert["started"]:
        return None, None
    started = parse_started(alert["started"])
    if started is not None and _iso(started) is not None:
        return started, None
    return None, "alert %s has a start that is not a usable time (%s)" % (_shown(alert["alert_id"]), _shown(alert["started"]))


def plan_test(test_id, alerts, title_format, fallback_hours, account_group_id, now):
    """The snapshot of one test, from its alerts (each a dict of plain text)."""
    starts = [(_start_of(alert), alert) for alert in alerts]
    known = [(start, alert) for (start, _why), alert in starts if start is not None]
    unusable = [why for (_start, why), _alert in starts if why]
    started, first = min(known, key=lambda pair: (pair[0], pair[1]["alert_id"])) if known else (None, alerts[0])
    window = choose_window(started, now, ALLOWED_HOURS["v7"], fallback_hours)
    note = window["note"]
    if unusable:
        note += " Not used: %s." % "; ".join(unusable)
    test_name = next((alert["test_name"] for alert in alerts if alert["test_name"]), "")
    test_label = test_name or "test %s" % test_id
    # The label and the lines of the job output show the API's text escaped: a name cannot forge a line there.
    label = _shown(test_name) or "test %s" % test_id
    values = dict(
        alert_id=first["alert_id"], alert_type=first["type"], severity=first["severity"], test=test_label, test_id=test_id,
        test_name=test_name, rule_name="", account_id=account_group_id or "",
        started=_iso(started) if started is not None else "unknown", window_hours=str(window["hours"]),
    )
    display_name = render_title(title_format, values) or render_title(FALLBACK_TITLE_FORMAT, values)
    alert_ids = [alert["alert_id"] for alert in alerts]
    return dict(
        test_id=test_id, test_name=test_name or None, end=window["end"], hours=window["hours"], display_name=display_name,
        account_group_id=account_group_id or None, alert_ids=alert_ids, started=values["started"] if started is not None else None,
        # For the snapshot module's since (the window ends when the snapshot is made), as alert_event gives it.
        since=_iso(started) if window["covers_start"] else None,
        note=note, label=label, evidence_key=alert_evidence_key(first["alert_id"]),
        msg="%s: snapshot of the last %s for %d alert%s (%s). %s" % (
            label, hours_text(window["hours"]), len(alert_ids), "" if len(alert_ids) == 1 else "s",
            ", ".join(_shown(alert_id) for alert_id in alert_ids), note))


def plan_snapshots(alerts, title_format=None, fallback_hours=DEFAULT_FALLBACK_HOURS, account_group_id=None, now=None, max_snapshots=None):
    """One plan per test with alerts (in order of the tests' first alerts), and the alerts set aside. With max_snapshots,
    the tests beyond the first max_snapshots are set aside too, each of their alerts saying so.

    Raises PlanError for options that cannot give a plan, naming the option.
    """
    allowed = ALLOWED_HOURS["v7"]
    if fallback_hours not in allowed:
        raise PlanError("Option fallback_hours: %s is not a window ThousandEyes API v7 allows; allowed: %s."
                        % (fallback_hours, ", ".join(str(hours) for hours in allowed)))
    if title_format is not None:
        try:
            check_title_format(title_format)
        except ValueError as error:
            raise PlanError(str(error))
    if max_snapshots is not None and (isinstance(max_snapshots, bool) or not isinstance(max_snapshots, int) or max_snapshots < 1):
        raise PlanError("Option max_snapshots must be 1 or more; got %r." % (max_snapshots,))
    aid = _text(account_group_id)
    if aid and not _DIGITS.match(aid):
        raise PlanError("Option account_group_id (aid) must be digits only, at most 20; got %r." % aid[:40])
    if not isinstance(alerts, list):
        raise PlanError("Option alerts must be the list of alerts that cisco.thousandeyes.alert_info returns (its alerts).")
    now = time.time() if now is None else now

    by_test = collections.OrderedDict()
    skipped = []
    seen = set()
    for index, entry in enumerate(alerts):
        # Each entry on its own: one that cannot be used is named and set aside, the others go on.
        if not isinstance(entry, Mapping):
            skipped.append(skipped_alert("?", None, None, "alerts[%d] is not an alert object (it is a %s)" % (index, type(entry).__name__)))
            continue
        alert = dict((key, _text(entry.get(key))) for key in ("alert_id", "type", "severity", "started", "test_id", "test_name"))
        alert["alert_id"] = alert["alert_id"] or "?"
        if alert["alert_id"] != "?" and alert["alert_id"] in seen:
            continue  # the same alert twice (two listings joined): it still counts once
        seen.add(alert["alert_id"])
        reason = no_snapshot_reason(alert["type"])
        if reason is None and alert["test_id"] and not _DIGITS.match(alert["test_id"]):
            reason = "its test ID (%s) is not a ThousandEyes test ID (digits only, at most 20)" % _shown(alert["test_id"])
        elif reason is None and not alert["test_id"]:
            # alert_info says why (no _links.test, or one that names no test); else the plain reason.
            reason = _text(entry.get("no_snapshot_reason")) or "the alert names no test (no _links.test in the API's answer)"
        if reason:
            skipped.append(skipped_alert(alert["alert_id"], alert["type"], alert["test_id"], reason))
            continue
        by_test.setdefault(alert["test_id"], []).append(alert)

    groups = list(by_test.items())
    beyond = groups[max_snapshots:] if max_snapshots is not None else []
    for test_id, group in beyond:
        for alert in group:
            skipped.append(skipped_alert(alert["alert_id"], alert["type"], test_id,
                                         "its test is beyond max_snapshots=%d (te_max_snapshots): the first %d alerting tests are "
                                         "snapshot" % (max_snapshots, max_snapshots)))
    snapshots = [plan_test(test_id, group, title_format or DEFAULT_TITLE_FORMAT, fallback_hours, aid, now)
                 for test_id, group in groups[:len(groups) - len(beyond)]]
    planned_alerts = sum(len(group) for _test_id, group in groups[:len(snapshots)])
    msg = "%d alert%s on %d test%s to snapshot; %d alert%s skipped (%s)." % (
        planned_alerts, "" if planned_alerts == 1 else "s", len(snapshots), "" if len(snapshots) == 1 else "s",
        len(skipped), "" if len(skipped) == 1 else "s",
        "no test the snapshot API takes, or beyond max_snapshots=%d" % max_snapshots if beyond else "no test the snapshot API takes")
    if snapshots:
        msg += " %d snapshot%s: %s." % (len(snapshots), "" if len(snapshots) == 1 else "s", duration_text(len(snapshots)))
    # Not "skipped": Ansible reads that key of a result as the task having been skipped.
    return dict(snapshots=snapshots, skipped_alerts=skipped, msg=msg, quota_minutes=quota_minutes(len(snapshots)),
                incident_window=incident_window(alerts, fallback_hours, now))


def incident_window(alerts, fallback_hours, now):
    """The window of the whole incident, for a dashboard snapshot (any length): from the earliest start of any alert
    (those without a test too: a dashboard shows agents and devices), rounded down to the minute, to the current minute;
    the fallback length when no alert has a usable start. Its name is fixed by the earliest start, so a job run again
    for the same incident finds the same dashboard snapshot."""
    end = int(now) - int(now) % 60
    starts = [started for started in (parse_started(_text(entry.get("started"))) for entry in alerts if isinstance(entry, Mapping))
              if started is not None]
    earliest = min(starts) if starts else None
    start = end - fallback_hours * 3600 if earliest is None else min(int(earliest) - int(earliest) % 60, end - 60)
    since = datetime.fromtimestamp(start, UTC).strftime("%Y-%m-%d %H:%M UTC")
    return dict(start=_iso(start), end=_iso(end), earliest_alert_start=_iso(earliest) if earliest is not None else None,
                display_name="ThousandEyes incident since %s" % since)
