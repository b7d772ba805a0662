#!/usr/bin/env bash
# Side-by-side in one run: trustgraph against polars (CSV load) and igraph
# (PageRank) on the same generated files, plus a check of PageRank figures
# against NetworkX. Prints medians and ratios; writes nothing but bench-data/.
#
#   Benchmarks/peers/compare.sh [SUPPLIERS] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
suppliers=${1:-1000000}
runs=${2:-5}
data=bench-data/$suppliers
swift build -c release --product trustgraph >/dev/null
(cd Benchmarks && swift build -c release --product trustgraph-timing >/dev/null)
[ -f "$data/dependencies.csv" ] || .build/release/trustgraph generate --suppliers "$suppliers" --seed 1 -o "$data" >/dev/null
echo "dataset: $data ($(du -sh "$data" | cut -f1), $(($(wc -l < "$data/dependencies.csv") - 1)) dependency rows)"

ours=$(Benchmarks/.build/release/trustgraph-timing "$data" --runs "$runs" --pagerank --whatif host-200 --whatif-repeat 10 | tee /dev/stderr | grep '^machine:')
polars=$(python3 Benchmarks/peers/polars_load.py "$data" --runs "$runs")
# The same files as an EU-locale spreadsheet exports them: ';' and decimal commas.
sheet=$data-spreadsheet
[ -f "$sheet/dependencies.csv" ] || python3 Benchmarks/peers/spreadsheet_export.py "$data" "$sheet" --encoding utf-8 --date-format YYYY-MM-DD --keep-schemes
sheet_load=$(Benchmarks/.build/release/trustgraph-timing "$sheet" --runs "$runs" | grep '^machine:' | tr ' ' '\n' | grep '^load=' | cut -d= -f2)
polars_sheet=$(python3 Benchmarks/peers/polars_load.py "$sheet" --runs "$runs" --separator ';' | cut -d' ' -f1)
small=bench-data/10000
[ -f "$small/dependencies.csv" ] || .build/release/trustgraph generate --suppliers 10000 --seed 1 -o "$small" >/dev/null
.build/release/trustgraph analyze "$small" --date 2026-06-30 --format csv -o /tmp/trustgraph-analyze-10k.csv 2>/dev/null
python3 Benchmarks/peers/pagerank_peers.py "$small" --runs 1 --check /tmp/trustgraph-analyze-10k.csv >/dev/null
igraph=$(python3 Benchmarks/peers/pagerank_peers.py "$data" --runs "$runs")

python3 - "$ours" "$polars" "$igraph" "$sheet_load" "$polars_sheet" <<'PY'
import sys
ours = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
polars_read, polars_intern = map(float, sys.argv[2].split())
igraph = float(sys.argv[3])
sheet_load, polars_sheet = float(sys.argv[4]), float(sys.argv[5])
csr = float(ours["load"]) + float(ours["csr_graph"])
load = float(ours["load"]) + float(ours["graph+schedule"])
print()
print(f"load + intern + CSR graph (trustgraph) {csr:.3f} s vs polars read {polars_read:.3f} s: ratio {csr / polars_read:.2f}")
print(f"  + solve schedule and its renumbered copy {load:.3f} s: ratio {load / polars_read:.2f}")
print(f"  load + solve schedule vs polars read + id join {polars_intern:.3f} s: ratio {load / polars_intern:.2f}")
print(f"PageRank (trustgraph) {float(ours['pagerank']):.3f} s vs igraph {igraph:.3f} s: ratio {float(ours['pagerank']) / igraph:.2f}")
solve = float(ours["base_trust"]) + float(ours["effective_trust"])
whatif = [v for k, v in ours.items() if k.startswith("whatif")]
print(f"solve {solve * 1000:.1f} ms; one-step what-if {float(whatif[0]) * 1000:.1f} ms: {solve / float(whatif[0]):.0f}x faster than a full solve")
print(f"peak RSS {ours['rss_mb']} MB")
print(f"spreadsheet export (';', decimal comma): load {sheet_load:.3f} s, {sheet_load / float(ours['load']):.2f}x the plain load; "
      f"polars read of it {polars_sheet:.3f} s: ratio {sheet_load / polars_sheet:.2f}")
PY
