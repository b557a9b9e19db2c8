#!/usr/bin/env python3
"""Peer for `xfill batch` on a Word template: docxtpl, one render per CSV row, as its
documentation shows (load the template, render the row, save), files 0001.docx, ….

    python3 scripts/peers/docxtpl_batch.py jinja.docx rows.csv OUT_DIR
"""
import csv
import os
import sys

from docxtpl import DocxTemplate


def main():
    template, rows, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    with open(rows, encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    width = max(4, len(str(len(records))))
    for i, row in enumerate(records, 1):
        doc = DocxTemplate(template)
        doc.render(row)
        doc.save(os.path.join(out, f"{i:0{width}d}.docx"))


if __name__ == "__main__":
    main()
