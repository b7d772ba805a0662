#!/usr/bin/env python3
"""Writes a dataset as an EU-locale spreadsheet exports it.

Cells separated by ';', numbers with a decimal comma, dates as DD/MM/YYYY
(or another --date-format), scheme names as people type them, and the
encoding a spreadsheet saves ('windows-1252' by default). trustgraph reads
the result with `--encoding windows-1252 --date-format DD/MM/YYYY` to the same
trust as the plain files (samples/spreadsheet is this script's output for
samples/eu-cloud; the benchmarks use it on generated datasets).

    spreadsheet_export.py SOURCE_DIR TARGET_DIR [--encoding utf-8] [--date-format DD.MM.YYYY] [--keep-schemes]
"""
import argparse
import csv
import os
import re

SPELLINGS = {
    "ISO27001": "ISO/IEC 27001:2022", "ISO27017": "ISO 27017", "ISO27018": "ISO/IEC 27018",
    "SOC2-TYPE1": "SOC 2 Type I", "SOC2-TYPE2": "SOC 2 Type II", "BSI-C5": "C5",
    "CSA-STAR-L1": "CSA STAR Level 1", "CSA-STAR-L2": "CSA STAR Level 2", "CSA-STAR-L3": "CSA STAR Level 3",
    "CYBER-ESSENTIALS-PLUS": "Cyber Essentials Plus", "SECNUMCLOUD": "SecNumCloud", "PCI-DSS": "PCI DSS",
    "EUCS-SUBSTANTIAL": "EUCS Substantial",
}
DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
NUMBER = re.compile(r"^[+-]?\d+\.\d+$")


def date(text, form):
    m = DATE.match(text)
    if not m:
        return text
    y, mo, d = m.groups()
    return {"YYYY-MM-DD": text, "DD/MM/YYYY": f"{d}/{mo}/{y}", "MM/DD/YYYY": f"{mo}/{d}/{y}",
            "DD.MM.YYYY": f"{d}.{mo}.{y}", "YYYY/MM/DD": f"{y}/{mo}/{d}"}[form]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source")
    parser.add_argument("target")
    parser.add_argument("--encoding", default="windows-1252")
    parser.add_argument("--date-format", default="DD/MM/YYYY")
    parser.add_argument("--keep-schemes", action="store_true", help="keep scheme names as they are")
    args = parser.parse_args()
    os.makedirs(args.target, exist_ok=True)
    for name in sorted(os.listdir(args.source)):
        if not name.endswith(".csv"):
            continue
        with open(os.path.join(args.source, name), newline="", encoding="utf-8-sig") as f:
            rows = list(csv.reader(f))
        header = [h.strip().lower() for h in rows[0]]
        out = [rows[0]]
        for row in rows[1:]:
            cells = []
            for k, cell in enumerate(row):
                column = header[k] if k < len(header) else ""
                if column in ("issued", "expires", "last_evidence"):
                    cell = date(cell, args.date_format)
                elif NUMBER.match(cell):
                    cell = cell.replace(".", ",")
                elif column == "scheme" and not args.keep_schemes:
                    cell = SPELLINGS.get(cell, cell)
                cells.append(cell)
            out.append(cells)
        with open(os.path.join(args.target, name), "w", newline="", encoding=args.encoding) as f:
            csv.writer(f, delimiter=";", lineterminator="\r\n").writerows(out)


if __name__ == "__main__":
    main()
