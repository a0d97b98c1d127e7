import Foundation
import Testing

@testable import DossierCore

/// The stale-corpus notice: a digest of the stored stats and of the corpus as it is decides, and a changed corpus is
/// then compared file by file for the count.
@Suite struct StalenessTests {
    func notice(_ w: Workspace) throws -> String? {
        try Searcher(paths: [w.index]).staleCorpusNotice()
    }

    func setModificationTime(_ w: Workspace, _ name: String, _ seconds: TimeInterval) throws {
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: seconds)],
                                              ofItemAtPath: w.corpus.appendingPathComponent(name).path)
    }

    @Test func changedAddedAndRemovedFilesAreCounted() throws {
        let w = Workspace(copyBundled: false)
        w.write("a.txt", "Trade between Belgium and China grew in 2014.\n")
        w.write("sub/b.md", "A state visit in 2015.\n")
        w.write("sub/deeper/c.txt", "Pandas arrived in 2014.\n")
        w.write("odd\tname.txt", "A file name with a tab, 2016.\n")
        _ = try w.index()
        #expect(try notice(w) == nil)
        // the cheap check decides it: the stored stats' digest is the corpus's
        let (corpus, stats) = try #require(Staleness.stored(try Searcher(paths: [w.index]).database))
        #expect(Staleness.Digest(stats: stats) == Staleness.Digest(corpus: corpus))
        #expect(Staleness.Digest(stats: stats)?.files == 4)

        // the same size, another modification time, in a subfolder
        try setModificationTime(w, "sub/deeper/c.txt", 1_000_000)
        #expect(try notice(w) == "note: 1 corpus file changed since the last index run; run `dossier index` to update")
        // a removed file, and a file that is not text (not counted)
        try FileManager.default.removeItem(at: w.corpus.appendingPathComponent("a.txt"))
        w.write("notes.csv", "x,y\n")
        #expect(try notice(w)?.hasPrefix("note: 2 corpus files changed") == true)
        _ = try w.index()
        #expect(try notice(w) == nil)
        // the odd name's file touched
        try setModificationTime(w, "odd\tname.txt", 2_000_000)
        #expect(try notice(w)?.hasPrefix("note: 1 corpus file changed") == true)
    }

    /// A file that cannot be read is warned about once and known by its size and time: until it changes, runs do
    /// not read it again and searches do not call the corpus changed. A full build and an update, one shard and two.
    @Test(arguments: [1, 2]) func anUnreadableFileIsNotChangedForever(shards: Int) throws {
        let w = Workspace(copyBundled: false)
        w.write("a.txt", "Trade between Belgium and China grew in 2014.\n")
        w.writeBytes("broken.docx", Array("not a zip".utf8))
        func run() throws -> (IndexSummary, [Warning]) {
            var options = Indexer.Options(corpus: w.corpus, index: w.index)
            options.documents = .standard
            options.shards = shards
            let indexer = Indexer(options: options)
            var warnings: [Warning] = []
            indexer.onWarning = { warnings.append($0) }
            return (try indexer.run(), warnings)
        }
        var (summary, warnings) = try run()
        #expect(summary.fullBuild && warnings.map(\.file) == ["broken.docx"])
        #expect(try notice(w) == nil)
        (summary, warnings) = try run()
        #expect(!summary.fullBuild && summary.unchanged == 1 && warnings.isEmpty)
        // broken another way, then an update reads it again (and warns), and knows it after
        w.writeBytes("broken.docx", Array("still not a zip file".utf8))
        #expect(try notice(w) == "note: 1 corpus file changed since the last index run; run `dossier index` to update")
        (summary, warnings) = try run()
        #expect(!summary.fullBuild && warnings.map(\.file) == ["broken.docx"])
        #expect(try notice(w) == nil)
    }

    @Test func pausedGateHoldsBackUntilResumed() async throws {
        let gate = PauseGate()
        let passed = LockedState(false)
        gate.pause()
        let thread = Thread {
            gate.pass()
            passed.withLock { $0 = true }
        }
        thread.start()
        try await Task.sleep(for: .milliseconds(50))
        #expect(passed.withLock { $0 } == false)
        gate.resume()
        for _ in 0..<200 where !passed.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        #expect(passed.withLock { $0 } == true)
    }

    /// A check held back by a search is let go when its notice is asked for: the notice comes, no deadlock.
    @Test func waitingForTheNoticeResumesTheCheck() throws {
        let w = Workspace(copyBundled: false)
        w.write("a.txt", "Trade between Belgium and China grew in 2014.\n")
        _ = try w.index()
        w.write("b.txt", "A new file, 2020.\n")
        let searcher = try Searcher(paths: [w.index])
        let pending = try #require(searcher.startStaleCorpusCheck())
        try #require(searcher.heldBackWhileMatching === pending.gate)
        pending.gate.pause()
        #expect(pending.wait() == "note: 1 corpus file changed since the last index run; run `dossier index` to update")
    }

    /// The stats read back as written, odd names and extreme numbers included; a malformed line is skipped, and
    /// the line reader says so (the digest then falls back to comparing file by file).
    @Test func statsReadBackAsWritten() {
        let stats: [String: FileStat] = [
            "a.txt": FileStat(size: 10, mtime: 1_764_500_000_123_456_789, passages: 3),
            "tab\there.md": FileStat(size: 0, mtime: -1, passages: 0),
            "line\nbreak\\slash\r\n.txt": FileStat(size: Int64.max, mtime: Int64.min, passages: 7),
            "é/ü.txt": FileStat(size: 5, mtime: 6, passages: 1),
        ]
        let text = FileStat.encode(stats)
        #expect(FileStat.parse(text) == stats)
        #expect(FileStat.eachLine(text) { _, _, _, _ in } == true)
        let damaged = text + "\nbroken\tline\nnumbers\tx\t1\t2\nsigned\t+4\t-5\tmany"
        #expect(FileStat.parse(damaged) == stats.merging(["signed": FileStat(size: 4, mtime: -5, passages: 0)]) { a, _ in a })
        #expect(FileStat.eachLine(damaged) { _, _, _, _ in } == false)
    }

    @Test func digestsIgnoreOrderButNotContent() throws {
        let one = try #require(Staleness.Digest(stats: "a.txt\t10\t5\t1\nb.txt\t20\t6\t2"))
        let swapped = try #require(Staleness.Digest(stats: "b.txt\t20\t6\t2\na.txt\t10\t5\t1\n"))
        #expect(one == swapped && one.files == 2)
        #expect(try #require(Staleness.Digest(stats: "a.txt\t10\t5\t1\nb.txt\t21\t6\t2")) != one)
        #expect(try #require(Staleness.Digest(stats: "a.txt\t10\t5\t1\nb.txt\t20\t7\t2")) != one)
        #expect(try #require(Staleness.Digest(stats: "a.txt\t10\t5\t1\nc.txt\t20\t6\t2")) != one)
        #expect(try #require(Staleness.Digest(stats: "a.txt\t10\t5\t1")) != one)
        #expect(Staleness.Digest(stats: "a.txt\tten\t5\t1") == nil)
        #expect(Staleness.Digest(stats: "a.txt") == nil)
        #expect(Staleness.Digest(stats: "a.txt\t10\t99999999999999999999\t1") == nil)  // beyond Int64
        #expect(try #require(Staleness.Digest(stats: "a.txt\t10\t1764500000123456789\t1")).files == 1)
        #expect(try #require(Staleness.Digest(stats: "")).files == 0)
    }
}
