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
