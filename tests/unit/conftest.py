# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Fixtures shared by the unit tests: canned HTTP answers, an HTTP layer that records what would have
# gone on the wire instead of sending it, and a runner for a module's main(). Nothing here touches sys.path.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import contextlib
import json

import pytest
import requests
from requests.structures import CaseInsensitiveDict

from ansible.module_utils import basic
from ansible.module_utils.common import warnings as module_warnings
try:
    from ansible.module_utils import _internal as module_internal
except ImportError:  # ansible-core < 2.19
    module_internal = None
try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19 has no helper: feed the arguments the way those versions read them
    patch_module_args = None
try:
    # ansible-core 2.22+: secrets are registered process-wide (ansible.module_utils.secrets) and masked where shown.
    from ansible.module_utils import secrets as module_secrets
except ImportError:  # ansible-core 2.16 to 2.21: a module removes its no_log values from its own output
    module_secrets = None


def _secret_masker_class():
    """Private, test only: the registry class behind module_secrets (2.22+), for a registry per test and one
    standing for the controller's; None before 2.22."""
    if module_secrets is None:
        return None
    from ansible.module_utils._internal._secrets import SecretMasker  # pylint: disable=import-outside-toplevel
    return SecretMasker


SECRET_MASKER = _secret_masker_class()

# Environment variables the connection options fall back to; a developer's shell must not leak into the tests.
CONNECTION_ENVIRONMENT = (
    "THOUSANDEYES_TOKEN", "TE_TOKEN", "THOUSANDEYES_USERNAME", "THOUSANDEYES_API_URL",
    "THOUSANDEYES_API_VERSION", "THOUSANDEYES_AID", "TE_AID",
)


def build_response(status, body=None, headers=None):
    """A real requests.Response with the given status, body (dict/list as JSON, or text) and headers."""
    response = requests.Response()
    response.status_code = status
    response.headers = CaseInsensitiveDict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        response.headers.setdefault("Content-Type", "application/json")
    response._content = (body or "").encode("utf-8")
    response.encoding = "utf-8"
    return response


class RecordingHttp(object):
    """Stands in for requests.Session.request: answers from a queue and records each request with the session's auth."""

    def __init__(self):
        self.answers = []
        self.calls = []

    def answer(self, *answers):
        """Queue responses (or exceptions to raise), used in order."""
        self.answers.extend(answers)

    def __call__(self, session, method, url, json=None, timeout=None, **kwargs):
        self.calls.append({
            "method": method,
            "url": url,
            "json": json,
            "timeout": timeout,
            "headers": dict(session.headers),
            "auth": session.auth,
            "verify": kwargs.get("verify", session.verify),
        })
        if not self.answers:
            raise AssertionError("unexpected request %s %s" % (method, url))
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer


class ModuleRun(object):
    def __init__(self, exit_code, stdout):
        self.exit_code = exit_code
        self.stdout = stdout
        self.result = json.loads(stdout)

    @property
    def shown(self):
        """The result as Ansible shows it (display, callbacks). Up to ansible-core 2.21 the module's output itself:
        the module removed its no_log values. From 2.22 the module's output holds them, with the secrets it
        registered in _ansible_new_secrets; the controller registers those and masks them wherever it shows the
        result. A masker of its own stands for the controller's, so only what this module sent is masked."""
        if SECRET_MASKER is None:
            return self.stdout
        result = dict(self.result)
        controller = SECRET_MASKER()
        controller.register_secret_texts(result.pop("_ansible_new_secrets", []))
        return controller.mask_string(json.dumps(result))

    @property
    def warnings(self):
        """The warning texts, whether ansible-core returns them as strings or (2.19) as summaries."""
        return [item if isinstance(item, str) else item["event"]["msg"] for item in self.result.get("warnings", [])]


@pytest.fixture(autouse=True)
def clean_connection_environment(monkeypatch):
    for name in CONNECTION_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def fresh_secrets(monkeypatch):
    """ansible-core 2.22+: an empty secret registry for each test, as each module run and each task has.

    The registry is process-wide, and a module reports only the secrets new to it: one test's token would
    otherwise be missing from the next test's _ansible_new_secrets. register_secret(s), mask_secrets and
    AnsibleModule all use ansible.module_utils.secrets._secret_masker.
    """
    if module_secrets is not None:
        monkeypatch.setattr(module_secrets, "_secret_masker", SECRET_MASKER())


@pytest.fixture
def make_response():
    return build_response


@pytest.fixture
def http(monkeypatch):
    """No network: every requests.Session sends through a RecordingHttp; the sessions themselves stay real."""
    recorder = RecordingHttp()

    def request(session, method, url, **kwargs):
        return recorder(session, method, url, **kwargs)

    monkeypatch.setattr(requests.Session, "request", request)
    return recorder


@contextlib.contextmanager
def module_args(monkeypatch, args):
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    monkeypatch.setattr(basic, "_ANSIBLE_ARGS", json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode("utf-8"))
    yield


@pytest.fixture
def run_module(capsys, monkeypatch):
    """Run a module's main() with the given args; returns the exit code, the printed text and the parsed result."""

    def run(main, args):
        # Warnings are kept process-wide; without ansible-test's forking they would leak from one run into the next.
        monkeypatch.setattr(module_warnings, "_global_warnings", type(module_warnings._global_warnings)())
        monkeypatch.setattr(module_warnings, "_global_deprecations", type(module_warnings._global_deprecations)())
        # A module runs in its own process, never the controller's. Once a test file has imported controller code,
        # ansible-core 2.19+ sends module warnings to the controller's display instead of the result.
        if module_internal is not None and hasattr(module_internal, "is_controller"):
            monkeypatch.setattr(module_internal, "is_controller", False)
        with module_args(monkeypatch, args):
            with pytest.raises(SystemExit) as exit_info:
                main()
        return ModuleRun(exit_info.value.code, capsys.readouterr().out)

    return run
