# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The tests list of both API versions in one shape, and finding a test by its name.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import difflib

# v7 GET /v7/tests answers {"tests": [...]}; v6 GET /v6/tests.json answers {"test": [...]}.
LIST_PATHS = {"v7": ("tests",), "v6": ("tests.json",)}
LIST_KEYS = {"v7": "tests", "v6": "test"}


class NameLookupError(ValueError):
    """No test or several tests carry the name asked for."""


def _flag(value):
    """v7 sends booleans, v6 sends 0/1."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def normalize_test(entry):
    return {
        "test_id": str(entry.get("testId")) if entry.get("testId") is not None else None,
        "name": entry.get("testName"),
        "type": entry.get("type"),
        "enabled": _flag(entry.get("enabled")),
        "interval": entry.get("interval"),
        "saved_event": bool(_flag(entry.get("savedEvent"))),
        "live_share": bool(_flag(entry.get("liveShare"))),
        "raw": entry,
    }


def list_tests(client, api_version, query=None):
    """Every test the account group holds (saved events and shares included), normalised."""
    response = client.get(LIST_PATHS[api_version], query=query)
    entries = (response.data or {}).get(LIST_KEYS[api_version]) or []
    return [normalize_test(entry) for entry in entries if isinstance(entry, dict)]


def is_snapshot_or_saved_event(test):
    return test["saved_event"] or test["live_share"]


def find_test_by_name(tests, name):
    """The one real test (not a saved event or snapshot) named exactly `name`, or NameLookupError that helps."""
    candidates = [test for test in tests if not is_snapshot_or_saved_event(test)]
    matches = [test for test in candidates if test["name"] == name]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NameLookupError(
            "Option test_name: %d tests are named %r (test IDs %s); give test_id instead."
            % (len(matches), name, ", ".join(sorted(str(test["test_id"]) for test in matches))))
    names = sorted(set(test["name"] for test in candidates if test["name"]))
    folded = dict((candidate.lower(), candidate) for candidate in names)
    close = difflib.get_close_matches(name.lower(), list(folded), n=3, cutoff=0.5)
    hint = ("; closest names: %s" % ", ".join(repr(folded[item]) for item in close)) if close else ""
    raise NameLookupError("Option test_name: no test named %r in this account group (%d tests searched)%s." % (name, len(candidates), hint))
