# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# A ThousandEyes alert as an Event-Driven Ansible event carries it (ansible_eda.event.payload: the body of a custom
# webhook, as the "Generic" preset writes it, or of a classic webhook), read as plain data: which kind of body it is,
# whether the alert has a test to snapshot (and why not), the window that covers the alert, and the snapshot's title
# from an operator's format with a fixed set of named placeholders. The bodies are described, with their sources, in
# the comments of tests/integration/fixtures/alert_*.json.
# Nothing here templates, evaluates or formats with the event's text: values are only copied, compared and
# joined, so a template in an alert ("{{ ... }}", "{% ... %}") stays text.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import hashlib
import itertools
import json
import math
import re
import time
from collections.abc import Mapping
from datetime import datetime, timezone

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_types import (
    AGENT,
    NO_SNAPSHOT_REASONS,
    SNAPSHOT_TEST,
    alert_kind,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import shown_text
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_api import EVIDENCE_KEY, MAX_DISPLAY_NAME, is_printable
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import ALLOWED_HOURS

UTC = timezone.utc
NOTIFICATION_TYPES = {"1": "cleared", "2": "triggered"}
# Kinds of webhook body: a custom webhook (a Handlebars template; payload.type "1"/"2", alert.test.*) and a classic
# webhook (a fixed body; payload.eventType, alert.testId, alert.dateStart).
CUSTOM = "custom"
CLASSIC = "classic"
# What a job does with an alert.
SNAPSHOT = "snapshot"
NO_SNAPSHOT = "no_snapshot"
CLEARED = "cleared"
WEBHOOK_TEST = "webhook_test"
# A classic body's eventType: the notification, and the kind of alert when the event type alone says it.
CLASSIC_EVENT_TYPES = {
    "ALERT_NOTIFICATION_TRIGGER": ("triggered", None),
    "ALERT_NOTIFICATION_CLEAR": (CLEARED, None),
    "AGENT_ALERT_NOTIFICATION_TRIGGER": ("triggered", AGENT),
    "AGENT_ALERT_NOTIFICATION_CLEAR": (CLEARED, AGENT),
    "WEBHOOK_TEST": (WEBHOOK_TEST, None),
}
DEFAULT_FALLBACK_HOURS = 4
PLACEHOLDERS = ("alert_id", "alert_type", "severity", "test", "test_id", "test_name", "rule_name", "account_id", "started",
                "window_hours")
DEFAULT_TITLE_FORMAT = "ThousandEyes alert {alert_id} on {test}: {rule_name}"
# The default without its rule part, for an alert that names no rule.
DEFAULT_TITLE_FORMAT_NO_RULE = "ThousandEyes alert {alert_id} on {test}"

_DIGITS = re.compile(r"^[0-9]{1,20}\Z")
# How much of a value from the event a message shows.
SHOWN_LIMIT = 256
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
# A classic body's dateStart ("2025-03-24 17:28:40", UTC without a zone) or dateStartZoned ("... UTC").
_CLASSIC_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?: UTC)?\Z")
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(?:\.\d{1,9})?([Zz]|[+-]\d{2}:?\d{2})$")
# Epoch values from 10**11 on are milliseconds (alert.firstSeen.epochMilli); below, seconds (year 5138 at most).
_MILLISECONDS_FROM = 10 ** 11
# 9999-12-31T23:59:59Z: the last second a datetime (and so an ISO 8601 start) can hold. A later value is no start.
_LAST_EPOCH = 253402300799
EVENT_SHAPE = '{"ansible_eda": {"event": {"payload": <the webhook body>}}}'


class AlertEventError(ValueError):
    """An event this collection cannot take a snapshot for; the message says why and what to change."""


class TitleFormatError(ValueError):
    """An operator's title format with a placeholder that does not exist."""


