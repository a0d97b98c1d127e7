import Foundation
import Testing
@testable import Xapian

/// Queries: composition, number ranges and sorting, snippets.
@Suite struct QueryTests {
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

    /// Every document, asked for on several threads at once, each with queries of its own (as the server's
    /// workers do): Xapian's static `Query::MatchAll` counts its references without atomics, so a shim that
    /// copied it let two threads corrupt its count and free it under a search (a crash in `Enquire::set_query`).
    @Test func matchAllOnSeveralThreadsAtOnce() {
        let failures = LockedCount()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let term = try Query(term: "panda")
                for _ in 0..<50_000 {
                    let all = try Query.matchAll()
                    _ = try all.combined(.filter, term)
                }
            } catch {
                failures.add()
            }
        }
        #expect(failures.value == 0)
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
}

/// A counter several threads add to.
final class LockedCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
