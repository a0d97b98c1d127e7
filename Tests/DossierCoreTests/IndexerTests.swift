import Foundation
import Testing
import TestSupport
@testable import DossierCore
import DossierDocuments

/// This test run's folders all live under one folder, removed when the test process exits.
let testRoot: URL = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())") }
    return URL(fileURLWithPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())")
}()

/// A corpus folder and index folder of one test.
struct Workspace {
    let root: URL
    var corpus: URL { root.appendingPathComponent("corpus") }
    var index: String { root.appendingPathComponent("index").path }

    init(copyBundled: Bool = true) {
        root = testRoot.appendingPathComponent("core-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("corpus"), withIntermediateDirectories: true)
        if copyBundled {
            for name in ["china-belgium.txt", "gazetteer.tsv", "topics.tsv"] {
                try! FileManager.default.copyItem(at: Bundled.corpus.appendingPathComponent(name), to: corpus.appendingPathComponent(name))
            }
        }
    }

    func write(_ name: String, _ text: String) {
        let url = corpus.appendingPathComponent(name)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try! text.write(to: url, atomically: false, encoding: .utf8)
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) {
        _ = FileManager.default.createFile(atPath: corpus.appendingPathComponent(name).path, contents: Data(bytes))
    }

    func read(_ name: String) -> String {
        try! String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
    }

    @discardableResult
    func index(warnings: UnsafeMutablePointer<[Warning]>? = nil) throws -> IndexSummary {
        var options = Indexer.Options(corpus: corpus, index: index)
        options.documents = .standard
        let indexer = Indexer(options: options)
        var collected: [Warning] = []
        indexer.onWarning = { collected.append($0) }
        let summary = try indexer.run()
        warnings?.pointee = collected
        return summary
    }

    func ids() throws -> [String: String] {
        let searcher = try Searcher(paths: [index])
        var request = SearchRequest()
        request.limit = 10_000
        request.facetLimit = 0
        var result: [String: String] = [:]
        for hit in try searcher.search(request).hits { result[hit.record.text] = hit.record.id }
        return result
    }
}

@Suite struct IndexerTests {
    @Test func bundledCorpusHasTwelvePassages() throws {
        let w = Workspace()
        let s = try w.index()
        #expect(s.files == 1 && s.passages == 12 && s.added == 12)
        let again = try w.index()
        #expect(again.unchanged == 12 && again.added == 0 && again.changed == 0 && again.removed == 0)
    }

