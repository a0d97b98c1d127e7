import Foundation
import Testing

@testable import DossierCore
import DossierDocuments

/// The counting of every match, on other threads or after the page on the calling thread, finds the matches from
/// the term postings alone (and their facets from the value streams or the columns), without Xapian's matcher,
/// when the query is made only of terms and boolean operators (`BoolPostings` in the shim), and with the matcher
/// otherwise: either way the totals, facets and page equal those of the match itself (a match spy).
@Suite struct CountingTests {
    @Test func matchesFromThePostingsEqualTheMatchers() throws {
        let w = Workspace()
        for f in 0..<4 {
            w.write("g\(f).txt", (0..<250).map {
                "Trade with Antwerp in \(1990 + ($0 * 7 + f) % 30); Li Keqiang met Xi Jinping\($0 % 5 == 0 ? " about giant pandas in Brussels" : "")\($0 % 3 == 0 ? " and culture" : "")."
            }.joined(separator: "\n\n"))
        }
        // with a facet column beside every shard, and without (facets from the value streams)
        var searchers: [Searcher] = []
        for columns in [true, false] {
            var options = Indexer.Options(corpus: w.corpus, index: w.index + (columns ? "-columns" : "-values"))
            options.documents = .standard
            options.shards = 2
            options.facetColumnsFrom = columns ? 0 : .max
            _ = try Indexer(options: options).run()
            searchers.append(try Searcher(paths: [options.index]))
        }

        let atoms = ["trade", "pandas", "Antwerp", "Xi", "Keqiang", "culture", "1995", "year:1995", "year:1990..1999",
                     "topic:culture", "person:\"Li Keqiang\"", "place:Brussels", "AND", "OR", "NOT", "-pandas", "+trade",
                     "\"giant pandas\"", "pand*", "Brussels", "zzyzx", "met NEAR Antwerp", "(", ")", "the"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15  // a fixed sequence: the same queries every run
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        var fromPostings = 0, fromMatcher = 0, fromColumns = 0, fromValues = 0, rejected = 0
        for n in 0..<250 {
            let query = (0...next(4)).map { _ in atoms[next(atoms.count)] }.joined(separator: " ")
            let searcher = searchers[n % 2]
            for limit in [0, 5] {  // an exact total only; and facets, from the shards' columns
                var r = SearchRequest(query: query)
                r.facetLimit = limit
                searcher.countWithTheMatch = true
                let serial: SearchResult
                do {
                    serial = try searcher.search(r)
                } catch let error as DossierError {
                    #expect(error.kind == .query, "\(query)")
                    rejected += 1
                    continue
                }
                searcher.countWithTheMatch = false
                for threads in [0, 2] {  // after the page on this thread; on two threads
                    searcher.countingThreads = threads
                    searcher.parallelFacetsFrom = 0
                    let counted = try searcher.search(r)
                    #expect(counted.total == serial.total && counted.totalIsExact, "\(query) \(threads)")
                    #expect(counted.facets == serial.facets, "\(query) \(threads)")
                    #expect(counted.hits.map(\.record.id) == serial.hits.map(\.record.id), "\(query) \(threads)")
                    if searcher.matchesFromPostings { fromPostings += 1 } else { fromMatcher += 1 }
                    if limit > 0 { if searcher.facetsFromColumns { fromColumns += 1 } else { fromValues += 1 } }
                    if threads > 0, serial.total > 0 {
                        // the bound that decides whether threads count is never under the matches
                        searcher.parallelFacetsFrom = max(1, serial.total)
                        _ = try searcher.search(r)
                        #expect(searcher.countedOnThreads, "\(query): a bound under its \(serial.total) matches")
                    }
                }
            }
        }
        // a query of few matches is counted after the page however large the index: no thread, no shard opened again
        let searcher = searchers[0]
        searcher.countingThreads = 2
        searcher.parallelFacetsFrom = 1000
        _ = try searcher.search(SearchRequest(query: "Brussels"))  // in one passage of five
        #expect(!searcher.countedOnThreads)
        _ = try searcher.search(SearchRequest(query: "trade"))  // in every passage
        #expect(searcher.countedOnThreads)
        // both ways are exercised: boolean queries from the postings, phrases, NEAR and wildcards by the matcher
        #expect(fromPostings > 400 && fromMatcher > 40 && fromColumns > 100 && fromValues > 100, "\(fromPostings) from the postings, \(fromMatcher) by the matcher, \(fromColumns) from columns, \(fromValues) from values, \(rejected) rejected")
    }
}
