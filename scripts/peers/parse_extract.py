#!/usr/bin/env python3
"""Peer for `xfill extract`: the `parse` package (the reverse of str.format).

    python3 scripts/peers/parse_extract.py parse.txt filled.txt > values.yaml

parse turns the format into one regular expression with a lazy group per field; one
expression for a whole document of thousands of fields is beyond what it does in reasonable
time, so, as a user would, this parses line by line (the fill keeps the lines).
"""
import sys

import parse


def main():
    fmt_path, filled_path = sys.argv[1], sys.argv[2]
    with open(fmt_path, encoding="utf-8", newline="") as f:
        fmt_lines = f.read().split("\n")
    with open(filled_path, encoding="utf-8", newline="") as f:
        filled_lines = f.read().split("\n")
    if len(fmt_lines) != len(filled_lines):
        sys.exit("parse_extract: the documents have different line counts")
    out = []
    for fmt, line in zip(fmt_lines, filled_lines):
        if "{" not in fmt:
            continue
        result = parse.parse(fmt, line, evaluate_result=True, case_sensitive=True)
        if result is None:
            sys.exit("parse_extract: a line does not match its format")
        out.extend(f"{k}: {v}\n" for k, v in result.named.items())
    sys.stdout.buffer.write("".join(out).encode("utf-8"))


if __name__ == "__main__":
    main()
