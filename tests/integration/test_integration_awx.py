# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# AWX / Automation Platform: the custom credential type extensions/awx/credential_type.yml, and a job as AWX
# runs it: ansible-runner with a private data directory whose env/envvars hold what the credential type
# injects (its injector templates rendered the way AWX renders them), env/extravars the survey answers
# (strings), project/ the playbook and inventory/ AWX's localhost, against the API simulator.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

import yaml
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from harness import BIN, REPO_ROOT

AWX_DIR = os.path.join(REPO_ROOT, "extensions", "awx")
CREDENTIAL_TYPE = os.path.join(AWX_DIR, "credential_type.yml")
CREATE_SNAPSHOT = os.path.join(REPO_ROOT, "playbooks", "create_snapshot.yml")
ANSIBLE_RUNNER = os.path.join(BIN, "ansible-runner")
ENV_NAME = re.compile(r"^[a-zA-Z_]+[a-zA-Z0-9_]*$")


def credential_type():
    with open(CREDENTIAL_TYPE) as handle:
        return yaml.safe_load(handle)


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

    def __init__(self, directory, collections_path, credential_inputs, survey, playbook="create_snapshot.yml", project_files=None):
        self.directory = directory
        self.ident = "job-1"
        self.injected = render_injectors(credential_type(), credential_inputs)
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
        self._write("env/extravars", survey)
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


SURVEY_BY_NAME = {"te_test_name": "Corporate Website", "te_test_id": "", "te_hours": "2", "te_public": "true", "te_display_name": ""}


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
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, dict(SURVEY_BY_NAME, te_test_name="Lab DNS")).run()

    data = check_job(job, sim, "281474976710722", "5678")
    assert data["thousandeyes_snapshot_expires"]
    assert sim.posts()[0]["headers"]["Authorization"].startswith("Basic ")


def test_job_with_a_v7_credential_and_an_account_group(collections_path, sim, tmp_path):
    inputs = {"token": "simulator-token", "username": "", "api_url": sim.url, "account_group_id": "1234", "api_version": "v7"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, SURVEY_BY_NAME).run()

    check_job(job, sim, "281474976710708", "1234")
    assert sim.posts()[0]["headers"]["Authorization"] == "Bearer ***"


def test_job_with_only_token_and_url_by_test_id_private(collections_path, sim, tmp_path):
    inputs = {"token": "simulator-token", "api_url": sim.url}
    survey = {"te_test_id": "281474976710709", "te_hours": "4", "te_public": "false"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, survey).run()

    data = check_job(job, sim, "281474976710709", "1234", hours=4, public=False)
    # A private snapshot does not expire (null; ansible-core 2.16 templates it as an empty string).
    assert data["thousandeyes_snapshot_url"].startswith("http") and not data["thousandeyes_snapshot_expires"]


def test_job_running_the_collection_playbook_from_a_project_wrapper(collections_path, sim, tmp_path):
    # A project needs no copy of the playbook: a one-line wrapper imports the collection's (AWX lists a project
    # file as a playbook when a line starts with hosts:, include or import_playbook:).
    wrapper = "---\n- import_playbook: cisco.thousandeyes.create_snapshot\n"
    inputs = {"token": "simulator-basic-token", "username": "admin@example.com", "api_url": sim.url, "account_group_id": "1234",
              "api_version": "v6"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, SURVEY_BY_NAME, playbook="thousandeyes_snapshot.yml",
                 project_files={"thousandeyes_snapshot.yml": wrapper}).run()

    check_job(job, sim, "281474976710708", "1234")


def test_incident_job_template_snapshots_every_alerting_test_once(collections_path, sim, tmp_path):
    # extensions/awx/README.md section 6: the wrapper and the survey's answers as AWX passes them (text and
    # multiple choice as strings, blank ones as empty strings, the integer question as a number).
    for body in ({"id": "web-1", "alertType": "page-load", "startDate": _minutes_ago(100),
                  "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/281474976710708"}}},
                 {"id": "web-2", "alertType": "page-load", "startDate": _minutes_ago(20),
                  "_links": {"test": {"href": "https://api.thousandeyes.com/v7/tests/281474976710708"}}},
                 {"id": "agent-1", "alertType": "agent", "startDate": _minutes_ago(20)}):
        # Alerts as GET /v7/alerts lists them (thousandeyes-sdk-alerts models/alert.py), added through the simulator's admin API.
        sim.admin("POST", "alerts", body)
    wrapper = "---\n- import_playbook: cisco.thousandeyes.snapshot_active_alerts\n"
    survey = {"te_aid": "", "te_public": "false", "te_title_format": "", "te_fallback_hours": "4", "te_rate_limit_wait": 900}
    inputs = {"token": "simulator-token", "username": "", "api_url": sim.url, "account_group_id": "1234", "api_version": ""}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, survey, playbook="thousandeyes_incident.yml",
                 project_files={"thousandeyes_incident.yml": wrapper}).run()

    assert job.status == "successful", job.runner_output
    created = sim.snapshots()
    assert [(snap["source_test_id"], snap["window_hours"], snap["public"]) for snap in created] == [("281474976710708", 2, False)]
    (link,) = job.artifact_data()["thousandeyes_snapshots"]
    assert link["snapshot_id"] == created[0]["id"] and sorted(link["alert_ids"]) == ["web-1", "web-2"]
    assert "ThousandEyes alert agent-1 (agent) skipped" in job.stdout
    assert job.injected["THOUSANDEYES_TOKEN"] not in job.stdout


def _minutes_ago(minutes):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - minutes * 60))


def test_job_fails_cleanly_with_a_wrong_token(collections_path, sim, tmp_path):
    inputs = {"token": "wrong-basic-token", "username": "admin@example.com", "api_url": sim.url, "account_group_id": "1234",
              "api_version": "v6"}
    job = AwxJob(str(tmp_path / "job"), collections_path, inputs, SURVEY_BY_NAME).run()

    assert job.status == "failed", job.runner_output
    assert "HTTP 401" in job.stdout or "401" in job.stdout
    assert sim.snapshots() == [] and "wrong-basic-token" not in job.stdout


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
