# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# The documentation's instructions work as a reader copies them. From README.md, CONTRIBUTING.md,
# extensions/*/README.md and tests/simulator/README.md this takes every shell command (```console, ```sh,
# ```bash blocks, and commands written inline such as `make sanity` or `.venv-nox/bin/nox -s simulator`) and
# every ```yaml block, and checks their structure, so that docs other changes add are held to the same rules:
#
# - every `make X` names a target of the Makefile;
# - every command starts a tool that the documented setup puts on PATH (or names it by a path the Makefile makes);
# - every file a command names is shipped, or made earlier in the same document (a YAML block headed `# name`,
#   a redirect, `ln`, `mkdir`);
# - every YAML block parses, and every playbook or task list in it (wrapped in a play) passes
#   `ansible-playbook --syntax-check`;
# - the first-run commands run against the API simulator with only the URL and the token substituted, and print
#   no warning: README.md's `ansible-playbook cisco.thousandeyes.*` commands, the simulator's "Starting it" and
#   admin examples, and the Event-Driven Ansible quick start with the real ansible-rulebook.
#
# Commands that cannot run here are skipped by name in SKIPPED, with the reason. `python3 <this file>` prints
# the count: instructions, run as written, run with substitution, checked without running, skipped.
#
# It runs in the integration sessions of the full cores (2.16 and 2.21: the oldest and newest ansible-core, whose
# warnings differ), not in the smoke subset; the static checks take well under a second.

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import collections
import glob
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time

import pytest
import yaml

from harness import BIN, REPO_ROOT, TOKEN, SimulatorProcess
from rulebook_harness import ansible_rulebook_path, free_port, java_missing_reason, rulebook_python

DOCS = (["README.md", "CONTRIBUTING.md"]
        + sorted(os.path.relpath(path, REPO_ROOT) for path in glob.glob(os.path.join(REPO_ROOT, "extensions", "*", "README.md")))
        + ["tests/simulator/README.md"])
# The playbooks' headers show how to run them: the commands in their leading comments count as documentation too.
PLAYBOOK_HEADERS = sorted(os.path.relpath(path, REPO_ROOT) for path in glob.glob(os.path.join(REPO_ROOT, "playbooks", "*.yml")))
HEADER_COMMAND = re.compile(r"^#   ((?:ansible-playbook|ansible-rulebook|python3|curl) .*)$")
SHELL_LANGS = ("console", "sh", "bash", "shell")
FENCE = re.compile(r"^(?P<indent>[ \t]*)```(?P<lang>[\w+-]*)[ \t]*$")
# Inline code that is a command: make targets and the tools of the Makefile's venvs.
INLINE_CODE = re.compile(r"`([^`\n]+)`")
INLINE_COMMAND = re.compile(r"^((make|nox)\s+\S|\.venv[\w-]*/bin/[\w.-]+(\s|$))")
OPERATORS = ("&&", "||", ";", "|", "&")
# A value the reader replaces (a token, a version, a name of their own).
PLACEHOLDER = re.compile(r"\.\.\.|<[^>]*>")

# Commands that cannot run here, by the words they start with: why, and what the tests do instead.
SKIPPED = collections.OrderedDict([
    ("ansible-galaxy collection install", "downloads from Galaxy, which is out of reach here; the tests use this checkout as "
                                          "the installed collection (ANSIBLE_COLLECTIONS_PATH)"),
    ("ansible-galaxy collection publish", "publishes to Galaxy"),
    (".venv/bin/ansible-galaxy collection publish", "publishes to Galaxy"),
    ("git clone", "clones from GitHub, out of reach here; this checkout is that clone"),
    ("sudo apt-get install", "installs a system package (Java 17 is installed here)"),
    ("pip install", "installs from PyPI into the reader's venv; the tests use venvs with the same pinned packages"),
    ("python3 -m pip install", "installs from PyPI into the reader's Python; the tests' venvs have requests"),
    ("python3 -m venv", "makes the reader's venv; the tests use .nox/ansible-rulebook, made from tests/requirements-eda.txt"),
    (". ~/eda/bin/activate", "activates the reader's venv; the tests put .nox/ansible-rulebook/bin on PATH instead"),
    ("export CONTROLLER_HOST", "needs an AWX server (test_integration_awx.py runs the AWX playbooks against stand-ins)"),
    ("ansible-playbook extensions/awx/", "needs an AWX server and awx.awx (test_integration_awx.py runs these playbooks "
                                         "against stand-ins for the awx.awx modules)"),
])
# Commands checked (the target exists, the tool is where the setup puts it, the files are there) but not run here:
# they run the test sessions, of which this test is one.
NOT_RUN_HERE = collections.OrderedDict([
    ("make", "runs nox sessions: make test, which runs this test, runs them"),
    (".venv-nox/bin/nox", "runs nox sessions: make test runs them all"),
    (".venv/bin/antsibull-changelog", "cuts a release; nox -s changelog checks the changelog"),
    ("python3 -m pytest tests/simulator", "the simulator's tests: the simulator nox session runs them"),
])

