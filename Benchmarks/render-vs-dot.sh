#!/usr/bin/env bash
# Same DOT, two renderers: Graphviz's `dot` command and trustgraph's in-process
# libgvc renderer (`trustgraph render FILE.dot`, which reads a DOT file and lays
# it out with the engine its `layout` attribute names, as `dot` does).
#
# For trust maps of 500 and 2,000 suppliers (generated datasets, every supplier
# kept, the dot engine forced; sfdp as well for 2,000) it runs both commands in
# turn, so that a busy machine slows both alike, and prints the medians of
# wall-clock and CPU (user + system) seconds, process start and file write
# included. It also checks that both write the same SVG bytes.
#
# Usage: Benchmarks/render-vs-dot.sh [runs]     (default: 5 runs of each command per case)
# Needs: swift, the `dot` command (package graphviz), awk.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}

command -v dot >/dev/null || { echo "render-vs-dot: the dot command is missing (install graphviz)" >&2; exit 1; }
swift build -c release --product trustgraph >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path 2>/dev/null)/trustgraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Appends "wall cpu" seconds of one run of a command to the file $1.
timed() {
    local log=$1
    shift
    local TIMEFORMAT='%R %U %S'
    { time "$@" >/dev/null 2>&1; } 2>>"$log.raw"
    tail -n 1 "$log.raw" | awk '{ printf "%s %.3f\n", $1, $2 + $3 }' >>"$log"
}

# The median of column $2 of file $1.
median() {
    sort -n -k"$2" "$1" | awk -v c="$2" '{ t[NR] = $c } END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.3f", m }'
}

echo "Graphviz $(dot -V 2>&1 | sed 's/.*version \([^ ]*\).*/\1/'), $(nproc) cores, $runs runs of each command per case, medians in seconds"
echo
echo "| suppliers | DOT nodes / edges | engine | dot -Tsvg wall | in-process wall | dot -Tsvg CPU | in-process CPU | in-process / dot (wall) | same SVG |"
echo "|---:|---:|---|---:|---:|---:|---:|---:|---|"
for case in "500 dot" "2000 dot" "2000 sfdp"; do
    set -- $case
    n=$1 engine=$2
    data="$work/data-$n"
    [ -d "$data" ] || "$bin" generate --suppliers "$n" --seed 7 -o "$data" >/dev/null
    graph="$work/map-$n-$engine.dot"
    "$bin" render "$data" --date 2026-06-30 --max-nodes "$n" --engine "$engine" --format dot -o "$graph" >/dev/null 2>&1
    nodes=$(grep -cE '^ +"?[A-Za-z0-9_.-]+"? \[id=' "$graph" || true)
    edges=$(grep -cE ' -> ' "$graph" || true)

    rm -f "$work/cli" "$work/cli.raw" "$work/inproc" "$work/inproc.raw"
    for _ in $(seq "$runs"); do
        timed "$work/cli" dot -Tsvg "$graph" -o "$work/cli.svg"
        timed "$work/inproc" "$bin" render "$graph" -o "$work/inproc.svg"
    done
    same=$(cmp -s "$work/cli.svg" "$work/inproc.svg" && echo yes || echo NO)
    cliWall=$(median "$work/cli" 1) inWall=$(median "$work/inproc" 1)
    cliCPU=$(median "$work/cli" 2) inCPU=$(median "$work/inproc" 2)
    ratio=$(awk -v a="$inWall" -v b="$cliWall" 'BEGIN { printf "%.2f", a / b }')
    echo "| $n | $nodes / $edges | $engine | $cliWall | $inWall | $cliCPU | $inCPU | $ratio | $same |"
done
