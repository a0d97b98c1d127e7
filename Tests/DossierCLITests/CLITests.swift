import Foundation
import Testing
import DossierCLI

/// This test run's folders all live under one folder, removed when the test process exits.
let testRoot: URL = {
    atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())") }
    return URL(fileURLWithPath: NSTemporaryDirectory() + "/dossier-test-run-\(getpid())")
}()

/// Runs the built `dossier` binary (beside the test bundle) in `directory`.
struct CLI {
    static let binary: URL = {
        let exe = URL(fileURLWithPath: try! FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        return exe.deletingLastPathComponent().appendingPathComponent("dossier")
    }()
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    let directory: URL

    /// A fresh folder holding a copy of the bundled Corpus/.
    init() {
        directory = testRoot.appendingPathComponent("cli-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try! FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Corpus"), to: directory.appendingPathComponent("Corpus"))
    }

    @discardableResult
    func run(_ args: String..., environment: [String: String] = [:]) throws -> Output {
        try run(args, environment: environment)
    }

    func run(_ args: [String], environment: [String: String] = [:]) throws -> Output {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        p.currentDirectoryURL = directory
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Output(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}

@Suite struct CLITests {
    @Test func helpAndVersion() throws {
        let cli = CLI()
        let help = try cli.run("--help")
        #expect(help.status == 0)
        #expect(help.stdout.contains("index") && help.stdout.contains("search") && help.stdout.contains("timeline"))
        let version = try cli.run("--version")
        #expect(version.status == 0 && version.stdout.contains("Xapian 1.4"))
        let searchHelp = try cli.run("search", "--help")
        #expect(searchHelp.stdout.contains("--year") && searchHelp.stdout.contains("person:"))
    }

    /// Every command runs in the process that was started, or in the one program beside it that holds its work
    /// (`dossier index` in `dossier-index`, as `dossier serve` in `dossier-serve`), as the dynamic loader reports it
    /// (`LD_DEBUG=files` names each program it starts and each library it loads): no command starts itself again,
    /// none loads a second allocator, and only the indexer loads the document readers' libraries.
    @Test func noCommandStartsItselfAgain() throws {
        let cli = CLI()
        for (args, programs) in [(["index", "--quiet"], ["dossier", "dossier-index"]), (["search", "panda"], ["dossier"]),
                                 (["eval", "Missing"], ["dossier"])] {
            let out = try cli.run(args, environment: ["LD_DEBUG": "files"])
            let lines = out.stderr.split(separator: "\n")
            let started = lines.compactMap { line in
                line.range(of: "initialize program: ").map { String(line[$0.upperBound...].split(separator: "/").last ?? "").trimmingCharacters(in: .whitespaces) }
            }
            #expect(started == programs, "\(args): \(started)")
            #expect(!lines.contains { $0.contains("jemalloc") }, "\(args)")
            let documentLibraries = lines.contains { $0.contains("file=libxml2.so") || $0.contains("file=libzip.so") }
            #expect(documentLibraries == (args[0] == "index"), "\(args)")
        }
    }

    @Test func indexJSONContract() throws {
        let cli = CLI()
        let first = try cli.run("index", "--json")
        #expect(first.status == 0)
        let j = first.json
        #expect(Set(j.keys) == ["files", "passages", "added", "changed", "removed", "unchanged", "seconds", "shards", "full_build"])
        #expect(j["files"] as? Int == 1 && j["passages"] as? Int == 12 && j["added"] as? Int == 12)
        #expect(try cli.run("index", "--json").json["unchanged"] as? Int == 12)
        // Xapian's own tools read the index
        let delve = Process()
        delve.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-delve")
        delve.arguments = [cli.directory.appendingPathComponent("Index").path]
        delve.standardOutput = Pipe()
        try delve.run()
        delve.waitUntilExit()
        #expect(delve.terminationStatus == 0)
    }

    @Test func searchJSONSchema() throws {
        let cli = CLI()
        let out = try cli.run("search", "giant", "panda", "--json")  // builds the index first
        #expect(out.status == 0)
        #expect(out.stderr.contains("building"))
        let j = out.json
        #expect(Set(j.keys).isSuperset(of: ["query", "corrected", "total", "offset", "limit", "hits", "facets"]))
        #expect(j["query"] as? String == "giant panda")
        #expect(j["corrected"] is NSNull)
        let hits = j["hits"] as? [[String: Any]] ?? []
        let hit = try #require(hits.first)
        for key in ["rank", "id", "file", "paragraph", "line", "score", "topic", "topics", "section", "years", "dates", "entities", "snippet", "text"] {
            #expect(hit[key] != nil, "missing \(key)")
        }
        #expect(hit["file"] as? String == "china-belgium.txt" && hit["paragraph"] as? Int == 10)
        let dates = hit["dates"] as? [String] ?? []
        #expect(dates.allSatisfy { $0.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) != nil })
        let entities = hit["entities"] as? [[String: String]] ?? []
        #expect(entities.allSatisfy { ["person", "place", "organization"].contains($0["kind"] ?? "") })
        let facets = j["facets"] as? [String: [[String: Any]]] ?? [:]
        #expect(Set(facets.keys) == ["year", "topic", "section", "entity", "action", "plover", "language"])
        #expect(hit["language"] as? String == "en")
        #expect((facets["plover"] ?? []).allSatisfy { EventsOptions.ploverTypes.contains($0["value"] as? String ?? "") })
        #expect(hit["topics"] as? [String] == ["Environment and energy"] && hit["topic"] as? String == "Environment and energy")
        #expect(hit["section"] as? String == "China-Belgium cooperation on giant pandas")
        let years = facets["year"] ?? []
        let counts = years.compactMap { $0["count"] as? Int }
        #expect(counts == counts.sorted(by: >))
    }

    @Test func filtersAndFieldsEndToEnd() throws {
        let cli = CLI()
        try cli.run("index", "--quiet")
        func total(_ args: String...) throws -> Int? { try cli.run(["search", "--json"] + args).json["total"] as? Int }
        #expect(try total("--year", "2014") == 3)
        #expect(try total("--year", "2014", "--year", "1971") == 4)
        #expect(try total("--from", "2023", "--to", "2024") == 4)
        #expect(try total("--entity", "xi") == 3)
        #expect(try total("--entity", "LIEGE") == 2)
        #expect(try total("--topic", "Culture") == 2)  // paragraph 7, and 8's second topic
        #expect(try total("--section", "Culture") == 1)
        #expect(try total("--section", "culture", "--section", "Bilateral trade") == 2)
        #expect(try total("--file", "china-belgium.txt") == 12)
        #expect(try total("place:Antwerp") == 2)  // paragraphs 7 and 9
        #expect(try total("visit", "--year", "2016") == 1)
        #expect(try total("panda", "OR", "consulates") == 2)
        #expect(try total("panda", "NOT", "Tianbao") == 0)
        #expect(try total("\"giant panda\"") == 1)
        #expect(try total("pand*") == 1)
        // an estimate may be asked for without facets; on twelve passages Xapian's is exact, and says so
        let estimated = try cli.run("search", "panda", "OR", "consulates", "--facets", "0", "--estimate-total", "--json").json
        #expect(estimated["total"] as? Int == 2 && estimated["total_exact"] as? Bool == true)
        let sorted = try cli.run("search", "--sort", "date", "--json", "--facets", "0").json["hits"] as? [[String: Any]] ?? []
        #expect(sorted.first?["paragraph"] as? Int == 1)  // 1971 first
        let page = try cli.run("search", "--limit", "2", "--offset", "2", "--json").json
        #expect((page["hits"] as? [Any])?.count == 2 && page["offset"] as? Int == 2)
    }

    @Test func malformedInputAndExitCodes() throws {
        let cli = CLI()
        try cli.run("index", "--quiet")
        for query in ["\"unclosed", "AND AND", "((", "year:", "*", "NEAR", "foo AND", "NOT"] {
            let out = try cli.run("search", query)
            #expect(out.status == 0 || out.status == 2, "\(query)")
            #expect(!out.stderr.contains("Fatal error") && out.stderr.split(separator: "\n").count <= 1, "\(query): \(out.stderr)")
            if out.status == 2 { #expect(out.stderr.hasPrefix("dossier: ")) }
        }
        let badFlag = try cli.run("search", "--limit", "many")
        #expect(badFlag.status == 2)
        #expect(badFlag.stderr.split(separator: "\n").count == 1)
        let missing = try cli.run("search", "panda", "--index", "/nonexistent/index", "--corpus", "/nonexistent/corpus")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("dossier index"))
        let noCorpus = try cli.run("index", "--corpus", "/nonexistent/corpus", "--index", "x")
        #expect(noCorpus.status == 1 && noCorpus.stderr.contains("corpus folder not found"))
        let nothing = try cli.run("search", "zzzzqqq")
        #expect(nothing.status == 0 && nothing.stdout.contains("No passages match"))
    }

    @Test func colourOnlyOnATerminal() throws {
        let cli = CLI()
        try cli.run("index", "--quiet")
        let piped = try cli.run("search", "panda")
        #expect(!piped.stdout.contains("\u{1B}["))
        #expect(piped.stdout.contains("china-belgium.txt:10"))
        let noColor = try cli.run("search", "panda", environment: ["NO_COLOR": "1"])
        #expect(!noColor.stdout.contains("\u{1B}["))
    }

    @Test func timelineShowAndFacets() throws {
        let cli = CLI()
        try cli.run("index", "--quiet")
        let t = try cli.run("timeline", "--entity", "De Croo", "--json")
        let events = t.json["events"] as? [[String: Any]] ?? []
        #expect(events.compactMap { $0["date"] as? String } == ["2021-12", "2023-02", "2024-01", "2024-03", "2024-06"])
        #expect(events.allSatisfy { ($0["sentence"] as? String)?.contains("De Croo") == true })
        let show = try cli.run("show", "china-belgium.txt#1", "--json")
        #expect(show.json["dates"] as? [String] == ["1971-10-25"])
        let facets = try cli.run("facets", "--json").json
        #expect(facets["total"] as? Int == 12)
        #expect(try cli.run("show", "nope#99").status != 0)
    }

    /// Reading commands say on stderr when corpus files changed since the index was built (the check runs on
    /// another thread while they search); stdout stays clean JSON, and nothing is said when nothing changed.
    @Test func staleCorpusNotice() throws {
        let cli = CLI()
        try cli.run("index", "--quiet")
        let fresh = try cli.run("search", "panda", "--json")
        #expect(fresh.status == 0 && fresh.stderr.isEmpty && fresh.json["total"] as? Int == 1)
        try "New paragraph about pandas in 2031.\n".write(to: cli.directory.appendingPathComponent("Corpus/extra.txt"), atomically: true, encoding: .utf8)
        for args in [["search", "panda", "--json"], ["facets", "--json"], ["timeline", "--json"], ["show", "china-belgium.txt#1", "--json"]] {
            let stale = try cli.run(args)
            #expect(stale.status == 0, "\(args)")
            #expect(stale.stderr == "note: 1 corpus file changed since the last index run; run `dossier index` to update\n", "\(args)")
            #expect(!stale.json.isEmpty, "\(args)")
        }
        try cli.run("index", "--quiet")
        #expect(try cli.run("search", "panda", "--json").stderr.isEmpty)
    }

    /// Without an index, `search` builds the default Index/ from Corpus/; a missing `--index` path (a typo) is
    /// one error line, exit 1, and nothing is created there.
    @Test func missingIndexPathIsAnErrorNotABuild() throws {
        let cli = CLI()
        let typo = try cli.run("search", "panda", "--index", "Indx", "--json")
        #expect(typo.status == 1)
        #expect(typo.stderr == "dossier: no index at Indx: build it with `dossier index --corpus DIR --index Indx`\n")
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("Indx").path))
        let first = try cli.run("search", "panda", "--json")
        #expect(first.status == 0 && first.json["total"] as? Int == 1)
        #expect(FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("Index").path))
    }

