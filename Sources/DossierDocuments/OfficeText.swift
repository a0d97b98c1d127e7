import CLibXML2
import DossierCore
import CLibZip

/// The text of a Word (`.docx`) or OpenDocument (`.odt`) file, as the text `Paragraphs` splits (`Format.html`, as
/// for web pages): one block a line, each heading after a `Paragraphs.htmlHeadingMark` and its level.
///
/// The file is a zip archive (opened with libzip); its body is one XML part (`word/document.xml`, `content.xml`),
/// read with libxml2 (no network, no entity expansion).
/// - Word: each paragraph (`w:p`) is a block; one whose style is a heading (named `heading 1`…`heading 6` or
///   `Title` in `word/styles.xml`, whatever its id in the language of Word's interface: `Titre1`, `Kop1`; or with an
///   outline level) is a heading; a table row (`w:tr`) is one block, its cells joined by ` | `. Tabs and line
///   breaks are spaces; a text box's older copy (`mc:Fallback`) is left out.
/// - OpenDocument: headings (`text:h`, their `text:outline-level`), paragraphs (`text:p`, list items' too), table
///   rows (`table:table-row`); `text:s` is as many spaces as it says.
public enum OfficeText {
    public static let extensions: Set<String> = ["docx", "odt"]

    public static func isOffice(_ path: String) -> Bool { extensions.contains(CorpusReader.pathExtension(path)) }

    /// The document's text, or nil when the file is not a readable archive of that kind.
    public static func text(_ bytes: [UInt8], path: String) -> String? {
        let isWord = CorpusReader.pathExtension(path) == "docx"
        guard let xml = entry(isWord ? "word/document.xml" : "content.xml", of: bytes) else { return nil }
        guard isWord else { return blocks(of: xml, OpenDocumentWalker.visit) }
        let walker = WordWalker(levels: entry("word/styles.xml", of: bytes).map(WordWalker.headingLevels) ?? [:])
        return blocks(of: xml, walker.visit)
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
    struct WordWalker {
        /// Heading levels of the document's paragraph styles, by style id (`headingLevels`).
        let levels: [String: Int]

        func visit(_ node: xmlNodePtr, _ out: inout Output) {
            for child in LibXML.elements(node) {
                switch LibXML.localName(child) {
                case "p":
                    out.block(Self.runs(child), heading: headingLevel(child))
                case "tr":
                    out.row(LibXML.elements(child).filter { LibXML.localName($0) == "tc" }.map { cell in
                        LibXML.elements(cell).filter { LibXML.localName($0) == "p" }.map(Self.runs).joined(separator: " ")
                    })
                case "Fallback": break  // the older form of the content beside it (`mc:AlternateContent`)
                default:
                    visit(child, &out)
                }
            }
        }

        /// A paragraph's heading level: its own outline level, else its style's (`levels`), else the style id's
        /// ("Heading2" → 2, "Title" → 1, for a file without a styles part); nil for body text.
        func headingLevel(_ p: xmlNodePtr) -> Int? {
            guard let properties = LibXML.elements(p).first(where: { LibXML.localName($0) == "pPr" }) else { return nil }
            if let level = Self.outlineLevel(properties) { return level }
            guard let style = LibXML.elements(properties).first(where: { LibXML.localName($0) == "pStyle" }),
                  let value = LibXML.attribute(style, "val") else { return nil }
            if let level = levels[value] { return level }
            return Self.level(named: value)
        }

        /// "Heading 2", "heading2" → 2, "Title" → 1, else nil.
        static func level(named name: String) -> Int? {
            let folded = name.lowercased().filter { $0 != " " }
            if folded == "title" { return 1 }
            guard folded.hasPrefix("heading"), let level = Int(folded.dropFirst("heading".count)), (1...6).contains(level) else { return nil }
            return level
        }

        /// The level of a `w:outlineLvl` among `properties` (0 is level 1; 9 is body text), if any.
        static func outlineLevel(_ properties: xmlNodePtr) -> Int? {
            guard let outline = LibXML.elements(properties).first(where: { LibXML.localName($0) == "outlineLvl" }),
                  let value = LibXML.attribute(outline, "val").flatMap({ Int($0) }), (0..<6).contains(value) else { return nil }
            return value + 1
        }

        /// The heading level of each paragraph style in `word/styles.xml`, by style id: from the style's name,
        /// which Word keeps in English whatever the language of its interface ("heading 1" for the id `Titre1`
        /// or `Kop1`), or its outline level; a style based on a heading style is one too.
        static func headingLevels(_ xml: [UInt8]) -> [String: Int] {
            guard let doc = LibXML.parse(xml) else { return [:] }
            defer { xmlFreeDoc(doc) }
            guard let root = xmlDocGetRootElement(doc) else { return [:] }
            var levels: [String: Int] = [:]
            var basedOn: [String: String] = [:]
            for style in LibXML.elements(root) where LibXML.localName(style) == "style" && LibXML.attribute(style, "type") == "paragraph" {
                guard let id = LibXML.attribute(style, "styleId") else { continue }
                let children = LibXML.elements(style)
                if let name = children.first(where: { LibXML.localName($0) == "name" }).flatMap({ LibXML.attribute($0, "val") }),
                   let level = level(named: name) {
                    levels[id] = level
                } else if let properties = children.first(where: { LibXML.localName($0) == "pPr" }), let level = outlineLevel(properties) {
                    levels[id] = level
                } else if let base = children.first(where: { LibXML.localName($0) == "basedOn" }).flatMap({ LibXML.attribute($0, "val") }) {
                    basedOn[id] = base
                }
            }
            for (id, base) in basedOn {
                var next: String? = base
                for _ in 0..<8 {  // a chain of styles, without looping on a cycle
                    guard let b = next else { break }
                    if let level = levels[b] { levels[id] = level; break }
                    next = basedOn[b]
                }
            }
            return levels
        }

        /// The text of a paragraph's runs (`w:t`), tabs and breaks as spaces; deleted and moved-away text left out.
        static func runs(_ node: xmlNodePtr) -> String {
            var text = ""
            for child in LibXML.elements(node) {
                switch LibXML.localName(child) {
                case "t":
                    text += LibXML.ownText(child)
                case "tab", "br", "cr": text += " "
                // deleted text, text moved away (kept where it went), and the older form of a text box
                case "del", "moveFrom", "pPr", "rPr", "instrText", "Fallback": break
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