def _plain_text(value):
    """A scalar as a plain, stripped str; '' for None, mappings and lists.

    Joining copies the characters into a new str, so whatever marks the original carried (ansible-core 2.19's
    trust tags) stay behind.
    """
    if value is None or isinstance(value, (Mapping, list, tuple)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "".join([u"%s" % (value,)]).strip()


def _lookup(mapping, *path):
    """mapping[path[0]][path[1]]...; None when a step is missing or not a mapping."""
    value = mapping
    for key in path:
        if not isinstance(value, Mapping) or key not in value:
            return None
        value = value[key]
    return value


def _shown(value, limit=80):
    """A short JSON rendering of an event value for an error message."""
    try:
        text = json.dumps(value if isinstance(value, (bool, int, float)) else _plain_text(value))
    except (TypeError, ValueError):
        text = '"?"'
    return text if len(text) <= limit else text[:limit - 4] + '..."'


def event_payload(variables):
    """The webhook body from the play's variables (ansible_eda.event.payload), or AlertEventError.

    A body is an alert when it has an "alert" object (both kinds of webhook) or a classic webhook's eventType (its agent
    alerts may carry "agentAlert" only, and its WEBHOOK_TEST event may carry no alert).
    """
    payload = _lookup(variables, "ansible_eda", "event", "payload")
    if not isinstance(payload, Mapping) or not (
            isinstance(payload.get("alert"), Mapping) or (isinstance(payload.get("eventType"), str) and payload.get("eventType").strip())):
        raise AlertEventError(
            "No ThousandEyes alert event: run this playbook from ansible-rulebook (run_playbook) or an Event-Driven Ansible "
            "controller job (run_job_template), or by hand with -e @event.json where the file holds %s." % EVENT_SHAPE)
    return payload


def parse_started(value):
    """The alert's start as epoch seconds, or None when it is missing or unusable.

    Accepts epoch milliseconds (the Generic preset's alert.firstSeen.epochMilli), epoch seconds, as numbers or
    digit strings, and ISO 8601 with Z or an offset.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        try:
            number = float(value)
        except OverflowError:  # an integer of hundreds of digits
            return None
    else:
        text = _plain_text(value)
        if _DIGITS.match(text):
            number = float(int(text))
        else:
            match = _ISO.match(text)
            if not match:
                return None
            zone = match.group(3).upper()
            zone = "+00:00" if zone == "Z" else (zone if ":" in zone else zone[:3] + ":" + zone[3:])
            try:
                moment = datetime.strptime("%sT%s%s" % (match.group(1), match.group(2), zone.replace(":", "")), "%Y-%m-%dT%H:%M:%S%z")
            except ValueError:
                return None
            return int((moment - datetime(1970, 1, 1, tzinfo=UTC)).total_seconds())
    if math.isnan(number) or number <= 0:  # not after 1970
        return None
    if number >= _MILLISECONDS_FROM:
        number = number / 1000
    if number > _LAST_EPOCH:  # past year 9999 (infinity included): no date can show it
        return None
    return int(number)


def parse_classic_date(value):
    """A classic webhook's dateStart or dateStartZoned ("yyyy-MM-dd HH:mm:ss", UTC, optionally followed by " UTC") as epoch
    seconds; ISO 8601 and epoch values as parse_started reads them; None when missing or unusable."""
    text = _plain_text(value) if isinstance(value, str) else ""
    match = _CLASSIC_DATE.match(text)
    if match:
        return parse_started("%sT%sZ" % (match.group(1), match.group(2)))
    return parse_started(value)


def hours_text(hours):
    return "1 hour" if hours == 1 else "%d hours" % hours


def elapsed_text(seconds):
    """'40 minutes', '1.0 hour', '3.5 hours': how long ago the alert started."""
    if seconds < 3600:
        minutes = int(round(seconds / 60.0))
        return "1 minute" if minutes == 1 else "%d minutes" % minutes
    hours = round(seconds / 3600.0, 1)
    return "%.1f hour" % hours if hours == 1 else "%.1f hours" % hours


def choose_window(started, now, allowed_hours, fallback_hours):
    """The smallest allowed window that reaches back to the alert's start, ending at the current minute.

    Returns a dict: end (epoch seconds), hours, started_known, elapsed_seconds, note (why this window), and covers_start:
    whether a window that ends later can still reach back to the start (not so when even the longest window is too short).
    """
    end = int(now) - int(now) % 60
    longest = max(allowed_hours)
    if started is None:
        return dict(end=end, hours=fallback_hours, started_known=False, elapsed_seconds=None, covers_start=False,
                    note="The alert carries no usable triggered time: snapshot of the last %s (te_fallback_hours)." % hours_text(fallback_hours))
    if started > now:
        # The sender's clock is ahead of ours: the alert is new, so the shortest window is the right one.
        shortest = min(allowed_hours)
        return dict(end=end, hours=shortest, started_known=True, elapsed_seconds=0, covers_start=True,
                    note="The alert's start time is %s ahead of this host's clock (clock skew): snapshot of the last %s."
                    % (elapsed_text(started - now), hours_text(shortest)))
    elapsed = max(end - started, 0)
    ago = elapsed_text(elapsed) + " ago"
    covering = [hours for hours in sorted(allowed_hours) if hours * 3600 >= elapsed]
    if covering:
        hours = covering[0]
        note = "The alert started %s: a %d-hour window covers it." % (ago, hours)
    else:
        hours = longest
        note = "The alert started %s, more than the %s a snapshot can cover: snapshot of the last %s only." % (
            ago, hours_text(longest), hours_text(longest))
    return dict(end=end, hours=hours, started_known=True, elapsed_seconds=elapsed, note=note, covers_start=bool(covering))


def check_title_format(title_format):
    """Raise TitleFormatError naming the unknown placeholders of an operator's format."""
    unknown = sorted(set(name for name in _PLACEHOLDER.findall(title_format) if name not in PLACEHOLDERS))
    if unknown:
        raise TitleFormatError(
            "Option title_format: unknown placeholder%s %s; allowed: %s. Other text, braces included, is kept as written."
            % ("s" if len(unknown) > 1 else "", ", ".join("{%s}" % name for name in unknown), ", ".join("{%s}" % name for name in PLACEHOLDERS)))


def render_title(title_format, values):
    """The format with each {placeholder} replaced by its value, in one pass: a value is inserted as it is and never
    read again, so braces, percent signs, quotes or templates in it stay literal. Each run of characters the snapshot
    module refuses in a title (control, format and other invisible ones) becomes one space; the title is cut to the
    255 characters the API takes."""
    text = _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), title_format)
    text = "".join("".join(run) if printable else " " for printable, run in itertools.groupby(text, key=is_printable)).strip()
    return text[:MAX_DISPLAY_NAME].strip()


