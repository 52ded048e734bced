# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The answers of a snapshot job's survey (the te_* variables of playbooks/create_snapshot.yml), turned into the
# snapshot module's options: blank means the default, anything else must be valid, and a problem names the variable.
# The answers arrive as raw data and are never templated here.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import API_VERSIONS, DIGITS
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import text_problem
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import ALLOWED_HOURS

# Survey variable -> snapshot option.
SURVEY_OPTIONS = (
    ("te_test_id", "test_id"),
    ("te_test_name", "test_name"),
    ("te_hours", "hours"),
    ("te_public", "public"),
    ("te_display_name", "display_name"),
    ("te_api_url", "api_url"),
    ("te_api_version", "api_version"),
    ("te_aid", "aid"),
)
TRUE_ANSWERS = ("true", "yes", "on", "1")
FALSE_ANSWERS = ("false", "no", "off", "0")


class SurveyAnswers(object):
    """The survey's answers as snapshot options, and every problem found, each naming its survey variable."""

    def __init__(self, answers, default_hours=4, default_public=False):
        self.problems = []
        text = dict((variable, self._text(variable, answers.get(variable))) for variable, unused in SURVEY_OPTIONS)
        api_version = self._choice("te_api_version", text["te_api_version"], API_VERSIONS)
        self.options = {
            "test_id": self._digits("te_test_id", text["te_test_id"], "the test's ID"),
            "test_name": self._title("te_test_name", text["te_test_name"]),
            "hours": self._hours(text["te_hours"], api_version or "v7", default_hours),
            "public": self._yes_no("te_public", answers.get("te_public"), text["te_public"], default_public),
            "display_name": self._title("te_display_name", text["te_display_name"]),
            "api_url": text["te_api_url"],
            "api_version": api_version,
            "aid": self._digits("te_aid", text["te_aid"], "the account group ID"),
        }
        if (self.options["test_id"] is None) == (self.options["test_name"] is None) and not self._named("te_test_id", "te_test_name"):
            which = "both are given" if self.options["test_id"] is not None else "neither is given"
            self.problems.append("Survey: give exactly one of te_test_id (the test's ID) and te_test_name (its exact name); %s." % which)

    def _named(self, *variables):
        """Whether a problem already names one of the variables (no second message about the same answer)."""
        return any(variable in problem for problem in self.problems for variable in variables)

    def _text(self, variable, value):
        """An answer as stripped text; None when blank. Numbers and booleans are taken as their text."""
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            value = str(int(value)) if float(value).is_integer() else str(value)
        if not isinstance(value, str):
            self.problems.append("Survey answer %s must be text, not a %s." % (variable, type(value).__name__))
            return None
        value = value.strip()
        return value or None

    def _digits(self, variable, value, what):
        if value is not None and not DIGITS.match(value):
            self.problems.append("Survey answer %s must be %s, digits only; got %r." % (variable, what, value[:80]))
            return None
        return value

    def _title(self, variable, value):
        problem = text_problem(variable, value, kind="Survey answer")
        if problem:
            self.problems.append(problem)
            return None
        return value

    def _choice(self, variable, value, choices):
        if value is not None and value not in choices:
            self.problems.append("Survey answer %s must be one of %s; got %r." % (variable, ", ".join(choices), value[:80]))
            return None
        return value

    def _hours(self, value, api_version, default):
        allowed = ALLOWED_HOURS[api_version]
        if value is None:
            return default
        if not value.isdigit() or int(value) not in allowed:
            self.problems.append("Survey answer te_hours must be one of %s hours (API %s); got %r. Leave it blank for %d."
                                 % (", ".join(str(hours) for hours in allowed), api_version, value[:80], default))
            return None
        return int(value)

    def _yes_no(self, variable, raw, value, default):
        if value is None:
            return default
        if isinstance(raw, bool):
            return raw
        if value.lower() in TRUE_ANSWERS:
            return True
        if value.lower() in FALSE_ANSWERS:
            return False
        self.problems.append("Survey answer %s must be yes or no (true/false, on/off, 1/0); got %r. Leave it blank for %s."
                             % (variable, value[:80], "yes" if default else "no"))
        return None
