# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Where the simulator lives, and server.py loaded as a module by the simulator's tests.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import importlib.util
import os
import sys

SIMULATOR_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER_PATH = os.path.join(SIMULATOR_DIR, "server.py")
MODULE_NAME = "thousandeyes_api_simulator"


def load_simulator_module():
    """server.py is not in a package on sys.path, so load it by file path (once)."""
    if MODULE_NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(MODULE_NAME, SERVER_PATH)
        module = importlib.util.module_from_spec(spec)
        sys.modules[MODULE_NAME] = module
        spec.loader.exec_module(module)
    return sys.modules[MODULE_NAME]
