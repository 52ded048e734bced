# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_api import (
    created_snapshot,
    default_display_name,
    planned_snapshot,
    snapshot_request,
    visibility_mismatch,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import UnexpectedAnswer
from ansible_collections.cisco.thousandeyes.plugins.module_utils import _snapshot_api

UTC = timezone.utc
START = datetime(2026, 11, 26, 4, 0, tzinfo=UTC)
END = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 26, 8, 30, 20, tzinfo=UTC)
SOURCE = "281474976710706"
V7_PUBLIC_ANSWER = {
    "id": "wdiac",
    "displayName": "Checkout outage",
    "shareDate": "2026-11-26T08:30:05Z",
    "sourceTestId": SOURCE,
    "testId": "281474976710801",
    "startRoundId": 1795665600,
    "endRoundId": 1795680000,
    "test": {"testId": "281474976710801", "testName": "Checkout API", "savedEvent": False, "liveShare": True},
    "_links": {
        "self": {"href": "https://api.thousandeyes.com/v7/tests/281474976710706/snapshot"},
        "appLink": {"href": "https://app.thousandeyes.com/view/tests/?testId=281474976710801&__a=1234"},
    },
}
V6_PUBLIC_ANSWER = {
    "link": {
        "displayName": "Checkout outage",
        "endRoundId": 1795680000,
        "extraParams": "",
        "linkId": "wdiac",
        "roundId": 1795665600,
        "shareDate": "2026-11-26 08:30:05",
        "sourceTestId": 817,
        "startRoundId": 1795665600,
        "testId": 902,
        "uid": 281474976810911,
        "viewUrl": "https://wdiac.share.thousandeyes.com/view/tests/",
    },
    "test": [],
}


def planned(api_version="v7", public=True, source=SOURCE):
    return planned_snapshot(api_version, source, "Checkout outage", START, END, public)


def with_saved_event(saved_event):
    answer = dict(V7_PUBLIC_ANSWER)
    answer["test"] = dict(V7_PUBLIC_ANSWER["test"], savedEvent=saved_event)
    return answer


# ------------------------------------------------------------------------------------------- requests

@pytest.mark.parametrize("public", [True, False])
def test_the_v7_request_posts_iso_utc_dates_and_a_boolean_is_public(public):
    segments, body = snapshot_request("v7", SOURCE, "Checkout outage", START, END, public)
    assert segments == ("tests", SOURCE, "snapshot")
    assert body == {"displayName": "Checkout outage", "startDate": "2026-11-26T04:00:00Z", "endDate": "2026-11-26T08:00:00Z", "isPublic": public}
    assert isinstance(body["isPublic"], bool)


@pytest.mark.parametrize("public, flag", [(True, 1), (False, 0)])
def test_the_v6_request_posts_an_integer_test_id_space_separated_dates_and_0_or_1(public, flag):
    segments, body = snapshot_request("v6", "817", "Checkout outage", START, END, public)
    assert segments == ("snapshot.json",)
    assert body == {"testId": 817, "displayName": "Checkout outage", "from": "2026-11-26 04:00:00", "to": "2026-11-26 08:00:00", "isPublic": flag}
    assert all(isinstance(body[key], int) and not isinstance(body[key], bool) for key in ("testId", "isPublic"))


@pytest.mark.parametrize("api_version, start_key, expected", [("v7", "startDate", "2026-11-26T04:00:00Z"), ("v6", "from", "2026-11-26 04:00:00")])
def test_request_dates_are_sent_in_utc_whatever_offset_they_carry(api_version, start_key, expected):
    start = datetime(2026, 11, 25, 23, 0, 0, 750000, tzinfo=timezone(timedelta(hours=-5)))
    body = snapshot_request(api_version, "817", "x", start, start + timedelta(hours=4), False)[1]
    assert body[start_key] == expected


# ----------------------------------------------------------------------------------------- v7 answers

def test_a_public_v7_snapshot_gets_an_inferred_share_url_app_url_and_expiry():
    snapshot = created_snapshot("v7", V7_PUBLIC_ANSWER, planned(), NOW)
    assert snapshot == {
        "id": "wdiac",
        "display_name": "Checkout outage",
        "public": True,
        "share_url": "https://wdiac.share.thousandeyes.com/",
        "app_url": "https://app.thousandeyes.com/view/tests/?testId=281474976710801&__a=1234",
        "test_id": "281474976710801",
        "source_test_id": SOURCE,
        "start": "2026-11-26T04:00:00Z",
        "end": "2026-11-26T08:00:00Z",
        "share_date": "2026-11-26T08:30:05Z",
        "expires": "2026-12-26T08:30:05Z",
        "api_version": "v7",
        "response": V7_PUBLIC_ANSWER,
    }


