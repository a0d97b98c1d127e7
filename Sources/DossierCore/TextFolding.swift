import Foundation

/// Case and diacritic folding, applied identically at index and query time ("Liège" = "Liege" = "LIEGE").
public enum TextFolding {
    /// Removes diacritics (combining marks after canonical decomposition, and the letters that do not
    /// decompose: ø, ł, đ, æ, œ, ß), keeping case. ASCII text is returned as is.
    public static func stripDiacritics(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
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
        stripDiacritics(text).lowercased()
    }

    /// Folded, with runs of whitespace collapsed to one space and the ends trimmed: the key of names and topics.
    public static func key(_ text: String) -> String {
        fold(text).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