    @Test func editScenarios() throws {
        let w = Workspace()
        try w.index()
        let before = try w.ids()
        var lines = w.read("china-belgium.txt").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // edit one paragraph
        lines[4] = lines[4].replacingOccurrences(of: "US$2.65 billion", with: "US$2.75 billion")
        w.write("china-belgium.txt", lines.joined(separator: "\n"))
        var s = try w.index()
        #expect((s.changed, s.added, s.removed, s.unchanged) == (1, 0, 0, 11))
        let edited = try w.ids()
        #expect(edited[lines[4]] == before[w.read("china-belgium.txt").split(separator: "\n").map(String.init)[4].replacingOccurrences(of: "2.75", with: "2.65")])
        // insert at the top: every other id kept
        lines.insert("Belgium and China signed a new cultural agreement in 2025.", at: 0)
        w.write("china-belgium.txt", lines.joined(separator: "\n"))
        s = try w.index()
        #expect((s.changed, s.added, s.removed, s.unchanged) == (0, 1, 0, 12))
        let inserted = try w.ids()
        for (text, id) in edited { #expect(inserted[text] == id) }
        let searcher = try Searcher(paths: [w.index])
        #expect(try searcher.passage("china-belgium.txt#2")?.text.hasPrefix("China and Belgium established") == true)
        // delete a paragraph
        let removedText = lines.remove(at: 12)
        w.write("china-belgium.txt", lines.joined(separator: "\n"))
        s = try w.index()
        #expect((s.changed, s.added, s.removed, s.unchanged) == (0, 0, 1, 12))
        #expect(try w.ids()[removedText] == nil)
        // add and remove a file
        w.write("notes/extra.md", "# Trade\n\nExports rose in 2023.\n\nImports fell.\n")
        s = try w.index()
        #expect((s.files, s.added, s.passages) == (2, 2, 14))
        try FileManager.default.removeItem(at: w.corpus.appendingPathComponent("notes/extra.md"))
        s = try w.index()
        #expect((s.files, s.removed, s.passages) == (1, 2, 12))
    }

    @Test func badInputNeverStopsTheRun() throws {
        let w = Workspace(copyBundled: false)
        w.writeBytes("invalid.txt", Array("good line, café\n".utf8) + [0xC3, 0x28, 0x0A])
        w.writeBytes("bom-crlf.txt", [0xEF, 0xBB, 0xBF] + Array("first\r\nsecond\r\n".utf8))
        w.writeBytes("nul.txt", Array("a\0b\n".utf8))
        w.write("empty.txt", "")
        w.write("huge.txt", String(repeating: "word 1999 in Brussels. ", count: 450_000))
        w.write("notes.csv", "ignored")
        var rng = SeededGenerator()
        print("badInputNeverStopsTheRun: random.txt from \(rng)")
        w.writeBytes("random.txt", (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &rng) })
        for odd in ["odd name — é ü.txt", "-dash.txt", "tab\tand\nnewline.txt", String(repeating: "long", count: 60) + ".txt"] {
            w.write(odd, "Panda passage in \(odd.count) characters.\n")
        }
        try FileManager.default.createSymbolicLink(atPath: w.corpus.appendingPathComponent("loop").path, withDestinationPath: w.corpus.path)
        try FileManager.default.createSymbolicLink(atPath: w.corpus.appendingPathComponent("dangling.txt").path, withDestinationPath: "/nonexistent/x")
        var warnings: [Warning] = []
        let s = try w.index(warnings: &warnings)
        #expect(s.files == 10)
        #expect(s.passages >= 2 + 2 + 1 + 1 + 4 + 1)
        // a second run finds every file unchanged, odd names included
        let again = try w.index()
        #expect(again.unchanged == s.passages && again.added + again.changed + again.removed == 0)
        #expect(try Checker.check(corpus: w.corpus, index: w.index, documents: .standard).consistent)
        #expect(try Searcher(paths: [w.index]).staleCorpusNotice() == nil)
        #expect(warnings.contains { $0.file == "invalid.txt" && $0.message.contains("line 2") })
        #expect(warnings.contains { $0.file == "nul.txt" })
        #expect(warnings.contains { $0.file == "loop" })
        #expect(warnings.contains { $0.file == "dangling.txt" && $0.message.contains("missing file") })
        let searcher = try Searcher(paths: [w.index])
        #expect(try searcher.search(SearchRequest(query: "second")).total == 1)
        #expect(try searcher.search(SearchRequest(query: "brussels")).hits.first?.record.file == "huge.txt")
    }

    @Test func secondWriterGetsAClearError() throws {
        let w = Workspace()
        try w.index()
        let holder = try IndexLock(folder: w.index, wait: false)
        do {
            try w.index()
            Issue.record("indexed while locked")
        } catch let error as DossierError {
            #expect(error.kind == .locked)
            #expect(error.message.contains("being updated by another process"))
        }
        holder.release()
        #expect(try w.index().unchanged == 12)
    }

    /// After an edit that moves passages without changing them (a heading or a blank line removed or added above
    /// them), every passage's paragraph, line and section are those a fresh build gives.
    @Test func placesAreAFreshBuildsAfterAnEdit() throws {
        let w = Workspace(copyBundled: false)
        let text = "Albania and Japan established relations in 1922.\n\nHistory\nThe legation opened in 1922 in Tokyo.\n\n"
            + "Economic relations\nJapan is a trade partner of Albania since 1995.\n\nTrade grew in 2010.\n"
        w.write("a.txt", text)
        try w.index()
        func places(_ index: String) throws -> [String] {
            var r = SearchRequest()
            r.limit = 100
            return try Searcher(paths: [index]).search(r).hits.map { "\($0.record.paragraph) \($0.record.line) \($0.record.section ?? "") \($0.record.text)" }.sorted()
        }
        for edited in [text.replacingOccurrences(of: "History\n", with: ""), "\n\n" + text, text.replacingOccurrences(of: "\n\nTrade", with: "\n\n\nTrade")] {
            w.write("a.txt", edited)
            let summary = try w.index()
            #expect(!summary.fullBuild)
            let fresh = Workspace(copyBundled: false)
            fresh.write("a.txt", edited)
            try fresh.index()
            #expect(try places(w.index) == places(fresh.index), "\(edited)")
        }
    }

