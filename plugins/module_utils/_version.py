# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The one place the collection version is written in code; a unit test keeps it equal to galaxy.yml.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

COLLECTION_VERSION = "1.0.0"
