import Foundation
import Testing
import TestSupport
@testable import DossierCore

@Suite struct MetricTests {
    /// relevant: d1 (grade 2), d3, d4 (grade 1); d2 judged not relevant. Ranked: d3, d2, d1, d5.
    @Test func handComputedQuery() throws {
        let judged = ["d1": 2, "d2": 0, "d3": 1, "d4": 1]
        let run = [("d3", 5.0), ("d2", 4.0), ("d1", 3.0), ("d5", 2.0)].map { Evaluation.Ranked(id: $0.0, score: $0.1) }
        let s = try #require(Evaluation.score(run: run, judged: judged))
        // AP = (1/1 + 2/3) / 3
        #expect(abs(s.map - (1.0 + 2.0 / 3.0) / 3.0) < 1e-12)
        #expect(abs(s.p10 - 0.2) < 1e-12)
        #expect(abs(s.recall100 - 2.0 / 3.0) < 1e-12)
        // DCG = 1/log2(2) + 2/log2(4) = 2; IDCG = 2/log2(2) + 1/log2(3) + 1/log2(4)
        let idcg = 2.0 + 1.0 / log2(3.0) + 0.5
        #expect(abs(s.ndcgCut10 - 2.0 / idcg) < 1e-12)
    }

    @Test func tiesAreBrokenLikeTrecEval() throws {
        // equal scores: trec_eval orders by document id descending, so "b" comes before "a"
        let run = [("a", 1.0), ("b", 1.0)].map { Evaluation.Ranked(id: $0.0, score: $0.1) }
        let s = try #require(Evaluation.score(run: run, judged: ["a": 1]))
        #expect(s.map == 0.5)
    }

    @Test func unjudgedQueriesSkippedAndMissingRunsScoreZero() {
        let run = [Evaluation.Ranked(id: "x", score: 1)]
        let qrels: Evaluation.Qrels = ["q1": ["x": 1], "q2": ["y": 3], "q3": ["z": 0]]
        let s = Evaluation.score(runs: ["q1": run], qrels: qrels)
        #expect(s.queries == 2)  // q3 has no relevant document
        #expect(s.map == 0.5 && s.p10 == 0.05 && s.recall100 == 0.5 && s.ndcgCut10 == 0.5)
    }

    @Test func qrelsWithHeaderAndTrecForm() throws {
        let beir = try Evaluation.parseQrels("query-id\tcorpus-id\tscore\n1\t10\t2\n1\t11\t0\n2\t12\t1\n")
        #expect(beir == ["1": ["10": 2, "11": 0], "2": ["12": 1]])
        let trec = try Evaluation.parseQrels("1 0 10 2\n")
        #expect(trec == ["1": ["10": 2]])
        #expect(throws: DossierError.self) { try Evaluation.parseQrels("1\t10\n") }
    }

    @Test func trecRunFormat() {
        let text = Evaluation.trecRun([("7", [Evaluation.Ranked(id: "d1", score: 2.5), Evaluation.Ranked(id: "d2", score: 1)])])
        #expect(text == "7 Q0 d1 1 2.500000 dossier\n7 Q0 d2 2 1.000000 dossier\n")
    }
}

@Suite struct JSONLTests {
    static let docs = """
    {"_id": "a1", "title": "Wind tunnel tests", "text": "Pressure measurements on a swept wing at supersonic speeds."}
    {"_id": "a2", "title": "Boundary layers", "text": "Heat transfer in the laminar boundary layer of a flat plate."}
    not json at all
    {"_id": "a3", "title": "", "text": "Panda diplomacy between China and Belgium began in 2014."}
    {"_id": "a1", "text": "a duplicate id"}
    {"title": "no id"}

    {"_id": 4, "text": "Numeric ids are read as strings."}
    """