    /// A program outside Dossier holding Xapian's write lock on a shard (a script with a `WritableDatabase` open)
    /// is waited for a few seconds, then named in one line; nothing is lost, and the next run does the update.
    /// With `waitForLock` (`--wait`) the run waits until the lock is let go. One shard and two.
    @Test(arguments: [1, 2]) func aWriterOutsideDossierIsWaitedForThenNamed(shards: Int) throws {
        let w = Workspace()
        w.write("second.txt", "Belgium and China signed a trade agreement in 2019.\n\nThe embassy opened in 2020.")
        func run(wait: Bool = false) throws -> IndexSummary {
            var options = Indexer.Options(corpus: w.corpus, index: w.index)
            options.shards = shards
            options.waitForLock = wait
            options.shardLockPatience = 0.3
            return try Indexer(options: options).run()
        }
        _ = try run()
        let held = try #require(IndexLayout(folder: w.index).current()?.shards.last)
        var holder: WritableDatabase? = try WritableDatabase(path: held, mode: .open)
        w.write("second.txt", "Belgium and China signed a trade agreement in 2019.\n\nThe embassy moved in 2021.")
        #expect {
            try run()
        } throws: { error in
            let e = error as? DossierError
            return e?.kind == .locked && e?.message.contains("being updated by another process") == true
                && e?.message.contains("\n") == false
        }
        #expect(try w.ids()["The embassy opened in 2020."] != nil, "the index as it was")
        try holder?.close()
        holder = nil
        #expect(try run().changed == 1)
        #expect(try w.ids()["The embassy moved in 2021."] != nil)

        // --wait: the run waits for the lock, then does the update
        /// The holder's handle, handed to the thread that lets it go (and used by it alone from then on).
        final class Handed: @unchecked Sendable {
            let db: WritableDatabase
            init(_ db: WritableDatabase) { self.db = db }
        }
        let handed = Handed(try WritableDatabase(path: held, mode: .open))
        w.write("second.txt", "Belgium and China signed a trade agreement in 2019.\n\nThe embassy closed in 2022.")
        Thread {
            usleep(400_000)
            try? handed.db.close()
        }.start()
        #expect(try run(wait: true).changed == 1)
        #expect(try w.ids()["The embassy closed in 2022."] != nil)
    }
}

import Xapian

@Suite struct SearcherTests {
    static let workspace: Workspace = {
        let w = Workspace()
        _ = try! w.index()
        return w
    }()

    func search(_ configure: (inout SearchRequest) -> Void) throws -> SearchResult {
        var r = SearchRequest()
        configure(&r)
        return try Searcher(paths: [Self.workspace.index]).search(r)
    }

