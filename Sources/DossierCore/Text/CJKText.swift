/// Chinese, Japanese and Korean characters in a text. Xapian 1.4 indexes them as overlapping one- and
/// two-character terms (`FLAG_CJK_NGRAM`), but under `STEM_ALL_Z` (Dossier's strategy) its term generator gives
/// those terms the stemming prefix `Z` where its query parser looks for them without it (except in phrases): so
/// `DocumentBuilder` indexes a passage's CJK runs a second time, unstemmed and without positions.
public enum CJKText {
    /// Ideographs and kana (`isIdeograph`), Hangul, and CJK and full-width punctuation.
    static func isCJK(_ v: UInt32) -> Bool {
        isIdeograph(v) || (0x3000...0x303F).contains(v) || (0xAC00...0xD7AF).contains(v) || (0xFF00...0xFFEF).contains(v)
    }

    /// Han ideographs and kana, which are written without spaces between words: `Tokenizer` makes each one a word.
    static func isIdeograph(_ v: UInt32) -> Bool {
        (0x3040...0x30FF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x20000...0x2FA1F).contains(v)
    }

    /// True when a line ending with `a` and one beginning with `b` join without a space: both meet on CJK
    /// characters (Chinese and Japanese have no spaces between words, so a word wrapped over two lines stays one).
    public static func joinWithoutSpace(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        guard let last = a.unicodeScalars.last, let first = b.unicodeScalars.first, last.value >= 0x3000, first.value >= 0x3000 else {
            return false
        }
        return isCJK(last.value) && isCJK(first.value)
    }

    /// A token that is one ideograph or kana (see `Tokenizer`).
    static func isIdeographToken(_ t: Token) -> Bool {
        guard t.kind == .word, let b = t.text.utf8.first, b >= 0xE3, let scalar = t.text.unicodeScalars.first else { return false }
        return isIdeograph(scalar.value)
    }

    /// The CJK runs of a text, separated by spaces; nil when it has none (most texts: decided on their bytes,
    /// without decoding them).
    public static func runs(_ text: String) -> String? {
        // every character above is 3 or 4 bytes in UTF-8, led by 0xE3–0xEF or 0xF0
        guard text.utf8.contains(where: { $0 >= 0xE3 && $0 <= 0xF0 }) else { return nil }
        var cjk = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isCJK(scalar.value) {
                cjk.append(scalar)
            } else if cjk.last.map({ $0 != " " }) ?? false {
                cjk.append(" ")
            }
        }
        return cjk.isEmpty ? nil : String(cjk)
    }

    /// The query with its quoted phrases of CJK text unquoted: Xapian 1.4 places a CJK run's one- and two-character
    /// terms so that its own phrase queries over them never match (`"外交关系"` finds nothing), while the words
    /// unquoted, every one required, find the passages that hold them.
    public static func unquotingPhrases(_ query: String) -> String {
        var parts = query.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return query }
        var out = parts.removeFirst()
        while parts.count >= 2 {
            let inside = parts.removeFirst(), after = parts.removeFirst()
            let cjkOnly = !inside.isEmpty && inside.unicodeScalars.allSatisfy { isCJK($0.value) || $0 == " " }
            out += cjkOnly ? " " + inside + " " : "\"" + inside + "\""
            out += after
        }
        if let unclosed = parts.first { out += "\"" + unclosed }
        return out
    }
}
