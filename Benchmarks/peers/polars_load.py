"""Read a trustgraph dataset with polars, as the load baseline.

Reads suppliers.csv, certifications.csv and dependencies.csv into DataFrames
(all columns as strings, as trustgraph reads them), then interns ids by joining
the dependency and certification columns against the supplier ids, the same
work trustgraph's loader does before it can build its graph. Prints the median
of --runs runs for the read alone and for read + intern, in seconds.
"""
import argparse
import statistics
import sys
import time

import polars as pl


def read(directory, separator=","):
    frames = {}
    for name in ("suppliers", "certifications", "dependencies"):
        frames[name] = pl.read_csv(f"{directory}/{name}.csv", infer_schema_length=0, separator=separator)
    return frames


def intern(frames):
    ids = frames["suppliers"].select(pl.col("id")).with_row_index("index")
    deps = frames["dependencies"]
    deps = deps.join(ids.rename({"id": "consumer", "index": "c"}), on="consumer", how="left")
    deps = deps.join(ids.rename({"id": "provider", "index": "p"}), on="provider", how="left")
    certs = frames["certifications"].join(ids.rename({"id": "supplier", "index": "s"}), on="supplier", how="left")
    return deps.height + certs.height


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--separator", default=",", help="cell delimiter (';' for a spreadsheet export)")
    args = parser.parse_args()
    reads, totals = [], []
    for _ in range(args.runs):
        start = time.perf_counter()
        frames = read(args.dataset, args.separator)
        middle = time.perf_counter()
        intern(frames)
        end = time.perf_counter()
        reads.append(middle - start)
        totals.append(end - start)
    print(f"polars {pl.__version__}: read median {statistics.median(reads):.3f} s, "
          f"read+intern median {statistics.median(totals):.3f} s ({args.runs} runs)", file=sys.stderr)
    print(f"{statistics.median(reads):.6f} {statistics.median(totals):.6f}")


if __name__ == "__main__":
    main()
