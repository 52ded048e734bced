# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run galaxy-importer on the built collection tarball and fail on anything it reports.

Usage: python tools/galaxy_importer/check.py TARBALL WORK_DIR

Run it with the Python of the tools venv (.venv-tools): galaxy-importer calls
``ansible-doc``, ``ansible-lint`` and ``flake8`` from PATH, so that venv's bin
directory is put first on PATH here. The configuration is
tools/galaxy_importer/galaxy-importer.cfg (through GALAXY_IMPORTER_CONFIG);
the importer's temporary files go to WORK_DIR, as does its importer_result.json.

The gate fails when the importer exits non-zero, prints any WARNING, ERROR or
CRITICAL line, does not finish with "Importer processing completed successfully",
or when its result lacks the documentation of a module (ansible-doc failed on it).
"""

from __future__ import absolute_import, division, print_function

import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "galaxy-importer.cfg")
BAD_LINE = re.compile(r"^\s*(WARNING|ERROR|CRITICAL)\b")
SUCCESS = "Importer processing completed successfully"


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    tarball, work_dir = (os.path.abspath(a) for a in argv)
    tmp_dir = os.path.join(work_dir, "tmp")
    os.makedirs(tmp_dir, exist_ok=True)
    result_file = os.path.join(work_dir, "importer_result.json")
    if os.path.exists(result_file):
        os.remove(result_file)

    env = dict(os.environ)
    env.update({
        "GALAXY_IMPORTER_CONFIG": CONFIG,
        # Config keys can be overridden as GALAXY_IMPORTER_<KEY>; keep scratch files in WORK_DIR.
        "GALAXY_IMPORTER_TMP_ROOT_DIR": tmp_dir,
        "GALAXY_IMPORTER_ANSIBLE_LOCAL_TMP": os.path.join(work_dir, "ansible-tmp"),
        "PATH": os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", ""),
        "ANSIBLE_NOCOLOR": "1",
    })
    env.pop("ANSIBLE_COLLECTIONS_PATH", None)  # the importer installs the tarball in its own tree

    command = [sys.executable, "-m", "galaxy_importer.main", tarball]
    print("galaxy-importer: %s (config %s)" % (" ".join(command), CONFIG), flush=True)
    completed = subprocess.run(command, cwd=work_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, check=False)
    output = completed.stdout
    sys.stdout.write(output)
    with open(os.path.join(work_dir, "galaxy-importer.log"), "w") as handle:
        handle.write(output)

    problems = []
    if completed.returncode not in (0, None):
        problems.append("galaxy-importer exited %s" % completed.returncode)
    bad = [line for line in output.splitlines() if BAD_LINE.match(line)]
    problems.extend("importer said: %s" % line.strip() for line in bad)
    if SUCCESS not in output:
        problems.append("no '%s' line" % SUCCESS)
    if not os.path.exists(result_file):
        problems.append("no importer_result.json written")
    else:
        with open(result_file) as handle:
            result = json.load(handle)
        modules = [c for c in result.get("contents", []) if c.get("content_type") == "module"]
        if not modules:
            problems.append("the importer found no modules")
        documented = dict((c.get("content_name"), c.get("doc_strings"))
                          for c in (result.get("docs_blob") or {}).get("contents", [])
                          if c.get("content_type") == "module")
        for content in modules:
            if not documented.get(content.get("name")) or not content.get("description"):
                problems.append("module %s has no documentation in the import result (ansible-doc failed?)"
                                % content.get("name"))
        if not ((result.get("docs_blob") or {}).get("collection_readme") or {}).get("html"):
            problems.append("the import result has no rendered README")
        print("galaxy-importer result: %s" % ", ".join(
            "%s %s" % (c.get("content_type"), c.get("name")) for c in result.get("contents", [])))

    print("-" * 64)
    if problems:
        print("galaxy-importer gate FAILED (%d problem(s)):" % len(problems))
        for problem in problems:
            print("  - %s" % problem)
        return 1
    print("galaxy-importer gate: accepted with no warnings and no errors")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
