//! Word packages through the library: a package built here, with the run splits Word makes,
//! read as text, scanned, filled and written back. Checks that the text is right, that the
//! slots are whole, that each value keeps the formatting of its run, that every part without a
//! value is copied byte for byte (compressed bytes too), and that damaged packages are errors.

use std::io::{Cursor, Read, Write};

use xfill::docx::{self, Docx, Place};
use xfill::error::Error;
use xfill::scan::{self, SlotKind};
use xfill::schema::Schema;
use xfill::span::Span;
use xfill::{bind, fill, values};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

const NAMESPACES: &str = concat!(
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
    r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" "#,
    r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
    r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
    r#"xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" "#,
    r#"xmlns:v="urn:schemas-microsoft-com:vml" "#,
    r#"xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" "#,
    r#"mc:Ignorable="w14""#,
);

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="SimSun"/><w:sz w:val="24"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;

/// The body: a slot split over three runs with a spelling mark between, a slot whose X's sit
/// in two runs, XML entities, a revision, a field, a table and a text box.
fn document() -> String {
    format!(
        r##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {NAMESPACES}><w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>关于</w:t></w:r><w:r><w:t>X</w:t></w:r><w:r><w:t>上半年工作的总结</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>党员干部分为</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>X</w:t></w:r><w:proofErr w:type="spellEnd"/><w:r><w:rPr><w:i/></w:rPr><w:t>个组，</w:t></w:r><w:bookmarkStart w:id="0" w:name="投资"/><w:r><w:t>总投资</w:t></w:r><w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t>X</w:t></w:r><w:r><w:t>X万元。</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>
<w:p><w:r><w:t xml:space="preserve">研发&amp;生产部门共</w:t></w:r><w:ins w:id="1" w:author="甲" w:date="2024-01-01T00:00:00Z"><w:r><w:t>X</w:t></w:r></w:ins><w:del w:id="2" w:author="甲" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>X</w:delText></w:r></w:del><w:r><w:t>人，详见&lt;附件&gt;。</w:t></w:r></w:p>
<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> SEQ X </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>条　X光检查照常进行。</w:t></w:r></w:p>
<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>走访</w:t></w:r><w:r><w:t>X户</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>发放慰问金X元</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:t>见文本框：</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="500000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="文本框 1"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent><w:p><w:r><w:t>培训X名</w:t></w:r><w:r><w:t>党员</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" bIns="45720" anchor="t"><a:noAutofit/></wps:bodyPr></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape id="文本框 1" style="width:157pt;height:39pt" type="#_x0000_t202"><v:textbox><w:txbxContent><w:p><w:r><w:t>培训X名党员</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
<w:p><w:r><w:t>注</w:t></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r></w:p>
<w:sectPr><w:headerReference w:type="default" r:id="rId2"/><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>
</w:body></w:document>"##
    )
}

fn header() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr {NAMESPACES}><w:p><w:r><w:rPr><w:b/></w:rPr><w:t>X</w:t></w:r><w:r><w:t>县人民政府办公室</w:t></w:r></w:p></w:hdr>"#
    )
}

fn footer() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr {NAMESPACES}><w:p><w:r><w:t xml:space="preserve">联系电话：</w:t></w:r><w:r><w:t>138XXXXXXXX</w:t></w:r></w:p></w:ftr>"#
    )
}

fn footnotes() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes {NAMESPACES}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> 数据截至</w:t></w:r><w:r><w:t>X月</w:t></w:r><w:r><w:t>X日。</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    )
}

/// The package's parts, in archive order, each with how it is stored.
fn parts() -> Vec<(&'static str, String, CompressionMethod)> {
    vec![
        (
            "[Content_Types].xml",
            CONTENT_TYPES.into(),
            CompressionMethod::Deflated,
        ),
        (
            "_rels/.rels",
            PACKAGE_RELS.into(),
            CompressionMethod::Deflated,
        ),
        ("word/document.xml", document(), CompressionMethod::Deflated),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS.into(),
            CompressionMethod::Deflated,
        ),
        ("word/styles.xml", STYLES.into(), CompressionMethod::Stored),
        ("word/header1.xml", header(), CompressionMethod::Deflated),
        ("word/footer1.xml", footer(), CompressionMethod::Deflated),
        (
            "word/footnotes.xml",
            footnotes(),
            CompressionMethod::Deflated,
        ),
    ]
}

