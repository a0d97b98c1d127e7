import Foundation
import Testing
@testable import Xapian

/// Match spies over facet slots and terms, and the facet columns beside a shard.
/// A Dossier-style facet key (`n << 2 | kind`), for the tests' values.
func key(_ n: Int, kind: Int) -> UInt64 { UInt64(n) << 2 | UInt64(kind) }

@Suite struct FacetTests {
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

    /// Keys (`KeyList` varints): the shim's spy, the stock spy split by the shim (remote shards), the count on
    /// threads, on the calling thread, and from a facet column agree, with keys beyond the flat array, damaged
    /// values and a key of all 64 bits.
    @Test func keysAreCountedAlike() throws {
        let path = temporaryPath()
        let db = try WritableDatabase(path: path)
        let big: UInt64 = 5_000_000 << 2  // beyond the shim's flat array: counted in its map
        let docs: [[UInt64]] = [[2014 << 2, 1, 2, 6], [2014 << 2, 2015 << 2, 5, 6], [2024 << 2, 1, big, 30], []]
        for (i, keys) in docs.enumerated() {
            let doc = try Document()
            try doc.addBooleanTerm("Q\(i)")
            try doc.setValue(2, KeyList.encode(keys))
            try db.add(doc)
        }
        let damaged = try Document()
        try damaged.setValue(2, KeyList.encode([1999 << 2]) + [0x80, 0x80])  // a varint cut short
        try db.add(damaged)
        let odd = try Document()
        try odd.setValue(2, [0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])  // key 0, a 64-bit key
        try db.add(odd)
        try db.commit()
        try db.close()

        let reader = try Database(path: path)
        func sorted(_ counts: [KeyCount]) -> [KeyCount] { counts.sorted { $0.key < $1.key } }
        let enquire = try Enquire(reader)
        try enquire.setQuery(try Query.matchAll())
        let own = try enquire.addFacetSpy(slot: 2)
        let stock = try enquire.addValueCountSpy(slot: 2)
        _ = try enquire.mset(maxItems: 0, checkAtLeast: try reader.documentCount())
        #expect(try own.documentsSeen() == 6)
        let counting = try Enquire(reader)
        try counting.setQuery(try Query.matchAll())
        let threaded = try counting.msetCounting(first: 0, maxItems: 2, paths: [path], slot: 2, threads: 2)
        let here = try counting.msetCounting(first: 0, maxItems: 2, paths: [path], slot: 2, threads: 0)
        #expect(threaded.matches == 6 && here.matches == 6)
        #expect(threaded.page.count == 2 && here.page.count == 2)
        #expect(!threaded.fromColumns)
        // the same from a facet column (32-bit keys: `big`; beyond the flat array: its map)
        try FacetColumn.write(shard: path, slot: 2)
        #expect(try FacetColumn.isFresh(shard: path, slot: 2))
        #expect(try !FacetColumn.isFresh(shard: path, slot: 3))
        let columned = try counting.msetCounting(first: 0, maxItems: 2, paths: [path], slot: 2, threads: 2)
        #expect(columned.fromColumns && columned.matches == 6)
        let expected = [KeyCount(key: 0, count: 1), KeyCount(key: 1, count: 2), KeyCount(key: 2, count: 1),
                        KeyCount(key: 5, count: 1), KeyCount(key: 6, count: 2), KeyCount(key: 30, count: 1),
                        KeyCount(key: 1999 << 2, count: 1), KeyCount(key: 2014 << 2, count: 2), KeyCount(key: 2015 << 2, count: 1),
                        KeyCount(key: 2024 << 2, count: 1), KeyCount(key: big, count: 1), KeyCount(key: .max, count: 1)]
        for counts in [try own.keyCounts(), try stock.keyCounts(), threaded.counts, here.counts] {
            #expect(sorted(counts) == expected)
        }
        // a column holds the keys of at most 32 bits: the 64-bit key is not in it
        #expect(sorted(columned.counts) == expected.filter { $0.key != .max })
        // paths that are not the enquire's shards (a stub read again after a rebuild with another shard count):
        // counted on the calling thread from the values, without the columns
        let stale = try counting.msetCounting(first: 0, maxItems: 2, paths: [path, path], slot: 2, threads: 0)
        #expect(!stale.fromColumns && stale.matches == 6 && sorted(stale.counts) == expected)
    }

    /// A facet column updated from the one before a commit and the documents it changed equals one written from
    /// every value; it does reuse the old column (an update told of no change keeps the old keys); and from a
    /// column of another revision, it writes a whole new one.
    @Test func facetColumnUpdatesFromTheChangedDocuments() throws {
        let path = temporaryPath()
        func doc(_ id: Int, _ keys: [UInt64]) throws -> Document {
            let d = try Document()
            try d.addBooleanTerm("Q\(id)")
            try d.setValue(1, KeyList.encode(keys))
            return d
        }
        let db = try WritableDatabase(path: path)
        for i in 1...5 { try db.add(try doc(i, [key(2000 + i, kind: 0), key(i, kind: 2)])) }
        try db.commit()
        let base = try Database(path: path).revision()
        try FacetColumn.write(shard: path, slot: 1)
        let column = URL(fileURLWithPath: path + "/" + FacetColumn.fileName)
        let before = try Data(contentsOf: column)

        try db.trackChangedDocids()
        try db.replace(uniqueTerm: "Q2", with: try doc(2, [key(1999, kind: 0)]))
        try db.delete(uniqueTerm: "Q4")
        try db.add(try doc(6, [key(70_000, kind: 2)]))  // a key of more than 16 bits: 32-bit keys
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
        let updatedWide = try updateAsIfWritten(try commitReplacing(1, [key(1, kind: 1), key(2024, kind: 0)]))
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
        _ = try updateAsIfWritten(try commitReplacing(5, [key(2030, kind: 0)]))
    }
}
