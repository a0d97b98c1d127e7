import Foundation
import Testing
@testable import Xapian

/// Databases: create, search, replace and delete, transactions and metadata, shards searched as one.
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

    /// A filter alone over several shards: the shim reads its page shard by shard (Xapian's matcher would read every
    /// match first). The page must be the one Xapian's own matcher gives: asked for with `checkAtLeast`, which takes
    /// that matcher's path. Three shards of uneven sizes, every offset and page size up to past the end.
    @Test func unweightedPageOverShardsIsXapiansOwn() throws {
        let sizes = [7, 3, 12]
        var shards: [Database] = []
        for (s, n) in sizes.enumerated() {
            shards.append(try Database(path: try makeDatabase((0..<n).map { i in
                ("passage \(s)-\(i)" + (i % 3 == 0 ? " visited" : ""), [2000 + (i + s) % 4])
            })))
        }
        let all = try Database(shards: shards)
        let total = sizes.reduce(0, +)
        for filter in [try Query(term: "Y2001"), try Query(.or, [try Query(term: "Y2001"), try Query(term: "Y2003")]), try Query.matchAll()] {
            let query = try Query(.filter, [try Query.matchAll(), filter])
            for first in [0, 1, 4, 9, 30] {
                for size in [1, 3, 10, 40] {
                    let shardwise = try Enquire(all), xapians = try Enquire(all)
                    try shardwise.setQuery(query)
                    try xapians.setQuery(query)
                    let page = try shardwise.mset(first: first, maxItems: size)
                    let expected = try xapians.mset(first: first, maxItems: size, checkAtLeast: total)
                    #expect(try page.matches() == expected.matches(), "first \(first), size \(size)")
                    #expect(try (0..<page.count).map { try page.document($0).data() } == (0..<expected.count).map { try expected.document($0).data() })
                    let (lower, estimated, upper) = try page.totals(), exact = try expected.totals().estimated
                    #expect(lower <= exact && exact <= upper && lower <= estimated && estimated <= upper)
                }
            }
        }
        // a query with weights keeps Xapian's own page, ranked by them
        let weighted = try Enquire(all)
        try weighted.setQuery(try Query(.filter, [try Query(term: "Zvisit"), try Query(term: "Y2001")]))
        #expect(try weighted.mset(maxItems: 3).matches().allSatisfy { $0.weight > 0 })
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
