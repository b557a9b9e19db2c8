#!/usr/bin/env python3
"""Peer for `xfill batch`: one jinja2 render per CSV row, one file per row (00001.txt, …).

    python3 scripts/peers/jinja_batch.py rows-jinja.txt rows.csv OUT_DIR
"""
import csv
import os
import sys

import jinja2


def main():
    template, rows, out = sys.argv[1], sys.argv[2], sys.argv[3]
    env = jinja2.Environment(keep_trailing_newline=True, autoescape=False)
    with open(template, encoding="utf-8", newline="") as f:
        tpl = env.from_string(f.read())
    os.makedirs(out, exist_ok=True)
    with open(rows, encoding="utf-8-sig", newline="") as f:
        records = list(csv.DictReader(f))
    width = max(4, len(str(len(records))))
    for i, row in enumerate(records, 1):
        with open(os.path.join(out, f"{i:0{width}d}.txt"), "w", encoding="utf-8", newline="") as f:
            f.write(tpl.render(row))


if __name__ == "__main__":
    main()
