# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# ThousandEyes webhook bodies (custom webhook, "Generic" preset) for the Event-Driven Ansible tests: the sample
# payloads, and a crafted alert whose every string, at every depth, is a template that would leave a marker file
# behind if anything evaluated it.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json
import os
import tempfile
import time

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
WEBSITE = "281474976710708"   # "Corporate Website", aid 1234: the test of alert_event.json
PAYMENTS = "281474976710706"  # "Payments API" (http-server): the test ID of alert_event_with_test_id.json
# A test name with braces, percent signs and quotes: it must reach the title exactly as written.
AWKWARD_TEXT = "{test} {{x}} 100% \"q\" 'q' {alert_id} %s"


def short_temp_dir(prefix="t"):
    """A short path under /tmp, so that crafted lookups naming files in it keep titles under 255 characters."""
    return tempfile.mkdtemp(prefix=prefix, dir="/tmp" if os.path.isdir("/tmp") else None)


def payload(name="alert_event.json", started_ago=None, **changes):
    """A sample webhook body, triggered `started_ago` seconds ago, with top-level fields changed."""
    with open(os.path.join(FIXTURES, name)) as handle:
        body = json.load(handle)
    if started_ago is not None:
        body["alert"]["triggered"] = int((time.time() - started_ago) * 1000)
    body.update(changes)
    return body


def alert_for(test_id=None, test_name=None, account_id=None, started_ago=600, alert_id=None, rule_name="Default HTTP Alert Rule"):
    """A triggered alert on one test, by ID and/or name, optionally with the account group the rule belongs to."""
    body = payload("alert_event_with_test_id.json", started_ago=started_ago)
    body["alert"]["test"] = {"labels": ["Production"]}
    if test_id is not None:
        body["alert"]["test"]["id"] = test_id
    if test_name is not None:
        body["alert"]["test"]["name"] = test_name
    if account_id is not None:
        body["alert"]["rule"]["account"] = {"id": account_id}
    if alert_id is not None:
        body["alert"]["id"] = alert_id
    body["alert"]["rule"]["name"] = rule_name
    if started_ago is None:
        del body["alert"]["triggered"]
    return body


class CraftedEvent(object):
    """A triggered alert on test `test_id` whose strings are all templates, each naming its own marker file.

    Two kinds alternate: an expression ({{ lookup('pipe', 'touch ...') }}) and a statement ({% ... %}). Nothing may
    ever create a marker; markers() lists those that appeared, by the field that held them.
    """

    def __init__(self, marker_dir, test_id=PAYMENTS):
        self.marker_dir = marker_dir
        self.fields = {}
        self._count = 0
        self.body = {
            "id": self.template("id"),
            "type": "2",
            "alert": {
                "id": self.template("alert.id"),
                "type": self.template("alert.type", statement=True),
                "severity": self.template("alert.severity"),
                "test": {
                    "id": test_id,
                    "name": self.template("alert.test.name", statement=True) + " " + AWKWARD_TEXT,
                    "labels": [self.template("alert.test.labels[0]"), self.template("alert.test.labels[1]", statement=True)],
                },
                "targets": [self.template("alert.targets[0]"), {"url": self.template("alert.targets[1].url", statement=True)}],
                "rule": {
                    "id": self.template("alert.rule.id"),
                    "name": self.template("alert.rule.name", fqcn=True),
                    "expression": self.template("alert.rule.expression", statement=True),
                    "notes": self.template("alert.rule.notes"),
                },
                "triggered": int((time.time() - 600) * 1000),
                # Fields ThousandEyes does not send: an attacker could add any.
                "extra": {"deep": [{"deeper": {"deepest": self.template("alert.extra.deep[0].deeper.deepest")}}],
                          self.template("alert.extra.<key>"): self.template("alert.extra.<key> value", statement=True)},
            },
            self.template("<top-level key>"): [self.template("<top-level key>[0]", statement=True)],
        }

    def template(self, field, statement=False, fqcn=False):
        """A template that touches a marker file named after a counter (kept short: the title allows 255 characters)."""
        self._count += 1
        marker = os.path.join(self.marker_dir, "m%d" % self._count)
        self.fields[marker] = field
        lookup = "lookup('%s', 'touch %s')" % ("ansible.builtin.pipe" if fqcn else "pipe", marker)
        if statement:
            return "{%% if %s is string %%}x{%% endif %%}" % lookup
        return "{{ %s }}" % lookup

    def markers(self):
        """The fields whose template ran: their marker file exists."""
        return sorted(self.fields[marker] for marker in self.fields if os.path.exists(marker))

    def header_templates(self):
        """Request headers that carry templates too (the webhook source puts the headers in event.meta.headers)."""
        return {"X-Probe": self.template("meta.headers.X-Probe"), "X-Probe-Statement": self.template("meta.headers.X-Probe-Statement", statement=True)}

    def expected_title(self):
        """The default title, with the alert's text exactly as sent."""
        alert = self.body["alert"]
        return "ThousandEyes alert %s on %s: %s" % (alert["id"], alert["test"]["name"].strip(), alert["rule"]["name"])

    def as_extra_vars(self):
        """The event as ansible-rulebook hands it over (the extra variable ansible_eda), headers included."""
        return {"ansible_eda": {"ruleset": "test", "rule": "test", "event": {
            "payload": copy.deepcopy(self.body),
            "meta": {"endpoint": self.template("meta.endpoint"), "headers": self.header_templates()}}}}