fn zip(parts: &[(&str, String, CompressionMethod)]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, xml, method) in parts {
        let options = SimpleFileOptions::default().compression_method(*method);
        zip.start_file(*name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn package() -> Vec<u8> {
    zip(&parts())
}

const TEXT: &str = "关于X上半年工作的总结\n\
党员干部分为X个组，总投资XX万元。\n\
研发&生产部门共X人，详见<附件>。\n\
第3条　X光检查照常进行。\n\
走访X户\n\
发放慰问金X元\n\
见文本框：\n\
培训X名党员\n\
注\n\
X县人民政府办公室\n\
联系电话：138XXXXXXXX\n\
\n\
\n \
数据截至X月X日。\n";

/// Each archive entry: name, decompressed bytes, compressed bytes.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut data = Vec::new();
            let mut file = archive.by_index(i).unwrap();
            let name = file.name().unwrap().into_owned();
            file.read_to_end(&mut data).unwrap();
            drop(file);
            let mut raw = Vec::new();
            archive
                .by_index_raw(i)
                .unwrap()
                .read_to_end(&mut raw)
                .unwrap();
            (name, data, raw)
        })
        .collect()
}

fn part_xml(bytes: &[u8], name: &str) -> String {
    let entry = entries(bytes).into_iter().find(|e| e.0 == name).unwrap();
    String::from_utf8(entry.1).unwrap()
}

/// The run (`<w:r>…</w:r>`) of `xml` that holds `text`.
fn run_holding<'x>(xml: &'x str, text: &str) -> &'x str {
    let at = xml
        .find(&format!(">{text}<"))
        .expect("the text is in a w:t");
    let start = xml[..at].rfind("<w:r>").expect("in a run");
    let end = at + xml[at..].find("</w:r>").expect("the run ends");
    &xml[start..end]
}

fn open() -> Docx {
    Docx::open(package(), "模板.docx").unwrap()
}

/// Every X slot of the text with `value(slot index)`, as edits.
fn edits_for(docx: &Docx, value: impl Fn(usize) -> Option<String>) -> Vec<(Span, String)> {
    scan::scan(docx.text())
        .iter()
        .enumerate()
        .filter_map(|(i, slot)| Some((slot.span(), value(i)?)))
        .collect()
}

fn apply(text: &str, edits: &[(Span, String)]) -> String {
    let mut out = String::new();
    let mut pos = 0;
    for (span, value) in edits {
        out.push_str(&text[pos..span.start]);
        out.push_str(value);
        pos = span.end;
    }
    out + &text[pos..]
}

#[test]
fn text_reads_every_part_in_order() {
    assert_eq!(open().text(), TEXT);
}

#[test]
fn scan_finds_the_slots_whole() {
    let docx = open();
    let slots = scan::scan(docx.text());
    let found: Vec<(&str, SlotKind, Option<&str>)> = slots
        .iter()
        .map(|s| (s.text(docx.text()), s.kind(), s.unit()))
        .collect();
    use SlotKind::*;
    assert_eq!(
        found,
        [
            ("X", Name, None),
            ("X", Quantity, Some("个")), // split over three runs and a spelling mark
            ("XX", Quantity, Some("万元")), // X at the end of one run, X at the start of the next
            ("X", Quantity, Some("人")), // after an entity, in an inserted revision
            ("X", Quantity, Some("户")), // table cell
            ("X", Quantity, Some("元")), // table cell
            ("X", Quantity, Some("名")), // text box, once: its legacy copy is not text
            ("X", Name, None),           // header
            ("138XXXXXXXX", Other, None), // footer
            ("X", Date, None),           // footnote
            ("X", Date, None),
        ]
    );
}

#[test]
fn place_names_the_part_and_the_paragraph() {
    let docx = open();
    let at = |s: &str| docx.place(docx.text().find(s).unwrap());
    let place = |part: &str, paragraph| Place {
        part: part.into(),
        paragraph,
    };
    assert_eq!(at("关于"), place("word/document.xml", 1));
    assert_eq!(at("发放"), place("word/document.xml", 6));
    assert_eq!(at("培训"), place("word/document.xml", 8));
    assert_eq!(at("县人民政府"), place("word/header1.xml", 1));
    assert_eq!(at("138"), place("word/footer1.xml", 1));
    assert_eq!(at("数据截至"), place("word/footnotes.xml", 3));
}

