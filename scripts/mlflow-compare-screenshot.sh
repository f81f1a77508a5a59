#!/usr/bin/env bash
# Takes docs/images/mlflow-compare.png: the MLflow UI's compare view of the runs of
# experiments/gaussian_grid.yaml, made by `runner run` without a server, sent to a local
# `runner ui`, and photographed by headless Chromium.
# Needs the data of the README's main job, the mlflow command (see .ci/run) and chromium
# (Debian: apt-get install chromium).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-docs/images/mlflow-compare.png}"
work="$(mktemp -d)"
ui_pid=""
cleanup() {
  if [[ -n "$ui_pid" ]]; then kill "$ui_pid" 2>/dev/null || true; wait "$ui_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

bin/runner run experiments/gaussian_grid.yaml --out "$work/runs" --tracking-uri none >/dev/null
bin/runner ui --out "$work/runs" >"$work/ui.out" 2>"$work/ui.err" &
ui_pid=$!
for _ in $(seq 1 600); do
  grep -q "MLflow UI:" "$work/ui.out" && break
  kill -0 "$ui_pid" 2>/dev/null || { cat "$work/ui.err" >&2; exit 1; }
  sleep 1
done
url="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/ui.out" | head -n 1)"
[[ -n "$url" ]] || { echo "runner ui did not start" >&2; cat "$work/ui.err" >&2; exit 1; }

experiment="$(curl -sf "$url/api/2.0/mlflow/experiments/get-by-name?experiment_name=gaussian-grid" \
  | grep -o '"experiment_id": *"[0-9]*"' | grep -o '[0-9]*"$' | tr -d '"')"
runs="$(curl -sf -X POST "$url/api/2.0/mlflow/runs/search" -H 'Content-Type: application/json' \
  -d "{\"experiment_ids\": [\"$experiment\"], \"filter\": \"tags.\`ood.kind\` = 'run'\", \"max_results\": 100}" \
  | grep -o '"run_id": *"[0-9a-f]*"' | grep -o '[0-9a-f]\{32\}' | sort -u)"
ids="$(printf '%%22%s%%22,' $runs)"
page="$url/#/compare-runs?runs=%5B${ids%,}%5D&experiments=%5B%22$experiment%22%5D"

chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$work/chromium" --window-size=1600,1300 --hide-scrollbars \
  --virtual-time-budget=30000 --screenshot="$out" "$page" 2>"$work/chromium.log" \
  || { cat "$work/chromium.log" >&2; exit 1; }
echo "wrote $out ($page)"
