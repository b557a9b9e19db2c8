#!/usr/bin/env python3
"""Writes samples/form.docx: a community volunteer sign-up form as Word makes them, with the
labels and the slots in the cells of a table (a label cell, then its value cell), bold label
cells, a merged row, and a signature line below the table. Written for this project; the same
bytes on every run.

    python3 scripts/make-form-docx.py
"""
import os

from wordpackage import document, run, write

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
BOLD = "<w:b/>"


def para(*runs, align=None):
    ppr = f'<w:pPr><w:jc w:val="{align}"/></w:pPr>' if align else ""
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def cell(content, width, span=1, bold=False):
    tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>' + (f'<w:gridSpan w:val="{span}"/>' if span > 1 else "")
    return f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{para(run(content, BOLD if bold else ''))}</w:tc>"


def row(*cells):
    return "<w:tr>" + "".join(cells) + "</w:tr>"


def main():
    table = (
        '<w:tbl><w:tblPr><w:tblW w:w="8400" w:type="dxa"/><w:tblBorders>'
        + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders></w:tblPr><w:tblGrid>'
        + '<w:gridCol w:w="1600"/><w:gridCol w:w="2600"/><w:gridCol w:w="1600"/><w:gridCol w:w="2600"/>'
        + "</w:tblGrid>"
        + row(cell("姓名", 1600, bold=True), cell("XXX", 2600), cell("性别", 1600, bold=True), cell("X", 2600))
        + row(cell("出生年月", 1600, bold=True), cell("19XX年XX月", 2600),
              cell("联系电话", 1600, bold=True), cell("XXXXXXXXXXX", 2600))
        + row(cell("所在小区", 1600, bold=True), cell("XX小区X栋X单元", 2600),
              cell("每周可服务", 1600, bold=True), cell("X小时", 2600))
        + row(cell("服务意向", 1600, bold=True), cell("愿意加入XX服务队，参加XX活动。", 6800, span=3))
        + "</w:tbl>"
    )
    body = (
        para(run("社区志愿服务报名表", '<w:b/><w:sz w:val="36"/>'), align="center")
        + para(run("报名编号：XXXX（由社区填写）"))
        + table
        + para(run("紧急联系人：XXX，电话：XXXXXXXXXXX"))
        + para(run("本人签字：XXX"), align="right")
        + para(run("填表日期：20XX年X月X日"), align="right")
    )
    out = os.path.join(ROOT, "samples", "form.docx")
    write(out, document(body))
    print(os.path.relpath(out, ROOT))


if __name__ == "__main__":
    main()