#[test]
fn replace_fills_every_kind_of_place() {
    let docx = open();
    let edits = edits_for(&docx, |i| Some(format!("〔{i}〕")));
    assert_eq!(edits.len(), 11);
    let filled = Docx::open(docx.replace(&edits).unwrap(), "out.docx").unwrap();
    assert_eq!(filled.text(), apply(TEXT, &edits));
    assert!(scan::scan(filled.text()).is_empty());
}

#[test]
fn value_keeps_the_formatting_of_the_run_of_its_first_character() {
    let docx = open();
    let values = ["县经信局", "4", "12", "30"];
    let edits = edits_for(&docx, |i| values.get(i).map(|v| v.to_string()));
    let out = docx.replace(&edits).unwrap();
    let xml = part_xml(&out, "word/document.xml");

    // 分为X个组: X was bold, 个组 italic.
    assert!(
        run_holding(&xml, "4").contains("<w:rPr><w:b/></w:rPr>"),
        "{xml}"
    );
    assert!(run_holding(&xml, "个组，").contains("<w:i/>"));
    // 总投资XX万元: the value takes the underlined run of the first X; the second X is cut.
    assert!(run_holding(&xml, "12").contains("<w:u w:val=\"single\"/>"));
    assert!(xml.contains("<w:r><w:t>万元。</w:t></w:r>"));
    // The inserted revision still holds its value.
    assert!(xml.contains("<w:ins w:id=\"1\" w:author=\"甲\" w:date=\"2024-01-01T00:00:00Z\"><w:r><w:t>30</w:t></w:r></w:ins>"));
    // The deleted text and the field code are untouched.
    assert!(xml.contains("<w:delText>X</w:delText>"));
    assert!(xml.contains("<w:instrText xml:space=\"preserve\"> SEQ X </w:instrText>"));

    let filled = Docx::open(out, "out.docx").unwrap();
    assert_eq!(filled.text(), apply(TEXT, &edits));
    assert!(filled.text().starts_with(
        "关于县经信局上半年工作的总结\n党员干部分为4个组，总投资12万元。\n研发&生产部门共30人"
    ));
}

#[test]
fn parts_without_values_are_copied_byte_for_byte() {
    let input = package();
    let docx = Docx::open(input.clone(), "模板.docx").unwrap();
    // Fill the body's first slot and the header's; leave the footer and footnotes as they are.
    let slots = scan::scan(docx.text());
    let header_slot = slots
        .iter()
        .find(|s| docx.place(s.span().start).part == "word/header1.xml")
        .unwrap();
    let edits = vec![
        (slots[0].span(), "县经信局".to_string()),
        (header_slot.span(), "清河".to_string()),
    ];
    let output = docx.replace(&edits).unwrap();

    let (before, after) = (entries(&input), entries(&output));
    let names =
        |e: &[(String, Vec<u8>, Vec<u8>)]| e.iter().map(|e| e.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&before), names(&after), "same entries, same order");
    for ((name, data, raw), (_, new_data, new_raw)) in before.iter().zip(&after) {
        let edited = name == "word/document.xml" || name == "word/header1.xml";
        assert_eq!(data == new_data, !edited, "{name}: content");
        if !edited {
            assert_eq!(raw, new_raw, "{name}: compressed bytes");
        }
    }
    let mut archive = ZipArchive::new(Cursor::new(output.as_slice())).unwrap();
    assert_eq!(
        archive.by_name("word/styles.xml").unwrap().compression(),
        CompressionMethod::Stored
    );
    assert_eq!(
        archive.by_name("word/header1.xml").unwrap().compression(),
        CompressionMethod::Deflated
    );

    let header = part_xml(&output, "word/header1.xml");
    assert!(
        header.contains("<w:r><w:rPr><w:b/></w:rPr><w:t>清河</w:t></w:r>"),
        "{header}"
    );
}

#[test]
fn replace_with_no_edits_copies_every_part() {
    let input = package();
    let output = Docx::open(input.clone(), "模板.docx")
        .unwrap()
        .replace(&[])
        .unwrap();
    assert_eq!(entries(&input), entries(&output));
}

