#!/usr/bin/env bash
# Commands under a limit on address space (`ulimit -v`): every run must end
# with status 0 or with status 1 and an "error: out of memory" line, never a
# crash or a hang (docs/security.md). Runs each command under limits from LOW
# to HIGH MB in steps of STEP and counts how the runs ended: finished, stopped
# by a check for room (`ensure`, a refused buffer), stopped by the handler of a
# refusal by Swift's runtime, another error, or a crash (any other status).
#
# Usage: Benchmarks/memory-limits.sh [low high step]   (default 140 700 10)
# Needs: swift, python3. Takes about 10 minutes with the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
low=${1:-140} high=${2:-700} step=${3:-10}

swift build -c release --product trustgraph >/dev/null 2>&1
bin="$(swift build -c release --show-bin-path 2>/dev/null)/trustgraph"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# 500,000 suppliers in a binary tree, and a DORA register of 200,000 contracts.
python3 - "$work/tree" <<'PY'
import os, sys
d = sys.argv[1]; os.makedirs(d); n = 500_000
open(f"{d}/suppliers.csv", "w").write("id,name\n" + "".join(f"s{i},Supplier {i}\n" for i in range(n)))
open(f"{d}/dependencies.csv", "w").write("consumer,provider\n" + "".join(f"s{i},s{i // 2}\n" for i in range(1, n)))
PY
python3 Benchmarks/peers/dora_register.py "$work/register" --entities 1000 --providers 10000 --contracts 200000 >/dev/null

# Prints "finished checked runtime error crashed" for one command.
sweep() {
    local finished=0 checked=0 runtime=0 error=0 crashed=0 mb status said
    for mb in $(seq "$low" "$step" "$high"); do
        set +e
        said=$( (ulimit -v $((mb * 1000)); exec timeout 300 "$@" 2>&1 >/dev/null) )
        status=$?
        set -e
        rm -rf "$work/out"*
        if [ $status = 0 ]; then finished=$((finished + 1))
        elif [ $status != 1 ]; then crashed=$((crashed + 1)); echo "  $mb MB: status $status: $(echo "$said" | head -1)" >&2
        elif grep -q "error: out of memory: the command needs" <<<"$said"; then runtime=$((runtime + 1))
        elif grep -q "error: out of memory: " <<<"$said"; then checked=$((checked + 1))
        else error=$((error + 1))
        fi
    done
    echo "| $finished | $checked | $runtime | $error | $crashed |"
}

echo "Limits $low–$high MB in steps of $step; runs by how they ended."
echo
echo "| command | finished | stopped by a check | stopped at a runtime refusal | other error | crashed |"
echo "|---|---|---|---|---|---|"
echo "| validate (500k tree) $(sweep "$bin" validate "$work/tree" --max-errors 1)"
echo "| solve (500k tree, table) $(sweep "$bin" solve "$work/tree" -o "$work/out.txt")"
echo "| analyze (500k tree) $(sweep "$bin" analyze "$work/tree" -o "$work/out.txt")"
echo "| import dora-roi (200k contracts) $(sweep "$bin" import dora-roi "$work/register" -o "$work/out")"
echo "| render (samples/eu-cloud) $(sweep "$bin" render samples/eu-cloud --date 2026-06-30 -o "$work/out.svg")"
echo "| report (samples/eu-cloud) $(sweep "$bin" report samples/eu-cloud --date 2026-06-30 -o "$work/out.html")"
