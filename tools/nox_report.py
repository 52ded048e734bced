# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print the table `make test` ends with, from nox's --report file: each session's result and time.

Usage: python tools/nox_report.py build/nox-report.json

The last line counts the sessions as "sessions: N passed, N failed, N skipped" (aborted sessions,
whose prerequisite failed, count as failed).
"""

from __future__ import annotations

import json
import sys


def main(path):
    with open(path, encoding="utf-8") as handle:
        sessions = json.load(handle)["sessions"]
    print("%-34s %-8s %8s" % ("session", "result", "seconds"))
    for session in sessions:
        print("%-34s %-8s %8.0f" % (session["name"], session["result"], session.get("duration") or 0))
    passed = sum(1 for session in sessions if session["result"] == "success")
    skipped = sum(1 for session in sessions if session["result"] == "skipped")
    failed = len(sessions) - passed - skipped
    print("sessions: %d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
