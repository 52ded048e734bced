# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# AWX / Automation Platform: the custom credential type extensions/awx/credential_type.yml, the survey
# extensions/awx/survey_spec.yml and the workflow extensions/awx/workflow.yml, and jobs as AWX runs them:
# ansible-runner with a private data directory whose env/envvars hold what the credential type injects (its
# injector templates rendered the way AWX renders them), env/extravars the job's extra vars as AWX combines and
# writes them (awx_imitation.py: the survey's rules, its defaults, safe_dump with !unsafe, a workflow node's
# artifacts), project/ the playbook and inventory/ AWX's localhost, against the API simulator.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest
import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

import awx_imitation as awx
from alert_events import WEBSITE
from harness import BIN, REPO_ROOT

AWX_DIR = os.path.join(REPO_ROOT, "extensions", "awx")
CREDENTIAL_TYPE = os.path.join(AWX_DIR, "credential_type.yml")
CREATE_SNAPSHOT = os.path.join(REPO_ROOT, "playbooks", "create_snapshot.yml")
SURVEY_SPEC = os.path.join(AWX_DIR, "survey_spec.yml")
INCIDENT_SURVEY_SPEC = os.path.join(AWX_DIR, "incident_survey_spec.yml")
WORKFLOW = os.path.join(AWX_DIR, "workflow.yml")
POST_EVIDENCE = os.path.join(AWX_DIR, "post_evidence.yml")
WRAPPER = "---\n- import_playbook: cisco.thousandeyes.create_snapshot\n"
ANSIBLE_RUNNER = os.path.join(BIN, "ansible-runner")
ENV_NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")