    /// An index given twice, by another path to it, is searched once; of several, a missing one is named alone.
    @Test func anIndexGivenTwiceCountsOnce() throws {
        let once = try search { $0.query = "panda" }.total
        let folder = Self.workspace.index
        #expect(try Searcher(paths: [folder, folder + "/", folder + "/../index"]).search(SearchRequest(query: "panda")).total == once)
        #expect {
            try Searcher(paths: [folder + "-missing", folder])
        } throws: { error in
            let message = (error as? DossierError)?.message ?? ""
            return message.contains(folder + "-missing") && !message.contains(folder + ",") && !message.contains(", " + folder)
        }
    }

    @Test func keywordFindsTheRightPassage() throws {
        let r = try search { $0.query = "giant panda" }
        #expect(r.hits.first?.record.paragraph == 10)
        #expect(r.hits.first?.snippet.highlights.isEmpty == false)
        #expect(try search { $0.query = "consulates" }.hits.first?.record.paragraph == 12)
    }

    /// "of" and "the" are indexed without positions: phrases skip them, and still find their passage only.
    @Test func phrasesWithCommonWords() throws {
        let ministry = try search { $0.query = "\"Ministry of Education\"" }
        #expect(ministry.total == 1 && ministry.hits.first?.record.text.contains("Ministry of Education") == true)
        let queen = try search { $0.query = "\"Queen Mathilde of Belgium\"" }
        #expect(queen.total == 1 && queen.hits.first?.record.text.contains("Mathilde of Belgium") == true)
        // the words around "of" must still be next to each other
        #expect(try search { $0.query = "\"Ministry of Belgium\"" }.total == 0)
        // NEAR counts the words between, "of" and "the" excepted
        #expect(try search { $0.query = "Mathilde NEAR/1 Belgium" }.total == 1)
    }

    @Test func exactFacetCounts() throws {
        // 2014 is named in paragraphs 2 (March 2014), 8 (In 2014) and 10 (February 2014)
        let r = try search { $0.years = [2014] }
        #expect(r.total == 3)
        #expect(Set(r.hits.map(\.record.paragraph)) == [2, 8, 10])
        let facets = Dictionary(uniqueKeysWithValues: r.facets.year.map { ($0.value, $0.count) })
        #expect(facets["2014"] == 3)
        #expect(facets["2013"] == 2)  // paragraphs 2 and 10
        let all = try search { $0.facetLimit = 100 }
        let topics = Dictionary(uniqueKeysWithValues: all.facets.topic.map { ($0.value, $0.count) })
        #expect(topics["High-level exchanges"] == 2)
        let entities = Dictionary(uniqueKeysWithValues: all.facets.entity.map { ($0.value, $0.count) })
        #expect(entities["Li Keqiang"] == 3)  // paragraphs 2, 3, 10
        #expect(entities["Alexander De Croo"] == 1)
    }

    /// A query in capitals is read as words: its AND is a word, not an operator, and its words are stemmed.
    @Test func capitalsAreWords() throws {
        let lower = try search { $0.query = "pandas and visits" }
        let upper = try search { $0.query = "PANDAS AND VISITS" }
        #expect(upper.total == lower.total && upper.hits.map(\.record.id) == lower.hits.map(\.record.id))
        #expect(try search { $0.query = "pandas AND visits" }.total <= lower.total)
    }

    @Test func filtersAndFields() throws {
        #expect(try search { $0.entities = ["Premier Li"] }.total == 3)
        #expect(try search { $0.query = "person:\"li keqiang\"" }.total == 3)
        #expect(try search { $0.query = "place:liege" }.total == 2)
        // one term per entity, by kind: `entity:` finds every kind, a kind field only its own
        #expect(try search { $0.query = "entity:liege" }.total == 2)
        #expect(try search { $0.query = "person:liege" }.total == 0)
        #expect(try search { $0.query = "entity:\"li keqiang\"" }.total == 3)
        #expect(try search { $0.query = "org:\"Pairi Daiza\"" }.total == 1)
        // paragraph 8 ("Education: … educational and cultural exchanges") has Culture as its second topic
        #expect(try search { $0.query = "topic:culture" }.hits.map(\.record.paragraph).sorted() == [7, 8])
        // a topic of several words, quoted or hyphenated: its words (indexed without positions), as --topic takes it
        let exchanges = try search { $0.topics = ["High-level exchanges"] }.total
        #expect(exchanges > 0)
        #expect(try search { $0.query = "topic:\"high-level exchanges\"" }.total == exchanges)
        #expect(try search { $0.query = "topic:high-level" }.total == exchanges)
        #expect(try search { $0.query = "topic:\"High-level exchanges\" visit" }.total == search { $0.query = "visit"; $0.topics = ["High-level exchanges"] }.total)
        #expect(try search { $0.topics = ["Trade"] }.hits.map(\.record.paragraph) == [4])
        #expect(try search { $0.sections = ["bilateral TRADE"] }.hits.map(\.record.paragraph) == [4])
        #expect(try search { $0.sections = ["Culture"] }.hits.map(\.record.paragraph) == [7])
        #expect(try search { $0.sections = ["Trade"] }.total == 0)  // a section is matched whole, not by its words
        #expect(try search { $0.from = EventDate(year: 2023); $0.to = EventDate(year: 2024) }.total == 4)  // paragraphs 3, 4, 5, 7
        #expect(try search { $0.query = "year:2013..2016 panda" }.total == 1)
        #expect(try search { $0.files = ["nope.txt"] }.total == 0)
        #expect(try search { $0.query = "Liège" }.total == 2)
        #expect(try search { $0.query = "De Croo" }.hits.map(\.record.paragraph) == [3])
    }

    @Test func spellingCorrectionOnlyWhenFewHits() throws {
        let r = try search { $0.query = "pnada" }
        #expect(r.corrected == "panda")
        #expect(r.total == 1)
        #expect(try search { $0.query = "visit" }.corrected == nil)
    }

    /// Without facets a request may let Xapian estimate the total: the same page of hits, and a total within
    /// Xapian's bounds, flagged when it is not certain; exact requests always count everything.
    @Test func estimatedTotals() throws {
        let w = Workspace(copyBundled: false)
        // 3,000 passages with "trade", every third also with "panda"; the first twenty say both five times, so
        // that Xapian can stop early once they are found, and estimate the rest
        let strong = String(repeating: "trade panda ", count: 5)
        w.write("a.txt", (0..<20).map { "\(strong)\($0)." }.joined(separator: "\n\n"))
        for f in 0..<3 {
            w.write("f\(f).txt", (0..<1000).map { "Trade note \($0) of file \(f)\($0 % 3 == 0 ? " about a panda" : "")." }.joined(separator: "\n\n"))
        }
        try w.index()
        let searcher = try Searcher(paths: [w.index])
        var estimates = 0
        for query in ["trade", "trade panda", "panda OR note"] {
            var exact = SearchRequest(query: query)
            exact.facetLimit = 0
            var estimated = exact
            estimated.exactTotal = false
            let e = try searcher.search(exact), s = try searcher.search(estimated)
            #expect(e.totalIsExact)
            #expect(e.total == (query == "trade panda" ? 1022 : 3020), "\(query)")
            #expect(s.hits.map(\.record.id) == e.hits.map(\.record.id), "\(query)")
            #expect(s.totalIsExact ? s.total == e.total : s.total > 0, "\(query)")
            if !s.totalIsExact { estimates += 1 }
            // facets need every match: the total is exact even when an estimate was allowed
            estimated.facetLimit = 5
            let f = try searcher.search(estimated)
            #expect(f.totalIsExact && f.total == e.total)
        }
        #expect(estimates > 0, "Xapian stopped early at least once (\"panda OR note\")")
    }

    /// Facets and exact totals counted on several threads (each over a docid range, with its own handles) equal
    /// the match's own counts, for one database and for two shards, with and without a query, with the OR
    /// fallback, with and without facets; the page (ranks, scores, an offset) is the same.
    @Test func parallelFacetsEqualTheMatchsOwn() throws {
        let w = Workspace()
        for f in 0..<4 {
            w.write("g\(f).txt", (0..<300).map {
                "Trade with Antwerp in \(1990 + ($0 * 7 + f) % 30) and \(2000 + $0 % 9); Li Keqiang met Xi Jinping\($0 % 4 == 0 ? " about pandas" : "")."
            }.joined(separator: "\n\n"))
        }
        for shards in [1, 2] {
            var options = Indexer.Options(corpus: w.corpus, index: w.index + "-\(shards)")
            options.documents = .standard
            options.shards = shards
            options.facetColumnsFrom = 0
            _ = try Indexer(options: options).run()
            let searcher = try Searcher(paths: [options.index])
            for query in ["", "trade", "pandas", "pandas zzyzx", "year:1995..2005"] {
                // 3: the shim cuts each list, keeping values tied with the last; 0: no facets, an exact total only
                for limit in [1000, 3, 0] {
                    var r = SearchRequest(query: query)
                    r.facetLimit = limit
                    r.offset = limit == 3 ? 4 : 0
                    searcher.countWithTheMatch = true
                    let serial = try searcher.search(r)
                    searcher.countWithTheMatch = false
                    searcher.countingThreads = 3
                    searcher.parallelFacetsFrom = 0
                    let parallel = try searcher.search(r)
                    #expect(searcher.facetsFromColumns == (limit > 0), "facets from the shards' columns")
                    searcher.parallelFacetsFrom = 20_000
                    #expect(serial.total > 0 && parallel.total == serial.total && parallel.totalIsExact, "\(query)")
                    #expect(parallel.facets == serial.facets, "\(query) with \(shards) shards")
                    #expect(parallel.hits.map(\.record.id) == serial.hits.map(\.record.id))
                    #expect(parallel.hits.map(\.rank) == serial.hits.map(\.rank) && parallel.hits.map(\.score) == serial.hits.map(\.score))
                    #expect(parallel.relaxed == serial.relaxed)
                }
            }
        }
    }

    @Test func timelineOfOnePerson() throws {
        var r = SearchRequest()
        r.entities = ["Alexander De Croo"]
        let events = try Searcher(paths: [Self.workspace.index]).timeline(r).events
        #expect(events.map(\.date.description) == ["2021-12", "2023-02", "2024-01", "2024-03", "2024-06"])
        #expect(events.allSatisfy { $0.entities.contains { $0.name == "Alexander De Croo" } })
    }
}

