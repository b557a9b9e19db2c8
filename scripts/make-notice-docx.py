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
import zipfile
from xml.sax.saxutils import escape

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"""
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles {W}><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="FangSong" w:hAnsi="Times New Roman"/><w:sz w:val="32"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"""


def run(text, props=""):
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f"<w:r>{rpr}<w:t{space}>{escape(text)}</w:t></w:r>"


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
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>'
                + body + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" '
                'w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" '
                'w:gutter="0"/></w:sectPr></w:body></w:document>')
    parts = [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
             ("word/_rels/document.xml.rels", DOC_RELS), ("word/styles.xml", STYLES),
             ("word/document.xml", document)]
    out = os.path.join(ROOT, "samples", "notice.docx")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    print(os.path.relpath(out, ROOT))


if __name__ == "__main__":
    main()
