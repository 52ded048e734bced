# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# PRIVATE to the cisco.thousandeyes collection: may change without notice.
# The text of an extra variable as it is written in its `-e @file`, before ansible-core gave it a type.
#
# AWX writes launch-time answers to env/extravars with safe_dump (awx/main/utils/safe_yaml.py), every value tagged
# `!unsafe`, and ansible-runner passes the file as `-e @env/extravars`. ansible-core 2.19 and later resolve `!unsafe`
# scalars with YAML 1.1 types ('12:30' becomes 750, '0123' 83, 'yes' True, 'null' None); 2.16 to 2.18 keep the text.
# Reading the file again with a loader that makes every scalar a string gives back what was typed. Nothing read here
# is templated.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import datetime
import json

import yaml

from ansible import context
from ansible.parsing.splitter import parse_kv


class _TextLoader(yaml.SafeLoader):
    """Every scalar as the string written in the file, whatever its tag (!unsafe, !vault or none)."""


def _scalar_text(loader, node):
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


_TextLoader.add_constructor(None, _scalar_text)
for _tag in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:null",
             "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:str"):
    _TextLoader.add_constructor(_tag, _scalar_text)


def _file_texts(path, names):
    """{name: text} for the names the file defines at its top; text None where the value is not a plain scalar."""
    with open(path, "rb") as handle:
        data = yaml.load(handle.read().decode("utf-8"), Loader=_TextLoader)  # _TextLoader is a SafeLoader
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    return dict((name, data[name] if isinstance(data[name], str) else None) for name in names if name in data)


def _inline_names(option, names):
    """The names an inline `-e` (YAML/JSON or key=value) defines: the user typed those values, types and all."""
    try:
        data = yaml.safe_load(option) if option[:1] in ("{", "[") else parse_kv(option)
    except Exception:  # pylint: disable=broad-except
        return set()
    return set(name for name in names if isinstance(data, dict) and name in data)


def extra_vars_texts(extra_vars_options, names):
    """{name: text, or None when its file cannot be read} for each name whose value comes last from an `-e @file`.

    extra_vars_options are ansible-playbook's `-e` options in order (context.CLIARGS['extra_vars']); the last one that
    defines a name wins, as in ansible-core's load_extra_vars. A name another source sets is not in the result.
    """
    texts = {}
    for option in extra_vars_options or ():
        if not option:
            continue
        if option.startswith("@"):
            try:
                texts.update(_file_texts(option[1:], names))
            except (IOError, OSError, ValueError, yaml.YAMLError):
                # Which names it sets is unknown (a vault-encrypted file, say): none of their texts can be known.
                texts.update(dict((name, None) for name in names))
        else:
            for name in _inline_names(option, names):
                texts.pop(name, None)
    return texts


def survey_answers(task_vars, variables):
    """(answers, texts) of a survey's variables, for a controller-only action plugin to read them as data.

    answers: each variable's value as the task's variables hold it (reading task_vars evaluates nothing in it).
    texts: for each answer that is not a string (ansible-core 2.19+ may have retyped it), its text as written in the
    `-e @file` that set it, or None when that file cannot be read (see extra_vars_texts).
    """
    answers = dict((variable, task_vars.get(variable)) for variable in variables)
    retyped = [variable for variable, value in answers.items() if not isinstance(value, str) and variable in task_vars]
    texts = extra_vars_texts(context.CLIARGS.get("extra_vars", ()), retyped) if retyped else {}
    return answers, texts


def _kind(value):
    for kind in (bool, datetime.datetime, datetime.date, (int, float), type(None)):
        if isinstance(value, kind):
            return repr(kind)
    return "other"


def typed_as_yaml11(text):
    """What a YAML 1.1 loader makes of a plain scalar: '12:30' -> 750, 'yes' -> True, '' -> None, 'x' -> 'x'."""
    node = yaml.ScalarNode(tag=yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False)), value=text)
    return yaml.SafeLoader("").construct_object(node, deep=True)


def is_text_of(text, value):
    """Whether ansible-core's YAML 1.1 typing of the text gives this value (so the text is what was typed)."""
    if text is None:
        return False
    try:
        typed = typed_as_yaml11(text)
    except (ValueError, yaml.YAMLError):
        return False
    return _kind(typed) == _kind(value) and typed == value and json.dumps(typed, default=str) == json.dumps(value, default=str)
