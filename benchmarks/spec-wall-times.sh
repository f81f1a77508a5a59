#!/usr/bin/env bash
# Wall time of whole shipped experiments, oneDNN off ("before" issue 13's defaults) against on (the
# default since), run back to back on this machine: what a user waits for `runner run SPEC`, data
# loading, training, evaluation, checkpoints and the saved model included.
#
#   benchmarks/spec-wall-times.sh [--rounds N] [--results FILE] SPEC...
#   benchmarks/spec-wall-times.sh --table FILE     (the table of a results file, e.g. of a stopped run)
#
# Each spec runs with both settings in turn, the order alternating from spec to spec and round to
# round so that a drift in the machine's speed does not favour one setting. Every run writes to a
# fresh directory (a run store already holding the spec would be resumed, not run) with MLflow
# tracking off (a server's latency is not the runner's). One line per run is appended to the
# results file (tab-separated: spec, onednn, round, exit code, wall s, user s, sys s, peak RSS KiB,
# load average at the start, UTC start); at the end a Markdown table gives, per spec, the median
# wall time of each setting and their ratio. Measure on an idle machine: the figures are whole
# processes' times.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rounds=1
results=""
specs=()
table_only=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    --table) table_only="$2"; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "error: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) specs+=("$1"); shift ;;
  esac
done
print_table() { # results file
python3 - "$1" <<'EOF'
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
by = {}
for spec, onednn, _round, code, wall, user, sys_, *_ in rows:
    if code == "0":
        by.setdefault(spec, {}).setdefault(onednn, []).append((float(wall), float(user) + float(sys_)))
print("| spec | wall, oneDNN off | wall, oneDNN on (default) | off / on | CPU s off / on | runs |")
print("|---|---:|---:|---:|---:|---:|")
def fmt(s):
    m, s = divmod(round(s), 60)
    return f"{m} min {s:02d} s" if m else f"{s} s"
for spec, runs in by.items():
    if "0" not in runs or "1" not in runs:
        continue
    off = statistics.median(w for w, _ in runs["0"]); on = statistics.median(w for w, _ in runs["1"])
    coff = statistics.median(c for _, c in runs["0"]); con = statistics.median(c for _, c in runs["1"])
    print(f"| {spec} | {fmt(off)} | {fmt(on)} | {off / on:.2f}x | {coff:.0f} / {con:.0f} | {len(runs['0'])} + {len(runs['1'])} |")
EOF
}

if [[ -n "$table_only" ]]; then
  [[ -f "$table_only" ]] || { echo "error: no such results file: $table_only" >&2; exit 2; }
  print_table "$table_only"
  exit 0
fi
[[ ${#specs[@]} -gt 0 ]] || { echo "error: name at least one spec, e.g. experiments/fashion_vs_mnist_realnvp.yaml" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "error: /usr/bin/time is needed (Debian: apt-get install time)" >&2; exit 2; }
for spec in "${specs[@]}"; do
  [[ -f "$spec" ]] || { echo "error: no such spec: $spec" >&2; exit 2; }
done

results="${results:-$(mktemp /tmp/spec-wall-times.XXXXXX.tsv)}"
work="$(mktemp -d /tmp/spec-wall-times.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Build (if sources changed) before anything is timed, and never inside a timed run: an edit to the
# sources during a long benchmark would otherwise rebuild the runner in the middle of it.
"$root/bin/runner" --version >/dev/null

run_one() { # spec onednn round
  local spec="$1" onednn="$2" round="$3" out="$work/run" log="$work/log" timing="$work/time"
  rm -rf "$out"
  local load started code
  load="$(cut -d' ' -f1 /proc/loadavg)"
  started="$(date -u +%FT%TZ)"
  set +e
  OOD_RUNNER_SKIP_BUILD=1 OOD_RUNNER_ONEDNN="$onednn" TF_ENABLE_ONEDNN_OPTS="$onednn" /usr/bin/time -f '%e %U %S %M' -o "$timing" \
    "$root/bin/runner" run "$spec" --out "$out" --tracking-uri none >"$log" 2>&1
  code=$?
  set -e
  read -r wall user sys rss < <(tail -n 1 "$timing")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$spec" "$onednn" "$round" "$code" "$wall" "$user" "$sys" \
    "$rss" "$load" "$started" >>"$results"
  printf '%-48s oneDNN %s  round %s  exit %s  wall %7.1f s  cpu %7.1f s\n' "$spec" "$onednn" "$round" "$code" \
    "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}')" >&2
  [[ "$code" == 0 ]] || { echo "  (the run failed; its last lines:)" >&2; tail -n 5 "$log" | sed 's/^/  /' >&2; }
}

for ((r = 1; r <= rounds; r++)); do
  for i in "${!specs[@]}"; do
    if (( (i + r) % 2 == 0 )); then order=(0 1); else order=(1 0); fi
    for onednn in "${order[@]}"; do run_one "${specs[$i]}" "$onednn" "$r"; done
  done
done

echo "results: $results" >&2
print_table "$results"
