# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The shipped rulebooks, unchanged, run by the real ansible-rulebook: every documented variable set through each way
# EDA users set them (a --vars file, as the controller passes an activation's variables too, and -E environment
# variables) changes what it should; the HTTPS rulebook serves HTTPS; and a rulebook started without what it needs
# (the webhook token, a certificate) refuses to start and says what is missing. Defaults: test_integration_eda.py.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import os
import socket
import subprocess
import time

import pytest
import yaml

from alert_events import alert_for
from harness import REPO_ROOT
from rulebook_harness import Rulebook, ansible_rulebook_path, free_port, rulebook_python
from test_integration_eda import rulebook_available

RULEBOOKS = os.path.join(REPO_ROOT, "extensions", "eda", "rulebooks")
GUIDE = os.path.join(REPO_ROOT, "extensions", "eda", "README.md")
# Puts the guide's run_job_template action in place of the rulebook's run_playbook one and validates the result
# with ansible-rulebook's own schema (no controller runs here; this keeps the guide's snippet well-formed).
CONTROLLER_VARIANT_CHECK = r"""
import re, sys, yaml
from ansible_rulebook.validators import Validate
guide, rulebook = open(sys.argv[1]).read(), open(sys.argv[2]).read()
snippet = re.search(r"```yaml\n( *action: &snapshot_alert\n.*?)\n *```", guide, re.S).group(1)
indent = len(snippet) - len(snippet.lstrip(" "))
snippet = "\n".join(line[indent - 6:] for line in snippet.splitlines())
start = rulebook.index("      action: &snapshot_alert")
data = yaml.safe_load(rulebook[:start] + snippet + rulebook[rulebook.index("\n\n", start):])
Validate.rulebook(data)
print(sorted(data[0]["rules"][0]["action"]["run_job_template"]["job_args"]["extra_vars"]))
print(sorted(data[0]["rules"][3]["action"]["run_job_template"]))
"""
TOKEN_MISSING = "THOUSANDEYES_WEBHOOK_TOKEN_must_be_set_with_16_characters_or_more__start_with_E_THOUSANDEYES_WEBHOOK_TOKEN' is undefined"
CERTFILE_MISSING = "webhook_certfile_must_be_set_to_the_PEM_certificate_chain_for_HTTPS' is undefined"
LAB_GATEWAY = "281474976710721"
LAB_DNS = "281474976710722"


def load(name):
    with open(os.path.join(RULEBOOKS, name)) as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope="module")
def eda_available():
    rulebook_available()


def started(book):
    try:
        return book.wait_ready()
    except BaseException:
        book.stop()
        raise


@pytest.mark.parametrize("path", ["vars-file", "env-vars"])
def test_each_variable_changes_what_it_should(eda_available, collections_path, simulator, sim, tmp_path, path):
    port = free_port()
    settings = {
        "te_public": "true",
        "te_title_format": "{severity} on {test} [{window_hours}h] via %s" % path,
        "te_fallback_hours": "6",
        "te_api_url": simulator.url,
        "te_api_version": "v6",
        "te_rate_limit_wait": "1",
        "te_aid": "5678",
        "webhook_host": "127.0.0.1",
        "webhook_port": str(port),
    }
    if path == "vars-file":
        # As a user writes a vars file (and as the controller passes an activation's variables): YAML types.
        settings.update(te_public=True, te_fallback_hours=6, te_rate_limit_wait=1, webhook_port=port)
        book = Rulebook("snapshot_on_alert", collections_path, str(tmp_path), variables=settings, port=port)
    else:
        # Environment variables of exactly these names, named with -E: strings.
        book = Rulebook("snapshot_on_alert", collections_path, str(tmp_path), env_vars=settings, port=port)
    started(book)
    try:
        # te_aid (5678), te_api_version (v6), te_public, te_title_format, te_api_url (the simulator, not the real API),
        # webhook_host and webhook_port (the rulebook answers there).
        assert book.post(alert_for(test_name="Lab Gateway", started_ago=1800))[0] == 200
        # te_fallback_hours: an alert without a start time.
        assert book.post(alert_for(test_name="Lab DNS", started_ago=None))[0] == 200
        created = book.wait_for(lambda: len(sim.snapshots()) >= 2 and sim.snapshots(), "2 snapshots")
        assert [(snap["source_test_id"], snap["aid"], snap["api_version"], snap["public"], snap["window_hours"], snap["display_name"])
                for snap in created] == [
            (LAB_GATEWAY, "5678", "v6", True, 1, "critical on Lab Gateway [1h] via %s" % path),
            (LAB_DNS, "5678", "v6", True, 6, "critical on Lab DNS [6h] via %s" % path),
        ]
        # te_rate_limit_wait (1 s): a quota that frees up in 30 s is not waited for.
        sim.script({"kind": "rate_limit", "reset_in": 30, "match": {"method": "POST"}})
        assert book.post(alert_for(test_name="Payments API", started_ago=600))[0] == 200
        book.barrier()
        assert len(sim.snapshots()) == 2
        assert "would pass rate_limit_wait=1s" in book.log()
        print("\n%s: webhook answering after %.1fs" % (path, book.ready_after))
    finally:
        book.stop()


