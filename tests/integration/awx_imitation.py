# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# What AWX does with a survey, its answers and a workflow before ansible-runner starts a job, imitated from AWX's
# source (github.com/ansible/awx, devel as of 2024-10, commit e21dd0a0). Each function names the AWX file and function
# it follows; messages are AWX's, so that a test failing here reads like the error AWX would give.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import copy
import json

import yaml

# awx/main/constants.py SURVEY_TYPE_MAPPING
SURVEY_TYPE_MAPPING = {"text": str, "textarea": str, "password": str, "multiplechoice": str, "multiselect": str, "integer": int,
                       "float": (float, int)}


# ---------------------------------------------------------------- awx/main/utils/safe_yaml.py


class SafeStringDumper(yaml.SafeDumper):
    """awx/main/utils/safe_yaml.py SafeStringDumper: every string, key or value, written as `!unsafe '<text>'`."""

    def represent_data(self, data):
        if isinstance(data, str):
            return self.represent_scalar("!unsafe", data)
        return super(SafeStringDumper, self).represent_data(data)


def safe_dump(extra_vars, safe_dict=None):
    """awx/main/utils/safe_yaml.py safe_dump: one YAML document per top-level key, `!unsafe` unless the key and value are
    the job template's own (safe_dict, with ALLOW_JINJA_IN_EXTRA_VARS = 'template', AWX's default)."""
    safe_dict = safe_dict or {}
    documents = []
    for key, value in extra_vars.items():
        dumper = SafeStringDumper if key not in safe_dict or safe_dict.get(key) != value else yaml.SafeDumper
        documents.append(yaml.dump_all([{key: value}], None, Dumper=dumper, default_flow_style=False))
    return "".join(documents)


# ---------------------------------------------------------------- awx/api/views/__init__.py


def survey_spec_errors(spec):
    """awx/api/views/__init__.py JobTemplateSurveySpec._validate_spec_data: why AWX refuses to save a survey spec.

    AWX stops at the first error; this lists them all. It also normalises multiple-choice choices and defaults (blank
    lines removed) as AWX does before it stores them, in place.
    """
    errors = []
    for field, expect_type, type_label in (("name", str, "string"), ("description", str, "string"), ("spec", list, "list of items")):
        if field not in spec:
            errors.append("Field '%s' is missing from survey spec." % field)
        elif not isinstance(spec[field], expect_type):
            errors.append("Expected %s for field '%s', received %s type." % (type_label, field, type(spec[field]).__name__))
    if isinstance(spec.get("spec"), list) and not spec["spec"]:
        errors.append("'spec' doesn't contain any items.")
    if errors:
        return errors
    variables = set()
    for idx, item in enumerate(spec["spec"]):
        if not isinstance(item, dict):
            errors.append("Survey question %s is not a json object." % idx)
            continue
        missing = [name for name in ("type", "question_name", "variable", "required") if name not in item]
        if missing:
            errors.append("'%s' missing from survey question %s" % (missing[0], idx))
            continue
        for name in ("type", "question_name", "variable", "required"):
            allowed, label = (bool, "boolean") if name == "required" else (str, "string")
            if not isinstance(item[name], allowed):
                errors.append("'%s' in survey question %s expected to be %s." % (name, idx, label))
        if item["variable"] in variables:
            errors.append("'variable' '%s' duplicated in survey question %s." % (item["variable"], idx))
        variables.add(item["variable"])
        qtype = item["type"]
        if qtype not in SURVEY_TYPE_MAPPING:
            errors.append("'%s' in survey question %s is not one of '%s' allowed question types." % (qtype, idx, ", ".join(SURVEY_TYPE_MAPPING)))
            continue
        if "default" in item and item["default"] != "" and not isinstance(item["default"], SURVEY_TYPE_MAPPING[qtype]):
            errors.append("Default value %s in survey question %s expected to be %s."
                          % (item["default"], idx, qtype if qtype in ("integer", "float") else "string"))
        for key in ("min", "max"):
            if key in item and item[key] is not None and not isinstance(item[key], int):
                errors.append("The %s limit in survey question %s expected to be integer." % (key, idx))
        if qtype in ("multiselect", "multiplechoice"):
            if "choices" not in item:
                errors.append("Survey question %s of type %s must specify choices." % (idx, qtype))
                continue
            if isinstance(item["choices"], str):
                item["choices"] = "\n".join(choice for choice in item["choices"].splitlines() if choice.strip() != "")
            if "default" in item:
                if isinstance(item["default"], str):
                    item["default"] = "\n".join(choice for choice in item["default"].splitlines() if choice.strip() != "")
                    defaults = item["default"].splitlines()
                else:
                    defaults = item["default"]
                if qtype == "multiplechoice" and len(defaults) > 1:
                    errors.append("Multiple Choice (Single Select) can only have one default value.")
                # AWX tests `in` on the choices as stored: a substring of the newline-joined string passes.
                if any(default not in item["choices"] for default in defaults):
                    errors.append("Default choice must be answered from the choices listed.")
    return errors


# ---------------------------------------------------------------- awx/main/models/mixins.py SurveyJobTemplateMixin


def _choice_list(element):
    choices = copy.copy(element["choices"])
    if isinstance(choices, str):
        choices = [choice for choice in choices.splitlines() if choice.strip() != ""]
    return choices


