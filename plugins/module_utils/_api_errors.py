# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# Turns the error bodies of both API versions into one structured dict and one readable message.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import re
import unicodedata

try:
    from html import unescape
except ImportError:  # pragma: no cover - Python 2 only
    unescape = None

MAX_TEXT = 500

_TAGS = re.compile(r"<[^>]+>")
_SCRIPTS = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACES = re.compile(r"\s+")


class ThousandEyesAPIError(Exception):
    """A failed API call: message, HTTP status (None when no answer came), the parsed error, and whether a write may have happened."""

    def __init__(self, message, status=None, error=None, outcome_unknown=False, url=None):
        super(ThousandEyesAPIError, self).__init__(message)
        self.message = message
        self.status = status
        self.error = error or {}
        self.outcome_unknown = outcome_unknown
        self.url = url


class UnexpectedAnswer(ValueError):
    """A success status whose body lacks what the module must return."""


def _short_text(text):
    """Plain text of a non-JSON body (HTML pages included), cut to a readable length."""
    plain = _TAGS.sub(" ", _SCRIPTS.sub(" ", text or ""))
    if unescape:
        plain = unescape(plain)
    plain = _SPACES.sub(" ", plain).strip()
    if len(plain) > MAX_TEXT:
        plain = plain[:MAX_TEXT] + "..."
    return plain


def _field_errors(items):
    found = []
    for item in items or []:
        if isinstance(item, dict):
            found.append({
                "code": item.get("code"),
                "field": item.get("field"),
                "message": item.get("message") or item.get("detail") or item.get("title"),
            })
        elif item is not None:
            found.append({"code": None, "field": None, "message": str(item)})
    return found


# A UTF-16 surrogate code point on its own: JSON can carry one as an escape ("\ud800"), but it is not text. JSON
# decoding joins a valid pair into one character, so any surrogate left in a decoded string is a lone one. The module
# path cannot return it (ansible-core 2.19+ refuses a module result that is not valid UTF-8), so neither path does.
_LONE_SURROGATE = re.compile(u"[\ud800-\udfff]")


def lone_surrogate_at(value):
    """Where (a JSON path such as tests[0].testName) the first lone surrogate in decoded JSON is, or None."""
    where = _surrogate_path(value, "")
    # The path is shown in a message: a surrogate in a key is written as its escape.
    return escape_surrogates(where) if where else None


def _surrogate_path(value, where):
    if isinstance(value, str):
        return (where or "the body") if _LONE_SURROGATE.search(value) else None
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            path = "%s.%s" % (where, key) if where else str(key)
            if _LONE_SURROGATE.search(str(key)):
                return path
            items.append((path, item))
    elif isinstance(value, list):
        items = [("%s[%d]" % (where, index), item) for index, item in enumerate(value)]
    else:
        return None
    for path, item in items:
        found = _surrogate_path(item, path)
        if found:
            return found
    return None


def escape_surrogates(value):
    """value with each lone surrogate written as its JSON escape (backslash, u, four hex digits): readable, valid UTF-8."""
    if isinstance(value, dict):
        return dict((escape_surrogates(key), escape_surrogates(item)) for key, item in value.items())
    if isinstance(value, list):
        return [escape_surrogates(item) for item in value]
    if isinstance(value, str):
        return _LONE_SURROGATE.sub(lambda match: "\\u%04x" % ord(match.group(0)), value)
    return value


# Characters that can move the cursor, clear the screen, set a window title, end a line or hide text in a terminal or
# a job log: control (Cc), format (Cf: zero-width, direction overrides), line and paragraph separators (Zl, Zp),
# surrogates (Cs), private use and unassigned code points.
_UNSHOWN_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
_SHORT_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(character):
    code = ord(character)
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    if code < 0x100:
        return "\\x%02x" % code
    if code < 0x10000:
        return "\\u%04x" % code
    return "\\U%08x" % code


def shown_text(value, limit=None):
    """Text from outside (API answers, alert events, test names) as it may appear in job output: every character that
    could forge a line or drive the terminal (line breaks, ESC, BEL, NUL, direction overrides, lone surrogates) is
    written as its escape (\\n, \\x1b, \\u202e), so the text stays on one line and shows what was sent. A backslash
    is kept as it is: only real control characters are escaped. limit cuts the result, marking the cut with '...'.
    None stays None; other scalars are written with %s."""
    if value is None:
        return None
    text = value if isinstance(value, str) else u"%s" % (value,)
    shown = "".join(_escaped(character) if unicodedata.category(character) in _UNSHOWN_CATEGORIES else character
                    for character in text)
    if limit is not None and len(shown) > limit:
        shown = shown[:max(limit - 3, 0)] + "..."
    return shown


