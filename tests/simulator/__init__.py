# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# A ThousandEyes API simulator for tests: the v7 and v6 test snapshot and test
# listing endpoints, with authentication, permissions, account groups, the
# documented rate limits, request recording and scripted faults.
# Standard library only (Python 3.8+); see README.md next to this file.
#
# Start it with `python tests/simulator/server.py --port 0`, or from an installed collection with
# `python3 -m ansible_collections.cisco.thousandeyes.tests.simulator --port 0`; in process with
# Simulator(port=0).start() or start_simulator(port=0).

from .cli import main
from .simulator import Simulator, start_simulator

__all__ = ["Simulator", "start_simulator", "main"]
