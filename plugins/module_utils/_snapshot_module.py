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
    evidence_key_problem,
    evidence_marker,
    existing_snapshot,
    find_saved_snapshots,
    is_printable,
    marked_display_name,
    recent_snapshots_of_test,
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
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import (
    WindowError,
    covering_window,
    ends_at_creation,
    resolve_window,
    utc_now,
    window_argument_spec,
)


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


MAX_COALESCE_MINUTES = 1440


class SnapshotModule(ThousandEyesModule):

    def input_problems(self):
        # Empty means unset, as for aid and username (a blank survey answer or AWX field arrives as "").
        for option in ("test_id", "test_name", "display_name", "evidence_key"):
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
        problem = evidence_key_problem(self.params.get("evidence_key"))
        if problem:
            problems.append(problem)
        coalesce = self.params.get("coalesce_minutes")
        if coalesce is not None and not 0 <= coalesce <= MAX_COALESCE_MINUTES:
            problems.append("Option coalesce_minutes must be 0 to %d; got %d." % (MAX_COALESCE_MINUTES, coalesce))
        if coalesce and not self.reuse_asked():
            problems.append("Option coalesce_minutes finds recent snapshots of the test only with evidence_key or reuse_existing=true.")
        if self.params.get("evidence_key") and self.params.get("reuse_existing") is False:
            problems.append("Option evidence_key finds an earlier snapshot of the same evidence, which reuse_existing=false "
                            "forbids: drop one of them.")
        return problems

    def reuse_asked(self):
        """reuse_existing, which defaults to true when an evidence key is given."""
        reuse = self.params.get("reuse_existing")
        return bool(self.params.get("evidence_key")) if reuse is None else reuse

    def run(self):
        problems = self.input_problems()
        if problems:
            self.module.fail_json(msg=" ".join(problems))
        now = utc_now()
        start_at, end_at = self.window(now)

        public = self.params["public"]
        reuse = self.reuse_asked()
        # One tests list serves the name lookup, check mode's test check and the search for an earlier snapshot.
        tests = None
        if self.params.get("test_name") or self.module.check_mode or (reuse and not public):
            tests = self.call_api(lambda: list_tests(self.client, self.api_version, self.aid_query()))
        test_id, test_label = self.resolve_test(tests)
        evidence = None
        if reuse:
            evidence = self.evidence(test_id, public)
        self.test_label, self.marker = test_label, (evidence or {}).get("marker")
        segments, body, planned = self.plan(test_id, start_at, end_at, public)
        display_name = planned["display_name"]
        request = {"method": "POST", "url": self.client.url_for(segments, self.aid_query()), "body": body}

        result = dict(changed=True, request=request)
        if evidence is not None:
            result["evidence"] = evidence
        found = self.earlier_snapshot(tests, test_id, display_name, evidence, now) if evidence and evidence["marker"] else None
        if found is not None:
            # The same evidence is already kept: nothing to create, the earlier snapshot is the result.
            result.update(changed=False, snapshot=found, rate_limit_waited=0.0)
            if self.module._diff:
                result["diff"] = {"before": dict((key, value) for key, value in found.items() if key != "response"),
                                  "after": dict((key, value) for key, value in found.items() if key != "response")}
            if not self.module.check_mode:
                result["ansible_facts"] = {"thousandeyes_snapshot": found}
            self.module.exit_json(**result)
        if evidence is not None and evidence["existing"] == "not_found":
            evidence["existing"] = "would_create" if self.module.check_mode else "created"
        if self.module._diff:
            result["diff"] = {"before": {}, "after": dict((key, value) for key, value in planned.items() if key != "response")}

        snapshot = planned
        if not self.module.check_mode:
            snapshot = self.create(test_id, segments, planned, result)
            # The fact is the last real snapshot: a check-mode run leaves the previous one in place (and in the fact cache).
            result["ansible_facts"] = {"thousandeyes_snapshot": snapshot}
        result["snapshot"] = snapshot
        result["rate_limit_waited"] = round(self.client.rate_limit_waited, 1)
        self.module.exit_json(**result)

    def evidence(self, test_id, public):
        """The evidence result. A public link is never marked: nothing could find it again."""
        key = self.params.get("evidence_key")
        if public:
            self.module.warn("Options reuse_existing/evidence_key: public share links cannot be listed through the API, so an "
                             "earlier link of the same evidence cannot be found; a new public link is created on every run.")
            return {"key": key, "marker": None, "existing": "not_listable", "matches": None, "matched_by": None}
        marker = evidence_marker(test_id, key)
        return {"key": key, "marker": marker.strip(), "existing": "not_found", "matches": 0, "matched_by": None}

    def plan(self, test_id, start_at, end_at, public):
        """(URL segments, body, planned snapshot) for a window. The evidence marker depends on the test and key only,
        so a window chosen again after a rate-limit wait keeps it: the same evidence is still found by it."""
        display_name = self.params.get("display_name") or default_display_name(self.test_label, start_at, end_at)
        if self.marker:
            display_name = marked_display_name(display_name, " " + self.marker)
        segments, body = snapshot_request(self.api_version, test_id, display_name, start_at, end_at, public)
        return segments, body, planned_snapshot(self.api_version, test_id, display_name, start_at, end_at, public)

    def earlier_snapshot(self, tests, test_id, display_name, evidence, now):
        """The oldest private snapshot of the same evidence in the tests list, as the result's snapshot, or None.

        Else, with coalesce_minutes, the oldest marked private snapshot of the same test made within that time.
        """
        marker = " " + evidence["marker"]
        matches = find_saved_snapshots(tests, marker, None if evidence["key"] else display_name)
        evidence["matches"] = len(matches)
        evidence["matched_by"] = None
        if matches:
            evidence["matched_by"] = "evidence"
        elif self.params.get("coalesce_minutes"):
            matches = recent_snapshots_of_test(tests, test_id, now, self.params["coalesce_minutes"])
            evidence["matched_by"] = "recent" if matches else None
        if not matches:
            return None
        evidence["existing"] = "found"
        return existing_snapshot(self.api_version, matches[0], test_id, self.params.get("aid"))

    def create(self, test_id, segments, planned, result):
        """POST the snapshot; the answer must name the snapshot, and be the kind asked for when that matters.

        A window that ends at creation is chosen again before each attempt that follows a rate-limit wait (also one of
        the tests list), so it ends when the snapshot is made and still reaches back to since; result's request and
        the planned snapshot follow it.
        """
        public = planned["public"]
        context = {"public": public}
        sent = {"planned": planned}

        def body():
            if self.client.rate_limit_waited and self.moving:
                start_at, end_at = self.window(utc_now())
                _segments, result["request"]["body"], sent["planned"] = self.plan(test_id, start_at, end_at, public)
            return result["request"]["body"]

        try:
            response = self.client.post(segments, body, query=self.aid_query(), action="snapshot", context=context)
        except ThousandEyesAPIError as exc:
            error = exc
        else:
            error = None
        planned = sent["planned"]
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

    def resolve_test(self, tests):
        """(test ID, label for the default display name).

        By name, the tests list (one read-only request, made by run) finds the ID. By ID, check mode uses it to check
        the token, the account group and the test; a real run goes straight to the POST.
        """
        test_id, test_name = self.params.get("test_id"), self.params.get("test_name")
        # A real run by ID asks the API itself (its POST answers for the test), also when the list was read for the
        # search of an earlier snapshot: the search must not change which tests can be snapshot.
        if tests is None or (test_id and not self.module.check_mode):
            return test_id, "Test %s" % test_id
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
        """(start, end) from start/end/hours or since; a bad window fails naming the option (outside the except block: no traceback).

        Sets self.moving: whether the window ends at creation (since, or hours alone), so create() chooses it again
        after a rate-limit wait.
        """
        start, end, hours, since = self.params.get("start"), self.params.get("end"), self.params.get("hours"), self.params.get("since")
        self.moving = ends_at_creation(start, end, since)
        try:
            if since is None:
                return resolve_window(self.api_version, start, end, hours, now)
            if start is not None:
                raise WindowError("since", "Options since and start are mutually exclusive: since chooses the window's start.")
            start_at, end_at, capped = covering_window(self.api_version, since, end, hours, now)
            if capped and not getattr(self, "capped_warned", False):
                self.capped_warned = True
                self.module.warn("Option since: %s is longer ago than the longest window ThousandEyes API %s allows; the snapshot "
                                 "covers the last %d hours only." % (since, self.api_version, (end_at - start_at).total_seconds() // 3600))
            return start_at, end_at
        except WindowError as error:
            problem = error
        return self.module.fail_json(msg=str(problem), option=problem.option)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        test_id=dict(type="str"),
        test_name=dict(type="str"),
        display_name=dict(type="str"),
        since=dict(type="raw"),
        public=dict(type="bool", default=False),
        reuse_existing=dict(type="bool"),
        evidence_key=dict(type="str", no_log=False),
        coalesce_minutes=dict(type="int"),
    )
    spec.update(window_argument_spec())
    return spec
