# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the command line (cli.py, server.py, __main__.py): banner, clean stop, HTTPS, the one command of an
# installed collection, Python 3.8, and server.py loaded in process as users load it.

import os
import re
import shutil
import signal
import ssl
import subprocess
import sys

import pytest

from .support import SERVER_PATH, SIMULATOR_DIR, Client, create_v7, ensure_stopped


def start_cli(*arguments):
    process = subprocess.Popen([sys.executable, SERVER_PATH, "--port", "0"] + list(arguments),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    banner = process.stdout.readline()
    return process, banner


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_cli_banner_and_clean_stop(stop_signal):
    process, banner = start_cli("--snapshot-quota", "100", "--snapshot-quota-period", "86400")
    try:
        match = re.match(r"^ThousandEyes API simulator listening on (http://127\.0\.0\.1:\d+)\n$", banner)
        assert match, banner
        api = Client(match.group(1))
        assert api.admin("GET", "/_sim/health") == {"status": "ok"}
        assert api.admin("GET", "/_sim/config")["snapshot_quota"] == {"limit": 100, "period": 86400}
        assert create_v7(api).status == 201
        process.send_signal(stop_signal)
        assert process.wait(timeout=10) == 0
        assert process.stdout.read() == ""
    finally:
        ensure_stopped(process)


def test_cli_rejects_cert_without_key():
    process = subprocess.run([sys.executable, SERVER_PATH, "--port", "0", "--cert", "x.pem"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             universal_newlines=True, timeout=30, check=False)
    assert process.returncode == 2
    assert "--cert and --key" in process.stderr


def test_https_cli(certificate):
    cert, key = certificate
    process, banner = start_cli("--cert", cert, "--key", key)
    try:
        match = re.match(r"^ThousandEyes API simulator listening on (https://127\.0\.0\.1:\d+)\n$", banner)
        assert match, banner
        api = Client(match.group(1), ssl.create_default_context(cafile=cert))
        assert api.admin("GET", "/_sim/health") == {"status": "ok"}
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0
    finally:
        ensure_stopped(process)


def start_command(command, environment=None, cwd=None):
    """Start a simulator command line; returns (process, base URL)."""
    process = subprocess.Popen(command + ["--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True,
                               env=environment, cwd=cwd)
    banner = process.stdout.readline()
    match = re.match(r"^ThousandEyes API simulator listening on (http://127\.0\.0\.1:\d+)\n$", banner)
    if not match:
        process.kill()
        process.wait()
        pytest.fail("no banner from {0}: {1!r} {2}".format(command, banner, process.stderr.read()))
    return process, match.group(1)


def stop_command(process):
    process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=10)
    finally:
        ensure_stopped(process)


def check_serves(url):
    api = Client(url)
    assert api.request("GET", "/v7/tests", token="simulator-token").status == 200
    assert api.admin("GET", "/_sim/openapi.json")["info"]["title"] == "ThousandEyes API simulator"


def python_3_8():
    """A Python 3.8 from pyenv (the oldest the simulator supports), or None."""
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return None
    found = subprocess.run([pyenv, "prefix", "3.8"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, universal_newlines=True, check=False)
    candidate = os.path.join(found.stdout.strip().splitlines()[-1], "bin", "python3") if found.returncode == 0 and found.stdout.strip() else ""
    return candidate if os.path.isfile(candidate) else None


@pytest.fixture(scope="module")
def installed_collection(tmp_path_factory):
    """The collection built and installed with ansible-galaxy as a user does: the directory that holds ansible_collections/."""
    galaxy = os.path.join(os.path.dirname(sys.executable), "ansible-galaxy")
    if not os.path.isfile(galaxy):
        pytest.skip("ansible-galaxy is not installed next to {0}".format(sys.executable))
    work = tmp_path_factory.mktemp("galaxy")
    repository = os.path.dirname(os.path.dirname(SIMULATOR_DIR))
    subprocess.run([galaxy, "collection", "build", "--output-path", str(work), repository], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                   universal_newlines=True, check=True, timeout=120)
    (tarball,) = [name for name in os.listdir(str(work)) if name.endswith(".tar.gz")]
    collections_path = str(work / "collections")
    subprocess.run([galaxy, "collection", "install", "-p", collections_path, str(work / tarball)], stdout=subprocess.PIPE,
                   stderr=subprocess.STDOUT, universal_newlines=True, check=True, timeout=120,
                   env=dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path))
    return collections_path


INSTALLED_COMMAND = ["-m", "ansible_collections.cisco.thousandeyes.tests.simulator"]


@pytest.mark.parametrize("python", ["current", "3.8"])
def test_installed_collection_one_command(installed_collection, tmp_path, python):
    # The README's command: PYTHONPATH=<collections path> python3 -m ansible_collections.cisco.thousandeyes.tests.simulator --port N
    interpreter = sys.executable if python == "current" else python_3_8()
    if interpreter is None:
        pytest.skip("no Python 3.8 found with pyenv")
    environment = dict(os.environ, PYTHONPATH=installed_collection)
    process, url = start_command([interpreter] + INSTALLED_COMMAND, environment, cwd=str(tmp_path))
    try:
        check_serves(url)
    finally:
        assert stop_command(process) == 0
    assert os.path.isfile(os.path.join(installed_collection, "ansible_collections", "cisco", "thousandeyes", "tests", "simulator", "openapi.json"))


def test_server_py_on_python_3_8():
    interpreter = python_3_8()
    if interpreter is None:
        pytest.skip("no Python 3.8 found with pyenv")
    process, url = start_command([interpreter, SERVER_PATH])
    try:
        check_serves(url)
        assert create_v7(Client(url)).status == 201
    finally:
        assert stop_command(process) == 0


SCRIPT_USES = """
import importlib.util, json, sys, urllib.request
mode, path, folder = sys.argv[1:]
if mode == "by-path":
    spec = importlib.util.spec_from_file_location("thousandeyes_api_simulator", path)
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
else:
    sys.path.insert(0, folder)
    import server
with server.Simulator(port=0) as simulator:
    with urllib.request.urlopen(simulator.url + "/_sim/health", timeout=10) as answer:
        print(json.loads(answer.read().decode("utf-8"))["status"])
started = server.start_simulator(port=0)
started.stop()
print(callable(server.main))
"""


@pytest.mark.parametrize("mode", ["by-path", "on-sys-path"])
def test_server_py_in_process_as_users_load_it(mode, tmp_path):
    # The README's in-process use: server.py loaded by file path, or imported with tests/simulator on sys.path.
    finished = subprocess.run([sys.executable, "-c", SCRIPT_USES, mode, SERVER_PATH, SIMULATOR_DIR], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, universal_newlines=True, timeout=60, check=False, cwd=str(tmp_path))
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.split() == ["ok", "True"]
