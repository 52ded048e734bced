# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import ApiResponse
from ansible_collections.cisco.thousandeyes.plugins.module_utils._tests_api import (
    NameLookupError,
    find_test_by_id,
    find_test_by_name,
    list_tests,
    normalize_test,
)

V7_TEST = {"testId": "281474976710706", "testName": "Checkout API", "type": "http-server", "enabled": True,
           "interval": 60, "savedEvent": False, "liveShare": False, "_links": {"self": {"href": "..."}}}
V6_TEST = {"testId": 817, "testName": "Payments API", "type": "http-server", "enabled": 1, "interval": 900,
           "savedEvent": 0, "liveShare": 0, "apiLinks": []}


class ListingClient(object):
    """Answers the tests list; records the path and query asked for."""

    def __init__(self, data):
        self.data = data
        self.asked = []

    def get(self, segments, query=None, action=None, entries=None):
        self.asked.append((segments, query))
        assert entries in ("tests", "test")  # the v7 and v6 keys
        return ApiResponse(200, {}, self.data, "https://api.thousandeyes.com/v7/tests")


def listed(test_id, name, saved_event=False, live_share=False):
    return normalize_test({"testId": test_id, "testName": name, "savedEvent": saved_event, "liveShare": live_share})


def test_a_v7_test_is_normalised():
    assert normalize_test(V7_TEST) == {
        "test_id": "281474976710706", "name": "Checkout API", "type": "http-server", "enabled": True,
        "interval": 60, "saved_event": False, "live_share": False, "raw": V7_TEST,
    }


def test_a_v6_test_gets_a_string_id_and_boolean_flags():
    normalized = normalize_test(V6_TEST)
    assert normalized["test_id"] == "817"
    assert normalized["enabled"] is True
    assert (normalized["saved_event"], normalized["live_share"]) == (False, False)


@pytest.mark.parametrize("flags, saved_event, live_share", [
    ({"savedEvent": True, "liveShare": False}, True, False),
    ({"savedEvent": 1, "liveShare": 0}, True, False),
    ({"savedEvent": 0, "liveShare": 1}, False, True),
    ({"savedEvent": "true", "liveShare": "0"}, True, False),
    ({}, False, False),
])
def test_saved_event_and_live_share_flags_read_the_same_in_both_versions(flags, saved_event, live_share):
    normalized = normalize_test(dict(flags, testId=1, testName="x"))
    assert (normalized["saved_event"], normalized["live_share"]) == (saved_event, live_share)


def test_a_missing_test_id_stays_none():
    assert normalize_test({"testName": "x"})["test_id"] is None


@pytest.mark.parametrize("api_version, path, data", [
    ("v7", ("tests",), {"tests": [V7_TEST, "junk"], "_links": {}}),
    ("v6", ("tests.json",), {"test": [V6_TEST, None]}),
])
def test_the_tests_list_is_read_from_each_versions_path_and_key(api_version, path, data):
    client = ListingClient(data)
    tests = list_tests(client, api_version, query={"aid": "1234"})
    assert client.asked == [(path, {"aid": "1234"})]
    assert [entry["test_id"] for entry in tests] == [str(data[{"v7": "tests", "v6": "test"}[api_version]][0]["testId"])]


def test_an_empty_tests_list_is_empty():
    assert list_tests(ListingClient({"tests": [], "_links": {}}), "v7") == []


@pytest.mark.parametrize("data", [{}, None, {"tests": None}, [], "ok", {"tests": "x"}, {"test": []}], ids=repr)
def test_an_answer_without_the_tests_list_fails_like_an_api_error(data):
    with pytest.raises(ThousandEyesAPIError) as error_info:
        list_tests(ListingClient(data), "v7")
    assert "without the 'tests' list of tests" in error_info.value.message
    assert error_info.value.error == {"body": data}


def test_a_unique_name_finds_its_test():
    tests = [listed("1", "Checkout API"), listed("2", "Payments API")]
    assert find_test_by_name(tests, "Payments API")["test_id"] == "2"


def test_saved_events_and_live_shares_of_the_same_name_are_not_matched():
    tests = [listed("9", "Checkout API", saved_event=True), listed("8", "Checkout API", live_share=True), listed("1", "Checkout API")]
    assert find_test_by_name(tests, "Checkout API")["test_id"] == "1"


