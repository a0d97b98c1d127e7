#!/usr/bin/env python3
"""Writes the Word and OpenDocument fixtures of the tests (relations.docx, relations-fr.docx, relations.odt): the smallest real
files of each kind (a zip archive of XML parts, as Word and LibreOffice write them), with a title, headings of two
levels, paragraphs whose text is split across runs and spans, a tab, a table, a list item, and text that must not
be read (a deleted run, a note). Run it again after changing it; the files it writes are committed."""
import os, zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
FIXED = (2024, 1, 1, 0, 0, 0)  # the same bytes at every run


def write(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, text)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def p(text, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>"


docx_body = "".join([
    p("China–Belgium relations", "Title"),
    p("State visits", "Heading1"),
    '<w:p><w:r><w:t xml:space="preserve">President Xi Jinping paid a state visit to </w:t></w:r>'
    '<w:r><w:rPr><w:b/></w:rPr><w:t>Belgium</w:t></w:r><w:r><w:t xml:space="preserve"> in March 2014,</w:t></w:r>'
    '<w:r><w:tab/><w:t>the first by a Chinese head of state since 1985.</w:t></w:r>'
    '<w:del><w:r><w:delText>This sentence was deleted.</w:delText></w:r></w:del></w:p>',
    p("Trade", "Heading2"),
    p("Bilateral trade reached US$25 billion in 2014, and Antwerp handled a fifth of it."),
    '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Year</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Trade volume</w:t></w:r></w:p></w:tc></w:tr>'
    '<w:tr><w:tc><w:p><w:r><w:t>2014</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>US$25 billion</w:t></w:r></w:p></w:tc></w:tr></w:tbl>',
    '<w:p><w:pPr><w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
    '<w:r><w:t>Giant pandas arrived at Pairi Daiza in February 2014.</w:t></w:r></w:p>',
])
def docx(path, document, extra=()):
    """A Word file: its content types, its relationships, its main document part, and any other parts."""
    write(path, [
        ("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
         '<Default Extension="xml" ContentType="application/xml"/>'
         '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("_rels/.rels", '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'),
        ("word/document.xml", document),
    ] + list(extra))


docx(os.path.join(HERE, "relations.docx"),
     f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{docx_body}<w:sectPr/></w:body></w:document>')

# A Word file from a French Word: its heading styles' ids are Titre1 and Titre2 (named "heading 1" and "heading 2"
# in styles.xml, as Word names them in every language), a style based on Titre2, a text box written twice (the
# drawing and its older VML copy, mc:AlternateContent's Choice and Fallback), and text moved by a tracked change.
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
box = ('<w:p><w:r><w:t xml:space="preserve">La délégation est arrivée à Pékin. </w:t></w:r><w:r><mc:AlternateContent>'
       '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Encadré : Wuhan.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
       '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Encadré : Wuhan.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
       '</mc:AlternateContent></w:r></w:p>')
french_body = "".join([
    p("Relations franco-chinoises", "Titre1"),
    p("Visites", "Titre2"),
    '<w:p><w:r><w:t xml:space="preserve">Le président a effectué une visite en Chine en janvier 2018. </w:t></w:r>'
    '<w:moveFrom><w:r><w:t>Phrase déplacée.</w:t></w:r></w:moveFrom></w:p>',
    p("Échanges", "SousTitre"),
    box,
    '<w:p><w:moveTo><w:r><w:t>Phrase déplacée.</w:t></w:r></w:moveTo></w:p>',
])
styles = ''.join([
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>',
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="Titre1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="Titre2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="SousTitre"><w:name w:val="Sous-titre maison"/><w:basedOn w:val="Titre2"/></w:style>',
    '</w:styles>',
])
docx(os.path.join(HERE, "relations-fr.docx"),
     f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W} {MC}><w:body>{french_body}<w:sectPr/></w:body></w:document>',
     [("word/styles.xml", styles)])

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')
odt_body = (
    '<text:h text:outline-level="1">Culture and education</text:h>'
    '<text:p>The Brussels Chinese Cultural Center<text:s text:c="2"/>opened in December 2013'
    '<text:note><text:note-body><text:p>A footnote that is not a passage.</text:p></text:note-body></text:note>.</text:p>'
    '<text:h text:outline-level="2">Students</text:h>'
    '<text:p>In 2019, <text:span>more than 3,000 Chinese students</text:span> studied in Belgium,<text:tab/>mostly in Leuven and Ghent.</text:p>'
    '<text:list><text:list-item><text:p>King Philippe visited Beijing in June 2015.</text:p></text:list-item></text:list>'
    '<table:table><table:table-row><table:table-cell><text:p>Year</text:p></table:table-cell><table:table-cell><text:p>Students</text:p></table:table-cell></table:table-row>'
    '<table:table-row><table:table-cell><text:p>2019</text:p></table:table-cell><table:table-cell><text:p>3,000</text:p></table:table-cell></table:table-row></table:table>'
)
write(os.path.join(HERE, "relations.odt"), [
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
     '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
     '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'),
    ("content.xml", f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODT_NS} office:version="1.2"><office:body><office:text>{odt_body}</office:text></office:body></office:document-content>'),
])


def pdf(path, pages):
    """A PDF of text lines (Helvetica, WinAnsi encoding), one list of (x, y, size, text) per page."""
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # the page tree comes after every page and its content
    kids = []
    for lines in pages:
        ops = []
        for x, y, size, text in lines:
            encoded = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"BT /F1 %d Tf %d %d Td (" % (size, x, y) + encoded + b") Tj ET")
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
                        % (pages_id, content, font)))
    assert add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids)) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, xref)
    with open(path, "wb") as f:
        f.write(bytes(out))


def page(number, body):
    """A page: the running header, body lines from the top, the page number at the foot."""
    lines = [(72, 750, 9, "Belgium and China: a review of relations"), (300, 40, 9, str(number))]
    y = 700
    for item in body:
        if item is None:
            y -= 14
            continue
        size, text = item
        lines.append((72, y, size, text))
        y -= 16 if size > 11 else 14
    return lines


pdf(os.path.join(HERE, "relations.pdf"), [
    page(1, [
        (14, "Trade and investment"),
        None,
        (11, "Belgian exports to China rose in 2015, and Chinese invest-"),
        (11, "ment in Wallonia and Flanders followed the visit of Premier"),
        (11, "Li Keqiang to Brussels."),
        None,
        (11, "The port of Antwerp opened a liaison office in Shanghai in"),
        (11, "2016, the first of its kind in China; by 2018 it handled a"),
        (11, "fifth of the trade between the two countries, and its"),
    ]),
    page(2, [
        (11, "partners in Ningbo planned a second office."),
        None,
        (14, "Science and technology"),
        None,
        (11, "In 2019 the universities of Leuven and Fudan signed an agree-"),
        (11, "ment on joint research in materials science."),
    ]),
])
# a scan: a page with no text layer (here, a page with nothing on it)
pdf(os.path.join(HERE, "scan.pdf"), [[]])
print("wrote relations.docx, relations.odt, relations.pdf and scan.pdf")
