# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""tools/nox_report.py: the table `make test` ends with, and why a session failed, last.

The logs below keep the shape of what `nox -j 2 --report ...` (nox 2026.10.20, tests/requirements-nox.txt)
printed in our own `make test` runs: "Starting session X..." and a result banner, then the session's
whole output as one block from "nox > Running session X" to "nox > Session X <result>", whose message
(session.error / session.skip) may go on over further lines.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "tools" / "nox_report.py"

PASSING_LOG = """\
Starting session lint...
========== ✓ lint: success, 3 seconds ==========
nox > Running session lint
nox > ruff check plugins tests
All checks passed!
nox > Session lint was successful in 3 seconds.
"""

PYTEST_FAILURE_LOG = """\
Starting session integration-2.16...
========== ✗ integration-2.16: failed, 8 minutes ==========
nox > Running session integration-2.16
nox > python -m pytest tests/integration -n 2 -p no:cacheprovider -q
........................................F.........
=================================== FAILURES ===================================
___________________________ test_restart_drains ___________________________
E   AssertionError: the restart's sweep: not seen within 180 s
E   assert 11 == 12
""" + "".join("filler line %d of the captured log\n" % number for number in range(60)) + """\
=========================== short test summary info ============================
FAILED tests/integration/test_integration_eda_storm.py::test_restart_drains[2.16-none] - AssertionError: the restart's sweep
=================== 1 failed, 422 passed in 480.12s (0:08:00) ===================
nox > Command python -m pytest tests/integration -n 2 -p no:cacheprovider -q failed with exit code 1
nox > Session integration-2.16 failed.
Starting session ansible-test-sanity-2.17...
========== ✓ ansible-test-sanity-2.17: success, 4 minutes ==========
nox > Running session ansible-test-sanity-2.17
nox > Session ansible-test-sanity-2.17 was successful in 4 minutes.
"""

ABORTED_LOG = """\
Starting session build-import-check...
========== ↯ build-import-check: aborted, 24 seconds ==========
nox > Running session build-import-check
nox > python -m galaxy_importer.main cisco-thousandeyes-1.0.0.tar.gz
nox > Session build-import-check aborted: galaxy-importer:
  WARNING: plugins/module_utils/_alert_info_module.py:116:33: W503 line break before binary operator (took 24 seconds).
Starting session ansible-lint...
========== ✓ ansible-lint: success, 24 seconds ==========
nox > Running session ansible-lint
nox > Session ansible-lint was successful in 24 seconds.
"""


def run_report(tmp_path, sessions, log=None):
    report = tmp_path / "nox-report.json"
    report.write_text(json.dumps({"sessions": sessions}))
    args = [sys.executable, str(SCRIPT), str(report)]
    if log is not None:
        log_path = tmp_path / "make-test.log"
        log_path.write_text(log, encoding="utf-8")
        args.append(str(log_path))
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return result.stdout.splitlines()


def test_all_passed_ends_with_the_count(tmp_path):
    lines = run_report(tmp_path, [{"name": "lint", "result": "success", "duration": 3.2}], PASSING_LOG)
    assert lines[0].split() == ["session", "result", "seconds"]
    assert lines[1].split() == ["lint", "success", "3"]
    assert lines[-1] == "sessions: 1 passed, 0 failed, 0 skipped"
    assert len(lines) == 3


def test_a_failed_pytest_session_says_which_test_failed_in_the_last_lines(tmp_path):
    sessions = [
        {"name": "integration-2.16", "result": "failed", "duration": 480},
        {"name": "ansible-test-sanity-2.17", "result": "success", "duration": 240},
    ]
    lines = run_report(tmp_path, sessions, PYTEST_FAILURE_LOG)
    assert lines[-1] == "sessions: 1 passed, 1 failed, 0 skipped (failed: integration-2.16)"
    # CI shows about the last twenty lines of a run: the reason has to be among them.
    last = "\n".join(lines[-20:])
    assert "FAILED tests/integration/test_integration_eda_storm.py::test_restart_drains[2.16-none]" in last
    assert "AssertionError: the restart's sweep: not seen within 180 s" in last
    assert "1 failed, 422 passed" in last
    assert "nox > Session integration-2.16 failed." in last
    # Only the failed session's own lines, never the filler or another session's.
    assert "filler line" not in last
    assert "ansible-test-sanity-2.17 was successful" not in last


def test_an_aborted_session_keeps_its_message_lines(tmp_path):
    sessions = [
        {"name": "build-import-check", "result": "aborted", "duration": 24},
        {"name": "ansible-lint", "result": "success", "duration": 24},
    ]
    lines = run_report(tmp_path, sessions, ABORTED_LOG)
    digest_start = next(index for index, line in enumerate(lines) if line.startswith("--- why build-import-check"))
    digest = lines[digest_start + 1:-1]
    assert [line.strip() for line in digest] == [
        "nox > python -m galaxy_importer.main cisco-thousandeyes-1.0.0.tar.gz",
        "nox > Session build-import-check aborted: galaxy-importer:",
        "WARNING: plugins/module_utils/_alert_info_module.py:116:33: W503 line break before binary operator "
        "(took 24 seconds).",
    ]
    assert "ansible-lint" not in "\n".join(digest)


def test_a_session_missing_from_the_log_is_said_so(tmp_path):
    lines = run_report(tmp_path, [{"name": "typing", "result": "failed", "duration": 1}], PASSING_LOG)
    assert "    (no output of this session in the log)" in lines
    assert lines[-1].endswith("(failed: typing)")


def test_without_a_log_only_the_table(tmp_path):
    lines = run_report(tmp_path, [{"name": "typing", "result": "failed", "duration": 1}])
    assert not any(line.startswith("--- why") for line in lines)
    assert lines[-1] == "sessions: 0 passed, 1 failed, 0 skipped (failed: typing)"


def test_long_lines_are_shortened(tmp_path):
    log = ("nox > Running session typing\nFAILED " + "x" * 1000 + "\nnox > Session typing failed.\n")
    lines = run_report(tmp_path, [{"name": "typing", "result": "failed", "duration": 1}], log)
    failed_line = next(line for line in lines if line.strip().startswith("FAILED"))
    assert len(failed_line.strip()) == 240 and failed_line.endswith("...")
