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

import ipaddress
import os
import re
import unicodedata

from ansible.module_utils.basic import missing_required_lib
from ansible.module_utils.errors import AnsibleFallbackNotFound
from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError
from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import (
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    ApiClient,
    basic_credentials,
)

try:
    # ansible-core 2.22+: AnsibleModule masks the secrets registered here, not its no_log_values set.
    from ansible.module_utils.secrets import register_secret
except ImportError:  # ansible-core 2.16 to 2.21: no_log_values is what AnsibleModule removes from its result
    register_secret = None

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
TOKEN_ENVIRONMENT = ("THOUSANDEYES_TOKEN", "TE_TOKEN")
# The version the v6 code path is planned to go in (API v6 has been unsupported since May 2025).
V6_REMOVAL_VERSION = "2.0.0"


def env_fallback_nonempty(*names, **kwargs):
    """Like env_fallback, but a variable set to "" counts as unset, so the next name is tried.

    An AWX credential injects "" for each blank field; env_fallback would stop at it and hide TE_TOKEN / TE_AID.
    """
    environ = kwargs.get("environ", os.environ)
    for name in names:
        if environ.get(name, "").strip():
            return environ[name]
    raise AnsibleFallbackNotFound


_CONTROL_NAMES = {0x00: "NULL", 0x09: "TAB", 0x0A: "LINE FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE"}


def describe_character(character):
    """'U+200B ZERO WIDTH SPACE': enough to find the character, without quoting the text around it."""
    name = unicodedata.name(character, None) or _CONTROL_NAMES.get(ord(character), "control character")
    return "U+%04X %s" % (ord(character), name)


def first_outside(text, allowed):
    """(position from 1, character) of the first character that `allowed` refuses, or None."""
    for position, character in enumerate(text, 1):
        if not allowed(character):
            return position, character
    return None


def is_loopback(host):
    name = (host or "").lower()
    if name in ("localhost", "localhost.localdomain") or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def connection_argument_spec():
    """The options every module takes; doc fragment cisco.thousandeyes.connection documents exactly these."""
    return dict(
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback_nonempty, ["THOUSANDEYES_API_URL"])),
        api_version=dict(type="str", default="v7", choices=list(API_VERSIONS), fallback=(env_fallback_nonempty, ["THOUSANDEYES_API_VERSION"])),
        # Not required=True: the token usually comes from the environment or module_defaults, and its absence is
        # reported by connection_problems() with the variables that could carry it.
        token=dict(type="str", no_log=True, fallback=(env_fallback_nonempty, list(TOKEN_ENVIRONMENT))),
        username=dict(type="str", fallback=(env_fallback_nonempty, ["THOUSANDEYES_USERNAME"])),
        account_group_id=dict(type="str", aliases=["aid"], fallback=(env_fallback_nonempty, ["THOUSANDEYES_AID", "TE_AID"])),
        validate_certs=dict(type="bool", default=True),
        ca_path=dict(type="path"),
        timeout=dict(type="int", default=30),
        rate_limit_wait=dict(type="int", default=300),
    )


def connection_problems(params):
    """Every problem with the connection options, as messages naming the option; empty when all is well."""
    problems = []
    problems.extend(_api_url_problems(params.get("api_url")))
    problems.extend(_token_problems(params.get("token")))
    # An empty username (say, an unset AWX credential field) means none.
    username = params.get("username") or None
    if username is not None:
        if params.get("api_version") == "v7":
            problems.append("Option username is for v6 basic authentication only; API v7 takes a bearer token alone (drop username or set api_version=v6).")
        else:
            problems.extend(_username_problems(username))
    aid = params.get("account_group_id") or None
    if aid is not None and not DIGITS.match(aid):
        problems.append("Option account_group_id (aid) must be digits only, at most 20, as listed by the account-groups API; got %r." % aid[:80])
    if params.get("timeout") is not None and params["timeout"] <= 0:
        problems.append("Option timeout must be a positive number of seconds; got %s." % params["timeout"])
    if params.get("rate_limit_wait") is not None and params["rate_limit_wait"] < 0:
        problems.append("Option rate_limit_wait must be 0 or more seconds; got %s." % params["rate_limit_wait"])
    ca_path = params.get("ca_path")
    if ca_path and not (os.path.isfile(ca_path) or os.path.isdir(ca_path)):
        problems.append("Option ca_path: no such file or directory %s (give a PEM file of CA certificates, or a directory of them)." % ca_path)
    return problems


def _token_problems(token):
    if token is None:
        return ["Option token is required: give it as token, in module_defaults (group/cisco.thousandeyes.thousandeyes), "
                "or in the environment variable %s (an AWX credential of the collection's type injects it)." % " or ".join(TOKEN_ENVIRONMENT)]
    if not token.strip():
        return ["Option token is empty: give the API token (or set %s)." % " or ".join(TOKEN_ENVIRONMENT)]
    if _UNSAFE_HEADER_TEXT.search(token):
        return ["Option token contains spaces or control characters; give the token alone, without 'Bearer ' or line breaks."]
    # A token is printable ASCII; anything else is a paste accident (a byte-order mark, a zero-width space, a
    # typographic quote). The token itself is never shown; the position and the character are enough to find it.
    found = first_outside(token, lambda char: "\x21" <= char <= "\x7e")
    if found:
        position, character = found
        return ["Option token contains %s at character %d of %d; API tokens are plain ASCII letters, digits and punctuation. "
                "Copy the token again (a byte-order mark or a zero-width space often comes along with a paste)."
                % (describe_character(character), position, len(token))]
    return []


def _username_problems(username):
    if not username.strip() or ":" in username:
        return ["Option username must be the account e-mail address, without spaces or ':'."]
    found = first_outside(username, lambda char: not char.isspace() and unicodedata.category(char)[0] not in ("C", "Z"))
    if found:
        return ["Option username contains %s at character %d; give the account e-mail address alone."
                % (describe_character(found[1]), found[0])]
    return []


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


def connection_warnings(params):
    """Settings that work but expose the token."""
    warnings = []
    if not params["validate_certs"]:
        warnings.append("validate_certs=false: the API's TLS certificate is not verified, so the token can be read by anyone "
                        "who can intercept the connection. Prefer ca_path.")
    parts = urlsplit(params["api_url"])
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        warnings.append("api_url %s is plain HTTP: the token crosses the network unencrypted. Use https:// (plain HTTP is "
                        "only for a test server on this host)." % params["api_url"])
    return warnings


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
        for warning in connection_warnings(module.params):
            module.warn(warning)
        if module.params["api_version"] == "v6":
            module.deprecate("API v6 is deprecated by ThousandEyes since May 2024 and unsupported since May 2025; "
                             "use api_version=v7 (the default).", version=V6_REMOVAL_VERSION, collection_name="cisco.thousandeyes")
        if module.params.get("username"):
            # Basic auth puts base64(user:token) on the wire; keep that form out of any output too.
            credentials = basic_credentials(module.params["username"], module.params["token"])
            module.no_log_values.add(credentials)
            if register_secret is not None:
                register_secret(credentials)
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