def survey_element_errors(element, data):
    """awx/main/models/mixins.py SurveyJobTemplateMixin._survey_element_validation (password questions left out)."""
    variable = element["variable"]
    if variable not in data:
        return ["'%s' value missing" % variable] if element["required"] else []
    value = data[variable]
    errors = []
    if element["type"] in ("textarea", "text", "password"):
        if not isinstance(value, str):
            return ["Value %s for '%s' expected to be a string." % (value, variable)]
        if element.get("min") not in ("", None) and len(value) < int(element["min"]):
            errors.append("'%s' value %s is too small (length is %s must be at least %s)." % (variable, value, len(value), element["min"]))
        if element.get("max") not in ("", None) and len(value) > int(element["max"]):
            errors.append("'%s' value %s is too large (must be no more than %s)." % (variable, value, element["max"]))
    elif element["type"] == "integer":
        # AWX: type(value) != int, which a bool fails too.
        if not isinstance(value, int) or isinstance(value, bool):
            return ["Value %s for '%s' expected to be an integer." % (value, variable)]
        if element.get("min") not in ("", None) and value < int(element["min"]):
            errors.append("'%s' value %s is too small (must be at least %s)." % (variable, value, element["min"]))
        if element.get("max") not in ("", None) and value > int(element["max"]):
            errors.append("'%s' value %s is too large (must be no more than %s)." % (variable, value, element["max"]))
    elif element["type"] == "multiplechoice":
        # Exact match against the choices: 'True' is not the choice 'true'.
        if value not in _choice_list(element):
            errors.append("Value %s for '%s' expected to be one of %s." % (value, variable, _choice_list(element)))
    return errors


def accept_answers(spec, answers):
    """awx/main/models/mixins.py SurveyJobTemplateMixin._accept_or_ignore_variables, the template not prompting for
    variables: (the answers the survey accepts, the errors). A launch with errors is refused; a workflow node with errors
    only logs them and goes on with what was accepted (WorkflowJobNode.get_job_kwargs). Variables the survey does not
    ask are ignored."""
    accepted, errors = {}, []
    for element in spec["spec"]:
        element_errors = survey_element_errors(element, answers)
        errors.extend(element_errors)
        if not element_errors and element["variable"] in answers:
            accepted[element["variable"]] = answers[element["variable"]]
    return accepted, errors


def job_extra_vars(template_extra_vars, spec, runtime_extra_vars):
    """awx/main/models/mixins.py SurveyJobTemplateMixin._update_unified_job_kwargs (called for every new job by
    awx/main/utils/common.py copy_model_by_class): the template's extra vars, then the survey's defaults that pass their
    own question's validation, then the launch's extra vars."""
    extra_vars = dict(template_extra_vars)
    for element in spec["spec"]:
        default = element.get("default")
        if default is not None and not survey_element_errors(element, {element["variable"]: default}):
            extra_vars[element["variable"]] = default
    extra_vars.update(runtime_extra_vars)
    return extra_vars


def awx_meta_vars(job_id, template_name):
    """Some of awx/main/models/unified_jobs.py UnifiedJob.awx_meta_vars, which AWX adds to every job's extra vars."""
    meta = {}
    for prefix in ("awx", "tower"):
        meta.update({"%s_job_id" % prefix: job_id, "%s_job_launch_type" % prefix: "workflow", "%s_job_template_name" % prefix: template_name})
    return meta


def extravars_file(extra_vars, job_id, template_name, template_extra_vars=None):
    """env/extravars of a job: awx/main/tasks/jobs.py RunJob.build_extra_vars_file (the job's extra vars, then the meta
    vars) written by BaseTask._write_extra_vars_file with safe_dump, the template's own extra vars trusted."""
    data = dict(extra_vars)
    data.update(awx_meta_vars(job_id, template_name))
    return safe_dump(data, template_extra_vars or {})


# ---------------------------------------------------------------- awx/main/models/workflow.py


def workflow_node_extra_vars(template_spec, node_extra_data, parent_artifacts, workflow_extra_vars):
    """The launch-time extra vars of a workflow node's job (awx/main/models/workflow.py WorkflowJobNode.get_job_kwargs):
    the node's extra_data that the job template's survey accepts, the artifacts of the parent nodes' jobs
    (Job.get_effective_artifacts), then the workflow job's extra vars over both: those bypass the job template's survey
    and prompts. Artifacts marked _ansible_no_log are passed but hidden in AWX; that is left out here. Pass the result
    to job_extra_vars, as create_unified_job does."""
    extra_vars, unused_logged_errors = accept_answers(template_spec, node_extra_data)
    ancestor_artifacts = {}
    for artifacts in parent_artifacts:
        ancestor_artifacts.update(artifacts)
    ancestor_artifacts.pop("_ansible_no_log", None)
    extra_vars.update(ancestor_artifacts)
    extra_vars.update(workflow_extra_vars)
    return extra_vars


def job_artifacts(playbook_on_stats_event_data):
    """A job's artifacts: awx/main/tasks/callback.py RunnerCallback.event_handler keeps the artifact_data of the
    playbook_on_stats event (what set_stats left) as the job's artifacts, stored as JSON."""
    return json.loads(json.dumps(playbook_on_stats_event_data.get("artifact_data", {})))
