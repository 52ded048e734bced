# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# What the dashboard_snapshot and dashboard_snapshot_info modules do, apart from how they are run: options, checks,
# the dashboard lookup, the idempotent create / update of the expiry / delete, and the results.
# plugins/modules/dashboard_snapshot*.py run it in a module process; plugins/action/dashboard_snapshot*.py run the
# same code in the controller when the task's target is local. Read-only calls run in check mode too; only the
# POST, PATCH and DELETE are guarded by it.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

from ansible_collections.cisco.thousandeyes.plugins.module_utils._api_errors import ThousandEyesAPIError, UnexpectedAnswer
from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import ThousandEyesModule, connection_argument_spec
from ansible_collections.cisco.thousandeyes.plugins.module_utils._dashboards_api import (
    QUOTA_TEXT,
    DashboardLookupError,
    check_expiry,
    create_body,
    create_dashboard_snapshot,
    delete_dashboard_snapshot,
    expiry_body,
    expiry_from,
    expiry_matches,
    find_dashboard_by_name,
    get_dashboard_snapshot,
    list_dashboard_snapshots,
    list_dashboards,
    parse_api_time,
    parse_expires,
    snapshot_view,
    update_expiry,
)
from ansible_collections.cisco.thousandeyes.plugins.module_utils._snapshot_module import text_problem
from ansible_collections.cisco.thousandeyes.plugins.module_utils._time_window import (
    WindowError, format_v7, resolve_free_window, utc_now, window_argument_spec,
)

V6_REFUSAL = ("Dashboard snapshots exist in API v7 only (the official v7 spec's Dashboard Snapshots operations; API v6 has "
              "none): set api_version=v7, the default.")
# Dashboard IDs are opaque strings (24 hex digits in the spec's examples); refuse only what cannot be one path segment.
_BAD_ID_CHARACTERS = ("/", "?", "#", "%", "\\")


def id_problem(option, value):
    if value is None:
        return None
    if not value.strip() or value.strip() in (".", "..") or any(character in value for character in _BAD_ID_CHARACTERS) \
            or any(ord(character) < 33 or ord(character) == 127 for character in value) or len(value) > 100:
        return "Option %s must be an ID as the API lists it (letters, digits, '-', at most 100 characters); got %r." % (option, value[:80])
    return None


def compare_view(snapshot):
    """What the diff shows of a snapshot."""
    if not snapshot:
        return {}
    return dict((key, snapshot.get(key)) for key in ("id", "display_name", "dashboard_id", "start", "end", "expires"))


class DashboardBase(ThousandEyesModule):
    """What both dashboard modules share: the v7 check, text options, the dashboard lookup."""

    def blank_is_unset(self, options):
        for option in options:
            if self.params.get(option) == "":
                self.params[option] = None

    def common_problems(self):
        problems = []
        if self.api_version != "v7":
            problems.append(V6_REFUSAL)
        if self.params.get("dashboard_id") is not None and self.params.get("dashboard_name") is not None:
            problems.append("Options dashboard_id and dashboard_name are mutually exclusive: give only one of them.")
        for option in ("dashboard_id", "snapshot_id"):
            problem = id_problem(option, self.params.get(option))
            if problem:
                problems.append(problem)
        for option in ("dashboard_name", "display_name"):
            problem = text_problem(option, self.params.get(option))
            if problem:
                problems.append(problem)
        return problems

    def dashboards(self):
        return self.call_api(lambda: list_dashboards(self.client, self.aid_query()))

    def resolve_dashboard(self):
        """(dashboard ID, its title or None): by name, the dashboards list (read-only) finds the ID."""
        dashboard_id, name = self.params.get("dashboard_id"), self.params.get("dashboard_name")
        if dashboard_id:
            return dashboard_id, None
        if not name:
            return None, None
        try:
            dashboard, problem = find_dashboard_by_name(self.dashboards(), name), None
        except DashboardLookupError as exc:
            dashboard, problem = None, str(exc)
        if problem:
            self.module.fail_json(msg=problem, option="dashboard_name")
        return dashboard["id"], dashboard["title"]

    def snapshots_of(self, dashboard_id):
        return self.call_api(lambda: list_dashboard_snapshots(self.client, self.aid_query(), dashboard_id))

    def unexpected(self, problem, **result):
        self.module.fail_json(msg="ThousandEyes API answered with success but %s." % problem, **result)


