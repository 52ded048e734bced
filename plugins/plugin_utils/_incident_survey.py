# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The answers of the incident job's survey (the te_* variables of playbooks/snapshot_active_alerts.yml), turned into
# options: blank means the default, anything else must be valid, and a problem names the variable. The answers
# arrive as raw data and are never templated here; the reading rules are the snapshot job's (_survey.py), including
# what happens to an answer ansible-core 2.19+ retyped: te_title_format is a text and te_aid an ID, so either is
# refused when it arrived retyped and its text is unknown; te_fallback_hours, te_rate_limit_wait and te_public are used.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re

from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import text_problem
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import ALLOWED_HOURS
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._alert_event import DEFAULT_FALLBACK_HOURS, check_title_format
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._survey import TEXT_ANSWERS, SurveyAnswers

INCIDENT_VARIABLES = ("te_aid", "te_public", "te_title_format", "te_fallback_hours", "te_rate_limit_wait", "te_api_url",
                      "te_max_snapshots", "te_dashboard")
# A dashboard ID as the API lists it (24 hexadecimal digits in the official v7 spec's examples); any other answer is a title.
DASHBOARD_ID = re.compile(r"^[0-9a-f]{24}\Z")
DEFAULT_RATE_LIMIT_WAIT = 900
MAX_RATE_LIMIT_WAIT = 86400
# The most snapshots one job may be asked for: 10,000 at the quota (5 per 5 minutes) is about a week.
MAX_SNAPSHOTS = 10000


class IncidentSurveyAnswers(SurveyAnswers):
    """The incident survey's answers as options, and every problem found, each naming its survey variable."""

    TEXT_ANSWERS = {
        "te_title_format": "add a word or a placeholder to the title format so that it reads as text (for example 'Outage 12:30 {test}' "
                           "rather than '12:30')",
        "te_api_url": TEXT_ANSWERS["te_api_url"],
        "te_dashboard": "give the dashboard's title as text (a title made of digits only cannot be told from a number: use its ID)",
    }
    ID_ANSWERS = ("te_aid",)

    def __init__(self, answers, texts=None):  # pylint: disable=super-init-not-called  # the snapshot job's checks do not apply
        """texts: {variable: the answer as written in its extra-vars file, or None if that file cannot be read}."""
        self.problems = []
        texts = texts or {}
        text = dict((variable, self._text(variable, answers.get(variable), texts)) for variable in INCIDENT_VARIABLES)
        self.options = {
            "aid": self._digits("te_aid", text["te_aid"], "the account group ID"),
            "public": self._yes_no("te_public", answers.get("te_public"), text["te_public"], False),
            "title_format": self._title_format(text["te_title_format"]),
            "fallback_hours": self._fallback_hours(text["te_fallback_hours"]),
            "rate_limit_wait": self._rate_limit_wait(text["te_rate_limit_wait"]),
            "api_url": text["te_api_url"],
            "max_snapshots": self._max_snapshots(text["te_max_snapshots"]),
        }
        self.options["dashboard_id"], self.options["dashboard_name"] = self._dashboard(text["te_dashboard"])

    def _dashboard(self, value):
        """(dashboard_id, dashboard_name) of te_dashboard: an ID as the API lists it, or a title; (None, None) when blank."""
        if value is None:
            return None, None
        problem = text_problem("te_dashboard", value, kind="Survey answer")
        if problem:
            self.problems.append(problem)
            return None, None
        if DASHBOARD_ID.match(value):
            return value, None
        return None, value

    def _title_format(self, value):
        if value is None:
            return None
        try:
            check_title_format(value)
        except ValueError as error:
            self.problems.append(str(error).replace("Option title_format", "Survey answer te_title_format", 1))
            return None
        return value

    def _fallback_hours(self, value):
        allowed = ALLOWED_HOURS["v7"]
        if value is None:
            return DEFAULT_FALLBACK_HOURS
        if not value.isdigit() or int(value) not in allowed:
            self.problems.append("Survey answer te_fallback_hours must be one of %s hours; got %r. Leave it blank for %d."
                                 % (", ".join(str(hours) for hours in allowed), value[:80], DEFAULT_FALLBACK_HOURS))
            return None
        return int(value)

    def _max_snapshots(self, value):
        if value is None:
            return None
        if not value.isdigit() or not 1 <= int(value) <= MAX_SNAPSHOTS:
            self.problems.append("Survey answer te_max_snapshots must be a number of snapshots from 1 to %d; got %r. Leave it "
                                 "blank to snapshot every alerting test." % (MAX_SNAPSHOTS, value[:80]))
            return None
        return int(value)

    def _rate_limit_wait(self, value):
        if value is None:
            return DEFAULT_RATE_LIMIT_WAIT
        if not value.isdigit() or int(value) > MAX_RATE_LIMIT_WAIT:
            self.problems.append("Survey answer te_rate_limit_wait must be a number of seconds from 0 to %d; got %r. Leave it blank "
                                 "for %d." % (MAX_RATE_LIMIT_WAIT, value[:80], DEFAULT_RATE_LIMIT_WAIT))
            return None
        return int(value)
