#!/usr/bin/env python3
"""Writes a generated DORA Register of Information as a report-package directory.

    dora_register.py OUT_DIR [--entities N] [--providers N] [--contracts N] [--seed S]

The register is the shape docs/import.md reads: b_01.02 entities, b_05.01
providers, b_06.01 functions (four per entity), b_02.02 contract rows (each an
entity, a provider and one of its functions; about 1 in 20 ended before the
reference period), b_05.02 chains (every tenth contract has a rank-2 and a
rank-3 sub-contractor) and b_07.01 assessments for one contract in four.
Deterministic for a given seed.
"""
import argparse, os, random

COUNTRIES = ["DE", "FR", "IE", "NL", "AT", "BE", "ES", "IT", "SE", "FI", "PL", "CZ", "LU", "US", "GB"]
CRITICALITY = ["eba_BT:x28", "eba_BT:x29", "eba_BT:x21"]
RELIANCE = ["eba_ZZ:x794", "eba_ZZ:x795", "eba_ZZ:x796", "eba_ZZ:x797"]
SERVICES = [f"eba_TA:S{k:02d}" for k in range(1, 20)]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--entities", type=int, default=5000)
    p.add_argument("--providers", type=int, default=50000)
    p.add_argument("--contracts", type=int, default=1000000)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    rng = random.Random(a.seed)
    reports = os.path.join(a.out, "reports")
    os.makedirs(reports, exist_ok=True)
    lei = [f"5299{k:014d}" for k in range(a.entities)]
    code = [f"3912{k:014d}" for k in range(a.providers)]

    def write(name, header, rows):
        with open(os.path.join(reports, name), "w", newline="") as f:
            f.write(",".join(header) + "\n")
            for row in rows:
                f.write(",".join(row) + "\n")

    write("parameters.csv", ["name", "value"], [["entityID", f"rs:{lei[0]}.CON"], ["refPeriod", "2025-12-31"]])
    write("b_01.02.csv", ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080"],
          ([lei[k], f"Entity {k} AG", "eba_GA:" + rng.choice(COUNTRIES), "eba_CT:x12", "eba_ZZ:x1", "", "2025-12-31", "eba_CU:EUR"]
           for k in range(a.entities)))
    write("b_05.01.csv", ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080", "c0090"],
          ([code[k], "eba_qCO:qx2000", f"Provider {k} GmbH", "eba_CT:x212", "eba_GA:" + rng.choice(COUNTRIES), "eba_CU:EUR",
            str(rng.randrange(10_000, 5_000_000)), "", ""] for k in range(a.providers)))
    write("b_06.01.csv", ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080"],
          ([f"F{e}-{k}", "eba_BF:x26", f"Function {k}", lei[e], rng.choice(CRITICALITY), "", "2025-06-30", "4"]
           for e in range(a.entities) for k in range(4)))
    contracts = []
    for k in range(a.contracts):
        e = rng.randrange(a.entities)
        ended = rng.random() < 0.05
        contracts.append((f"C-{k}", lei[e], code[rng.randrange(a.providers)], f"F{e}-{rng.randrange(4)}", rng.choice(SERVICES),
                          "2020-01-01", "2024-12-31" if ended else "9999-12-31", rng.choice(RELIANCE)))
    write("b_02.02.csv", ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080", "c0180"],
          ([c[0], c[1], c[2], "eba_qCO:qx2000", c[3], c[4], c[5], c[6], c[7]] for c in contracts))
    chains = []
    for c in contracts[::10]:
        second, third = code[rng.randrange(a.providers)], code[rng.randrange(a.providers)]
        chains.append([c[0], c[4], c[2], "eba_qCO:qx2000", "1", "", ""])
        chains.append([c[0], c[4], second, "eba_qCO:qx2000", "2", c[2], "eba_qCO:qx2000"])
        chains.append([c[0], c[4], third, "eba_qCO:qx2000", "3", second, "eba_qCO:qx2000"])
    write("b_05.02.csv", ["c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070"], chains)
    write("b_07.01.csv", ["c0010", "c0020", "c0030", "c0040", "c0050"],
          ([c[0], c[2], "eba_qCO:qx2000", c[4], rng.choice(["eba_ZZ:x959", "eba_ZZ:x960", "eba_ZZ:x961"])] for c in contracts[::4]))


if __name__ == "__main__":
    main()