#[test]
fn fill_through_schema_bindings_and_values() {
    let docx = open();
    let text = docx.text();
    let schema = Schema::parse(
        "version: 1\nfields:\n  单位:\n    anchors: [关于X上半年]\n  组数:\n    type: integer\n    anchors: [分为X个组]\n  县名:\n    anchors: [X县人民政府]\n",
        "schema.yaml",
    )
    .unwrap();
    let slots = scan::scan(text);
    let bindings = bind::bind(&schema, text, &slots);
    let values = values::resolve(
        &schema,
        None,
        &["单位=县经信局".into(), "组数=4".into(), "县名=清河".into()],
    )
    .unwrap();
    let filled = fill::fill(
        text,
        &slots,
        &bindings,
        &schema,
        &values,
        fill::Options::default(),
    );
    let edits: Vec<(Span, String)> = slots
        .iter()
        .zip(&bindings.field_of)
        .filter_map(|(slot, field)| {
            let value = values.get(&schema.fields[(*field)?].name)?;
            Some((slot.span(), value.text.clone()))
        })
        .collect();
    assert_eq!(edits.len(), 3);
    let out = Docx::open(docx.replace(&edits).unwrap(), "out.docx").unwrap();
    assert_eq!(out.text(), filled.text);
}

/// A date field bound to the month and day slots of the footnote (each in a run of its
/// own): fill gives each slot its part, and the package takes them from the replacements.
#[test]
fn a_date_fills_its_parts_in_their_runs() {
    let docx = open();
    let text = docx.text();
    let schema = Schema::parse(
        "version: 1\nfields:\n  截至日期:\n    type: date\n    anchors: ['截至[[X]]月X日', '截至X月[[X]]日']\n",
        "schema.yaml",
    )
    .unwrap();
    let slots = scan::scan(text);
    let bindings = bind::bind(&schema, text, &slots);
    let values = values::resolve(&schema, None, &["截至日期=6月30日".into()]).unwrap();
    let filled = fill::fill(
        text,
        &slots,
        &bindings,
        &schema,
        &values,
        fill::Options::default(),
    );
    assert!(filled.text.contains("数据截至6月30日。"), "{}", filled.text);
    let bytes = docx.replace(&filled.replacements).unwrap();
    let xml = part_xml(&bytes, "word/footnotes.xml");
    assert!(
        xml.contains("<w:t>6月</w:t><") && xml.contains("<w:t>30日。</w:t>"),
        "{xml}"
    );
    assert_eq!(Docx::open(bytes, "out.docx").unwrap().text(), filled.text);
}

fn docx_error(bytes: Vec<u8>) -> (Option<String>, String) {
    match Docx::open(bytes, "坏.docx") {
        Err(Error::Docx {
            path,
            part,
            message,
        }) => {
            assert_eq!(path, "坏.docx");
            (part, message)
        }
        other => panic!("expected Error::Docx, got {other:?}"),
    }
}

#[test]
fn truncated_zip_is_an_error() {
    let bytes = package();
    for len in [0, 10, bytes.len() / 2, bytes.len() - 1] {
        let (part, message) = docx_error(bytes[..len].to_vec());
        assert_eq!(part, None);
        assert!(message.contains("zip"), "{message}");
    }
}

#[test]
fn random_bytes_are_an_error() {
    let mut seed: u32 = 2_463_534_242;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as u8
        })
        .collect();
    docx_error(bytes.clone());
    assert!(!docx::is_docx(&bytes));
    docx_error("分为X个组".as_bytes().to_vec());
}

#[test]
fn zip_without_document_xml_is_an_error() {
    let mut parts = parts();
    parts.retain(|p| p.0 != "word/document.xml");
    let bytes = zip(&parts);
    assert!(!docx::is_docx(&bytes));
    let (part, message) = docx_error(bytes);
    assert_eq!(part, None);
    assert!(message.contains("word/document.xml"), "{message}");
}

#[test]
fn document_xml_not_well_formed_is_an_error() {
    let mut parts = parts();
    parts[2].1 = parts[2].1.replace("</w:t></w:r></w:p>", "</w:r></w:p>");
    let (part, message) = docx_error(zip(&parts));
    assert_eq!(part.as_deref(), Some("word/document.xml"));
    assert!(message.contains("at byte"), "{message}");

    let mut parts = self::parts();
    let cut = parts[5].1.len() - 20;
    parts[5].1.truncate(cut);
    let (part, message) = docx_error(zip(&parts));
    assert_eq!(part.as_deref(), Some("word/header1.xml"));
    assert!(message.contains("byte"), "{message}");
}