def load(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def credential_type():
    return load(CREDENTIAL_TYPE)


def survey_spec(path=SURVEY_SPEC):
    """A shipped survey, as AWX stores it once its checks pass."""
    spec = load(path)
    assert awx.survey_spec_errors(spec) == []
    return spec


def launch_form(spec, **typed):
    """The answers AWX's launch form sends: each question pre-filled with its default, then what the user typed."""
    answers = dict((element["variable"], element["default"]) for element in spec["spec"] if "default" in element)
    answers.update(typed)
    return answers


def launched_extra_vars(spec_path=SURVEY_SPEC, **typed):
    """The extra vars of a job launched with these answers from the job template whose survey is spec_path
    (default: "ThousandEyes snapshot")."""
    spec = survey_spec(spec_path)
    accepted, errors = awx.accept_answers(spec, launch_form(spec, **typed))
    assert errors == [], errors
    return awx.job_extra_vars({}, spec, accepted)


def module_environment_names(collections_path):
    """{option: [environment variables]} of the connection options every module of the collection takes."""
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    from ansible_collections.cisco.thousandeyes.plugins.module_utils._base import connection_argument_spec  # pylint: disable=import-outside-toplevel
    return dict((option, list(spec["fallback"][1])) for option, spec in connection_argument_spec().items() if spec.get("fallback"))


def render_injectors(definition, inputs):
    """The environment AWX gives a job, as CredentialType.inject_credential builds it.

    Only non-empty inputs are in the template namespace; the others are jinja2 Undefined and render as ''
    (AWX uses an ImmutableSandboxedEnvironment with the default Undefined), so every injector is set.
    """
    namespace = dict((name, value) for name, value in inputs.items() if value not in (None, ""))
    sandbox = ImmutableSandboxedEnvironment()
    return dict((name, sandbox.from_string(template).render(**namespace)) for name, template in definition["injectors"]["env"].items())


# ---------------------------------------------------------------- the credential type itself


def test_credential_type_is_what_awx_accepts():
    definition = credential_type()
    assert definition["name"] == "ThousandEyes API" and definition["kind"] == "cloud"
    assert set(definition) <= {"name", "description", "kind", "inputs", "injectors"}
    fields = definition["inputs"]["fields"]
    ids = [field["id"] for field in fields]
    assert ids == ["token", "username", "api_url", "account_group_id", "api_version"]
    # AWX's CredentialTypeInputField schema: these keys only, string or boolean, choices/secret only on strings.
    allowed = {"id", "label", "type", "format", "choices", "help_text", "multiline", "secret", "ask_at_runtime", "default"}
    for field in fields:
        assert set(field) <= allowed and field.get("type", "string") == "string" and ENV_NAME.match(field["id"]), field
        assert isinstance(field.get("default", ""), str)
    secrets = [field["id"] for field in fields if field.get("secret")]
    assert secrets == ["token"]
    version = [field for field in fields if field["id"] == "api_version"][0]
    assert version["choices"] == ["v7", "v6"] and version["default"] == "v7"
    assert definition["inputs"]["required"] == ["token"]
    assert set(definition["injectors"]) == {"env"}
    # AWX's CredentialTypeInjectorField: names, no ANSIBLE_*, ASCII values, and each template renders with
    # StrictUndefined when every field has a value (anything else is refused when the type is saved).
    example = dict((field_id, "EXAMPLE") for field_id in ids)
    for name, template in definition["injectors"]["env"].items():
        assert ENV_NAME.match(name) and not name.startswith("ANSIBLE_")
        assert all(ord(char) < 128 for char in template)
        ImmutableSandboxedEnvironment(undefined=StrictUndefined).from_string(template).render(example)


def test_injectors_are_exactly_the_variables_the_modules_read(collections_path):
    read = module_environment_names(collections_path)
    injected = credential_type()["injectors"]["env"]

    # The first name of each option's fallback is the collection's own; the others (TE_TOKEN, TE_AID) are aliases.
    assert set(injected) == set(names[0] for names in read.values())
    # Each input reaches the variable of the module option of the same name.
    values = {"token": "secret-token", "username": "noc@example.com", "api_url": "https://proxy.example.com", "account_group_id": "5678",
              "api_version": "v6"}
    rendered = render_injectors(credential_type(), values)
    for field_id, value in values.items():
        assert rendered[read[field_id][0]] == value


def test_blank_optional_inputs_render_as_empty_strings_or_the_module_defaults():
    # AWX sets every injector, blank inputs included. The modules take an empty username or account group as
    # unset; an empty API URL or API version they would refuse, so the templates give the modules' defaults.
    rendered = render_injectors(credential_type(), {"token": "t0ken", "username": "", "api_url": "", "account_group_id": None})

    assert rendered == {
        "THOUSANDEYES_TOKEN": "t0ken",
        "THOUSANDEYES_USERNAME": "",
        "THOUSANDEYES_API_URL": "https://api.thousandeyes.com",
        "THOUSANDEYES_AID": "",
        "THOUSANDEYES_API_VERSION": "v7",
    }


# ---------------------------------------------------------------- a job template run, as AWX runs it


class AwxJob(object):
    """A private data directory laid out as AWX lays it out for a job, run with ansible-runner."""

    def __init__(self, directory, collections_path, credential_inputs, extra_vars, playbook="create_snapshot.yml", project_files=None,
                 job_id=1, template_name="ThousandEyes snapshot"):
        self.directory = directory
        self.ident = str(job_id)
        self.injected = render_injectors(credential_type(), credential_inputs) if credential_inputs else {}
        envvars = dict(self.injected)
        envvars.update({
            "ANSIBLE_COLLECTIONS_PATH": collections_path,
            "ANSIBLE_HOME": os.path.join(directory, "ansible-home"),
            "ANSIBLE_NOCOLOR": "1",
        })
        self.playbook = playbook
        os.makedirs(os.path.join(directory, "env"))
        os.makedirs(os.path.join(directory, "project"))
        os.makedirs(os.path.join(directory, "inventory"))
        self._write("env/envvars", envvars)
        with open(os.path.join(directory, "env", "extravars"), "w") as handle:
            handle.write(awx.extravars_file(extra_vars, job_id, template_name))
        # AWX's "Demo Inventory": localhost, local connection, the Python that runs ansible-playbook.
        self._write("inventory/hosts", {"all": {"hosts": {"localhost": {
            "ansible_connection": "local", "ansible_python_interpreter": "{{ ansible_playbook_python }}"}}}})
        for name, content in (project_files or {"create_snapshot.yml": None}).items():
            target = os.path.join(directory, "project", name)
            if content is None:
                shutil.copy(CREATE_SNAPSHOT, target)
            else:
                with open(target, "w") as handle:
                    handle.write(content)

    def _write(self, name, data):
        with open(os.path.join(self.directory, name), "w") as handle:
            yaml.safe_dump(data, handle, default_flow_style=False)

    def run(self):
        # A clean environment, as in an execution environment: nothing of this shell's THOUSANDEYES_* leaks in.
        env = {"PATH": BIN + os.pathsep + "/usr/local/bin:/usr/bin:/bin", "HOME": self.directory, "LANG": "C.UTF-8"}
        completed = subprocess.run([ANSIBLE_RUNNER, "run", self.directory, "-p", self.playbook, "--ident", self.ident],
                                   env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300, check=False)
        self.runner_output = completed.stdout + completed.stderr
        return self

    def artifact(self, name):
        with open(os.path.join(self.directory, "artifacts", self.ident, name)) as handle:
            return handle.read().strip()

    @property
    def status(self):
        return self.artifact("status")

    @property
    def stdout(self):
        return self.artifact("stdout")

    def events(self):
        found = []
        for path in glob.glob(os.path.join(self.directory, "artifacts", self.ident, "job_events", "*.json")):
            with open(path) as handle:
                found.append(json.load(handle))
        return sorted(found, key=lambda event: event["counter"])

    def artifact_data(self):
        """What set_stats left for the next node of a workflow: AWX reads it from the playbook_on_stats event."""
        stats = [event for event in self.events() if event["event"] == "playbook_on_stats"]
        assert len(stats) == 1, self.runner_output
        return stats[0]["event_data"]["artifact_data"]

    def cached_facts(self, host="localhost"):
        # The jsonfile cache names the file after the host (ansible-core 2.19 prefixes a format tag: s1_localhost).
        found = [path for path in glob.glob(os.path.join(self.directory, "artifacts", self.ident, "fact_cache", "*"))
                 if re.match(r"^(s[0-9]+_)?%s$" % re.escape(host), os.path.basename(path))]
        assert len(found) == 1, found
        with open(found[0]) as handle:
            facts = json.load(handle)
        # ansible-core 2.19 wraps the facts: {"__payload__": "<the facts as JSON>", ...}.
        return json.loads(facts["__payload__"]) if "__payload__" in facts else facts


# What a user types in the launch form: a public 2-hour snapshot of a test given by name.
BY_NAME = {"te_test_name": "Corporate Website", "te_hours": "2", "te_public": "true"}


def check_job(job, sim, test_id, aid, hours=2, public=True):
    assert job.status == "successful", job.runner_output
    assert job.artifact("rc") == "0"
    created = sim.snapshots()
    assert len(created) == 1 and created[0]["source_test_id"] == test_id and created[0]["aid"] == aid, created
    assert created[0]["window_hours"] == hours and bool(created[0]["public"]) is public
    link = "https://%s.share.thousandeyes.com/" % created[0]["id"]
    data = job.artifact_data()
    if public:
        assert data["thousandeyes_snapshot_url"].startswith(link)  # v6 links end in view/tests/
    assert data["thousandeyes_snapshot_id"] == created[0]["id"]
    # The module's fact lands in the job's fact cache (AWX keeps it when the template enables fact storage).
    assert job.cached_facts()["thousandeyes_snapshot"]["id"] == created[0]["id"]
    assert job.injected["THOUSANDEYES_TOKEN"] not in job.stdout and job.injected["THOUSANDEYES_TOKEN"] not in json.dumps(job.events())
    return data


def test_job_with_a_v6_credential_filled_in(collections_path, sim, tmp_path):
    inputs = {"token": "simulator-basic-token", "username": "admin@example.com", "api_url": sim.url, "account_group_id": "5678",
              "api_version": "v6"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, launched_extra_vars(te_test_name="Lab DNS", te_hours="2", te_public="true")).run()

    data = check_job(job, sim, "281474976710722", "5678")
    assert data["thousandeyes_snapshot_expires"]
    assert sim.posts()[0]["headers"]["Authorization"].startswith("Basic ")


def test_job_with_a_v7_credential_and_an_account_group(collections_path, sim, tmp_path):
    inputs = {"token": "simulator-token", "username": "", "api_url": sim.url, "account_group_id": "1234", "api_version": "v7"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, launched_extra_vars(**BY_NAME)).run()

    check_job(job, sim, "281474976710708", "1234")
    assert sim.posts()[0]["headers"]["Authorization"] == "Bearer ***"


def test_job_with_only_token_and_url_by_test_id_private(collections_path, sim, tmp_path):
    inputs = {"token": "simulator-token", "api_url": sim.url}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, launched_extra_vars(te_test_id="281474976710709")).run()

    data = check_job(job, sim, "281474976710709", "1234", hours=4, public=False)
    # A private snapshot does not expire (null; ansible-core 2.16 templates it as an empty string).
    assert data["thousandeyes_snapshot_url"].startswith("http") and not data["thousandeyes_snapshot_expires"]


