import Foundation
import Testing
import Xapian

@testable import DossierCore
import DossierDocuments

/// The facet column beside each shard (`FacetColumn`): every index run leaves it matching its shard, searches
/// read it only while it does, and facets are the same whether they come from the columns or the values.
@Suite struct FacetColumnTests {
    /// The bundled corpus and 4 files of 300 passages, built into 2 shards.
    func build() throws -> (Workspace, [String]) {
        let w = Workspace()
        for f in 0..<4 {
            w.write("g\(f).txt", (0..<300).map {
                "Trade with Antwerp in \(1990 + ($0 * 7 + f) % 30); Li Keqiang met Xi Jinping\($0 % 5 == 0 ? " about pandas in Brussels" : "")."
            }.joined(separator: "\n\n"))
        }
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.shards = 2
        options.facetColumnsFrom = 0  // a column for every shard, however small
        _ = try Indexer(options: options).run()
        let shards = try #require(IndexLayout(folder: w.index).current()?.shards)
        #expect(shards.count == 2)
        return (w, shards)
    }

    /// Searches `query` with facets counted by the match itself (from the values) and by the counting threads;
    /// expects the same answer, and tells whether the threads read the columns.
    func compare(_ index: String, _ query: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (fromColumns: Bool, result: SearchResult) {
        let searcher = try Searcher(paths: [index])
        var r = SearchRequest(query: query)
        r.facetLimit = 1000
        searcher.countWithTheMatch = true
        let serial = try searcher.search(r)
        searcher.countWithTheMatch = false
        searcher.countingThreads = 0
        let here = try searcher.search(r)
        #expect(here.total == serial.total && here.facets == serial.facets, "\(query)", sourceLocation: sourceLocation)
        searcher.countingThreads = 2
        searcher.parallelFacetsFrom = 0
        let parallel = try searcher.search(r)
        #expect(serial.total > 0 && parallel.total == serial.total, sourceLocation: sourceLocation)
        #expect(parallel.facets == serial.facets, "\(query)", sourceLocation: sourceLocation)
        return (searcher.facetsFromColumns, parallel)
    }

    /// An index run over the workspace, every shard with a column.
    @discardableResult
    func index(_ w: Workspace) throws -> IndexSummary {
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.facetColumnsFrom = 0
        return try Indexer(options: options).run()
    }

    func fresh(_ shards: [String]) throws -> [Bool] {
        try shards.map { try FacetColumn.isFresh(shard: $0, slot: Schema.facetsSlot) }
    }

    @Test func everyIndexRunLeavesTheColumnsFresh() throws {
        let (w, shards) = try build()
        #expect(try fresh(shards) == [true, true])
        for query in ["", "trade", "pandas", "year:1995..2005"] {
            #expect(try compare(w.index, query).fromColumns, "\(query)")
        }
        func mathilde(_ r: SearchResult) -> Int { r.facets.entity.first { $0.value == "Queen Mathilde" }?.count ?? 0 }
        let before = try compare(w.index, "pandas").result
        // updates: the columns of the shards they commit are brought up to date from the changed passages, and
        // equal columns written from every value
        func expectColumnsAsIfWritten(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try fresh(shards) == [true, true], sourceLocation: sourceLocation)
            for shard in shards {
                let column = URL(fileURLWithPath: shard + "/" + FacetColumn.fileName)
                let updated = try Data(contentsOf: column)
                try FacetColumn.write(shard: shard, slot: Schema.facetsSlot)
                #expect(try Data(contentsOf: column) == updated, sourceLocation: sourceLocation)
            }
        }
        w.write("g0.txt", w.read("g0.txt") + "\n\nQueen Mathilde visited Antwerp in 1971 to see the pandas.")
        let summary = try index(w)
        #expect(summary.added == 1 && !summary.fullBuild)
        try expectColumnsAsIfWritten()
        let (fromColumns, result) = try compare(w.index, "pandas")
        #expect(fromColumns)
        #expect(result.total == before.total + 1)
        #expect(result.facets.year.contains { $0.value == "1971" } && !before.facets.year.contains { $0.value == "1971" })
        #expect(mathilde(result) == mathilde(before) + 1)

        w.write("g1.txt", w.read("g1.txt").replacingOccurrences(of: "in 1995", with: "in 1985"))
        try FileManager.default.removeItem(at: w.corpus.appendingPathComponent("g3.txt"))
        let second = try index(w)
        #expect(second.changed > 0 && second.removed == 300 && !second.fullBuild)
        try expectColumnsAsIfWritten()
        #expect(try compare(w.index, "trade").fromColumns)
    }

