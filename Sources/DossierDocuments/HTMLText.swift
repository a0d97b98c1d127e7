import CLibXML2
import DossierCore

/// The main text of a web page (`.html`, `.htm`), read with libxml2's HTML parser, as the text `Paragraphs` splits
/// (`Format.html`): one block a line, each heading (`<h1>`–`<h6>`) after a `Paragraphs.htmlHeadingMark` and its
/// level. A block stands on the line of the page's source where its text starts when that line is still free (blank
/// lines pad the text), so that a passage's `line` is its line in the file.
///
/// - The main text: the page's `<main>` (or `role="main"`) when it has one, else its `<article>`s, else its `<body>`.
///   Navigation, scripts, styles, forms, menus, asides, page headers and footers (and anything `hidden`, styled
///   `display: none` or `visibility: hidden`, or with a navigation, banner, footer or search role) are left out.
/// - Blocks: headings, paragraphs, list items, definition terms and descriptions, quotations, preformatted text,
///   captions, and table rows (cells joined by ` | `); text directly inside a `<div>` or `<section>` is a block too.
/// - Characters: the page's own charset (its `<meta charset>` or HTTP-equiv declaration, else UTF-8; GB2312 read
///   as GB18030 and ISO 8859-1 as windows-1252, as browsers do), entities decoded by the parser, white space
///   collapsed. Bytes the charset cannot decode end the text there, and are warned about.
public enum HTMLText {
    /// File extensions read as web pages.
    public static let extensions: Set<String> = ["html", "htm", "xhtml"]

    public static func isHTML(_ path: String) -> Bool { extensions.contains(CorpusReader.pathExtension(path)) }

    /// The page's main text, or nil when libxml2 cannot read it at all.
    public static func text(_ bytes: [UInt8]) -> String? { read(bytes)?.text }