def test_a_name_held_only_by_a_saved_event_says_it_is_one():
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name([listed("9", "Checkout incident", saved_event=True), listed("1", "Checkout API")], "Checkout incident")
    assert str(error_info.value).startswith(
        "Option test_name: 'Checkout incident' is a saved event (private snapshot) in this account group, not a test; "
        "snapshots are taken of tests.")


def test_a_name_held_only_by_a_live_share_says_it_is_one():
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name([listed("9", "Partner CDN", live_share=True)], "Partner CDN")
    assert "is a live share of another organisation's test in this account group, not a test" in str(error_info.value)


def test_a_test_id_is_found_and_a_saved_event_id_or_a_missing_one_says_why_not():
    tests = [listed("1", "Checkout API"), listed("9", "Checkout incident", saved_event=True)]
    assert find_test_by_id(tests, "1")["name"] == "Checkout API"
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_id(tests, "9")
    assert str(error_info.value).startswith("Option test_id: 9 is a saved event (private snapshot) in this account group, not a test")
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_id(tests, "5")
    assert str(error_info.value).startswith("Option test_id: no test with ID 5 in this account group (1 test listed)")


def test_no_match_suggests_the_closest_names_case_insensitively():
    tests = [listed("1", "Checkout API"), listed("2", "Checkout API (staging)"), listed("3", "DNS root servers")]
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name(tests, "checkout api")
    message = str(error_info.value)
    assert message.startswith("Option test_name: no test named 'checkout api' in this account group (3 tests searched); closest names: ")
    assert "'Checkout API'" in message and "'DNS root servers'" not in message


def test_no_match_and_nothing_close_gives_no_suggestion():
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name([listed("1", "Checkout API")], "zzzz")
    assert str(error_info.value) == "Option test_name: no test named 'zzzz' in this account group (1 test searched)."


def test_several_tests_of_one_name_fail_listing_their_ids():
    tests = [listed("20", "Checkout API"), listed("10", "Checkout API"), listed("30", "Other")]
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name(tests, "Checkout API")
    assert str(error_info.value) == "Option test_name: 2 tests are named 'Checkout API' (test IDs 10, 20); give test_id instead."


# A webhook template's {{alert.test.name}} may arrive HTML-escaped (Handlebars escapes by default; unconfirmed for
# ThousandEyes: /work/shared/reference/thousandeyes-alerts.md, custom webhook section).
@pytest.mark.parametrize("sent", ["Checkout &amp; Payments &quot;v2&quot;", "Checkout &amp; Payments &#34;v2&#x22;"])
def test_an_html_escaped_name_finds_the_test_named_with_its_entities_decoded(sent):
    tests = [listed("1", "Checkout & Payments \"v2\""), listed("2", "Checkout API")]
    assert find_test_by_name(tests, sent)["test_id"] == "1"


def test_an_exact_name_wins_over_its_unescaped_form():
    tests = [listed("1", "R&amp;D"), listed("2", "R&D")]
    assert find_test_by_name(tests, "R&amp;D")["test_id"] == "1"
    assert find_test_by_name(tests, "R&D")["test_id"] == "2"


def test_an_exact_saved_event_name_is_not_retried_unescaped():
    tests = [listed("9", "R&amp;D", saved_event=True), listed("2", "R&D")]
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name(tests, "R&amp;D")
    assert "is a saved event" in str(error_info.value)


def test_an_escaped_name_that_matches_nothing_either_fails_naming_the_name_as_sent():
    tests = [listed("1", "Checkout & Payments")]
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name(tests, "Checkout &amp; Billing")
    assert str(error_info.value).startswith("Option test_name: no test named 'Checkout &amp; Billing' in this account group (1 test searched)")


def test_an_unescaped_name_held_by_several_tests_lists_them():
    tests = [listed("1", "A & B"), listed("2", "A & B")]
    with pytest.raises(NameLookupError) as error_info:
        find_test_by_name(tests, "A &amp; B")
    assert str(error_info.value) == "Option test_name: 2 tests are named 'A & B' (test IDs 1, 2); give test_id instead."
