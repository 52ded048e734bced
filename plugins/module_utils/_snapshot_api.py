# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The snapshot call in each API version: the request to send, and the answer in one normalised shape.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import re
import unicodedata
from datetime import datetime, timedelta

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import UnexpectedAnswer
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import UTC, format_v6, format_v7

# Public snapshots expire after 30 days (both API documents); private ones never do (product docs; see RETURN).
PUBLIC_LIFETIME = timedelta(days=30)
# v7 returns no share URL; v6's viewUrl is https://<linkId>.share.thousandeyes.com/view/tests/ and v7's id is that linkId.
SHARE_URL_TEMPLATE = "https://%s.share.thousandeyes.com/"
MAX_DISPLAY_NAME = 255
# Control, format (such as U+200B or U+202E), surrogate, private-use and unassigned characters, and line separators:
# invisible or misleading in a title, so never sent.
UNPRINTABLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
ELLIPSIS = "..."


def snapshot_request(api_version, test_id, display_name, start_at, end_at, public):
    """(path segments, JSON body) for creating a snapshot."""
    if api_version == "v6":
        return ("snapshot.json",), {
            "testId": int(test_id),
            "displayName": display_name,
            "from": format_v6(start_at),
            "to": format_v6(end_at),
            "isPublic": 1 if public else 0,
        }
    # v7: the docs' sentence on isPublic contradicts the field name and v6; true is sent for a public link
    # and the answer's test.savedEvent is checked (see visibility_warning).
    return ("tests", str(test_id), "snapshot"), {
        "displayName": display_name,
        "startDate": format_v7(start_at),
        "endDate": format_v7(end_at),
        "isPublic": bool(public),
    }


def is_printable(character):
    """Whether a character may stand in a snapshot title."""
    return unicodedata.category(character) not in UNPRINTABLE_CATEGORIES


def default_display_name(test_label, start_at, end_at):
    """'<test>, <start> to <end> UTC', the test's part shortened so the whole stays within the API's 255 characters."""
    start_text = start_at.strftime("%Y-%m-%d %H:%M")
    end_format = "%H:%M" if start_at.date() == end_at.date() else "%Y-%m-%d %H:%M"
    window = ", %s to %s UTC" % (start_text, end_at.strftime(end_format))
    room = MAX_DISPLAY_NAME - len(window)
    if len(test_label) > room:
        test_label = test_label[:room - len(ELLIPSIS)].rstrip() + ELLIPSIS
    return test_label + window


def _iso(moment):
    return format_v7(moment) if moment else None


def _parse_share_date(text):
    """shareDate is ISO 8601 in v7 and 'yyyy-MM-dd HH:mm:ss' in v6, both UTC."""
    if not text:
        return None
    for pattern in ("%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(str(text), pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def _expiry(share_date):
    try:
        return _iso(share_date + PUBLIC_LIFETIME)
    except OverflowError:  # a share date at the end of the calendar, from a confused server
        return None


def _dig(data, *keys):
    """data[k1][k2]... or None as soon as a level is missing or not a dict (an answer is data, never trusted in shape)."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(value):
    """A string or number from the answer as a string; anything else (lists, dicts, booleans, empty) as None."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value) if str(value).strip() else None


def planned_snapshot(api_version, source_test_id, display_name, start_at, end_at, public):
    """The snapshot as it will be, before the API has answered (check mode, diff)."""
    return {
        "id": None,
        "display_name": display_name,
        "public": bool(public),
        "share_url": None,
        "app_url": None,
        "test_id": None,
        "source_test_id": str(source_test_id),
        "start": _iso(start_at),
        "end": _iso(end_at),
        "share_date": None,
        "expires": None,
        "api_version": api_version,
        "response": None,
    }


def _snapshot_record(api_version, body):
    """The object describing the snapshot in an answer (v6: its link), or None when the answer has none."""
    record = _dig(body, "link") if api_version == "v6" else body
    return record if isinstance(record, dict) else None


def _link_id(api_version, record):
    """The snapshot's link ID, as a string; UnexpectedAnswer when the answer has none."""
    key = "linkId" if api_version == "v6" else "id"
    link_id = _text(record.get(key)) if record is not None else None
    if link_id is None:
        raise UnexpectedAnswer("the answer has no snapshot %s" % ("link.linkId" if api_version == "v6" else "id"))
    return link_id.strip()


def created_snapshot(api_version, body, planned, now):
    """Normalise the API's answer; fields the API leaves out keep the planned values.

    Raises UnexpectedAnswer when the answer carries no snapshot ID: without it there is no link to return.
    """
    record = _snapshot_record(api_version, body)
    link_id = _link_id(api_version, record)
    public = actual_visibility(api_version, body, planned["public"])
    share_date = _parse_share_date(record.get("shareDate")) or now
    if api_version == "v6":
        # A private snapshot has no public link, whatever viewUrl says.
        view_url = _text(record.get("viewUrl"))
        share_url = (view_url or SHARE_URL_TEMPLATE % link_id) if public else None
        app_url = None
    else:
        share_url = SHARE_URL_TEMPLATE % link_id if public else None
        app_url = _text(_dig(body, "_links", "appLink", "href"))
    snapshot = dict(planned)
    snapshot.update({
        "id": link_id,
        "display_name": _text(record.get("displayName")) or planned["display_name"],
        "public": public,
        "share_url": share_url,
        "app_url": app_url,
        "test_id": _text(record.get("testId")),
        "source_test_id": _text(record.get("sourceTestId")) or planned["source_test_id"],
        "share_date": _iso(share_date),
        "expires": _expiry(share_date) if public else None,
        "response": body,
    })
    return snapshot


def actual_visibility(api_version, body, asked_public):
    """Public or private as the answer shows it (v7 test.savedEvent: a saved event is private); else as asked."""
    if api_version != "v7":
        return bool(asked_public)
    saved_event = _dig(body, "test", "savedEvent")
    if isinstance(saved_event, bool):
        return not saved_event
    return bool(asked_public)


def visibility_mismatch(asked_public, snapshot):
    """(is_exposure, message) when the API made the other kind of snapshot than asked, else None.

    Asked private and got a public link: the company's data is open to anyone with the link, which must fail.
    Asked public and got private: nothing is exposed, a warning is enough.
    """
    if snapshot["public"] == bool(asked_public):
        return None
    if not asked_public:
        return True, ("Asked for a private snapshot (public=false) but the API created a PUBLIC share link: id %s, %s, open to anyone "
                      "with the link until it expires. Delete it in the ThousandEyes app (Dashboards > Snapshots) if it must not be "
                      "public. The v7 docs contradict themselves on isPublic; please report this with the API response."
                      % (snapshot["id"], snapshot["share_url"] or SHARE_URL_TEMPLATE % snapshot["id"]))
    return False, ("Asked for a public snapshot but the API created a private one (its test.savedEvent says so), so there is no "
                   "share link. The v7 docs contradict themselves on isPublic; please report this with the API response.")


# -- Finding an earlier private snapshot of the same evidence (option reuse_existing) --------------------------------
# A private snapshot is listed by GET /v7/tests (and v6 tests.json) as a saved event, but the list gives only its test
# ID, its title (testName) and dates: not its link ID, its source test or its window. The title is the one field we
# control, so it carries a short marker naming the source test and the evidence: " [te:<test ID>:<evidence key>]", or
# " [te:<test ID>]" when the title itself is the evidence (a manual task). The marker is always kept whole at the end:
# the human part of the title is shortened to leave room for it within the API's 255 characters.
EVIDENCE_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}\Z")
MARKER_PREFIX = " [te:"
APP_TEST_URL = "https://app.thousandeyes.com/view/tests/?testId=%s"


