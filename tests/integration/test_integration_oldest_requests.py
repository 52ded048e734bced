# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The oldest supported stack on the module path: the oldest module Python the core runs (3.8; 3.9 from ansible-core
# 2.20, which dropped 3.8) with requests 2.20 (the oldest the docs support), which brings urllib3 1.24. One playbook,
# run through the controller path (this Python, current requests and urllib3 2.x) and through the module path on that
# stack: a listing, a snapshot, the extreme window times of issue 17 and a refused connection give the same results.
#
# The venv is built once per run in a temporary directory (pip install requests==2.20.0: a few seconds, from PyPI).

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import shutil
import socket
import subprocess
import sys

import pytest

from ansible.release import __version__ as ANSIBLE_CORE_VERSION
from harness import PlaybookRunner
from path_results import CONNECTION_PLUGINS, keep_results, normalised

OLDEST_REQUESTS = "requests==2.20.0"
HTTP_TEST = "281474976710708"
# The oldest module Python of each core that tests/config.yml claims (>=3.8; noxfile.py TARGET_PYTHONS).
OLDEST_MODULE_PYTHON = {"2.16": "3.8", "2.17": "3.8", "2.18": "3.8", "2.19": "3.8", "2.20": "3.9", "2.21": "3.9", "2.22": "3.9"}

PLAY = """---
- name: The same tasks through either path
  hosts: localhost
  gather_facts: false
  tasks:
    - name: List the tests
      cisco.thousandeyes.test_info:
        api_url: "{{ te_api_url }}"
      register: te_listed

    - name: Snapshot the last hour
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        test_id: "%(test)s"
        hours: 1
      register: te_created

    - name: End in year 1
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        test_id: "%(test)s"
        end: "0001-01-01 00:30:00"
        hours: 1
      register: te_year_1_end
      ignore_errors: true

    - name: Start in year 9999
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        test_id: "%(test)s"
        start: "9999-12-31 23:30:00"
        hours: 4
      register: te_year_9999_start
      ignore_errors: true

    - name: Start in year 1
      cisco.thousandeyes.snapshot:
        api_url: "{{ te_api_url }}"
        test_id: "%(test)s"
        start: "0001-01-01 00:00:00"
        hours: 1
      register: te_year_1_start
      ignore_errors: true

    - name: A port nothing listens on
      cisco.thousandeyes.test_info:
        api_url: "{{ te_closed_url }}"
        timeout: 10
      register: te_refused
      ignore_errors: true
""" % {"test": HTTP_TEST}
TASKS = ("listed", "created", "year_1_end", "year_9999_start", "year_1_start", "refused")
PLAY += keep_results(*TASKS)


def find_python(version):
    """An interpreter for Python X.Y: $PYTHON_X_Y, pythonX.Y on PATH (not a pyenv shim), then pyenv's newest X.Y.*."""
    candidates = [os.environ.get("PYTHON_" + version.replace(".", "_")), shutil.which("python" + version)]
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    candidates += sorted(glob.glob(os.path.join(root, "versions", version + ".*", "bin", "python" + version)), reverse=True)
    for candidate in candidates:
        if not candidate or "/shims/" in candidate:
            continue
        probe = subprocess.run([candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True, check=False)
        if probe.stdout.strip() == version:
            return candidate
    return None


def closed_port():
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


@pytest.fixture(scope="module")
def oldest_python(tmp_path_factory):
    version = OLDEST_MODULE_PYTHON.get(".".join(ANSIBLE_CORE_VERSION.split(".")[:2]))
    assert version, "ansible-core %s is not in OLDEST_MODULE_PYTHON" % ANSIBLE_CORE_VERSION
    interpreter = find_python(version)
    if interpreter is None:
        pytest.skip("no Python %s found ($PYTHON_%s, python%s on PATH, pyenv)" % (version, version.replace(".", "_"), version))
    venv = tmp_path_factory.mktemp("python-%s-requests-2.20" % version) / "venv"
    subprocess.run([interpreter, "-m", "venv", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    installed = subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", OLDEST_REQUESTS],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert installed.returncode == 0, installed.stdout
    versions = subprocess.run([python, "-c", "import requests, urllib3; print(requests.__version__, urllib3.__version__)"],
                              stdout=subprocess.PIPE, universal_newlines=True, check=True).stdout.split()
    assert versions[0] == "2.20.0" and versions[1].startswith("1.24."), versions
    return python


# One test, so that one xdist worker builds the venv and runs the playbook once per path.
def test_the_oldest_stack_on_the_module_path_gives_the_controller_paths_results(oldest_python, collections_path, simulator, tmp_path_factory):
    closed_url = "https://127.0.0.1:%d" % closed_port()
    played = {}
    for path, host in (("controller", "ansible_connection=local ansible_python_interpreter=%s" % sys.executable),
                       ("module", "ansible_connection=target_process ansible_python_interpreter=%s" % oldest_python)):
        simulator.reset()
        work = tmp_path_factory.mktemp("oldest-%s" % path)
        (work / "inventory.ini").write_text("localhost %s\n" % host)
        (work / "play.yml").write_text(PLAY)
        played[path] = PlaybookRunner(collections_path, simulator.url, str(work)).run(
            None, {"te_closed_url": closed_url}, playbook_path=str(work / "play.yml"), inventory=str(work / "inventory.ini"),
            verbosity=3, env={"ANSIBLE_CONNECTION_PLUGINS": CONNECTION_PLUGINS, "ANSIBLE_INJECT_INVOCATION": "1"})
        assert played[path].rc == 0, played[path].output[-5000:]

    assert "AnsiballZ_snapshot.py" in played["module"].output
    assert "AnsiballZ_snapshot.py" not in played["controller"].output
    # The whole results, task by task (warnings, deprecations and invocation included).
    differing = dict((task, (normalised(played["controller"][task]), normalised(played["module"][task])))
                     for task in TASKS if normalised(played["controller"][task]) != normalised(played["module"][task]))
    assert differing == {}

    results = played["module"]
    assert results["listed"]["tests"] and results["created"]["changed"]
    assert results["created"]["snapshot"]["source_test_id"] == HTTP_TEST
    for task, option, words in (("year_1_end", "end", "Option end: 0001-01-01 00:30:00 UTC is before 1970-01-01 00:00:00 UTC"),
                                ("year_9999_start", "start", "Option start: 9999-12-31 23:30:00 UTC is in the future"),
                                ("year_1_start", "start", "Option start: 0001-01-01 00:00:00 UTC is before 1970-01-01 00:00:00 UTC")):
        assert results[task]["failed"] and results[task]["option"] == option and results[task]["msg"].startswith(words), results[task]
    refused = results["refused"]["msg"]
    assert refused.startswith("Could not connect to https://127.0.0.1:") and refused.endswith(": [Errno 111] Connection refused."), refused
    assert "object at 0x" not in refused
