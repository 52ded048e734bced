# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# For the tests only: the local connection under another name. Ansible ships and runs modules through it exactly
# as through a remote connection (a payload, a new Python process), while it needs no SSH server; the collection's
# action plugins see a target that is not the controller and execute the module there.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

DOCUMENTATION = r"""
name: target_process
short_description: The local connection, seen as a remote target (tests only)
description:
  - Runs commands and modules on this machine like the local connection, under another transport name, so that
    action plugins which run locally take the path of a remote target.
author:
  - ThousandEyes collection maintainers (@cisco)
extends_documentation_fragment:
  - connection_pipelining
"""

from ansible.plugins.connection.local import Connection as LocalConnection


class Connection(LocalConnection):

    transport = "target_process"