def test_job_running_the_collection_playbook_from_a_project_wrapper(collections_path, sim, tmp_path):
    # A project needs no copy of the playbook: a one-line wrapper imports the collection's (AWX lists a project
    # file as a playbook when a line starts with hosts:, include or import_playbook:).
    inputs = {"token": "simulator-basic-token", "username": "admin@example.com", "api_url": sim.url, "account_group_id": "1234",
              "api_version": "v6"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, launched_extra_vars(**BY_NAME), playbook="thousandeyes_snapshot.yml",
                 project_files={"thousandeyes_snapshot.yml": WRAPPER}).run()

    check_job(job, sim, "281474976710708", "1234")


INCIDENT_WRAPPER = "---\n- import_playbook: cisco.thousandeyes.snapshot_active_alerts\n"


def incident_job(collections_path, sim, directory, **typed):
    """The incident job template of extensions/awx/README.md section 6 (its wrapper, the shipped survey) launched with
    these answers, the others left at the survey's defaults, against a Corporate Website with two alerts and an agent alert."""
    for body in ({"id": "web-1", "alertType": "page-load", "startDate": _minutes_ago(100),
                  "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/%s" % WEBSITE}}},
                 {"id": "web-2", "alertType": "page-load", "startDate": _minutes_ago(20),
                  "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/%s" % WEBSITE}}},
                 {"id": "agent-1", "alertType": "agent", "startDate": _minutes_ago(20)}):
        # Alerts as GET /v7/alerts lists them (thousandeyes-sdk-alerts models/alert.py), added through the simulator's admin API.
        sim.admin("POST", "alerts", body)
    inputs = {"token": "simulator-token", "username": "", "api_url": sim.url, "account_group_id": "1234", "api_version": ""}
    return AwxJob(directory, collections_path, inputs, launched_extra_vars(INCIDENT_SURVEY_SPEC, **typed), playbook="thousandeyes_incident.yml",
                  project_files={"thousandeyes_incident.yml": INCIDENT_WRAPPER}, template_name="ThousandEyes incident evidence").run()


