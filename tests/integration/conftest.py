# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Integration harness: the API simulator as a real process on 127.0.0.1 (HTTP, and HTTPS with a
# self-signed certificate), and real ansible-playbook runs of the collection against it.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os
import subprocess
import sys
import tempfile

import pytest

from harness import PlaybookRunner, SimulatorProcess, make_certificate, make_strict_ca

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@pytest.fixture(scope="session")
def collections_path():
    """A collections path holding this checkout as cisco.thousandeyes (or the one the Makefile built)."""
    given = os.environ.get("TE_TEST_COLLECTIONS_PATH")
    if given:
        return given
    root = tempfile.mkdtemp(prefix="te-collections-")
    namespace_dir = os.path.join(root, "ansible_collections", "cisco")
    os.makedirs(namespace_dir)
    os.symlink(REPO_ROOT, os.path.join(namespace_dir, "thousandeyes"))
    return root


@pytest.fixture(scope="session")
def certificates():
    directory = tempfile.mkdtemp(prefix="te-certs-")
    # A CA that Python 3.13's strict X.509 checks accept (the ansible-core 2.21 leg), then the server certificate it signs.
    make_strict_ca(directory)
    return make_certificate(directory)


@pytest.fixture(scope="session")
def simulator():
    process = SimulatorProcess()
    yield process
    process.stop()


@pytest.fixture(scope="session")
def tls_simulator(certificates):
    process = SimulatorProcess(cert=certificates["cert"], key=certificates["key"])
    yield process
    process.stop()


@pytest.fixture
def sim(simulator):
    """The HTTP simulator, reset before each test."""
    simulator.reset()
    return simulator


@pytest.fixture
def runner(collections_path, simulator, tmp_path):
    return PlaybookRunner(collections_path, simulator.url, str(tmp_path))


def pytest_report_header(config):
    version = subprocess.run([os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "--version"],
                             stdout=subprocess.PIPE, universal_newlines=True, check=False).stdout.splitlines()
    return "ansible-playbook: %s" % (version[0] if version else "not found")
