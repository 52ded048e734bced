# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os

import yaml

from ansible_collections.cisco.thousandeyes.plugins.module_utils._client import USER_AGENT
from ansible_collections.cisco.thousandeyes.plugins.module_utils._version import COLLECTION_VERSION

# tests/unit/plugins/module_utils/ -> the collection root
GALAXY_YML = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "galaxy.yml")


def galaxy():
    with open(GALAXY_YML, "rb") as handle:
        return yaml.safe_load(handle)


def test_the_code_version_is_the_galaxy_yml_version():
    assert COLLECTION_VERSION == str(galaxy()["version"])


def test_the_user_agent_carries_the_published_name_and_version():
    metadata = galaxy()
    assert USER_AGENT.startswith("%s.%s/%s " % (metadata["namespace"], metadata["name"], metadata["version"]))
