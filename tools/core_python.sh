#!/usr/bin/env bash
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Find a Python X.Y interpreter for one leg of the ansible-core matrix.
#
# Usage: tools/core_python.sh X.Y
# Prints the interpreter's path on stdout and exits 0; when there is none, prints the
# reason on stderr and exits 3 (the Makefile reports that leg as SKIP, not FAIL).
#
# Looked for, in this order:
#   1. $PYTHON_X_Y (e.g. PYTHON_3_13=/opt/py313/bin/python3), when set
#   2. `python3` on PATH when it is X.Y (the machine's default Python)
#   3. pyenv: the newest installed X.Y.* (`pyenv prefix <version>`/bin/python3); pyenv is
#      taken from PATH, else $PYENV_ROOT/bin or ~/.pyenv/bin
#   4. `pythonX.Y` on PATH, when it runs (a pyenv shim of a version not selected does not)
set -uo pipefail

want="${1:?usage: core_python.sh X.Y}"
if [[ ! "$want" =~ ^[0-9]+\.[0-9]+$ ]]; then
    echo "core_python: '$want' is not a Python version X.Y" >&2
    exit 2
fi

is_version() {  # is_version PYTHON -> 0 when it runs and is $want
    local got
    got="$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" || return 1
    [[ "$got" == "$want" ]]
}

var="PYTHON_${want//./_}"
if [[ -n "${!var:-}" ]]; then
    if is_version "${!var}"; then echo "${!var}"; exit 0; fi
    echo "core_python: \$$var=${!var} is not a working Python $want" >&2
    exit 3
fi

if command -v python3 >/dev/null 2>&1 && is_version python3; then
    command -v python3
    exit 0
fi

pyenv_bin="$(command -v pyenv 2>/dev/null || true)"
for candidate in "${PYENV_ROOT:-}/bin/pyenv" "$HOME/.pyenv/bin/pyenv"; do
    if [[ -z "$pyenv_bin" && -x "$candidate" ]]; then pyenv_bin="$candidate"; fi
done
reason=""
if [[ -n "$pyenv_bin" ]]; then
    version="$("$pyenv_bin" versions --bare --skip-aliases 2>/dev/null | grep -E "^${want//./\\.}\.[0-9]+$" | sort -V | tail -n1)"
    if [[ -n "$version" ]]; then
        prefix="$("$pyenv_bin" prefix "$version" 2>/dev/null || true)"
        if [[ -n "$prefix" ]] && is_version "$prefix/bin/python3"; then
            echo "$prefix/bin/python3"
            exit 0
        fi
        reason="pyenv lists $version but $prefix/bin/python3 does not run as Python $want"
    else
        reason="pyenv ($pyenv_bin) has no Python $want.* installed (pyenv install $want)"
    fi
else
    reason="pyenv is not installed (not on PATH, nor in \$PYENV_ROOT/bin or ~/.pyenv/bin)"
fi

if command -v "python$want" >/dev/null 2>&1 && is_version "python$want"; then
    command -v "python$want"
    exit 0
fi

echo "core_python: no Python $want: $reason; no working python$want on PATH; \$$var not set" >&2
exit 3
