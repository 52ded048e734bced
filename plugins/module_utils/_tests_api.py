# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The tests list of both API versions in one shape, and finding a test by its name.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import difflib
import html
import json

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import MAX_TEXT, ThousandEyesAPIError

# v7 GET /v7/tests answers {"tests": [...]}; v6 GET /v6/tests.json answers {"test": [...]}.
LIST_PATHS = {"v7": ("tests",), "v6": ("tests.json",)}
LIST_KEYS = {"v7": "tests", "v6": "test"}
# The test types of API v7 (SimpleTest.type); test_info's type filter takes these.
TEST_TYPES = (
    "agent-to-agent", "agent-to-server", "api", "bgp", "dns-server", "dns-trace", "dnssec", "ftp-server", "http-server",
    "page-load", "sip-server", "voice", "web-transactions",
)


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


def list_tests(client, api_version, query=None, notes=None):
    """Every test the account group holds (saved events and shares included), normalised.

    An answer without a list under the version's key fails like an API error: nothing can be looked up in it. A test
    with a lone surrogate in its name (or elsewhere) is listed with it written as an escape, and named in notes (a list)
    when given: one such test does not fail the lookup of the others.
    """
    key = LIST_KEYS[api_version]
    response = client.get(LIST_PATHS[api_version], query=query, action="tests", entries=key)
    for _index, where in response.escaped_entries:
        if notes is not None:
            notes.append("The tests list has text that is not valid Unicode (a lone UTF-16 surrogate in %s); that test is "
                         "listed with the character written as an escape." % where)
    entries = response.data.get(key) if isinstance(response.data, dict) else None
    if not isinstance(entries, list):
        raise ThousandEyesAPIError(
            "ThousandEyes API answered HTTP %s to GET %s without the %r list of tests: %s. Check api_url: it must name the "
            "ThousandEyes API." % (response.status, response.url, key, json.dumps(response.data)[:MAX_TEXT]),
            status=response.status, error={"body": response.data}, url=response.url)
    return [normalize_test(entry) for entry in entries if isinstance(entry, dict)]


def is_snapshot_or_saved_event(test):
    return test["saved_event"] or test["live_share"]


def _excluded_kind(test):
    if test["saved_event"]:
        return "a saved event (private snapshot)"
    return "a live share of another organisation's test"


def _not_a_test(option, label, entries):
    kinds = sorted(set(_excluded_kind(test) for test in entries))
    return NameLookupError(
        "Option %s: %s is %s in this account group, not a test; snapshots are taken of tests. Give a test's own %s "
        "(cisco.thousandeyes.test_info lists them)." % (option, label, " and ".join(kinds), "name" if option == "test_name" else "ID"))


def find_test_by_name(tests, name):
    """The one real test (not a saved event or snapshot) named exactly `name`, or NameLookupError that helps.

    When no entry at all carries `name` and its HTML-unescaped form differs ("Checkout &amp; Payments"), the unescaped
    name is looked up instead: a webhook template's {{...}} may HTML-escape the test name it sends. The found test's
    "name" then differs from `name`, which callers can report.
    """
    if isinstance(name, str) and not any(test["name"] == name for test in tests):
        unescaped = html.unescape(name)
        if unescaped != name and any(test["name"] == unescaped for test in tests):
            return _find_by_exact_name(tests, unescaped)
    return _find_by_exact_name(tests, name)


def _find_by_exact_name(tests, name):
    candidates = [test for test in tests if not is_snapshot_or_saved_event(test)]
    matches = [test for test in candidates if test["name"] == name]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NameLookupError(
            "Option test_name: %d tests are named %r (test IDs %s); give test_id instead."
            % (len(matches), name, ", ".join(sorted(str(test["test_id"]) for test in matches))))
    excluded = [test for test in tests if is_snapshot_or_saved_event(test) and test["name"] == name]
    if excluded:
        raise _not_a_test("test_name", repr(name), excluded)
    names = sorted(set(test["name"] for test in candidates if isinstance(test["name"], str) and test["name"]))
    folded = dict((candidate.lower(), candidate) for candidate in names)
    close = difflib.get_close_matches(name.lower(), list(folded), n=3, cutoff=0.5)
    hint = ("; closest names: %s" % ", ".join(repr(folded[item]) for item in close)) if close else ""
    raise NameLookupError("Option test_name: no test named %r in this account group (%d %s searched)%s."
                          % (name, len(candidates), "test" if len(candidates) == 1 else "tests", hint))


def find_test_by_id(tests, test_id):
    """The real test with this ID, or NameLookupError saying why there is none (check mode, and a 404's diagnosis)."""
    found = [test for test in tests if test["test_id"] == str(test_id)]
    real = [test for test in found if not is_snapshot_or_saved_event(test)]
    if real:
        return real[0]
    if found:
        raise _not_a_test("test_id", str(test_id), found)
    count = len([test for test in tests if not is_snapshot_or_saved_event(test)])
    raise NameLookupError(
        "Option test_id: no test with ID %s in this account group (%d %s listed); Endpoint Agent tests are not listed and "
        "cannot be snapshotted. Check test_id and aid." % (test_id, count, "test" if count == 1 else "tests"))