def test_incident_job_template_snapshots_every_alerting_test_once(collections_path, sim, tmp_path):
    # The survey's defaults as AWX's launch form sends them: blank text, "false", "4" and the integer 900.
    job = incident_job(collections_path, sim, str(tmp_path / "job"))

    assert job.status == "successful", job.runner_output
    created = sim.snapshots()
    assert [(snap["source_test_id"], snap["window_hours"], snap["public"]) for snap in created] == [(WEBSITE, 2, False)]
    assert created[0]["display_name"].startswith("ThousandEyes alert web-1 on Corporate Website since ")
    (link,) = job.artifact_data()["thousandeyes_snapshots"]
    assert link["snapshot_id"] == created[0]["id"] and sorted(link["alert_ids"]) == ["web-1", "web-2"]
    assert "ThousandEyes alert agent-1 (agent) skipped" in job.stdout
    assert job.injected["THOUSANDEYES_TOKEN"] not in job.stdout


def test_an_incident_title_that_yaml_11_would_retype_makes_snapshots_with_that_title(collections_path, sim, tmp_path):
    # AWX writes `!unsafe '12:30'`; ansible-core 2.19 and later hand the playbook 750 (2.16 to 2.18: '12:30').
    job = incident_job(collections_path, sim, str(tmp_path / "job"), te_title_format="12:30", te_public="true")

    with open(os.path.join(job.directory, "env", "extravars")) as handle:
        assert "!unsafe 'te_title_format': !unsafe '12:30'" in handle.read()
    assert job.status == "successful", job.runner_output
    assert [(snap["display_name"], snap["source_test_id"], snap["public"]) for snap in sim.snapshots()] == [("12:30", WEBSITE, True)]


