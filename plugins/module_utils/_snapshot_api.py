# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The snapshot call in each API version: the request to send, and the answer in one normalised shape.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from datetime import datetime, timedelta

from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import UTC, format_v6, format_v7

# Public snapshots expire after 30 days (both API documents); private ones never do.
PUBLIC_LIFETIME = timedelta(days=30)
# v7 returns no share URL; v6's viewUrl is https://<linkId>.share.thousandeyes.com/view/tests/ and v7's id is that linkId.
SHARE_URL_TEMPLATE = "https://%s.share.thousandeyes.com/"


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


def default_display_name(test_label, start_at, end_at):
    start_text = start_at.strftime("%Y-%m-%d %H:%M")
    end_format = "%H:%M" if start_at.date() == end_at.date() else "%Y-%m-%d %H:%M"
    return "%s, %s to %s UTC" % (test_label, start_text, end_at.strftime(end_format))


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


def created_snapshot(api_version, body, planned, now):
    """Normalise the API's answer; fields the API leaves out keep the planned values."""
    body = body if isinstance(body, dict) else {}
    record = body.get("link") if api_version == "v6" else body
    record = record if isinstance(record, dict) else {}
    public = actual_visibility(api_version, body, planned["public"])
    link_id = record.get("linkId") if api_version == "v6" else record.get("id")
    share_date = _parse_share_date(record.get("shareDate")) or now
    if api_version == "v6":
        # A private snapshot has no public link, whatever viewUrl says.
        share_url = (record.get("viewUrl") or (SHARE_URL_TEMPLATE % link_id if link_id else None)) if public else None
        app_url = None
    else:
        share_url = SHARE_URL_TEMPLATE % link_id if public and link_id else None
        app_url = (((body.get("_links") or {}).get("appLink") or {}).get("href"))
    snapshot = dict(planned)
    snapshot.update({
        "id": link_id,
        "display_name": record.get("displayName") or planned["display_name"],
        "public": public,
        "share_url": share_url,
        "app_url": app_url,
        "test_id": str(record["testId"]) if record.get("testId") is not None else None,
        "source_test_id": str(record.get("sourceTestId") or planned["source_test_id"]),
        "share_date": _iso(share_date),
        "expires": _iso(share_date + PUBLIC_LIFETIME) if public else None,
        "response": body,
    })
    return snapshot


def actual_visibility(api_version, body, asked_public):
    """Public or private as the answer shows it (v7 test.savedEvent: a saved event is private); else as asked."""
    if api_version != "v7":
        return bool(asked_public)
    test = body.get("test") if isinstance(body, dict) else None
    if isinstance(test, dict) and isinstance(test.get("savedEvent"), bool):
        return not test["savedEvent"]
    return bool(asked_public)


def visibility_warning(asked_public, snapshot):
    if snapshot["public"] == bool(asked_public):
        return None
    return ("Asked for a %s snapshot but the API created a %s one (its test.savedEvent says so). The v7 docs contradict themselves "
            "on isPublic; please report this with the API response." % (
                "public" if asked_public else "private", "public" if snapshot["public"] else "private"))