class DashboardSnapshotModule(DashboardBase):

    def input_problems(self, now):
        self.blank_is_unset(("dashboard_id", "dashboard_name", "display_name", "snapshot_id", "timezone", "expires"))
        problems = self.common_problems()
        state = self.params["state"]
        has_dashboard = self.params.get("dashboard_id") is not None or self.params.get("dashboard_name") is not None
        if state == "present":
            if not has_dashboard:
                problems.append("Give the dashboard: option dashboard_id or option dashboard_name (its exact title).")
            if self.params.get("display_name") is None:
                problems.append("Option display_name is required with state=present: it is how a snapshot is found again, so that "
                                "running the task twice makes one snapshot.")
            if self.params.get("snapshot_id") is not None:
                problems.append("Option snapshot_id is for state=absent only; with state=present the snapshot is found by "
                                "dashboard and display_name.")
        elif self.params.get("snapshot_id") is None and not (has_dashboard and self.params.get("display_name") is not None):
            problems.append("With state=absent give option snapshot_id, or the dashboard (dashboard_id or dashboard_name) and display_name.")
        problem = text_problem("timezone", self.params.get("timezone"))
        if problem:
            problems.append(problem)
        if self.params.get("expires") is not None:
            try:
                self.expires_option = parse_expires(self.params["expires"], now)
                # A length is checked as from now too: no snapshot may live longer than the API's 5 years.
                check_expiry(expiry_from(self.expires_option, now), now)
            except WindowError as exc:
                problems.append(str(exc))
        return problems

    def run(self):
        now = utc_now()
        self.expires_option = None
        problems = self.input_problems(now)
        if problems:
            self.module.fail_json(msg=" ".join(problems))
        if self.params["state"] == "absent":
            return self.absent()
        return self.present(now)

    def window(self, now):
        try:
            return resolve_free_window(self.params.get("start"), self.params.get("end"), self.params.get("hours"), now)
        except WindowError as error:
            problem = error
        return self.module.fail_json(msg=str(problem), option=problem.option)

    def matching(self, dashboard_id, display_name):
        return [snapshot_view(raw) for raw in self.snapshots_of(dashboard_id)
                if raw.get("snapshotName") == display_name and (raw.get("dashboard") or {}).get("dashboardId", dashboard_id) == dashboard_id]

    def present(self, now):
        start_at, end_at = self.window(now)
        dashboard_id, dashboard_title = self.resolve_dashboard()
        display_name = self.params["display_name"]
        found = self.matching(dashboard_id, display_name)
        if len(found) > 1:
            self.module.fail_json(msg="%d dashboard snapshots of dashboard %s are named %r (IDs %s): remove the extra ones "
                                      "(state=absent with snapshot_id) so that the name finds one."
                                  % (len(found), dashboard_id, display_name, ", ".join(str(item["id"]) for item in found)),
                                  dashboard_snapshots=found)
        if found:
            return self.update(found[0])
        return self.create(now, start_at, end_at, dashboard_id, dashboard_title, display_name)

    def create(self, now, start_at, end_at, dashboard_id, dashboard_title, display_name):
        expires = expiry_from(self.expires_option, now) if self.expires_option else None
        body = create_body(dashboard_id, display_name, start_at, end_at, self.params["anonymize"], self.params.get("timezone"), expires)
        request = {"method": "POST", "url": self.client.url_for(("dashboard-snapshots",), self.aid_query()), "body": body}
        planned = {"id": None, "display_name": display_name, "dashboard_id": dashboard_id, "dashboard_title": dashboard_title,
                   "start": format_v7(start_at), "end": format_v7(end_at), "expires": format_v7(expires) if expires else None,
                   "expired": False, "created": None, "app_link": None}
        result = dict(changed=True, request=request)
        if self.module._diff:
            result["diff"] = {"before": {}, "after": compare_view(planned)}
        snapshot = planned
        if not self.module.check_mode:
            snapshot = self.post(body, planned, result)
        self.finish(snapshot, result)

    def post(self, body, planned, result):
        failure = dict((key, value) for key, value in result.items() if key != "changed")
        error = odd = None
        try:
            snapshot_id, unused_response = create_dashboard_snapshot(self.client, body, self.aid_query())
        except ThousandEyesAPIError as exc:
            error = exc
        except UnexpectedAnswer as exc:
            odd = exc
        # Failures are reported outside the except blocks: inside them, ansible-core would attach a traceback.
        if odd is not None:
            return self.unexpected("%s, so there is no snapshot to return. The request was accepted: look for %r before trying again"
                                   % (odd, planned["display_name"]), changed=True, snapshot_may_exist=True, **failure)
        if error is not None:
            self.fail_api(error, snapshot_may_exist=error.outcome_unknown, **failure)
        if self.client.rate_limit_waited:
            self.module.warn("Waited %.0fs for the ThousandEyes API rate limit (HTTP 429) before the dashboard snapshot was created; "
                             "%s." % (self.client.rate_limit_waited, QUOTA_TEXT))
        # Read back: the answer of the POST holds only the ID; the snapshot's own record has its window, expiry and link.
        try:
            raw = get_dashboard_snapshot(self.client, snapshot_id, self.aid_query())
        except ThousandEyesAPIError as exc:
            self.module.warn("The dashboard snapshot %s was created, but reading it back failed: %s" % (snapshot_id, exc.message))
            raw = None
        if raw is None:
            return dict(planned, id=snapshot_id)
        snapshot = snapshot_view(raw if isinstance(raw, dict) else {})
        snapshot["id"] = snapshot["id"] or snapshot_id
        return snapshot

    def update(self, current):
        """The snapshot exists: unchanged, unless expires asks for another expiry (PATCH)."""
        result = dict(changed=False)
        created = parse_api_time(current.get("created"))
        if not self.expires_option or expiry_matches(self.expires_option, parse_api_time(current.get("expires")), created):
            if self.module._diff:
                result["diff"] = {"before": compare_view(current), "after": compare_view(current)}
            return self.finish(current, result)
        wanted = expiry_from(self.expires_option, created or utc_now())
        try:
            check_expiry(wanted, utc_now())
        except WindowError as exc:
            self.module.fail_json(msg=str(exc), option="expires", dashboard_snapshot=current)
        after = dict(current, expires=format_v7(wanted), expired=False)
        result.update(changed=True, request={"method": "PATCH", "url": self.client.url_for(("dashboard-snapshots", current["id"]), self.aid_query()),
                                             "body": expiry_body(wanted)})
        if self.module._diff:
            result["diff"] = {"before": compare_view(current), "after": compare_view(after)}
        if not self.module.check_mode:
            self.call_api(lambda: update_expiry(self.client, current["id"], wanted, self.aid_query()),
                          **dict((key, value) for key, value in result.items() if key != "changed"))
        self.finish(after, result)

    def finish(self, snapshot, result):
        if not self.module.check_mode:
            result["ansible_facts"] = {"thousandeyes_dashboard_snapshot": snapshot}
        result["dashboard_snapshot"] = snapshot
        result["rate_limit_waited"] = round(self.client.rate_limit_waited, 1)
        self.module.exit_json(**result)

    def absent(self):
        snapshot_id = self.params.get("snapshot_id")
        if snapshot_id:
            targets = self.by_id(snapshot_id)
        else:
            dashboard_id, unused_title = self.resolve_dashboard()
            targets = self.matching(dashboard_id, self.params["display_name"])
        result = dict(changed=bool(targets), deleted=[item["id"] for item in targets])
        if self.module._diff:
            result["diff"] = {"before": [compare_view(item) for item in targets], "after": []}
        if not self.module.check_mode:
            for item in targets:
                self.delete(item["id"], result)
        result["dashboard_snapshot"] = targets[0] if len(targets) == 1 else None
        self.module.exit_json(**result)

    def by_id(self, snapshot_id):
        error = raw = None
        try:
            raw = get_dashboard_snapshot(self.client, snapshot_id, self.aid_query())
        except ThousandEyesAPIError as exc:
            error = exc
        if error is not None and error.status == 404:
            return []
        if error is not None:
            return self.fail_api(error)
        return [snapshot_view(raw if isinstance(raw, dict) else {}, None)]

    def delete(self, snapshot_id, result):
        error = None
        try:
            delete_dashboard_snapshot(self.client, snapshot_id, self.aid_query())
        except ThousandEyesAPIError as exc:
            error = exc
        # A 404: gone between the lookup and the DELETE, so what was asked for is true.
        if error is not None and error.status != 404:
            self.fail_api(error, **dict((key, value) for key, value in result.items() if key != "changed"))


