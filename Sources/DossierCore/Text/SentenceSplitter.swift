/// A sentence of a passage: a range of its tokens and of its UTF-8 bytes.
public struct Sentence: Sendable, Equatable {
    public let tokens: Range<Int>
    public let start: Int
    public let end: Int
}

/// Splits a token stream into sentences at `.`, `!`, `?` (and `;`-free text) followed by a capitalized word,
/// a number or a quote, except after abbreviations and initials.
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "no", "gen", "col", "lt", "sgt", "jr", "sr", "vs", "jan", "feb",
        "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "co", "inc", "ltd", "corp",
        "u.s", "e.g", "i.e", "approx", "dept", "est", "fig", "vol", "rev", "hon", "gov", "sen", "rep",
    ]

    /// A full stop, question or exclamation mark: a punctuation token that is one and nothing else (with a mark or
    /// joiner after it, "!\u{FE0F}", it is another character).
    static func isStop(_ mark: String) -> Bool { mark == "." || mark == "!" || mark == "?" }

    /// A Chinese or Japanese full stop, question or exclamation mark (its first byte read before any comparison).
    static func isCJKStop(_ mark: String) -> Bool {
        (mark.utf8.first ?? 0) >= 0xE3 && (mark == "。" || mark == "！" || mark == "？")
    }

    public static func split(_ tokens: [Token]) -> [Sentence] {
        var sentences: [Sentence] = []
        var first = 0
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .punctuation else {  // most tokens: no copy of them
                i += 1
                continue
            }
            let t = tokens[i]
            if isCJKStop(t.text) {
                // Chinese and Japanese full stops end a sentence whatever follows (no spaces, no capitals)
                sentences.append(Sentence(tokens: first..<(i + 1), start: tokens[first].start, end: t.end))
                first = i + 1
                i += 1
                continue
            }
            if isStop(t.text) {
                // swallow closing quotes and brackets after the stop
                var j = i + 1
                while j < tokens.count, tokens[j].kind == .punctuation, ["\"", "'", ")", "\u{201D}", "\u{2019}", "]"].contains(String(tokens[j].text)) {
                    j += 1
                }
                let boundary: Bool
                if j >= tokens.count {
                    boundary = true
                } else {
                    let next = tokens[j]
                    let startsNew = next.isCapitalized || next.isNumber
                        || (next.kind == .punctuation && ["\"", "\u{201C}", "(", "'"].contains(String(next.text)))
                    var abbreviation = false
                    if t.text == ".", i > 0, tokens[i - 1].isWord {
                        let prev = tokens[i - 1]
                        let word = prev.text.lowercased()
                        abbreviation = abbreviations.contains(word) || (prev.text.count == 1 && prev.isCapitalized)
                    }
                    boundary = startsNew && next.spaceBefore && !abbreviation
                }
                if boundary {
                    let last = min(j, tokens.count) - 1
                    sentences.append(Sentence(tokens: first..<(last + 1), start: tokens[first].start, end: tokens[last].end))
                    first = last + 1
                    i = first
                    continue
                }
            }
            i += 1
        }
        if first < tokens.count {
            sentences.append(Sentence(tokens: first..<tokens.count, start: tokens[first].start, end: tokens[tokens.count - 1].end))
        }
        return sentences
    }
}