def test_https_rulebook_serves_https_with_the_given_certificate(eda_available, collections_path, simulator, sim, certificates, tmp_path):
    port = free_port()
    book = Rulebook("snapshot_on_alert_tls", collections_path, str(tmp_path), port=port, scheme="https", ca_file=certificates["ca"],
                    variables={"te_api_url": simulator.url, "webhook_host": "127.0.0.1", "webhook_port": port,
                               "webhook_certfile": certificates["cert"], "webhook_keyfile": certificates["key"]})
    started(book)
    try:
        # Verified against the test CA: the rulebook presents the certificate it was given.
        assert book.post(alert_for(test_id="281474976710708", started_ago=600))[0] == 200
        created = book.wait_for(sim.snapshots, "a snapshot")
        assert [(snap["source_test_id"], snap["public"]) for snap in created] == [("281474976710708", False)]
        assert book.post({}, token=None)[0] == 401
        # Plain HTTP gets no answer from it.
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        with pytest.raises((http.client.HTTPException, OSError)):
            connection.request("POST", "/", body="{}", headers={"Authorization": "Bearer %s" % book.webhook_token})
            connection.getresponse()
        connection.close()
    finally:
        book.stop()


def test_inventory_without_localhost_fails_loudly(eda_available, collections_path, simulator, sim, tmp_path):
    # The rulebook limits its runs to localhost: an inventory without it gives an error, not a run that does nothing.
    inventory = tmp_path / "inventory.ini"
    inventory.write_text("[web]\nweb1 ansible_host=192.0.2.10\n")
    port = free_port()
    book = started(Rulebook("snapshot_on_alert", collections_path, str(tmp_path), variables={"te_api_url": simulator.url, "webhook_port": port},
                            port=port, inventory=str(inventory)))
    try:
        assert book.post(alert_for(test_id="281474976710708"))[0] == 200
        book.wait_for(lambda: "leaves us with no hosts to target" in book.log(), "the run's error")
        assert sim.requests() == []
    finally:
        book.stop()


def refusal(book):
    """(exit code, log) of a rulebook expected to refuse to start; its port must never have listened."""
    code = book.wait_exit(timeout=90)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        listening = sock.connect_ex(("127.0.0.1", book.port)) == 0
    assert not listening
    return code, book.log()


