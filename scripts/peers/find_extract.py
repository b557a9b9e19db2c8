#!/usr/bin/env python3
"""Peer for `xfill extract`: a hand-written alignment with str.find. The template's text
between slots is known, so each value ends where the next piece of template text begins;
a field that fills several slots is written once.

    python3 scripts/peers/find_extract.py jinja.txt filled.txt > values.yaml
"""
import re
import sys


def main():
    tpl_path, filled_path = sys.argv[1], sys.argv[2]
    with open(tpl_path, encoding="utf-8", newline="") as f:
        pieces = re.split(r"\{\{ (f\d+) \}\}", f.read())
    with open(filled_path, encoding="utf-8", newline="") as f:
        filled = f.read()
    literals, fields = pieces[0::2], pieces[1::2]
    if not filled.startswith(literals[0]):
        sys.exit("find_extract: the text before the first slot changed")
    pos = len(literals[0])
    found = {}
    for field, lit in zip(fields, literals[1:]):
        end = filled.find(lit, pos) if lit else pos
        if end < 0:
            sys.exit(f"find_extract: the text after {field} is gone")
        value = filled[pos:end]
        # A field that fills several slots: its first value, the others must agree.
        if found.setdefault(field, value) != value:
            sys.exit(f"find_extract: {field} has two values")
        pos = end + len(lit)
    sys.stdout.buffer.write("".join(f"{k}: {v}\n" for k, v in found.items()).encode("utf-8"))


if __name__ == "__main__":
    main()