def test_a_private_v7_snapshot_has_no_share_url_and_never_expires():
    snapshot = created_snapshot("v7", with_saved_event(True), planned(public=False), NOW)
    assert snapshot["public"] is False
    assert (snapshot["share_url"], snapshot["expires"]) == (None, None)
    assert snapshot["app_url"] == V7_PUBLIC_ANSWER["_links"]["appLink"]["href"]
    assert visibility_mismatch(False, snapshot) is None


def test_v7_ids_given_as_numbers_come_back_as_strings():
    answer = dict(V7_PUBLIC_ANSWER, testId=281474976710801, sourceTestId=281474976710706)
    snapshot = created_snapshot("v7", answer, planned(), NOW)
    assert (snapshot["test_id"], snapshot["source_test_id"]) == ("281474976710801", "281474976710706")


@pytest.mark.parametrize("share_date, expected", [
    ("2026-11-26T08:30:05.123Z", "2026-11-26T08:30:05Z"),
    ("2026-11-26T08:30:05", "2026-11-26T08:30:05Z"),
    (None, "2026-11-26T08:30:20Z"),
    ("garbage", "2026-11-26T08:30:20Z"),
])
def test_the_share_date_is_read_in_each_form_or_taken_as_now(share_date, expected):
    snapshot = created_snapshot("v7", dict(V7_PUBLIC_ANSWER, shareDate=share_date), planned(), NOW)
    assert snapshot["share_date"] == expected
    assert snapshot["expires"] == (datetime.strptime(expected, "%Y-%m-%dT%H:%M:%SZ") + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_sparse_v7_answer_keeps_the_planned_values():
    snapshot = created_snapshot("v7", {"id": "abcde"}, planned(), NOW)
    assert snapshot["id"] == "abcde"
    assert snapshot["display_name"] == "Checkout outage"
    assert snapshot["source_test_id"] == SOURCE
    assert snapshot["share_url"] == "https://abcde.share.thousandeyes.com/"
    assert (snapshot["test_id"], snapshot["app_url"]) == (None, None)
    assert snapshot["public"] is True


@pytest.mark.parametrize("api_version, body", [
    ("v7", {}), ("v7", None), ("v7", []), ("v7", "ok"), ("v7", {"id": None}), ("v7", {"id": ""}), ("v7", {"id": True}),
    ("v7", {"id": ["wdiac"]}), ("v7", {"link": {"linkId": "wdiac"}}),
    ("v6", {}), ("v6", {"link": None}), ("v6", {"link": {"viewUrl": "https://x.share.thousandeyes.com/"}}), ("v6", {"id": "wdiac"}),
], ids=repr)
def test_an_answer_without_a_snapshot_id_is_unexpected(api_version, body):
    with pytest.raises(UnexpectedAnswer) as raised:
        created_snapshot(api_version, body, planned(api_version=api_version), NOW)
    assert str(raised.value) == "the answer has no snapshot %s" % ("id" if api_version == "v7" else "link.linkId")


def test_a_numeric_snapshot_id_comes_back_as_a_string():
    snapshot = created_snapshot("v7", dict(V7_PUBLIC_ANSWER, id=12345), planned(), NOW)
    assert snapshot["id"] == "12345" and snapshot["share_url"] == "https://12345.share.thousandeyes.com/"


@pytest.mark.parametrize("changes", [
    {"_links": ["x"]}, {"_links": {"appLink": "x"}}, {"test": "x"}, {"displayName": {"a": 1}}, {"shareDate": 17},
    {"shareDate": "9999-12-31T23:59:59Z"}, {"testId": [1]}, {"sourceTestId": {}},
], ids=repr)
def test_odd_shapes_in_an_answer_never_break_the_normalisation(changes):
    snapshot = created_snapshot("v7", dict(V7_PUBLIC_ANSWER, **changes), planned(), NOW)
    assert snapshot["id"] == "wdiac"
    assert all(value is None or isinstance(value, (str, bool)) for key, value in snapshot.items() if key != "response")


@pytest.mark.parametrize("asked_public, saved_event, actual_public", [(True, True, False), (False, False, True)])
def test_the_visibility_is_what_test_saved_event_says(asked_public, saved_event, actual_public):
    snapshot = created_snapshot("v7", with_saved_event(saved_event), planned(public=asked_public), NOW)
    assert snapshot["public"] is actual_public
    assert (snapshot["share_url"] is not None) is actual_public
    assert (snapshot["expires"] is not None) is actual_public


def test_asked_private_and_got_a_public_link_is_an_exposure_naming_the_link():
    snapshot = created_snapshot("v7", with_saved_event(False), planned(public=False), NOW)
    exposure, message = visibility_mismatch(False, snapshot)
    assert exposure is True
    assert "PUBLIC share link: id wdiac, https://wdiac.share.thousandeyes.com/" in message


def test_asked_public_and_got_private_is_only_a_warning():
    snapshot = created_snapshot("v7", with_saved_event(True), planned(public=True), NOW)
    exposure, message = visibility_mismatch(True, snapshot)
    assert exposure is False
    assert message.startswith("Asked for a public snapshot but the API created a private one (its test.savedEvent says so)")


def test_without_test_saved_event_the_visibility_is_as_asked():
    answer = dict(V7_PUBLIC_ANSWER)
    del answer["test"]
    snapshot = created_snapshot("v7", answer, planned(public=True), NOW)
    assert snapshot["public"] is True
    assert visibility_mismatch(True, snapshot) is None


# ----------------------------------------------------------------------------------------- v6 answers

def test_a_public_v6_snapshot_uses_view_url_and_string_ids():
    snapshot = created_snapshot("v6", V6_PUBLIC_ANSWER, planned("v6", source="817"), NOW)
    assert snapshot == {
        "id": "wdiac",
        "display_name": "Checkout outage",
        "public": True,
        "share_url": "https://wdiac.share.thousandeyes.com/view/tests/",
        "app_url": None,
        "test_id": "902",
        "source_test_id": "817",
        "start": "2026-11-26T04:00:00Z",
        "end": "2026-11-26T08:00:00Z",
        "share_date": "2026-11-26T08:30:05Z",
        "expires": "2026-12-26T08:30:05Z",
        "api_version": "v6",
        "response": V6_PUBLIC_ANSWER,
    }


@pytest.mark.parametrize("view_url", ["", "https://wdiac.share.thousandeyes.com/view/tests/"])
def test_a_private_v6_snapshot_has_no_share_url_and_never_expires(view_url):
    answer = {"link": dict(V6_PUBLIC_ANSWER["link"], viewUrl=view_url), "test": []}
    snapshot = created_snapshot("v6", answer, planned("v6", public=False, source="817"), NOW)
    assert snapshot["public"] is False
    assert (snapshot["share_url"], snapshot["expires"]) == (None, None)


def test_a_public_v6_answer_without_view_url_infers_it_from_the_link_id():
    answer = {"link": dict(V6_PUBLIC_ANSWER["link"], viewUrl=None)}
    assert created_snapshot("v6", answer, planned("v6", source="817"), NOW)["share_url"] == "https://wdiac.share.thousandeyes.com/"


# ------------------------------------------------------------------------------------ planned, names

def test_the_planned_snapshot_has_the_window_and_no_api_values_yet():
    assert planned(public=False, source=281474976710706) == {
        "id": None, "display_name": "Checkout outage", "public": False, "share_url": None, "app_url": None,
        "test_id": None, "source_test_id": SOURCE, "start": "2026-11-26T04:00:00Z", "end": "2026-11-26T08:00:00Z",
        "share_date": None, "expires": None, "api_version": "v7", "response": None,
    }


def test_the_default_name_shows_the_test_and_the_window_on_one_day():
    assert default_display_name("Checkout API", START, END) == "Checkout API, 2026-11-26 04:00 to 08:00 UTC"


@pytest.mark.parametrize("length", [200, 240, 249, 300, 1000])
def test_the_default_name_of_a_long_test_name_is_shortened_to_255_characters(length):
    name = default_display_name("N" * length, START, END)
    assert len(name) <= 255
    assert name.endswith(", 2026-11-26 04:00 to 08:00 UTC")
    if length + len(", 2026-11-26 04:00 to 08:00 UTC") > 255:
        assert name.startswith("N" * 100) and "..." in name


def test_the_default_name_shows_both_dates_across_midnight():
    start = datetime(2026, 11, 25, 22, 0, tzinfo=UTC)
    assert default_display_name("Test 817", start, start + timedelta(hours=4)) == "Test 817, 2026-11-25 22:00 to 2026-11-26 02:00 UTC"


# -------------------------------------------------------------- finding an earlier snapshot of the same evidence

def saved(test_id, name, saved_event=True, created="2026-11-26T08:30:16Z"):
    raw = {"testId": test_id, "testName": name, "savedEvent": saved_event, "createdDate": created}
    return {"test_id": test_id, "name": name, "saved_event": saved_event, "live_share": False, "raw": raw}


@pytest.mark.parametrize("key", ["a", "alert-8f2a1c", "7f3e2b1c-0a4d-4e8b-9c2d-5f6a7b8c9d0e", "a:1.b_2", "x" * 64])
def test_evidence_keys_that_are_short_and_plain_are_accepted(key):
    assert _snapshot_api.evidence_key_problem(key) is None


@pytest.mark.parametrize("key", ["-a", "a b", "a]", "x" * 65, "alert\n1", "é"])
def test_other_evidence_keys_are_refused_naming_the_option(key):
    assert _snapshot_api.evidence_key_problem(key).startswith("Option evidence_key must be 1 to 64 characters")


def test_the_marker_names_the_test_and_the_key():
    assert _snapshot_api.evidence_marker("281474976710706", "alert-9") == " [te:281474976710706:alert-9]"
    assert _snapshot_api.evidence_marker("281474976710706", None) == " [te:281474976710706]"


def test_a_long_title_is_shortened_and_the_marker_kept_whole_within_255_characters():
    marker = _snapshot_api.evidence_marker("281474976710706", "k" * 64)
    title = _snapshot_api.marked_display_name("T" * 300, marker)
    assert len(title) == 255
    assert title.endswith("..." + marker)
    assert _snapshot_api.marked_display_name("Checkout", marker) == "Checkout" + marker


def test_saved_events_with_the_marker_are_found_oldest_first_and_nothing_else():
    marker = " [te:100:alert-1]"
    tests = [
        saved("281474976720009", "Later" + marker),
        saved("281474976720002", "Earlier" + marker),
        saved("281474976720003", "Other alert [te:100:alert-11]"),  # a key that starts with the same text is another key
        saved("281474976720004", "Other test [te:1100:alert-1]"),
        saved("100", "A test named like it" + marker, saved_event=False),  # a configured test, not a snapshot
        saved("281474976720005", None),
    ]
    found = _snapshot_api.find_saved_snapshots(tests, marker)
    assert [test["test_id"] for test in found] == ["281474976720002", "281474976720009"]


def test_without_a_key_the_whole_marked_title_must_match():
    marker = " [te:100]"
    tests = [saved("281474976720002", "Change 42" + marker), saved("281474976720003", "Change 4" + marker)]
    found = _snapshot_api.find_saved_snapshots(tests, marker, title="Change 4" + marker)
    assert [test["test_id"] for test in found] == ["281474976720003"]


def test_an_earlier_snapshot_has_the_shape_of_a_created_one():
    found = _snapshot_api.existing_snapshot("v7", saved("281474976720002", "Checkout [te:100:a1]"), "100", aid="1234")
    planned = _snapshot_api.planned_snapshot("v7", "100", "x", NOW, NOW, False)
    assert set(found) == set(planned)
    assert found == {
        "id": None, "display_name": "Checkout [te:100:a1]", "public": False, "share_url": None,
        "app_url": "https://app.thousandeyes.com/view/tests/?testId=281474976720002&__a=1234", "test_id": "281474976720002",
        "source_test_id": "100", "start": None, "end": None, "share_date": "2026-11-26T08:30:16Z", "expires": None,
        "api_version": "v7", "response": None,
    }
    assert _snapshot_api.existing_snapshot("v6", saved("902", "x", created="bad"), "100")["share_date"] is None


def test_recent_snapshots_of_a_test_are_its_marked_ones_within_the_window():
    tests = [
        saved("281474976720001", "A [te:100:alert-1]", created="2026-11-26T08:25:00Z"),
        saved("281474976720002", "B [te:100]", created="2026-11-26T08:29:00Z"),
        saved("281474976720003", "C [te:1000:alert-1]", created="2026-11-26T08:29:00Z"),  # another test
        saved("281474976720004", "D [te:100:alert-2]", created="2026-11-26T08:00:00Z"),  # too old
        saved("281474976720005", "E [te:100:alert-3]", created="2026-11-26T09:00:00Z"),  # in the future: a confused clock
        saved("281474976720006", "F [te:100:alert-4] more", created="2026-11-26T08:29:00Z"),  # the marker is not at the end
    ]
    found = _snapshot_api.recent_snapshots_of_test(tests, "100", NOW, 15)
    assert [test["test_id"] for test in found] == ["281474976720001", "281474976720002"]