def _minutes_ago(minutes):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - minutes * 60))


def test_job_fails_cleanly_with_a_wrong_token(collections_path, sim, tmp_path):
    inputs = {"token": "wrong-basic-token", "username": "admin@example.com", "api_url": sim.url, "account_group_id": "1234",
              "api_version": "v6"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, launched_extra_vars(**BY_NAME)).run()

    assert job.status == "failed", job.runner_output
    assert "HTTP 401" in job.stdout or "401" in job.stdout
    assert sim.snapshots() == [] and "wrong-basic-token" not in job.stdout


# ---------------------------------------------------------------- the survey, and answers as AWX writes them


# The keys of AWX's survey form.
FORM_KEYS = {"question_name", "question_description", "variable", "type", "required", "default", "choices", "min", "max"}


def shipped_questions(path):
    """A shipped survey's questions by variable, in order, once AWX's checks pass and with only the keys of AWX's survey
    form: no stray key (a comma in a flow mapping once split a question in two). Public links are off by default."""
    spec = load(path)
    assert awx.survey_spec_errors(spec) == []
    for element in spec["spec"]:
        assert set(element) <= FORM_KEYS
    questions = dict((element["variable"], element) for element in spec["spec"])
    assert (questions["te_public"]["choices"], questions["te_public"]["default"]) == ("false\ntrue", "false")
    return questions


def plugin_utils(collections_path, name):
    """The collection's plugin_utils module of that name, from the collection under test."""
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    return importlib.import_module("ansible_collections.cisco.thousandeyes.plugins.plugin_utils.%s" % name)


def test_the_shipped_incident_survey_passes_awxs_checks_asks_what_the_playbook_reads_and_is_private_by_default(collections_path):
    questions = shipped_questions(INCIDENT_SURVEY_SPEC)
    # Every answer the playbook reads but the API URL, which comes from the credential.
    assert list(questions) == ["te_aid", "te_public", "te_title_format", "te_fallback_hours", "te_rate_limit_wait", "te_max_snapshots", "te_dashboard"]
    assert set(questions) == set(plugin_utils(collections_path, "_incident_survey").INCIDENT_VARIABLES) - {"te_api_url"}
    assert (questions["te_fallback_hours"]["choices"].split("\n"), questions["te_fallback_hours"]["default"]) == (
        ["1", "2", "4", "6", "12", "24", "48"], "4")
    assert (questions["te_rate_limit_wait"]["type"], questions["te_rate_limit_wait"]["default"]) == ("integer", 900)
    assert not questions["te_aid"]["required"] and not questions["te_title_format"]["required"]
    assert not questions["te_dashboard"]["required"] and questions["te_dashboard"]["type"] == "text"
    spec = survey_spec(INCIDENT_SURVEY_SPEC)
    unused, errors = awx.accept_answers(spec, launch_form(spec, te_public="True"))
    assert errors == ["Value True for 'te_public' expected to be one of ['false', 'true']."]
    # The quota wait's bounds are the survey's min and max, which AWX enforces at launch: incident_survey's own
    # limit (MAX_RATE_LIMIT_WAIT) is the same, so an answer AWX lets through is one the playbook takes.
    assert (questions["te_rate_limit_wait"]["min"], questions["te_rate_limit_wait"]["max"]) == (
        0, plugin_utils(collections_path, "_incident_survey").MAX_RATE_LIMIT_WAIT)
    for answer, error in ((-1, "'te_rate_limit_wait' value -1 is too small (must be at least 0)."),
                          (86401, "'te_rate_limit_wait' value 86401 is too large (must be no more than 86400).")):
        unused, errors = awx.accept_answers(spec, launch_form(spec, te_rate_limit_wait=answer))
        assert errors == [error]
    accepted, errors = awx.accept_answers(spec, launch_form(spec, te_rate_limit_wait=86400))
    assert not errors and accepted["te_rate_limit_wait"] == 86400
    # The cap on the snapshots (issue 23): optional, and AWX enforces incident_survey's own bounds at launch.
    cap = questions["te_max_snapshots"]
    assert (cap["type"], cap["required"], cap["min"], cap["max"]) == (
        "integer", False, 1, plugin_utils(collections_path, "_incident_survey").MAX_SNAPSHOTS)
    unused, errors = awx.accept_answers(spec, launch_form(spec, te_max_snapshots=0))
    assert errors == ["'te_max_snapshots' value 0 is too small (must be at least 1)."]
    accepted, errors = awx.accept_answers(spec, launch_form(spec, te_max_snapshots=20))
    assert not errors and accepted["te_max_snapshots"] == 20