    @Test func killedIndexingKeepsThePreviousState() throws {
        let cli = CLI()
        try cli.run("index", "--quiet")
        // a generated corpus of a few thousand passages
        var text = ""
        for i in 0..<4000 { text += "In March \(1950 + i % 70), delegation \(i) visited Brussels and Antwerp to discuss trade number \(i).\n\n" }
        try text.write(to: cli.directory.appendingPathComponent("Corpus/generated.txt"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = ["index", "--quiet"]
        p.currentDirectoryURL = cli.directory
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        usleep(300_000)
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        // still opens, holding either the old or the new state
        let mid = try cli.run("search", "--json", "--facets", "0").json["total"] as? Int
        #expect(mid == 12 || mid == 4012)
        let rerun = try cli.run("index", "--json")
        #expect(rerun.status == 0)
        #expect(rerun.json["passages"] as? Int == 4012)
        #expect(try cli.run("index", "--json").json["unchanged"] as? Int == 4012)
    }
}

@Suite struct EvalCLITests {
    static let collection = CLI.repository.appendingPathComponent("Tests/Fixtures/relations-eval").path

    @Test func jsonContractAndRunFile() throws {
        let cli = CLI()
        let runFile = cli.directory.appendingPathComponent("run.trec").path
        let out = try cli.run("eval", Self.collection, "--json", "--run", runFile)
        #expect(out.status == 0, "\(out.stderr)")
        let j = out.json
        #expect(Set(j.keys) == ["queries", "map", "ndcg_cut_10", "P_10", "recall_100"])
        #expect(out.stdout.split(separator: "\n").count == 1)
        #expect(j["queries"] as? Int == 3)  // query 4 has no judgment
        for key in ["map", "ndcg_cut_10", "P_10", "recall_100"] {
            let v = try #require(j[key] as? Double)
            #expect(v > 0 && v <= 1, "\(key)")
        }
        // every relevant document is found within the top 100 of this tiny collection
        #expect(j["recall_100"] as? Double == 1.0)
        // the run file holds the ranked lists; scoring it again gives the printed figures
        let text = try String(contentsOfFile: runFile, encoding: .utf8)
        var runs: [String: [(String, Double)]] = [:]
        for line in text.split(separator: "\n") {
            let f = line.split(separator: " ")
            #expect(f.count == 6 && f[1] == "Q0" && f[5] == "dossier")
            runs[String(f[0]), default: []].append((String(f[2]), Double(f[4])!))
        }
        #expect(Set(runs.keys) == ["1", "2", "3"])
        // the relevant passages come first
        #expect(Set(runs["1"]?.prefix(2).map(\.0) ?? []) == ["d1", "d2"] && runs["3"]?.first?.0 == "d7")
        let expectedMAP = try Self.map(runs, qrelsFile: Self.collection + "/qrels/test.tsv")
        #expect(abs(expectedMAP - (j["map"] as? Double ?? -1)) < 1e-4)
    }

    /// `--baseline` ranks with Xapian's own BM25 defaults on the same index and prints its figures beside.
    @Test func baselineBeside() throws {
        let cli = CLI()
        let out = try cli.run("eval", Self.collection, "--json", "--baseline")
        #expect(out.status == 0, "\(out.stderr)")
        let base = try #require(out.json["baseline"] as? [String: Double])
        #expect(Set(base.keys) == ["map", "ndcg_cut_10", "P_10", "recall_100"])
        #expect(base.values.allSatisfy { $0 > 0 && $0 <= 1 })
        // the same figures as ranking with those parameters through the ranking options
        let plain = try cli.run("eval", Self.collection, "--json", "--k1", "1", "--b", "0.5", "--feedback-weight", "0",
                                "--natural-language-words", "1").json
        #expect(abs((plain["recall_100"] as? Double ?? -1) - base["recall_100"]!) < 1e-9)
        let text = try cli.run("eval", Self.collection, "--baseline").stdout
        #expect(text.contains("Xapian BM25") && text.split(separator: "\n").count == 6)
    }

    @Test func errorsAreOneLine() throws {
        let cli = CLI()
        let missing = try cli.run("eval", "no-such-collection")
        #expect(missing.status == 1 && missing.stderr.split(separator: "\n").count == 1 && missing.stderr.contains("not a BEIR collection"))
        let bad = try cli.run("eval", Self.collection, "--b", "2")
        #expect(bad.status == 2 && bad.stderr.split(separator: "\n").count == 1)
        let weight = try cli.run("eval", Self.collection, "--title-weight", "0")
        #expect(weight.status == 2 && weight.stderr.split(separator: "\n").count == 1 && weight.stderr.contains("--title-weight"))
    }

    /// Mean average precision computed independently of Dossier's code.
    static func map(_ runs: [String: [(String, Double)]], qrelsFile: String) throws -> Double {
        var relevant: [String: Set<String>] = [:]
        for line in try String(contentsOfFile: qrelsFile, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t")
            if Int(f[2])! > 0 { relevant[String(f[0]), default: []].insert(String(f[1])) }
        }
        var total = 0.0
        for (q, rel) in relevant {
            var found = 0
            var sum = 0.0
            for (i, (doc, _)) in (runs[q] ?? []).enumerated() where rel.contains(doc) {
                found += 1
                sum += Double(found) / Double(i + 1)
            }
            total += sum / Double(rel.count)
        }
        return total / Double(relevant.count)
    }
}