@Suite struct ShardTests {
    func index(_ w: Workspace, shards: Int? = nil, rebuild: Bool = false) throws -> IndexSummary {
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.shards = shards
        options.rebuild = rebuild
        return try Indexer(options: options).run()
    }

    /// A full build commits each shard every `ShardBuild.flushEvery` passages and writes its spelling data once at
    /// the end; an update adds every word as it goes. Both must give the same passages and spelling data.
    @Test func fullBuildCommitsAsItGoesAndKeepsEverything() throws {
        let perFile = ShardBuild.flushEvery + 300
        func text(_ f: Int) -> String {
            (0..<perFile).map { i in
                i == perFile - 1 ? "Kaleidoscope of trade number \(f)." : "Trade report \(f)-\(i) from Antwerp in \(1990 + i % 30)."
            }.joined(separator: "\n\n")
        }
        func spellings(_ w: Workspace) throws -> [String: Int] {
            var words: [String: Int] = [:]
            for shard in IndexLayout(folder: w.index).current()?.shards ?? [] {
                for s in try Database(path: shard).spellings() { words[s.word, default: 0] += s.frequency }
            }
            return words
        }
        let full = Workspace(copyBundled: false), updated = Workspace(copyBundled: false)
        updated.write("empty.txt", "")
        _ = try index(updated, shards: 1)
        for f in 1...2 {
            full.write("file-\(f).txt", text(f))
            updated.write("file-\(f).txt", text(f))
        }
        let built = try index(full, shards: 2)
        let update = try index(updated)
        #expect(built.fullBuild && built.passages == 2 * perFile)
        #expect(!update.fullBuild && update.passages == 2 * perFile)
        let words = try spellings(full)
        #expect(words["kaleidoscope"] == 2 && words["trade"] == 2 * perFile)
        #expect(words == (try spellings(updated)))
        let found = try Searcher(paths: [full.index]).search(SearchRequest(query: "kaleidoscpe"))
        #expect(found.corrected == "kaleidoscope" && found.total == 2)
        #expect(try Searcher(paths: [full.index]).search(SearchRequest(query: "antwerp")).total == 2 * (perFile - 1))
    }

