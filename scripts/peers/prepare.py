#!/usr/bin/env python3
"""Derives the peers' inputs from a directory written by scripts/gen.py:

    python3 scripts/peers/prepare.py DIR

  values.json       values.yaml as JSON (for minijinja-cli and the jinja2 script)
  fill.sed          a sed script that fills template.txt: per line, one s/X名/12名/ per slot,
                    then `n` to the next line, so sed makes one pass (no address tests)
  parse.txt         the template in `parse` syntax ({f12})
  rows-jinja.txt    rows-template.txt in Jinja syntax, for the batch loop
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import anchors, read, values  # noqa: E402


def sed_escape(s):
    return re.sub(r"([\\/&.*\[\]^$])", r"\\\1", s)


def main():
    d = sys.argv[1]
    p = lambda name: os.path.join(d, name)  # noqa: E731
    vals = values(p("values.yaml"))
    with open(p("values.json"), "w", encoding="utf-8") as f:
        json.dump({k: int(v) for k, v in vals.items()}, f, ensure_ascii=False)

    anchor = anchors(p("schema.yaml"))
    lines = read(p("template.txt")).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    script = []
    for i, line in enumerate(lines):
        for m in re.finditer(r"第(\d+)项", line):
            field = f"f{m.group(1)}"
            a = anchor.get(field)
            if a and line.find(a, m.start()) == m.start():
                # The X and its unit (X名) rather than the whole anchor: GNU sed keeps each
                # compiled expression, and whole anchors cost it ~100 KB each. Within a line the
                # slots are filled in order, so the first X名 left is this slot's (the traps,
                # X光 XML XP 123X，, never have a unit after them; check.py verifies the result).
                tail = a[a.index("X"):]
                script.append(f"s/{sed_escape(tail)}/{sed_escape(tail.replace('X', vals[field], 1))}/")
        if i < len(lines) - 1:
            script.append("n")
    with open(p("fill.sed"), "w", encoding="utf-8") as f:
        f.write("\n".join(script) + "\n")

    jinja = read(p("jinja.txt"))
    # gen.py's text has no braces of its own, so {{ fN }} → {fN} is the whole translation.
    parse_fmt = re.sub(r"\{\{ (f\d+) \}\}", r"{\1}", jinja)
    assert parse_fmt.count("{") == parse_fmt.count("}") == len(anchor), "stray braces"
    with open(p("parse.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(parse_fmt)

    rows_tpl = read(p("rows-template.txt"))
    for field, a in anchors(p("rows-schema.yaml")).items():
        rows_tpl = rows_tpl.replace(a, a.replace("X", "{{ %s }}" % field, 1), 1)
    with open(p("rows-jinja.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(rows_tpl)


if __name__ == "__main__":
    main()
