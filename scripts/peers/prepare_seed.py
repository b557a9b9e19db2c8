#!/usr/bin/env python3
"""Makes the seed benchmark's inputs from a sample of samples/ (its template, schema, values
and filled text):

    python3 scripts/peers/prepare_seed.py XFILL samples/summary OUT_DIR

  template.txt, schema.yaml, values.yaml, filled.txt   the sample's own files
  jinja.txt     the template with {{ f1 }}, {{ f2 }}, … where its slots are (ASCII names for
                minijinja): where each field's slots are comes from `xfill fill --mark`, which
                writes 【field】 at each slot; minijinja's output is then checked against the
                sample's filled text, so a wrong mapping shows as a wrong output
  values.json   the values under those names, as strings (the text values.yaml gives)
"""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import read, values  # noqa: E402


def main():
    xfill, stem, out = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(out, exist_ok=True)
    for src, dst in ((".txt", "template.txt"), (".schema.yaml", "schema.yaml"),
                     (".values.yaml", "values.yaml"), (".filled.txt", "filled.txt")):
        shutil.copyfile(stem + src, os.path.join(out, dst))
    p = lambda name: os.path.join(out, name)  # noqa: E731
    assert "【" not in read(p("template.txt")), "the sample holds 【 itself"
    marked = subprocess.run([xfill, "fill", p("template.txt"), "--schema", p("schema.yaml"), "--mark"],
                            capture_output=True, check=False).stdout.decode("utf-8")
    vals = values(p("values.yaml"))
    names = {field: f"f{i}" for i, field in enumerate(vals, 1)}
    jinja = re.sub("【([^】]+)】", lambda m: "{{ %s }}" % names[m.group(1)], marked)
    with open(p("jinja.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(jinja)
    with open(p("values.json"), "w", encoding="utf-8") as f:
        json.dump({names[k]: v for k, v in vals.items()}, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