# What the documented setup puts on PATH, and where the documents say so.
BASE_TOOLS = {
    "git": "CONTRIBUTING.md, Set up", "python3": "CONTRIBUTING.md, Set up", "openssl": "CONTRIBUTING.md, Set up",
    "pyenv": "CONTRIBUTING.md, Set up", "make": "the Makefile", "sudo": "the system", "apt-get": "the system",
    "curl": "the system (the guides' HTTP client)", "export": "the shell", "cd": "the shell", "mkdir": "the system",
    "ln": "the system", ".": "the shell", "source": "the shell", "java": "extensions/eda/README.md, Install",
    "ansible-playbook": "ansible-core (README.md, Installation)", "ansible-galaxy": "ansible-core (README.md, Installation)",
    "ansible-doc": "ansible-core (README.md, Installation)",
}
# Console scripts of the packages a document installs with pip.
PACKAGE_SCRIPTS = {"ansible-rulebook": ("ansible-rulebook",), "ansible-core": ("ansible-playbook", "ansible-galaxy", "ansible-doc")}
# Which package of a Makefile venv's requirements gives a tool named by path (.venv-nox/bin/nox).
TOOL_PACKAGES = {"nox": "nox", "antsibull-nox": "antsibull-nox", "ansible-galaxy": "ansible-core", "ansible-playbook": "ansible-core",
                 "antsibull-changelog": "antsibull-changelog", "ansible-lint": "ansible-lint", "pytest": "pytest", "python": None,
                 "pip": None}
FILE_LIKE = re.compile(r"^[\w.-]+(/[\w.-]+)*/?$")
FILE_EXTENSION = re.compile(r"\.(yml|yaml|json|py|txt|pem|cfg|ini|sh|md|tar\.gz)$")

# The sections whose commands run against the simulator. README.md: every block with an
# `ansible-playbook cisco.thousandeyes.` command. The others by heading.
SIMULATOR_SECTIONS = ("Starting it", "Alerts", "Faults")
EDA_QUICK_START = ("extensions/eda/README.md", "From zero to a snapshot with ansible-rulebook")
# The substitutions: the token, the API URL (the modules read THOUSANDEYES_API_URL, README.md, Authentication)
# and the addresses the documents give (the simulator's port 8080, the webhook's port 5000): free ports here.
SUBSTITUTED_VARIABLES = ("THOUSANDEYES_TOKEN",)
WARNING = re.compile(r"\[(WARNING|DEPRECATION WARNING)\]")


class Block(object):
    def __init__(self, doc, line, lang, text, heading):
        self.doc, self.line, self.lang, self.text, self.heading = doc, line, lang, text, heading

    @property
    def where(self):
        return "%s:%d" % (self.doc, self.line)


class Command(object):
    def __init__(self, doc, line, text, heading, inline=False, block=None):
        self.doc, self.line, self.text, self.heading, self.inline, self.block = doc, line, text, heading, inline, block

    @property
    def where(self):
        return "%s:%d" % (self.doc, self.line)

    @property
    def tokens(self):
        return shlex.split(self.text, comments=True)

    def segments(self):
        """The simple commands in it, those inside $(...) included: lists of words without leading VAR=value."""
        found = []
        for token in self.tokens:
            for inner in re.findall(r"\$\((.*)\)", token):
                found.extend(Command(self.doc, self.line, inner, self.heading).segments())
        current = []
        for token in self.tokens + [";"]:
            if token in OPERATORS:
                while current and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", current[0]):
                    current.pop(0)
                if current:
                    found.append(current)
                current = []
            else:
                current.append(token)
        return found

    def matches(self, table):
        """The reason table gives for this command, by the words it starts with, else None."""
        words = " ".join(self.segments()[0]) if self.segments() else ""
        for prefix, reason in table.items():
            if words.startswith(prefix) and (len(words) == len(prefix) or prefix[-1] == "/" or words[len(prefix)] in " ="):
                return reason
        return None

    def skip_reason(self):
        return self.matches(SKIPPED) or self.matches(NOT_RUN_HERE)


