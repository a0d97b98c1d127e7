import Foundation
import Testing
@testable import Xapian

/// This test run's folders all live under one folder, removed when the test process exits.
let testRoot: URL = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())") }
    return URL(fileURLWithPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())")
}()

/// A fresh folder for one test's database.
func temporaryPath(_ name: String = "db") -> String {
    let dir = testRoot.appendingPathComponent("xapian-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}

/// Writes a small database: one document per text, unique term Q<n>, year terms and values.
func makeDatabase(_ texts: [(String, [Int])], spelling: Bool = false) throws -> String {
    let path = temporaryPath()
    let db = try WritableDatabase(path: path)
    let tg = try TermGenerator()
    try tg.setStemmer("english")
    if spelling { try tg.enableSpelling(into: db) }
    for (i, (text, years)) in texts.enumerated() {
        let doc = try Document()
        try tg.setDocument(doc)
        try tg.indexText(text)
        try doc.setData(text)
        try doc.addBooleanTerm("Q\(i)")
        for y in years { try doc.addBooleanTerm("Y\(y)") }
        try doc.setValue(0, sortableSerialise(Double(years.first ?? 0)))
        try doc.setValue(1, years.map(String.init).joined(separator: "\n"))
        try db.replace(uniqueTerm: "Q\(i)", with: doc)
    }
    try db.commit()
    try db.close()
    return path
}

let sample: [(String, [Int])] = [
    ("The giant pandas arrived in Belgium in February 2014.", [2014]),
    ("President Xi Jinping visited Belgium in March 2014 and met King Philippe.", [2014]),
    ("Premier Li Keqiang visited Belgium in June 2015 and in June 2017.", [2015, 2017]),
    ("Bilateral trade grew in 2024.", [2024]),
]

func search(_ db: Database, _ text: String, parser: QueryParser? = nil) throws -> [UInt32] {
    let qp = try parser ?? QueryParser()
    if parser == nil {
        try qp.setStemmer("english")
        try qp.setDatabase(db)
    }
    let enquire = try Enquire(db)
    try enquire.setQuery(try qp.parse(text))
    return try enquire.mset(maxItems: 100).matches().map(\.docid)
}

@Suite struct DatabaseTests {
    @Test func createIndexSearch() throws {
        let db = try Database(path: try makeDatabase(sample))
        #expect(try db.documentCount() == 4)
        #expect(Set(try search(db, "visited")) == [2, 3])
        #expect(try search(db, "panda") == [1])  // stemmed: pandas → panda
        #expect(try search(db, "\"king philippe\"") == [2])
        #expect(try db.termFrequency("Y2014") == 2)
    }

    @Test func replaceByUniqueTermAndDelete() throws {
        let path = try makeDatabase(sample)
        let db = try WritableDatabase(path: path)
        let doc = try Document()
        try doc.addBooleanTerm("Q0")
        try doc.addTerm("replaced")
        try db.replace(uniqueTerm: "Q0", with: doc)
        try db.commit()
        #expect(try db.documentCount() == 4)
        #expect(try db.postings("replaced").count == 1)
        try db.delete(uniqueTerm: "Q3")
        try db.commit()
        #expect(try db.documentCount() == 3)
        #expect(try db.postings("Q3").isEmpty)
    }

    @Test func transactionsAndMetadata() throws {
        let path = try makeDatabase(sample)
        let db = try WritableDatabase(path: path)
        try db.beginTransaction()
        try db.delete(uniqueTerm: "Q0")
        try db.setMetadata("k", "v")
        try db.cancelTransaction()
        #expect(try db.documentCount() == 4)
        #expect(try db.metadata("k") == "")
        _ = try db.inTransaction { try db.setMetadata("k", "v") }
        #expect(try db.metadata("k") == "v")
        #expect(try db.metadataKeys(prefix: "k") == ["k"])
    }

    @Test func termSpyCountsMultiValuedFacetsExactly() throws {
        let db = try Database(path: try makeDatabase(sample))
        let enquire = try Enquire(db)
        try enquire.setQuery(try Query.matchAll())
        let years = try enquire.addTermCountSpy(prefix: "Y")
        let lists = try enquire.addValueCountSpy(slot: 1)
        _ = try enquire.mset(maxItems: 1, checkAtLeast: try db.documentCount())
        let counts = Dictionary(uniqueKeysWithValues: try years.counts().map { ($0.value, $0.count) })
        #expect(counts == ["2014": 2, "2015": 1, "2017": 1, "2024": 1])
        #expect(try years.documentsSeen() == 4)
        let listCounts = Dictionary(uniqueKeysWithValues: try lists.counts().map { ($0.value, $0.count) })
        #expect(listCounts == ["2014": 2, "2015\n2017": 1, "2024": 1])
    }

    /// Facet keys (varints of n << 2 | kind, names in metadata): the shim's spy, the stock spy split by the
    /// shim (remote shards) and the threaded count agree, with limits, ties, missing names and damaged values.
    @Test func facetKeysAreCountedAndNamed() throws {
        let path = temporaryPath()
        let db = try WritableDatabase(path: path)
        // keys: years are their own; topics (kind 1) and entities (kind 2) are ordinals named in metadata
        let big = 5_000_000  // beyond the shim's flat array: counted in its map
        let docs: [[UInt64]] = [
            [FacetCounts.key(2014, kind: 0), FacetCounts.key(0, kind: 1), FacetCounts.key(0, kind: 2), FacetCounts.key(1, kind: 2)],
            [FacetCounts.key(2014, kind: 0), FacetCounts.key(2015, kind: 0), FacetCounts.key(1, kind: 1), FacetCounts.key(1, kind: 2)],
            [FacetCounts.key(2024, kind: 0), FacetCounts.key(0, kind: 1), FacetCounts.key(big, kind: 2), FacetCounts.key(7, kind: 2)],
            [],
        ]
        for (i, keys) in docs.enumerated() {
            let doc = try Document()
            try doc.addBooleanTerm("Q\(i)")
            try doc.setValue(2, FacetCounts.encode(keys))
            try db.add(doc)
        }
        let damaged = try Document()
        try damaged.setValue(2, FacetCounts.encode([FacetCounts.key(1999, kind: 0)]) + [0x80, 0x80])  // a varint cut short
        try db.add(damaged)
        let odd = try Document()
        try odd.setValue(2, [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])  // key 0 (year 0), a huge key
        try db.add(odd)
        for (key, name) in [(FacetCounts.key(0, kind: 1), "Trade"), (FacetCounts.key(1, kind: 1), "Culture"),
                            (FacetCounts.key(0, kind: 2), "person\tXi Jinping"), (FacetCounts.key(1, kind: 2), "place\tBelgium"),
                            (FacetCounts.key(big, kind: 2), "place\tAntwerp")] {
            try db.setMetadata("n:\(key)", name)  // entity 7 has no name: skipped
        }
        try db.commit()
        try db.close()

        let reader = try Database(path: path)
        func run(_ limit: Int?) throws -> [FacetCounts] {
            let enquire = try Enquire(reader)
            try enquire.setQuery(try Query.matchAll())
            let own = try enquire.addFacetSpy(slot: 2)
            let stock = try enquire.addValueCountSpy(slot: 2)
            _ = try enquire.mset(maxItems: 0, checkAtLeast: try reader.documentCount())
            #expect(try own.documentsSeen() == 6)
            let counting = try Enquire(reader)
            try counting.setQuery(try Query.matchAll())
            let threaded = try counting.msetCounting(first: 0, maxItems: 2, paths: [path], slot: 2, namesPrefix: "n:", threads: 2, limit: limit)
            #expect(threaded.matches == 6)
            #expect(threaded.page.count == 2)
            #expect(!threaded.fromColumns)
            // the same from a facet column (32-bit keys: `big`; beyond the flat array: its map)
            try FacetColumn.write(shard: path, slot: 2)
            #expect(try FacetColumn.isFresh(shard: path, slot: 2))
            #expect(try !FacetColumn.isFresh(shard: path, slot: 3))
            let columned = try counting.msetCounting(first: 0, maxItems: 2, paths: [path], slot: 2, namesPrefix: "n:", threads: 2, limit: limit)
            try FileManager.default.removeItem(atPath: path + "/" + FacetColumn.fileName)
            #expect(columned.fromColumns && columned.matches == 6)
            return [try own.facets(namesPrefix: "n:", limit: limit), try stock.facets(namesPrefix: "n:", limit: limit), threaded.counts,
                    columned.counts]
        }
        func flat(_ c: FacetCounts) -> [String] {
            [c.years, c.topics, c.entities].map { $0.map { "\($0.value)=\($0.count)" }.joined(separator: ",") }
        }
        for counts in try run(nil) {
            #expect(flat(counts) == ["2014=2,0=1,1999=1,2015=1,2024=1", "Trade=2,Culture=1", "place\tBelgium=2,person\tXi Jinping=1,place\tAntwerp=1"])
        }
        // a limit keeps the values tied with the last one kept (the caller orders ties by name)
        for counts in try run(1) {
            #expect(flat(counts) == ["2014=2", "Trade=2", "place\tBelgium=2"])
        }
        for counts in try run(2) {
            #expect(flat(counts) == ["2014=2,0=1,1999=1,2015=1,2024=1", "Trade=2,Culture=1", "place\tBelgium=2,person\tXi Jinping=1,place\tAntwerp=1"])
        }
    }

    /// A facet column updated from the one before a commit and the documents it changed equals one written from
    /// every value; it does reuse the old column (an update told of no change keeps the old keys); and from a
    /// column of another revision, it writes a whole new one.
    @Test func facetColumnUpdatesFromTheChangedDocuments() throws {
        let path = temporaryPath()
        func doc(_ id: Int, _ keys: [UInt64]) throws -> Document {
            let d = try Document()
            try d.addBooleanTerm("Q\(id)")
            try d.setValue(1, FacetCounts.encode(keys))
            return d
        }
        let db = try WritableDatabase(path: path)
        for i in 1...5 { try db.add(try doc(i, [FacetCounts.key(2000 + i, kind: 0), FacetCounts.key(i, kind: 2)])) }
        try db.commit()
        let base = try Database(path: path).revision()
        try FacetColumn.write(shard: path, slot: 1)
        let column = URL(fileURLWithPath: path + "/" + FacetColumn.fileName)
        let before = try Data(contentsOf: column)

        try db.trackChangedDocids()
        try db.replace(uniqueTerm: "Q2", with: try doc(2, [FacetCounts.key(1999, kind: 0)]))
        try db.delete(uniqueTerm: "Q4")
        try db.add(try doc(6, [FacetCounts.key(70_000, kind: 2)]))  // a key of more than 16 bits: 32-bit keys
        try db.commit()
        let changed = try db.takeChangedDocids()
        #expect(Set(changed) == [2, 4, 6])
        #expect(try db.takeChangedDocids().isEmpty)
        try db.close()
        #expect(try !FacetColumn.isFresh(shard: path, slot: 1))

        try FacetColumn.update(shard: path, slot: 1, baseRevision: base, changed: changed)
        #expect(try FacetColumn.isFresh(shard: path, slot: 1))
        let updated = try Data(contentsOf: column)
        try FacetColumn.write(shard: path, slot: 1)
        let whole = try Data(contentsOf: column)
        #expect(updated == whole)
        #expect(whole.count > before.count)

        /// Replaces document `id` in one commit; the revision before it and the docids it changed.
        func commitReplacing(_ id: Int, _ keys: [UInt64]) throws -> (base: UInt64, changed: [UInt32]) {
            let base = try Database(path: path).revision()
            let db = try WritableDatabase(path: path)
            try db.trackChangedDocids()
            try db.replace(uniqueTerm: "Q\(id)", with: try doc(id, keys))
            try db.commit()
            let changed = try db.takeChangedDocids()
            try db.close()
            return (base, changed)
        }
        /// Updates the column after a commit, and expects the column a whole write gives.
        func updateAsIfWritten(_ commit: (base: UInt64, changed: [UInt32])) throws -> Data {
            try FacetColumn.update(shard: path, slot: 1, baseRevision: commit.base, changed: commit.changed)
            let updated = try Data(contentsOf: column)
            try FacetColumn.write(shard: path, slot: 1)
            #expect(try Data(contentsOf: column) == updated)
            return updated
        }

        // from 32-bit keys: one more commit
        let updatedWide = try updateAsIfWritten(try commitReplacing(1, [FacetCounts.key(1, kind: 1), FacetCounts.key(2024, kind: 0)]))
        try whole.write(to: column)
        try FacetColumn.update(shard: path, slot: 1, baseRevision: base, changed: changed)  // not at that revision: whole
        #expect(try Data(contentsOf: column) == updatedWide)

        // told of no change, the update keeps the old keys of 2 and 4 (6 is past the old column's end: read)
        try before.write(to: column)
        try FacetColumn.update(shard: path, slot: 1, baseRevision: base, changed: [])
        #expect(try Data(contentsOf: column) != updatedWide)
        // a column of another revision is not updated but written again
        try before.write(to: column)
        try FacetColumn.update(shard: path, slot: 1, baseRevision: base + 7, changed: [])
        #expect(try Data(contentsOf: column) == updatedWide)

        // an old column whose offsets are out of order (damage under a sound header) is not copied from
        var damaged = updatedWide
        damaged.replaceSubrange(84..<88, with: [0xFF, 0xFF, 0x00, 0x00])  // where document 2 starts: past its end
        try damaged.write(to: column)
        #expect(try FacetColumn.isFresh(shard: path, slot: 1))
        _ = try updateAsIfWritten(try commitReplacing(5, [FacetCounts.key(2030, kind: 0)]))
    }

    @Test func snippetHighlightsStemmedWords() throws {
        let db = try Database(path: try makeDatabase(sample))
        let qp = try QueryParser()
        try qp.setStemmer("english")
        let enquire = try Enquire(db)
        try enquire.setQuery(try qp.parse("panda"))
        let mset = try enquire.mset()
        let snippet = try mset.snippet(of: sample[0].0, highlight: ("[", "]"))
        #expect(snippet.contains("[pandas]"))
    }

    @Test func bufferedSpellingEqualsXapiansOwn() throws {
        var counts: [[String: Int]] = []
        for buffered in [false, true] {
            let db = try WritableDatabase(path: temporaryPath())
            let tg = try TermGenerator()
            try tg.setStemmer("english")
            try tg.setStemmingStrategy(.allZ)
            try tg.enableSpelling(into: db, buffered: buffered)
            for (text, _) in sample + [("Pandas, PANDAS and panda's cubs; Liège 2024", [])] {
                try tg.setDocument(try Document())
                try tg.indexText(text)
                try tg.indexText("prefixedonly words", prefix: "S")  // never spelling data
                try tg.indexTextWithoutPositions("unpositioned pandas")
            }
            if buffered {
                #expect(try db.spellings().isEmpty)  // nothing written before the flush
                try tg.flushSpelling()
            }
            try db.commit()
            counts.append(Dictionary(uniqueKeysWithValues: try db.spellings().map { ($0.word, $0.frequency) }))
            #expect(try db.spellingSuggestion("pandsa") == "pandas")
        }
        #expect(counts[0].isEmpty == false)
        #expect(counts[0]["prefixedonly"] == nil && counts[0]["unpositioned"] == sample.count + 1)
        #expect(counts[1] == counts[0])
        // buffering relies on every word being stemmed once: other strategies are refused
        let tg = try TermGenerator()
        try tg.setStemmer("english")
        #expect(throws: XapianError.self) { try tg.enableSpelling(into: try WritableDatabase(path: temporaryPath()), buffered: true) }
    }

    /// Positionless words: the same terms, counts and spelling data as without them, but no positions, so that
    /// phrases (with the parser told of their terms) skip them.
    @Test func positionlessWordsKeepTermsButNotPositions() throws {
        let texts = sample.map(\.0) + ["The port of Antwerp grew in 2019.", "Port in Antwerp.", "Antwerp's port, of course."]
        let words = ["the", "of", "in", "and"]
        for strategy in [StemmingStrategy.allZ, .some] {
            for buffered in strategy == .allZ ? [false, true] : [false] {
                var dbs: [WritableDatabase] = []
                for positionless in [false, true] {
                    let db = try WritableDatabase(path: temporaryPath())
                    let tg = try TermGenerator()
                    try tg.setStemmer("english")
                    try tg.setStemmingStrategy(strategy)
                    try tg.enableSpelling(into: db, buffered: buffered)
                    if positionless { try tg.setPositionlessWords(words) }
                    for text in texts {
                        let doc = try Document()
                        try tg.setDocument(doc)
                        try tg.indexText(text)
                        try tg.indexText("Title of the text", prefix: "S")
                        try db.add(doc)
                    }
                    if buffered { try tg.flushSpelling() }
                    try db.commit()
                    dbs.append(db)
                }
                for docid in UInt32(1)...UInt32(texts.count) {
                    let plain = try dbs[0].termList(docid), without = try dbs[1].termList(docid)
                    #expect(plain.map(\.term) == without.map(\.term) && plain.map(\.wdf) == without.map(\.wdf))
                }
                #expect(try dbs[0].spellings().map(\.word) == (try dbs[1].spellings().map(\.word)))
                #expect(try dbs[0].spellings().map(\.frequency) == (try dbs[1].spellings().map(\.frequency)))
                #expect(try dbs[1].spellings().contains { $0.word == "the" })
                if strategy == .allZ {
                    let qp = try QueryParser()
                    try qp.setStemmer("english")
                    try qp.setStemmingStrategy(.allZ)
                    try qp.setDatabase(dbs[1])
                    #expect(try search(dbs[1], "\"port of antwerp\"", parser: qp).isEmpty)  // "of" has no positions
                    try qp.setPositionlessTerms(["Zof", "Zthe", "Zin"])
                    let phrase = try qp.parse("\"port of antwerp\"")
                    #expect(phrase.description.contains("PHRASE 2") && !phrase.description.contains("Zof"))
                    // "The port of Antwerp" and "Port in Antwerp", not "Antwerp's port, of course"
                    let found = try search(dbs[1], "\"port of antwerp\"", parser: qp)
                    #expect(found.sorted() == [5, 6], "\(found)")
                    let plain = try QueryParser()
                    try plain.setStemmer("english")
                    try plain.setStemmingStrategy(.allZ)
                    let before = try search(dbs[0], "\"port of antwerp\"", parser: plain)
                    #expect(before == [5], "\(before)")
                    #expect(try search(dbs[1], "\"of the\"", parser: qp).isEmpty)
                    let near = try search(dbs[1], "port NEAR/1 of NEAR/1 antwerp", parser: qp)
                    #expect(near.sorted() == [5, 6, 7], "\(near)")
                }
            }
        }
        let tg = try TermGenerator()
        try tg.setPositionlessWords(["the"])
        #expect(throws: XapianError.self) { try tg.setStopWords(["of"]) }
    }

    @Test func spellingAndSynonyms() throws {
        let path = try makeDatabase(sample, spelling: true)
        let db = try WritableDatabase(path: path)
        #expect(try db.spellingSuggestion("pandsa") == "pandas")
        try db.addSynonym("prc", "china")
        try db.addSynonym("prc", "belgium")
        try db.commit()
        #expect(Set(try db.synonyms(of: "prc")) == ["china", "belgium"])
        let qp = try QueryParser()
        try qp.setDatabase(db)
        try qp.setStemmer("english")
        let q = try qp.parse("prc", flags: [.autoSynonyms])
        let enquire = try Enquire(db)
        try enquire.setQuery(q)
        #expect(try enquire.mset().count == 3)  // "belgium" in three documents
    }

    @Test func numberRangeAndSorting() throws {
        let db = try Database(path: try makeDatabase(sample))
        let qp = try QueryParser()
        try qp.addNumberRange(slot: 0, field: "")
        #expect(Set(try search(db, "2015..2030", parser: qp)) == [3, 4])
        let integer = try QueryParser()
        try integer.setDatabase(db)
        try integer.addIntegerTermRange(field: "", prefix: "Y")
        #expect(Set(try search(db, "2016..2017", parser: integer)) == [3])
        let enquire = try Enquire(db)
        try enquire.setQuery(try Query.matchAll())
        try enquire.setSort(.value(slot: 0, reverse: true))
        #expect(try enquire.mset().matches().map(\.docid) == [4, 3, 1, 2])
        let range = try Query(valueRange: 0, sortableSerialise(2014), sortableSerialise(2014))
        try enquire.setQuery(range)
        #expect(try enquire.mset().count == 2)
        #expect(sortableUnserialise(sortableSerialise(1971.5)) == 1971.5)
    }

    @Test func queryComposition() throws {
        let db = try Database(path: try makeDatabase(sample))
        let belgium = try Query(term: "belgium")
        let visit = try Query(term: "visited")
        let y2014 = try Query(term: "Y2014")
        let enquire = try Enquire(db)
        try enquire.setQuery(try Query(.filter, [try Query(.and, [belgium, visit]), y2014]))
        #expect(try enquire.mset().matches().map(\.docid) == [2])
        try enquire.setQuery(try Query(.andNot, [belgium, y2014]))
        #expect(try enquire.mset().matches().map(\.docid) == [3])
        try enquire.setQuery(try Query(.or, [try Query(term: "trade"), try Query(term: "giant")]))
        #expect(try enquire.mset().count == 2)
        try enquire.setBM25(k1: 1.2, b: 0.75)
        let first = try enquire.mset().match(0)
        #expect(first.rank == 0 && first.weight > 0 && first.percent > 0)
    }

    @Test func shardsSearchAsOne() throws {
        let a = try Database(path: try makeDatabase(Array(sample.prefix(2))))
        let b = try Database(path: try makeDatabase(Array(sample.suffix(2))))
        let both = try Database(shards: [a, b])
        #expect(try both.documentCount() == 4)
        #expect(try search(both, "visited").count == 2)
        let compacted = temporaryPath("compact")
        try both.compact(to: compacted)
        #expect(try Database(path: compacted).documentCount() == 4)
    }
}

@Suite struct ErrorTests {
    @Test func secondWriterIsLocked() throws {
        let path = try makeDatabase(sample)
        let first = try WritableDatabase(path: path)
        #expect(throws: XapianError.self) { _ = try WritableDatabase(path: path) }
        do {
            _ = try WritableDatabase(path: path)
        } catch {
            #expect(error.code == .locked)
            #expect(error.type == "DatabaseLockError")
        }
        try first.close()
        // free again. Other tests of this process start child processes, and a child holds a copy of every
        // descriptor (Xapian's lock too) from fork until its exec closes them: allow it a moment.
        var reopened = false
        var attempts = 0
        while !reopened && attempts < 100 {
            attempts += 1
            if let again = try? WritableDatabase(path: path) {
                try again.close()
                reopened = true
            } else {
                usleep(10_000)
            }
        }
        #expect(reopened)
    }

    @Test func missingPathIsNotFound() {
        do {
            _ = try Database(path: temporaryPath("missing"))
            Issue.record("opened a missing database")
        } catch {
            #expect(error.code == .notFound)
        }
    }

    @Test func truncatedDatabaseIsCorrupt() throws {
        let path = try makeDatabase(sample)
        for table in ["postlist.glass", "docdata.glass", "termlist.glass"] {
            let file = path + "/" + table
            if let handle = FileHandle(forUpdatingAtPath: file) {
                try handle.truncate(atOffset: 100)
                try handle.close()
            }
        }
        var codes: [XapianError.Code] = []
        do {
            let db = try Database(path: path)
            _ = try search(db, "visited")
            _ = try db.document(1).data()
        } catch {
            codes.append((error as? XapianError)?.code ?? .other)
        }
        #expect(codes == [.corrupt])
    }

    @Test func badQuerySyntaxIsQueryError() throws {
        let qp = try QueryParser()
        for bad in ["foo AND", "NOT foo", "AND AND"] {
            do {
                _ = try qp.parse(bad)
                Issue.record("parsed \(bad)")
            } catch {
                #expect(error.code == .querySyntax)
            }
        }
        #expect(XapianError.Code.querySyntax ~= XapianError(code: .querySyntax, type: "QueryParserError", message: ""))
    }

    @Test func writingToReadOnlyHandleIsRejected() throws {
        let path = try makeDatabase(sample)
        let reader = try Database(path: path)
        try reader.close()
        #expect(throws: XapianError.self) { _ = try reader.document(1).data() }
    }

    @Test func termTooLongIsInvalidArgument() throws {
        let db = try WritableDatabase(path: temporaryPath())
        let doc = try Document()
        try doc.addTerm(String(repeating: "x", count: 300))
        do {
            try db.add(doc)
            try db.commit()
            Issue.record("accepted a 300-byte term")
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }
}

@Suite struct InteropTests {
    func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/" + tool)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test func xapianToolsReadOurDatabase() throws {
        for tool in ["/usr/bin/xapian-delve", "/usr/bin/quest"] {
            try #require(access(tool, X_OK) == 0, "\(tool) is missing: install Debian's xapian-tools (.ci/run does)")
        }
        let path = try makeDatabase(sample)
        let delve = try run("xapian-delve", [path])
        #expect(delve.contains("number of documents = 4"))
        let quest = try run("quest", ["-d", path, "king philippe"])
        #expect(quest.contains("MSet:"))
        #expect(quest.contains("King Philippe"))
    }
}

@Suite struct LeakTests {
    @Test func handlesAreFreed() throws {
        let before = Database.liveHandlesOnThisThread
        do {
            let db = try Database(path: try makeDatabase(sample))
            let enquire = try Enquire(db)
            try enquire.setQuery(try QueryParser().parse("belgium"))
            let spy = try enquire.addTermCountSpy(prefix: "Y")
            let mset = try enquire.mset()
            _ = try mset.document(0).data()
            _ = try spy.counts()
            #expect(Database.liveHandlesOnThisThread > before)
        }
        #expect(Database.liveHandlesOnThisThread == before)
    }
}

@Suite struct DictionaryCodecTests {
    let texts = (0..<400).map { i in
        "Premier Li Keqiang met the Belgian delegation in Brussels in \(1990 + i % 35) to discuss trade number \(i) and the pandas of Pairi Daiza."
    }

    @Test func roundTripsAndShrinksWithATrainedDictionary() throws {
        let samples = texts.map { Array($0.utf8) }
        let dictionary = try DictionaryCodec.train(samples: samples, capacity: 4096)
        #expect(!dictionary.isEmpty && dictionary.count <= 4096)
        let codec = try DictionaryCodec(dictionary: dictionary)
        let plain = try DictionaryCodec(dictionary: [])
        var random = SystemRandomNumberGenerator()
        let noise = (0..<300).map { _ in UInt8.random(in: 0...255, using: &random) }
        for input in [samples[7], samples[399], [], noise] {
            let packed = try codec.compress(input)
            #expect(try codec.decompress(packed[...], size: input.count) == input)
            #expect(try plain.decompress(try plain.compress(input)[...], size: input.count) == input)
        }
        // the dictionary is what makes a short text small
        #expect(try codec.compress(samples[3]).count * 3 < (try plain.compress(samples[3])).count)
    }

    @Test func damageIsAnErrorNeverACrash() throws {
        let codec = try DictionaryCodec(dictionary: Array(texts[0].utf8))
        let input = Array(texts[1].utf8)
        let packed = try codec.compress(input)
        #expect(throws: XapianError.self) { try codec.decompress(packed[...], size: input.count + 1) }
        #expect(throws: XapianError.self) { try codec.decompress(packed.prefix(packed.count / 2), size: input.count) }
        #expect(throws: XapianError.self) { try codec.decompress([1, 2, 3][...], size: 10) }
        // another dictionary does not give the text back
        let other = try DictionaryCodec(dictionary: Array("something else entirely, another corpus".utf8))
        #expect((try? other.decompress(packed[...], size: input.count)) != input)
        #expect(throws: XapianError.self) { try DictionaryCodec.train(samples: [[1, 2, 3]], capacity: 4096) }
        #expect(throws: XapianError.self) { try DictionaryCodec(dictionary: [UInt8](repeating: 1, count: DictionaryCodec.maxDictionary + 1)) }
    }
}
