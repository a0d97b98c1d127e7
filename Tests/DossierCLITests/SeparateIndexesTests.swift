import Foundation
import Testing

/// Indexes built separately (each with its own facet dictionary and its own record compression dictionary),
/// searched as one in every layout: repeated `--index`, a stub file of their local shards, their shards served
/// by `xapian-tcpsrv` (a remote stub, remote `tcp://` paths), and local and remote mixed. Each must answer as
/// one index built from both corpora: the same ids, scores, totals, every facet value and snippets.
@Suite struct SeparateIndexesTests {
    /// Two corpora whose names come in different orders (so that the same ordinal names different entities and
    /// topics in the two facet dictionaries), each large enough that its record dictionary is trained.
    static func corpora(_ cli: CLI) throws -> (a: URL, b: URL, both: URL) {
        let bundled = cli.directory.appendingPathComponent("Corpus")
        let sentences = try String(contentsOf: bundled.appendingPathComponent("china-belgium.txt"), encoding: .utf8)
            .split(separator: "\n").flatMap { $0.split(separator: ".") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 30 }
        var folders: [URL] = []
        for name in ["A", "B", "Both"] {
            let folder = cli.directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            for file in ["gazetteer.tsv", "topics.tsv"] {
                try FileManager.default.copyItem(at: bundled.appendingPathComponent(file), to: folder.appendingPathComponent(file))
            }
            folders.append(folder)
        }
        func write(_ text: String, _ file: String, into: [URL]) throws {
            for folder in into { try text.write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8) }
        }
        // A: the bundled text, then paragraphs from its sentences in order; B: from its sentences backwards
        try write(try String(contentsOf: bundled.appendingPathComponent("china-belgium.txt"), encoding: .utf8), "china-belgium.txt",
                  into: [folders[0], folders[2]])
        for f in 0..<6 {
            var paragraphs: [String] = []
            for p in 0..<40 {
                let n = f * 40 + p
                let i = f < 3 ? n : sentences.count * 40 - n
                let a = sentences[i * 7 % sentences.count], b = sentences[i * 13 % sentences.count]
                paragraphs.append("\(a), in \(1990 + n % 35). \(b).")
            }
            try write(paragraphs.joined(separator: "\n\n"), "generated-\(f).txt", into: [folders[f < 3 ? 0 : 1], folders[2]])
        }
        return (folders[0], folders[1], folders[2])
    }

    @Test func separatelyBuiltIndexesSearchAsOne() throws {
        let cli = CLI()
        let (a, b, both) = try Self.corpora(cli)
        #expect(try cli.run("index", "--corpus", a.path, "--index", "IA", "--shards", "2", "--quiet").status == 0)
        #expect(try cli.run("index", "--corpus", b.path, "--index", "IB", "--quiet").status == 0)
        #expect(try cli.run("index", "--corpus", both.path, "--index", "IBoth", "--quiet").status == 0)
        func shards(_ index: String) throws -> [String] {
            let stub = try String(contentsOfFile: cli.directory.appendingPathComponent(index + "/XAPIANDB").path, encoding: .utf8)
            return stub.split(separator: "\n").map { cli.directory.appendingPathComponent(index + "/" + $0.split(separator: " ")[1]).path }
        }
        let (shardsA, shardsB) = (try shards("IA"), try shards("IB"))
        #expect(shardsA.count == 2 && shardsB.count == 1)
        // the two facet dictionaries disagree: the first entity of one is not the first of the other
        let firstA = try cli.run("search", "--index", "IA", "--json", "--facets", "1000").json
        let firstB = try cli.run("search", "--index", "IB", "--json", "--facets", "1000").json
        #expect(!NSDictionary(dictionary: firstA["facets"] as? [String: Any] ?? [:]).isEqual(to: firstB["facets"] as? [String: Any] ?? [:]))

        let servers = try (shardsA + shardsB).map { try TCPServer(database: $0) }
        func stub(_ name: String, _ lines: [String]) throws -> [String] {
            let url = cli.directory.appendingPathComponent(name)
            try lines.map { $0 + "\n" }.joined().write(to: url, atomically: true, encoding: .utf8)
            return ["--index", url.path]
        }
        let layouts: [(String, [String])] = [
            ("repeated --index", ["--index", "IA", "--index", "IB"]),
            ("stub of local shards", try stub("local.stub", (shardsA + shardsB).map { "auto " + $0 })),
            ("stub of remote shards", try stub("remote.stub", servers.map { "remote 127.0.0.1:\($0.port)" })),
            ("remote paths", servers.flatMap { ["--index", "tcp://127.0.0.1:\($0.port)"] }),
            ("stub mixing local and remote", try stub("mixed.stub", shardsA.map { "auto " + $0 } + ["remote 127.0.0.1:\(servers[2].port)"])),
            ("local index and remote path", ["--index", "IB"] + servers[0...1].flatMap { ["--index", "tcp://127.0.0.1:\($0.port)"] }),
        ]
        let searches: [[String]] = [
            [], ["trade"], ["giant", "panda"], ["visit", "--year", "2014"], ["culture", "--from", "2000", "--to", "2010"],
            ["person:\"Li Keqiang\""], ["china", "--topic", "High-level exchanges"], ["how", "did", "trade", "and", "investment", "between", "Belgium", "and", "China", "grow"],
        ]
        for words in searches {
            let args = ["search"] + words + ["--json", "--limit", "1000", "--facets", "100000"]
            let one = try cli.run(args + ["--index", "IBoth"]).json
            #expect((one["total"] as? Int ?? 0) > 0, "\(words)")
            for (name, index) in layouts {
                let out = try cli.run(args + index)
                #expect(out.status == 0, "\(name) \(words): \(out.stderr)")
                let j = out.json
                #expect(j["total"] as? Int == one["total"] as? Int, "\(name) \(words)")
                #expect(RemoteShardTests.ranking(j) == RemoteShardTests.ranking(one), "\(name) \(words)")
                #expect(NSDictionary(dictionary: j["facets"] as? [String: Any] ?? [:]).isEqual(to: one["facets"] as? [String: Any] ?? [:]),
                        "\(name) \(words)")
                #expect(Self.snippets(j) == Self.snippets(one), "\(name) \(words)")
            }
        }
        // a passage of either index is shown by id through the combined layouts
        let hits = try cli.run("search", "--index", "IBoth", "--json", "--limit", "50").json["hits"] as? [[String: Any]] ?? []
        #expect(hits.count == 50)
        for id in hits.compactMap({ $0["id"] as? String }) {
            let shown = try cli.run(["show", id, "--json"] + layouts[1].1)
            #expect(shown.status == 0 && shown.json["id"] as? String == id, "\(id): \(shown.stderr)")
        }
    }

    /// Indexes tagged with different tagging data are refused with one line saying which, never merged.
    @Test func differentTaggingDataIsRefused() throws {
        let cli = CLI()
        let (a, b, _) = try Self.corpora(cli)
        try "person\tSomeone Else\tElse\n".write(to: b.appendingPathComponent("gazetteer.tsv"), atomically: true, encoding: .utf8)
        #expect(try cli.run("index", "--corpus", a.path, "--index", "IA", "--quiet").status == 0)
        #expect(try cli.run("index", "--corpus", b.path, "--index", "IB", "--quiet").status == 0)
        let out = try cli.run("search", "trade", "--index", "IA", "--index", "IB")
        #expect(out.status == 1)
        let lines = out.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("tagging data") && lines[0].contains(b.lastPathComponent) && lines[0].contains("--rebuild"),
                "\(out.stderr)")
    }

    /// Snippets by id (equal scores may come in another order).
    static func snippets(_ json: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for hit in json["hits"] as? [[String: Any]] ?? [] {
            result[hit["id"] as? String ?? ""] = hit["snippet"] as? String ?? ""
        }
        return result
    }
}
