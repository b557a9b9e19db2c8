#!/usr/bin/env python3
"""Writes samples/notice.docx: samples/notice.txt as a Word document, paragraph for
paragraph, with the formatting templates come with (a centred bold title in 小标宋-like
size, bold section headings, a right-aligned signature) and the run splits Word makes
(a slot's X's over two runs, a spelling mark inside a date). Its text is notice.txt's, so
samples/notice.schema.yaml fills it. Deterministic: the same bytes on every run.

    python3 scripts/make-notice-docx.py
"""
import os
import re

from wordpackage import document, run, write

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def runs(text, props=""):
    """The text in runs as Word leaves them: a run of X's split after its first X, and a
    spelling mark before each date's year."""
    out = []
    for piece in re.split(r"(20XX|XX)", text):
        if piece == "20XX":
            out.append('<w:proofErr w:type="spellStart"/>' + run("20X", props) + run("X", props)
                       + '<w:proofErr w:type="spellEnd"/>')
        elif piece == "XX":
            out.append(run("X", props) + run("X", props))
        elif piece:
            out.append(run(piece, props))
    return "".join(out)


def paragraph(line, index, last):
    if index == 0:  # the title
        return ('<w:p><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/></w:pPr>'
                + runs(line, '<w:rFonts w:eastAsia="SimHei"/><w:b/><w:sz w:val="44"/>') + "</w:p>")
    if re.match(r"^[一二三四五六七八九十]+、", line):  # a section heading
        return "<w:p>" + runs(line, '<w:rFonts w:eastAsia="SimHei"/><w:b/>') + "</w:p>"
    if index >= last - 1 and line:  # the signature and its date
        return '<w:p><w:pPr><w:jc w:val="right"/></w:pPr>' + runs(line) + "</w:p>"
    if not line:
        return "<w:p/>"
    return '<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr>' + runs(line) + "</w:p>"


def main():
    with open(os.path.join(ROOT, "samples", "notice.txt"), encoding="utf-8") as f:
        lines = f.read().rstrip("\n").split("\n")
    body = "".join(paragraph(line, i, len(lines) - 1) for i, line in enumerate(lines))
    out = os.path.join(ROOT, "samples", "notice.docx")
    write(out, document(body))
    print(os.path.relpath(out, ROOT))


if __name__ == "__main__":
    main()
