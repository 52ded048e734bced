# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# The simulator's entry point by file path, as it has always been:
#   python tests/simulator/server.py --port 0
# and, in process, this file loaded by path (or `import server` with tests/simulator on sys.path):
#   Simulator(port=0).start(), start_simulator(port=0).
# The code lives in the package around this file (see README.md).

import importlib
import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# The package's name when this file is not imported as part of it.
PACKAGE_NAME = "thousandeyes_api_simulator_package"


def load_package():
    """The simulator package: imported normally when this file is one of its modules, else loaded from this folder."""
    if __package__:
        return importlib.import_module(__package__)
    if PACKAGE_NAME not in sys.modules:
        spec = importlib.util.spec_from_file_location(PACKAGE_NAME, os.path.join(HERE, "__init__.py"), submodule_search_locations=[HERE])
        package = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE_NAME] = package
        try:
            spec.loader.exec_module(package)
        except BaseException:
            del sys.modules[PACKAGE_NAME]
            raise
    return sys.modules[PACKAGE_NAME]


_package = load_package()
Simulator = _package.Simulator
start_simulator = _package.start_simulator
main = _package.main

__all__ = ["Simulator", "start_simulator", "main"]

if __name__ == "__main__":
    sys.exit(main())
