# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Fixtures of the simulator's tests: one in-process simulator per test module, reset before each
# test, and a self-signed certificate for the HTTPS tests.

import subprocess

import pytest

from .. import Simulator
from .support import ADMIN_TOKEN, Client


@pytest.fixture(scope="module")
def simulator():
    instance = Simulator(port=0, seed=7)
    instance.start()
    yield instance
    instance.stop()


@pytest.fixture
def client(simulator):
    api = Client(simulator.url)
    api.admin("POST", "/_sim/reset")
    return api


@pytest.fixture
def api_client(simulator):
    """A client of the official ThousandEyes SDK (thousandeyes-sdk-core) for the simulator, reset first."""
    sdk_core = pytest.importorskip("thousandeyes_sdk.core")
    Client(simulator.url).admin("POST", "/_sim/reset")
    client = sdk_core.ApiClient(sdk_core.Configuration(host=simulator.url + "/v7", access_token=ADMIN_TOKEN))
    yield client
    client.close()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(["/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-days", "2", "-keyout", key, "-out", cert],
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=True, timeout=60)
    return cert, key
