# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Helpers for the integration tests: run the simulator as its own process, make test certificates,
# and run ansible-playbook the way a user does, collecting each task result the playbook dumps.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import json
import os
import signal
import subprocess
import sys
import ssl
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.dirname(os.path.dirname(HERE))
SERVER = os.path.join(REPO_ROOT, "tests", "simulator", "server.py")
PLAYBOOKS = os.path.join(HERE, "playbooks")
BIN = os.path.dirname(sys.executable)
TOKEN = "simulator-token"
BANNER = "ThousandEyes API simulator listening on "


class SimulatorProcess(object):
    """tests/simulator/server.py started as a user would start it, with its admin API at hand."""

    def __init__(self, cert=None, key=None, extra_args=()):
        command = [sys.executable, SERVER, "--port", "0"]
        if cert:
            command += ["--cert", cert, "--key", key]
        command += list(extra_args)
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
        line = self.process.stdout.readline().strip()
        if not line.startswith(BANNER):
            self.process.kill()
            raise RuntimeError("simulator did not start: %r %s" % (line, self.process.stderr.read()))
        self.url = line[len(BANNER):]
        # The admin API is reached over plain HTTP on the same port only when TLS is off; with TLS, skip verification locally.
        self._context = None
        if self.url.startswith("https"):
            self._context = ssl.create_default_context(cafile=None)
            self._context.check_hostname = False
            self._context.verify_mode = ssl.CERT_NONE

    def admin(self, method, path, body=None):
        data = json.dumps(body).encode("utf-8") if body is not None else None
        request = urllib.request.Request(self.url + "/_sim/" + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10, context=self._context) as response:
            text = response.read().decode("utf-8")
        return json.loads(text) if text else {}

    def reset(self, **config):
        return self.admin("POST", "reset", config or {})

    def script(self, *faults):
        return self.admin("POST", "faults", {"faults": list(faults)})

    def snapshots(self):
        return self.admin("GET", "snapshots")["snapshots"]

    def requests(self):
        return self.admin("GET", "requests")["requests"]

    def posts(self):
        return [entry for entry in self.requests() if entry["method"] == "POST"]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.returncode


def _openssl(*args):
    subprocess.run(("openssl",) + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def make_certificate(directory, host="127.0.0.1", days=30, name="server"):
    """A private CA and a server certificate it signed for `host` (IP or DNS name), with the openssl CLI."""
    ca_key, ca_cert = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    if not os.path.exists(ca_cert):
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_cert, "-days", "30",
                 "-subj", "/CN=ThousandEyes simulator test CA")
    key, csr, cert = (os.path.join(directory, name + suffix) for suffix in (".key", ".csr", ".pem"))
    ext = os.path.join(directory, name + ".ext")
    kind = "IP" if host.replace(".", "").isdigit() else "DNS"
    with open(ext, "w") as handle:
        handle.write("subjectAltName=%s:%s\nbasicConstraints=CA:FALSE\n" % (kind, host))
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=%s" % host)
    sign = ["x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-out", cert, "-extfile", ext]
    if days < 0:
        # An expired certificate: valid for one day, a week ago (openssl 3 takes explicit dates).
        sign += ["-not_before", time.strftime("%Y%m%d%H%M%SZ", time.gmtime(time.time() - 8 * 86400)),
                 "-not_after", time.strftime("%Y%m%d%H%M%SZ", time.gmtime(time.time() - 7 * 86400))]
    else:
        sign += ["-days", str(days)]
    _openssl(*sign)
    return {"ca": ca_cert, "cert": cert, "key": key}


class PlaybookResult(object):
    def __init__(self, completed, results):
        self.rc = completed.returncode
        self.stdout = completed.stdout
        self.stderr = completed.stderr
        self.results = results

    @property
    def output(self):
        return self.stdout + self.stderr

    def __getitem__(self, name):
        return self.results[name]


class PlaybookRunner(object):
    """Runs a playbook from tests/integration/playbooks with ansible-playbook, as a user would."""

    def __init__(self, collections_path, api_url, work_dir):
        self.collections_path = collections_path
        self.api_url = api_url
        self.work_dir = work_dir

    def environment(self, token=TOKEN, extra=None):
        env = dict(os.environ)
        for name in list(env):
            if name.startswith(("THOUSANDEYES_", "TE_")) and name != "TE_TEST_COLLECTIONS_PATH":
                del env[name]
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": self.collections_path,
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_HOME": os.path.join(self.work_dir, "ansible-home"),
            "PATH": BIN + os.pathsep + env.get("PATH", ""),
            # The modules run on localhost with the Python that has requests, as a controller-side play would.
            "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        })
        if token is not None:
            env["THOUSANDEYES_TOKEN"] = token
        env.update(extra or {})
        return env

    def run(self, playbook, extra_vars=None, check=False, diff=False, verbosity=0, env=None, token=TOKEN, inventory=None,
            forks=None, timeout=600, playbook_path=None):
        results_dir = os.path.join(self.work_dir, "results-%d" % int(time.time() * 1000000))
        os.makedirs(results_dir)
        variables = {"te_api_url": self.api_url, "te_results_dir": results_dir}
        variables.update(extra_vars or {})
        command = [os.path.join(BIN, "ansible-playbook"), playbook_path or os.path.join(PLAYBOOKS, playbook), "-e", json.dumps(variables)]
        command += ["-i", inventory or "localhost,"]
        if check:
            command.append("--check")
        if diff:
            command.append("--diff")
        if verbosity:
            command.append("-" + "v" * verbosity)
        if forks:
            command += ["--forks", str(forks)]
        completed = subprocess.run(command, env=self.environment(token, env), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   universal_newlines=True, timeout=timeout, cwd=self.work_dir, check=False)
        results = {}
        for name in sorted(os.listdir(results_dir)):
            with open(os.path.join(results_dir, name)) as handle:
                results[name[:-len(".json")]] = json.load(handle)
        return PlaybookResult(completed, results)