    @Test func idsTitlesAndBadLines() throws {
        let w = Workspace(copyBundled: false)
        w.write("docs.jsonl", Self.docs)
        var warnings: [Warning] = []
        let summary = try w.index(warnings: &warnings)
        #expect(summary.passages == 4 && summary.added == 4)
        let lines = warnings.map(\.message)
        #expect(lines.contains { $0.hasPrefix("line 3:") })
        #expect(lines.contains { $0.hasPrefix("line 5:") && $0.contains("duplicate") })
        #expect(lines.contains { $0.hasPrefix("line 6:") })
        let searcher = try Searcher(paths: [w.index])
        // the title is searched, and `_id` is the passage id
        let hit = try searcher.search(SearchRequest(query: "tunnel")).hits.first
        #expect(hit?.record.id == "a1" && hit?.record.title == "Wind tunnel tests")
        #expect(try searcher.passage("4")?.text == "Numeric ids are read as strings.")
        #expect(try searcher.search(SearchRequest(query: "title:boundary")).hits.map(\.record.id) == ["a2"])
        // passages of JSONL documents are tagged like any other
        #expect(try searcher.search(SearchRequest(query: "panda")).hits.first?.record.years == [2014])
    }

    @Test func editingOneLineReindexesOneDocument() throws {
        let w = Workspace(copyBundled: false)
        w.write("docs.jsonl", Self.docs)
        try w.index()
        let edited = Self.docs.replacingOccurrences(of: "flat plate", with: "cone")
            .replacingOccurrences(of: #"{"_id": 4, "text": "Numeric ids are read as strings."}"#, with: "")
        w.write("docs.jsonl", edited)
        let s = try w.index()
        #expect(s.changed == 1 && s.removed == 1 && s.unchanged == 2 && s.added == 0 && s.passages == 3)
        let searcher = try Searcher(paths: [w.index])
        #expect(try searcher.search(SearchRequest(query: "cone")).hits.map(\.record.id) == ["a2"])
    }

    /// A title's words count `titleWeight` times in its passage's text (the title field's terms once); an index
    /// built with another weight is built again in full, and an unchanged one is not.
    @Test func titlesCountAsTheirWeightSays() throws {
        let w = Workspace(copyBundled: false)
        w.write("docs.jsonl", Self.docs)
        func build(_ weight: Int) throws -> (summary: IndexSummary, tunnel: Int, pressure: Int, titleField: Int) {
            var options = Indexer.Options(corpus: w.corpus, index: w.index)
            options.titleWeight = weight
            let summary = try Indexer(options: options).run()
            let db = try Database(path: w.index)
            let docid = try #require(try db.postings(Schema.idPrefix + "a1").first)
            let terms = Dictionary(try db.termList(docid), uniquingKeysWith: +)
            #expect(try db.metadata(Schema.titleWeightKey) == String(weight))
            return (summary, terms["Ztunnel"] ?? 0, terms["Zpressur"] ?? 0, terms["ZStunnel"] ?? 0)
        }
        let once = try build(1)
        #expect(once.tunnel == 1 && once.pressure == 1 && once.titleField == 1)
        let thrice = try build(3)
        #expect(thrice.summary.fullBuild && thrice.summary.passages == 4)
        #expect(thrice.tunnel == 3 && thrice.pressure == 1 && thrice.titleField == 1)
        let again = try build(3)
        #expect(!again.summary.fullBuild && again.summary.unchanged == 4)
        // text files have no titles: another weight changes nothing in their index, which is not built again
        let t = Workspace(copyBundled: false)
        t.write("notes.txt", "Pressure measurements on a swept wing.\n\nHeat transfer in a boundary layer.\n")
        for (weight, full) in [(1, true), (3, false)] {
            var options = Indexer.Options(corpus: t.corpus, index: t.index)
            options.titleWeight = weight
            let summary = try Indexer(options: options).run()
            #expect(summary.fullBuild == full && summary.passages == 2)
        }
    }

    @Test func aJSONLFileAsTheCorpus() throws {
        let w = Workspace(copyBundled: false)
        w.write("docs.jsonl", Self.docs)
        let indexer = Indexer(options: .init(corpus: w.corpus.appendingPathComponent("docs.jsonl"), index: w.index))
        #expect(try indexer.run().passages == 4)
    }
}

@Suite struct NaturalLanguageTests {
    @Test func questionsAreBagsOfWords() {
        let yes = [
            "what similarity laws must be obeyed when constructing aeroelastic models of heated high speed aircraft .",
            "How did trade between China and Belgium grow after 2001?",
            "information retrieval systems for small libraries",
        ]
        for q in yes { #expect(Searcher.isNaturalLanguage(Tokenizer.tokenize(q), minWords: 4), "\(q)") }
        let no = [
            "giant panda", "the giant panda in belgium",
            "\"giant panda\" visits brussels zoo trade",
            "person:Xi visit brussels trade deal",
            "pandas AND trade OR culture visits exchange",
            "pandas -zoo visits culture exchange",
            "panda* visits culture exchange ties",
        ]
        for q in no { #expect(!Searcher.isNaturalLanguage(Tokenizer.tokenize(q), minWords: 4), "\(q)") }
        #expect(!Searcher.isNaturalLanguage(Tokenizer.tokenize("what similarity laws must be obeyed"), minWords: 0))
    }

    @Test func bagOfWordsIsLowercaseWithoutHyphens() {
        #expect(Searcher.bagOfWords(Tokenizer.tokenize("Heat-Transfer in Belgium, (U.S.) 2014?")) == "heat transfer in belgium u s 2014")
    }
}

import Xapian

/// A bounded randomized fuzzer over the query path (Dossier's rewriting, Xapian's parser through the shim, the
/// match, facets, snippets, feedback): grammar-built queries and random bytes. Nothing may crash, every failure
/// must be a `DossierError`, and no Xapian handle may leak.
@Suite struct QueryFuzzTests {
    static let atoms = ["panda", "trade", "Belgium", "Liège", "Xi", "\"giant panda\"", "\"unclosed", "year:2014",
                        "year:2013..2016", "year:..", "year:abc..2", "topic:culture", "person:\"Li Keqiang\"", "place:",
                        "org:Pairi", "entity:Xi", "file:china-belgium.txt", "id:zzz", "pand*", "*", "a*b", "AND", "OR",
                        "NOT", "XOR", "NEAR", "ADJ", "NEAR/3", "(", ")", "((", "-", "+", "-panda", "+trade", ":", "::",
                        "..", "2014", "1971-10-25", "北京", "ß", "e\u{301}", "🐼", "\u{0}", "\u{FFFD}", "'", "\\", "%",
                        "how did trade between Belgium and China grow", "what", "the"]

    @Test func randomQueriesNeverCrashOrLeak() throws {
        let w = Workspace()
        try w.index()
        var rng = SeededGenerator()
        print("randomQueriesNeverCrashOrLeak: \(rng)")
        let before = Xapian.Database.liveHandlesOnThisThread
        var ran = 0, rejected = 0
        let deadline = Date().addingTimeInterval(8)
        do {
            let searcher = try Searcher(paths: [w.index])
            while Date() < deadline {
                var query: String
                if Int.random(in: 0..<4, using: &rng) == 0 {
                    let bytes = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
                    query = String(decoding: bytes, as: UTF8.self)
                } else {
                    query = (0..<Int.random(in: 1...8, using: &rng)).map { _ in Self.atoms.randomElement(using: &rng)! }
                        .joined(separator: Bool.random(using: &rng) ? " " : "")
                }
                var request = SearchRequest(query: query)
                request.facetLimit = Int.random(in: 0...3, using: &rng)
                if Bool.random(using: &rng) { request.years = [Int.random(in: 1960...2030, using: &rng)] }
                request.sort = SearchRequest.Sort.allCases.randomElement(using: &rng)!
                do {
                    _ = try searcher.search(request)
                } catch let error as DossierError {
                    #expect(error.kind == .query, "\(query): \(error.message), \(rng)")
                    #expect(!error.message.contains("\n"))
                    rejected += 1
                }
                ran += 1
            }
        }
        #expect(ran > 100)
        #expect(Xapian.Database.liveHandlesOnThisThread == before)
        print("query fuzz: \(ran) queries, \(rejected) rejected with a query error")
    }
}
