#!/usr/bin/env bash
# Regenerates the tables of docs/results.md (or FILE) from a run store, so that no number in it is typed.
# Every block
#   <!-- runner table ARGS -->
#   ...
#   <!-- end of generated table -->
# is replaced by the output of `bin/runner table ARGS`, with {store} in ARGS replaced by the store.
# Usage: scripts/refresh-results-tables.sh --store DIR [FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
store=""
file="$here/docs/results.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --store) store=$2; shift 2 ;;
    -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) file=$1; shift ;;
  esac
done
if [ -z "$store" ]; then
  echo "error: name the run store the tables are made from: --store DIR (the --out of the runs)" >&2
  exit 2
fi
[ -d "$store" ] || { echo "error: $store is not a directory: give the run store (--out of the runs)" >&2; exit 2; }
out=$(mktemp "${file}.XXXXXX")
trap 'rm -f "$out"' EXIT
skipping=0
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
  lineno=$((lineno + 1))
  if [ $skipping = 1 ]; then
    if [ "$line" = "<!-- end of generated table -->" ]; then skipping=0; printf '%s\n' "$line" >> "$out"; fi
    continue
  fi
  printf '%s\n' "$line" >> "$out"
  if [[ "$line" =~ ^\<\!--\ runner\ table\ (.*)\ --\>$ ]]; then
    args=${BASH_REMATCH[1]//\{store\}/$store}
    # shellcheck disable=SC2086 # the marker's arguments are words
    if ! (cd "$here" && bin/runner table $args) >> "$out"; then
      echo "error: $file:$lineno: 'runner table $args' failed (above); the file is unchanged" >&2
      exit 1
    fi
    skipping=1
  fi
done < "$file"
if [ $skipping = 1 ]; then
  echo "error: $file: a generated table has no '<!-- end of generated table -->' line after it; the file is unchanged" >&2
  exit 2
fi
mv "$out" "$file"
trap - EXIT
