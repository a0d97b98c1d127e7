#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// A file of the corpus as found on disk (no content read yet).
public struct CorpusFile: Sendable, Equatable {
    /// Path relative to the corpus folder, with `/` separators.
    public let path: String
    /// The file's path on disk.
    public let fullPath: String
    public var url: URL { URL(fileURLWithPath: fullPath) }
    public let size: Int64
    /// Modification time, nanoseconds since 1970.
    public let mtime: Int64
}

/// A one-line problem with one file, shown to the user on stderr.
public struct Warning: Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "warning: \(DossierError.oneLine(file)): \(message)" }

    package init(file: String, message: String) {
        self.file = file
        self.message = message
    }
}

/// Finds the text files of a corpus folder and reads them safely.
public enum CorpusReader {
    /// File extensions indexed as text.
    public static let textExtensions: Set<String> = Set(["txt", "md", "markdown", JSONLReader.fileExtension]).union(DocumentReader.extensions)

    /// The lowercased extension of a file name ("" when it has none), as URL.pathExtension gives it.
    package static func pathExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Whether a file name has one of `textExtensions`, in any case. ASCII extensions are compared as bytes (no
    /// lowercased copy per file: the stale-corpus check asks for every corpus file).
    static func hasTextExtension(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let dot = utf8.lastIndex(of: 0x2E), dot != utf8.startIndex else { return false }
        let ext = utf8[utf8.index(after: dot)...]
        guard ext.allSatisfy({ $0 < 0x80 }) else { return textExtensions.contains(pathExtension(name)) }
        return textExtensionBytes.contains { ext.elementsEqual($0) { a, b in (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == b } }
    }

    private static let textExtensionBytes = textExtensions.map { Array($0.utf8) }

    /// Every `.txt`, `.md`, `.jsonl` and `.html` file below `root`, recursively, following symbolic links but never looping.
    /// Unreadable folders produce warnings.
    public static func scan(_ root: URL, warnings: inout [Warning]) -> [CorpusFile] {
        var files: [CorpusFile] = []
        visit(root.path, inOrder: true, warnings: &warnings) { relative, folder, name, size, mtime in
            let fullPath = folder.isEmpty ? name : folder.hasSuffix("/") ? folder + name : folder + "/" + name
            files.append(CorpusFile(path: relative, fullPath: fullPath, size: size, mtime: mtime))
        }
        return files.sorted { $0.path < $1.path }
    }

    /// Calls `body` with each text file of the corpus at `root` (a folder, or a single file): its path relative to
    /// the corpus, its folder and name on disk (the folder is empty for a single file), its size and modification
    /// time in nanoseconds. Each folder's names are visited in order when `inOrder`, else as the folder lists them.
    /// Paths are built as strings and files looked up relative to their open folder: URL arithmetic and whole-path
    /// lookups cost more than the `stat` calls on a large corpus, and `dossier search` visits the corpus for its
    /// stale-corpus notice.
    static func visit(_ root: String, inOrder: Bool, warnings: inout [Warning],
                      _ body: (_ relative: String, _ folder: String, _ name: String, _ size: Int64, _ mtime: Int64) -> Void) {
        func nanoseconds(_ st: stat) -> Int64 { Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec) }
        // a single file given as the corpus (a .jsonl collection)
        var rootStat = stat()
        if stat(root, &rootStat) == 0, (rootStat.st_mode & S_IFMT) == S_IFREG {
            body(URL(fileURLWithPath: root).lastPathComponent, "", root, Int64(rootStat.st_size), nanoseconds(rootStat))
            return
        }
        var visited = Set<String>()
        func walk(_ dir: String, _ relative: String) {
            var st = stat()
            guard stat(dir, &st) == 0 else {
                warnings.append(Warning(file: relative.isEmpty ? dir : relative, message: "cannot read folder (\(String(cString: strerror(errno))))"))
                return
            }
            let key = "\(st.st_dev):\(st.st_ino)"
            guard visited.insert(key).inserted else {
                warnings.append(Warning(file: relative, message: "symbolic link loop, skipped"))
                return
            }
            guard let folder = opendir(dir) else {
                warnings.append(Warning(file: relative.isEmpty ? "." : relative, message: "cannot list folder"))
                return
            }
            defer { closedir(folder) }
            let fd = dirfd(folder)
            var names: [String] = []
            while true {
                errno = 0
                guard let entry = readdir(folder) else {
                    // the end, or an error (errno set): the names so far are kept
                    if errno != 0 {
                        warnings.append(Warning(file: relative.isEmpty ? "." : relative, message: "cannot list folder (\(String(cString: strerror(errno))))"))
                    }
                    break
                }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
                if !name.hasPrefix(".") { names.append(name) }
            }
            if inOrder { names.sort() }
            for name in names {
                let rel = relative.isEmpty ? name : relative + "/" + name
                var fst = stat()
                guard fstatat(fd, name, &fst, 0) == 0 else {
                    let code = errno
                    var lst = stat()
                    if fstatat(fd, name, &lst, AT_SYMLINK_NOFOLLOW) == 0, (lst.st_mode & S_IFMT) == S_IFLNK {
                        // a link in a loop (ELOOP), or a dangling one: a text file that cannot be read is said
                        if code == ELOOP {
                            warnings.append(Warning(file: rel, message: "symbolic link loop, skipped"))
                        } else if hasTextExtension(name) {
                            warnings.append(Warning(file: rel, message: "symbolic link to a missing file, skipped"))
                        }
                    } else {
                        warnings.append(Warning(file: rel, message: "cannot stat (\(String(cString: strerror(code))))"))
                    }
                    continue
                }
                if (fst.st_mode & S_IFMT) == S_IFDIR {
                    walk(dir.hasSuffix("/") ? dir + name : dir + "/" + name, rel)
                } else if (fst.st_mode & S_IFMT) == S_IFREG, hasTextExtension(name) {
                    body(rel, dir, name, Int64(fst.st_size), nanoseconds(fst))
                }
            }
        }
        walk(root, "")
    }

    /// The text of a file as UTF-8: BOM dropped (UTF-16 with its BOM read as such), CRLF and CR made LF, NUL made
    /// space; a file with no UTF-8 character of two bytes or more but bytes above 0x7F read as Windows-1252 (with a
    /// warning), else invalid bytes replaced (with a warning naming the first bad line); a document's, by `documents`. Throws a warning if the file cannot
    /// be read.
    public static func read(_ file: CorpusFile, documents: DocumentReader?) throws(Warning) -> (text: String, warnings: [Warning]) {
        if DocumentReader.isDocument(file.path) {
            guard let documents else { throw kept(file, "is a document, which only `dossier index` reads") }
            return try documents.read(file)
        }
        guard let bytes = readAll(file.fullPath) else { throw kept(file, unreadable(file, or: "cannot read")) }
        return decode(bytes, name: file.path)
    }

    /// The bytes of a file (its first `limit` bytes at most), read with POSIX calls (Foundation's
    /// `FileManager.contents` leaks a buffer on Linux, as LeakSanitizer shows), or nil if it cannot be read.
    package static func readAll(_ path: String, limit: Int = .max) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        let expected = fstat(fd, &st) == 0 && st.st_size > 0 ? Int(st.st_size) : 0
        return FilePaths.readAll(fd: fd, limit: limit, expected: expected)
    }

