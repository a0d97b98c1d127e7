/// A word, number or punctuation mark of a passage, with its UTF-8 byte range in the passage text.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case word
        case number
        case punctuation
    }

    public let kind: Kind
    public let text: Substring
    /// UTF-8 offsets into the passage text.
    public let start: Int
    public let end: Int
    /// Whitespace before this token.
    public let spaceBefore: Bool

    public var isWord: Bool { kind == .word }
    public var isNumber: Bool { kind == .number }
    public var isCapitalized: Bool { kind == .word && (text.first?.isUpperFast ?? false) }
    public func isPunctuation(_ s: String) -> Bool { kind == .punctuation && text == s }
    /// The folded form (lowercase, no diacritics), for dictionary look-ups.
    public var folded: String { TextFolding.fold(String(text)) }
}

/// Splits text into tokens in one pass: words keep inner hyphens and apostrophes ("China-EU", "year-on-year"),
/// a trailing possessive "'s" is its own token, numbers keep inner dots and commas ("29.71", "1,000"),
/// a hyphen or dash between two numbers is punctuation (so "2016-2019" is a range).
public enum Tokenizer {
    public static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var index = text.startIndex
        var offset = 0
        var space = true
        while index < text.endIndex {
            let c = text[index]
            let width = c.utf8.count
            if c.isWhitespaceFast {
                space = true
                index = text.index(after: index)
                offset += width
                continue
            }
            let startIndex = index
            let startOffset = offset
            if c.isNumber && c.isASCII {
                // digits, with inner . or , followed by a digit
                var end = text.index(after: index)
                var endOffset = offset + 1
                while end < text.endIndex {
                    let d = text[end]
                    if d.isASCII && d.isNumber {
                        end = text.index(after: end)
                        endOffset += 1
                    } else if d == "." || d == "," {
                        let next = text.index(after: end)
                        if next < text.endIndex, text[next].isASCII, text[next].isNumber {
                            end = next
                            endOffset += 1
                        } else {
                            break
                        }
                    } else {
                        break
                    }
                }
                // a number glued to letters ("17th", "2nd", "5G") is one word
                var kind = Token.Kind.number
                while end < text.endIndex, text[end].isLetterFast {
                    endOffset += text[end].utf8.count
                    end = text.index(after: end)
                    kind = .word
                }
                tokens.append(Token(kind: kind, text: text[startIndex..<end], start: startOffset, end: endOffset, spaceBefore: space))
                index = end
                offset = endOffset
            } else if c.isLetterFast || c.isNumberFast {
                var end = text.index(after: index)
                var endOffset = offset + width
                while end < text.endIndex {
                    let d = text[end]
                    if d.isLetterFast || d.isNumberFast || !d.isASCII && d.unicodeScalars.first!.properties.generalCategory == .nonspacingMark {
                        endOffset += d.utf8.count
                        end = text.index(after: end)
                    } else if d == "-" || d == "'" || d == "\u{2019}" {
                        let next = text.index(after: end)
                        guard next < text.endIndex, text[next].isLetterFast || text[next].isNumberFast else { break }
                        // keep "'s" as a separate token
                        if d != "-" {
                            let after = text.index(after: next)
                            if (text[next] == "s" || text[next] == "S") && (after == text.endIndex || !(text[after].isLetterFast)) { break }
                        }
                        endOffset += d.utf8.count
                        end = next
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .word, text: text[startIndex..<end], start: startOffset, end: endOffset, spaceBefore: space))
                index = end
                offset = endOffset
            } else {
                let end = text.index(after: index)
                tokens.append(Token(kind: .punctuation, text: text[startIndex..<end], start: startOffset, end: offset + width, spaceBefore: space))
                index = end
                offset += width
            }
            space = false
        }
        return tokens
    }
}

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

    public static func split(_ tokens: [Token]) -> [Sentence] {
        var sentences: [Sentence] = []
        var first = 0
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .punctuation, t.text == "." || t.text == "!" || t.text == "?" {
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

/// Character classes with an ASCII fast path: Unicode property look-ups dominate tokenizing otherwise.
extension Character {
    @inline(__always) var isLetterFast: Bool {
        if let a = asciiValue { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A }
        return isLetter
    }
    @inline(__always) var isNumberFast: Bool {
        if let a = asciiValue { return a >= 0x30 && a <= 0x39 }
        return isNumber
    }
    @inline(__always) var isWhitespaceFast: Bool {
        if let a = asciiValue { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
        return isWhitespace
    }
    @inline(__always) var isUpperFast: Bool {
        if let a = asciiValue { return a >= 0x41 && a <= 0x5A }
        return isUppercase
    }
}
