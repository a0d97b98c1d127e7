#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// Relevance evaluation on a test collection in BEIR's layout (`corpus.jsonl`, `queries.jsonl`,
/// `qrels/test.tsv`), with trec_eval's (and pytrec_eval's) definitions of the measures.
public enum Evaluation {
    /// Relevance judgments: query id → document id → grade (> 0 is relevant).
    public typealias Qrels = [String: [String: Int]]

    /// One ranked document of a run.
    public struct Ranked: Sendable, Equatable {
        public let id: String
        public let score: Double
        public init(id: String, score: Double) {
            self.id = id
            self.score = score
        }
    }

    /// The four measures, averaged over judged queries.
    public struct Scores: Sendable, Equatable {
        public var queries = 0
        public var map = 0.0
        public var ndcgCut10 = 0.0
        public var p10 = 0.0
        public var recall100 = 0.0
    }

    // MARK: Collections

    public struct Collection: Sendable {
        public let corpus: URL
        /// (id, text) in file order.
        public let queries: [(id: String, text: String)]
        public let qrels: Qrels
    }

    /// Reads `queries.jsonl` and `qrels/test.tsv` of a BEIR folder. Throws a one-line error if a file is missing.
    public static func load(_ folder: URL, split: String = "test") throws -> Collection {
        let corpus = folder.appendingPathComponent("corpus.jsonl")
        let queriesURL = folder.appendingPathComponent("queries.jsonl")
        let qrelsURL = folder.appendingPathComponent("qrels/\(split).tsv")
        for url in [corpus, queriesURL, qrelsURL] where !FileManager.default.fileExists(atPath: url.path) {
            throw DossierError(.corpus, "not a BEIR collection: \(url.path) is missing")
        }
        guard let queryData = CorpusReader.readAll(queriesURL.path), let qrelsData = CorpusReader.readAll(qrelsURL.path) else {
            throw DossierError(.corpus, "cannot read \(queriesURL.path) or \(qrelsURL.path)")
        }
        let (paragraphs, warnings) = JSONLReader.paragraphs(String(decoding: queryData, as: UTF8.self), file: "queries.jsonl")
        if let first = warnings.first { throw DossierError(.corpus, first.description) }
        let queries = paragraphs.map { (id: $0.id ?? "", text: [$0.title, $0.text].compactMap { $0 }.joined(separator: " ")) }
        return Collection(corpus: corpus, queries: queries, qrels: try parseQrels(String(decoding: qrelsData, as: UTF8.self)))
    }

    /// `query-id<TAB>corpus-id<TAB>score` lines, with or without a header line; also TREC's four-column form.
    public static func parseQrels(_ text: String) throws -> Qrels {
        var qrels: Qrels = [:]
        for (n, line) in text.split(separator: "\n").enumerated() {
            let f = line.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard f.count == 3 || f.count == 4 else {
                throw DossierError(.corpus, "qrels line \(n + 1): expected 3 or 4 fields")
            }
            guard let grade = Int(f[f.count - 1]) else {
                if n == 0 { continue }  // header
                throw DossierError(.corpus, "qrels line \(n + 1): the grade is not a number")
            }
            qrels[String(f[0]), default: [:]][String(f[f.count - 2])] = grade
        }
        return qrels
    }

    // MARK: Measures

    /// trec_eval's order: score descending, then document id descending.
    static func ordered(_ run: [Ranked]) -> [Ranked] {
        run.sorted { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }
    }

    /// The measures of one query. `judged` maps document ids to grades; nil if the query has no relevant document.
    public static func score(run: [Ranked], judged: [String: Int]) -> Scores? {
        let relevant = judged.filter { $0.value > 0 }
        guard !relevant.isEmpty else { return nil }
        let ranking = ordered(run)
        var s = Scores()
        s.queries = 1
        var found = 0
        var precisionSum = 0.0
        var dcg = 0.0
        for (i, doc) in ranking.enumerated() {
            let grade = judged[doc.id] ?? 0
            guard grade > 0 else { continue }
            found += 1
            precisionSum += Double(found) / Double(i + 1)
            if i < 10 {
                s.p10 += 1
                dcg += Double(grade) / log2(Double(i + 2))
            }
            if i < 100 { s.recall100 += 1 }
        }
        s.map = precisionSum / Double(relevant.count)
        s.p10 /= 10
        s.recall100 /= Double(relevant.count)
        let ideal = relevant.values.sorted(by: >).prefix(10)
        let idcg = ideal.enumerated().reduce(0.0) { $0 + Double($1.element) / log2(Double($1.offset + 2)) }
        s.ndcgCut10 = idcg > 0 ? dcg / idcg : 0
        return s
    }

    /// Mean of the measures over the judged queries (those with a relevant document); a judged query missing
    /// from `runs` scores zero.
    public static func score(runs: [String: [Ranked]], qrels: Qrels, only: Set<String>? = nil) -> Scores {
        var total = Scores()
        for (query, judged) in qrels where only?.contains(query) ?? true {
            guard let s = score(run: runs[query] ?? [], judged: judged) else { continue }
            total.queries += 1
            total.map += s.map
            total.ndcgCut10 += s.ndcgCut10
            total.p10 += s.p10
            total.recall100 += s.recall100
        }
        guard total.queries > 0 else { return total }
        let n = Double(total.queries)
        total.map /= n
        total.ndcgCut10 /= n
        total.p10 /= n
        total.recall100 /= n
        return total
    }

    /// A TREC run file: `qid Q0 docid rank score tag`, one line per retrieved document.
    public static func trecRun(_ runs: [(query: String, ranked: [Ranked])], tag: String = "dossier") -> String {
        var out = ""
        for (query, ranked) in runs {
            for (i, doc) in ranked.enumerated() {
                out += "\(query) Q0 \(doc.id) \(i + 1) \(Formatting.fixed(doc.score, places: 6)) \(tag)\n"
            }
        }
        return out
    }
}

extension Evaluation {
    /// Runs every query of `collection` that has a judgment through `searcher` exactly as `dossier search` does
    /// (same parsing, filters off, spelling correction on), keeping the top `depth` passages.
    public static func run(_ collection: Collection, searcher: Searcher, depth: Int = 1000,
                           only: Set<String>? = nil) throws -> [(query: String, ranked: [Ranked])] {
        var runs: [(query: String, ranked: [Ranked])] = []
        for (id, text) in collection.queries where collection.qrels[id] != nil && (only?.contains(id) ?? true) {
            var request = SearchRequest(query: text)
            request.limit = depth
            request.facetLimit = 0
            request.snippets = false
            let ranked: [Ranked]
            do {
                ranked = try searcher.search(request).hits.map { Ranked(id: $0.record.id, score: $0.score) }
            } catch let error as DossierError where error.kind == .query {
                ranked = []  // nothing searchable in the query: it scores zero
            }
            runs.append((id, ranked))
        }
        return runs
    }

    /// Query ids by position in the queries file (1-based): odd or even ones, for two-fold cross-validation.
    public static func half(_ collection: Collection, odd: Bool) -> Set<String> {
        Set(collection.queries.enumerated().filter { ($0.offset % 2 == 0) == odd }.map(\.element.id))
    }
}