    /// The page's main text, and whether some of its bytes could not be decoded in its charset (libxml2 then
    /// stops there: the rest of the page is missing); nil when libxml2 cannot read it at all.
    public static func read(_ bytes: [UInt8]) -> (text: String, undecodable: Bool)? {
        _ = LibXML.initialized
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return bytes.isEmpty ? ("", false) : nil }
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue)
        let encoding = declaredCharset(bytes).flatMap { browsersRead[$0] }
        let (doc, encodingErrors) = LibXML.quietly {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { htmlReadMemory($0.baseAddress, Int32($0.count), nil, encoding, options) }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return ("", encodingErrors > 0) }
        var walker = Walker()
        let mains = Walker.find(root) { Walker.name($0) == "main" || Walker.attribute($0, "role") == "main" }
        let articles = mains.isEmpty ? Walker.find(root) { Walker.name($0) == "article" } : []
        if !mains.isEmpty || !articles.isEmpty {
            walker.inContent = true
            for node in mains.isEmpty ? articles : [mains[0]] { walker.visit(node) }
        } else {
            walker.visit(Walker.find(root) { Walker.name($0) == "body" }.first ?? root)
        }
        walker.flush()
        return (walker.output, encodingErrors > 0)
    }

    /// Charsets that pages declare and browsers read as a larger one (the WHATWG Encoding Standard's labels): a page
    /// declared GB2312 is read as GB18030, since ministry pages so declared hold characters outside GB2312 (镕);
    /// one declared ISO 8859-1 or ASCII as windows-1252 (its curly quotes and dashes).
    static let browsersRead: [String: String] = {
        var map: [String: String] = [:]
        for label in ["gb2312", "gbk", "x-gbk", "csgb2312", "chinese", "iso-ir-58", "csiso58gb231280", "gb_2312", "gb_2312-80"] {
            map[label] = "GB18030"
        }
        for label in ["iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "l1", "cp819", "ibm819", "us-ascii", "ascii", "iso-ir-100", "csisolatin1"] {
            map[label] = "windows-1252"
        }
        return map
    }()

    /// The charset a page declares in its first 1,024 bytes (`<meta charset=…>` or `content="…; charset=…"`), in
    /// lower case; nil when it declares none.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(1024).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let key = Array("charset".utf8)
        guard head.count > key.count else { return nil }
        for i in 0...(head.count - key.count) where head[i..<(i + key.count)].elementsEqual(key) {
            var j = i + key.count
            while j < head.count, head[j] == 0x20 || head[j] == 0x09 { j += 1 }
            guard j < head.count, head[j] == UInt8(ascii: "=") else { continue }
            j += 1
            while j < head.count, head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27 { j += 1 }
            var label: [UInt8] = []
            while j < head.count, label.count < 40,
                  (0x61...0x7A).contains(head[j]) || (0x30...0x39).contains(head[j]) || "-_:.".utf8.contains(head[j]) { label.append(head[j]); j += 1 }
            if !label.isEmpty { return String(decoding: label, as: UTF8.self) }
        }
        return nil
    }

    /// Walks the tree, gathering the text of each block and writing the blocks out.
    struct Walker {
        var output = ""
        var line = 1  // the line of `output` the next block starts on
        var buffer = ""
        var bufferLine = 0
        /// Inside `<main>` or an `<article>`: its own `<header>` (with the title) is content.
        var inContent = false

        static let skipped: Set<String> = [
            "script", "style", "noscript", "template", "nav", "aside", "form", "menu", "button", "select", "option",
            "textarea", "iframe", "svg", "canvas", "object", "embed", "audio", "video", "map", "dialog", "head",
        ]
        static let skippedRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"]
        static let blocks: Set<String> = [
            "p", "div", "section", "article", "main", "li", "dd", "dt", "blockquote", "pre", "figcaption", "caption",
            "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "address", "details", "summary", "figure", "body",
            "hr", "center", "fieldset", "legend",
        ]

        static func name(_ node: xmlNodePtr) -> String {
            guard let n = node.pointee.name else { return "" }
            return String(cString: n).lowercased()
        }

        static func attribute(_ node: xmlNodePtr, _ name: String) -> String? { LibXML.attribute(node, name) }

        /// Every element below `node` (itself included) for which `match` holds, in document order, not looking
        /// inside a match.
        static func find(_ node: xmlNodePtr, _ match: (xmlNodePtr) -> Bool) -> [xmlNodePtr] {
            var found: [xmlNodePtr] = []
            func walk(_ n: xmlNodePtr) {
                guard n.pointee.type == XML_ELEMENT_NODE else { return }
                if match(n) {
                    found.append(n)
                    return
                }
                var child = n.pointee.children
                while let c = child {
                    walk(c)
                    child = c.pointee.next
                }
            }
            walk(node)
            return found
        }

        /// An inline style that hides the element: `display: none` or `visibility: hidden` (spaces and case as
        /// they come).
        static func hidesElement(_ style: String) -> Bool {
            let compact = String(style.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\t" && $0 != "\n" })
            return compact.contains("display:none") || compact.contains("visibility:hidden")
        }

        func isSkipped(_ node: xmlNodePtr, _ name: String) -> Bool {
            if Self.skipped.contains(name) { return true }
            // a page's header is chrome; an article's own header holds its title
            if name == "footer" || (name == "header" && !inContent) { return true }
            if xmlHasProp(node, "hidden") != nil || Self.attribute(node, "aria-hidden") == "true" { return true }
            if let style = Self.attribute(node, "style"), Self.hidesElement(style) { return true }
            if let role = Self.attribute(node, "role"), Self.skippedRoles.contains(role.lowercased()) { return true }
            return false
        }

        mutating func visit(_ node: xmlNodePtr) {
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { append(String(cString: content), at: node) }
            case XML_ELEMENT_NODE:
                let name = Self.name(node)
                if isSkipped(node, name) { return }
                if name.count == 2, name.first == "h", let level = Int(String(name.last!)), (1...6).contains(level) {
                    flush()
                    visitChildren(node)
                    let title = collapse(buffer)
                    buffer = ""
                    if !title.isEmpty { write("\(Paragraphs.htmlHeadingMark)\(level) \(title)", line: Int(xmlGetLineNo(node))) }
                    return
                }
                if name == "tr" {
                    flush()
                    var cells: [String] = []
                    var child = node.pointee.children
                    while let c = child {
                        if c.pointee.type == XML_ELEMENT_NODE, !isSkipped(c, Self.name(c)) {
                            var inner = Walker(inContent: inContent)
                            inner.visitChildren(c)
                            let cell = collapse(inner.buffer)
                            if !cell.isEmpty { cells.append(cell) }
                        }
                        child = c.pointee.next
                    }
                    if !cells.isEmpty { write(cells.joined(separator: " | "), line: Int(xmlGetLineNo(node))) }
                    return
                }
                if name == "br" {
                    buffer += " "
                    return
                }
                let block = Self.blocks.contains(name) || name == "header"
                if block { flush() }
                let wasContent = inContent
                if name == "main" || name == "article" { inContent = true }
                visitChildren(node)
                inContent = wasContent
                if block { flush() }
            default:
                return
            }
        }

        mutating func visitChildren(_ node: xmlNodePtr) {
            var child = node.pointee.children
            while let c = child {
                visit(c)
                child = c.pointee.next
            }
        }

        mutating func append(_ text: String, at node: xmlNodePtr) {
            if buffer.isEmpty || buffer.allSatisfy(\.isWhitespace) {
                // a text node's own line is where it ends: its element's is where the text starts
                bufferLine = Int(xmlGetLineNo(node.pointee.parent ?? node))
            }
            buffer += text
        }

        /// Writes the text gathered so far as a block.
        mutating func flush() {
            let text = collapse(buffer)
            buffer = ""
            if !text.isEmpty { write(text, line: bufferLine) }
        }

        /// White space runs made one space, control characters dropped, ends trimmed.
        func collapse(_ text: String) -> String {
            var out = ""
            var space = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace || scalar.value < 0x20 || scalar.value == 0x7F {
                    space = !out.isEmpty
                    continue
                }
                if space {
                    out.unicodeScalars.append(" ")
                    space = false
                }
                out.unicodeScalars.append(scalar)
            }
            return out
        }

        /// Appends a block on its source line when that is still ahead, else on the next free line.
        mutating func write(_ block: String, line source: Int) {
            if !output.isEmpty {
                output += "\n"
                line += 1
            }
            while source > line {
                output += "\n"
                line += 1
            }
            output += block
        }
    }
}
