#!/usr/bin/env python3
"""Derives the peers' inputs from a directory written by scripts/gen.py:

    python3 scripts/peers/prepare.py DIR

  values.json       values.yaml as JSON (for minijinja-cli)
  rows-jinja.txt    rows-template.txt in Jinja syntax, for the batch loop
"""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import anchors, read, values  # noqa: E402


def main():
    d = sys.argv[1]
    p = lambda name: os.path.join(d, name)  # noqa: E731
    if os.path.exists(p("values.yaml")):
        with open(p("values.json"), "w", encoding="utf-8") as f:
            json.dump(values(p("values.yaml")), f, ensure_ascii=False)
    rows_tpl = read(p("rows-template.txt"))
    for field, (a,) in anchors(p("rows-schema.yaml")).items():
        rows_tpl = rows_tpl.replace(a, a.replace("X", "{{ %s }}" % field, 1), 1)
    with open(p("rows-jinja.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(rows_tpl)


if __name__ == "__main__":
    main()