    /// Records are stored compressed with a dictionary learnt from the index's own corpus; updates write with the
    /// stored one; indexes with different dictionaries are searched as one.
    @Test func recordsAreCompressedWithTheIndexsDictionary() throws {
        let w = Workspace(), v = Workspace()
        // the same tagging data, another corpus (indexes tagged differently are not searched as one)
        try FileManager.default.removeItem(at: v.corpus.appendingPathComponent("china-belgium.txt"))
        v.write("other.txt", "Trade talks in Ghent in 2019.\n\nPandas at Pairi Daiza in 2020.\n")
        try w.index()
        try v.index()
        for ws in [w, v] {
            let db = try Database(path: ws.index)
            #expect(RecordDictionary.stored(in: db) != nil)
            #expect(try db.document(1).data().first == RecordCodec.compressedFormat)
        }
        #expect(RecordDictionary.stored(in: try Database(path: w.index)) != RecordDictionary.stored(in: try Database(path: v.index)))
        // a paragraph added on top: every other passage moves (its record rewritten), one is new
        w.write("china-belgium.txt", "A new first paragraph about trade in 2025.\n" + w.read("china-belgium.txt"))
        let update = try w.index()
        #expect(!update.fullBuild && update.added == 1)
        let both = try Searcher(paths: [w.index, v.index])
        var r = SearchRequest()
        r.limit = 1000
        r.facetLimit = 0
        let hits = try both.search(r).hits
        #expect(hits.count == 12 + 1 + 2)
        #expect(hits.contains { $0.record.text.hasPrefix("A new first paragraph") && $0.record.paragraph == 1 })
        #expect(hits.contains { $0.record.text.hasPrefix("Pandas at Pairi Daiza") })
        #expect(try Checker.check(corpus: w.corpus, index: w.index, documents: .standard).consistent)
    }

    @Test func fullBuildsUpdatesAndGenerations() throws {
        let w = Workspace()
        for n in 1...5 { w.write("more/notes-\(n).txt", "Trade talks in Antwerp in 201\(n).\n\nPanda news number \(n).\n") }
        let first = try index(w, shards: 3)
        #expect(first.fullBuild && first.shards == 3 && first.passages == 22)
        let layout = IndexLayout(folder: w.index)
        #expect(layout.current()?.shards.count == 3 && layout.current()?.generation == 1)
        let ids = try w.ids()

        // nothing changed: an update, every passage unchanged
        let again = try index(w)
        #expect(!again.fullBuild && again.unchanged == 22 && again.shards == 3)
        // one edited paragraph: an update that re-tags one passage, ids kept
        w.write("more/notes-2.txt", "Trade talks in Antwerp in 2012.\n\nPanda news, edited.\n")
        let edit = try index(w)
        #expect(!edit.fullBuild && edit.changed == 1 && edit.unchanged == 21)
        var expected = ids
        expected["Panda news, edited."] = expected.removeValue(forKey: "Panda news number 2.")
        #expect(try w.ids() == expected)

        // a rebuild writes generation 2 and deletes generation 1; ids survive
        let rebuilt = try index(w, rebuild: true)
        #expect(rebuilt.fullBuild && rebuilt.unchanged == 22 && layout.current()?.generation == 2)
        let names = try FileManager.default.contentsOfDirectory(atPath: w.index)
        #expect(!names.contains { $0.hasPrefix("shard-g1-") } && names.filter { $0.hasPrefix("shard-g2-") }.count == 3)
        #expect(try w.ids() == expected)

        // another shard count: a full build; the same passages, facets and ranking as before
        let before = try Searcher(paths: [w.index]).search(SearchRequest(query: "trade antwerp"))
        let one = try index(w, shards: 1)
        #expect(one.fullBuild && one.shards == 1 && one.passages == 22)
        let after = try Searcher(paths: [w.index]).search(SearchRequest(query: "trade antwerp"))
        #expect(after.total == before.total && after.facets == before.facets)
        #expect(Set(after.hits.map(\.record.id)) == Set(before.hits.map(\.record.id)))
        // a deleted file is removed by an update
        try FileManager.default.removeItem(at: w.corpus.appendingPathComponent("more/notes-5.txt"))
        let removed = try index(w)
        #expect(!removed.fullBuild && removed.removed == 2 && removed.passages == 20 && removed.files == 5)
    }

