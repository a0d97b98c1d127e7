import ArgumentParser
import DossierCLI
import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

extension Dossier {
    /// `dossier eval`: ranking quality on a test collection with relevance judgments.
    struct EvalCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "eval",
            abstract: "Measure ranking quality on a test collection (BEIR layout).",
            discussion: """
            DIR holds corpus.jsonl, queries.jsonl and qrels/test.tsv. The corpus is indexed through the same pipeline as `dossier index`, every judged query is run as `dossier search` runs it (top 1000), and the standard measures are printed: MAP, nDCG@10 (graded), P@10 and Recall@100, with trec_eval's definitions. Queries without a relevant document are skipped; a query with no hits scores zero.

            The ranking options change the parameters for this run only, to compare variants.
            """
        )

        @Argument(help: ArgumentHelp("The collection folder.", valueName: "dir"))
        var collection: String

        @Flag(name: .long, help: "Print one JSON object: queries, map, ndcg_cut_10, P_10, recall_100.")
        var json = false

        @Option(name: .customLong("run"), help: ArgumentHelp("Also write the ranked lists as a TREC run file.", valueName: "file"))
        var runFile: String?

        @Option(name: .long, help: ArgumentHelp("Keep the collection's index in this folder (default: a temporary one, deleted).", valueName: "dir"))
        var index: String?

        @Option(name: .customLong("title-weight"), help: ArgumentHelp("How many times a document title's words count in its text (default: Dossier's, \(Schema.titleWeight)). Set when the index is built: an index built with another weight is built again.", valueName: "n"))
        var titleWeight: Int?

        @Option(name: .long, help: ArgumentHelp("Evaluate all queries, or only the odd or even ones (by position; for cross-validation).", valueName: "all|odd|even"))
        var queries: QueryHalf = .all

        @Flag(name: .long, help: "Also rank with Xapian's own BM25 defaults (k1 1, b 0.5, every query word OR'd, no stop list, no feedback) on the same index, and print its figures beside Dossier's.")
        var baseline = false

        @OptionGroup(title: "Ranking (defaults: Dossier's)")
        var ranking: RankingOptions

        enum QueryHalf: String, ExpressibleByArgument, CaseIterable {
            case all, odd, even
        }

        func validate() throws {
            if let titleWeight, !(1...10).contains(titleWeight) { throw ValidationError("--title-weight must be between 1 and 10") }
        }

        func run() throws {
            let folder = URL(fileURLWithPath: collection)
            let loaded = try Evaluation.load(folder)
            let temporary = index == nil
            let indexPath = index ?? FileManager.default.temporaryDirectory
                .appendingPathComponent("dossier-eval-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
            defer { if temporary { try? FileManager.default.removeItem(atPath: indexPath) } }

            var options = Indexer.Options(corpus: loaded.corpus, index: indexPath)
            if let titleWeight { options.titleWeight = titleWeight }
            let indexer = Indexer(options: options)
            var warnings = 0
            indexer.onWarning = { warning in
                warnings += 1
                if warnings <= 5 { Terminal.error(warning.description) }
            }
            _ = try indexer.run()
            if warnings > 5 { Terminal.error("warning: \(warnings - 5) more warnings") }

            let searcher = try Searcher(paths: [indexPath])
            searcher.ranking = ranking.apply(to: searcher.ranking)
            let only: Set<String>? = switch queries {
            case .all: nil
            case .odd: Evaluation.half(loaded, odd: true)
            case .even: Evaluation.half(loaded, odd: false)
            }
            let judged = only.map { ids in Set(loaded.qrels.keys).intersection(ids) }
            let runs = try Evaluation.run(loaded, searcher: searcher, only: only)
            let scores = Evaluation.score(runs: Dictionary(runs, uniquingKeysWith: { a, _ in a }), qrels: loaded.qrels, only: judged)
            var base: Evaluation.Scores?
            if baseline {
                searcher.ranking = .xapianDefaults
                let baseRuns = try Evaluation.run(loaded, searcher: searcher, only: only)
                base = Evaluation.score(runs: Dictionary(baseRuns, uniquingKeysWith: { a, _ in a }), qrels: loaded.qrels, only: judged)
            }
            if let runFile {
                do {
                    try Evaluation.trecRun(runs).write(toFile: runFile, atomically: true, encoding: .utf8)
                } catch {
                    throw DossierError(.other, "cannot write run file \(runFile): \(FilePaths.describe(error))")
                }
            }
            if json {
                func figures(_ s: Evaluation.Scores) -> [(String, JSON)] {
                    [("map", .double(s.map)), ("ndcg_cut_10", .double(s.ndcgCut10)), ("P_10", .double(s.p10)),
                     ("recall_100", .double(s.recall100))]
                }
                var pairs: [(String, JSON)] = [("queries", .int(scores.queries))] + figures(scores)
                if let base { pairs.append(("baseline", .object(figures(base)))) }
                Terminal.output(JSON.object(pairs).text)
            } else {
                let f = { (x: Double) in Formatting.fixed(x, places: 4) }
                let rows: [(String, KeyPath<Evaluation.Scores, Double>)] = [
                    ("MAP       ", \.map), ("nDCG@10   ", \.ndcgCut10), ("P@10      ", \.p10), ("Recall@100", \.recall100),
                ]
                var lines = ["\(folder.lastPathComponent): \(scores.queries) judged queries, \(try searcher.passageCount()) documents"]
                if base != nil { lines.append("            Dossier  Xapian BM25") }
                for (name, key) in rows {
                    lines.append("\(name)  \(f(scores[keyPath: key]))" + (base.map { "   " + f($0[keyPath: key]) } ?? ""))
                }
                Terminal.output(lines.joined(separator: "\n"))
            }
        }
    }

    /// Ranking parameters that `eval` can vary (defaults: `Ranking.default`).
    struct RankingOptions: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("BM25 k1: how fast repeated words stop adding weight.", valueName: "x"))
        var k1: Double?

        @Option(name: .long, help: ArgumentHelp("BM25 b: how much long passages are penalized (0 to 1).", valueName: "x"))
        var b: Double?

        @Option(name: .customLong("natural-language-words"), help: ArgumentHelp("Words (not stop words) from which a plain query is matched as a bag of words (0: never).", valueName: "n"))
        var naturalLanguageWords: Int?

        @Option(name: .customLong("feedback-terms"), help: ArgumentHelp("Pseudo-relevance feedback: terms added (0: off).", valueName: "n"))
        var feedbackTerms: Int?

        @Option(name: .customLong("feedback-documents"), help: ArgumentHelp("Pseudo-relevance feedback: top passages the terms come from.", valueName: "n"))
        var feedbackDocuments: Int?

        @Option(name: .customLong("feedback-weight"), help: ArgumentHelp("Pseudo-relevance feedback: weight of the added terms.", valueName: "x"))
        var feedbackWeight: Double?

        @Option(name: .customLong("feedback-min-score"), help: ArgumentHelp("Pseudo-relevance feedback: only from top passages scoring at least this share of the first one's score (0 to 1; 0: all).", valueName: "x"))
        var feedbackMinScore: Double?

        @Option(name: .long, help: ArgumentHelp("Whether a question's words take in their synonyms (the gazetteer's aliases and demonyms).", valueName: "on|off"))
        var synonyms: Switch?

        enum Switch: String, ExpressibleByArgument, CaseIterable {
            case on, off
        }

        @Option(name: .customLong("expansion-scheme"), help: ArgumentHelp("Pseudo-relevance feedback: Xapian's term weighting, trad or bo1.", valueName: "name"))
        var expansionScheme: String?

        func validate() throws {
            if let k1, k1 < 0 { throw ValidationError("--k1 must be 0 or more") }
            if let b, !(0...1).contains(b) { throw ValidationError("--b must be between 0 and 1") }
            if let m = feedbackMinScore, !(0...1).contains(m) { throw ValidationError("--feedback-min-score must be between 0 and 1") }
            if let s = expansionScheme, s != "trad", s != "bo1" { throw ValidationError("--expansion-scheme must be trad or bo1") }
            for (name, v) in [("--natural-language-words", naturalLanguageWords), ("--feedback-terms", feedbackTerms),
                              ("--feedback-documents", feedbackDocuments)] where (v ?? 0) < 0 {
                throw ValidationError("\(name) must be 0 or more")
            }
        }

        func apply(to base: Ranking) -> Ranking {
            var r = base
            if let k1 { r.k1 = k1 }
            if let b { r.b = b }
            if let naturalLanguageWords { r.naturalLanguageWords = naturalLanguageWords }
            if let feedbackTerms { r.feedbackTerms = feedbackTerms }
            if let feedbackDocuments { r.feedbackDocuments = feedbackDocuments }
            if let feedbackWeight { r.feedbackWeight = feedbackWeight }
            if let feedbackMinScore { r.feedbackMinScore = feedbackMinScore }
            if let synonyms { r.synonyms = synonyms == .on }
            if let s = expansionScheme, let scheme = Enquire.ExpansionScheme(rawValue: s) { r.expansionScheme = scheme }
            return r
        }
    }
}