    @Test func staleDamagedOrForeignColumnsAreNotRead() throws {
        let (w, shards) = try build()
        let column = { (k: Int) in shards[k] + "/" + FacetColumn.fileName }
        let old = try Data(contentsOf: URL(fileURLWithPath: column(0)))
        w.write("g1.txt", w.read("g1.txt").replacingOccurrences(of: "pandas", with: "giant pandas"))
        w.write("g2.txt", w.read("g2.txt") + "\n\nKing Philippe opened the panda house in 1999.")
        try index(w)
        let current = try shards.map { try Data(contentsOf: URL(fileURLWithPath: column($0 == shards[0] ? 0 : 1))) }

        func expectValuesRead(_ what: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(try fresh(shards) != [true, true], "\(what)", sourceLocation: sourceLocation)
            for query in ["", "pandas"] {
                #expect(try !compare(w.index, query, sourceLocation: sourceLocation).fromColumns, "\(what): \(query)", sourceLocation: sourceLocation)
            }
        }
        // made before the last commit
        try old.write(to: URL(fileURLWithPath: column(0)))
        try expectValuesRead("stale")
        // another shard's
        try current[1].write(to: URL(fileURLWithPath: column(0)))
        try expectValuesRead("foreign")
        // cut short, and a damaged header
        try current[0].prefix(current[0].count - 6).write(to: URL(fileURLWithPath: column(0)))
        try expectValuesRead("truncated")
        var header = current[0]
        header[0] = 0x58
        try header.write(to: URL(fileURLWithPath: column(0)))
        try expectValuesRead("bad magic")
        // `dossier check` notes a column that is not up to date, which is no inconsistency
        let stale = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(stale.consistent && stale.staleFacetColumns == [shards[0]] && stale.facetColumnErrors == 0)
        try FileManager.default.removeItem(atPath: column(0))
        try expectValuesRead("missing")

        // the next index run, with nothing to index, writes it again
        let summary = try index(w)
        #expect(summary.added == 0 && summary.changed == 0)
        #expect(try fresh(shards) == [true, true])
        #expect(try compare(w.index, "pandas").fromColumns)
    }

    /// `dossier check` compares each up-to-date column with its shard's values.
    @Test func checkFindsAColumnThatDiffersFromTheValues() throws {
        let (w, shards) = try build()
        let sound = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(sound.consistent && sound.facetColumnErrors == 0 && sound.staleFacetColumns.isEmpty)
        // one key changed: the header still matches the shard, so searches would read it
        let url = URL(fileURLWithPath: shards[1] + "/" + FacetColumn.fileName)
        var bytes = try Data(contentsOf: url)
        bytes[bytes.count - 1] ^= 0x01
        try bytes.write(to: url)
        #expect(try FacetColumn.isFresh(shard: shards[1], slot: Schema.facetsSlot))
        let damaged = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(!damaged.consistent && damaged.facetColumnErrors == 1 && damaged.xapianErrors == 0 && damaged.staleFiles.isEmpty)
    }

    /// Shards under `facetColumnsFrom` passages get no column (and lose one they had); searches count from values.
    @Test func smallShardsHaveNoColumn() throws {
        let (w, shards) = try build()
        #expect(try fresh(shards) == [true, true])
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.documents = .standard
        options.facetColumnsFrom = 1_000  // more than either shard holds (~600 passages each)
        w.write("g0.txt", w.read("g0.txt") + "\n\nKing Philippe visited Antwerp in 1985.")
        _ = try Indexer(options: options).run()
        for shard in shards { #expect(!FileManager.default.fileExists(atPath: shard + "/" + FacetColumn.fileName)) }
        #expect(try !compare(w.index, "trade").fromColumns)
        let report = try Checker.check(corpus: w.corpus, index: w.index, documents: .standard)
        #expect(report.consistent && report.staleFacetColumns.isEmpty)
        // the default: none for an index of the bundled corpus
        let small = Workspace()
        try small.index()
        let shard = try #require(IndexLayout(folder: small.index).current()?.shards.first)
        #expect(!FileManager.default.fileExists(atPath: shard + "/" + FacetColumn.fileName))
    }
}
