# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Helpers for the Event-Driven Ansible tests: the real ansible-rulebook running the collection's shipped rulebooks
# (by name, unchanged) against the API simulator, and real webhook POSTs to it on 127.0.0.1.
#
# ansible-rulebook comes from its own venv (TE_ANSIBLE_RULEBOOK, default .nox/ansible-rulebook/bin/ansible-rulebook, made from
# tests/requirements-eda.txt) and needs Java. It runs playbooks through ansible-runner with the ansible-playbook
# first on PATH: the one of the ansible-core that runs the test suite. ansible.eda is not installed: ansible-rulebook's
# own webhook source is served under the name the rulebooks use (ansible.eda.webhook) with -S.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import http.client
import json
import os
import random
import shutil
import signal
import socket
import ssl
import subprocess
import time

from harness import BIN, REPO_ROOT, TOKEN

WEBHOOK_TOKEN = "eda-webhook-token-0123456789abcdef"
RULEBOOK_VENV_HINT = ("nox -s ansible-rulebook (it makes .nox/ansible-rulebook from tests/requirements-eda.txt), "
                      "or set TE_ANSIBLE_RULEBOOK to an ansible-rulebook executable")
# Logged by ansible-rulebook when a playbook run has ended with a failure.
RUN_FAILED = "ansible_rulebook.action.run_playbook - ERROR - "
# The summary line snapshot_active_alerts prints at the end of a reconcile sweep ("Snapshots of N of M alerting tests: ...").
SWEEP_DONE = "alerting tests:"


def ansible_rulebook_path():
    return os.environ.get("TE_ANSIBLE_RULEBOOK") or os.path.join(REPO_ROOT, ".nox", "ansible-rulebook", "bin", "ansible-rulebook")


