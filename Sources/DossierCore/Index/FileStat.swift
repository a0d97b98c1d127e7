#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// What one `dossier index` run did.

/// Size, mtime and passage count of an indexed file: the cheap check of what changed, kept in every shard.
public struct FileStat: Sendable, Equatable {
    public var size: Int64
    public var mtime: Int64
    public var passages: Int

    /// One `path<TAB>size<TAB>mtime<TAB>passages` line per file.
    static func encode(_ stats: [String: FileStat]) -> String {
        stats.keys.sorted().map { "\(escape($0))\t\(stats[$0]!.size)\t\(stats[$0]!.mtime)\t\(stats[$0]!.passages)" }.joined(separator: "\n")
    }

    /// File names may hold tabs, newlines and backslashes: written as `\t`, `\n`, `\\`.
    static func escape(_ path: String) -> String {
        // bytes, not Characters: faster (the stale-corpus check escapes every corpus path), and "\r\n" is one Character
        guard path.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C }) else { return path }
        // scalar by scalar: "\r\n" is one Character, whose "\n" a Character-wise replacement would miss
        var out = String.UnicodeScalarView()
        for scalar in path.unicodeScalars {
            switch scalar {
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    static func unescape(_ path: String) -> String {
        guard path.utf8.contains(0x5C) else { return path }  // no backslash: nothing escaped
        var out = ""
        var escaped = false
        for c in path {
            if escaped {
                out.append(c == "t" ? "\t" : c == "n" ? "\n" : c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func parse(_ text: String) -> [String: FileStat] {
        var stats: [String: FileStat] = [:]
        eachLine(text) { path, size, mtime, passages in
            stats[unescape(String(decoding: path, as: UTF8.self))] = FileStat(size: size, mtime: mtime, passages: passages)
        }
        return stats
    }

    /// Calls `body` with each line of `encode`'s text: the path's bytes as written (escaped), the size, the time, and
    /// the passage count (0 when absent or not a number). A line without a size and a time that read as numbers is
    /// skipped, and then the result is false. Read as bytes (tab and newline are ASCII), without a copy: splitting
    /// Characters cost milliseconds per thousand files, and `dossier search` reads these stats for its stale-corpus
    /// notice.
    @discardableResult
    static func eachLine(_ text: String, _ body: (UnsafeRawBufferPointer, Int64, Int64, Int) -> Void) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var wellFormed = true
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count && bytes[end] != 0x0A { end += 1 }
                var tabs: [Int] = []
                for i in start..<end where bytes[i] == 0x09 {
                    tabs.append(i)
                    if tabs.count == 4 { break }
                }
                if tabs.count >= 2, let size = integer(bytes, tabs[0] + 1, tabs[1]),
                   let mtime = integer(bytes, tabs[1] + 1, tabs.count > 2 ? tabs[2] : end) {
                    let passages = tabs.count > 2 ? integer(bytes, tabs[2] + 1, tabs.count > 3 ? tabs[3] : end).map { Int($0) } ?? 0 : 0
                    body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<tabs[0]]), size, mtime, passages)
                } else {
                    wellFormed = false
                }
                start = end + 1
            }
            return wellFormed
        }
    }

    /// A decimal integer with an optional sign from bytes[from..<to], as `Int64(String)` reads one; nil for anything
    /// else, or beyond Int64.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int64? {
        var i = from
        let negative = i < to && bytes[i] == 0x2D
        if i < to && (bytes[i] == 0x2D || bytes[i] == 0x2B) { i += 1 }
        guard i < to else { return nil }
        var value: Int64 = 0
        while i < to {
            let digit = bytes[i] &- 0x30
            guard digit < 10 else { return nil }
            // accumulated negative for a negative number, so that Int64.min reads too
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = negative ? times10.subtractingReportingOverflow(Int64(digit)) : times10.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = next
            i += 1
        }
        return value
    }
}
