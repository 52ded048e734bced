#!/usr/bin/env bash
# Copyright: (c) 2026, ThousandEyes collection maintainers
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Lay out the collection where ansible-test wants it:
#   <dest>/ansible_collections/<namespace>/<name>/
# as a clean copy of the files git tracks plus untracked files that are not
# ignored (git ls-files --cached --others --exclude-standard), deleted files
# skipped. The copy is refreshed on every run: everything not in that list is
# removed, except tests/output/ (ansible-test's own results of the last run).
#
# Usage: tools/collection_tree.sh [DEST]   (default: build/collections)
# Prints the path of the collection directory on stdout.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

dest_root="${1:-build/collections}"
mkdir -p "$dest_root"
dest_root="$(cd "$dest_root" && pwd)"

namespace="$(sed -n -E 's/^namespace:[[:space:]]*["'\'']?([A-Za-z0-9_]+)["'\'']?[[:space:]]*$/\1/p' galaxy.yml | head -n1)"
name="$(sed -n -E 's/^name:[[:space:]]*["'\'']?([A-Za-z0-9_]+)["'\'']?[[:space:]]*$/\1/p' galaxy.yml | head -n1)"
if [[ -z "$namespace" || -z "$name" ]]; then
    echo "collection_tree: cannot read namespace/name from galaxy.yml" >&2
    exit 1
fi

tree="$dest_root/ansible_collections/$namespace/$name"

case "$tree" in
    "$repo_root"/build/*) ;;
    *) if [[ "${COLLECTION_TREE_ANY_DEST:-}" != 1 ]]; then
           echo "collection_tree: refusing to clean $tree (not under build/; set COLLECTION_TREE_ANY_DEST=1)" >&2
           exit 1
       fi ;;
esac

mkdir -p "$tree"

# Empty the copy, keeping tests/output (ansible-test results; git-ignored anyway).
find "$tree" -mindepth 1 -maxdepth 1 ! -name tests -exec rm -rf {} +
if [[ -d "$tree/tests" ]]; then
    find "$tree/tests" -mindepth 1 -maxdepth 1 ! -name output -exec rm -rf {} +
fi

# Files git knows (tracked + untracked-not-ignored), minus those deleted from the work tree.
list="$(mktemp)"
trap 'rm -f "$list"' EXIT
git ls-files -z --cached --others --exclude-standard | sort -zu |
    while IFS= read -r -d '' f; do
        if [[ -e "$f" || -L "$f" ]] && [[ ! -d "$f" || -L "$f" ]]; then
            printf '%s\0' "$f"
        fi
    done > "$list"

tar --null --no-recursion -T "$list" -cf - | tar -xf - -C "$tree"

count="$(tr -cd '\0' < "$list" | wc -c)"
echo "collection_tree: $count files -> $tree" >&2
echo "$tree"
