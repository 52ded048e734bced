# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# ThousandEyes webhook bodies for the Event-Driven Ansible tests: one sample body per kind ThousandEyes sends (BODIES,
# each with its source and the outcome a user must see), and a crafted alert whose every string, at every depth, is a
# template that would leave a marker file behind if anything evaluated it.

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


CHECKOUT_PAYMENTS = "281474976710724"  # "Checkout & Payments", aid 5678: the test alert_generic_html_escaped.json names

# Sources (/work/shared/reference/thousandeyes-alerts.md lists them):
GENERIC = ("custom webhook, Generic preset: the body the ThousandEyes app fills in (a 2024 blog post reproduces it; Cisco's "
           "ThousandEyes add-on for Splunk, THOUSANDEYES_WEBHOOK_PAYLOAD_TEMPLATE); variables from ThousandEyes docs 'Webhook Variables'")
CLASSIC = ("classic webhook: ThousandEyes docs 'Classic Webhooks for Alert Notifications' and KB 'Using Webhooks'; field shapes from "
           "the bodies captured in keephq/keep keep/providers/thousandeyes_provider/alerts_mock.py")


# What the playbook prints for a snapshot of an alert (the window is 4 hours for an alert that started 3 hours ago).
SNAPSHOT_LINE = "Private snapshot (app link) for alert %s, 4 hours"
# The shipped rulebooks' debug line for a cleared alert (they run no playbook for it).
RULEBOOK_CLEARED = "ThousandEyes alert cleared: no snapshot is taken for a cleared alert; no playbook runs."


class Body(object):
    """One fixture body: its file, the kind of webhook that sends it, what the playbook must do and where its shape comes from.

    outcome is "snapshot" (of test_id in account group aid), "no_snapshot" or "cleared"; says is text the job output must
    hold.
    """

    def __init__(self, name, body_kind, outcome, source, says, test_id=None, aid=None, rulebook_says=None):
        self.name, self.body_kind, self.outcome, self.source, self.says = name, body_kind, outcome, source, says
        self.test_id, self.aid = test_id, aid
        # What the shipped rulebook's output holds for it: the playbook's line, or the rulebook's own debug line for
        # an event it runs no playbook for.
        self.rulebook_says = rulebook_says or says

    def __repr__(self):
        return self.name


BODIES = [
    Body("alert_event.json", "custom", "snapshot", GENERIC + " (the preset as is: no test ID)",
         SNAPSHOT_LINE % "c1f5b4f3-3b4e-4f7e-8d4a-2a9b6c1d0e77", WEBSITE, "1234"),
    Body("alert_event_with_test_id.json", "custom", "snapshot", GENERIC + ", plus the documented alert.test.id",
         SNAPSHOT_LINE % "e2a7c9d4-5f61-4c0b-a8e3-7b1d2f6c9a05", PAYMENTS, None),
    Body("alert_generic_clear.json", "custom", "cleared", GENERIC + " (type \"1\", alert.cleared)",
         "on Corporate Website was cleared (notification type 1): no snapshot is created for a cleared alert.", rulebook_says=RULEBOOK_CLEARED),
    Body("alert_generic_agent.json", "custom", "no_snapshot", GENERIC + "; an agent notification: alert.type agent, no alert.test "
         "(ThousandEyes docs 'Custom Webhooks': custom webhooks carry agent notifications)",
         "(agent, custom webhook) on agent branch-office-ea-01: no snapshot: an agent notification concerns an agent, not a test"),
    Body("alert_generic_endpoint.json", "custom", "no_snapshot", GENERIC + "; an Endpoint Agent scheduled test alert (alert.type "
         "endpoint-http-server; ThousandEyes docs 'Custom Webhooks')",
         "(endpoint-http-server, custom webhook) on Laptop SaaS reachability: no snapshot: an Endpoint Agent test lives under /v7/endpoint"),
    Body("alert_generic_html_escaped.json", "custom", "snapshot", GENERIC + ", plus alert.rule.account.id; the test name HTML-escaped as "
         "Handlebars' {{...}} does (unconfirmed for ThousandEyes)", SNAPSHOT_LINE % "0f6e2a9c-4b71-4d38-a5e0-8c2f1b7d3e94", CHECKOUT_PAYMENTS, "5678"),
    Body("alert_classic_trigger.json", "classic", "snapshot", CLASSIC + " (ALERT_NOTIFICATION_TRIGGER, testId a number, dateStart UTC)",
         SNAPSHOT_LINE % "d3c1b2a0-5e4f-4a6b-8c7d-9e0f1a2b3c4d", "281474976710709", "1234"),
    Body("alert_classic_clear.json", "classic", "cleared", CLASSIC + " (ALERT_NOTIFICATION_CLEAR, dateEnd)",
         "on Internal DNS was cleared (eventType ALERT_NOTIFICATION_CLEAR): no snapshot is created for a cleared alert.",
         rulebook_says=RULEBOOK_CLEARED),
    Body("alert_classic_agent.json", "classic", "no_snapshot", CLASSIC + " (agent alert as captured: ALERT_NOTIFICATION_TRIGGER, type "
         "Agent, alert and agentAlert)", "(Agent, classic webhook) on agent branch-office-ea-01: no snapshot: an agent notification"),
    Body("alert_classic_agent_event_type.json", "classic", "no_snapshot", CLASSIC + " (agent alert with the documented "
         "AGENT_ALERT_NOTIFICATION_TRIGGER, agentAlert only)", "(Agent, classic webhook) on agent branch-office-ea-02: no snapshot"),
    Body("alert_classic_webhook_test.json", "classic", "no_snapshot", CLASSIC + " (WEBHOOK_TEST; the documents name the event type only, "
         "so the body is the least it can be)", "ThousandEyes webhook test event (eventType WEBHOOK_TEST): no snapshot",
         rulebook_says="ThousandEyes webhook test event (eventType WEBHOOK_TEST): the webhook reaches this rulebook; no alert, so no playbook runs."),
]


def body_of(kind, started_ago=None):
    """The fixture body of a Body, started `started_ago` seconds ago (alert.triggered, or a classic dateStart)."""
    body = payload(kind.name)
    if started_ago is not None and kind.body_kind == "classic":
        for key in ("alert", "agentAlert"):
            if isinstance(body.get(key), dict):
                started = time.gmtime(time.time() - started_ago)
                body[key]["dateStart"] = time.strftime("%Y-%m-%d %H:%M:%S", started)
                body[key]["dateStartZoned"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", started)
    elif started_ago is not None:
        body["alert"]["triggered"] = int((time.time() - started_ago) * 1000)
    return body


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
