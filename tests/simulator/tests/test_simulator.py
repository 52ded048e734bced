# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# Tests of the in-process API (simulator.py): Simulator, start_simulator, another data file.

import json
import os

import pytest

from .. import Simulator, start_simulator
from .support import ADMIN_TOKEN, Client, HTTP_TEST_ID, SIMULATOR_DIR, reply_json


def test_custom_data_file(tmp_path):
    with open(os.path.join(SIMULATOR_DIR, "data.json"), encoding="utf-8") as handle:
        data = json.load(handle)
    data["tests"] = [test for test in data["tests"] if test["testId"] == HTTP_TEST_ID]
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data))
    with Simulator(port=0, data_path=str(path)) as custom:
        tests = reply_json(Client(custom.url).request("GET", "/v7/tests", token=ADMIN_TOKEN))["tests"]
        assert [test["testId"] for test in tests] == [HTTP_TEST_ID]


def test_start_simulator_function():
    started = start_simulator(port=0)
    try:
        assert started.url.startswith("http://127.0.0.1:")
        assert Client(started.url).admin("GET", "/_sim/health") == {"status": "ok"}
    finally:
        started.stop()
    with pytest.raises(OSError):
        Client(started.url).request("GET", "/_sim/health", timeout=2)
