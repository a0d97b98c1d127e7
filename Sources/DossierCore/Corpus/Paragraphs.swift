/// A paragraph of a corpus file, before tagging.
public struct Paragraph: Sendable, Equatable {
    /// The paragraph's text, lines joined by single spaces.
    public let text: String
    /// The headings above it, outermost first, joined by `sectionSeparator` ("Disputes > Cyprus dispute"); nil
    /// without one.
    public let section: String?
    /// 1-based line where it starts.
    public let line: Int
    /// The id given by the source (JSONL `_id`); nil for text files, whose ids are made by the indexer.
    public var id: String? = nil
    /// The document title given by the source (JSONL `title`).
    public var title: String? = nil
    /// The page it starts on, in a paged document (PDF); nil for others.
    public var page: Int? = nil

    /// What joins the headings of a section path.
    public static let sectionSeparator = " > "
}

/// Splits a text file into paragraphs: blocks separated by blank lines; in a file without blank lines, every
/// line. Headings are not paragraphs: they become the section of the paragraphs below them.
///
/// - Markdown (`.md`): `# …` to `###### …` lines, whose level is the number of `#`.
/// - Plain text (`.txt`): a line standing alone (a block of one line) that looks like a title and is followed by a
///   paragraph longer than itself, or by another heading. A title is short (at most 12 words and 90 characters),
///   starts with a capital letter or a section number ("2.1 Trade", whose level is the number's depth), and has no
///   closing punctuation (`.`, `:`, `;`, `,`, `!`, `?`), no comma, no colon and no table cell separator (`|`), and no
///   finite verb ("is", "has", "was", "will", …: "Italy has an embassy in Bratislava" is a sentence). An all-capital
///   title ("BILATERAL RELATIONS") needs no paragraph after it. "Longer paragraph" means more words, starting with a
///   capital letter, a digit or a quote, and ending like a sentence, or a table row, or of ten words or more: a
///   short list line is not one, so the items of a list ("Jordan", "Vatican City") stay passages. A year or a
///   period ("1945–1958", "1980s") is a title too.
///   Without numbers, levels are read from the layout: headings in a row (at most three; more title-like lines in
///   a row are a list, whose last line only is a heading) start a new outline, each nested in the one above
///   ("Bilateral relations", then "Africa": `Bilateral relations > Africa`); a heading alone after a paragraph
///   replaces the innermost level ("Americas": `Bilateral relations > Americas`).
/// - In both, a line that is only an image's file name (`Map_of_Europe.png`, `File:Flag.svg`) is dropped, and so is a
///   line that only points to another article ("See Italy–Poland relations", "Main article: …").
/// - In plain text, the title-like lines after a lead-in that ends with a colon are that list's items, not headings.
public enum Paragraphs {
    /// Version of the splitting rules: part of `Tagger.dataHash`, so that a change splits every file again
    /// (2: cross-reference lines dropped, a colon's list items never headings; 3: a line with a finite verb is no title).
    static let version = "structure-4"  // 4: lines that meet between CJK characters are joined without a space

    /// How a file marks its headings.
    public enum Format: Sendable {
        /// Plain text: headings found by their shape.
        case plain
        /// Markdown: `#` lines.
        case markdown
        /// The text `HTMLText` makes of a web page: `htmlHeadingMark`, the level, a space, the title.
        case html
    }

    /// What starts a heading's line in the text `HTMLText` makes (a control character, which that text has no other).
    public static let htmlHeadingMark: Character = "\u{1}"
    /// A line of `pageMark` and a number: the blocks below it are on that page (`PDFText`).
    public static let pageMark: Character = "\u{2}"

    public static func split(_ text: String, markdown: Bool) -> [Paragraph] {
        split(text, format: markdown ? .markdown : .plain)
    }

