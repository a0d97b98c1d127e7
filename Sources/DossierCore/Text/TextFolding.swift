#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
// The standard library's canonical decomposition (`String._nfd`, the one swift-foundation itself uses): Foundation's
// `decomposedStringWithCanonicalMapping` would link ICU into every command (see POSIX.swift).
@_spi(_Unicode) import Swift

/// Case and diacritic folding, applied identically at index and query time ("Liège" = "Liege" = "LIEGE").
public enum TextFolding {
    /// Removes diacritics (combining marks after canonical decomposition, and the letters that do not
    /// decompose: ø, ł, đ, æ, œ, ß), keeping case. ASCII text is returned as is.
    public static func stripDiacritics(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text._nfd {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark:
                continue
            default:
                if let replacement = extra[scalar] {
                    scalars.append(contentsOf: replacement.unicodeScalars)
                } else {
                    scalars.append(scalar)
                }
            }
        }
        return String(scalars)
    }

    private static let extra: [Unicode.Scalar: String] = [
        "ß": "ss", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i",
        "\u{2019}": "'", "\u{2018}": "'",
    ]

    /// Lowercased and diacritic-free: the form of every folded term.
    public static func fold(_ text: String) -> String {
        // a word in lower-case ASCII, most words of English text, is its own folded form: no new string
        if isLowerASCII(text) { return text }
        return fold(Substring(text))
    }

    /// Whether every byte of `text` is ASCII and none is a capital letter.
    @inline(__always) static func isLowerASCII(_ text: String) -> Bool {
        var text = text  // shares the storage: no copy when the string is already contiguous UTF-8
        return text.withUTF8 { bytes in !bytes.contains { $0 >= 0x80 || ($0 >= 65 && $0 <= 90) } }
    }

    /// The same for a slice of text (a token), without copying it first.
    public static func fold(_ text: Substring) -> String {
        // ASCII, nearly every token of English text: lowercased from the bytes in one pass (String's
        // `lowercased()` and the copy before it were a tenth of the tagging time)
        if let folded = text.utf8.withContiguousStorageIfAvailable(foldASCII), let folded { return folded }
        return stripDiacritics(String(text)).lowercased()
    }

    /// Lowercased (`String.lowercased()`), from the bytes when the text is ASCII.
    public static func lower(_ text: String) -> String {
        isLowerASCII(text) ? text : lower(Substring(text))
    }

    /// The same for a slice of text.
    public static func lower(_ text: Substring) -> String {
        if let lowered = text.utf8.withContiguousStorageIfAvailable(foldASCII), let lowered { return lowered }
        return text.lowercased()
    }

    private static func foldASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        for b in bytes where b >= 0x80 { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for i in 0..<bytes.count {
                let b = bytes[i]
                out[i] = b >= 65 && b <= 90 ? b + 32 : b  // A-Z
            }
            return bytes.count
        }
    }

    /// The number of letters of `text` when none of them is lowercase ("BILATERAL RELATIONS" → 18, "2008" → 0), nil
    /// when one is: headings in capitals, names written in capitals, queries typed in capitals.
    public static func capitalLetters(_ text: String) -> Int? {
        var letters = 0
        for s in text.unicodeScalars where s.properties.isAlphabetic {
            if s.properties.isLowercase { return nil }
            letters += 1
        }
        return letters
    }

    /// Whether `text` contains `part`, compared byte for byte (both folded keys: `String.contains` compares
    /// Characters, a fifth of `dossier ask` over 2,000 passages).
    public static func contains(_ text: String, _ part: String) -> Bool {
        var text = text, part = part
        return text.withUTF8 { t in
            part.withUTF8 { p in
                guard let first = p.first else { return true }
                guard t.count >= p.count else { return false }
                for i in 0...(t.count - p.count) where t[i] == first && memcmp(t.baseAddress! + i, p.baseAddress!, p.count) == 0 {
                    return true
                }
                return false
            }
        }
    }

    /// Folded, with runs of whitespace collapsed to one space and the ends trimmed: the key of names and topics.
    public static func key(_ text: String) -> String {
        let folded = fold(text)
        // ASCII (nearly every name): from the bytes, where splitting Characters cost 2% of a build
        if let key = folded.utf8.withContiguousStorageIfAvailable({ collapseASCIISpaces($0, folded) }), let key { return key }
        return folded.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text` (whose bytes are `bytes`) with ASCII whitespace collapsed and trimmed; nil if it is not all ASCII.
    private static func collapseASCIISpaces(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String) -> String? {
        @inline(__always) func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var clean = true  // already a key: no space but single ones between words
        for (i, b) in bytes.enumerated() {
            if b >= 0x80 { return nil }
            if isSpace(b), b != 0x20 || i == 0 || i == bytes.count - 1 || bytes[i - 1] == 0x20 { clean = false }
        }
        if clean { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for b in bytes {
            if isSpace(b) {
                if out.last != 0x20 && !out.isEmpty { out.append(0x20) }
            } else {
                out.append(b)
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }
}
