#!/usr/bin/env python3
"""Checks one benchmarked command's output against what scripts/gen.py says it must be.
Prints nothing and exits 0 when right; prints the reason and exits 1 when wrong.

    python3 scripts/peers/check.py KIND OUTPUT DIR

KIND: same:FILE (byte-identical to DIR/FILE), scan-human, scan-json, matches (one line per
match of the grep/rg pattern), values (a values file equal to DIR/values.yaml), batch
(OUTPUT is a folder with one file per row of DIR/rows.csv, in row order), init (a schema
with one field per slot).
"""
import csv
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import anchors, read, values  # noqa: E402

PATTERN = re.compile(r"(?<![A-Za-z])X+(?![A-Za-z])")


def slot_offsets(d):
    """Byte offset of each slot gen.py made: the X inside its (unique) anchor."""
    data = read(os.path.join(d, "template.txt")).encode("utf-8")
    out, pos = [], 0
    for a in anchors(os.path.join(d, "schema.yaml")).values():
        a = a.encode("utf-8")
        at = data.find(a, pos)
        assert at >= 0, a
        out.append(at + a.index(b"X"))
        pos = at + len(a)
    return out


def line_count(path):
    with open(path, "rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def check(kind, out, d):
    p = lambda name: os.path.join(d, name)  # noqa: E731
    if kind.startswith("same:"):
        with open(out, "rb") as a, open(p(kind[5:]), "rb") as b:
            got, want = a.read(), b.read()
        if got != want:
            at = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
            return f"differs from {kind[5:]} at byte {at} ({len(got)} vs {len(want)} bytes)"
        return None
    if kind == "scan-human":
        n = len(anchors(p("schema.yaml")))
        got = line_count(out)
        with open(out, encoding="utf-8") as f:
            marked = sum("【X】" in line for line in f)
        if got != n or marked != n:
            return f"{got} lines ({marked} with 【X】), expected {n} slots"
        return None
    if kind == "scan-json":
        with open(out, encoding="utf-8") as f:
            doc = json.load(f)
        starts = [s["byte_start"] for s in doc["slots"]]
        want = slot_offsets(d)
        if doc["count"] != len(want) or starts != want:
            return f"count {doc['count']}, {len(starts)} slots; expected {len(want)} at gen.py's offsets"
        return None
    if kind == "matches":
        want = len(PATTERN.findall(read(p("template.txt"))))
        got = line_count(out)
        return None if got == want else f"{got} matches, expected {want}"
    if kind == "values":
        got, want = values(out), values(p("values.yaml"))
        if got != want:
            bad = [k for k in want if got.get(k) != want[k]][:3]
            return f"{len(got)} values, expected {len(want)}; first wrong: {bad}"
        return None
    if kind == "batch":
        rows_tpl = read(p("rows-template.txt"))
        anchor = anchors(p("rows-schema.yaml"))
        with open(p("rows.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        names = sorted(os.listdir(out))
        if len(names) != len(rows):
            return f"{len(names)} files, expected {len(rows)}"
        for i, (name, row) in enumerate(zip(names, rows), 1):
            want = rows_tpl
            for field, a in anchor.items():
                want = want.replace(a, a.replace("X", row[field], 1), 1)
            if read(os.path.join(out, name)) != want:
                return f"{name} is not row {i} filled"
        return None
    if kind == "init":
        n = len(anchors(p("schema.yaml")))
        got = sum(1 for line in read(out).splitlines() if re.match(r"^  \S.*:$", line))
        return None if got == n else f"{got} fields, expected {n} (one per slot)"
    return f"unknown check {kind}"


def main():
    kind, out, d = sys.argv[1:4]
    if not os.path.exists(out):
        print(f"no output at {out}")
        sys.exit(1)
    problem = check(kind, out, d)
    if problem:
        print(problem)
        sys.exit(1)


if __name__ == "__main__":
    main()
