import CLibXML2
import DossierCore

/// The text of a PDF file, by poppler's `pdftotext -bbox-layout` (Debian's poppler-utils), which gives every line
/// of every page with its position and height; paragraphs are rebuilt from them, as the text `Paragraphs` splits
/// (`Format.html`): one block a line, headings after `Paragraphs.htmlHeadingMark` and a level, and each page
/// after a `Paragraphs.pageMark` line with its number, so that every passage knows its page.
///
/// - Running headers and footers are dropped: a line in the top or bottom 8% of a page that is a page number
///   ("3", "Page 3", "3 / 12", "- 3 -"), or whose text (digits aside) stands there on at least half the pages.
/// - A paragraph ends at a gap between lines of more than half a line, at a change of type size, or before an
///   indented first line; its lines are joined with spaces, and a word broken by a hyphen at a line's end is
///   joined again ("invest-" + "ment" → "investment") when the next line goes on in lower case.
/// - A paragraph that ends a page without closing punctuation and goes on in lower case on the next page is one
///   paragraph, on the page where it starts.
/// - A paragraph of one or two lines in type larger than the page's body text is a heading: the largest size level
///   1, the next 2, and so on.
public enum PDFText {
    public static let extensions: Set<String> = ["pdf"]

    public static func isPDF(_ path: String) -> Bool { extensions.contains(CorpusReader.pathExtension(path)) }

    public enum Failure: Error, Equatable {
        /// pdftotext is not installed.
        case converterMissing
        /// pdftotext could not read the file.
        case unreadable
    }

    /// The PDF's text (see above), from the file at `path`.
    public static func text(path: String) throws(Failure) -> String {
        let xml: [UInt8]
        do {
            xml = try Subprocess.output(["pdftotext", "-bbox-layout", "-enc", "UTF-8", "-q", path, "-"])
        } catch .notFound {
            throw .converterMissing
        } catch {
            throw .unreadable
        }
        guard let pages = parse(xml) else { throw .unreadable }
        return layout(pages)
    }

    /// One line of a page: its words joined, its box (y grows downwards), and its height (the type size).
    struct Line: Equatable {
        var text: String
        var xMin: Double
        var yMin: Double
        var yMax: Double
        var height: Double { yMax - yMin }
    }

    struct Page {
        var height: Double
        var lines: [Line]
    }

    /// The pages and lines of pdftotext's bounding-box document.
    static func parse(_ xml: [UInt8]) -> [Page]? {
        guard let doc = LibXML.parse(xml) else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { return nil }
        var pages: [Page] = []
        func walk(_ node: xmlNodePtr) {
            for child in LibXML.elements(node) {
                switch LibXML.localName(child) {
                case "page":
                    var page = Page(height: number(child, "height"), lines: [])
                    collectLines(child, into: &page.lines)
                    pages.append(page)
                default:
                    walk(child)
                }
            }
        }
        walk(root)
        return pages
    }

    static func collectLines(_ node: xmlNodePtr, into lines: inout [Line]) {
        for child in LibXML.elements(node) {
            guard LibXML.localName(child) == "line" else {
                collectLines(child, into: &lines)
                continue
            }
            let words = LibXML.elements(child).filter { LibXML.localName($0) == "word" }.map(LibXML.ownText)
            let text = words.joined(separator: " ").split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if !text.isEmpty {
                lines.append(Line(text: text, xMin: number(child, "xMin"), yMin: number(child, "yMin"), yMax: number(child, "yMax")))
            }
        }
    }

    static func number(_ node: xmlNodePtr, _ name: String) -> Double { LibXML.attribute(node, name).flatMap { Double($0) } ?? 0 }

    // MARK: Rebuilding paragraphs

    /// The share of a page's height at its top and bottom where running headers and footers stand.
    static let margin = 0.08

