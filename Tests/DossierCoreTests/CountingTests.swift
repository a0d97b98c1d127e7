import Foundation
import Testing

@testable import DossierCore

/// The threads that count every match find the matches from the term postings alone, without Xapian's matcher,
/// when the query is made only of terms and boolean operators (`BoolPostings` in the shim), and with the matcher
/// otherwise: either way the totals, facets and page equal those of the match itself.
@Suite struct CountingTests {
    @Test func matchesFromThePostingsEqualTheMatchers() throws {
        let w = Workspace()
        for f in 0..<4 {
            w.write("g\(f).txt", (0..<250).map {
                "Trade with Antwerp in \(1990 + ($0 * 7 + f) % 30); Li Keqiang met Xi Jinping\($0 % 5 == 0 ? " about giant pandas in Brussels" : "")\($0 % 3 == 0 ? " and culture" : "")."
            }.joined(separator: "\n\n"))
        }
        var options = Indexer.Options(corpus: w.corpus, index: w.index)
        options.shards = 2
        options.facetColumnsFrom = 0
        _ = try Indexer(options: options).run()
        let searcher = try Searcher(paths: [w.index])

        let atoms = ["trade", "pandas", "Antwerp", "Xi", "Keqiang", "culture", "1995", "year:1995", "year:1990..1999",
                     "topic:culture", "person:\"Li Keqiang\"", "place:Brussels", "AND", "OR", "NOT", "-pandas", "+trade",
                     "\"giant pandas\"", "pand*", "Brussels", "zzyzx", "met NEAR Antwerp", "(", ")", "the"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed sequence: the same queries every run
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var fromPostings = 0, fromMatcher = 0, rejected = 0
        for _ in 0..<250 {
            let query = (0...next(4)).map { _ in atoms[next(atoms.count)] }.joined(separator: " ")
            for limit in [0, 5] {  // an exact total only; and facets, from the shards' columns
                var r = SearchRequest(query: query)
                r.facetLimit = limit
                searcher.countingThreads = 0
                searcher.parallelFacetsFrom = 20_000
                let serial: SearchResult
                do {
                    serial = try searcher.search(r)
                } catch let error as DossierError {
                    #expect(error.kind == .query, "\(query)")
                    rejected += 1
                    continue
                }
                searcher.countingThreads = 2
                searcher.parallelFacetsFrom = 0
                let parallel = try searcher.search(r)
                #expect(parallel.total == serial.total && parallel.totalIsExact, "\(query)")
                #expect(parallel.facets == serial.facets, "\(query)")
                #expect(parallel.hits.map(\.record.id) == serial.hits.map(\.record.id), "\(query)")
                if searcher.matchesFromPostings { fromPostings += 1 } else { fromMatcher += 1 }
            }
        }
        // both ways are exercised: boolean queries from the postings, phrases, NEAR and wildcards by the matcher
        #expect(fromPostings > 200 && fromMatcher > 20, "\(fromPostings) from the postings, \(fromMatcher) by the matcher, \(rejected) rejected")
    }
}
