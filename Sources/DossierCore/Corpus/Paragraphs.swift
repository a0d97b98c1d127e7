/// A paragraph of a corpus file, before tagging.
public struct Paragraph: Sendable, Equatable {
    /// The paragraph's text, lines joined by single spaces.
    public let text: String
    /// The Markdown heading above it, if any.
    public let heading: String?
    /// 1-based line where it starts.
    public let line: Int
    /// The id given by the source (JSONL `_id`); nil for text files, whose ids are made by the indexer.
    public var id: String? = nil
    /// The document title given by the source (JSONL `title`).
    public var title: String? = nil
}

/// Splits a text file into paragraphs: blocks separated by blank lines; in a file without blank lines, every
/// line. Markdown headings (`# …`) are not paragraphs: they become the heading of the paragraphs below them.
public enum Paragraphs {
    public static func split(_ text: String, markdown: Bool) -> [Paragraph] {
        // lines and blank lines found on bytes: splitting Characters costs more than tagging some passages
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        while let newline = utf8[start...].firstIndex(of: 0x0A) {
            lines.append(Substring(utf8[start..<newline]))
            start = utf8.index(after: newline)
        }
        lines.append(Substring(utf8[start...]))
        if lines.last?.isEmpty == true { lines.removeLast() }
        let isBlank: (Substring) -> Bool = { line in
            line.utf8.allSatisfy { $0 == 0x20 || ($0 >= 0x09 && $0 <= 0x0D) }
                || (line.utf8.contains { $0 >= 0x80 } && line.allSatisfy(\.isWhitespaceFast))
        }
        let hasBlankLines = lines.contains(where: isBlank) && lines.contains(where: { !isBlank($0) })
        var result: [Paragraph] = []
        var heading: String?
        var block: [Substring] = []
        var blockLine = 0
        func flush() {
            guard !block.isEmpty else { return }
            let joined = block.map { $0.trimming(" \t") }.joined(separator: " ")
            result.append(Paragraph(text: joined, heading: heading, line: blockLine))
            block.removeAll()
        }
        for (n, line) in lines.enumerated() {
            if isBlank(line) {
                flush()
                continue
            }
            if markdown, let h = markdownHeading(line) {
                flush()
                heading = h
                continue
            }
            if block.isEmpty { blockLine = n + 1 }
            block.append(line)
            if !hasBlankLines { flush() }
        }
        flush()
        return result
    }

    /// "## Trade and investment" → "Trade and investment".
    static func markdownHeading(_ line: Substring) -> String? {
        let trimmed = line.drop(while: { $0 == " " })
        guard trimmed.hasPrefix("#") else { return nil }
        let hashes = trimmed.prefix(while: { $0 == "#" })
        guard hashes.count <= 6 else { return nil }
        let rest = trimmed.dropFirst(hashes.count)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        let title = rest.trimming(" \t#")
        return title.isEmpty ? nil : title
    }
}
