#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""Stand-in for the ``get-pip.py`` bootstrap script that ansible-test downloads.

ansible-test bootstraps pip into each virtual environment it creates by running
``~/.ansible/test/cache/get_pip_<X_Y>.py`` (downloaded from ansible's CI file host
when the file is missing; see ansible/ansible#77304).  That host is not reachable
from our machines, PyPI is.  The Makefile copies this file to that cache path for
every pip version the installed ansible-test asks for.

ansible-test runs it as ``python quiet_pip.py [pip options] pip==X.Y [pkg==v ...]
--no-setuptools --no-wheel`` with ``GET_PIP`` pointing here; ``quiet_pip.py`` then
runs this module as ``__main__`` with those arguments in ``sys.argv[1:]``.

What it does:

1. ``ensurepip`` installs the pip wheel bundled with the interpreter (no network).
2. ``python -m pip install <same arguments>`` brings in the exact pip version (and any
   other pinned packages) from the configured index (PyPI), minus ``--no-setuptools``
   and ``--no-wheel``, which are get-pip options that ``pip install`` does not know.
3. If ``--no-setuptools`` was asked for and ensurepip brought setuptools in (Python
   < 3.12 bundles it), it is removed again so the result matches the real get-pip.

Pitfall handled: ``ensurepip`` sets ``PIP_CONFIG_FILE=os.devnull`` in this process's
environment; left in place, the pip we run next would ignore the machine's pip
configuration (certificate bundle, indexes) and fail with CERTIFICATE_VERIFY_FAILED.

Only the standard library is used; works on Python 3.6+.
"""

from __future__ import absolute_import, division, print_function

import os
import subprocess
import sys

GET_PIP_ONLY_OPTIONS = ('--no-setuptools', '--no-wheel')


def log(message):
    sys.stderr.write('[offline get-pip] %s\n' % message)
    sys.stderr.flush()


def have_module(name):
    """Return True when ``name`` is importable by a fresh interpreter."""
    return subprocess.call([sys.executable, '-c', 'import %s' % name],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0


def main(argv):
    args = list(argv)
    no_setuptools = '--no-setuptools' in args
    pip_args = [a for a in args if a not in GET_PIP_ONLY_OPTIONS]
    wants_setuptools = any(a.split('=')[0].split('<')[0].split('>')[0].strip().lower() == 'setuptools'
                           for a in pip_args if not a.startswith('-'))

    had_setuptools = have_module('setuptools')

    import ensurepip  # pylint: disable=import-outside-toplevel

    saved_config = os.environ.get('PIP_CONFIG_FILE')
    log('bootstrapping the bundled pip with ensurepip')
    try:
        ensurepip.bootstrap(upgrade=True, default_pip=True)
    finally:
        # ensurepip sets PIP_CONFIG_FILE=os.devnull; restore the caller's value (normally unset)
        if saved_config is None:
            os.environ.pop('PIP_CONFIG_FILE', None)
        else:
            os.environ['PIP_CONFIG_FILE'] = saved_config

    if pip_args:
        command = [sys.executable, '-m', 'pip', 'install', '--quiet'] + pip_args
        log('running: %s' % ' '.join(command))
        rc = subprocess.call(command)
        if rc != 0:
            log('pip install failed with exit code %d' % rc)
            return rc

    if no_setuptools and not wants_setuptools and not had_setuptools and have_module('setuptools'):
        log('removing setuptools that ensurepip added (--no-setuptools was requested)')
        rc = subprocess.call([sys.executable, '-m', 'pip', 'uninstall', '--yes', '--quiet',
                              '--disable-pip-version-check', 'setuptools'])
        if rc != 0:
            log('could not remove setuptools (exit code %d); continuing' % rc)

    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
