extension StringProtocol where SubSequence == Substring {
    /// The parts between every `separator`, an ASCII byte (a tab, a newline, `|`), empty parts kept. The bundled
    /// tables are read with it: `split(separator:)` compares Characters, and reading the verb table that way took
    /// ~15 ms of every `dossier ask`.
    func parts(separatedBy separator: UInt8) -> [Substring] {
        var parts: [Substring] = []
        forEachPart(separatedBy: separator) { parts.append($0) }
        return parts
    }

    /// Each of `parts(separatedBy:)` in turn, without an array of them (the lines of a large table).
    func forEachPart(separatedBy separator: UInt8, _ body: (Substring) throws -> Void) rethrows {
        let bytes = utf8
        var start = bytes.startIndex
        var i = start
        while i != bytes.endIndex {
            if bytes[i] == separator {
                try body(self[start..<i])
                start = bytes.index(after: i)
            }
            i = bytes.index(after: i)
        }
        try body(self[start..<bytes.endIndex])
    }

    /// The lines of a table that are not empty and not `#` comments, each as its tab-separated fields.
    func tableRows() -> [[Substring]] {
        parts(separatedBy: UInt8(ascii: "\n")).compactMap { line in
            line.isEmpty || line.utf8.first == UInt8(ascii: "#") ? nil : line.parts(separatedBy: UInt8(ascii: "\t"))
        }
    }

    /// The parts between every `separator`, empty ones dropped ("a  b" has two words).
    func words(separatedBy separator: UInt8) -> [Substring] {
        parts(separatedBy: separator).filter { !$0.isEmpty }
    }

    /// The first of `words(separatedBy:)`, found without splitting the rest; nil when there is none.
    func firstWord(separatedBy separator: UInt8) -> Substring? {
        let bytes = utf8
        guard let start = bytes.firstIndex(where: { $0 != separator }) else { return nil }
        return self[start..<(bytes[start...].firstIndex(of: separator) ?? bytes.endIndex)]
    }
}
