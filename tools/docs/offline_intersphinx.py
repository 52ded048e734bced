# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Offline intersphinx for `make docs`.

The conf.py that ``antsibull-docs sphinx-init`` writes maps ``ansible_devel`` (and the
Python and Jinja docs) to inventories that Sphinx downloads from their sites at build
time. CI reaches no such site, and with ``-W`` (warnings are errors) the references the
generated pages make to the Ansible docs (``common_return_values``,
``ansible_configuration_settings``, modules of other collections) would fail the build.

`make docs` appends to the generated conf.py::

    exec(open(".../tools/docs/offline_intersphinx.py").read())
    intersphinx_mapping = offline_intersphinx_mapping(<rst dir>, <inventory file>)

:func:`offline_intersphinx_mapping` runs when sphinx-build reads conf.py, after
antsibull-docs has written the RST: it collects every ``:ref:`` label that the RST uses
but does not define, writes a Sphinx inventory (format 2) with the ones it knows how to
place on docs.ansible.com, and returns an ``intersphinx_mapping`` that reads only that
local file. Links in the HTML go to the real Ansible docs; nothing is fetched. A label
that it cannot place stays undefined, so the build fails and names it: add it to
ANSIBLE_DOCS_LABELS below.
"""

import os
import re
import zlib

ANSIBLE_DOCS = "https://docs.ansible.com/projects/ansible/devel/"

# label -> (page#anchor under ANSIBLE_DOCS, title): labels of the Ansible docs that
# antsibull-docs templates (or R() markup) refer to.
ANSIBLE_DOCS_LABELS = {
    "common_return_values": ("reference_appendices/common_return_values.html#common-return-values", "Return Values"),
    "ansible_configuration_settings": ("reference_appendices/config.html#ansible-configuration-settings",
                                       "Ansible Configuration Settings"),
    "action_plugins": ("plugins/action.html#action-plugins", "Action plugins"),
    "callback_plugins": ("plugins/callback.html#callback-plugins", "Callback plugins"),
    "collections_keyword": ("collections_guide/collections_using_playbooks.html#collections-keyword",
                            "Simplifying module names with the collections keyword"),
    "module_defaults": ("playbook_guide/playbooks_module_defaults.html#module-defaults", "Module defaults"),
    "check_mode_dry": ("playbook_guide/playbooks_checkmode.html#check-mode-dry",
                       "Validating tasks: check mode and diff mode"),
    "playbooks_vault": ("vault_guide/vault_using_encrypted_content.html#playbooks-vault",
                        "Using encrypted variables and files"),
}

# ansible_collections.<namespace>.<name>.<plugin>_<type>[...]: a plugin page of another collection.
PLUGIN_LABEL = re.compile(r"^ansible_collections\.([a-z0-9_]+)\.([a-z0-9_]+)\.([a-z0-9_]+)_(module|[a-z]+)$")
REF = re.compile(r":ref:`(?:[^`<]*<)?([^`<>]+?)>?`")
DEFINED = re.compile(r"^\.\. _([^:]+):\s*$", re.MULTILINE)


def _rst_files(rst_dir):
    for root, _dirs, files in os.walk(rst_dir):
        for name in files:
            if name.endswith(".rst"):
                yield os.path.join(root, name)


def external_labels(rst_dir):
    """The :ref: labels the RST under rst_dir uses but does not define."""
    used, defined = set(), set()
    for path in _rst_files(rst_dir):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        used.update(label.strip() for label in REF.findall(text))
        defined.update(label.strip() for label in DEFINED.findall(text))
    return sorted(label for label in used - defined if "@" not in label)


def place(label):
    """(uri relative to ANSIBLE_DOCS, title) for a label, or None when unknown."""
    if label in ANSIBLE_DOCS_LABELS:
        return ANSIBLE_DOCS_LABELS[label]
    match = PLUGIN_LABEL.match(label)
    if match:
        namespace, name, plugin, kind = match.groups()
        return ("collections/%s/%s/%s_%s.html" % (namespace, name, plugin, kind),
                "%s.%s.%s %s" % (namespace, name, plugin, kind))
    return None


def write_inventory(path, labels):
    """A Sphinx objects.inv (format 2) with one std:label entry per (label, uri, title)."""
    lines = ["%s std:label -1 %s %s" % (label.lower(), uri, title) for label, uri, title in labels]
    with open(path, "wb") as handle:
        handle.write(b"# Sphinx inventory version 2\n"
                     b"# Project: Ansible (offline subset written by make docs)\n"
                     b"# Version: devel\n"
                     b"# The remainder of this file is compressed using zlib.\n")
        handle.write(zlib.compress(("\n".join(lines) + "\n").encode("utf-8")))


def offline_intersphinx_mapping(rst_dir, inventory_path):
    placed, unknown = [], []
    for label in external_labels(rst_dir):
        where = place(label)
        if where:
            placed.append((label, where[0], where[1]))
        else:
            unknown.append(label)
    write_inventory(inventory_path, placed)
    print("offline intersphinx: %d Ansible docs label(s) in %s%s" % (
        len(placed), inventory_path,
        "; unknown (will be reported as undefined): %s" % ", ".join(unknown) if unknown else ""))
    return {"ansible_devel": (ANSIBLE_DOCS, os.path.abspath(inventory_path))}