def java_missing_reason():
    """Why Java cannot run here (ansible-rulebook's rule engine needs it), or None when it can."""
    java_home = os.environ.get("JAVA_HOME")
    java = os.path.join(java_home, "bin", "java") if java_home else shutil.which("java")
    if not java or not os.access(java, os.X_OK):
        return "no Java: ansible-rulebook needs Java 17 or later (java on PATH or JAVA_HOME); none found (JAVA_HOME=%r, PATH=%s)" % (
            java_home, os.environ.get("PATH", ""))
    completed = subprocess.run([java, "-version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    if completed.returncode != 0:
        return "Java at %s does not run: %s" % (java, completed.stdout.strip()[:200])
    return None


def rulebook_python(rulebook):
    """The interpreter of an ansible-rulebook script (its shebang): the venv that holds ansible_rulebook."""
    with open(rulebook) as handle:
        first = handle.readline().strip()
    if not first.startswith("#!"):
        raise RuntimeError("%s has no #! line; set TE_ANSIBLE_RULEBOOK to the ansible-rulebook script of a venv" % rulebook)
    return first[2:].split()[0]


def webhook_source_dir(rulebook, directory):
    """A -S directory serving ansible-rulebook's bundled webhook source as ansible.eda.webhook."""
    found = subprocess.run([rulebook_python(rulebook), "-c", "import ansible_rulebook.event_source.webhook as w; print(w.__file__)"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, check=True).stdout.strip()
    os.makedirs(directory, exist_ok=True)
    link = os.path.join(directory, "ansible.eda.webhook.py")
    if not os.path.lexists(link):  # a rulebook started again in the same folder (a restart) finds it in place
        os.symlink(found, link)
    return directory


def _ephemeral_ports():
    """The kernel's range for ports it picks itself (bind to 0, and every outgoing connection)."""
    try:
        with open("/proc/sys/net/ipv4/ip_local_port_range") as handle:
            low, high = (int(part) for part in handle.read().split())
            return low, high
    except (OSError, ValueError):
        return 32768, 60999  # Linux's default


def free_port():
    """A port for a server that binds it seconds later (ansible-rulebook's webhook, PostgreSQL): free now, and
    below the ephemeral range, so that none of the machine's outgoing connections can take it in the meantime
    (a port the kernel picked for us could be handed to the next outgoing connection)."""
    first_ephemeral = _ephemeral_ports()[0]
    low = max(1024, first_ephemeral - 12000)
    candidates = list(range(low, first_ephemeral))
    random.SystemRandom().shuffle(candidates)
    for port in candidates[:200]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise AssertionError("no free port in %d-%d" % (low, first_ephemeral - 1))


def write_inventory(directory):
    """What the EDA README asks for: localhost, local connection, and the Python that runs ansible-playbook (it has requests)."""
    path = os.path.join(directory, "inventory.yml")
    with open(path, "w") as handle:
        handle.write("all:\n  hosts:\n    localhost:\n      ansible_connection: local\n"
                     "      ansible_python_interpreter: \"{{ ansible_playbook_python }}\"\n")
    return path


class Rulebook(object):
    """One ansible-rulebook process running a rulebook of the collection by name, as a user starts it."""

    def __init__(self, name, collections_path, work_dir, variables=None, env_vars=None, environment=None, port=None,
                 scheme="http", ca_file=None, webhook_token=WEBHOOK_TOKEN, pass_token=True, inventory=None, extra_args=(),
                 new_session=False, log_name=None):
        self.rulebook = ansible_rulebook_path()
        self.work_dir = work_dir
        os.makedirs(work_dir, exist_ok=True)
        self.port = port
        self.scheme = scheme
        self.ca_file = ca_file
        self.webhook_token = webhook_token
        self.log_path = os.path.join(work_dir, log_name or "ansible-rulebook-%s.log" % name)
        command = [self.rulebook, "-r", "cisco.thousandeyes.%s" % name, "-i", inventory or write_inventory(work_dir),
                   "-S", webhook_source_dir(self.rulebook, os.path.join(work_dir, "sources"))]
        env_names = list(env_vars or {})
        if pass_token:
            env_names.insert(0, "THOUSANDEYES_WEBHOOK_TOKEN")
        if env_names:
            command += ["-E", ",".join(env_names)]
        if variables is not None:
            vars_file = os.path.join(work_dir, "rulebook-vars.json")
            with open(vars_file, "w") as handle:
                json.dump(variables, handle)
            command += ["--vars", vars_file]
        command += list(extra_args)
        self.command = command
        self.env = self.environment(collections_path, env_vars, environment, webhook_token)
        self.started = time.time()
        self._log = open(self.log_path, "w")
        # new_session: a process group of its own, which kill_group() ends as a crash or an OOM kill would.
        self.process = subprocess.Popen(command, env=self.env, cwd=work_dir, stdout=self._log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=new_session)
        self.ready_after = None

    def environment(self, collections_path, env_vars, environment, webhook_token):
        env = dict(os.environ)
        for name in list(env):
            if name.startswith(("THOUSANDEYES_", "TE_", "te_", "webhook_", "ANSIBLE_")) and name != "TE_ANSIBLE_RULEBOOK":
                del env[name]
        env.update({
            # ansible-runner runs the ansible-playbook it finds first on PATH: the core under test.
            "PATH": BIN + os.pathsep + env.get("PATH", ""),
            "ANSIBLE_COLLECTIONS_PATH": collections_path,
            "ANSIBLE_HOME": os.path.join(self.work_dir, "ansible-home"),
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "THOUSANDEYES_TOKEN": TOKEN,
        })
        if webhook_token is not None:
            env["THOUSANDEYES_WEBHOOK_TOKEN"] = webhook_token
        env.update(env_vars or {})
        env.update(environment or {})
        return env

    def playbook_executable(self):
        """The ansible-playbook that ansible-runner will start (pexpect looks it up on the PATH it is given)."""
        return shutil.which("ansible-playbook", path=self.env["PATH"])

    @property
    def url(self):
        return "%s://127.0.0.1:%d/" % (self.scheme, self.port)

    def log(self):
        with open(self.log_path) as handle:
            return handle.read()

    def wait_ready(self, timeout=90):
        """Until the webhook answers (an unauthenticated POST gets 401); fails with the log if the process ends first."""
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("ansible-rulebook exited (%s) before its webhook answered:\n%s" % (self.process.returncode, self.log()))
            try:
                if self.post({}, token=None, timeout=2)[0] == 401:
                    self.ready_after = time.time() - self.started
                    return self
            except (OSError, http.client.HTTPException):
                pass
            time.sleep(0.1)
        raise AssertionError("ansible-rulebook's webhook did not answer on %s within %ss:\n%s" % (self.url, timeout, self.log()))

    def kill_group(self):
        """SIGKILL the rulebook's process group (started with new_session=True): no clean-up, no goodbye."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._log.close()

    def wait_exit(self, timeout=60):
        """The exit code of a rulebook expected to stop by itself (one that refuses to start)."""
        try:
            return self.process.wait(timeout=timeout)
        finally:
            self._log.close()

    def post(self, body, token="default", path="/", headers=None, timeout=30):
        """POST a JSON body as ThousandEyes does; returns (status, seconds the answer took)."""
        token = self.webhook_token if token == "default" else token
        sent = {"Content-Type": "application/json", "User-Agent": "ThousandEyes-Webhook-test"}
        if token is not None:
            sent["Authorization"] = "Bearer %s" % token
        sent.update(headers or {})
        if self.scheme == "https":
            context = ssl.create_default_context(cafile=self.ca_file)
            connection = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=timeout, context=context)
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        start = time.time()
        try:
            connection.request("POST", path, body=json.dumps(body), headers=sent)
            response = connection.getresponse()
            response.read()
            return response.status, time.time() - start
        finally:
            connection.close()

    def wait_for(self, condition, what, timeout=120):
        """Until condition() is true. Fails when `timeout` seconds pass without it and without a new line in the
        rulebook's log (on a loaded machine a queue of playbook runs takes longer, but keeps logging), and in any
        case after 3 x `timeout`."""
        started = time.time()
        quiet_since, size = started, -1
        while time.time() - started < 3 * timeout:
            value = condition()
            if value:
                return value
            if self.process.poll() is not None:
                raise AssertionError("ansible-rulebook exited (%s) while waiting for %s:\n%s" % (self.process.returncode, what, self.log()))
            grown = os.path.getsize(self.log_path)
            if grown != size:
                quiet_since, size = time.time(), grown
            elif time.time() - quiet_since > timeout:
                break
            time.sleep(0.1)
        raise AssertionError("timed out after %.0fs (%.0fs without a new log line) waiting for %s; ansible-rulebook log:\n%s"
                             % (time.time() - started, time.time() - quiet_since, what, self.log()[-6000:]))

    def wait_swept(self, timeout=120):
        """Until the start-up reconcile sweep (snapshot_active_alerts) has printed its summary, so that its
        requests are over before a test resets the simulator and counts requests."""
        self.wait_for(lambda: SWEEP_DONE in self.log(), "the start-up sweep's summary (%r)" % SWEEP_DONE, timeout)
        return self

    def barrier(self, timeout=120):
        """Post a triggered alert that names no test and wait until its playbook run is over.

        ansible-rulebook runs actions one at a time, in the order their events came: once this run is over, every
        event posted before it has been handled. It costs no snapshot and no API request (the playbook fails first).
        The run's failure names the barrier's alert ID; once a failed run has ended, ansible-rulebook logs
        "run_playbook - ERROR -" with its output, which marks the end.
        """
        alert_id = "barrier-%d" % int(time.time() * 1000000)
        status, _seconds = self.post({"type": "2", "alert": {"id": alert_id}})
        assert status == 200, status
        failure = "ThousandEyes alert %s carries neither" % alert_id

        def ended():
            log = self.log()
            seen = log.find(failure)
            return seen >= 0 and RUN_FAILED in log[seen:]

        self.wait_for(ended, "the end of the barrier alert's playbook run", timeout)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if not self._log.closed:
            self._log.close()
        return self.process.returncode
