# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# What the snapshot module does, apart from how it is run: its options, their checks, the test lookup, the request
# and the result. plugins/modules/snapshot.py runs it in a module process; plugins/action/snapshot.py runs the same
# code in the controller when the task's target is local.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError, UnexpectedAnswer
from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import (
    DIGITS,
    ThousandEyesModule,
    connection_argument_spec,
    describe_character,
    first_outside,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_api import (
    MAX_DISPLAY_NAME,
    created_snapshot,
    default_display_name,
    is_printable,
    planned_snapshot,
    snapshot_request,
    visibility_mismatch,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._tests_api import (
    NameLookupError,
    find_test_by_id,
    find_test_by_name,
    list_tests,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import WindowError, resolve_window, utc_now


def text_problem(option, value, kind="Option"):
    """Why a title or name cannot be sent, as a message naming it ('Option display_name', 'Survey answer te_display_name')."""
    if value is None:
        return None
    label = "%s %s" % (kind, option)
    if not value.strip():
        return "%s is empty." % label
    if len(value) > MAX_DISPLAY_NAME:
        return "%s is %d characters long; at most %d are allowed." % (label, len(value), MAX_DISPLAY_NAME)
    found = first_outside(value, is_printable)
    if found:
        return ("%s contains %s at character %d, which is invisible or not printable (such as a line break, a "
                "zero-width space or a direction override); use printable text only." % (label, describe_character(found[1]), found[0]))
    return None


class SnapshotModule(ThousandEyesModule):

    def input_problems(self):
        # Empty means unset, as for aid and username (a blank survey answer or AWX field arrives as "").
        for option in ("test_id", "test_name", "display_name"):
            if self.params.get(option) == "":
                self.params[option] = None
        problems = []
        test_id, test_name = self.params.get("test_id"), self.params.get("test_name")
        if test_id is None and test_name is None:
            problems.append("Give the test: option test_id (digits) or option test_name (its exact name).")
        elif test_id is not None and test_name is not None:
            problems.append("Options test_id and test_name are mutually exclusive: give only one of them.")
        if test_id is not None and not DIGITS.match(test_id):
            problems.append("Option test_id must be digits only, at most 20, such as '281474976710706'; got %r." % test_id[:80])
        for option in ("test_name", "display_name"):
            problem = text_problem(option, self.params.get(option))
            if problem:
                problems.append(problem)
        return problems

    def run(self):
        problems = self.input_problems()
        if problems:
            self.module.fail_json(msg=" ".join(problems))
        now = utc_now()
        start_at, end_at = self.window(now)

        public = self.params["public"]
        test_id, test_label = self.resolve_test()
        display_name = self.params.get("display_name") or default_display_name(test_label, start_at, end_at)
        segments, body = snapshot_request(self.api_version, test_id, display_name, start_at, end_at, public)
        request = {"method": "POST", "url": self.client.url_for(segments, self.aid_query()), "body": body}
        planned = planned_snapshot(self.api_version, test_id, display_name, start_at, end_at, public)

        result = dict(changed=True, request=request)
        if self.module._diff:
            result["diff"] = {"before": {}, "after": dict((key, value) for key, value in planned.items() if key != "response")}

        snapshot = planned
        if not self.module.check_mode:
            snapshot = self.create(test_id, segments, body, planned, result)
            # The fact is the last real snapshot: a check-mode run leaves the previous one in place (and in the fact cache).
            result["ansible_facts"] = {"thousandeyes_snapshot": snapshot}
        result["snapshot"] = snapshot
        result["rate_limit_waited"] = round(self.client.rate_limit_waited, 1)
        self.module.exit_json(**result)

    def create(self, test_id, segments, body, planned, result):
        """POST the snapshot; the answer must name the snapshot, and be the kind asked for when that matters."""
        public = planned["public"]
        context = {"public": public}
        try:
            response = self.client.post(segments, body, query=self.aid_query(), action="snapshot", context=context)
        except ThousandEyesAPIError as exc:
            error = exc
        else:
            error = None
        if error is not None:
            if error.status == 404:
                error.message = self.explain_not_found(error, test_id)
            self.fail_api(error, snapshot_may_exist=error.outcome_unknown, request=result["request"])
        try:
            snapshot, problem = created_snapshot(self.api_version, response.data, planned, utc_now()), None
        except UnexpectedAnswer as exc:
            snapshot, problem = None, exc
        if problem is not None:
            # The POST was accepted: a snapshot may exist although the answer does not show it.
            self.module.fail_json(
                msg="ThousandEyes API answered HTTP %s to the snapshot request but %s, so there is no link to return. The "
                    "request was accepted, so a snapshot may have been created: look for %r in the ThousandEyes app before "
                    "trying again." % (response.status, problem, planned["display_name"]),
                status=response.status, response=response.data, snapshot_may_exist=True, **result)
        mismatch = visibility_mismatch(public, snapshot)
        if mismatch and mismatch[0]:
            self.module.fail_json(msg=mismatch[1], snapshot=snapshot, public_link_exposed=True, **result)
        if mismatch:
            self.module.warn(mismatch[1])
        if self.client.rate_limit_waited:
            # Said out loud: a job that sat still for minutes should tell why (the quota is shared by the organisation).
            self.module.warn("Waited %.0fs for the ThousandEyes API rate limit (HTTP 429) before the snapshot was created; "
                             "snapshots are limited to 5 per organisation per 5 minutes." % self.client.rate_limit_waited)
        return snapshot

    def explain_not_found(self, error, test_id):
        """A 404 on the POST: the tests list (read-only) tells a missing test from an api_url that is not the API."""
        try:
            tests = list_tests(self.client, self.api_version, self.aid_query())
        except ThousandEyesAPIError as exc:
            if exc.status == 404:
                return exc.message
            return error.message
        try:
            find_test_by_id(tests, test_id)
        except NameLookupError as exc:
            return "ThousandEyes API answered HTTP 404 to the snapshot request. %s" % exc
        return error.message

    def resolve_test(self):
        """(test ID, label for the default display name).

        By name, one read-only request (the tests list) finds the ID. By ID, check mode makes the same request to
        check the token, the account group and the test; a real run goes straight to the POST.
        """
        test_id, test_name = self.params.get("test_id"), self.params.get("test_name")
        if test_id and not self.module.check_mode:
            return test_id, "Test %s" % test_id
        tests = self.call_api(lambda: list_tests(self.client, self.api_version, self.aid_query()))
        try:
            test, problem = (find_test_by_id(tests, test_id) if test_id else find_test_by_name(tests, test_name)), None
        except NameLookupError as error:
            test, problem = None, str(error)
        if problem:
            self.module.fail_json(msg=problem, option="test_id" if test_id else "test_name")
        if test_name and test["name"] != test_name:
            self.module.warn("Option test_name: no test is named %r; used test %s named %r, the name with its HTML entities decoded "
                             "(a webhook template may HTML-escape the names it sends)." % (test_name, test["test_id"], test["name"]))
        return test["test_id"], (test["name"] if test_name else "Test %s" % test_id)

    def window(self, now):
        """(start, end) from start/end/hours; a bad window fails naming the option (outside the except block: no traceback)."""
        try:
            return resolve_window(self.api_version, self.params.get("start"), self.params.get("end"), self.params.get("hours"), now)
        except WindowError as error:
            problem = error
        return self.module.fail_json(msg=str(problem), option=problem.option)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        test_id=dict(type="str"),
        test_name=dict(type="str"),
        display_name=dict(type="str"),
        start=dict(type="raw", aliases=["from", "start_date"]),
        end=dict(type="raw", aliases=["to", "end_date"]),
        hours=dict(type="int"),
        public=dict(type="bool", default=False),
    )
    return spec