    public static func split(_ text: String, format: Format) -> [Paragraph] {
        let blocks = self.blocks(text, format: format)
        var result: [Paragraph] = []
        var path: [(level: Int, title: String)] = []
        var previousWasHeading = false
        let headings = format == .plain ? plainHeadings(blocks) : []
        for (b, block) in blocks.enumerated() {
            var level: Int?
            var title = ""
            if let (l, t) = block.markdownHeading {
                (level, title) = (l, t)
            } else if headings.contains(b) {
                title = block.text
                if let depth = sectionNumberDepth(block.text) {
                    level = depth
                } else if isAllCapitals(block.text) {
                    level = 1  // "BILATERAL RELATIONS": capitals head the outline
                } else if previousWasHeading, let last = path.last {
                    level = last.level + 1
                } else if b + 1 < blocks.count, headings.contains(b + 1) {
                    level = 1  // headings in a row start a new outline: "Bilateral relations", then "Africa"
                } else {
                    level = path.last?.level ?? 1
                }
            }
            if let level {
                path.removeAll { $0.level >= level }
                path.append((level, title))
                previousWasHeading = true
                continue
            }
            previousWasHeading = false
            let section = path.isEmpty ? nil : path.map(\.title).joined(separator: Paragraph.sectionSeparator)
            var paragraph = Paragraph(text: block.text, section: section, line: block.line)
            paragraph.page = block.page
            result.append(paragraph)
        }
        return result
    }

    /// A block of text between blank lines (or a line, in a file without blank lines).
    struct Block {
        var text: String
        var line: Int
        var lines: Int
        /// Level and title of a Markdown heading line.
        var markdownHeading: (Int, String)?
        /// Its page (after a `pageMark` line).
        var page: Int? = nil
    }

