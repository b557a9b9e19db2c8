#!/usr/bin/env python3
"""Checks one benchmarked command's output against what scripts/gen.py says it must be.
Prints nothing and exits 0 when right; prints the reason and exits 1 when wrong.

    python3 scripts/peers/check.py KIND OUTPUT DIR

KIND: same:FILE (byte-identical to DIR/FILE), scan-human, scan-json, matches (one line per
match of the rg pattern), values (a values file equal to DIR/values.yaml), batch (OUTPUT is
a folder with one file per row of DIR/rows.csv, in row order, each that row filled), sizes
(a folder of files of the sizes DIR/rows-sizes.txt lists), docx-batch (a folder of .docx,
one per row, each holding that row's text with the template's bold runs and table), copies
(a folder of DIR/rows.csv's row count of copies of DIR/template.docx), listed (the files an
output names before its first colon are those DIR/expected.txt lists), schema:N (a schema init
wrote, with N fields when N is given).
"""
import csv
import html
import json
import os
import re
import sys
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import anchors, read, values  # noqa: E402

PATTERN = re.compile(r"(?<![A-Za-z])X+(?![A-Za-z])")


def slot_offsets(d):
    """Byte offset of each slot gen.py made: the X inside its (unique) anchor. Anchors start
    with 第N项, N the slot's number in the text."""
    data = read(os.path.join(d, "template.txt")).encode("utf-8")
    every = [a for where in anchors(os.path.join(d, "schema.yaml")).values() for a in where]
    every.sort(key=lambda a: int(re.match(r"第(\d+)项", a).group(1)))
    out, pos = [], 0
    for a in every:
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
        n = sum(map(len, anchors(p("schema.yaml")).values()))
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
        # The template cut at its slots, so that each row's text is one join.
        pieces, order = [rows_tpl], []
        for field, (a,) in anchor.items():
            head, _, tail = pieces[-1].partition(a)
            pieces[-1:] = [head + a[:a.index("X")], a[a.index("X") + 1:] + tail]
            order.append(field)
        for i, (name, row) in enumerate(zip(names, rows), 1):
            want = pieces[0] + "".join(row[f] + pieces[k + 1] for k, f in enumerate(order))
            if read(os.path.join(out, name)) != want:
                return f"{name} is not row {i} filled"
        return None
    if kind == "sizes":
        with open(p("rows-sizes.txt"), encoding="ascii") as f:
            sizes = [int(line) for line in f]
        names = sorted(os.listdir(out))
        if len(names) != len(sizes):
            return f"{len(names)} files, expected {len(sizes)}"
        for name, size in zip(names, sizes):
            if os.path.getsize(os.path.join(out, name)) != size:
                return f"{name} is not {size} bytes"
        return None
    if kind in ("docx-batch", "copies"):
        with open(p("rows.csv"), encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
        names = sorted(os.listdir(out))
        if len(names) != len(rows):
            return f"{len(names)} files, expected {len(rows)}"
        with open(p("template.docx"), "rb") as f:
            template = f.read()
        if kind == "copies":
            for name in names:
                with open(os.path.join(out, name), "rb") as f:
                    if f.read() != template:
                        return f"{name} is not a copy of template.docx"
            return None
        with open(p("expected.json"), encoding="utf-8") as f:
            paragraphs = json.load(f)
        shape = docx_shape(p("template.docx"))
        for i, (name, row) in enumerate(zip(names, rows), 1):
            texts, got_shape = docx_text(os.path.join(out, name)), docx_shape(os.path.join(out, name))
            want = [t.format(**row) for t in paragraphs]
            if texts != want:
                bad = next((a, b) for a, b in zip(texts + [""] * len(want), want) if a != b)
                return f"{name} is not row {i} filled: {bad[0]!r} for {bad[1]!r}"
            if got_shape != shape:
                return f"{name}: bold runs, tables and cells {got_shape}, the template has {shape}"
        return None
    if kind.startswith("schema:"):
        # init's schema: it parses as one (version, fields) and its heading counts the slots
        # and fields; with N, the fields are N.
        text = read(out)
        m = re.search(r"^# Schema for .*: ([\d,]+) slots? in ([\d,]+) fields?", text, flags=re.M)
        if not m or "\nversion: 1\n" not in text or "\nfields:\n" not in text:
            return "not a schema init wrote"
        want = kind[len("schema:"):]
        if want and m.group(2).replace(",", "") != want:
            return f"{m.group(2)} fields, expected {want}"
        return None
    if kind == "listed":
        want = set(read(p("expected.txt")).split())
        got = {line.split(":", 1)[0] for line in read(out).splitlines() if line.split(":", 1)[0].endswith(".txt")}
        if got != want:
            return (f"{len(got)} files named, expected {len(want)}; e.g. missing {sorted(want - got)[:2]},"
                    f" extra {sorted(got - want)[:2]}")
        return None
    return f"unknown check {kind}"


def document_xml(path):
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def docx_text(path):
    """The text of each non-empty paragraph of a .docx (its <w:t> runs joined)."""
    out = []
    for para in re.findall(r"<w:p[ >].*?</w:p>", document_xml(path), flags=re.S):
        text = "".join(html.unescape(t) for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para))
        if text:
            out.append(text)
    return out


def docx_shape(path):
    xml = document_xml(path)
    return xml.count("<w:b/>"), xml.count("<w:tbl>"), xml.count("<w:tc>")


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
