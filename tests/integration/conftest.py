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

# Module-scoped fixtures that run playbooks or start ansible-rulebook once for many tests. With `pytest -n N
# --dist loadgroup` (the integration nox sessions) the tests using one are sent to one worker, so it is built
# once, not once per worker. (Files whose every test shares one fixture say so with their own pytestmark.)
SHARED_MODULE_FIXTURES = ("rulebook", "both_paths", "openssl_conf_both_ways", "outcome")


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    for item in items:
        shared = [name for name in SHARED_MODULE_FIXTURES if name in getattr(item, "fixturenames", ())]
        if shared and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group("%s:%s" % (item.module.__name__, shared[0])))


# Files whose every test is in one xdist_group (their pytestmark): at least one of them is in any full run.
WHOLLY_GROUPED_FILES = ("test_integration_bad_inputs.py", "test_integration_concurrency.py", "test_integration_faults.py",
                        "test_integration_secrets.py", "test_integration_tls.py")


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook: unknown without it
def pytest_xdist_node_collection_finished(node, ids):
    """In the controller, with each worker's node IDs: pytest-xdist groups a test by adding "@<group>" to its ID.
    With a pytest whose IDs it cannot change (9.2 with xdist 3.8.0), `--dist loadgroup` quietly spread every
    group over the workers (each built the group's playbook run again); stop rather than run like that."""
    if node.config.getoption("dist", default="no") != "loadgroup" or any("@" in nodeid for nodeid in ids):
        return
    grouped = [nodeid for nodeid in ids if os.path.basename(nodeid.split("::")[0]) in WHOLLY_GROUPED_FILES]
    if grouped:
        pytest.exit("--dist loadgroup has no effect with pytest %s and this pytest-xdist: %s has no group in its node "
                    "ID; pin pytest as tests/requirements-integration.txt says" % (pytest.__version__, grouped[0]), returncode=4)


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
