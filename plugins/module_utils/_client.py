# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice. Do not use it from other collections.
# The HTTP client shared by every module: one requests.Session, authentication, URL building,
# and the retry rules (rate limits waited out; nothing that may have created something is ever sent twice).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import base64
import re
import threading
import time
import traceback

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import (
    ThousandEyesAPIError,
    error_message,
    escape_surrogates,
    lone_surrogate_at,
    parse_error_body,
    shown_text,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._version import COLLECTION_VERSION

try:
    from urllib.parse import quote, urljoin, urlsplit
except ImportError:  # pragma: no cover - Python 2 only
    from urllib import quote
    from urlparse import urljoin, urlsplit

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    import urllib3
    from requests.adapters import HTTPAdapter
    HAS_REQUESTS = True
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

USER_AGENT = "cisco.thousandeyes/%s (Ansible collection)" % COLLECTION_VERSION
ACCEPT = "application/hal+json, application/json, application/problem+json"

# GETs change nothing, so a flaky gateway or network is worth a few tries.
GET_RETRY_STATUSES = (502, 503, 504)
GET_BACKOFF_SECONDS = (1, 2, 4)
# A connection that was never established sent nothing, so even a POST may try again.
CONNECT_BACKOFF_SECONDS = (1, 2)
# When a 429 says nothing about when to come back.
RATE_LIMIT_FALLBACK_SECONDS = (2, 4, 8, 16, 32, 60)
# Reset headers are whole epoch seconds: arrive just after the window turns, not just before.
RESET_MARGIN_SECONDS = 0.5
MAX_RATE_LIMIT_RETRIES = 20
# The most bytes one answer may have. A page of alerts or a list of tests is a few MB at most in a large account; a
# larger answer is refused while it is read (in chunks, never whole first), so memory stays far below what a server sends.
MIB = 1024 * 1024
MAX_BODY_BYTES = 32 * MIB
READ_CHUNK_BYTES = 64 * 1024

_DIGITS = re.compile(r"^\s*\d+\s*$")
# OpenSSL's words when the other end does not speak TLS at all (a plain-HTTP server behind an https:// URL).
_NOT_TLS = re.compile(r"wrong.version.number|record.layer.failure|packet.length.too.long|unknown.protocol|http.request",
                      re.IGNORECASE)
RESET_HEADERS = ("X-Organization-Rate-Limit-Reset", "X-Instant-Test-Rate-Limit-Reset")
# The dashboard snapshot quota (100 per hour) has its own headers, and its Reset is the seconds left, not an epoch
# (official v7 spec, components/headers Dashboards_API_DashboardSnapshotRateLimitReset).
DASHBOARD_SNAPSHOT_REMAINING = "X-Dashboard-Snapshot-Rate-Limit-Remaining"
DASHBOARD_SNAPSHOT_RESET = "X-Dashboard-Snapshot-Rate-Limit-Reset"


# Header values past this (3,000 years as a wait, the year 5138 as an epoch) all mean "longer than anyone waits": read
# as this, they cause no float overflow and no 4,300-digit int.
MAX_HEADER_SECONDS = 10 ** 11


def _header_number(value):
    """A header's whole number, at most MAX_HEADER_SECONDS (more digits than that are read as that), or None."""
    text = str(value).strip()
    if not _DIGITS.match(text):
        return None
    return MAX_HEADER_SECONDS if len(text) > 12 else min(int(text), MAX_HEADER_SECONDS)


def _header_source(name, value, seconds):
    """The header named as the source of a wait; its value shown too when it is past reading (hundreds of digits)."""
    if seconds < MAX_HEADER_SECONDS:
        return name
    return "%s: %s, read as %d" % (name, shown_text(str(value).strip(), 24), MAX_HEADER_SECONDS)


def rate_limit_delay(headers, now, attempt):
    """Seconds to wait after a 429, and where that comes from: Retry-After, else the dashboard snapshot quota's own
    Reset (seconds left) when that quota refused, else until the reset epoch, else a growing fallback. A server that says
    "now" (Retry-After: 0, a reset in the past) and refuses again is not asked again at once: from the second 429 in a
    row on, such a wait is raised to the growing fallback."""
    index = min(attempt - 1, len(RATE_LIMIT_FALLBACK_SECONDS) - 1)
    floor = float(RATE_LIMIT_FALLBACK_SECONDS[min(attempt - 2, len(RATE_LIMIT_FALLBACK_SECONDS) - 1)]) if attempt > 1 else 0.0
    retry_after = headers.get("Retry-After")
    seconds = _header_number(retry_after) if retry_after is not None else None
    dashboard_reset = headers.get(DASHBOARD_SNAPSHOT_RESET)
    dashboard_seconds = _header_number(dashboard_reset) if dashboard_reset is not None else None
    if seconds is not None:
        delay, source = float(seconds), _header_source("Retry-After", retry_after, seconds)
    elif dashboard_seconds is not None and str(headers.get(DASHBOARD_SNAPSHOT_REMAINING, "0")).strip() == "0":
        # The dashboard snapshot quota refused it: its own reset counts, not the organisation's window.
        delay = float(dashboard_seconds) + RESET_MARGIN_SECONDS
        source = _header_source(DASHBOARD_SNAPSHOT_RESET, dashboard_reset, dashboard_seconds)
    else:
        resets = [(_header_number(headers[name]), name) for name in RESET_HEADERS if headers.get(name) is not None]
        resets = [(number, name) for number, name in resets if number is not None]
        if not resets:
            return float(RATE_LIMIT_FALLBACK_SECONDS[index]), "no reset header"
        reset, name = max(resets)
        delay, source = max(reset - now, 0.0) + RESET_MARGIN_SECONDS, _header_source(name, headers[name], reset)
    if delay < 1 and delay < floor:
        return floor, "%s said to come back at once, and the API refused again: back-off" % source
    return delay, source


def quota_note(headers):
    """Which quota a 429 most likely is, for the message."""
    if headers.get(DASHBOARD_SNAPSHOT_RESET) is not None:
        return "dashboard snapshots are limited to 100 per organisation per hour"
    return "snapshots are limited to 5 per organisation per 5 minutes"


def basic_credentials(username, token):
    """base64 of user:token as UTF-8 (RFC 7617); requests would encode Latin-1 and fail on anything beyond it."""
    return base64.b64encode(("%s:%s" % (username, token)).encode("utf-8")).decode("ascii")


def authorization_header(token, username=None):
    if username:
        return "Basic %s" % basic_credentials(username, token)
    return "Bearer %s" % token


def join_url(api_url, api_version, segments):
    """Base URL, version, then each path segment percent-encoded so a value cannot change the URL's shape."""
    if any(str(segment) in ("", ".", "..") for segment in segments):
        # Encoding cannot protect these: requests and urllib3 resolve dot segments after quoting.
        raise ValueError("empty or dot path segment in %r" % (segments,))
    encoded = "/".join(quote(str(segment), safe="") for segment in segments)
    return "%s/%s/%s" % (api_url.rstrip("/"), api_version, encoded)


class ApiResponse(object):
    def __init__(self, status, headers, data, url, escaped_entries=None):
        self.status = status
        self.headers = headers
        self.data = data
        self.url = url
        # [(index, JSON path)] of the listing's entries whose lone surrogates were written as escapes (get(entries=...)).
        self.escaped_entries = escaped_entries or []


class ApiClient(object):
    """A small ThousandEyes client. clock and sleep are injectable so retry timing is testable without waiting."""

    def __init__(self, api_url, api_version, token, username=None, validate_certs=True, ca_path=None,
                 timeout=30, rate_limit_wait=300, clock=None, sleep=None, session=None, max_body_bytes=MAX_BODY_BYTES):
        self.api_url = api_url
        self.api_version = api_version
        self.timeout = timeout
        self.rate_limit_wait = rate_limit_wait
        self.max_body_bytes = max_body_bytes
        # A bound on every request from now on, all of them together (limit_run): (clock value, option that set it).
        self.run_deadline = None
        self.run_option = None
        self._current_url = None
        # Looked up per client, not bound at import, so tests can stand in for time.
        self.clock = clock or time.time
        self.sleep = sleep or time.sleep
        self.requests_sent = 0
        self.rate_limit_waited = 0.0
        # Passed with every request: a Session's own verify loses to REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE in the environment.
        self.verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        if not self.verify:
            # The module warns about this itself, once; urllib3 would add its own warning to stderr at every request.
            urllib3.disable_warnings(urllib3.exceptions.InsecureRequestWarning)
        self.session = session or self._new_session(token, username, self.verify)

    @staticmethod
    def _new_session(token, username, verify):
        session = requests.Session()
        # Retries are decided here, per method, never by urllib3 behind our back.
        adapter = HTTPAdapter(max_retries=0)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.verify = verify
        session.headers.update({"Accept": ACCEPT, "User-Agent": USER_AGENT, "Authorization": authorization_header(token, username)})
        return session

    def limit_run(self, seconds, option):
        """Every request from now on, waits and retries included, ends within `seconds` in all; a request that would
        go past it fails with a message naming `option` (the module option that set the bound)."""
        self.run_deadline = self.clock() + seconds
        self.run_option = "%s=%ss" % (option, seconds)

    def _past_run(self, url, what):
        return ThousandEyesAPIError(
            "ThousandEyes API request to %s stopped: %s would pass %s, the bound on the whole task. Raise it, or narrow "
            "what is asked (a time range, an account group)." % (url, what, self.run_option), url=url)

    def url_for(self, segments, query=None):
        url = join_url(self.api_url, self.api_version, segments)
        if query:
            url = requests.Request("GET", url, params=query).prepare().url
        return url

    def get(self, segments, query=None, action=None, context=None, entries=None):
        """entries names the list of a listing (such as 'alerts'): a lone surrogate in one of its entries affects that
        entry only (written as an escape, and named in escaped_entries), not the whole answer."""
        return self.request("GET", segments, query=query, action=action, context=context, entries=entries)

    def post(self, segments, body, query=None, action=None, context=None):
        return self.request("POST", segments, query=query, body=body, action=action, context=context)

    def request(self, method, segments, query=None, body=None, action=None, context=None, entries=None):
        """Send one logical request; action ('snapshot', 'tests') and context only tailor the advice in error messages.

        body is the JSON to send, or a callable giving it, called before every attempt.

        The call ends within `timeout` seconds plus the rate-limit waits (at most rate_limit_wait in all), whatever
        the server does: every attempt and back-off must fit in that budget.
        """
        url = self.url_for(segments, query)
        self._current_url = url
        may_resend = method in ("GET", "HEAD")
        # Counted apart, so waiting out rate limits never uses up the retries meant for network trouble.
        failures = 0
        rate_limited = 0
        deadline = self.clock() + self.timeout
        while True:
            remaining = deadline - self.clock()
            run_remaining = self.run_deadline - self.clock() if self.run_deadline is not None else None
            try:
                if run_remaining is not None and run_remaining <= 0:
                    raise self._past_run(url, "another attempt")
                if remaining <= 0:
                    raise ExchangeDeadline()
                self.requests_sent += 1
                # A callable body is built at each attempt: what it holds may depend on when it is sent (the snapshot
                # window ends when the snapshot is created, so after a rate-limit wait it moves on).
                response = self._exchange(method, url, body() if callable(body) else body,
                                          remaining if run_remaining is None else min(remaining, run_remaining))
            except ExchangeDeadline:
                if run_remaining is not None and run_remaining < remaining:
                    raise self._past_run(url, "waiting longer for the answer")
                raise self._no_answer("no complete answer within timeout=%ss" % self.timeout, url, may_resend)
            except BodyTooLarge as exc:
                limit = "%d bytes%s" % (self.max_body_bytes, " (%d MiB)" % (self.max_body_bytes // MIB) if self.max_body_bytes % MIB == 0 else "")
                raise ThousandEyesAPIError(
                    "ThousandEyes API answered HTTP %s with a body of %smore than the %s this collection reads from one "
                    "answer; refused without reading it all. Check api_url: no ThousandEyes API answer is that large.%s"
                    % (exc.status, "%d bytes (Content-Length), " % exc.size if exc.size is not None else "", limit,
                       "" if may_resend else " The request was accepted, so it probably took effect."),
                    status=exc.status, outcome_unknown=not may_resend, url=url)
            except requests.exceptions.SSLError as exc:
                raise ThousandEyesAPIError(tls_failure_message(self.api_url, exc), url=url)
            except requests.exceptions.ConnectTimeout as exc:
                failures += 1
                if self._backoff(failures, CONNECT_BACKOFF_SECONDS, deadline):
                    continue
                raise ThousandEyesAPIError("Could not connect to %s within timeout=%ss: %s." % (self.api_url, self.timeout, _reason(exc)), url=url)
            except requests.exceptions.ReadTimeout as exc:
                failures += 1
                if may_resend and self._backoff(failures, GET_BACKOFF_SECONDS, deadline):
                    continue
                raise self._no_answer("no answer within timeout=%ss (%s)" % (self.timeout, _reason(exc)), url, may_resend)
            except requests.exceptions.ConnectionError as exc:
                failures += 1
                if not _request_was_sent(exc):
                    if self._backoff(failures, CONNECT_BACKOFF_SECONDS, deadline):
                        continue
                    raise ThousandEyesAPIError("Could not connect to %s: %s." % (self.api_url, _reason(exc)), url=url)
                if may_resend and self._backoff(failures, GET_BACKOFF_SECONDS, deadline):
                    continue
                raise self._no_answer("the connection closed without an answer (%s)" % _reason(exc), url, may_resend)

            status = response.status_code
            if 300 <= status < 400:
                raise redirect_error(response, url, self.api_url)
            if status == 429 and _ip_blocked(response):
                parsed = parse_error_body(response.text)
                raise ThousandEyesAPIError(
                    "ThousandEyes API answered HTTP 429: %s. This client's IP address is blocked after too many failed "
                    "authentications (for up to an hour); waiting does not help, so rate_limit_wait does not apply. "
                    "Check the token (option token, THOUSANDEYES_TOKEN / TE_TOKEN) on every job that runs from this address."
                    % parsed["summary"].rstrip(". "), status=429, error=parsed, url=url)
            if status == 429:
                rate_limited += 1
                # Waiting is bounded by rate_limit_wait, not by timeout: the budget moves on by the wait.
                deadline += self._wait_for_rate_limit(response, rate_limited, url)
                continue
            if 200 <= status < 300:
                data, escaped = self._json_of(response, url, may_resend, entries)
                return ApiResponse(status, response.headers, data, url, escaped)
            if may_resend and status in GET_RETRY_STATUSES:
                failures += 1
                if self._backoff(failures, GET_BACKOFF_SECONDS, deadline):
                    continue
            raise self._status_error(response, url, may_resend, action, context)

    def _exchange(self, method, url, body, seconds):
        """One HTTP exchange that ends within `seconds`, whatever the server does.

        requests' timeout bounds each socket operation, not the exchange: a server that sends a byte at a time
        keeps a plain call going for ever. So the exchange runs in a worker thread, abandoned at the deadline
        (a daemon thread: it never holds the process up, and it sends nothing more).
        """
        outcome = {}

        def exchange():
            try:
                response = self.session.request(method, url, json=body, timeout=seconds, verify=self.verify,
                                                allow_redirects=False, stream=True)
                read_body(response, self.max_body_bytes)
                outcome["response"] = response
            except Exception as exc:  # pylint: disable=broad-except  # re-raised in the caller's thread
                outcome["error"] = exc

        worker = threading.Thread(target=exchange, name="thousandeyes-api-exchange")
        worker.daemon = True
        worker.start()
        worker.join(seconds)
        if worker.is_alive():
            raise ExchangeDeadline()
        if "error" in outcome:
            raise outcome["error"]
        return outcome["response"]

    def _backoff(self, attempt, schedule, deadline):
        """Sleep before another try, if the schedule has one and it fits before the deadline; a try that the request's
        deadline allows but the run's bound does not ends the task, naming the bound."""
        if attempt > len(schedule) or self.clock() + schedule[attempt - 1] >= deadline:
            return False
        if self.run_deadline is not None and self.clock() + schedule[attempt - 1] >= self.run_deadline:
            raise self._past_run(self._current_url, "another try after %ss" % schedule[attempt - 1])
        self.sleep(schedule[attempt - 1])
        return True

    def _wait_for_rate_limit(self, response, rate_limited, url):
        delay, source = rate_limit_delay(response.headers, self.clock(), rate_limited)
        if rate_limited > MAX_RATE_LIMIT_RETRIES:
            parsed = parse_error_body(response.text)
            raise ThousandEyesAPIError(
                "ThousandEyes API rate limit (HTTP 429: %s): refused %d requests in a row (last: %s); stopped after "
                "waiting %.0fs in all. Nothing was created by the refused requests. Try later."
                % ((parsed["summary"] or "too many requests").rstrip(". "), rate_limited, source, self.rate_limit_waited),
                status=429, error=parsed, url=url)
        if self.rate_limit_waited + delay > self.rate_limit_wait:
            parsed = parse_error_body(response.text)
            raise ThousandEyesAPIError(
                "ThousandEyes API rate limit (HTTP 429: %s): waiting %.0fs more (%s) would pass rate_limit_wait=%ss "
                "(already waited %.0fs). Nothing was created by the refused request. Raise rate_limit_wait or try later; "
                "%s."
                % ((parsed["summary"] or "too many requests").rstrip(". "), delay, source, self.rate_limit_wait, self.rate_limit_waited,
                   quota_note(response.headers)),
                status=429, error=parsed, url=url)
        if self.run_deadline is not None and self.clock() + delay > self.run_deadline:
            error = self._past_run(url, "waiting %.0fs for the rate limit (HTTP 429, %s)" % (delay, source))
            error.status = 429
            raise error
        self.sleep(delay)
        self.rate_limit_waited += delay
        return delay

    def _json_of(self, response, url, may_resend, entries=None):
        """(decoded body, escaped entries); see get() for entries."""
        if not response.content:
            return {}, []
        try:
            data = response.json()
        except ValueError:
            parsed = parse_error_body(response.text)
            raise ThousandEyesAPIError(
                "ThousandEyes API answered HTTP %s with a body that is not JSON: %s.%s"
                % (response.status_code, parsed["summary"].rstrip(". "),
                   "" if may_resend else " The request was accepted, so it probably took effect."),
                status=response.status_code, error=parsed, outcome_unknown=not may_resend, url=url)
        escaped = []
        listing = data.get(entries) if entries and isinstance(data, dict) else None
        if isinstance(listing, list):
            for index, entry in enumerate(listing):
                found = lone_surrogate_at(entry)
                if found:
                    escaped.append((index, "%s[%d]%s" % (entries, index, "" if found == "the body" else "." + found)))
                    listing[index] = escape_surrogates(entry)
        where = lone_surrogate_at(data)
        if where:
            raise ThousandEyesAPIError(
                "ThousandEyes API answered HTTP %s with text that is not valid Unicode: a lone UTF-16 surrogate in %s, "
                "which no task result can hold.%s"
                % (response.status_code, where, "" if may_resend else " The request was accepted, so it probably took effect."),
                status=response.status_code, outcome_unknown=not may_resend, url=url)
        return data, escaped

    @staticmethod
    def _no_answer(what, url, may_resend):
        message = "ThousandEyes API request to %s failed: %s." % (url, what)
        if not may_resend:
            message += " The request was sent, so it may or may not have taken effect; it was not repeated to avoid a duplicate."
        return ThousandEyesAPIError(message, outcome_unknown=not may_resend, url=url)

    @staticmethod
    def _status_error(response, url, may_resend, action, context):
        parsed = parse_error_body(response.text)
        outcome_unknown = not may_resend and response.status_code >= 500
        message = error_message(response.status_code, parsed, action=action, context=context)
        if outcome_unknown:
            message += " The request reached the server, so it may or may not have taken effect; it was not repeated to avoid a duplicate."
        return ThousandEyesAPIError(message, status=response.status_code, error=parsed, outcome_unknown=outcome_unknown, url=url)


class ExchangeDeadline(Exception):
    """The whole exchange took longer than its budget."""


class BodyTooLarge(Exception):
    """An answer larger than the client reads; size is the Content-Length it announced, or None when it only grew too large."""

    def __init__(self, status, size):
        super(BodyTooLarge, self).__init__(status, size)
        self.status = status
        self.size = size


def read_body(response, limit):
    """Read a streamed answer's body into it in chunks, refusing it (BodyTooLarge) as soon as it passes `limit` bytes.

    A body already read (a response built in memory) is only measured.
    """
    length = response.headers.get("Content-Length")
    if length is not None and _DIGITS.match(str(length)) and int(length) > limit:
        response.close()
        raise BodyTooLarge(response.status_code, int(length))
    if getattr(response, "raw", None) is None:
        if len(response.content or b"") > limit:
            raise BodyTooLarge(response.status_code, None)
        return
    chunks, size = [], 0
    for chunk in response.iter_content(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            response.close()
            raise BodyTooLarge(response.status_code, None)
        chunks.append(chunk)
    # What requests itself does once a body is read: later .content, .text and .json() use it. Read to the end, the
    # connection is back in the pool already.
    response._content = b"".join(chunks)
    response._content_consumed = True


def redirect_error(response, url, api_url):
    """A 3xx is never followed: a POST would come back as a GET, or be re-sent without its token."""
    parsed = parse_error_body(response.text)
    location = response.headers.get("Location")
    target = urljoin(url, location) if location else None
    message = "ThousandEyes API answered HTTP %s, a redirect to %s; API calls do not follow redirects." % (
        response.status_code, shown_text(target, MAX_LOCATION_SHOWN) if target else "(no Location header)")
    suggestion = _api_url_behind(target, url, api_url) if target else None
    if suggestion:
        message += " Set api_url to %s, where the API answers." % suggestion
    elif target and not _same_host(target, api_url):
        # The server named another host: the token is never sent there, and no message suggests sending it there.
        message += (" The redirect leads to another host than api_url's; a token is only ever sent to api_url. Check that "
                    "api_url names the ThousandEyes API itself (such as https://api.thousandeyes.com) and that no proxy "
                    "on the way answers for it.")
    else:
        message += " Check api_url: it must name the API itself (such as https://api.thousandeyes.com), not a page that forwards to it."
    return ThousandEyesAPIError(message, status=response.status_code, error=dict(parsed, location=target), url=url)


MAX_LOCATION_SHOWN = 200


def _same_host(target, api_url):
    try:
        return (urlsplit(target).hostname or "") == (urlsplit(api_url).hostname or "")
    except ValueError:  # a Location that is not a URL (a bad port, say)
        return False


def _api_url_behind(target, url, api_url):
    """The api_url a redirect points to, when it keeps the request's own path (only the base moved) on api_url's own
    host, else None: advice never moves the token to a host a server named."""
    if not _same_host(target, api_url):
        return None
    base = api_url.rstrip("/")
    sent_path = urlsplit(url).path
    target_parts = urlsplit(target)
    suffix = sent_path[len(urlsplit(base).path):]
    if not suffix or not target_parts.path.endswith(suffix) or target_parts.scheme not in ("http", "https"):
        return None
    new_base = "%s://%s%s" % (target_parts.scheme, target_parts.netloc, target_parts.path[:-len(suffix)])
    return new_base if new_base.rstrip("/") != base else None


def tls_failure_message(api_url, exc):
    """The TLS failure in OpenSSL's words, with the advice that fits it."""
    reason = _reason(exc)
    text = "%s %r" % (reason, exc)
    if _NOT_TLS.search(text):
        advice = ("The server does not answer TLS at this address: if it is a plain-HTTP server (only ever for a local test "
                  "server), use http:// in api_url; otherwise check the port.")
    elif "expired" in text:
        advice = "The server's certificate has expired: it must be renewed on the server (validate_certs=false only for testing)."
    elif "mismatch" in text or "doesn't match" in text or "not valid for" in text:
        advice = "The certificate is not for the host name in api_url: check api_url's host (validate_certs=false only for testing)."
    else:
        advice = ("Give the issuing CA with option ca_path (a PEM file or a directory of CA certificates), or fix the server "
                  "certificate (validate_certs=false only for testing).")
    return "TLS connection to %s failed: %s. %s" % (api_url, reason.rstrip(". "), advice)


def _reason(exc):
    """The innermost reason of a requests/urllib3 error, without the long wrapper text.

    A certificate failure keeps OpenSSL's own words (verify_message: expired, host mismatch), not just its code.
    """
    reason = exc
    seen = 0
    while seen < 6:
        inner = getattr(reason, "reason", None)
        if not isinstance(inner, BaseException):
            inner = reason.args[0] if getattr(reason, "args", None) and isinstance(reason.args[0], BaseException) else None
        if inner is None or inner is reason:
            break
        reason = inner
        seen += 1
    return getattr(reason, "verify_message", None) or _message_of(reason)


def _message_of(reason):
    """An urllib3 error's words without the connection object that urllib3 puts in front of them.

    urllib3 1.x writes that object as '<urllib3.connection.VerifiedHTTPSConnection object at 0x...>: ' (NewConnectionError,
    through PoolError's pool) or passes it as the first of two arguments (ConnectTimeoutError); 2.x does the same with
    a readable repr (conn). A failed connection keeps the operating system's error, which reads the same in both.
    """
    attributes = getattr(reason, "__dict__", {})
    holder = attributes.get("conn", attributes.get("pool"))
    cause = reason.__cause__ or reason.__context__
    if holder is not None and isinstance(cause, OSError):
        return str(cause)
    args = getattr(reason, "args", ())
    if len(args) == 2 and not isinstance(args[0], str) and isinstance(args[1], str):
        return args[1]
    text = str(reason)
    prefix = "%s: " % (holder,)
    return text[len(prefix):] if holder is not None and text.startswith(prefix) else text


def _ip_blocked(response):
    """A 429 that is the source-IP block after repeated 401s: no rate-limit headers, and the body says why."""
    headers = response.headers
    if headers.get("Retry-After") is not None or any(headers.get(name) is not None for name in RESET_HEADERS + (DASHBOARD_SNAPSHOT_RESET,)):
        return False
    return "unauthorized" in (response.text or "").lower()


def _request_was_sent(exc):
    """False when the connection was never made (refused, DNS): nothing reached the server."""
    text = repr(exc)
    return not any(marker in text for marker in ("NewConnectionError", "NameResolutionError", "Failed to resolve", "Connection refused"))
