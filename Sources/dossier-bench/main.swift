import ArgumentParser
import DossierCore
import DossierDocuments
import Foundation
import Xapian

/// In-process measurements used by `Benchmarks/run.py`: query latency through `Searcher`, and the cost of
/// tagging alone. Prints one JSON object.
@main
struct DossierBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-bench",
        abstract: "In-process measurements for Benchmarks/run.py.",
        subcommands: [Queries.self, Tagging.self, Export.self, Topics.self]
    )

    struct Queries: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Latency of searches (p50, p95 in ms) per mode: plain, estimated (plain with an estimated total), year, facets.")

        @Option(help: "Index folder.") var index: String
        @Option(help: "File of queries, one per line; a line `QUERY<TAB>YEAR` gives the year of the year-filter mode.") var queries: String
        @Option(help: "Runs of each query per mode.") var runs: Int = 5
        @Option(help: "Modes to measure, comma-separated.") var modes: String = "plain,estimated,year,facets"
        @Option(help: "Counting threads (Searcher.countingThreads; default: one fewer than the cores).") var threads: Int?
        @Flag(help: "Time the queries in turn, each run going through all of them (as a server's clients would), instead of each query's runs in a row.") var interleave = false

        func run() throws {
            let lines = try String(contentsOfFile: queries, encoding: .utf8).split(separator: "\n").map { $0.split(separator: "\t") }
            let searcher = try Searcher(paths: [index])
            if let threads { searcher.countingThreads = threads }
            var out: [String] = []
            for mode in modes.split(separator: ",").map(String.init) {
                var times: [Double] = []
                var totals = 0
                let requests = lines.map { line in
                    var r = SearchRequest(query: String(line[0]))
                    r.facetLimit = mode == "facets" ? 10 : 0
                    r.exactTotal = mode != "estimated"
                    if mode == "year" { r.years = [Int(line.count > 1 ? line[1] : "2015") ?? 2015] }
                    return r
                }
                // each query warmed, then its runs in a row; or (--interleave) all warmed, then run after run through them
                let order = interleave ? (0..<runs).flatMap { _ in requests.indices } : requests.indices.flatMap { Array(repeating: $0, count: runs) }
                if interleave { for r in requests { _ = try searcher.search(r) } }
                for (n, i) in order.enumerated() {
                    if !interleave && n % runs == 0 { _ = try searcher.search(requests[i]) }  // warm
                    let t = DispatchTime.now().uptimeNanoseconds
                    let result = try searcher.search(requests[i])
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
                    totals += result.hits.count
                }
                times.sort()
                let p50 = times[times.count / 2], p95 = times[min(times.count - 1, times.count * 95 / 100)]
                let p99 = times[min(times.count - 1, times.count * 99 / 100)]
                out.append("\"\(mode)\": {\"p50_ms\": \(p50), \"p95_ms\": \(p95), \"p99_ms\": \(p99), \"runs\": \(times.count), \"hits\": \(totals)}")
            }
            print("{" + out.joined(separator: ", ") + "}")
        }
    }

    struct Topics: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Each line of standard input as a passage: its topics and section, and the keywords that gave each topic (for tuning the lexicon).")

        @Option(help: "Corpus folder whose topics.tsv adds to the built-in lexicon.") var corpus: String?

        func run() throws {
            let tagger = corpus.map { Indexer.loadTagger(corpus: URL(fileURLWithPath: $0), warn: { _ in }) } ?? Tagger()
            while let line = readLine() {
                guard !line.isEmpty else { continue }
                let tags = tagger.tag(line)
                print("\(tags.topics.joined(separator: ", ")) (section: \(tags.section ?? "none")): \(line.prefix(100))")
                for e in tagger.topicEvidence(line) { print("  \(e.score) \(e.topic): \(e.keywords.joined(separator: ", "))") }
            }
        }
    }

    struct Tagging: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "CPU seconds to read, split and tag a corpus folder on one core (no Xapian).")

        @Option(help: "Corpus folder.") var corpus: String
        @Flag(help: "Leave out event coding (the tagging share of the entities issue does not count it).") var noEvents = false

        func run() throws {
            let url = URL(fileURLWithPath: corpus)
            var tagger = Indexer.loadTagger(corpus: url, warn: { _ in })
            tagger.codesEvents = !noEvents
            var warnings: [Warning] = []
            let files = CorpusReader.scan(url, warnings: &warnings)
            var splitSeconds = 0.0, tagSeconds = 0.0
            var passages = 0, entities = 0
            // a digest of every passage's tags, to show that a change to the taggers' code changes no tag
            var digest = FNV1a()
            // and of their languages and coded events (apart: the figures above were recorded without them)
            var eventsDigest = FNV1a()
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            for file in files {
                guard let text = try? CorpusReader.read(file, documents: .standard).text else { continue }
                var t = clock()
                let paragraphs = Paragraphs.split(text, markdown: false)
                splitSeconds += Double(clock() - t) / Double(CLOCKS_PER_SEC)
                t = clock()
                // tagged as the indexer does: a file's passages together (names resolved across the file)
                let tagged = tagger.tagFile(paragraphs)
                tagSeconds += Double(clock() - t) / Double(CLOCKS_PER_SEC)
                for tags in tagged {
                    entities += tags.entities.count
                    for entity in tags.entities { digest.combine(entity.kind.rawValue + ":" + entity.name) }
                    for topic in tags.topics { digest.combine(topic) }
                    digest.combine(tags.section ?? "")
                    for date in tags.dates { digest.combine("\(date)") }
                    eventsDigest.combine(tags.language)
                    for event in tags.codedEvents { eventsDigest.combine((try? encoder.encode(event)) ?? Data()) }
                }
                passages += paragraphs.count
            }
            print("{\"passages\": \(passages), \"split_cpu_s\": \(splitSeconds), \"tag_cpu_s\": \(tagSeconds), \"entities\": \(entities), \"tags_digest\": \"\(digest.hex)\", \"events_digest\": \"\(eventsDigest.hex)\"}")
        }
    }
}

extension DossierBench {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every passage of an index as JSON Lines (id, text, years, topic, entities), for other engines.")

        @Option(help: "Index folder.") var index: String

        func run() throws {
            let layout = IndexLayout(folder: index)
            let shards = layout.current()?.shards ?? [index]
            var buffer = ""
            for path in shards {
                let db = try Database(path: path)
                let records = RecordReader(databases: [db])
                let last = try db.lastDocumentID()
                guard last > 0 else { continue }
                for docid in 1...last {
                    guard let doc = try? db.document(docid), let record = try? records.decode(try doc.data()) else { continue }
                    let object: [String: Any] = ["id": record.id, "text": record.text, "years": record.years, "topic": record.topic,
                                                 "entities": record.entities.map(\.name)]
                    let data = try JSONSerialization.data(withJSONObject: object)
                    buffer += String(decoding: data, as: UTF8.self) + "\n"
                    if buffer.utf8.count > 1 << 20 {
                        FileHandle.standardOutput.write(Data(buffer.utf8))
                        buffer = ""
                    }
                }
            }
            FileHandle.standardOutput.write(Data(buffer.utf8))
        }
    }
}