def evidence_key_problem(key):
    """Why an evidence key cannot be used, or None."""
    if key is None or EVIDENCE_KEY.match(key):
        return None
    return ("Option evidence_key must be 1 to 64 characters: letters, digits, '.', '_', ':' or '-', starting with a letter or "
            "digit, such as 'alert-8f2a1c'; got %r." % key[:80])


def evidence_marker(test_id, key):
    """The marker that ends the title of a private snapshot that can be found again."""
    if key:
        return "%s%s:%s]" % (MARKER_PREFIX, test_id, key)
    return "%s%s]" % (MARKER_PREFIX, test_id)


def marked_display_name(display_name, marker):
    """The title with its marker at the end, the title's part shortened with '...' so that the whole fits 255 characters."""
    room = MAX_DISPLAY_NAME - len(marker)
    if len(display_name) > room:
        display_name = display_name[:room - len(ELLIPSIS)].rstrip() + ELLIPSIS
    return display_name + marker


def _test_id_order(test):
    text = test.get("test_id") or ""
    return (0, int(text), text) if text.isdigit() else (1, 0, text)


def find_saved_snapshots(tests, marker, title=None):
    """Saved events (private snapshots) of the same evidence, oldest first (test IDs grow with time).

    With an evidence key, the marker at the end of the title identifies it; without one (title given), the whole
    marked title must match.
    """
    found = []
    for test in tests:
        name = test.get("name")
        if not test.get("saved_event") or not isinstance(name, str):
            continue
        if (name == title) if title is not None else name.endswith(marker):
            found.append(test)
    return sorted(found, key=_test_id_order)


def recent_snapshots_of_test(tests, test_id, now, minutes):
    """Marked private snapshots of test_id (any key) created within the last `minutes`, oldest first.

    The coalescing window: an alert on a test whose snapshot was just made, under another alert's key, reuses it. A
    saved event without a readable createdDate is not taken as recent (it could be of any age).
    """
    pattern = re.compile(r" \[te:%s(:[A-Za-z0-9._:-]+)?\]\Z" % re.escape(str(test_id)))
    found = []
    for test in tests:
        name = test.get("name")
        if not test.get("saved_event") or not isinstance(name, str) or not pattern.search(name):
            continue
        raw = test.get("raw") if isinstance(test.get("raw"), dict) else {}
        created = _parse_share_date(raw.get("createdDate"))
        if created is not None and timedelta(0) <= now - created <= timedelta(minutes=minutes):
            found.append(test)
    return sorted(found, key=_test_id_order)


def existing_snapshot(api_version, saved_event, source_test_id, aid=None):
    """An earlier private snapshot, from its tests-list entry, in the shape of a created one.

    The list gives no link ID, window or source test, so id, start and end are null; source_test_id is the one the
    marker names. app_url is built as the API builds appLink for a snapshot test (its test ID and account group).
    """
    raw = saved_event.get("raw") if isinstance(saved_event.get("raw"), dict) else {}
    created = _parse_share_date(raw.get("createdDate"))
    app_url = None
    if saved_event.get("test_id"):
        app_url = APP_TEST_URL % saved_event["test_id"] + ("&__a=%s" % aid if aid else "")
    return {
        "id": None,
        "display_name": saved_event.get("name"),
        "public": False,
        "share_url": None,
        "app_url": app_url,
        "test_id": saved_event.get("test_id"),
        "source_test_id": str(source_test_id),
        "start": None,
        "end": None,
        "share_date": _iso(created) if created else None,
        "expires": None,
        "api_version": api_version,
        "response": None,
    }
