#!/usr/bin/env python3
"""Peer for `xfill fill`: renders a Jinja template with jinja2.

    python3 scripts/peers/jinja_fill.py jinja.txt values.json > filled.txt
"""
import json
import sys

import jinja2


def main():
    template, values = sys.argv[1], sys.argv[2]
    env = jinja2.Environment(keep_trailing_newline=True, autoescape=False)
    with open(template, encoding="utf-8", newline="") as f:
        tpl = env.from_string(f.read())
    with open(values, encoding="utf-8") as f:
        data = json.load(f)
    sys.stdout.buffer.write(tpl.render(data).encode("utf-8"))


if __name__ == "__main__":
    main()
