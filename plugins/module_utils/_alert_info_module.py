# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# What the alert_info module does, apart from how it is run: its options, their checks, the filters and the result.
# plugins/modules/alert_info.py runs it in a module process; plugins/action/alert_info.py runs the same code in the
# controller when the task's target is local.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.cisco.thousandeyes.plugins.module_utils._alert_types import normalise_alert_type
from ansible_collections.cisco.thousandeyes.plugins.module_utils._alerts_api import SEVERITIES, STATES, alert_test_id, list_alerts, normalize_alert
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import shown_text
from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import DIGITS, ThousandEyesModule, connection_argument_spec
from ansible_collections.cisco.thousandeyes.plugins.module_utils._tests_api import list_tests
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import WindowError, format_v7, parse_time, utc_now

# The whole listing (every page, the tests lookup, the waits) ends within max_duration seconds: 10 minutes lists tens of
# thousands of alerts at the API's pace, and covers the default rate_limit_wait (300).
DEFAULT_MAX_DURATION = 600
# The spec's window: a number and an optional unit, s (the default), m, h, d or w.
WINDOW = re.compile(r"^[1-9][0-9]{0,8}[smhdw]?\Z")


def option_problems(params, now):
    """Every problem with the options, naming each, and the time range as the API takes it; nothing is sent before."""
    problems = []
    if params["api_version"] != "v7":
        problems.append("Option api_version: alert_info reads the v7 alerts API only; set api_version=v7 (the default).")
    window = params.get("window")
    if window is not None and not WINDOW.match(window):
        problems.append("Option window must be a number with an optional unit s (default), m, h, d or w, such as 12h or 2d; "
                        "got %r." % window[:40])
    if window is not None and (params.get("start_date") is not None or params.get("end_date") is not None):
        problems.append("Options window and start_date/end_date are mutually exclusive: give one or the other.")
    times = {}
    for option in ("start_date", "end_date"):
        try:
            times[option] = parse_time(option, params.get(option), now)
        except WindowError as error:
            problems.append(str(error))
    if times.get("start_date") and times.get("end_date") and times["start_date"] >= times["end_date"]:
        problems.append("Option start_date (%s) must be before end_date (%s)." % (format_v7(times["start_date"]), format_v7(times["end_date"])))
    if params.get("max_duration") is not None and params["max_duration"] < 1:
        problems.append("Option max_duration must be 1 or more seconds; got %s." % params["max_duration"])
    if params.get("page_size") is not None and params["page_size"] < 1:
        problems.append("Option page_size must be 1 or more; got %s." % params["page_size"])
    for test_id in params.get("test_id") or []:
        if not DIGITS.match(test_id):
            problems.append("Option test_id: each test ID is digits only, at most 20; got %r." % test_id[:40])
    return problems, times


def keep(alert, params):
    if params.get("test_id") and alert["test_id"] not in params["test_id"]:
        return False
    if params.get("test_name") and alert["test_name"] not in params["test_name"]:
        return False
    if params.get("alert_type") and normalise_alert_type(alert["type"]) not in [normalise_alert_type(name) for name in params["alert_type"]]:
        return False
    if params.get("severity") and alert["severity"] not in params["severity"]:
        return False
    if params.get("rule_id") and alert["rule_id"] not in params["rule_id"]:
        return False
    return True


class AlertInfoModule(ThousandEyesModule):

    def run(self):
        problems, times = option_problems(self.params, utc_now())
        if problems:
            self.module.fail_json(msg=" ".join(problems))
        query = {"state": STATES[self.params["state"]]}
        query.update(self.aid_query() or {})
        if self.params.get("page_size"):
            query["max"] = self.params["page_size"]
        if self.params.get("window"):
            query["window"] = self.params["window"]
        for option, parameter in (("start_date", "startDate"), ("end_date", "endDate")):
            if times.get(option) is not None:
                query[parameter] = format_v7(times[option])
        # The range is the API's: active alerts by when they started, cleared ones by when they cleared (the v7 spec,
        # thousandeyes-cli api/thousandeyes.yaml, GET /alerts).
        # Every request from here on, together: a server that keeps sending slow pages cannot hold the task for hours.
        self.client.limit_run(self.params["max_duration"], "max_duration")
        notes = []
        entries, pages = self.call_api(lambda: list_alerts(self.client, query, notes))
        # Each entry on its own: one that is not an object is named and left out, the others are listed.
        raw = [entry for entry in entries if isinstance(entry, dict)]
        others = [index for index, entry in enumerate(entries) if not isinstance(entry, dict)]
        if others:
            self.module.warn("The API listed %d entr%s that %s not an alert object (entries %s of the list, counted from 0 "
                             "across pages); %s left out." % (len(others), "y" if len(others) == 1 else "ies",
                                                              "is" if len(others) == 1 else "are",
                                                              ", ".join(str(index) for index in others[:10]) + (", ..." if len(others) > 10 else ""),
                                                              "it is" if len(others) == 1 else "they are"))
        names = {}
        if any(alert_test_id(entry) for entry in raw):
            tests = self.call_api(lambda: list_tests(self.client, self.api_version, self.aid_query(), notes))
            names = dict((test["test_id"], test["name"]) for test in tests)
        for note in notes:
            self.module.warn(note)
        alerts = [alert for alert in (normalize_alert(entry, names) for entry in raw) if keep(alert, self.params)]
        unusable = [alert for alert in alerts if alert["started"] is None and alert["raw"].get("startDate", alert["raw"].get("dateStart")) is not None]
        if unusable:
            listed = "; ".join("alert %s: %s" % (shown_text(alert["alert_id"], 80), shown_text(
                alert["raw"].get("startDate", alert["raw"].get("dateStart")), 40)) for alert in unusable[:5])
            if len(unusable) > 5:
                listed += "; ..."
            self.module.warn("%d alert%s a start that is not a time (%s); started is null for %s, raw keeps what the API sent."
                             % (len(unusable), " has" if len(unusable) == 1 else "s have", listed, "it" if len(unusable) == 1 else "them"))
        # By moment (started is ISO 8601 UTC, so its text sorts as time), alerts without a usable start last.
        alerts.sort(key=lambda alert: (alert["started"] is None, alert["started"] or "", alert["alert_id"] or ""))
        if self.client.rate_limit_waited:
            # Said out loud: a task that sat still for minutes tells why (the rate limit is shared by the organisation).
            self.module.warn("Waited %.0fs for the ThousandEyes API rate limit (HTTP 429) while listing the alerts."
                             % self.client.rate_limit_waited)
        self.module.exit_json(changed=False, alerts=alerts, pages=pages, rate_limit_waited=round(self.client.rate_limit_waited, 1))


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        state=dict(type="str", default="active", choices=list(STATES)),
        window=dict(type="str"),
        start_date=dict(type="str"),
        end_date=dict(type="str"),
        test_id=dict(type="list", elements="str"),
        test_name=dict(type="list", elements="str"),
        alert_type=dict(type="list", elements="str"),
        severity=dict(type="list", elements="str", choices=list(SEVERITIES)),
        rule_id=dict(type="list", elements="str"),
        page_size=dict(type="int"),
        max_duration=dict(type="int", default=DEFAULT_MAX_DURATION),
    )
    return spec
