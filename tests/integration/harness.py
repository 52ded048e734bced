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
import re
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

    def snapshot_as_someone_else(self, test_id):
        """A private snapshot of the last hour made straight through the API, as other people in the organisation make
        them: it uses the snapshot quota."""
        end = int(time.time()) // 60 * 60
        body = {"displayName": "someone else's", "isPublic": False, "startDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(end - 3600)),
                "endDate": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(end))}
        request = urllib.request.Request("%s/v7/tests/%s/snapshot" % (self.url, test_id), data=json.dumps(body).encode("utf-8"), method="POST",
                                         headers={"Authorization": "Bearer %s" % TOKEN, "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10, context=self._context) as response:
            assert response.status == 201

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
        # The key identifiers and key usage keep Python 3.13's strict X.509 checks (VERIFY_X509_STRICT) satisfied.
        handle.write("subjectAltName=%s:%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                     "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n" % (kind, host))
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


# How Ansible's display starts a warning or a deprecation warning (lib/ansible/utils/display.py, every core 2.16+).
ANSIBLE_WARNING = re.compile(r"^\[(?:DEPRECATION )?WARNING\]:.*$", re.MULTILINE)


def ansible_warnings(output):
    """Every [WARNING] and [DEPRECATION WARNING] line in ansible-playbook's output."""
    return ANSIBLE_WARNING.findall(output)


# The default callback shows set_stats data as "RUN: {...}" when ANSIBLE_SHOW_CUSTOM_STATS is set.
CUSTOM_STATS = re.compile(r"^\s*RUN: (\{.*\})\s*$", re.MULTILINE)


class CollectionPlaybookRun(object):
    """A run of one of the collection's own playbooks: exit code, output and the set_stats data it showed."""

    def __init__(self, completed):
        self.rc = completed.returncode
        self.output = completed.stdout + completed.stderr

    @property
    def stats(self):
        found = CUSTOM_STATS.findall(self.output)
        assert len(found) == 1, self.output
        return json.loads(found[0])


def run_collection_playbook(runner, name, variables, *args):
    """ansible-playbook cisco.thousandeyes.<name> by name, as a user or an AWX job runs it, with the simulator's URL
    unless the variables give one, the variables as extra vars and any further arguments."""
    variables = dict(variables)
    variables.setdefault("te_api_url", runner.api_url)
    command = [os.path.join(BIN, "ansible-playbook"), "cisco.thousandeyes." + name, "-i", "localhost,",
               "-e", json.dumps(variables)] + list(args)
    completed = subprocess.run(command, env=runner.environment(extra={"ANSIBLE_SHOW_CUSTOM_STATS": "1"}),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True, timeout=300,
                               cwd=runner.work_dir, check=False)
    return CollectionPlaybookRun(completed)


# ---------------------------------------------------------------- helpers added for the robustness, security and speed tests

def make_expired_certificate(directory, host="127.0.0.1", name="expired"):
    """A server certificate for `host` that expired a week ago, signed by the CA make_certificate keeps in `directory`.

    openssl 3.0's x509 command has no -not_before/-not_after (make_certificate(days=-1) fails there), so this
    signs with `openssl ca`, whose -startdate/-enddate work from openssl 1.1 on.
    """
    ca_key, ca_cert = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    if not os.path.exists(ca_cert):
        _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_cert, "-days", "30",
                 "-subj", "/CN=ThousandEyes simulator test CA")
    key, csr, cert = (os.path.join(directory, name + suffix) for suffix in (".key", ".csr", ".pem"))
    ext, config = os.path.join(directory, name + ".ext"), os.path.join(directory, name + "-ca.cnf")
    database = os.path.join(directory, name + "-index.txt")
    open(database, "w").close()
    kind = "IP" if host.replace(".", "").isdigit() else "DNS"
    with open(ext, "w") as handle:
        # The key identifiers and key usage keep Python 3.13's strict X.509 checks (VERIFY_X509_STRICT) satisfied.
        handle.write("subjectAltName=%s:%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                     "extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n" % (kind, host))
    with open(config, "w") as handle:
        handle.write("[ca]\ndefault_ca = test_ca\n[test_ca]\ndatabase = %s\nnew_certs_dir = %s\nserial = %s\ndefault_md = sha256\n"
                     "policy = any_name\nunique_subject = no\n[any_name]\ncommonName = supplied\n"
                     % (database, directory, os.path.join(directory, name + "-serial")))
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", csr, "-subj", "/CN=%s" % host)
    stamp = "%Y%m%d%H%M%SZ"
    _openssl("ca", "-batch", "-config", config, "-cert", ca_cert, "-keyfile", ca_key, "-in", csr, "-out", cert, "-notext",
             "-rand_serial", "-extfile", ext,
             "-startdate", time.strftime(stamp, time.gmtime(time.time() - 8 * 86400)),
             "-enddate", time.strftime(stamp, time.gmtime(time.time() - 7 * 86400)))
    return {"ca": ca_cert, "cert": cert, "key": key}


def certificate_dates(path):
    """notBefore and notAfter of a PEM certificate, as openssl prints them."""
    completed = subprocess.run(["openssl", "x509", "-in", path, "-noout", "-startdate", "-enddate"], stdout=subprocess.PIPE,
                               universal_newlines=True, check=True)
    return dict(line.split("=", 1) for line in completed.stdout.splitlines() if "=" in line)


def run_cases(runner, playbook, cases, extra_vars=None, **options):
    """Run a playbook that loops over `cases`, handed over in a JSON file (te_cases_file), so huge values stay off the command line."""
    os.makedirs(runner.work_dir, exist_ok=True)
    path = os.path.join(runner.work_dir, "cases-%d.json" % int(time.time() * 1000000))
    with open(path, "w") as handle:
        json.dump(cases, handle)
    variables = {"te_cases_file": path}
    variables.update(extra_vars or {})
    return runner.run(playbook, variables, **options)


def format_table(headers, rows):
    """A plain-text table with a header rule, every cell str()-ed and left-aligned."""
    cells = [[str(cell) for cell in row] for row in rows]
    widths = [max([len(header)] + [len(row[index]) for row in cells]) for index, header in enumerate(headers)]
    lines = ["  ".join(header.ljust(width) for header, width in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines.extend("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in cells)
    return "\n".join(lines)


def linked_collections_path(prefix="te-collections-"):
    """A fresh collections path holding this checkout as cisco.thousandeyes through a symlink (as conftest.py builds it)."""
    given = os.environ.get("TE_TEST_COLLECTIONS_PATH")
    if given:
        return given
    import tempfile  # pylint: disable=import-outside-toplevel
    root = tempfile.mkdtemp(prefix=prefix)
    namespace_dir = os.path.join(root, "ansible_collections", "cisco")
    os.makedirs(namespace_dir)
    os.symlink(REPO_ROOT, os.path.join(namespace_dir, "thousandeyes"))
    return root


def modules_only_collection(root):
    """A collections path at root holding this checkout as cisco.thousandeyes without plugins/action: the modules
    as they ran before the action plugins (make bench's "today"), and what ansible-lint's args rule checks (it skips
    a task whose action plugin it finds, since the plugin could change the options)."""
    root = str(root)
    collection = os.path.join(root, "ansible_collections", "cisco", "thousandeyes")
    os.makedirs(os.path.join(collection, "plugins"))
    for entry in os.listdir(REPO_ROOT):
        if entry not in ("plugins", ".git") and not entry.startswith(".venv"):
            os.symlink(os.path.join(REPO_ROOT, entry), os.path.join(collection, entry))
    for entry in os.listdir(os.path.join(REPO_ROOT, "plugins")):
        if entry != "action":
            os.symlink(os.path.join(REPO_ROOT, "plugins", entry), os.path.join(collection, "plugins", entry))
    return root


def computed_once(tmp_path_factory, name, compute):
    """compute() once per pytest session, even with pytest-xdist workers; its result must be JSON-serialisable.

    Module-scoped fixtures would otherwise run on every worker that gets one of the module's tests: the first
    worker computes and stores the result, the others wait for it (a file lock) and read it.
    """
    import fcntl  # pylint: disable=import-outside-toplevel
    base = str(tmp_path_factory.getbasetemp())
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = os.path.dirname(base)
    path = os.path.join(base, "computed-once-%s.json" % name)
    with open(path + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if os.path.exists(path):
                with open(path) as handle:
                    return json.load(handle)
            value = compute()
            with open(path, "w") as handle:
                json.dump(value, handle)
            return value
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def make_strict_ca(directory):
    """The CA make_certificate and make_expired_certificate sign with, made to pass Python 3.13's strict X.509 checks.

    Python 3.13 verifies with VERIFY_X509_STRICT, which refuses a CA without a key usage extension (what
    `openssl req -x509` gives by default). Call this first: both helpers reuse ca.pem/ca.key in `directory`.
    """
    ca_key, ca_cert = os.path.join(directory, "ca.key"), os.path.join(directory, "ca.pem")
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", ca_key, "-out", ca_cert, "-days", "30",
             "-subj", "/CN=ThousandEyes simulator strict test CA",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
             "-addext", "subjectKeyIdentifier=hash")
    return {"ca": ca_cert, "key": ca_key}
