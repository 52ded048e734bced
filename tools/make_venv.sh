#!/usr/bin/env bash
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# (Re)create one of the project's venvs from scratch and install a requirements file in it.
#
# Usage: tools/make_venv.sh PYTHON VENV_DIR REQUIREMENTS STAMP
#
# PYTHON is the interpreter to build the venv from (tools/core_python.sh finds one).
# STAMP (inside VENV_DIR) is written last, with the requirements file's checksum and the
# interpreter's version, so a venv that failed half-way is rebuilt on the next run.
set -euo pipefail

python="${1:?usage: make_venv.sh PYTHON VENV_DIR REQUIREMENTS STAMP}"
venv="${2:?}"
reqs="${3:?}"
stamp="${4:?}"

rm -rf "$venv"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -r "$reqs"
"$venv/bin/python" -m pip check
{
    sha256sum "$reqs"
    "$venv/bin/python" --version
} > "$stamp"
echo "venv ready: $venv ($("$venv/bin/python" --version), $("$venv/bin/python" -m pip list --format=freeze 2>/dev/null | grep -iE '^(ansible-core|galaxy-importer)==' | xargs echo))"
