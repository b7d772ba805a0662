#!/usr/bin/env bash
# Importing a DORA register against loading the dataset it produces.
#
# Generates a register (Benchmarks/peers/dora_register.py; default 5,000
# entities, 50,000 providers, 1M contract rows), then runs in turn
# `trustgraph import dora-roi` on it and `trustgraph validate` on the dataset
# the import wrote, so that a busy machine slows both alike, and prints the
# medians of wall-clock and CPU seconds and of peak memory, and the ratio.
#
# Usage: Benchmarks/import-vs-load.sh [runs] [entities providers contracts]
# Needs: swift, python3, GNU time (package time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
entities=${2:-5000} providers=${3:-50000} contracts=${4:-1000000}

[ -x /usr/bin/time ] || { echo "import-vs-load: /usr/bin/time is missing (install the time package)" >&2; exit 1; }
swift build -c release --product trustgraph >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path 2>/dev/null)/trustgraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 Benchmarks/peers/dora_register.py "$work/register" --entities "$entities" --providers "$providers" --contracts "$contracts"

# Appends "wall cpu peak-MB" of one run of a command to the file $1.
timed() {
    local log=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$log.raw" "$@" >/dev/null 2>&1
    awk '{ printf "%s %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$log.raw" >>"$log"
}

# The median of column $2 of file $1.
median() {
    sort -n -k"$2" "$1" | awk -v c="$2" '{ t[NR] = $c } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.2f", m }'
}

for _ in $(seq "$runs"); do
    timed "$work/import" "$bin" import dora-roi "$work/register" -o "$work/dataset" --force
    timed "$work/load" "$bin" validate "$work/dataset"
done
echo "register: $(du -sh "$work/register/reports" | cut -f1) of CSV; dataset: $(du -sh "$work/dataset" | cut -f1), $(($(wc -l <"$work/dataset/dependencies.csv") - 1)) dependency rows"
echo "$(nproc) cores, $runs runs of each, medians"
echo
echo "| command | wall s | CPU s | peak MB |"
echo "|---|---|---|---|"
for step in import load; do
    name=$([ $step = import ] && echo "import dora-roi" || echo "validate (load)")
    echo "| $name | $(median "$work/$step" 1) | $(median "$work/$step" 2) | $(median "$work/$step" 3) |"
done
echo
awk -v i="$(median "$work/import" 1)" -v l="$(median "$work/load" 1)" 'BEGIN { printf "import / load (wall): %.1f×\n", i / l }'
