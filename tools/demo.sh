#!/usr/bin/env bash
# make demo: install the built collection as a user would, start the API simulator, run the
# collection's playbook against it, print the share link, stop the simulator.
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/.." && pwd)
venv_bin=${VENV_BIN:-$repo_root/.venv/bin}
build_dir=$repo_root/build
collections=$build_dir/demo-collections
work=$(mktemp -d)
simulator_pid=""

stop_simulator() {
    if [ -n "$simulator_pid" ] && kill -0 "$simulator_pid" 2>/dev/null; then
        kill -TERM "$simulator_pid" && wait "$simulator_pid" || true
        echo "== simulator stopped"
    fi
    rm -rf "$work"
}
trap stop_simulator EXIT

version=$(sed -n -E 's/^version:[[:space:]]*([0-9.]+).*/\1/p' "$repo_root/galaxy.yml")
tarball=$build_dir/cisco-thousandeyes-$version.tar.gz
[ -f "$tarball" ] || { echo "no $tarball: run make build first" >&2; exit 1; }
echo "== installing $(basename "$tarball") with ansible-galaxy into $collections"
rm -rf "$collections"
ANSIBLE_COLLECTIONS_PATH=$collections "$venv_bin/ansible-galaxy" collection install --force -p "$collections" "$tarball" >/dev/null

echo "== starting the ThousandEyes API simulator"
"$venv_bin/python" "$collections/ansible_collections/cisco/thousandeyes/tests/simulator/server.py" --port 0 >"$work/simulator.out" 2>"$work/simulator.err" &
simulator_pid=$!
tries=0
until grep -q "listening on" "$work/simulator.out" 2>/dev/null; do
    kill -0 "$simulator_pid" 2>/dev/null || { cat "$work/simulator.err" >&2; exit 1; }
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "the simulator did not start within 10 s" >&2; exit 1; }
    sleep 0.1
done
api_url=$(sed -n 's/^ThousandEyes API simulator listening on //p' "$work/simulator.out")
[ -n "$api_url" ] || { echo "the simulator did not start" >&2; exit 1; }
echo "   $api_url"

echo "== ansible-playbook cisco.thousandeyes.create_snapshot"
export ANSIBLE_COLLECTIONS_PATH=$collections
export THOUSANDEYES_TOKEN=simulator-token
export ANSIBLE_PYTHON_INTERPRETER=$venv_bin/python
export ANSIBLE_NOCOLOR=1 ANSIBLE_LOCALHOST_WARNING=0 ANSIBLE_INVENTORY_UNPARSED_WARNING=0
"$venv_bin/ansible-playbook" cisco.thousandeyes.create_snapshot \
    -e "{\"te_api_url\": \"$api_url\", \"te_test_name\": \"Corporate Website\", \"te_hours\": 4, \"te_public\": true}" \
    | tee "$work/playbook.out"

link=$(grep -oE 'https://[a-z]+\.share\.thousandeyes\.com/' "$work/playbook.out" | head -n 1)
[ -n "$link" ] || { echo "no share link in the playbook output" >&2; exit 1; }
echo
echo "Share link: $link"