def test_the_shipped_survey_passes_awxs_checks_asks_what_the_playbook_reads_and_is_private_by_default(collections_path):
    questions = shipped_questions(SURVEY_SPEC)
    assert list(questions) == ["te_test_name", "te_test_id", "te_hours", "te_public", "te_display_name"]
    assert set(questions) <= set(variable for variable, unused in plugin_utils(collections_path, "_survey").SURVEY_OPTIONS)
    assert (questions["te_hours"]["choices"].split("\n"), questions["te_hours"]["default"]) == (["1", "2", "4", "6", "12", "24", "48"], "4")
    assert questions["te_hours"]["question_name"] == "Window in hours, ending now"
    # Neither way of naming the test is required: a job needs one of them, which snapshot_survey checks.
    assert not questions["te_test_name"]["required"] and not questions["te_test_id"]["required"]


@pytest.mark.parametrize("change, error", [
    ({"default": "true\nfalse"}, "Multiple Choice (Single Select) can only have one default value."),
    ({"default": "yes"}, "Default choice must be answered from the choices listed."),
    ({"required": "true"}, "'required' in survey question 3 expected to be boolean."),
    ({"variable": "te_hours"}, "'variable' 'te_hours' duplicated in survey question 3."),
    ({"type": "boolean"}, "'boolean' in survey question 3 is not one of 'text, textarea, password, multiplechoice, multiselect, integer, "
                          "float' allowed question types."),
], ids=["two defaults", "default not a choice", "required as text", "duplicate variable", "unknown type"])
def test_awxs_survey_checks_refuse_what_awx_refuses(change, error):
    spec = load(SURVEY_SPEC)
    spec["spec"][3].update(change)
    assert error in awx.survey_spec_errors(spec)


def test_awx_refuses_a_launch_whose_choice_is_not_exactly_one_of_the_choices():
    spec = survey_spec()
    accepted, errors = awx.accept_answers(spec, launch_form(spec, te_test_name="Corporate Website", te_public="True"))
    assert errors == ["Value True for 'te_public' expected to be one of ['false', 'true']."]


@pytest.mark.parametrize("title", ["12:30", "2026-01-02", "1.10", "Yes", "null", "0123"])
def test_a_title_that_yaml_11_would_retype_makes_a_snapshot_with_that_title(collections_path, sim, tmp_path, title):
    # AWX writes `!unsafe '12:30'`; ansible-core 2.19 and later hand the playbook 750 (2.16 to 2.18: '12:30').
    inputs = {"token": "simulator-token", "api_url": sim.url, "account_group_id": "1234"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, launched_extra_vars(te_test_id=WEBSITE, te_display_name=title)).run()

    with open(os.path.join(job.directory, "env", "extravars")) as handle:
        assert "!unsafe 'te_display_name': !unsafe '%s'" % title in handle.read()
    assert job.status == "successful", job.runner_output
    created = sim.snapshots()
    assert [(snapshot["display_name"], snapshot["source_test_id"]) for snapshot in created] == [(title, WEBSITE)]


# ---------------------------------------------------------------- the workflow: snapshot, then post the link


