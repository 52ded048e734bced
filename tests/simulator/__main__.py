# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
from __future__ import absolute_import, division, print_function
__metaclass__ = type

# python3 -m ansible_collections.cisco.thousandeyes.tests.simulator --port 8080
# (with the directory that holds ansible_collections/ on PYTHONPATH)

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main(prog="python3 -m " + __package__))