    /// Facets are counted from small integer keys named by a dictionary in every shard's metadata: after a full
    /// build and after updates that add and remove names, they equal the counts taken from the passages' records.
    @Test func facetsMatchTheRecordsAcrossUpdates() throws {
        let w = Workspace()
        func check(_ label: String) throws -> Facets {
            var r = SearchRequest()
            r.limit = 10_000
            r.facetLimit = Int.max
            let result = try Searcher(paths: [w.index]).search(r)
            var years: [String: Int] = [:], topics: [String: Int] = [:], sections: [String: Int] = [:]
            var entities: [String: Int] = [:]
            for record in result.hits.map(\.record) {
                for y in Set(record.years) { years[String(y), default: 0] += 1 }
                for topic in record.topics { topics[topic, default: 0] += 1 }
                if let section = record.section { sections[section, default: 0] += 1 }
                for e in Set(record.entities.map { "\($0.kind.rawValue)\t\($0.name)" }) { entities[e, default: 0] += 1 }
            }
            #expect(!years.isEmpty && !topics.isEmpty && !entities.isEmpty)
            #expect(Dictionary(uniqueKeysWithValues: result.facets.year.map { ($0.value, $0.count) }) == years, "\(label)")
            #expect(Dictionary(uniqueKeysWithValues: result.facets.topic.map { ($0.value, $0.count) }) == topics, "\(label)")
            #expect(!sections.isEmpty)
            #expect(Dictionary(uniqueKeysWithValues: result.facets.section.map { ($0.value, $0.count) }) == sections, "\(label)")
            #expect(Dictionary(uniqueKeysWithValues: result.facets.entity.map { ("\($0.kind ?? "")\t\($0.value)", $0.count) }) == entities,
                    "\(label)")
            // every shard names every key; the writer's map is in the first shard only
            let shards = try #require(IndexLayout(folder: w.index).current()?.shards)
            let names = try shards.map { try Database(path: $0).metadataKeys(prefix: Schema.facetNamePrefix) }
            #expect(names.count == 2 && names[0] == names[1] && !names[0].isEmpty, "\(label)")
            let next = try shards.map { try Database(path: $0).metadata(Schema.facetNextKey) }
            #expect(!next[0].isEmpty && next[1].isEmpty, "\(label)")
            // so the shards searched in the other order give the same facets
            let reversed = try Searcher(paths: shards.reversed()).search(r)
            #expect(reversed.facets == result.facets && reversed.total == result.total, "\(label)")
            return result.facets
        }
        _ = try index(w, shards: 2)
        let built = try check("full build")
        w.write("ocean.txt", "Ocean research: In May 2031 Foreign Minister Hadja Lahbib met Wang Yi in Ostend.\n\nTrade with Antwerp in 2032.\n")
        _ = try index(w)
        let added = try check("update adding names")
        #expect(!built.year.contains { $0.value == "2031" } && added.year.contains { $0.value == "2031" && $0.count == 1 })
        #expect(added.entity.count > built.entity.count)
        w.write("ocean.txt", "Trade with Antwerp in 2032.\n")
        _ = try index(w)
        let removed = try check("update removing names")
        #expect(!removed.year.contains { $0.value == "2031" })
        #expect(removed.entity.count < added.entity.count)
    }

    @Test func manyChangedBytesMakeAFullBuild() throws {
        let w = Workspace()
        _ = try index(w, shards: 2)
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.updateLimitBytes = 10
        w.write("new.txt", "A new file about the port of Zeebrugge.\n")
        let s = try Indexer(options: options).run()
        #expect(s.fullBuild && s.added == 1 && s.unchanged == 12 && s.passages == 13)
    }
}