def run_workflow(collections_path, sim, tmp_path, snapshot_extra_data=None, **typed):
    """The shipped workflow launched with these answers to its survey, node by node as AWX's task manager spawns them
    (awx/main/scheduler/task_manager.py WorkflowManager: a success node runs only after its parent succeeded).
    With snapshot_extra_data, the workflow's survey is disabled and the snapshot node has that extra_data instead."""
    spec, workflow = survey_spec(), load(WORKFLOW)
    nodes = dict((node["identifier"], node) for node in workflow["workflow_nodes"])
    if snapshot_extra_data is None:
        accepted, errors = awx.accept_answers(spec, launch_form(spec, **typed))
        assert errors == [], errors
        workflow_vars = awx.job_extra_vars({}, spec, accepted)
    else:
        workflow_vars = {}
        nodes["snapshot"]["extra_data"] = snapshot_extra_data
    assert [node["identifier"] for node in nodes["snapshot"]["related"]["success_nodes"]] == ["post"]
    assert nodes["snapshot"]["unified_job_template"]["name"] == "ThousandEyes snapshot"
    assert nodes["post"]["unified_job_template"]["name"] == "Post the evidence"

    inputs = {"token": "simulator-token", "api_url": sim.url, "account_group_id": "1234"}
    runtime = awx.workflow_node_extra_vars(spec, nodes["snapshot"].get("extra_data", {}), [], workflow_vars)
    snapshot = AwxJob(str(tmp_path / "snapshot"), collections_path, inputs, awx.job_extra_vars({}, spec, runtime), playbook="thousandeyes_snapshot.yml",
                      project_files={"thousandeyes_snapshot.yml": WRAPPER}, job_id=11).run()
    if snapshot.status != "successful":
        return snapshot, None
    artifacts = awx.job_artifacts([event for event in snapshot.events() if event["event"] == "playbook_on_stats"][0]["event_data"])
    # "Post the evidence" has no survey and does not prompt for variables.
    no_survey = {"spec": []}
    runtime = awx.workflow_node_extra_vars(no_survey, nodes["post"].get("extra_data", {}), [artifacts], workflow_vars)
    with open(POST_EVIDENCE) as handle:
        post = AwxJob(str(tmp_path / "post"), collections_path, None, awx.job_extra_vars({}, no_survey, runtime), playbook="post_evidence.yml",
                      project_files={"post_evidence.yml": handle.read()}, job_id=12, template_name="Post the evidence").run()
    return snapshot, post


def test_the_shipped_workflow_hands_the_link_to_the_next_node(collections_path, sim, tmp_path):
    snapshot, post = run_workflow(collections_path, sim, tmp_path, te_test_name="Corporate Website", te_display_name="12:30")

    # The survey's defaults: a private 4-hour snapshot.
    data = check_job(snapshot, sim, WEBSITE, "1234", hours=4, public=False)
    assert sim.snapshots()[0]["display_name"] == "12:30"
    assert post.status == "successful", post.runner_output
    assert "ThousandEyes evidence: %s (snapshot %s)" % (data["thousandeyes_snapshot_url"], data["thousandeyes_snapshot_id"]) in post.stdout


def test_the_workflow_without_its_survey_takes_the_test_from_the_snapshot_nodes_extra_data(collections_path, sim, tmp_path):
    # README section 5: extra_data on the node, for a variable the job template's survey asks; a variable it does not
    # ask is dropped by AWX (te_aid here), the template not prompting for variables.
    snapshot, post = run_workflow(collections_path, sim, tmp_path, snapshot_extra_data={"te_test_id": "281474976710709", "te_aid": "5678"})

    check_job(snapshot, sim, "281474976710709", "1234", hours=4, public=False)
    assert post.status == "successful" and "ThousandEyes evidence: http" in post.stdout, post.runner_output


def test_a_workflow_launched_without_a_test_fails_in_the_snapshot_node_saying_what_is_missing(collections_path, sim, tmp_path):
    # AWX does not hold a workflow's jobs to their job template's required answers: the job itself must say it.
    snapshot, post = run_workflow(collections_path, sim, tmp_path)

    assert snapshot.status == "failed" and post is None
    assert ("Survey: give exactly one of te_test_id (the test's ID) and te_test_name (its exact name); neither is given."
            in snapshot.stdout), snapshot.stdout
    assert sim.requests() == []


# ---------------------------------------------------------------- load_credential_type.yml


STUB_MODULE = '''#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(name=dict(), description=dict(), kind=dict(), inputs=dict(type="dict"),
                                              injectors=dict(type="dict"), state=dict()), supports_check_mode=True)
    module.exit_json(changed=True, id=7, received=module.params)


main()
'''