def read(doc):
    with open(os.path.join(REPO_ROOT, doc)) as handle:
        return handle.read().splitlines()


def header_commands(doc):
    """The commands in a playbook's leading comments (`#   ansible-playbook ...`), continuation lines joined."""
    found, lines, index = [], read(doc), 0
    while index < len(lines) and lines[index].startswith(("#", "---")):
        match = HEADER_COMMAND.match(lines[index])
        if match:
            first, text = index + 1, match.group(1)
            while text.rstrip().endswith("\\") and index + 1 < len(lines):
                index += 1
                text = text.rstrip()[:-1] + " " + lines[index].lstrip("#").strip()
            found.append(Command(doc, first, text.strip(), "header"))
        index += 1
    return found


def blocks(doc):
    """The fenced blocks of a document, with the line of their first line of content and the heading they are under."""
    if doc.endswith(".yml"):
        return []
    lines, found, index, heading = read(doc), [], 0, ""
    while index < len(lines):
        match = FENCE.match(lines[index])
        if lines[index].startswith("#"):
            heading = lines[index].lstrip("#").strip()
        if match:
            indent, start, body = match.group("indent"), index + 1, []
            index += 1
            while index < len(lines) and lines[index].strip() != "```":
                body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index].lstrip())
                index += 1
            found.append(Block(doc, start + 1, match.group("lang"), "\n".join(body) + "\n", heading))
        index += 1
    return found


