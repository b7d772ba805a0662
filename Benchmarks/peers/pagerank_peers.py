"""PageRank peers on a trustgraph dataset: igraph (PRPACK) for speed, NetworkX for the reference figures.

Builds the consumer→provider graph from dependencies.csv with edge weight =
the sum of the criticality weights of the rows of a pair (contract §5), times
igraph's PageRank (damping 0.85, weighted) as the median of --runs runs, and,
with --check FILE (trustgraph's `analyze --format csv` output), compares
trustgraph's pagerank column with NetworkX's pagerank(G, alpha=0.85,
weight="weight", tol=1e-15) (skipped above --networkx-limit suppliers, where
NetworkX is slow) and with igraph's.
"""
import argparse
import csv
import statistics
import sys
import time

import igraph as ig

LEVELS = {"critical": 1.0, "high": 0.7, "medium": 0.4, "low": 0.1, "": 0.4}


def weight(text):
    text = text.strip().lower()
    return LEVELS[text] if text in LEVELS else float(text)


def load(directory):
    with open(f"{directory}/suppliers.csv", newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        key = next(k for k in reader.fieldnames if k.strip().lower() == "id")
        ids = [row[key].strip() for row in reader]
    index = {s: i for i, s in enumerate(ids)}
    pairs = {}
    with open(f"{directory}/dependencies.csv", newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        names = {k.strip().lower(): k for k in reader.fieldnames}
        for row in reader:
            c = index[row[names["consumer"]].strip()]
            p = index[row[names["provider"]].strip()]
            w = weight(row.get(names.get("criticality", ""), "") or "")
            pairs[(c, p)] = pairs.get((c, p), 0.0) + w
    return ids, pairs


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", help="trustgraph analyze --format csv output to compare")
    parser.add_argument("--networkx-limit", type=int, default=200_000)
    args = parser.parse_args()
    ids, pairs = load(args.dataset)
    edges = list(pairs.keys())
    g = ig.Graph(n=len(ids), edges=edges, directed=True)
    g.es["weight"] = [pairs[e] for e in edges]
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        ranks = g.pagerank(damping=0.85, weights="weight", implementation="prpack")
        times.append(time.perf_counter() - start)
    print(f"igraph {ig.__version__} PageRank: median {statistics.median(times):.3f} s ({args.runs} runs, "
          f"{len(ids)} nodes, {len(edges)} edges)", file=sys.stderr)
    print(f"{statistics.median(times):.6f}")
    if args.check:
        with open(args.check, newline="", encoding="utf-8") as f:
            ours = {row["id"]: float(row["pagerank"]) for row in csv.DictReader(f)}
        worst = max(abs(ours[s] - ranks[i]) for i, s in enumerate(ids))
        print(f"max |trustgraph − igraph| = {worst:.3e}", file=sys.stderr)
        if len(ids) <= args.networkx_limit:
            import networkx as nx
            G = nx.DiGraph()
            G.add_nodes_from(range(len(ids)))
            G.add_weighted_edges_from((c, p, w) for (c, p), w in pairs.items())
            reference = nx.pagerank(G, alpha=0.85, weight="weight", tol=1e-15)
            worst_nx = max(abs(ours[s] - reference[i]) for i, s in enumerate(ids))
            print(f"max |trustgraph − networkx| = {worst_nx:.3e}", file=sys.stderr)
            if worst_nx > 1e-6:
                sys.exit("trustgraph's PageRank differs from NetworkX's by more than 1e-6")


if __name__ == "__main__":
    main()
