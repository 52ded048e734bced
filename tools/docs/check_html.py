# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the HTML docs that `make docs` built: one page per module, each with its option table.

Usage: python tools/docs/check_html.py HTML_DIR COLLECTION_DIR

For every module in COLLECTION_DIR/plugins/modules (names starting with _ excepted), the page
HTML_DIR/collections/<namespace>/<name>/<module>_module.html must exist and, read with
Python's html.parser, hold an option table (class ansible-option-table; a module without options, its return value table) with an entry
(id="parameter-<option>") for every top-level option that ``ansible-doc --json`` reports,
and a return-value entry (id="return-<key>") for every documented return value. Run it
with the tools venv's Python: ansible-doc is taken from the same bin directory, with
ANSIBLE_COLLECTIONS_PATH from the environment.
"""

from __future__ import absolute_import, division, print_function

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser


class OptionTables(HTMLParser):
    """Collects the ids of anchors inside <table class="... ansible-option-table ...">."""

    def __init__(self):
        HTMLParser.__init__(self)
        self.depth = 0          # nesting of tables, counted from an option table
        self.tables = 0
        self.ids = set()
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            if self.depth:
                self.depth += 1
            elif "ansible-option-table" in (attrs.get("class") or "").split():
                self.depth = 1
                self.tables += 1
        elif self.depth and attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "table" and self.depth:
            self.depth -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def galaxy_name(collection_dir):
    values = {}
    with open(os.path.join(collection_dir, "galaxy.yml")) as handle:
        for line in handle:
            match = re.match(r"^(namespace|name):\s*['\"]?([A-Za-z0-9_]+)", line)
            if match:
                values.setdefault(match.group(1), match.group(2))
    return values["namespace"], values["name"]


def main(argv):
    if len(argv) != 2:
        sys.stderr.write(__doc__)
        return 2
    html_dir, collection_dir = argv
    namespace, name = galaxy_name(collection_dir)
    modules_dir = os.path.join(collection_dir, "plugins", "modules")
    modules = sorted(f[:-3] for f in os.listdir(modules_dir) if f.endswith(".py") and not f.startswith("_"))
    ansible_doc = os.path.join(os.path.dirname(sys.executable), "ansible-doc")
    fqcns = ["%s.%s.%s" % (namespace, name, module) for module in modules]
    docs = json.loads(subprocess.run([ansible_doc, "-t", "module", "--json"] + fqcns, check=True,
                                     stdout=subprocess.PIPE, universal_newlines=True).stdout)

    problems = []
    index = os.path.join(html_dir, "collections", namespace, name, "index.html")
    if not os.path.isfile(index):
        problems.append("no collection index page %s" % index)
    for module, fqcn in zip(modules, fqcns):
        page = os.path.join(html_dir, "collections", namespace, name, "%s_module.html" % module)
        if not os.path.isfile(page):
            problems.append("%s: no page %s" % (fqcn, page))
            continue
        parser = OptionTables()
        with open(page, encoding="utf-8") as handle:
            parser.feed(handle.read())
        entry = docs.get(fqcn) or {}
        options = sorted((entry.get("doc") or {}).get("options") or {})
        returns = sorted(entry.get("return") or {})
        missing = [o for o in options if "parameter-%s" % o not in parser.ids]
        # A dict return value may be shown by its keys only (ansible_facts -> ansible_facts/<fact>).
        missing += ["return " + r for r in returns
                    if not any(i == "return-" + r or i.startswith("return-%s/" % r) for i in parser.ids)]
        # A module may take no options (incident_survey reads the task's variables): its return values still need a table.
        if not parser.tables or not (options or returns):
            problems.append("%s: %s has no option or return value table" % (fqcn, page))
        elif missing:
            problems.append("%s: %s lacks table entries for %s" % (fqcn, page, ", ".join(missing)))
        else:
            print("docs: %s -> %s (%s; %d option(s), %d return value(s) in %d table(s))" % (
                fqcn, os.path.relpath(page), parser.title.strip(), len(options), len(returns), parser.tables))

    if problems:
        print("docs check FAILED:")
        for problem in problems:
            print("  - %s" % problem)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
