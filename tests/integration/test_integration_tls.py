# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# TLS: certificates are verified by default (a private CA fails, pointing at ca_path); ca_path works; an
# expired and a wrong-host certificate each fail clearly even with the right ca_path; validate_certs=false
# works and warns. Three HTTPS simulators (good, expired, wrong host), one ansible-playbook run.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import calendar
import os
import shutil
import subprocess
import tempfile
import time

import pytest

from harness import (
    TOKEN, PlaybookRunner, SimulatorProcess, certificate_dates, computed_once, make_certificate, make_expired_certificate, make_strict_ca,
    run_cases,
)

# With `pytest -n N --dist loadgroup`, this file's tests share one worker (and its one playbook run).
pytestmark = pytest.mark.xdist_group("tls")

HTTP_TEST = "281474976710708"

# name, server, options, expected: (ok, words the failure message must hold)
CASES = [
    ("private CA, default verification", "good", {}, (False, ["TLS connection", "option ca_path"])),
    ("private CA, ca_path", "good", {"ca_path": "{ca}"}, (True, [])),
    ("private CA, ca_path directory", "good", {"ca_path": "{ca_dir}"}, (True, [])),
    ("private CA, ca_path of another CA", "good", {"ca_path": "{other_ca}"}, (False, ["TLS connection", "option ca_path"])),
    ("expired certificate, ca_path", "expired", {"ca_path": "{ca}"}, (False, ["TLS connection", "certificate has expired: it must be renewed"])),
    ("wrong-host certificate, ca_path", "wrong_host", {"ca_path": "{ca}"}, (False, ["TLS connection", "not for the host name in api_url"])),
    ("https:// to a plain-HTTP server", "plain", {}, (False, ["does not answer TLS at this address", "use http://"])),
    ("private CA, validate_certs=false", "good", {"validate_certs": False}, (True, [])),
    ("expired certificate, validate_certs=false", "expired", {"validate_certs": False}, (True, [])),
]
# What makes the message clear: the actual reason, not just "CERTIFICATE_VERIFY_FAILED".
REASONS = [
    ("expired certificate, ca_path", "certificate has expired"),
    ("wrong-host certificate, ca_path", "mismatch, certificate is not valid for '127.0.0.1'"),
]
WARNING = "validate_certs=false: the API's TLS certificate is not verified"


def _warnings(result):
    """Warning texts, whether ansible-core keeps them as strings or (2.19) as summaries."""
    texts = []
    for item in result.get("warnings") or []:
        texts.append(item if isinstance(item, str) else str((item.get("event") or {}).get("msg") or item))
    return texts


@pytest.fixture(scope="module")
def tls(collections_path, tmp_path_factory):
    """Three HTTPS simulators and one run over every case (once per session, even with pytest-xdist)."""
    return computed_once(tmp_path_factory, "tls", lambda: _play(collections_path))


def _play(collections_path):
    directory = tempfile.mkdtemp(prefix="te-tls-")
    make_strict_ca(directory)  # Python 3.13 (the ansible-core 2.21 leg) refuses a CA without key usage
    certificates = {
        "good": make_certificate(directory, name="good"),
        "expired": make_expired_certificate(directory, name="expired"),
        "wrong_host": make_certificate(directory, host="wrong.example.com", name="wrong-host"),
    }
    other_ca = make_strict_ca(tempfile.mkdtemp(prefix="te-tls-other-"))["ca"]
    # A directory of CA certificates, as requests takes it (OpenSSL looks them up by subject hash).
    ca_dir = tempfile.mkdtemp(prefix="te-tls-ca-dir-")
    subject_hash = subprocess.run(["openssl", "x509", "-hash", "-noout", "-in", certificates["good"]["ca"]], stdout=subprocess.PIPE,
                                  universal_newlines=True, check=True).stdout.strip()
    shutil.copy(certificates["good"]["ca"], os.path.join(ca_dir, subject_hash + ".0"))
    servers = {}
    try:
        for kind, certificate in certificates.items():
            servers[kind] = SimulatorProcess(cert=certificate["cert"], key=certificate["key"])
        servers["plain"] = SimulatorProcess()
        urls = dict((kind, server.url) for kind, server in servers.items())
        urls["plain"] = urls["plain"].replace("http://", "https://", 1)
        cases = []
        for name, kind, options, _expected in CASES:
            args = {"api_url": urls[kind], "token": TOKEN, "test_id": HTTP_TEST, "hours": 1, "display_name": "tls: " + name}
            for option, value in options.items():
                args[option] = value.format(ca=certificates["good"]["ca"], other_ca=other_ca, ca_dir=ca_dir) if isinstance(value, str) else value
            cases.append({"name": name, "args": args})
        runner = PlaybookRunner(collections_path, servers["good"].url, tempfile.mkdtemp(prefix="te-tls-run-"))
        played = run_cases(runner, "cases.yml", cases)
        assert "cases" in played.results, played.output[-3000:]
        # Loop items do not keep their warnings in 2.19; a single task's result does.
        single = runner.run("snapshot.yml", {"te": {"test_id": HTTP_TEST, "hours": 1, "validate_certs": False}})
        return {
            "single": single["snapshot"],
            "output": played.output + single.output,
            "results": dict((entry["item"]["name"], entry) for entry in played["cases"]),
            "snapshots": dict((kind, server.snapshots()) for kind, server in servers.items()),
            "dates": certificate_dates(certificates["expired"]["cert"]),
        }
    finally:
        for server in servers.values():
            server.stop()


def test_the_expired_certificate_is_expired(tls):
    not_after = calendar.timegm(time.strptime(tls["dates"]["notAfter"], "%b %d %H:%M:%S %Y GMT"))
    assert not_after < time.time() - 86400


@pytest.mark.parametrize("name, kind, expected", [(case[0], case[1], case[3]) for case in CASES], ids=[case[0] for case in CASES])
def test_tls_case(tls, name, kind, expected):
    ok, words = expected
    result = tls["results"][name]
    created = [snapshot for snapshot in tls["snapshots"][kind] if snapshot["display_name"] == "tls: " + name]
    if ok:
        assert result.get("changed") and not result.get("failed"), result.get("msg")
        assert len(created) == 1
        return
    assert result.get("failed"), result
    assert created == []
    # The handshake failed, so nothing was sent: the module says so.
    assert result.get("snapshot_may_exist") is False and result.get("changed") is False, result
    assert "Traceback" not in result["msg"]
    for word in words:
        assert word in result["msg"], result["msg"]
    if kind in ("plain", "expired", "wrong_host"):
        # ca_path cannot help there: the advice must not send the user after it.
        assert "ca_path" not in result["msg"], result["msg"]


@pytest.mark.parametrize("name, reason", REASONS, ids=[case[0] for case in REASONS])
def test_tls_failure_names_the_reason(tls, name, reason):
    assert reason in tls["results"][name]["msg"]


def test_validate_certs_false_warns(tls):
    result = tls["single"]
    assert result.get("changed") and not result.get("failed"), result
    assert any(WARNING in text for text in _warnings(result)), result.get("warnings")
    assert tls["output"].count("[WARNING]: " + WARNING) >= 1