def alert_evidence_key(alert_id):
    """The snapshot module's evidence_key for an incident: its (first) alert's ID, the same in every body kind and listing.

    'alert-<ID>' when the ID fits the key's characters, else 'alert-h<16 hex digits of its SHA-256>' (distinct IDs keep
    distinct keys); None for an alert without an ID, which then cannot be matched and is snapshot every time.
    """
    if not alert_id or alert_id == "?":
        return None
    key = "alert-%s" % alert_id
    if EVIDENCE_KEY.match(key):
        return key
    return "alert-h%s" % hashlib.sha256(alert_id.encode("utf-8")).hexdigest()[:16]


def _classic_alert(payload):
    """The alert object of a classic body: "alert", else "agentAlert" (agent alerts may carry both)."""
    for key in ("alert", "agentAlert"):
        if isinstance(payload.get(key), Mapping):
            return payload[key]
    return {}


def read_alert(payload):
    """What a webhook body says, as plain text, whichever kind of webhook sent it.

    Returns a dict: body_kind (CUSTOM or CLASSIC), notification ("triggered", CLEARED, WEBHOOK_TEST, or None when the
    body names none this collection knows), event_type (what named it: payload.type or payload.eventType, as text),
    kind (the alert's kind from _alert_types, by its type), fields (id, type, severity, test_id, test_name, rule_name,
    account_id: text, '' when absent), agent (the agent an alert names: a classic alert's agentName, a custom alert's first
    alert.details[].source.name; '' otherwise) and started (epoch seconds or None).
    """
    if "eventType" in payload:
        raw_event = payload.get("eventType")
        event_type = _plain_text(raw_event) if isinstance(raw_event, str) else ""
        notification, event_kind = CLASSIC_EVENT_TYPES.get(event_type.upper(), (None, None))
        alert = _classic_alert(payload)
        test_id = alert.get("testId")
        fields = dict(
            id=_plain_text(alert.get("alertId")),
            type=_plain_text(alert.get("type")),
            severity=_plain_text(alert.get("severity")),
            test_id=_plain_text(test_id) if not isinstance(test_id, float) else "",
            test_name=_plain_text(alert.get("testName")),
            rule_name=_plain_text(alert.get("ruleName")),
            # The account group of the alert rule (keephq/keep's captured bodies), the test's account group.
            account_id=_plain_text(alert.get("ruleAid")),
        )
        started = parse_classic_date(alert.get("dateStart"))
        if started is None:
            started = parse_classic_date(alert.get("dateStartZoned"))
        return dict(body_kind=CLASSIC, notification=notification, event_type=event_type,
                    kind=event_kind or alert_kind(fields["type"]), fields=fields,
                    agent=_plain_text(alert.get("agentName")), started=started)

    alert = payload["alert"]
    raw_type = payload.get("type")
    notification = NOTIFICATION_TYPES.get(_plain_text(raw_type)) if not isinstance(raw_type, bool) else None
    fields = dict(
        id=_plain_text(alert.get("id")),
        type=_plain_text(alert.get("type")),
        severity=_plain_text(alert.get("severity")),
        test_id=_plain_text(_lookup(alert, "test", "id")),
        test_name=_plain_text(_lookup(alert, "test", "name")),
        rule_name=_plain_text(_lookup(alert, "rule", "name")),
        account_id=_plain_text(_lookup(alert, "rule", "account", "id")),
    )
    details = alert.get("details")
    first = details[0] if isinstance(details, list) and details else None
    return dict(body_kind=CUSTOM, notification=notification, event_type=_plain_text(raw_type), kind=alert_kind(fields["type"]),
                fields=fields, agent=_plain_text(_lookup(first, "source", "name")), started=parse_started(alert.get("triggered")))


