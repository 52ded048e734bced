#!/usr/bin/env bash
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Execution-environment check: what ansible-builder will put in an EE for this collection.
#
# Usage: tools/ee_check.sh TOOLS_VENV_BIN TARBALL WORK_DIR
#
# Installs the built tarball (as a user or ansible-builder would get it, so build_ignore
# is taken into account) into WORK_DIR/collections with ansible-galaxy --offline, then runs
# `ansible-builder introspect` on that collections path, which reads the collection's
# meta/execution-environment.yml and the requirements.txt / bindep.txt it names. Fails
# unless the combined Python requirements list `requests`, and when the collection's
# meta/execution-environment.yml or a file it names is missing from the tarball.
set -euo pipefail

bin="${1:?usage: ee_check.sh TOOLS_VENV_BIN TARBALL WORK_DIR}"
tarball="${2:?usage: ee_check.sh TOOLS_VENV_BIN TARBALL WORK_DIR}"
work="${3:?usage: ee_check.sh TOOLS_VENV_BIN TARBALL WORK_DIR}"

rm -rf "$work"
mkdir -p "$work/collections"
export ANSIBLE_NOCOLOR=1 ANSIBLE_HOME="$work/ansible-home" ANSIBLE_COLLECTIONS_PATH="$work/collections"

"$bin/ansible-galaxy" collection install --offline --force -p "$work/collections" "$tarball"
installed="$(find "$work/collections/ansible_collections" -mindepth 2 -maxdepth 2 -type d | head -n1)"

problems=()
ee_file="$installed/meta/execution-environment.yml"
if [[ ! -f "$ee_file" ]]; then
    problems+=("meta/execution-environment.yml is not in the tarball")
else
    # Each dependency file the EE metadata names (python:, system:) must be shipped.
    while IFS= read -r dep; do
        [[ -f "$installed/$dep" ]] || problems+=("meta/execution-environment.yml names $dep, which is not in the tarball")
    done < <("$bin/python" -c '
import sys, yaml
deps = (yaml.safe_load(open(sys.argv[1])) or {}).get("dependencies") or {}
for key in ("python", "system"):
    value = deps.get(key)
    if isinstance(value, str) and not value.strip().startswith(("-", "[")) and "\n" not in value.strip():
        print(value.strip())
' "$ee_file")
fi

echo "== ansible-builder introspect $work/collections"
"$bin/ansible-builder" introspect "$work/collections" \
    --write-pip "$work/requirements.txt" --write-bindep "$work/bindep.txt" | tee "$work/introspect.log"

if ! grep -qiE '^requests([^A-Za-z0-9_.-]|$)' "$work/requirements.txt" 2>/dev/null; then
    problems+=("ansible-builder introspect does not list requests in the Python requirements")
fi

echo "----------------------------------------------------------------"
if ((${#problems[@]})); then
    echo "ee-check FAILED:"
    printf '  - %s\n' "${problems[@]}"
    exit 1
fi
echo "ee-check: ansible-builder $("$bin/ansible-builder" --version) lists for the EE:"
sed 's/^/  pip:    /' "$work/requirements.txt"
if [[ -s "$work/bindep.txt" ]]; then sed 's/^/  bindep: /' "$work/bindep.txt"; else echo "  bindep: (no system packages)"; fi
