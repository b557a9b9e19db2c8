#!/usr/bin/env python3
"""Writes the inputs of the .docx batch benchmark (standard library only; deterministic).

    python3 scripts/peers/make_docx.py OUT_DIR [--rows 1000]

  template.docx   a one-page notice: a bold centred title, a paragraph with a bold run in the
                  middle, a 2×2 table whose cells hold slots, a signature and a date
  jinja.docx      the same document with {{ field }} where template.docx has X (for docxtpl)
  schema.yaml     one field per slot, each with an anchor that binds it
  rows.csv        --rows rows, one column per field
  expected.json   the document's text with {field} where the slots are, to check outputs

Each slot sits in one run in both documents, so that docxtpl sees whole tags; run splits
inside slots are what samples/notice.docx and the tests cover.
"""
import argparse
import csv
import json
import os
import random
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from wordpackage import W, write  # noqa: E402

BOLD = '<w:rFonts w:eastAsia="SimHei"/><w:b/>'

# The document: paragraphs (lists of runs) and one table (rows of cells of runs). A run is
# (text, bold); in text, {field} is a slot: X in template.docx, {{ field }} in jinja.docx.
# field → (anchor: the slot's X with the text around it, kind of value)
FIELDS = {
    "年度": ("{年度}年度", "year"),
    "单位": ("{单位}社区", "place"),
    "人数": ("{人数}名", "count"),
    "姓名": ("姓名：{姓名}", "name"),
    "部门": ("{部门}部", "place"),
    "时长": ("{时长}小时", "count"),
    "等级": ("{等级}级", "grade"),
    "月": ("{月}月", "month"),
    "日": ("{日}日", "day"),
}
BODY = [
    ("title", [("关于表彰{年度}年度优秀志愿者的通知", True)]),
    ("p", [("{单位}社区各网格：", False)]),
    ("p", [("根据", False), ("《志愿服务考核办法》", True),
           ("，经各网格推荐、社区评议，共评出优秀志愿者{人数}名，现予通报表彰。", False)]),
    ("table", [[[("姓名：{姓名}", False)], [("所在部门：{部门}部", False)]],
               [[("服务时长：{时长}小时", True)], [("评定等级：{等级}级", False)]]]),
    ("p", [("希望受表彰的同志珍惜荣誉，再接再厉。", False)]),
    ("right", [("2025年{月}月{日}日", False)]),
]


def run(text, bold):
    rpr = f"<w:rPr>{BOLD}</w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def fill(text, slot):
    for field in FIELDS:
        text = text.replace("{%s}" % field, slot(field))
    return text


def document(slot):
    parts = []
    for kind, content in BODY:
        if kind == "table":
            grid = '<w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>'
            rows = "".join(
                "<w:tr>" + "".join('<w:tc><w:tcPr><w:tcW w:w="4500" w:type="dxa"/></w:tcPr><w:p>'
                                   + "".join(run(fill(t, slot), b) for t, b in cell) + "</w:p></w:tc>"
                                   for cell in row) + "</w:tr>"
                for row in content)
            parts.append('<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/><w:tblBorders><w:top w:val="single"'
                         ' w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/>'
                         '<w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr>' + grid + rows + "</w:tbl>")
            continue
        ppr = {"title": '<w:pPr><w:jc w:val="center"/></w:pPr>', "right": '<w:pPr><w:jc w:val="right"/></w:pPr>',
               "p": '<w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>'}[kind]
        parts.append("<w:p>" + ppr + "".join(run(fill(t, slot), b) for t, b in content) + "</w:p>")
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
            + "".join(parts) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


def write_docx(path, xml):
    write(path, xml)


def value(kind, rng):
    if kind == "year":
        return str(rng.randint(2000, 2030))
    if kind == "count":
        return str(rng.randint(1, 500))
    if kind == "month":
        return str(rng.randint(1, 12))
    if kind == "day":
        return str(rng.randint(1, 28))
    if kind == "grade":
        return rng.choice(["一", "二", "三"])
    if kind == "name":
        return rng.choice("王李张刘陈杨赵黄周吴") + rng.choice(["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳"])
    return rng.choice(["东湖", "西山", "南岭", "北苑", "青石", "柳湾"])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--rows", type=int, default=1000)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    p = lambda name: os.path.join(args.out, name)  # noqa: E731
    write_docx(p("template.docx"), document(lambda f: "X"))
    write_docx(p("jinja.docx"), document(lambda f: "{{ %s }}" % f))
    schema = ["version: 1", "fields:"]
    for field, (anchor, kind) in FIELDS.items():
        schema += [f"  {field}:", "    type: text", f"    anchors: [{anchor.format(**{field: 'X'})}]"]
    with open(p("schema.yaml"), "w", encoding="utf-8") as f:
        f.write("\n".join(schema) + "\n")
    rng = random.Random(7)
    with open(p("rows.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(list(FIELDS))
        for _ in range(args.rows):
            w.writerow([value(kind, rng) for _, kind in FIELDS.values()])
    # The text a filled document must hold, paragraph by paragraph ({field} for each value).
    texts = []
    for kind, content in BODY:
        if kind == "table":
            texts += ["".join(t for t, _ in cell) for row in content for cell in row]
        else:
            texts.append("".join(t for t, _ in content))
    with open(p("expected.json"), "w", encoding="utf-8") as f:
        json.dump(texts, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