def _no_plan(read, outcome, reason, msg):
    return dict(notification=read["notification"], body_kind=read["body_kind"], alert_kind=read["kind"], outcome=outcome, reason=reason,
                alert=read["fields"], snapshot=None, window=None, msg=msg)


def plan_snapshot(variables, title_format=None, fallback_hours=DEFAULT_FALLBACK_HOURS, account_group_id=None, api_version="v7",
                  now=None):
    """Everything the playbook needs from the event, as plain data.

    variables: the play's variables as the controller holds them (never templated here).
    Raises AlertEventError for an event that cannot give a snapshot, TitleFormatError for a bad format and
    ValueError for a fallback window the API does not allow.
    """
    allowed = ALLOWED_HOURS[api_version]
    if fallback_hours not in allowed:
        raise ValueError("Option fallback_hours (te_fallback_hours): %s is not a window ThousandEyes API %s allows; allowed: %s."
                         % (fallback_hours, api_version, ", ".join(str(hours) for hours in allowed)))
    if title_format is not None:
        check_title_format(title_format)

    payload = event_payload(variables)
    read = read_alert(payload)
    fields = read["fields"]
    started = read["started"]
    fields["started"] = datetime.fromtimestamp(started, UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if started is not None else None
    alert_label = fields["id"] or "?"
    test_id = fields["test_id"] if _DIGITS.match(fields["test_id"]) else ""
    test_label = fields["test_name"] or ("test %s" % test_id if test_id else "(no test)")
    classic = read["body_kind"] == CLASSIC
    notification = read["notification"]

    if notification is None:
        if classic:
            raise AlertEventError(
                "The event's payload.eventType is %s; a ThousandEyes classic webhook sends %s." % (
                    _shown(read["event_type"]), ", ".join(sorted(CLASSIC_EVENT_TYPES))))
        raise AlertEventError(
            "The event's payload.type is %s; ThousandEyes sends \"2\" for a triggered alert and \"1\" for a cleared one."
            % _shown(payload.get("type")))
    if notification == WEBHOOK_TEST:
        reason = "a classic webhook's test event (the app's Test button) carries no alert"
        return _no_plan(read, NO_SNAPSHOT, reason, "ThousandEyes webhook test event (eventType %s): no snapshot: %s." % (
            shown_text(read["event_type"], SHOWN_LIMIT), reason))
    # In messages, the event's text is shown escaped: a name cannot forge a line of the job output.
    subject = shown_text(test_label if read["kind"] != AGENT or not read["agent"] else "agent %s" % read["agent"], SHOWN_LIMIT)
    shown_alert, shown_test = shown_text(alert_label, SHOWN_LIMIT), shown_text(test_label, SHOWN_LIMIT)
    if notification == CLEARED:
        how = "eventType %s" % read["event_type"] if classic else "notification type 1"
        return _no_plan(read, CLEARED, "the alert was cleared",
                        "ThousandEyes alert %s on %s was cleared (%s): no snapshot is created for a cleared alert." % (shown_alert, subject, how))
    if read["kind"] != SNAPSHOT_TEST:
        reason = NO_SNAPSHOT_REASONS[read["kind"]]
        return _no_plan(read, NO_SNAPSHOT, reason, "ThousandEyes alert %s (%s, %s webhook) on %s: no snapshot: %s." % (
            shown_alert, shown_text(fields["type"], SHOWN_LIMIT) or "no type", read["body_kind"], subject, reason))
    if not test_id and not fields["test_name"]:
        if classic:
            raise AlertEventError(
                "ThousandEyes alert %s (classic webhook, alert type %s) carries neither alert.testId nor alert.testName, which a "
                "classic webhook sends for every test alert; check that the body is not edited on its way." % (shown_alert, _shown(fields["type"])))
        raise AlertEventError(
            "ThousandEyes alert %s carries neither alert.test.id nor alert.test.name; add alert.test.id to the webhook template "
            "(\"id\": \"{{alert.test.id}}\" in its \"test\" object)." % shown_alert)

    window = choose_window(started, time.time() if now is None else now, allowed, fallback_hours)
    values = dict(
        alert_id=alert_label, alert_type=fields["type"], severity=fields["severity"], test=test_label, test_id=test_id,
        test_name=fields["test_name"], rule_name=fields["rule_name"], account_id=fields["account_id"],
        started=fields["started"] or "unknown", window_hours=str(window["hours"]),
    )
    if title_format is None:
        title_format = DEFAULT_TITLE_FORMAT if fields["rule_name"] else DEFAULT_TITLE_FORMAT_NO_RULE
    display_name = render_title(title_format, values) or render_title(DEFAULT_TITLE_FORMAT_NO_RULE, values)

    operator_aid = _plain_text(account_group_id)
    alert_aid = fields["account_id"] if _DIGITS.match(fields["account_id"]) else ""
    snapshot = dict(
        test_id=test_id or None,
        test_name=None if test_id else fields["test_name"],
        end=window["end"],
        hours=window["hours"],
        # The alert's start, for the snapshot module's since: the window then ends when the snapshot is made. Not when even
        # the longest window cannot reach it: hours alone gives that window, also ending when the snapshot is made, and the
        # note has said so already (since would only add a warning that the start is out of reach).
        since=fields["started"] if window["covers_start"] else None,
        display_name=display_name,
        account_group_id=operator_aid or alert_aid or None,
        evidence_key=alert_evidence_key(fields["id"]),
    )
    return dict(
        notification=notification, body_kind=read["body_kind"], alert_kind=read["kind"], outcome=SNAPSHOT, reason=None,
        alert=fields, snapshot=snapshot, window=window,
        msg="ThousandEyes alert %s on %s: snapshot of the last %s. %s" % (shown_alert, shown_test, hours_text(window["hours"]), window["note"]))
