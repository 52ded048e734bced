# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Request checks both API versions share: the JSON body, the display name and
# the time window. Each check appends to a list, so one answer lists every error.

import json
import re

from .responses import JSON_TYPE, ApiError, validation_item


def is_positive_integer(value):
    """An int of 1 or more (a JSON true is not a number here)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


# A display name must hold a character other than space, tab, CR and LF. The same expression is the
# `pattern` of displayName in openapi.json, and reads the same in Python and ECMA-262 regular expressions.
NON_BLANK_PATTERN = "[^ \t\r\n]"
NON_BLANK = re.compile(NON_BLANK_PATTERN)


def media_type(content_type):
    """The media type of a Content-Type value, lower case, without parameters."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def is_json_media_type(content_type):
    kind = media_type(content_type)
    return kind == JSON_TYPE or (kind.startswith("application/") and kind.endswith("+json"))


def parse_json_object(request):
    """The request body as a JSON object: 415 for a non-JSON type, 400 when missing or malformed."""
    if not request.body:
        raise ApiError(400, "Bad Request", "Required request body is missing.")
    if not is_json_media_type(request.header("Content-Type")):
        raise ApiError(415, "Unsupported Media Type", "Content type '{0}' not supported; use application/json.".format(
            media_type(request.header("Content-Type")) or "none"))
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise ApiError(400, "Bad Request", "Malformed JSON request body: {0}".format(exc)) from exc
    if not isinstance(payload, dict):
        raise ApiError(400, "Bad Request", "The request body must be a JSON object.")
    return payload


def check_display_name(payload, errors):
    display_name = payload.get("displayName")
    if not isinstance(display_name, str) or not NON_BLANK.search(display_name):
        errors.append(validation_item("FIELD_REQUIRED", "displayName", "displayName is required and must not be blank."))
    return display_name


def check_date(payload, field, parser, example, errors):
    value = payload.get(field)
    if value is None or value == "":
        errors.append(validation_item("FIELD_REQUIRED", field, "{0} is required.".format(field)))
        return None
    parsed = parser(value)
    if parsed is None:
        errors.append(validation_item("INVALID_DATE_FORMAT", field, "{0} must be a date-time like {1}.".format(field, example)))
    return parsed


def check_window(start, end, now, allowed_hours, fields, errors):
    """Append errors for a window in the future, reversed, or of a length the API refuses."""
    start_field, end_field = fields
    if end > now:
        errors.append(validation_item("DATE_IN_FUTURE", end_field, "{0} must be set to the present or a past date.".format(end_field)))
    if start >= end:
        errors.append(validation_item("INVALID_TIME_RANGE", start_field, "{0} must be before {1}.".format(start_field, end_field)))
    elif (end - start) not in [hours * 3600 for hours in allowed_hours]:
        allowed = ", ".join(str(hours) for hours in allowed_hours)
        errors.append(validation_item(
            "INVALID_TIME_RANGE", end_field, "The time range between {0} and {1} must be one of: {2} hours.".format(start_field, end_field, allowed)))
