# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The connection options every module shares. Kept in step with connection_argument_spec() in
# plugins/module_utils/_base.py and the thousandeyes action group in meta/runtime.yml.

from __future__ import absolute_import, division, print_function
__metaclass__ = type


class ModuleDocFragment(object):

    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - Base URL of the ThousandEyes API, without the version; the module appends O(api_version).
      - Point it at a proxy or at the collection's API simulator for tests.
      - Plain C(http://) to a host that is not this one (loopback) gives a warning, since the token would cross the network
        unencrypted.
      - Redirects are never followed (a POST would be re-sent as a GET or without its token); a redirect fails, naming
        its target.
      - If not set, the environment variable E(THOUSANDEYES_API_URL) is used (an empty variable counts as unset).
    type: str
    default: https://api.thousandeyes.com
  api_version:
    description:
      - The API version to speak.
      - V(v7) is the current API and the default.
      - V(v6) is deprecated since May 2024 and unsupported since May 2025; use it only where v7 is not available. Every task
        that uses it gives a deprecation warning.
      - If not set, the environment variable E(THOUSANDEYES_API_VERSION) is used.
    type: str
    choices: [v7, v6]
    default: v7
  token:
    description:
      - The API token.
      - Without O(username), sent as an OAuth bearer token in the C(Authorization) header, the only scheme of API v7.
      - With O(username) (API v6 only), the basic authentication token of that user.
      - Required, here, in C(module_defaults), or in the environment variables E(THOUSANDEYES_TOKEN), then E(TE_TOKEN),
        which are used when this option is not set (a variable set to an empty string counts as unset, so the next
        one is tried).
      - Printable ASCII only; a pasted invisible character (such as a byte-order mark) fails, naming its position.
      - Never shown in output, errors or logs.
    type: str
  username:
    description:
      - E-mail address of the user for v6 basic authentication, with O(token) as the basic authentication token.
        Non-ASCII addresses are sent as UTF-8 (RFC 7617).
      - Not allowed with O(api_version=v7), which takes a bearer token alone.
      - If not set, the environment variable E(THOUSANDEYES_USERNAME) is used.
    type: str
  account_group_id:
    description:
      - The account group to act in (the API's C(aid) query parameter); digits only.
      - The user must be a member of that account group. Without it, the user's default account group is used.
      - If not set, the environment variables E(THOUSANDEYES_AID), then E(TE_AID), are used (an empty variable counts
        as unset). An empty value means the user's default account group.
    type: str
    aliases: [aid]
  validate_certs:
    description:
      - Verify the API's TLS certificate.
      - Set to V(false) only against a test server; the module then warns.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates, or a directory of them (as C(openssl rehash) prepares it), to verify the API's
        certificate with, instead of the system's.
    type: path
  timeout:
    description:
      - The most seconds one API request may take in all, its retries and back-off included, whatever the server does
        (a server that answers a byte at a time is cut off too). Waits for rate limits are not counted here;
        O(rate_limit_wait) bounds them.
      - A task therefore ends within about O(timeout) seconds per request (one, or two with a name lookup) plus
        O(rate_limit_wait). M(cisco.thousandeyes.alert_info), which reads page after page, ends within its
        O(cisco.thousandeyes.alert_info#module:max_duration) in all.
    type: int
    default: 30
  rate_limit_wait:
    description:
      - The most seconds to wait in all for rate limits (HTTP 429) before failing.
      - The wait follows the API's C(Retry-After) or C(X-Organization-Rate-Limit-Reset) header.
      - Snapshot creation is limited to 5 per organisation per 5 minutes, so the default can cover a full window.
      - V(0) fails at the first HTTP 429.
    type: int
    default: 300
requirements:
  - requests >= 2.20
notes:
  - API requests are sent from the host the task runs on; with C(delegate_to=localhost) or a C(localhost) play
    that is the controller or the execution environment, which needs the Python C(requests) library. There the
    module's logic runs in the controller process itself, through the collection's action plugin.
  - Keep the token out of a task's C(environment) keyword; where a module runs on a target, ansible-core prints that
    environment with the module's command at C(-vvv).
  - Proxies are taken from the environment variables E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY).
  - Requests refused with HTTP 429 are waited out and sent again; so are GET requests that meet HTTP 502, 503 or 504
    or a network error, within O(timeout). A request that may have created something (a POST that met a server error,
    a timeout or a dropped connection) is never sent again; the failure then says that it may or may not have taken
    effect. HTTP 400, 401, 403 and 404 are never retried, and redirects are never followed.
"""

    ACTION_GROUP = r"""
attributes:
  action_group:
    description: Use C(group/cisco.thousandeyes.thousandeyes) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - cisco.thousandeyes.thousandeyes
"""

    # The modules with an action plugin (plugins/plugin_utils/_local_first_action.py), and where they run.
    ACTION_PLUGIN = r"""
attributes:
  action:
    description:
      - Has an action plugin. When the task's target is local (a C(localhost) play or C(delegate_to=localhost)), without
        C(become) or C(async), and C(requests) imports in the controller, the module's logic runs in the controller
        process; no module is shipped and no Python process started. Otherwise the module runs on the target as usual.
      - A task whose C(environment) sets a variable that a process reads only when it starts (E(OPENSSL_CONF) and any
        other E(OPENSSL_*), E(SSL_CERT_DIR), E(LD_*), E(PYTHON*)) to a value the controller does not already have runs
        the module, in a new process that honours it; the running controller could not. E(HTTPS_PROXY), E(NO_PROXY),
        E(REQUESTS_CA_BUNDLE) and E(SSL_CERT_FILE) are read when used, so they keep the controller path.
      - Both ways give the same results, messages, warnings and facts.
    support: full
  platform:
    description: Runs wherever the API is reachable, usually the controller (C(delegate_to) or a C(localhost) play).
    support: full
    platforms: all
"""

    # The modules that only read (test_info, alert_info): check mode changes nothing about what they do.
    READ_ONLY = r"""
attributes:
  check_mode:
    description: Reads only, so it runs the same in check mode.
    support: full
  diff_mode:
    description: Changes nothing, so there is no diff.
    support: N/A
"""