def parse_error_body(body_text):
    """Parse an error body in any shape the API is known to use.

    Returns a dict with 'title', 'detail', 'errors' (list of {code, field, message}) and 'summary' (one line).
    Shapes: v7 problem+json (title, detail, errors[]), the v7 401 OAuth shape (error, error_description),
    the older v7 shape (httpStatus, errors[] of strings) and v6 errorMessage; anything else is kept as text.
    """
    parsed = None
    if body_text:
        try:
            parsed = json.loads(body_text)
        except ValueError:
            parsed = None
    # An error body is shown, not used: lone surrogates in it are shown as escapes, the same on both paths.
    parsed = escape_surrogates(parsed)
    if not isinstance(parsed, dict):
        text = _short_text(body_text)
        # The summary goes into messages: the server's text never forges a line or drives the terminal there.
        return {"title": None, "detail": None, "errors": [], "summary": shown_text(text), "body": text}

    title = parsed.get("title") or parsed.get("error") or parsed.get("httpStatus")
    detail = parsed.get("detail") or parsed.get("error_description") or parsed.get("errorMessage") or parsed.get("message")
    errors = _field_errors(parsed.get("errors"))
    parts = [str(part) for part in (title, detail) if part]
    for item in errors:
        if item["field"]:
            parts.append("%s: %s" % (item["field"], item["message"]))
        elif item["message"]:
            parts.append(str(item["message"]))
    summary = "; ".join(parts) if parts else _short_text(body_text)
    return {"title": title, "detail": detail, "errors": errors, "summary": shown_text(summary), "body": parsed}


# v6 refuses every POST from a user whose role is "Regular User", whatever its permissions (v6 README).
_V6_REGULAR_USER = re.compile(r"regular users? (are|is) blocked", re.IGNORECASE)


DASHBOARD_ACTIONS = ("dashboards", "dashboard snapshots", "dashboard snapshot")


def status_advice(status, action=None, parsed=None, context=None):
    """What a user should do about a status, in words.

    action names the operation ('snapshot', 'tests'); parsed is parse_error_body()'s dict; context carries what the
    call asked for (such as {'public': False}), so advice never suggests what was already done.
    """
    parsed = parsed or {}
    context = context or {}
    if status == 401:
        return ("Check the API token (option token, or THOUSANDEYES_TOKEN / TE_TOKEN) and, for v6 basic auth, the username. "
                "Not retried: repeated 401s get the client's IP address blocked.")
    if status == 403:
        if _V6_REGULAR_USER.search(parsed.get("summary") or ""):
            return ("API v6 refuses every POST from a user with the Regular User role, whatever its permissions: "
                    "use API v7 (api_version=v7) or a user with another role.")
        if action == "snapshot":
            advice = ("The user's role needs the 'Create snapshot shares' permission and membership of the account group "
                      "(option aid).")
            if context.get("public"):
                advice += " Some regions block public snapshots for compliance reasons: try public=false."
            return advice
        if action in DASHBOARD_ACTIONS:
            return ("The user's role needs the 'View dashboards' and 'View snapshots' permissions (and 'Edit snapshots' to create, "
                    "update or delete dashboard snapshots), and membership of the account group (option aid).")
        return "The user's role lacks a permission this call needs, or is not a member of the account group (option aid)."
    if status == 404:
        if action in ("tests", "alerts", "dashboards", "dashboard snapshots") or not isinstance(parsed.get("body"), dict):
            # The tests and alerts lists always exist, and the API answers its own 404s in JSON: this path is not the API's.
            return ("The API has no such path: check api_url (the base URL without the version, such as "
                    "https://api.thousandeyes.com) and api_version.")
        if action == "dashboard snapshot":
            return ("Check dashboard_id (or dashboard_name), snapshot_id and the account group (option aid): the dashboard or "
                    "the dashboard snapshot was not found there.")
        return "Check test_id (or test_name) and the account group (option aid): the test was not found there."
    if status == 400:
        return "The API rejected the request's content."
    return ""


def error_message(status, parsed, action=None, prefix="ThousandEyes API", context=None):
    summary = (parsed.get("summary") or "(empty body)").rstrip(". ")
    advice = status_advice(status, action, parsed, context)
    message = "%s answered HTTP %s: %s." % (prefix, status, summary)
    if advice:
        message += " " + advice
    return message
