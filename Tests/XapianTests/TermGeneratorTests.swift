import Foundation
import Testing
@testable import Xapian

/// The term generator: spelling data (buffered and Xapian's own), positionless words, synonyms.
@Suite struct TermGeneratorTests {
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
        let pandas = try db.spellings().first { $0.word == "pandas" }?.frequency ?? 0
        let frequency = try db.spellingFrequency("pandas")
        #expect(pandas > 0 && frequency == pandas)
        #expect(try db.spellingFrequency("pandsa") == 0)
        #expect(try db.spellingFrequency("") == 0)
        #expect(try db.spellingFrequency("zzzz") == 0)
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
}