#[test]
fn is_docx_decides_by_content() {
    assert!(docx::is_docx(&package()));
    assert!(!docx::is_docx(b""));
    assert!(!docx::is_docx(CONTENT_TYPES.as_bytes()));
}

/// LibreOffice converts a filled package. Run with `cargo test -- --ignored` where
/// `libreoffice` is on PATH; it passes quietly elsewhere.
#[test]
#[ignore = "needs libreoffice on PATH and takes seconds"]
fn libreoffice_converts_a_filled_package() {
    let Ok(path) = std::env::var("PATH") else {
        return;
    };
    if !std::env::split_paths(&path).any(|dir| dir.join("libreoffice").is_file()) {
        return;
    }
    let docx = open();
    let edits = edits_for(&docx, |i| Some(format!("值{i}")));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("filled.docx");
    std::fs::write(&file, docx.replace(&edits).unwrap()).unwrap();
    let status = std::process::Command::new("libreoffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&file)
        .status()
        .unwrap();
    assert!(status.success());
    let pdf = dir.path().join("filled.pdf");
    assert!(pdf.is_file());
    // The PDF's text has the values and no slot left (X光 is a word, not a slot).
    let Ok(text) = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
    else {
        return;
    };
    // pdftotext spaces CJK from Latin ("值 0", "X 光"): compare without white space.
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let slots = scan::scan(docx.text()).len();
    for i in 0..slots {
        assert!(text.contains(&format!("值{i}")), "值{i} missing:\n{text}");
    }
    // What X is left: the word X光, and the deleted revision's X, which LibreOffice shows
    // struck through.
    assert!(text.contains("X光"), "{text}");
    assert_eq!(text.matches('X').count(), 2, "{text}");
}

/// The command line on a package: init drafts a schema from it, fill writes a package with
/// nothing left, check finds nothing in it, and parts without slots are untouched.
#[test]
fn cli_init_fill_check_on_a_package() {
    use assert_cmd::Command;
    let dir = tempfile::tempdir().unwrap();
    // No .docx extension: the content decides.
    let template = dir.path().join("template.bin");
    std::fs::write(&template, package()).unwrap();
    let schema = dir.path().join("schema.yaml");
    let xfill = || {
        let mut cmd = Command::cargo_bin("xfill").unwrap();
        cmd.arg("--color").arg("never");
        cmd
    };
    xfill()
        .arg("init")
        .arg(&template)
        .arg("-o")
        .arg(&schema)
        .assert()
        .code(0);

    // A value for every field, of the field's type.
    let yaml: serde_json::Value =
        serde_saphyr::from_str(&std::fs::read_to_string(&schema).unwrap()).unwrap();
    let mut values = String::new();
    for (name, field) in yaml["fields"].as_object().unwrap() {
        let value = match field["type"].as_str().unwrap() {
            "integer" => field["min"]
                .as_f64()
                .map_or(1, |m| m.max(1.0) as i64)
                .to_string(),
            "number" => "2.5".to_string(),
            "date" => "2024-05-01".to_string(),
            // A telephone field takes a telephone number.
            _ if field["pattern"].as_str().is_some_and(|p| p.contains('转')) => {
                "0571-88886666".to_string()
            }
            _ => "测试单位".to_string(),
        };
        values.push_str(&format!("{}: {value}\n", name.as_str()));
    }
    let values_path = dir.path().join("values.yaml");
    std::fs::write(&values_path, values).unwrap();

    let out = dir.path().join("filled.docx");
    xfill()
        .arg("fill")
        .arg(&template)
        .arg("--schema")
        .arg(&schema)
        .arg("--values")
        .arg(&values_path)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(0);
    let filled = std::fs::read(&out).unwrap();
    assert!(docx::is_docx(&filled));
    let reopened = Docx::open(filled.clone(), "filled.docx").unwrap();
    assert!(
        scan::scan(reopened.text()).is_empty(),
        "{}",
        reopened.text()
    );
    xfill().arg("check").arg(&out).assert().code(0);
    xfill().arg("check").arg(&template).assert().code(1);

    let before = entries(&package());
    let after = entries(&filled);
    for (name, data, raw) in &before {
        if name.starts_with("word/document")
            || name.starts_with("word/header")
            || name.starts_with("word/footer")
            || name.starts_with("word/footnotes")
        {
            continue;
        }
        let same = after.iter().find(|e| &e.0 == name).unwrap();
        assert_eq!((&same.1, &same.2), (data, raw), "{name} changed");
    }
}
