# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Print the table `make test` ends with, from nox's --report file: each session's result and time.

Usage: python tools/nox_report.py build/nox-report.json [build/make-test.log]

With the log of the nox run (what `make test` tees to build/make-test.log), a failed session's own
output is found in it (`nox -j` prints each session's output as one block, from "Running session X" to
"Session X failed") and its telling lines are printed after the table: pytest's FAILED/ERROR lines,
ansible-test's and nox's error lines, else the block's last lines. CI often shows only the end of
what a run printed, so that is where the reason has to be.

The last line counts the sessions as "sessions: N passed, N failed, N skipped" (aborted sessions,
whose prerequisite failed, count as failed) and names the failed ones.
"""

from __future__ import annotations

import json
import re
import sys

# Lines that say why a session failed, in the tools the sessions run.
TELLING = re.compile(
    r"^(FAILED |ERROR |ERROR: |E   |FATAL|Traceback|nox > Command .* failed|nox > Session .* (failed|aborted)"
    r"|[^ ]+\.py:\d+:\d+: |.*(AssertionError|Timeout|timed out)|=+ .*(failed|error).* =+$)"
)
# What starts the next block in a `nox -j` log, or nox's closing summary.
NEXT_SESSION = ("Starting session ", "=====", "nox > ")
DIGEST_LINES = 12
TAIL_LINES = 8
LINE_CHARS = 240


def session_block(lines, name):
    """The lines of session `name`'s own output in a `nox -j` log (its last run), or []."""
    start = None
    for index, line in enumerate(lines):
        if line.rstrip() == "nox > Running session %s" % name:
            start = index
    if start is None:
        return []
    end_marker = "nox > Session %s " % name
    for index in range(start + 1, len(lines)):
        if lines[index].startswith(end_marker):
            # session.error()'s message may go on over further lines, up to the next session's output.
            end = index + 1
            while end < len(lines) and not lines[end].startswith(NEXT_SESSION):
                end += 1
            return lines[start:end]
    return lines[start:]


def digest(block):
    """A few lines of a failed session's output that say why, in order: the telling ones and the last three,
    else its tail."""
    telling = [index for index, line in enumerate(block) if TELLING.match(line)][-DIGEST_LINES:]
    if not telling:
        telling = list(range(max(0, len(block) - TAIL_LINES), len(block)))
    chosen = sorted(set(telling) | set(range(max(0, len(block) - 3), len(block))))
    return [shorten(block[index]) for index in chosen]


def shorten(line):
    line = line.rstrip("\n")
    return line if len(line) <= LINE_CHARS else line[:LINE_CHARS - 3] + "..."


def main(path, log_path=None):
    with open(path, encoding="utf-8") as handle:
        sessions = json.load(handle)["sessions"]
    print("%-34s %-8s %8s" % ("session", "result", "seconds"))
    for session in sessions:
        print("%-34s %-8s %8.0f" % (session["name"], session["result"], session.get("duration") or 0))
    passed = sum(1 for session in sessions if session["result"] == "success")
    skipped = sum(1 for session in sessions if session["result"] == "skipped")
    failed_names = [session["name"] for session in sessions if session["result"] not in ("success", "skipped")]
    if failed_names and log_path:
        with open(log_path, encoding="utf-8", errors="replace") as handle:
            lines = handle.read().splitlines()
        for name in failed_names:
            block = session_block(lines, name)
            print("--- why %s failed (%d lines of its output in %s):" % (name, len(block), log_path))
            for line in digest(block) if block else ["(no output of this session in the log)"]:
                print("    " + line)
    print("sessions: %d passed, %d failed, %d skipped%s" % (
        passed, len(failed_names), skipped, " (failed: %s)" % ", ".join(failed_names) if failed_names else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
