import Foundation
import Testing
import TestSupport
@testable import DossierCore

/// The tokenizer as it was, walking Characters (grapheme clusters): the reference the byte tokenizer must match.
enum CharacterTokenizer {
    static func tokenize(_ text: String) -> [Token] {
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
            if c.isIdeograph {
                // Chinese and Japanese characters: a word each
                let end = text.index(after: index)
                tokens.append(Token(kind: .word, text: String(text[startIndex..<end]), start: startOffset, end: offset + width, spaceBefore: space))
                index = end
                offset += width
            } else if c.isNumber && c.isASCII {
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
                while end < text.endIndex, text[end].isLetterFast, !text[end].isIdeograph {
                    endOffset += text[end].utf8.count
                    end = text.index(after: end)
                    kind = .word
                }
                tokens.append(Token(kind: kind, text: String(text[startIndex..<end]), start: startOffset, end: endOffset, spaceBefore: space))
                index = end
                offset = endOffset
            } else if c.isLetterFast || c.isNumberFast {
                var end = text.index(after: index)
                var endOffset = offset + width
                while end < text.endIndex {
                    let d = text[end]
                    if (d.isLetterFast || d.isNumberFast) && !d.isIdeograph || !d.isASCII && d.unicodeScalars.first!.properties.generalCategory == .nonspacingMark {
                        endOffset += d.utf8.count
                        end = text.index(after: end)
                    } else if d == "-" || d == "'" || d == "\u{2019}" {
                        let next = text.index(after: end)
                        guard next < text.endIndex, (text[next].isLetterFast || text[next].isNumberFast) && !text[next].isIdeograph else { break }
                        // keep "'s" as a separate token
                        if d != "-" {
                            let after = text.index(after: next)
                            if (text[next] == "s" || text[next] == "S") && (after == text.endIndex || !(text[after].isLetterFast) || text[after].isIdeograph) { break }
                        }
                        endOffset += d.utf8.count
                        end = next
                    } else {
                        break
                    }
                }
                tokens.append(Token(kind: .word, text: String(text[startIndex..<end]), start: startOffset, end: endOffset, spaceBefore: space))
                index = end
                offset = endOffset
            } else {
                let end = text.index(after: index)
                tokens.append(Token(kind: .punctuation, text: String(text[startIndex..<end]), start: startOffset, end: offset + width, spaceBefore: space))
                index = end
                offset += width
            }
            space = false
        }
        return tokens
    }
}


extension Character {
    var isIdeograph: Bool { CJKText.isIdeograph(unicodeScalars.first!.value) }
    var isLetterFast: Bool {
        if let a = asciiValue { return (a | 0x20) >= 0x61 && (a | 0x20) <= 0x7A }
        return isLetter
    }
    var isNumberFast: Bool {
        if let a = asciiValue { return a >= 0x30 && a <= 0x39 }
        return isNumber
    }
}

@Suite struct TokenizerTests {
    static func same(_ text: String) -> Bool {
        let a = Tokenizer.tokenize(text), b = CharacterTokenizer.tokenize(text)
        return a.count == b.count && zip(a, b).allSatisfy {
            $0.kind == $1.kind && String($0.text) == String($1.text) && $0.start == $1.start && $0.end == $1.end && $0.spaceBefore == $1.spaceBefore
        }
    }

    /// Every passage of the bundled corpus, tricky strings, and 20,000 random ones over an alphabet of
    /// letters, digits, accents, CJK, quotes, dashes and spaces: the same tokens as the Character tokenizer.
    @Test func bytesGiveTheSameTokensAsCharacters() throws {
        let corpus = try String(contentsOf: Bundled.corpus.appendingPathComponent("china-belgium.txt"), encoding: .utf8)
        #expect(Self.same(corpus))
        for text in ["", " ", "China-EU year-on-year", "Belgium's King", "BELGIUM’S", "it's", "29.71 1,000 2016-2019",
                     "17th 2nd 5G", "Liège Zoë São Paulo", "中国 比利时", "“quoted” — dash", "a-", "-a", "'s", "x's'",
                     "1.", "1.a", "a1.5b", "\t\n\r\n", "U+00A0:\u{00A0}here", "١٢٣ Arabic digits", "½ ²"] {
            #expect(Self.same(text), "\(text)")
        }
        let alphabet = Array("aZé ü中1 9.,-'’s\n\t—“”()!?ÉÑ文٣")
        var rng = SeededGenerator()
        print("bytesGiveTheSameTokensAsCharacters: \(rng)")
        for _ in 0..<20_000 {
            let text = String((0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            #expect(Self.same(text), "\(text.debugDescription), \(rng)")
        }
    }

    /// Characters of several scalars stay one token: accents written as combining marks, emoji sequences.
    @Test func multiScalarCharacters() {
        let words = Tokenizer.tokenize("Lie\u{0300}ge, 👍🏽 and 👨‍👩‍👧 ok")
        #expect(words.map { String($0.text) } == ["Lie\u{0300}ge", ",", "👍🏽", "and", "👨‍👩‍👧", "ok"])
        #expect(words[0].end == "Lie\u{0300}ge".utf8.count)
    }
}