    static func blocks(_ text: String, format: Format) -> [Block] {
        // lines and blank lines found on bytes: splitting Characters costs more than tagging some passages
        // (the newlines' offsets from the contiguous bytes: a search through the string's index was a twentieth of it)
        var contiguous = text
        let newlines = contiguous.withUTF8 { bytes in bytes.indices.filter { bytes[$0] == 0x0A } }
        let utf8 = contiguous.utf8
        var lines: [Substring] = []
        lines.reserveCapacity(newlines.count + 1)
        var start = utf8.startIndex
        for offset in newlines {
            let newline = utf8.index(utf8.startIndex, offsetBy: offset)
            lines.append(Substring(utf8[start..<newline]))
            start = utf8.index(after: newline)
        }
        lines.append(Substring(utf8[start...]))
        if lines.last?.isEmpty == true { lines.removeLast() }
        let isBlank: (Substring) -> Bool = { line in
            line.utf8.allSatisfy { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
                || (line.utf8.contains { $0 >= 0x80 } && line.allSatisfy(\.isWhitespaceFast))
        }
        // a web page's text has a block a line (its blank lines only pad blocks to their source lines)
        let hasBlankLines = format != .html && lines.contains(where: isBlank) && lines.contains(where: { !isBlank($0) })
        var result: [Block] = []
        var block: [Substring] = []
        var blockLine = 0
        var page: Int?
        func flush() {
            guard !block.isEmpty else { return }
            let joined = Self.joinLines(block)
            if !isImageName(joined) && !isCrossReference(joined) {
                result.append(Block(text: joined, line: blockLine, lines: block.count, page: page))
            }
            block.removeAll()
        }
        for (n, line) in lines.enumerated() {
            if isBlank(line) {
                flush()
                continue
            }
            if format == .html, line.first == htmlHeadingMark, let level = line.dropFirst().first?.wholeNumberValue {
                flush()
                let title = String(line.dropFirst(3))
                result.append(Block(text: title, line: n + 1, lines: 1, markdownHeading: (level, title), page: page))
                continue
            }
            if format == .html, line.first == pageMark, let number = Int(line.dropFirst()) {
                flush()
                page = number
                continue
            }
            if format == .markdown, let h = markdownHeading(line) {
                flush()
                result.append(Block(text: h.title, line: n + 1, lines: 1, markdownHeading: (h.level, h.title)))
                continue
            }
            if block.isEmpty { blockLine = n + 1 }
            block.append(line)
            if !hasBlankLines { flush() }
        }
        flush()
        return result
    }

    /// The most headings in a row: a longer run of title-like lines is a list (of countries, of organizations),
    /// whose last line only is a heading.
    static let maxNesting = 3

    /// The indexes of the blocks of a plain-text file that are headings (see `split`).
    static func plainHeadings(_ blocks: [Block]) -> Set<Int> {
        var headings = Set<Int>()
        // from the end: whether a line is a heading depends on the block after it
        var run = 0  // headings in a row from b + 1 on
        for b in blocks.indices.reversed() {
            let block = blocks[b]
            guard block.lines == 1, let words = titleWords(block.text) else {
                run = 0
                continue
            }
            var heading = false
            if isAllCapitals(block.text) {
                heading = true
            } else if b + 1 < blocks.count {
                let next = blocks[b + 1]
                heading = (run > 0 && run < maxNesting) || (run == 0 && isProse(next.text) && wordCount(next.text) > words)
            }
            if heading {
                headings.insert(b)
                run += 1
            } else {
                // the run above a list's last line: those lines are the list's items, not headings
                run = 0
            }
        }
        // the lines after a lead-in that ends with a colon ("Croatia receives support from donor programs of:") are
        // its list's items, the last one too, however title-like: the heading of a list is its lead-in
        // (an acronym is an item too, "USAID"; a longer line in capitals is a heading, which ends the list)
        for b in blocks.indices where blocks[b].text.hasSuffix(":") {
            var k = b + 1
            while k < blocks.count, blocks[k].lines == 1, titleWords(blocks[k].text) != nil {
                let text = blocks[k].text
                if isAllCapitals(text), wordCount(text) > 1 || text.count > 6 { break }
                headings.remove(k)
                k += 1
            }
        }
        // a run longer than maxNesting was cut at its end: what is left of it above is a list
        var b = 0
        while b < blocks.count {
            guard headings.contains(b) else {
                b += 1
                continue
            }
            var end = b
            while end + 1 < blocks.count, headings.contains(end + 1) { end += 1 }
            if b > 0, blocks[b - 1].lines == 1, titleWords(blocks[b - 1].text) != nil, !headings.contains(b - 1),
               !isAllCapitals(blocks[b - 1].text) {
                // the lines just above are title-like too: a list whose last items looked like headings (a line in
                // capitals stays one: "CULTURE" after a list of agreements)
                for k in b..<end where !isAllCapitals(blocks[k].text) { headings.remove(k) }
            }
            b = end + 1
        }
        return headings
    }

    /// The number of words of a line shaped like a title, or nil.
    static func titleWords(_ line: String) -> Int? {
        guard line.utf8.count <= 90, let first = line.unicodeScalars.first else { return nil }
        guard first.properties.isUppercase || ("0"..."9").contains(first) else { return nil }
        if let last = line.last, ".:;,!?".contains(last) { return nil }
        guard !line.contains(","), !line.contains("|"), !line.contains(": ") else { return nil }
        // "2008 was …", "12 May" are not titles; a section number ("2.1 Trade") or a period ("1945–1958") is
        if ("0"..."9").contains(first), sectionNumberDepth(line) == nil, !isPeriod(line) { return nil }
        let words = wordCount(line)
        guard words <= 12 else { return nil }
        // a finite verb makes it a sentence, not a title: "Italy has an embassy in Bratislava" (in lower case:
        // "May 2015" and "Will Smith" are titles)
        if line.split(separator: " ").contains(where: { StopWords.auxiliaries.contains(String($0)) }) { return nil }
        return words
    }

    /// Whether a block reads as a paragraph: a capital, digit or quote first; a sentence's end, a table row, or
    /// ten words or more (text copied from web pages often drops a paragraph's last full stop).
    static func isProse(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.last else { return false }
        let opens = first.properties.isUppercase || ("0"..."9").contains(first) || "\"'“‘(".unicodeScalars.contains(first)
        return opens && (".!?:;)\"”’".contains(last) || text.contains(" | ") || wordCount(text) >= 10)
    }

    /// A year, a decade or a period standing as a title: "1945–1958", "1980s", "2001–present".
    static func isPeriod(_ line: String) -> Bool {
        let parts = line.split(whereSeparator: { "–—-".contains($0) }).map { $0.trimming(" ") }
        guard (1...2).contains(parts.count) else { return false }
        return parts.enumerated().allSatisfy { i, part in
            let digits = part.hasSuffix("s") ? part.dropLast() : Substring(part)
            return (digits.count == 4 && digits.allSatisfy(\.isASCIIDigitFast)) || (i == 1 && part.lowercased() == "present")
        }
    }

    static func isAllCapitals(_ text: String) -> Bool { (TextFolding.capitalLetters(text) ?? 0) >= 3 }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
    }