def test_load_playbook_sends_the_definition_untemplated(runner, tmp_path):
    # A stand-in for awx.awx.credential_type that returns what it was given: the injector templates must reach
    # AWX as written ({{ token }}), not rendered by Ansible.
    stub_root = tmp_path / "stub-collections"
    module_dir = stub_root / "ansible_collections" / "awx" / "awx" / "plugins" / "modules"
    module_dir.mkdir(parents=True)
    (module_dir / "credential_type.py").write_text(STUB_MODULE)
    env = runner.environment(extra={"ANSIBLE_COLLECTIONS_PATH": str(stub_root)})
    completed = subprocess.run([os.path.join(BIN, "ansible-playbook"), os.path.join(AWX_DIR, "load_credential_type.yml"), "-i", "localhost,", "-v"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300, check=False)
    output = completed.stdout + completed.stderr

    assert completed.returncode == 0, output
    received = json.loads(re.search(r'^changed: \[localhost\] => (\{.*\})$', output, re.MULTILINE).group(1))["received"]
    definition = credential_type()
    assert received["injectors"] == definition["injectors"] and received["inputs"] == definition["inputs"]
    assert (received["name"], received["kind"], received["state"]) == ("ThousandEyes API", "cloud", "present")
    assert "Credential type 'ThousandEyes API' is created or updated (id 7)." in output


# ---------------------------------------------------------------- load_templates.yml


STUB_TEMPLATE_MODULE = '''#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule


def main():
    module = AnsibleModule(argument_spec=dict(
        name=dict(), description=dict(), organization=dict(), inventory=dict(), project=dict(), playbook=dict(),
        credentials=dict(type="list", elements="str"), survey_enabled=dict(type="bool"), survey_spec=dict(type="dict"),
        workflow_nodes=dict(type="list", elements="dict"), state=dict()), supports_check_mode=True)
    module.exit_json(changed=True, id=len(module.params["name"]), received=module.params)


main()
'''


def test_load_templates_sends_the_shipped_survey_and_workflow_untemplated(runner, tmp_path):
    # Stand-ins for awx.awx.job_template and awx.awx.workflow_job_template that return what they were given.
    module_dir = tmp_path / "stub-collections" / "ansible_collections" / "awx" / "awx" / "plugins" / "modules"
    module_dir.mkdir(parents=True)
    for name in ("job_template.py", "workflow_job_template.py"):
        (module_dir / name).write_text(STUB_TEMPLATE_MODULE)
    env = runner.environment(extra={"ANSIBLE_COLLECTIONS_PATH": str(tmp_path / "stub-collections")})
    completed = subprocess.run([os.path.join(BIN, "ansible-playbook"), os.path.join(AWX_DIR, "load_templates.yml"), "-i", "localhost,", "-v",
                                "-e", "te_awx_project=Evidence"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               universal_newlines=True, timeout=300, check=False)
    output = completed.stdout + completed.stderr

    assert completed.returncode == 0, output
    received = [json.loads(found)["received"] for found in re.findall(r'^changed: \[localhost\] => (\{.*\})$', output, re.MULTILINE)]
    snapshot, post, workflow, incident = received
    assert snapshot["survey_spec"] == load(SURVEY_SPEC) and snapshot["survey_enabled"] is True
    assert (snapshot["name"], snapshot["playbook"], snapshot["project"], snapshot["credentials"], snapshot["inventory"]) == (
        "ThousandEyes snapshot", "thousandeyes_snapshot.yml", "Evidence", ["ThousandEyes production"], "Demo Inventory")
    assert (post["name"], post["playbook"], post["survey_spec"]) == ("Post the evidence", "post_evidence.yml", None)
    shipped = load(WORKFLOW)
    assert workflow["workflow_nodes"] == shipped["workflow_nodes"] and workflow["survey_spec"] == load(SURVEY_SPEC)
    assert (workflow["name"], workflow["survey_enabled"], workflow["organization"]) == ("ThousandEyes evidence", True, "Default")
    assert "workflow 'ThousandEyes evidence' (id 21)" in output
    assert incident["survey_spec"] == load(INCIDENT_SURVEY_SPEC) and incident["survey_enabled"] is True
    assert (incident["name"], incident["playbook"], incident["project"], incident["credentials"], incident["inventory"]) == (
        "ThousandEyes incident evidence", "thousandeyes_incident.yml", "Evidence", ["ThousandEyes production"], "Demo Inventory")
    assert "job template 'ThousandEyes incident evidence' (id 30)" in output
