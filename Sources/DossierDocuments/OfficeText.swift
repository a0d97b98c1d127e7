import CLibXML2
import DossierCore
import CLibZip

/// The text of a Word (`.docx`) or OpenDocument (`.odt`) file, as the text `Paragraphs` splits (`Format.html`, as
/// for web pages): one block a line, each heading after a `Paragraphs.htmlHeadingMark` and its level.
///
/// The file is a zip archive (opened with libzip); its body is one XML part (`word/document.xml`, `content.xml`),
/// read with libxml2 (no network, no entity expansion).
/// - Word: each paragraph (`w:p`) is a block; one whose style is `Heading1`…`Heading6` (or `Title`, level 1) is a
///   heading; a table row (`w:tr`) is one block, its cells joined by ` | `. Tabs and line breaks are spaces.
/// - OpenDocument: headings (`text:h`, their `text:outline-level`), paragraphs (`text:p`, list items' too), table
///   rows (`table:table-row`); `text:s` is as many spaces as it says.
public enum OfficeText {
    public static let extensions: Set<String> = ["docx", "odt"]

    public static func isOffice(_ path: String) -> Bool { extensions.contains(CorpusReader.pathExtension(path)) }

    /// The document's text, or nil when the file is not a readable archive of that kind.
    public static func text(_ bytes: [UInt8], path: String) -> String? {
        let isWord = CorpusReader.pathExtension(path) == "docx"
        guard let xml = entry(isWord ? "word/document.xml" : "content.xml", of: bytes) else { return nil }
        return blocks(of: xml, isWord ? WordWalker.visit : OpenDocumentWalker.visit)
    }

    /// The blocks `visit` writes for the document's root element; nil when the XML does not parse.
    static func blocks(of xml: [UInt8], _ visit: (xmlNodePtr, inout Output) -> Void) -> String? {
        guard let doc = LibXML.parse(xml) else { return nil }
        defer { xmlFreeDoc(doc) }
        var out = Output()
        if let root = xmlDocGetRootElement(doc) { visit(root, &out) }
        return out.text
    }

    /// The bytes of one member of a zip archive held in memory (at most 256 MB), or nil.
    static func entry(_ name: String, of bytes: [UInt8]) -> [UInt8]? {
        guard !bytes.isEmpty else { return nil }
        return bytes.withUnsafeBytes { raw -> [UInt8]? in
            var error = zip_error_t()
            zip_error_init(&error)
            defer { zip_error_fini(&error) }
            // the source does not own the buffer (freep 0): it lives until the archive is discarded below
            guard let source = zip_source_buffer_create(raw.baseAddress, zip_uint64_t(raw.count), 0, &error) else { return nil }
            guard let archive = zip_open_from_source(source, ZIP_RDONLY, &error) else {
                zip_source_free(source)
                return nil
            }
            defer { zip_discard(archive) }
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat(archive, name, 0, &st) == 0, st.valid & zip_uint64_t(ZIP_STAT_SIZE) != 0, st.size < 256 << 20,
                  let file = zip_fopen(archive, name, 0) else { return nil }
            defer { zip_fclose(file) }
            var out = [UInt8](repeating: 0, count: Int(st.size))
            var done = 0
            while done < out.count {
                let n = out.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress! + done, zip_uint64_t($0.count - done)) }
                guard n > 0 else { break }
                done += Int(n)
            }
            return done == out.count ? out : nil
        }
    }

    /// Blocks as `Paragraphs` reads them: one a line, headings marked.
    struct Output {
        var text = ""

        mutating func block(_ raw: String, heading level: Int? = nil) {
            let collapsed = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{A0}" }).joined(separator: " ")
            guard !collapsed.isEmpty else { return }
            if let level { text += "\(Paragraphs.htmlHeadingMark)\(min(max(level, 1), 6)) " }
            text += collapsed + "\n"
        }

        /// A table row: its non-empty cells joined by " | ".
        mutating func row(_ cells: [String]) {
            block(cells.map { $0.split(separator: " ").joined(separator: " ") }.filter { !$0.isEmpty }.joined(separator: " | "))
        }
    }

    /// Word's main document part.
    enum WordWalker {
        static func visit(_ node: xmlNodePtr, _ out: inout Output) {
            for child in LibXML.elements(node) {
                switch LibXML.localName(child) {
                case "p":
                    out.block(runs(child), heading: headingLevel(child))
                case "tr":
                    out.row(LibXML.elements(child).filter { LibXML.localName($0) == "tc" }.map { cell in
                        LibXML.elements(cell).filter { LibXML.localName($0) == "p" }.map(runs).joined(separator: " ")
                    })
                default:
                    visit(child, &out)
                }
            }
        }

        /// "Heading2" → 2, "Title" → 1, else nil.
        static func headingLevel(_ p: xmlNodePtr) -> Int? {
            guard let properties = LibXML.elements(p).first(where: { LibXML.localName($0) == "pPr" }),
                  let style = LibXML.elements(properties).first(where: { LibXML.localName($0) == "pStyle" }),
                  let value = LibXML.attribute(style, "val") else { return nil }
            if value == "Title" { return 1 }
            guard value.lowercased().hasPrefix("heading"), let level = Int(value.dropFirst("heading".count)), (1...6).contains(level) else { return nil }
            return level
        }

        /// The text of a paragraph's runs (`w:t`), tabs and breaks as spaces; deleted text (`w:del`) left out.
        static func runs(_ node: xmlNodePtr) -> String {
            var text = ""
            for child in LibXML.elements(node) {
                switch LibXML.localName(child) {
                case "t":
                    text += LibXML.ownText(child)
                case "tab", "br", "cr": text += " "
                case "del", "pPr", "rPr", "instrText": break
                default: text += runs(child)
                }
            }
            return text
        }
    }

    /// OpenDocument's `content.xml`.
    enum OpenDocumentWalker {
        static func visit(_ node: xmlNodePtr, _ out: inout Output) {
            for child in LibXML.elements(node) {
                switch LibXML.localName(child) {
                case "h":
                    out.block(inline(child), heading: LibXML.attribute(child, "outline-level").flatMap { Int($0) } ?? 1)
                case "p":
                    out.block(inline(child))
                case "table-row":
                    out.row(LibXML.elements(child).filter { LibXML.localName($0) == "table-cell" }.map { cell in
                        LibXML.elements(cell).map(inline).joined(separator: " ")
                    })
                case "tracked-changes", "annotation", "note-citation", "table-of-content", "sequence-decls", "forms":
                    break
                default:
                    visit(child, &out)
                }
            }
        }

        /// The text of a paragraph or heading: its text nodes and spans, `text:s` as its count of spaces.
        static func inline(_ node: xmlNodePtr) -> String {
            var text = ""
            var child = node.pointee.children
            while let c = child {
                defer { child = c.pointee.next }
                if c.pointee.type == XML_TEXT_NODE, let content = c.pointee.content {
                    text += String(cString: content)
                    continue
                }
                guard c.pointee.type == XML_ELEMENT_NODE else { continue }
                switch LibXML.localName(c) {
                case "s": text += String(repeating: " ", count: LibXML.attribute(c, "c").flatMap { Int($0) }.map { min(max($0, 1), 100) } ?? 1)
                case "tab", "line-break": text += " "
                case "note", "annotation": break
                default: text += inline(c)
                }
            }
            return text
        }
    }
}
