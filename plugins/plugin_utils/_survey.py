# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The answers of a snapshot job's survey (the te_* variables of playbooks/create_snapshot.yml), turned into the
# snapshot module's options: blank means the default, anything else must be valid, and a problem names the variable.
# The answers arrive as raw data and are never templated here.
#
# ansible-core 2.19 and later give AWX's answers YAML 1.1 types (see _extra_vars_text.py): a text answer may arrive as
# a number, boolean, null or date. Where the text as typed is known, it is used; where it is not, a title, name or ID
# is refused rather than sent as a different one. A number for te_hours and a boolean for te_public mean what they say.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import API_VERSIONS, DIGITS
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import text_problem
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import ALLOWED_HOURS
from ansible_collections.cisco.thousandeyes.plugins.plugin_utils._extra_vars_text import is_text_of

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
# Answers that must be text, and what to do when one arrived retyped and its text is unknown.
TEXT_ANSWERS = {
    "te_test_name": "give the test's ID in te_test_id instead (cisco.thousandeyes.test_info lists the tests and their IDs)",
    "te_display_name": "add a word to the title so that it reads as text (for example 'Outage 12:30' rather than '12:30')",
    "te_api_url": "give the URL with its scheme (https://...)",
    "te_api_version": "answer v7 or v6",
}
ID_ANSWERS = ("te_test_id", "te_aid")
WHY_RETYPED = ("YAML 1.1 reads a plain value such as 12:30, 0123, yes or 2026-01-02 as 750, 83, true or a date, and ansible-core "
               "2.19 and later do so even for extra variables tagged !unsafe, as AWX and Automation Platform write survey answers")


class SurveyAnswers(object):
    """The survey's answers as snapshot options, and every problem found, each naming its survey variable."""

    # A subclass for another survey names its own text and ID answers.
    TEXT_ANSWERS = TEXT_ANSWERS
    ID_ANSWERS = ID_ANSWERS  # type: tuple[str, ...]

    def __init__(self, answers, default_hours=4, default_public=False, texts=None):
        """texts: {variable: the answer as written in its extra-vars file, or None if that file cannot be read}."""
        self.problems = []
        texts = texts or {}
        text = dict((variable, self._text(variable, answers.get(variable), texts)) for variable, unused in SURVEY_OPTIONS)
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

    def _text(self, variable, value, texts):
        """An answer as stripped text; None when blank."""
        if value is not None and not isinstance(value, str) and variable in texts and is_text_of(texts[variable], value):
            value = texts[variable]  # retyped by ansible-core: the text as typed, from the extra-vars file
        elif value is None and variable in texts and is_text_of(texts[variable], None):
            value = texts[variable]  # '' (blank) or a text such as 'null' that YAML 1.1 reads as nothing
        if value is None:
            return None
        if isinstance(value, str):
            return value.strip() or None
        if not isinstance(value, (bool, int, float)) and not self._is_date(value):
            self.problems.append("Survey answer %s must be text, not a %s." % (variable, type(value).__name__))
            return None
        if variable in self.TEXT_ANSWERS or (variable in self.ID_ANSWERS and (variable in texts or not self._is_integer(value))):
            # A text that arrived retyped, its text unknown: refuse rather than use a different title, name or ID.
            self.problems.append("Survey answer %s arrived as %s, not as text, and the text that was typed cannot be known: %s, and %s. "
                                 "To go on, %s, or run the job with ansible-core 2.18 or earlier."
                                 % (variable, self._describe(value), WHY_RETYPED,
                                    "the extra-vars file that set it cannot be read again" if variable in texts else "no extra-vars file set it",
                                    self.TEXT_ANSWERS.get(variable, "give the ID as digits only, with no leading zero")))
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(int(value)) if float(value).is_integer() else str(value)

    @staticmethod
    def _is_integer(value):
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0

    @staticmethod
    def _is_date(value):
        return hasattr(value, "isoformat") and hasattr(value, "year")

    def _describe(self, value):
        if isinstance(value, bool):
            return "the boolean %s" % ("true" if value else "false")
        if self._is_date(value):
            return "the date %s" % value.isoformat()
        return "the number %r" % (value,)

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