@pytest.mark.parametrize("token, pass_token, message", [
    (None, False, TOKEN_MISSING),                                             # no -E, no variable
    ("", True, TOKEN_MISSING),                                                # -E, empty
    (None, True, "Could not find environment variable 'THOUSANDEYES_WEBHOOK_TOKEN'"),  # -E, not exported
], ids=["unset", "empty", "E-but-not-exported"])
def test_rulebook_without_a_usable_webhook_token_refuses_to_start(eda_available, collections_path, simulator, tmp_path, token, pass_token, message):
    port = free_port()
    book = Rulebook("snapshot_on_alert", collections_path, str(tmp_path), variables={"te_api_url": simulator.url, "webhook_port": port},
                    port=port, webhook_token=token, pass_token=pass_token)
    start = time.time()
    code, log = refusal(book)

    assert code != 0 and message in log, log
    print("\nrefused in %.1fs: %s" % (time.time() - start, message))


def test_https_rulebook_without_a_certificate_refuses_to_start(eda_available, collections_path, simulator, tmp_path):
    port = free_port()
    book = Rulebook("snapshot_on_alert_tls", collections_path, str(tmp_path), port=port,
                    variables={"te_api_url": simulator.url, "webhook_port": port, "webhook_host": "127.0.0.1"})
    code, log = refusal(book)

    assert code != 0 and CERTFILE_MISSING in log, log


def test_https_and_http_rulebooks_have_the_same_rules():
    plain, tls = load("snapshot_on_alert.yml"), load("snapshot_on_alert_tls.yml")
    assert len(plain) == len(tls) == 1
    assert plain[0]["rules"] == tls[0]["rules"]
    assert plain[0]["hosts"] == tls[0]["hosts"] == "localhost"
    plain_source, tls_source = plain[0]["sources"][0]["ansible.eda.webhook"], tls[0]["sources"][0]["ansible.eda.webhook"]
    assert set(plain_source) == {"host", "port", "token"} and plain_source["token"] == tls_source["token"]
    assert set(tls_source) == {"host", "port", "token", "certfile", "keyfile"}


def test_every_documented_variable_is_forwarded_to_the_playbook():
    forwarded = load("snapshot_on_alert.yml")[0]["rules"][0]["action"]["run_playbook"]["extra_vars"]
    names = ("te_public", "te_title_format", "te_fallback_hours", "te_api_url", "te_api_version", "te_rate_limit_wait", "te_aid",
             "te_coalesce_minutes")
    assert forwarded == dict((name, "{{ %s | default('') }}" % name) for name in names)
    with open(os.path.join(REPO_ROOT, "playbooks", "snapshot_alert.yml")) as handle:
        playbook = handle.read()
    for name in names:
        assert "#   %s " % name in playbook, "%s is not documented in the playbook's header" % name
        assert "%s | default(" % name in playbook
    play = yaml.safe_load(playbook)[0]
    assert "vars" not in play, "play vars would override the inventory; defaults belong inside the expressions"


def test_controller_variant_in_the_guide_fits_ansible_rulebooks_schema(eda_available):
    completed = subprocess.run([rulebook_python(ansible_rulebook_path()), "-c", CONTROLLER_VARIANT_CHECK, GUIDE,
                                os.path.join(RULEBOOKS, "snapshot_on_alert.yml")],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    forwarded = load("snapshot_on_alert.yml")[0]["rules"][0]["action"]["run_playbook"]["extra_vars"]
    assert completed.stdout.splitlines() == [repr(sorted(forwarded)), "['job_args', 'name', 'organization']"]


def test_default_addresses_of_the_two_rulebooks():
    # Which is which: the plain rulebook listens on this host only, the HTTPS one on every address.
    plain = load("snapshot_on_alert.yml")[0]["sources"][0]["ansible.eda.webhook"]
    tls = load("snapshot_on_alert_tls.yml")[0]["sources"][0]["ansible.eda.webhook"]
    assert plain["host"] == "{{ webhook_host | default('127.0.0.1') }}" and plain["port"] == "{{ webhook_port | default(5000) | int }}"
    assert tls["host"] == "{{ webhook_host | default('0.0.0.0') }}" and tls["port"] == "{{ webhook_port | default(5443) | int }}"
