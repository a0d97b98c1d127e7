#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import DossierCore

/// A JSON value with ordered object keys, so output reads in a stable, documented order.
package enum JSON {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    package static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }
    package static func optional(_ s: String?) -> JSON { s.map(JSON.string) ?? .null }

    package var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    package func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d):
            if d.isFinite {
                let rounded = (d * 10000).rounded() / 10000
                out += rounded == rounded.rounded() && abs(rounded) < 1e15 ? Formatting.fixed(rounded, places: 1) : String(rounded)
            } else {
                out += "null"
            }
        case let .string(s): Self.escape(s, into: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(into: &out)
            }
            out += "]"
        case let .object(pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += ", " }
                Self.escape(key, into: &out)
                out += ": "
                value.write(into: &out)
            }
            out += "}"
        }
    }

    package static func escape(_ s: String, into out: inout String) {
        out += "\""
        // most strings need no escape: appended whole (a search's output escapes ~10 KB of passage text)
        if !needsEscape(s) {
            out += s
            out += "\""
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    /// Whether a string holds a quote, a backslash, a control character, or U+2028 or U+2029 (E2 80 A8/A9).
    package static func needsEscape(_ s: String) -> Bool {
        var before: UInt8 = 0, last: UInt8 = 0
        for byte in s.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C { return true }
            if (byte == 0xA8 || byte == 0xA9) && last == 0x80 && before == 0xE2 { return true }
            (before, last) = (last, byte)
        }
        return false
    }
}
