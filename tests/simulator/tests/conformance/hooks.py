# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# schemathesis hooks of the conformance run: after every call, POST /_sim/reset puts the
# simulator back to its start-up state (the loosened limits it was started with, no pending
# faults, no snapshots). A generated POST /_sim/faults or /_sim/reset therefore changes only
# the answer it gets, never the calls after it.

import urllib.parse
import urllib.request

import schemathesis


def reset_simulator(url):
    parts = urllib.parse.urlsplit(url)
    request = urllib.request.Request("{0}://{1}/_sim/reset".format(parts.scheme, parts.netloc), data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


@schemathesis.hook
def after_call(context, case, response):
    reset_simulator(response.request.url)


@schemathesis.hook
def after_network_error(context, case, request):
    reset_simulator(request.url)
