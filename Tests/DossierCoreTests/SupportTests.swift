import Foundation
import Testing
import TestSupport
@testable import DossierCore

/// The C-library services that replace swift-corelibs-foundation's (POSIX.swift), and the readers that moved off
/// it: each gives what Foundation gave.
@Suite struct SupportTests {
    @Test func wordTableAnswersAsADictionary() {
        // the taggers' word tables replace dictionaries of folded words: the same value for every member, nil for
        // every other word (longer ones, shorter ones, prefixes, capitals, the empty word); words are compared byte
        // for byte, so an accent written as a combining mark is another word (the taggers fold words first)
        var generator = SeededGenerator()
        print("wordTableAnswersAsADictionary: \(generator)")
        func word() -> String {
            String((0..<Int.random(in: 1...12, using: &generator)).map { _ in "abcdefghijklmnopqrstuvwxyzé 中".randomElement(using: &generator)! })
        }
        var members: [String: Int] = [:]
        for n in 0..<8_000 { members[word()] = n }
        let table = WordTable(members)
        #expect(table.count == members.count && Set(table.words) == Set(members.keys))
        #expect(members.allSatisfy { table[$0.key] == $0.value }, "\(generator)")
        let others = (0..<8_000).map { _ in word() } + members.keys.flatMap { [$0 + "q", String($0.dropLast()), $0.uppercased()] } + [""]
        for other in others where members[other] == nil {
            #expect(table[other] == nil, "\(other.debugDescription) (\(generator))")
        }
        #expect(WordTable([String: Int]())["a"] == nil)
        #expect(WordTable(["café": 1])["cafe\u{301}"] == nil && WordTable(["café": 1, "cafe\u{301}x": 2])["cafe\u{301}"] == nil)
    }

    @Test func fixedDecimalsAsPrintfWritesThem() {
        for value in [0.0, 1.0 / 3, 2.5, -0.000_04, 123_456.789_012_5, 1e20] {
            for places in [1, 2, 4, 6] {
                #expect(Formatting.fixed(value, places: places) == String(format: "%.\(places)f", value))
            }
        }
    }

    @Test func parentFolders() {
        let expected = ["a/b/c": "a/b", "c": "", "/c": "/", "/a/b/": "/a", "./x": ".", "Index/XAPIANDB": "Index"]
        for (path, parent) in expected {
            #expect(FilePaths.parent(path) == parent, "\(path)")
        }
        #expect(FilePaths.isDirectory(NSTemporaryDirectory()) == true)
        #expect(FilePaths.isDirectory("/etc/hostname") == false)
        #expect(FilePaths.isDirectory("/no/such/path") == nil)
    }

    @Test func lineEndsAndEscapesWorkOnScalars() {
        #expect(CorpusReader.normalizingLineEnds("a\r\nb\rc\n\r\n\rd") == "a\nb\nc\n\n\nd")
        let odd = "line\nbreak\\slash\r\n\ttab.txt"
        #expect(FileStat.escape(odd) == "line\\nbreak\\\\slash\r\\n\\ttab.txt")
        #expect(FileStat.unescape(FileStat.escape(odd)) == odd)
    }

    @Test func jsonLinesFieldsAndErrors() {
        func outcome(_ line: String) -> String {
            switch JSONLReader.parse(Substring(line)) {
            case let .success(doc): "\(doc.id)|\(doc.title ?? "-")|\(doc.text)"
            case let .failure(message): message
            }
        }
        #expect(outcome(#"{"_id": "d1", "title": "T", "text": "Body"}"#) == "d1|T|Body")
        #expect(outcome(#"{"_id": 42, "text": "Body", "extra": [1, {"a": null}]}"#) == "42|-|Body")
        #expect(outcome(#"{"id": "d2", "contents": "Body", "title": 7}"#) == "d2|-|Body")
        #expect(outcome(#"[1, 2]"#) == "not a JSON object, line skipped")
        #expect(outcome(#"{"_id": "d3", "text": "#) == "not valid JSON, line skipped")
        #expect(outcome(#"{"text": "no id"}"#) == "no \"_id\", line skipped")
    }

    /// A file is read whole whatever size it was thought to have (it may grow or shrink after its size is read),
    /// and up to `limit` bytes.
    @Test func filesAreReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-readall-\(getpid())").path
        defer { unlink(path) }
        let bytes = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        for expected in [0, 10, 65_535, 199_999, 200_000, 500_000] {
            let fd = open(path, O_RDONLY)
            defer { close(fd) }
            #expect(FilePaths.readAll(fd: fd, expected: expected) == bytes, "expected \(expected)")
        }
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        #expect(FilePaths.readAll(fd: fd, limit: 70_000, expected: 10) == Array(bytes.prefix(70_000)))
        #expect(CorpusReader.readAll(path) == bytes)
        #expect(CorpusReader.readAll(path, limit: 5) == Array(bytes.prefix(5)))
    }

    /// A file is replaced whole: its new bytes, no temporary file left beside it; a failure leaves it as it was and
    /// says which step failed.
    @Test func filesAreReplacedWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-replace-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/run.txt"
        try FilePaths.replace(path, with: Array("first\n".utf8), temporary: path + ".tmp")
        try FilePaths.replace(path, with: Array("second\n".utf8), temporary: path + ".tmp")
        #expect(CorpusReader.readAll(path) == Array("second\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["run.txt"])
        let failure = #expect(throws: FilePaths.ReplaceFailure.self) {
            try FilePaths.replace(path, with: [1], temporary: folder + "/missing/run.txt.tmp")
        }
        #expect(failure?.step == "write" && failure?.code == ENOENT)
        #expect(CorpusReader.readAll(path) == Array("second\n".utf8))
    }

    /// The bundled tables' byte splitting: parts keep empty ones, words drop them, the first word skips them.
    @Test func bytesSplitOnASCIISeparators() {
        #expect("a||b|".parts(separatedBy: UInt8(ascii: "|")) == ["a", "", "b", ""])
        #expect("  visit  state visit ".words(separatedBy: UInt8(ascii: " ")) == ["visit", "state", "visit"])
        #expect("  visit  state".firstWord(separatedBy: UInt8(ascii: " ")) == "visit")
        #expect("rencontré les".firstWord(separatedBy: UInt8(ascii: " ")) == "rencontré")
        #expect("   ".firstWord(separatedBy: UInt8(ascii: " ")) == nil && "".firstWord(separatedBy: UInt8(ascii: " ")) == nil)
        #expect("# comment\n\nB\t042\nV\t\tvisit".tableRows() == [["B", "042"], ["V", "", "visit"]])
    }

    @Test func subprocessStatusAndStderr() throws {
        let ok = try Subprocess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(ok.status == 3 && ok.stderr == "err\n")
        #expect(throws: (any Error).self) { try Subprocess.run("/no/such/tool", []) }
    }
}
