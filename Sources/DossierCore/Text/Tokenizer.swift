/// A word, number or punctuation mark of a passage, with its UTF-8 byte range in the passage text.
public struct Token: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case word
        case number
        case punctuation
    }

    public let kind: Kind
    /// The token as written: its own string (short ones are stored inline, so copying a token costs no reference
    /// counting, as a slice of the passage did: a tenth of the tagging time).
    public let text: String
    /// UTF-8 offsets into the passage text.
    public let start: Int
    public let end: Int
    /// Whitespace before this token.
    public let spaceBefore: Bool

    public var isWord: Bool { kind == .word }
    public var isNumber: Bool { kind == .number }
    public var isCapitalized: Bool {
        guard kind == .word, let b = text.utf8.first else { return false }
        // an ASCII first byte decides (a combining mark after it keeps its case); taking the first Character
        // costs grapheme breaking, a tenth of the tagging time
        return b < 0x80 ? b >= 0x41 && b <= 0x5A : text.first?.isUppercase ?? false
    }
    public func isPunctuation(_ s: String) -> Bool { kind == .punctuation && text == s }
    /// The folded form (lowercase, no diacritics), for dictionary look-ups.
    public var folded: String { TextFolding.fold(text) }
    /// What the taggers look a token up by: its folded form, or punctuation as it is (the `folded` arrays of
    /// `EntityTagger.tag`, `EventCoder`, `LanguageDetector`).
    public var lookupForm: String { kind == .punctuation ? text : folded }
}

/// Splits text into tokens in one pass: words keep inner hyphens and apostrophes ("China-EU", "year-on-year"),
/// a trailing possessive "'s" is its own token, numbers keep inner dots and commas ("29.71", "1,000"),
/// a hyphen or dash between two numbers is punctuation (so "2016-2019" is a range).
///
/// It reads UTF-8 bytes, with Unicode properties looked up only for non-ASCII scalars: walking Characters
/// (grapheme clusters) made tokenizing the largest part of tagging.
public enum Tokenizer {
    public static func tokenize(_ text: String) -> [Token] {
        var copy = text  // shares the storage: no copy when the string is already contiguous UTF-8
        return copy.withUTF8 { bytes in tokenize(text, bytes) }
    }

    /// A scalar's class, from its first byte when it is ASCII.
    private enum Class { case space, digit, letter, ideograph, number, mark, joiner, other }

    @inline(__always)
    private static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: Unicode.Scalar, width: Int) {
        let c0 = UInt32(b[i])
        if c0 < 0x80 { return (Unicode.Scalar(UInt8(c0)), 1) }
        var width = 1, value: UInt32
        if c0 >= 0xF0 { width = 4; value = c0 & 0x07 } else if c0 >= 0xE0 { width = 3; value = c0 & 0x0F } else { width = 2; value = c0 & 0x1F }
        for k in 1..<width { value = value << 6 | UInt32(b[i + k] & 0x3F) }  // a Swift String holds valid UTF-8
        return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }

    @inline(__always)
    private static func classify(_ scalar: Unicode.Scalar) -> Class {
        let v = scalar.value
        if v < 0x80 {
            if v == 0x20 || (v >= 0x09 && v <= 0x0D) { return .space }
            if v >= 0x30 && v <= 0x39 { return .digit }
            if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { return .letter }
            return .other
        }
        return classifyBeyondASCII(scalar)
    }

    /// `classify` for the rest of Unicode: apart, so that the ASCII path stays small enough to inline.
    @inline(never)
    private static func classifyBeyondASCII(_ scalar: Unicode.Scalar) -> Class {
        let v = scalar.value
        // Chinese and Japanese are written without spaces: each ideograph or kana is a word of its own
        if CJKText.isIdeograph(v) { return .ideograph }
        let p = scalar.properties
        if p.isWhitespace { return .space }
        if p.isAlphabetic { return .letter }
        if p.numericType != nil { return .number }
        switch p.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        default: break
        }
        // zero-width joiner, variation selectors, emoji modifiers: parts of the character before them
        if v == 0x200D || (0xFE00...0xFE0F).contains(v) || (0x1F3FB...0x1F3FF).contains(v) || (0xE0020...0xE007F).contains(v) { return .joiner }
        return .other
    }

    private static func tokenize(_ text: String, _ b: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 5)
        let n = b.count
        func piece(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        }
        func isLetterOrNumber(_ i: Int) -> Bool {
            guard i < n else { return false }
            let c = classify(decode(b, i).scalar)
            return c == .letter || c == .number || c == .digit
        }
        var i = 0
        var space = true
        while i < n {
            let (scalar, width) = decode(b, i)
            let cls = classify(scalar)
            if cls == .space {
                space = true
                i += width
                continue
            }
            let start = i
            if cls == .digit {
                // digits, with inner . or , followed by a digit
                var end = i + 1
                while end < n {
                    let d = b[end]
                    if d >= 0x30 && d <= 0x39 {
                        end += 1
                    } else if (d == 0x2E || d == 0x2C), end + 1 < n, b[end + 1] >= 0x30 && b[end + 1] <= 0x39 {
                        end += 1
                    } else {
                        break
                    }
                }
                // a number glued to letters ("17th", "2nd", "5G") is one word
                var kind = Token.Kind.number
                while end < n {
                    let (s, w) = decode(b, end)
                    guard classify(s) == .letter else { break }
                    end += w
                    kind = .word
                }
                tokens.append(Token(kind: kind, text: piece(start, end), start: start, end: end, spaceBefore: space))
                i = end
            } else if cls == .ideograph {
                tokens.append(Token(kind: .word, text: piece(start, i + width), start: start, end: i + width, spaceBefore: space))
                i += width
            } else if cls == .letter || cls == .number {
                var end = i + width
                while end < n {
                    let (s, w) = decode(b, end)
                    let c = classify(s)
                    if c == .letter || c == .number || c == .digit || c == .mark {
                        end += w
                    } else if s == "-" || s == "'" || s == "\u{2019}" {
                        guard isLetterOrNumber(end + w) else { break }
                        // keep "'s" as a separate token
                        if s != "-" {
                            let next = b[end + w]
                            if (next == 0x73 || next == 0x53) && (end + w + 1 == n || classify(decode(b, end + w + 1).scalar) != .letter) { break }
                        }
                        end += w
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .word, text: piece(start, end), start: start, end: end, spaceBefore: space))
                i = end
            } else {
                // one character: the scalar and any marks, joiners and joined scalars after it
                var end = i + width
                while end < n {
                    let (s, w) = decode(b, end)
                    let c = classify(s)
                    if c == .mark { end += w; continue }
                    if c == .joiner {
                        end += w
                        if s.value == 0x200D, end < n { end += decode(b, end).width }
                        continue
                    }
                    break
                }
                tokens.append(Token(kind: .punctuation, text: piece(start, end), start: start, end: end, spaceBefore: space))
                i = end
            }
            space = false
        }
        return tokens
    }
}

/// Character classes with an ASCII fast path: Unicode property look-ups are slow otherwise.
extension Character {
    @inline(__always) var isWhitespaceFast: Bool {
        if let a = asciiValue { return a == 0x20 || (a >= 0x09 && a <= 0x0D) }
        return isWhitespace
    }
}