    /// The depth of a leading section number ("2" → 1, "2.1" → 2, "3.2.1." → 3) followed by a title, or nil.
    static func sectionNumberDepth(_ line: String) -> Int? {
        let parts = line.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let c = parts[1].unicodeScalars.first, c.properties.isUppercase else { return nil }
        let number = parts[0].hasSuffix(".") ? parts[0].dropLast() : parts[0]
        let components = number.split(separator: ".", omittingEmptySubsequences: false)
        guard !components.isEmpty, components.count <= 6,
              components.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigitFast) }) else { return nil }
        return components.count
    }

    /// A block's lines as one text, trimmed, joined by single spaces; but where a line ends and the next begins
    /// with a CJK character, with nothing: Chinese and Japanese have no spaces between words, and a word wrapped
    /// over two lines (贸易伙 / 伴) must stay one to be found.
    static func joinLines(_ lines: [Substring]) -> String {
        var joined = ""
        for line in lines {
            let line = line.trimming(" \t\r")
            if !joined.isEmpty, !CJKText.joinWithoutSpace(joined, line) { joined += " " }
            joined += line
        }
        return joined
    }

    /// A line that is only an image's file name: `Balkans-ethnic_(1861).jpg`, `File:Flag of Chad.svg`.
    static func isImageName(_ text: String) -> Bool {
        guard text.utf8.count <= 160, let dot = text.lastIndex(of: ".") else { return false }
        let ext = text[text.index(after: dot)...].lowercased()
        guard ["jpg", "jpeg", "png", "gif", "svg", "tif", "tiff", "webp", "bmp"].contains(ext) else { return false }
        let name = text[..<dot]
        // a file name, not a sentence ending in one: no spaces, or a "File:"/"Image:" prefix
        return !name.isEmpty && (!name.contains(" ") || name.hasPrefix("File:") || name.hasPrefix("Image:"))
    }

    /// A line that only points to another article: "See Italy–Poland relations", "Main article: Sino-Soviet split",
    /// "See also: …". Neither a heading nor a passage (the paragraph that starts "See Italy–Poland relations In
    /// 1918, …" is a passage: it goes on past the title's twelve words or has a sentence's punctuation, `.,;!?`).
    static func isCrossReference(_ text: String) -> Bool {
        for lead in ["See also ", "See also: ", "See ", "Main article: ", "Main articles: ", "Further information: "] where text.hasPrefix(lead) {
            let rest = String(text.dropFirst(lead.count))
            return rest.unicodeScalars.first?.properties.isUppercase == true && !rest.contains(where: { ".,;!?".contains($0) })
                && wordCount(rest) <= 12
        }
        return false
    }

    /// "## Trade and investment" → (2, "Trade and investment").
    static func markdownHeading(_ line: Substring) -> (level: Int, title: String)? {
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.hasPrefix("#") else { return nil }
        let hashes = trimmed.prefix(while: { $0 == "#" })
        guard hashes.count <= 6 else { return nil }
        let rest = trimmed.dropFirst(hashes.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        let title = rest.trimming(" \t#\r")
        return title.isEmpty ? nil : (hashes.count, title)
    }
}

extension Character {
    var isASCIIDigitFast: Bool { ("0"..."9").contains(self) }
}
