# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice. Do not use it from other collections.
# What every module of the collection shares: the connection options (kept in step with the doc fragment
# cisco.thousandeyes.connection and the action group in meta/runtime.yml), their checks, the client, and
# how API failures become fail_json results.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import os
import re

from ansible.module_utils.basic import env_fallback, missing_required_lib
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ApiClient,
)

try:
    from urllib.parse import urlsplit
except ImportError:  # pragma: no cover - Python 2 only
    from urlparse import urlsplit

DEFAULT_API_URL = "https://api.thousandeyes.com"
API_VERSIONS = ("v7", "v6")
# \Z, not $: "$" also matches before a trailing newline, which would reach the URL. IDs are at most 20 digits.
DIGITS = re.compile(r"^[0-9]{1,20}\Z")
# Anything that could end a header line or hide in one.
_UNSAFE_HEADER_TEXT = re.compile(r"[\x00-\x20\x7f]")


def connection_argument_spec():
    """The options every module takes; doc fragment cisco.thousandeyes.connection documents exactly these."""
    return dict(
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, ["THOUSANDEYES_API_URL"])),
        api_version=dict(type="str", default="v7", choices=list(API_VERSIONS), fallback=(env_fallback, ["THOUSANDEYES_API_VERSION"])),
        token=dict(type="str", required=True, no_log=True, fallback=(env_fallback, ["THOUSANDEYES_TOKEN", "TE_TOKEN"])),
        username=dict(type="str", fallback=(env_fallback, ["THOUSANDEYES_USERNAME"])),
        account_group_id=dict(type="str", aliases=["aid"], fallback=(env_fallback, ["THOUSANDEYES_AID", "TE_AID"])),
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        timeout=dict(type="int", default=30),
        rate_limit_wait=dict(type="int", default=300),
    )


def connection_problems(params):
    """Every problem with the connection options, as messages naming the option; empty when all is well."""
    problems = []
    problems.extend(_api_url_problems(params.get("api_url")))
    token = params.get("token") or ""
    if not token.strip():
        problems.append("Option token is empty: give the API token (or set THOUSANDEYES_TOKEN).")
    elif _UNSAFE_HEADER_TEXT.search(token):
        problems.append("Option token contains spaces or control characters; give the token alone, without 'Bearer ' or line breaks.")
    # An empty username (say, an unset AWX credential field) means none.
    username = params.get("username") or None
    if username is not None:
        if params.get("api_version") == "v7":
            problems.append("Option username is for v6 basic authentication only; API v7 takes a bearer token alone (drop username or set api_version=v6).")
        elif not username.strip() or _UNSAFE_HEADER_TEXT.search(username) or ":" in username:
            problems.append("Option username must be the account e-mail address, without spaces, control characters or ':'.")
    aid = params.get("account_group_id") or None
    if aid is not None and not DIGITS.match(aid):
        problems.append("Option account_group_id (aid) must be digits only, at most 20, as listed by the account-groups API; got %r." % aid[:80])
    if params.get("timeout") is not None and params["timeout"] <= 0:
        problems.append("Option timeout must be a positive number of seconds; got %s." % params["timeout"])
    if params.get("rate_limit_wait") is not None and params["rate_limit_wait"] < 0:
        problems.append("Option rate_limit_wait must be 0 or more seconds; got %s." % params["rate_limit_wait"])
    ca_path = params.get("ca_path")
    if ca_path and not os.path.isfile(ca_path):
        problems.append("Option ca_path: no such file %s." % ca_path)
    return problems


def _api_url_problems(api_url):
    if not api_url:
        return ["Option api_url is empty; the default is %s." % DEFAULT_API_URL]
    parts = urlsplit(api_url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return ["Option api_url must be an http(s) URL such as %s; got %r." % (DEFAULT_API_URL, api_url[:200])]
    problems = []
    if parts.username or parts.password:
        problems.append("Option api_url must not carry credentials; use token (and username for v6).")
    if parts.query or parts.fragment or _UNSAFE_HEADER_TEXT.search(api_url):
        problems.append("Option api_url must be a plain base URL without query, fragment, spaces or control characters.")
    if re.search(r"/v[0-9]+/?$", parts.path):
        problems.append("Option api_url must not end with the API version (%s); the module appends it from api_version." % parts.path)
    return problems


class ThousandEyesModule(object):
    """The base of every module: checks the connection options, builds the client, reports API failures as data."""

    def __init__(self, module):
        self.module = module
        self.params = module.params
        if not HAS_REQUESTS:
            module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        # Empty values (an unset AWX credential field arrives as "") mean "not set".
        module.params["api_url"] = module.params.get("api_url") or DEFAULT_API_URL
        module.params["account_group_id"] = module.params.get("account_group_id") or None
        problems = connection_problems(module.params)
        if problems:
            module.fail_json(msg=" ".join(problems))
        if not module.params["validate_certs"]:
            module.warn("validate_certs=false: the API's TLS certificate is not verified, so the token can be read by anyone "
                        "who can intercept the connection. Prefer ca_path.")
        if module.params.get("username"):
            # Basic auth puts base64(user:token) on the wire; keep that form out of any output too.
            credentials = "%s:%s" % (module.params["username"], module.params["token"])
            module.no_log_values.add(base64.b64encode(credentials.encode("utf-8")).decode("ascii"))
        self.api_version = module.params["api_version"]
        self.aid = module.params.get("account_group_id")
        self.client = ApiClient(
            api_url=module.params["api_url"],
            api_version=self.api_version,
            token=module.params["token"],
            username=module.params.get("username"),
            validate_certs=module.params["validate_certs"],
            ca_path=module.params.get("ca_path"),
            timeout=module.params["timeout"],
            rate_limit_wait=module.params["rate_limit_wait"],
        )

    def aid_query(self):
        return {"aid": self.aid} if self.aid else None

    def call_api(self, call, outcome_key=None, **failure_result):
        """Run one API call (a callable); on failure end the module with fail_api.

        outcome_key names a result key that tells whether the failed call may still have taken effect.
        fail_json is called after the except block: inside it, ansible-core would attach the traceback
        of an expected failure to the result.
        """
        try:
            return call()
        except ThousandEyesAPIError as exc:
            error = exc
        if outcome_key:
            failure_result[outcome_key] = error.outcome_unknown
        return self.fail_api(error, **failure_result)

    def fail_api(self, error, **result):
        """fail_json with msg, the HTTP status and the API's own error fields, never a traceback.

        changed is true only when the failed call may have taken effect.
        """
        result.setdefault("changed", error.outcome_unknown)
        self.module.fail_json(
            msg=error.message,
            status=error.status,
            error=error.error,
            url=error.url,
            outcome_unknown=error.outcome_unknown,
            **result
        )