@Suite struct CheckerTests {
    @Test func findsEveryKindOfDifference() throws {
        let w = Workspace()
        w.write("notes.txt", "Trade talks in Antwerp in 2015.\n\nPanda news.\n")
        try w.index()
        var report = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(report.consistent && report.passages == 14 && report.files == 2, "\(report)")

        // a file edited since the last run
        w.write("notes.txt", "Trade talks in Antwerp in 2015.\n\nPanda news, edited.\n")
        report = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(!report.consistent && report.staleFiles == ["notes.txt"])
        try w.index()
        #expect(try Checker.check(corpus: w.corpus, index: w.index, documents: .standard).consistent)
        #expect(try Searcher(paths: [w.index]).staleCorpusNotice() == nil)

        // a document deleted behind Dossier's back, and one added
        let shard = try #require(IndexLayout(folder: w.index).current()?.shards.first { path in
            (try? Xapian.Database(path: path).documentCount()) ?? 0 > 0
        })
        let db = try Xapian.WritableDatabase(path: shard, mode: .open)
        let victim = try #require(try db.allTerms(prefix: Schema.idPrefix).first?.term)
        try db.delete(uniqueTerm: victim)
        let stray = try Xapian.Document()
        try stray.addBooleanTerm(Schema.idPrefix + "stray")
        try db.add(stray)
        try db.commit()
        try db.close()
        report = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(report.missing == [String(victim.dropFirst())] && report.extra == ["stray"] && !report.consistent)
    }

    @Test func damagedShardFailsXapiansCheck() throws {
        let w = Workspace()
        try w.index()
        let shard = try #require(IndexLayout(folder: w.index).current()?.shards.first)
        // overwrite the middle of the postlist table
        let table = shard + "/postlist.glass"
        let handle = try #require(FileHandle(forUpdatingAtPath: table))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: size / 2)
        handle.write(Data(repeating: 0xA5, count: 2048))
        try handle.close()
        let report = try? Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        // either Xapian's check counts errors, or reading the shard fails with a clear error: never "consistent"
        #expect(report?.consistent != true)
        // and `--rebuild` repairs it
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.rebuild = true
        #expect(try Indexer(options: options).run().passages == 12)
        #expect(try Checker.check(corpus: w.corpus, index: w.index, documents: .standard).consistent)
    }
}

@Suite struct ShardGroupTests {
    /// Every shard of a full build names the same facet dictionary; an update keeps it; a rebuild gets a new one.
    @Test func shardsOfOneBuildShareTheirFacetDictionary() throws {
        let w = Workspace()
        for f in 0..<4 { w.write("extra-\(f).txt", "Trade news \(f) from Antwerp in 2015.\n\nPanda news \(f) from Brussels.") }
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.shards = 2
        _ = try Indexer(options: options).run()
        func ids() throws -> [String] {
            try Database(path: w.index).shards().map { try $0.metadata(Schema.facetDictionaryKey) }
        }
        let first = try ids()
        #expect(first.count == 2 && Set(first).count == 1 && !first[0].isEmpty)
        w.write("extra-1.txt", "Trade news, edited, from Ghent in 2016.")
        #expect(try Indexer(options: options).run().fullBuild == false)
        #expect(try ids() == first)
        options.rebuild = true
        _ = try Indexer(options: options).run()
        let rebuilt = try ids()
        #expect(Set(rebuilt).count == 1 && rebuilt != first)
    }

    /// A shard written by another layout, searched with a current index, is refused with one line naming its
    /// corpus and how to rebuild it: never searched into wrong facets.
    @Test func anOlderLayoutIsRefusedByName() throws {
        let a = Workspace(), b = Workspace(copyBundled: false)
        b.write("other.txt", "Trade between Belgium and China in 2015.")
        try a.index()
        try b.index()
        let shard = try #require(IndexLayout(folder: b.index).current()?.shards.first)
        let db = try WritableDatabase(path: shard, mode: .open)
        try db.setMetadata(Schema.versionKey, "7")
        try db.commit()
        try db.close()
        _ = try Searcher(paths: [a.index])
        do {
            _ = try Searcher(paths: [a.index, b.index])
            Issue.record("an older layout was searched")
        } catch let error as DossierError {
            #expect(error.message.contains("layout 7") && error.message.contains(b.corpus.standardizedFileURL.path) && error.message.contains("--rebuild"),
                    "\(error.message) \(b.corpus.path)")
        }
    }
}