class DashboardSnapshotInfoModule(DashboardBase):

    def run(self):
        self.blank_is_unset(("dashboard_id", "dashboard_name", "display_name"))
        problems = self.common_problems()
        if problems:
            self.module.fail_json(msg=" ".join(problems))
        dashboards = self.dashboards()
        dashboard_id = self.params.get("dashboard_id")
        if self.params.get("dashboard_name"):
            try:
                dashboard_id = find_dashboard_by_name(dashboards, self.params["dashboard_name"])["id"]
            except DashboardLookupError as exc:
                problem = str(exc)
            else:
                problem = None
            if problem:
                self.module.fail_json(msg=problem, option="dashboard_name", dashboards=dashboards)
        now = utc_now()
        snapshots = [snapshot_view(raw, now) for raw in self.snapshots_of(dashboard_id)]
        if self.params.get("display_name") is not None:
            snapshots = [item for item in snapshots if item["display_name"] == self.params["display_name"]]
        if self.params.get("expired") is not None:
            snapshots = [item for item in snapshots if bool(item["expired"]) == self.params["expired"]]
        self.module.exit_json(changed=False, dashboards=dashboards, dashboard_snapshots=snapshots)


def argument_spec():
    spec = connection_argument_spec()
    spec.update(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        dashboard_id=dict(type="str"),
        dashboard_name=dict(type="str"),
        display_name=dict(type="str"),
        snapshot_id=dict(type="str"),
        anonymize=dict(type="bool", default=False),
        expires=dict(type="str"),
        timezone=dict(type="str"),
    )
    spec.update(window_argument_spec())
    return spec


def info_argument_spec():
    spec = connection_argument_spec()
    spec.update(
        dashboard_id=dict(type="str"),
        dashboard_name=dict(type="str"),
        display_name=dict(type="str"),
        expired=dict(type="bool"),
    )
    return spec