def commands(doc):
    """Every shell command of a document: block lines (continuations joined) and inline commands, in document order."""
    if doc.endswith(".yml"):
        return header_commands(doc)
    found = []
    for block in blocks(doc):
        if block.lang not in SHELL_LANGS:
            continue
        pending, first = "", None
        for offset, line in enumerate(block.text.splitlines()):
            if not pending:
                first = block.line + offset
            if line.rstrip().endswith("\\"):
                pending += line.rstrip()[:-1] + " "
                continue
            text = (pending + line).strip()
            pending = ""
            if text and not text.startswith("#") and shlex.split(text, comments=True):
                found.append(Command(doc, first, text, block.heading, block=block))
    in_fence, heading = False, ""
    for number, line in enumerate(read(doc), 1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        for code in INLINE_CODE.findall(line):
            if INLINE_COMMAND.match(code):
                found.append(Command(doc, number, code, heading, inline=True))
    return sorted(found, key=lambda command: command.line)


def makefile():
    with open(os.path.join(REPO_ROOT, "Makefile")) as handle:
        return handle.read()


def make_targets():
    return set(name for name in re.findall(r"^([A-Za-z0-9_.%-]+)\s*:(?!=)", makefile(), re.MULTILINE) if not name.startswith("."))


def makefile_venvs():
    """{'.venv-nox': 'tests/requirements-nox.txt', ...}: each venv the Makefile makes and the requirements it installs."""
    variables = dict(re.findall(r"^([A-Z_]+)\s*:?=\s*(.+?)\s*$", makefile(), re.MULTILINE))
    venvs = {}
    for name, value in variables.items():
        match = re.match(r"^\$\(REPO_ROOT\)/(\.venv[\w-]*)$", value)
        if not match:
            continue
        # $(NAME)/bin, or a variable that holds it (VENV_BIN := $(VENV)/bin).
        bins = [re.escape("$(%s)/bin" % name)] + [re.escape("$(%s)" % alias) for alias, other in variables.items()
                                                  if other == "$(%s)/bin" % name]
        pattern = r"(?:%s)/python -m pip install .*-r \$\((\w+)\)" % "|".join(bins)
        for recipe in re.findall(pattern, makefile()):
            venvs[match.group(1)] = variables[recipe].replace("$(REPO_ROOT)/", "")
    return venvs


def requirement_names(path):
    with open(os.path.join(REPO_ROOT, path)) as handle:
        return set(re.split(r"[<>=!~\[; ]", line.strip())[0].lower() for line in handle if line.strip() and not line.startswith("#"))


def all_commands():
    return [command for doc in DOCS + PLAYBOOK_HEADERS for command in commands(doc)]


# ---------------------------------------------------------------- structure


def test_the_documents_hold_commands_and_yaml():
    # The extraction itself: a change of fence style must not silently leave nothing to check.
    assert len(all_commands()) > 30 and sum(1 for doc in DOCS for block in blocks(doc) if block.lang == "yaml") > 10
    assert any(command.text.startswith("make test") for command in commands("README.md"))


def test_every_make_command_names_a_makefile_target():
    targets, problems = make_targets(), []
    for command in all_commands():
        for words in command.segments():
            if words[0] != "make":
                continue
            for word in words[1:]:
                if not word.startswith("-") and "=" not in word and word not in targets:
                    problems.append("%s: `%s`: the Makefile has no target %r (targets: %s)" % (
                        command.where, command.text, word, ", ".join(sorted(targets))))
    assert not problems, "\n".join(problems)


def tool_problem(words, on_path, venvs):
    tool = words[0]
    if tool == "sudo" and len(words) > 1:
        return tool_problem(words[1:], on_path, venvs)
    if "/" in tool:
        match = re.match(r"^(\.venv[\w-]*)/bin/([\w.-]+)$", tool)
        if not match or match.group(1) not in venvs:
            return "`%s` is not in a venv the Makefile makes (%s)" % (tool, ", ".join("%s/bin" % venv for venv in sorted(venvs)))
        venv, name = match.groups()
        if name not in TOOL_PACKAGES:
            return "cannot tell which package of %s gives `%s` (add it to TOOL_PACKAGES)" % (venvs[venv], name)
        package = TOOL_PACKAGES[name]
        if package and package not in requirement_names(venvs[venv]):
            return "`%s` comes from %s, which %s (what makes %s) does not list" % (tool, package, venvs[venv], venv)
        return None
    if tool in on_path:
        return None
    hint = ""
    for venv, requirements in venvs.items():
        if TOOL_PACKAGES.get(tool) in requirement_names(requirements):
            hint = "; the Makefile puts it in %s/bin: write %s/bin/%s" % (venv, venv, tool)
    return "`%s` is not on PATH after the documented setup%s" % (tool, hint)


def test_every_command_starts_a_tool_the_documented_setup_puts_on_path():
    venvs, problems = makefile_venvs(), []
    assert ".venv-nox" in venvs and ".venv" in venvs, venvs
    for doc in DOCS + PLAYBOOK_HEADERS:
        on_path = set(BASE_TOOLS)
        for command in commands(doc):
            for words in command.segments():
                problem = tool_problem(words, on_path, venvs)
                if problem:
                    problems.append("%s: `%s`: %s" % (command.where, command.text, problem))
                # What a command puts on PATH for the ones after it in the same document.
                if words[0] in (".", "source") and len(words) > 1 and words[1].endswith("/bin/activate"):
                    on_path.update(("python", "pip"))
                if words[:2] == ["pip", "install"] or words[:4] == ["python", "-m", "pip", "install"]:
                    for word in words[2:]:
                        on_path.update(PACKAGE_SCRIPTS.get(re.split(r"[<>=!~\[]", word)[0], ()))
    assert not problems, "\n".join(problems)


def file_arguments(words):
    """The files a command reads: arguments that look like relative paths, not what it writes (> file)."""
    for previous, word in zip(words, words[1:]):
        if previous in (">", ">>", "2>"):
            continue
        word = word[1:] if word.startswith("@") else word
        if word.startswith(("-", "~", "/", "$")) or "://" in word or "=" in word or PLACEHOLDER.search(word):
            continue
        if FILE_LIKE.match(word) and ("/" in word or FILE_EXTENSION.search(word)) and not word.startswith("cisco.thousandeyes."):
            yield word


def made_in(doc):
    """{file name: line} of what a document has the reader make: YAML blocks headed '# name', redirects, ln and mkdir."""
    made = {}
    for block in blocks(doc):
        match = re.match(r"^#\s*([\w./-]+\.(?:yml|yaml|json))\b", block.text)
        if match:
            made.setdefault(match.group(1), block.line)
    for command in commands(doc):
        for words in command.segments():
            targets = []
            if words[0] == "ln":
                targets = words[-1:]
            elif words[0] == "mkdir":
                targets = [word for word in words[1:] if not word.startswith("-")]
            targets += [words[index + 1] for index, word in enumerate(words[:-1]) if word == ">"]
            for target in targets:
                made.setdefault(target, command.line)
    return made


def test_every_file_a_command_names_is_shipped_or_made_before_it():
    problems = []
    for doc in DOCS + PLAYBOOK_HEADERS:
        made = made_in(doc)
        for command in commands(doc):
            for words in command.segments():
                for name in file_arguments(words):
                    shipped = os.path.exists(os.path.join(REPO_ROOT, name)) or os.path.exists(os.path.join(REPO_ROOT, os.path.dirname(doc), name))
                    if shipped or made.get(name, sys.maxsize) < command.line:
                        continue
                    later = " (the document makes it later, at line %d)" % made[name] if name in made else ""
                    problems.append("%s: `%s` names %s, which is neither shipped nor made before this line%s" % (
                        command.where, command.text, name, later))
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- YAML blocks

def yaml_blocks():
    return [block for doc in DOCS for block in blocks(doc) if block.lang == "yaml"]


def is_task(item):
    return isinstance(item, dict) and ("name" in item or "block" in item) and any("." in key for key in item)


def playbook_of(data, title):
    """A playbook, a task list as one play on localhost, or None for data (an inventory, variables, a fragment)."""
    if not isinstance(data, list) or not data or not all(isinstance(item, dict) for item in data):
        return None
    if all("hosts" in item or "import_playbook" in item or "ansible.builtin.import_playbook" in item for item in data):
        return data
    if all(is_task(item) for item in data):
        return [{"name": title, "hosts": "localhost", "gather_facts": False, "tasks": data}]
    return None


def test_every_yaml_block_parses_and_every_play_passes_syntax_check(tmp_path):
    problems, playbooks, stand_ins = [], [], set()
    for block in yaml_blocks():
        try:
            data = yaml.safe_load(block.text)
        except yaml.YAMLError as error:
            problems.append("%s: the YAML block does not parse: %s" % (block.where, error))
            continue
        playbook = playbook_of(data, "%s example" % block.where)
        if playbook is None:
            continue
        # awx.awx is not installed (Galaxy is out of reach): empty stand-ins let syntax-check resolve its module names.
        stand_ins.update(re.findall(r"^\s*-?\s*awx\.awx\.(\w+):", block.text, re.MULTILINE))
        path = tmp_path / ("%s-%d.yml" % (block.doc.replace("/", "_"), block.line))
        path.write_text(yaml.safe_dump(playbook, sort_keys=False))
        playbooks.append(str(path))
    assert not problems, "\n".join(problems)
    assert playbooks, "no YAML block holds a playbook or a task list"
    collections_root = tmp_path / "collections"
    modules = collections_root / "ansible_collections" / "awx" / "awx" / "plugins" / "modules"
    modules.mkdir(parents=True)
    for name in stand_ins:
        (modules / (name + ".py")).write_text("#!/usr/bin/python\n# A stand-in: syntax-check only resolves the name.\n")
    cisco = collections_root / "ansible_collections" / "cisco"
    cisco.mkdir()
    os.symlink(REPO_ROOT, str(cisco / "thousandeyes"))
    env = clean_environment(tmp_path, {"ANSIBLE_COLLECTIONS_PATH": str(collections_root)})
    # One ansible-playbook for all: it checks each file named in turn and names the one that fails.
    completed = subprocess.run([os.path.join(BIN, "ansible-playbook"), "--syntax-check", "-i", "localhost,"] + playbooks,
                               env=env, cwd=str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, timeout=300, check=False)
    assert completed.returncode == 0, "ansible-playbook --syntax-check (files named <document>-<line>.yml):\n" + completed.stdout
    assert not WARNING.search(completed.stdout), completed.stdout


# ---------------------------------------------------------------- first-run commands, against the simulator

def clean_environment(tmp_path, extra=None):
    """A new user's shell: no ANSIBLE_* or THOUSANDEYES_* settings, a home of its own, the core under test on PATH."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {"HOME": str(home), "PATH": os.pathsep.join([BIN, "/usr/local/bin", "/usr/bin", "/bin"]), "LC_ALL": "C.UTF-8",
           "LANG": "C.UTF-8", "TMPDIR": str(tmp_path)}
    for name in ("JAVA_HOME", "PYENV_ROOT"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update(extra or {})
    return env


def substituted(command, url, ports=None):
    """The command with the reader's values: the token, the simulator's URL, free ports; and whether anything changed."""
    text = command.text
    for name in SUBSTITUTED_VARIABLES:
        text = re.sub(r"^export %s=\.\.\.(?=\s|$)" % name, "export %s=%s" % (name, TOKEN), text)
    text = text.replace("http://127.0.0.1:8080", url).replace("--port 8080", "--port 0")
    for documented, free in (ports or {}).items():
        text = text.replace("127.0.0.1:%d" % documented, "127.0.0.1:%d" % free)
    return text, text != command.text


def runnable(selected):
    """The commands of the selected blocks that run here (not skipped by name)."""
    return [command for command in selected if not command.inline and command.skip_reason() is None]


def readme_playbook_blocks():
    found = collections.OrderedDict()
    for command in commands("README.md"):
        if not command.inline and command.text.startswith("ansible-playbook cisco.thousandeyes."):
            found.setdefault(command.block.line, command.block)
    return list(found.values())


def section_commands(doc, headings):
    return [command for command in commands(doc) if not command.inline and command.heading in headings]


def run_shell(text, env, cwd, timeout=300):
    return subprocess.run(["bash", "-c", text], env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=timeout, check=False)


@pytest.fixture
def fresh_simulator():
    process = SimulatorProcess()
    yield process
    process.stop()


def test_the_simulator_guide_starts_it_and_its_admin_examples_work(fresh_simulator, collections_path, tmp_path):
    selected = section_commands("tests/simulator/README.md", SIMULATOR_SECTIONS)
    starts = [command for command in runnable(selected) if "--port" in command.text]
    assert len(starts) >= 2, [command.text for command in selected]
    env = clean_environment(tmp_path)
    for command in starts:
        text, _changed = substituted(command, fresh_simulator.url)
        # The installed collection: this checkout, found where ANSIBLE_COLLECTIONS_PATH points.
        text = text.replace("PYTHONPATH=~/.ansible/collections", "PYTHONPATH=%s" % collections_path)
        words, run_env = shlex.split(text, comments=True), dict(env)
        while re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0]):
            name, _sep, value = words.pop(0).partition("=")
            run_env[name] = value
        # Started directly (not through a shell), so that SIGTERM reaches the simulator itself.
        process = subprocess.Popen(words, env=run_env, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   universal_newlines=True)
        try:
            banner = process.stdout.readline().strip()
        finally:
            process.send_signal(signal.SIGTERM)
            _out, errors = process.communicate(timeout=30)
        assert re.match(r"^ThousandEyes API simulator listening on http://127\.0\.0\.1:\d+$", banner), (command.where, text, banner, errors)
        assert process.returncode == 0 and not errors.strip(), (command.where, text, process.returncode, errors)
    # The admin examples (an alert, a fault), with the simulator's URL.
    for command in runnable(selected):
        if command in starts or command.text.startswith("URL="):
            continue
        text, _changed = substituted(command, fresh_simulator.url)
        completed = run_shell("URL=%s; %s -w '\\n%%{http_code}'" % (fresh_simulator.url, text), env, REPO_ROOT)
        status = completed.stdout.strip().splitlines()[-1] if completed.stdout.strip() else ""
        assert completed.returncode == 0 and status.startswith("2"), "%s: `%s` answered %s:\n%s" % (
            command.where, command.text, status, completed.stdout)
    assert fresh_simulator.admin("GET", "alerts")["alerts"], "the Alerts example added no alert"


def post_documented_alerts(simulator, env):
    """The simulator guide's way to add an alert: its curl commands under 'Alerts', with the simulator's URL."""
    test_ids = []
    for command in runnable(section_commands("tests/simulator/README.md", ("Alerts",))):
        if "/_sim/alerts" in command.text:
            text, _changed = substituted(command, simulator.url)
            completed = run_shell("URL=%s; %s" % (simulator.url, text), env, REPO_ROOT)
            answer = json.loads(completed.stdout)
            test_ids.append(answer["alert"]["_links"]["test"]["href"].rstrip("/").rsplit("/", 1)[-1])
    assert test_ids, "tests/simulator/README.md shows no POST /_sim/alerts under 'Alerts'"
    return test_ids


def run_on_simulator(selected, env, cwd, simulator, alerting_tests):
    """Runs the commands one by one as the reader would (exports carry over), each with rc 0 and no warning."""
    for command in runnable(selected):
        text, _changed = substituted(command, simulator.url)
        if text.startswith("export "):
            for assignment in shlex.split(text, comments=True)[1:]:
                name, _sep, value = assignment.partition("=")
                env[name] = value
            continue
        completed = run_shell(text, env, cwd)
        assert completed.returncode == 0, "%s: `%s` failed:\n%s" % (command.where, command.text, completed.stdout)
        warnings = [line for line in completed.stdout.splitlines() if WARNING.search(line)]
        assert not warnings, "%s: `%s` printed warnings:\n%s" % (command.where, command.text, "\n".join(warnings))
        if "snapshot_active_alerts" in text:
            for test_id in alerting_tests:
                assert "test %s" % test_id in completed.stdout, "%s: `%s` did not report the alerting test %s:\n%s" % (
                    command.where, command.text, test_id, completed.stdout)


def test_the_readme_playbook_commands_run_on_the_simulator_without_a_warning(fresh_simulator, collections_path, tmp_path):
    blocks_run = readme_playbook_blocks()
    assert blocks_run, "README.md has no `ansible-playbook cisco.thousandeyes.` command"
    # The installed collection is this checkout; the URL and token are the simulator's.
    env = clean_environment(tmp_path, {"ANSIBLE_COLLECTIONS_PATH": collections_path, "THOUSANDEYES_API_URL": fresh_simulator.url})
    alerting_tests = post_documented_alerts(fresh_simulator, env)
    for block in blocks_run:
        selected = [command for command in commands("README.md") if command.block is not None and command.block.line == block.line]
        run_on_simulator(selected, env, str(tmp_path), fresh_simulator, alerting_tests)
    assert fresh_simulator.snapshots(), "the README's commands created no snapshot"


def test_the_playbook_headers_commands_run_on_the_simulator_without_a_warning(fresh_simulator, collections_path, tmp_path):
    selected = [command for doc in PLAYBOOK_HEADERS for command in commands(doc)]
    assert any(command.text.startswith("ansible-playbook cisco.thousandeyes.") for command in selected), PLAYBOOK_HEADERS
    env = clean_environment(tmp_path, {"ANSIBLE_COLLECTIONS_PATH": collections_path, "THOUSANDEYES_API_URL": fresh_simulator.url,
                                       "THOUSANDEYES_TOKEN": TOKEN})
    alerting_tests = post_documented_alerts(fresh_simulator, env)
    # A checkout's files (the fixtures the headers name) without writing into this one: the commands run in a
    # scratch directory whose tests/ is the checkout's.
    work = tmp_path / "checkout"
    work.mkdir()
    os.symlink(os.path.join(REPO_ROOT, "tests"), str(work / "tests"))
    run_on_simulator(selected, env, str(work), fresh_simulator, alerting_tests)
    assert fresh_simulator.snapshots(), "the playbooks' header commands created no snapshot"


def test_the_eda_quick_start_makes_a_snapshot_with_the_real_ansible_rulebook(fresh_simulator, collections_path, tmp_path):
    reason = java_missing_reason()
    if reason:
        pytest.skip(reason)
    rulebook = ansible_rulebook_path()
    if not os.path.isfile(rulebook):
        pytest.skip("no ansible-rulebook at %s: nox -s ansible-rulebook makes it" % rulebook)
    doc, heading = EDA_QUICK_START
    # The quick start: its numbered steps, up to the next top-level section.
    lines = read(doc)
    start = next(index for index, line in enumerate(lines) if line == "## " + heading)
    end = next((index for index in range(start + 1, len(lines)) if lines[index].startswith("## ")), len(lines))
    section = [block for block in blocks(doc) if start < block.line <= end]
    selected = [command for command in commands(doc) if not command.inline and start < command.line <= end]
    port = free_port()
    # The reader's venv (`. ~/eda/bin/activate`): the one that holds ansible-rulebook, then the core under test.
    # Its python is the one that holds ansible_rulebook; ansible-playbook is the core under test.
    venv_bin = tmp_path / "eda-venv-bin"
    venv_bin.mkdir()
    (venv_bin / "python").write_text('#!/bin/sh\nexec %s "$@"\n' % shlex.quote(rulebook_python(rulebook)))
    (venv_bin / "python").chmod(0o755)
    os.symlink(rulebook, str(venv_bin / "ansible-rulebook"))
    env = clean_environment(tmp_path, {"ANSIBLE_COLLECTIONS_PATH": collections_path, "THOUSANDEYES_API_URL": fresh_simulator.url,
                                       "PATH": os.pathsep.join([str(venv_bin), BIN, "/usr/local/bin", "/usr/bin", "/bin"])})
    work = tmp_path / "work"
    work.mkdir()
    # The files the reader writes (the inventory), as shown.
    for block in section:
        match = re.match(r"^#\s*([\w.-]+\.ya?ml)\s*\n", block.text)
        if block.lang == "yaml" and match:
            (work / match.group(1)).write_text(block.text)
    script = ["set -e", "cd %s" % shlex.quote(str(work))]
    for command in runnable(selected):
        text, _changed = substituted(command, fresh_simulator.url, {5000: port})
        if text.startswith("ansible-rulebook "):
            # As the guide says for a host without ansible.eda: -S ~/eda-sources; the webhook port: a free one.
            text += " -S ~/eda-sources --vars %s > rulebook.log 2>&1 & echo $! > rulebook.pid" % shlex.quote(str(work / "port.yml"))
            (work / "port.yml").write_text("webhook_port: %d\n" % port)
            script.append(text)
            script.append("for i in $(seq 1 240); do curl -s -o /dev/null http://127.0.0.1:%d/ && break; sleep 0.5; done" % port)
            continue
        if text.startswith("curl "):
            # The fixture the guide names is in the checkout: run from its root.
            text = "(cd %s && %s -w '%%{http_code}' > %s)" % (shlex.quote(REPO_ROOT), text, shlex.quote(str(work / "curl.out")))
        script.append(text)
    process = subprocess.Popen(["bash", "-c", "\n".join(script)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, start_new_session=True)
    output = ""
    try:
        output, _unused = process.communicate(timeout=180)
        assert process.returncode == 0, output
        assert (work / "curl.out").read_text().strip().endswith("200"), (work / "curl.out").read_text()
        deadline = time.time() + 150
        log = ""
        while time.time() < deadline:
            log = (work / "rulebook.log").read_text()
            if "Private snapshot (app link) for alert" in log or "ERROR" in log:
                break
            time.sleep(0.5)
        assert "Private snapshot (app link) for alert" in log, log[-6000:]
        assert len(fresh_simulator.snapshots()) == 1, log[-6000:]
        warnings = [line for line in log.splitlines() if WARNING.search(line)]
        assert not warnings, "the quick start printed warnings:\n%s" % "\n".join(warnings)
    finally:
        pid_file = work / "rulebook.pid"
        if pid_file.exists():
            try:
                os.kill(int(pid_file.read_text().strip()), signal.SIGTERM)
            except OSError:
                pass
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


# ---------------------------------------------------------------- the count


def classify():
    """Every instruction (shell command or YAML block) and what the tests do with it."""
    ran = set()
    for block in readme_playbook_blocks():
        ran.update((command.doc, command.line) for command in commands("README.md") if command.block is not None and command.block.line == block.line)
    ran.update((command.doc, command.line) for command in section_commands("tests/simulator/README.md", SIMULATOR_SECTIONS))
    ran.update((command.doc, command.line) for doc in PLAYBOOK_HEADERS for command in commands(doc))
    doc, heading = EDA_QUICK_START
    lines = read(doc)
    start = next(index for index, line in enumerate(lines) if line == "## " + heading)
    end = next((index for index in range(start + 1, len(lines)) if lines[index].startswith("## ")), len(lines))
    ran.update((command.doc, command.line) for command in commands(doc) if start < command.line <= end)
    rows = []
    for command in all_commands():
        if command.matches(SKIPPED):
            rows.append((command, "skipped", command.matches(SKIPPED)))
        elif command.matches(NOT_RUN_HERE):
            rows.append((command, "checked, not run", command.matches(NOT_RUN_HERE)))
        elif (command.doc, command.line) in ran and not command.inline:
            _text, changed = substituted(command, "http://127.0.0.1:1", {5000: 1})
            # The quick start's ansible-rulebook gets the documented -S ~/eda-sources and a free webhook port.
            # and what calls the API gets the simulator's URL (THOUSANDEYES_API_URL).
            changed = changed or command.text.startswith(("ansible-rulebook ", "ansible-playbook cisco.thousandeyes."))
            rows.append((command, "run with substitution" if changed else "run as written", ""))
        else:
            rows.append((command, "checked, not run", "make target, tool on PATH, files"))
    for block in yaml_blocks():
        rows.append((block, "checked, not run", "parsed; syntax-checked when a playbook or task list"))
    return rows


def test_every_instruction_is_run_checked_or_skipped_with_a_reason():
    rows = classify()
    counts = collections.Counter(kind for _item, kind, _reason in rows)
    assert counts["run as written"] and counts["run with substitution"], counts
    assert all(reason for _item, kind, reason in rows if kind == "skipped")


if __name__ == "__main__":
    summary = collections.Counter()
    for item, kind, reason in classify():
        summary[kind] += 1
        text = getattr(item, "text", "").strip().splitlines()[0][:90] if isinstance(item, Command) else "```yaml block"
        print("%-32s %-22s %s%s" % (item.where, kind, text, ("  [%s]" % reason) if reason else ""))
    print("\n%d instructions: %s" % (sum(summary.values()), ", ".join("%d %s" % (count, kind) for kind, count in sorted(summary.items()))))
