# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The command line: `python tests/simulator/server.py --port 0` or, from an
# installed collection, `python3 -m ansible_collections.cisco.thousandeyes.tests.simulator --port 0`.
# Prints one banner line once it listens and stops cleanly on SIGTERM or SIGINT.

import argparse
import signal
import ssl
import sys
import threading

from .directory import DEFAULT_DATA_PATH
from .limits import (DEFAULT_DASHBOARD_SNAPSHOT_QUOTA, DEFAULT_DASHBOARD_SNAPSHOT_QUOTA_PERIOD, DEFAULT_REQUEST_LIMIT, DEFAULT_SNAPSHOT_QUOTA,
                     DEFAULT_SNAPSHOT_QUOTA_PERIOD, DEFAULT_UNAUTHORIZED_THRESHOLD)
from .simulator import Simulator

BANNER = "ThousandEyes API simulator listening on {0}\n"


def parse_arguments(argv, prog=None):
    parser = argparse.ArgumentParser(prog=prog, description="ThousandEyes API simulator (v7 and v6 test snapshots) for tests.")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, required=True, help="port to listen on; 0 picks a free one")
    parser.add_argument("--cert", help="PEM certificate: serve HTTPS")
    parser.add_argument("--key", help="PEM private key of --cert")
    parser.add_argument("--data", default=DEFAULT_DATA_PATH, help="organisation data (default: data.json next to this file)")
    parser.add_argument("--snapshot-quota", type=int, default=DEFAULT_SNAPSHOT_QUOTA, help="snapshots per organisation per period (default 5)")
    parser.add_argument("--snapshot-quota-period", type=int, default=DEFAULT_SNAPSHOT_QUOTA_PERIOD, help="snapshot quota period in seconds (default 300)")
    parser.add_argument("--dashboard-snapshot-quota", type=int, default=DEFAULT_DASHBOARD_SNAPSHOT_QUOTA,
                        help="dashboard snapshots per organisation per period (default 100)")
    parser.add_argument("--dashboard-snapshot-quota-period", type=int, default=DEFAULT_DASHBOARD_SNAPSHOT_QUOTA_PERIOD,
                        help="dashboard snapshot quota period in seconds (default 3600)")
    parser.add_argument("--request-limit", type=int, default=DEFAULT_REQUEST_LIMIT, help="API requests per organisation per minute (default 240)")
    parser.add_argument("--unauthorized-threshold", type=int, default=DEFAULT_UNAUTHORIZED_THRESHOLD,
                        help="401 answers per client IP per hour before it is blocked with 429 (default 120)")
    parser.add_argument("--seed", type=int, help="seed for snapshot IDs (repeatable runs)")
    parser.add_argument("--verbose", action="store_true", help="log each request to stderr")
    args = parser.parse_args(argv)
    if bool(args.cert) != bool(args.key):
        parser.error("--cert and --key must be given together")
    for name in ("snapshot_quota", "snapshot_quota_period", "dashboard_snapshot_quota", "dashboard_snapshot_quota_period", "request_limit",
                 "unauthorized_threshold"):
        if getattr(args, name) < 1:
            parser.error("--{0} must be a positive integer".format(name.replace("_", "-")))
    return args


def stop_on_signal():
    """An event that SIGTERM or SIGINT sets. Installed before the banner is printed, so that a signal sent as soon
    as the banner is read stops the simulator cleanly (exit 0) instead of killing it."""
    stop_requested = threading.Event()

    def request_stop(unused_signum, unused_frame):
        stop_requested.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    return stop_requested


def wait_for_stop_signal(stop_requested):
    """Block until SIGTERM or SIGINT."""
    while not stop_requested.wait(0.5):
        continue


def main(argv=None, prog=None):
    args = parse_arguments(argv, prog)
    try:
        simulator = Simulator(host=args.host, port=args.port, data_path=args.data, certfile=args.cert, keyfile=args.key,
                              snapshot_quota=args.snapshot_quota, snapshot_quota_period=args.snapshot_quota_period,
                              request_limit=args.request_limit, unauthorized_threshold=args.unauthorized_threshold,
                              verbose=args.verbose, seed=args.seed, dashboard_snapshot_quota=args.dashboard_snapshot_quota,
                              dashboard_snapshot_quota_period=args.dashboard_snapshot_quota_period)
    except (OSError, ValueError, KeyError, ssl.SSLError) as exc:
        sys.stderr.write("ThousandEyes API simulator failed to start: {0}\n".format(exc))
        return 1
    stop_requested = stop_on_signal()
    simulator.start()
    sys.stdout.write(BANNER.format(simulator.url))
    sys.stdout.flush()
    wait_for_stop_signal(stop_requested)
    simulator.stop()
    return 0