    static func layout(_ pages: [Page]) -> String {
        let pages = withoutRunningLines(pages)
        let body = median(pages.flatMap { $0.lines.map(\.height) }) ?? 10
        // heading sizes: the distinct sizes clearly larger than the body text, largest first
        let heights: [Double] = pages.flatMap { $0.lines.map { ($0.height * 2).rounded() / 2 } }
        let sizes: [Double] = Set(heights.filter { $0 > body * 1.15 }).sorted(by: >)
        var blocks: [(page: Int, text: String, heading: Int?)] = []
        for (n, page) in pages.enumerated() {
            let left = page.lines.map(\.xMin).min() ?? 0
            var current: [Line] = []
            var firstOnPage = true
            func flush() {
                guard let first = current.first else { return }
                let text = joined(current)
                let size = (first.height * 2).rounded() / 2
                let heading = current.count <= 2 && first.height > body * 1.15 ? (sizes.firstIndex(of: size) ?? 0) + 1 : nil
                // a paragraph going on from the page before (no closing punctuation there, lower case here)
                if firstOnPage, heading == nil, let last = blocks.last, last.heading == nil, last.page == n,
                   !endsSentence(last.text), text.first?.isLowercase == true {
                    blocks[blocks.count - 1].text = join(last.text, text)
                } else {
                    blocks.append((n + 1, text, heading))
                }
                current.removeAll()
                firstOnPage = false
            }
            for line in page.lines {
                if let previous = current.last {
                    let gap = line.yMin - previous.yMax
                    let sizeChanged = abs(line.height - previous.height) > max(previous.height, line.height) * 0.15
                    let indented = line.xMin > left + previous.height && previous.xMin <= left + 1
                    if gap > min(line.height, previous.height) * 0.5 || sizeChanged || indented || gap < -previous.height { flush() }
                }
                current.append(line)
            }
            flush()
        }
        var out = ""
        var page = 0
        for block in blocks {
            if block.page != page {
                page = block.page
                out += "\(Paragraphs.pageMark)\(page)\n"
            }
            if let level = block.heading { out += "\(Paragraphs.htmlHeadingMark)\(min(level, 6)) " }
            out += block.text + "\n"
        }
        return out
    }

    /// Lines joined with spaces (none between CJK characters), a word hyphenated across a line end joined again.
    static func joined(_ lines: [Line]) -> String {
        var text = ""
        for line in lines { text = text.isEmpty ? line.text : join(text, line.text) }
        return text
    }

    static func join(_ a: String, _ b: String) -> String {
        if a.hasSuffix("-"), a.dropLast().last?.isLetter == true, b.first?.isLowercase == true { return String(a.dropLast()) + b }
        return a + (CJKText.joinWithoutSpace(a, b) ? "" : " ") + b
    }

    static func endsSentence(_ text: String) -> Bool {
        guard let last = text.last else { return true }
        return ".!?:;\"”’)".contains(last)
    }

    /// The pages without their running headers and footers (see the type's documentation).
    static func withoutRunningLines(_ pages: [Page]) -> [Page] {
        func inMargin(_ line: Line, _ page: Page) -> Bool {
            page.height > 0 && (line.yMax < page.height * margin || line.yMin > page.height * (1 - margin))
        }
        func shape(_ text: String) -> String { String(text.map { $0.isNumber ? "#" : $0 }) }
        var seen: [String: Int] = [:]
        for page in pages {
            for s in Set(page.lines.filter { inMargin($0, page) }.map { shape($0.text) }) { seen[s, default: 0] += 1 }
        }
        return pages.map { page in
            let kept = page.lines.filter { line in
                guard inMargin(line, page) else { return true }
                return !isPageNumber(line.text) && !(pages.count >= 2 && seen[shape(line.text), default: 0] * 2 >= pages.count)
            }
            return Page(height: page.height, lines: kept)
        }
    }

    /// "3", "Page 3", "page 3 of 12", "3 / 12", "- 3 -", "iv".
    static func isPageNumber(_ text: String) -> Bool {
        let words = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "–" || $0 == "/" })
            .filter { $0 != "page" && $0 != "p." && $0 != "of" }
        guard !words.isEmpty, words.count <= 2 else { return false }
        return words.allSatisfy { w in w.allSatisfy(\.isNumber) || (w.count <= 5 && w.allSatisfy { "ivxlc".contains($0) }) }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        return values.sorted()[values.count / 2]
    }
}