    /// A file that could not be read, whose passages stay in the index as they were.
    package static func kept(_ file: CorpusFile, _ reason: String) -> Warning {
        Warning(file: file.path, message: "\(reason); its passages are kept as they were")
    }

    /// "permission denied" when the file cannot be opened for reading, else `reason`.
    package static func unreadable(_ file: CorpusFile, or reason: String) -> String {
        access(file.fullPath, R_OK) != 0 ? "permission denied" : reason
    }

    /// Decodes bytes as UTF-8 text with the repairs described in `read`.
    public static func decode(_ input: [UInt8], name: String) -> (text: String, warnings: [Warning]) {
        var bytes = input
        var warnings: [Warning] = []
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // UTF-16 with its byte-order mark (Notepad's "Unicode"): as UTF-8
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let little = bytes[0] == 0xFF
            let units = stride(from: 2, to: bytes.count - 1, by: 2).map { i in
                little ? UInt16(bytes[i]) | UInt16(bytes[i + 1]) << 8 : UInt16(bytes[i]) << 8 | UInt16(bytes[i + 1])
            }
            bytes = Array(String(decoding: units, as: UTF16.self).utf8)
        }
        if bytes.contains(0) {
            warnings.append(Warning(file: name, message: "contains NUL bytes; read as spaces"))
            for i in bytes.indices where bytes[i] == 0 { bytes[i] = 0x20 }
        }
        var text: String
        if let valid = String(validating: bytes, as: UTF8.self) {
            text = valid
        } else if !hasUTF8Sequence(bytes) {
            // no character of two bytes or more anywhere: a file saved in Windows' Western encoding (é is one byte)
            text = windows1252(bytes)
            warnings.append(Warning(file: name, message: "not UTF-8; read as Windows-1252 (Western European)"))
        } else {
            text = String(decoding: bytes, as: UTF8.self)
            let line = firstInvalidLine(bytes)
            warnings.append(Warning(file: name, message: "line \(line): invalid UTF-8, bad bytes replaced with U+FFFD"))
        }
        if bytes.contains(0x0D) {  // bytes, not text.contains("\r"): Foundation's String search is slow
            text = normalizingLineEnds(text)
        }
        return (text, warnings)
    }

    /// Whether the bytes hold a well-formed UTF-8 sequence of two bytes or more (then they are UTF-8 with errors,
    /// not text in a one-byte encoding).
    static func hasUTF8Sequence(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 1
            if length > 1, i + length <= bytes.count, bytes[(i + 1)..<(i + length)].allSatisfy({ $0 & 0xC0 == 0x80 }) { return true }
            i += 1
        }
        return false
    }

    /// Bytes in Windows-1252 (the WHATWG Encoding Standard's table: 0x80–0x9F as its punctuation and letters, the
    /// five bytes it leaves free as the C1 controls of the same number, the rest as Latin-1).
    static func windows1252(_ bytes: [UInt8]) -> String {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
                              0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        var out = String.UnicodeScalarView()
        for b in bytes {
            out.append(Unicode.Scalar(b >= 0x80 && b <= 0x9F ? high[Int(b) - 0x80] : UInt32(b))!)
        }
        return String(out)
    }

    /// CR LF and lone CR as LF, scalar by scalar (a CR LF pair is one Character).
    static func normalizingLineEnds(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" && afterCR {
                afterCR = false
                continue
            }
            afterCR = scalar == "\r"
            out.append(afterCR ? "\n" : scalar)
        }
        return String(out)
    }

    static func firstInvalidLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
    }
}

extension Warning: Error {}
