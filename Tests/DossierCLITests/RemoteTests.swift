import Foundation
import Testing

/// A stock `xapian-tcpsrv` serving one database on a loopback port, stopped when the test ends.
final class TCPServer {
    let port: Int

    /// `xapian-tcpsrv` serving `database`, or with `replication`, `xapian-replicate-server` serving the folder.
    init(database: String, replication: Bool = false) throws {
        var lastError: Error?
        for _ in 0..<20 {
            let port = Int.random(in: 20_000...60_000)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: replication ? "/usr/bin/xapian-replicate-server" : "/usr/bin/xapian-tcpsrv")
            p.arguments = replication ? ["-p", String(port), "-I", "127.0.0.1", database]
                                      : ["--port", String(port), "--interface", "127.0.0.1", "--quiet", database]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            do {
                try p.run()
            } catch {
                lastError = error
                continue
            }
            // ready when it accepts connections; a port in use makes it exit
            for _ in 0..<100 where p.isRunning {
                if Self.canConnect(port) {
                    self.port = port
                    running = p
                    return
                }
                usleep(20_000)
            }
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
        }
        throw lastError ?? CocoaError(.featureUnsupported)
    }

    private var running: Process?

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    deinit {
        // xapian-tcpsrv does not stop on SIGTERM while it waits for connections
        if let p = running, p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
    }
}

@Suite struct RemoteShardTests {
    /// The bundled corpus plus a generated one, indexed as two shards served by two `xapian-tcpsrv`, searched
    /// through them: the same ranking, totals and facets as one local index of everything.
    @Test func twoRemoteShardsEqualOneLocalIndex() throws {
        let cli = CLI()
        let corpus = cli.directory.appendingPathComponent("Corpus")
        let sentences = try String(contentsOf: corpus.appendingPathComponent("china-belgium.txt"), encoding: .utf8)
            .split(separator: "\n").flatMap { $0.split(separator: ".") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.count > 30 }
        for f in 0..<6 {
            var paragraphs: [String] = []
            for p in 0..<40 {
                // deterministic recombination: sentence choice and year depend on file and paragraph only
                let a = sentences[(f * 40 + p) * 7 % sentences.count], b = sentences[(f * 40 + p) * 13 % sentences.count]
                paragraphs.append("\(a), in \(1990 + (f * 40 + p) % 35). \(b).")
            }
            try paragraphs.joined(separator: "\n\n").write(to: corpus.appendingPathComponent("generated-\(f).txt"), atomically: true, encoding: .utf8)
        }
        #expect(try cli.run("index", "--shards", "2", "--index", "Sharded", "--quiet").status == 0)
        #expect(try cli.run("index", "--shards", "1", "--index", "Single", "--quiet").status == 0)
        let stub = try String(contentsOfFile: cli.directory.appendingPathComponent("Sharded/XAPIANDB").path, encoding: .utf8)
        let shards = stub.split(separator: "\n").map { cli.directory.appendingPathComponent("Sharded/" + $0.split(separator: " ")[1]).path }
        #expect(shards.count == 2)
        let servers = try shards.map { try TCPServer(database: $0) }
        let remote = servers.flatMap { ["--index", "tcp://127.0.0.1:\($0.port)"] }
        // the same servers named in a Xapian stub file
        let remoteStub = cli.directory.appendingPathComponent("remote.stub")
        try servers.map { "remote 127.0.0.1:\($0.port)\n" }.joined().write(to: remoteStub, atomically: true, encoding: .utf8)

        let searches: [[String]] = [
            ["giant", "panda"], ["trade"], ["visit", "--year", "2014"], ["culture", "--from", "2000", "--to", "2010"],
            ["person:\"Li Keqiang\""], ["President", "Xi"], ["how", "did", "trade", "and", "investment", "between", "Belgium", "and", "China", "grow"],
        ]
        // an alias (a gazetteer synonym: Xapian's remote backend serves none, Dossier supplies them)
        #expect(try cli.run(["search", "President", "Xi", "--json"] + remote).json["total"] as? Int ?? 0 > 0)
        for words in searches {
            // every hit: equal scores (boolean queries) may come in another order from shards
            let args = ["search"] + words + ["--json", "--limit", "1000", "--facets", "50"]
            let local = try cli.run(args + ["--index", "Single"]).json
            // the question gets pseudo-relevance feedback: its expansion terms must not depend on the layout either
            for index in [remote, ["--index", remoteStub.path], ["--index", "Sharded"]] {
                let out = try cli.run(args + index)
                #expect(out.status == 0, "\(words): \(out.stderr)")
                let j = out.json
                #expect(j["total"] as? Int == local["total"] as? Int, "\(words)")
                #expect(Self.ranking(j) == Self.ranking(local), "\(words) \(index)")
                #expect(NSDictionary(dictionary: j["facets"] as? [String: Any] ?? [:]).isEqual(to: local["facets"] as? [String: Any] ?? [:]), "\(words)")
                let snippets = (j["hits"] as? [[String: Any]] ?? []).compactMap { $0["snippet"] as? String }
                #expect(snippets.count == (j["hits"] as? [Any])?.count && snippets.allSatisfy { !$0.isEmpty })
            }
        }
    }

    /// Hits as (id, score to 3 decimals), ordered by score then id: shards may order equal scores differently.
    static func ranking(_ json: [String: Any]) -> [String] {
        let hits = json["hits"] as? [[String: Any]] ?? []
        return hits.map { (id: $0["id"] as? String ?? "", score: $0["score"] as? Double ?? 0) }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            .map { "\($0.id) \(String(format: "%.3f", $0.score))" }
    }
}

@Suite struct ReplicaTests {
    /// A read replica kept in sync by `dossier replicate` through the stock xapian-replicate-server and
    /// xapian-replicate: after the first copy, after an update (changesets), and after a full rebuild (a new
    /// generation of shards), it answers exactly as the master does.
    @Test func replicaFollowsTheMaster() throws {
        let cli = CLI()
        let corpus = cli.directory.appendingPathComponent("Corpus")
        for f in 0..<3 {
            let text = (0..<50).map { "Trade and panda news number \($0) of file \(f), from \(1990 + $0 % 30)." }.joined(separator: "\n\n")
            try text.write(to: corpus.appendingPathComponent("news-\(f).txt"), atomically: true, encoding: .utf8)
        }
        let changesets = ["XAPIAN_MAX_CHANGESETS": "10"]
        #expect(try cli.run(["index", "--shards", "2", "--index", "Master", "--quiet"], environment: changesets).status == 0)
        let server = try TCPServer(database: cli.directory.appendingPathComponent("Master").path, replication: true)
        func sync() throws {
            let out = try cli.run("replicate", "127.0.0.1:\(server.port)", "--index", "Replica", "--once")
            #expect(out.status == 0, "\(out.stderr)")
        }
        func same() throws {
            for words in [["trade"], ["panda", "--year", "2001"], ["giant", "panda"], ["edited"]] {
                let args = ["search"] + words + ["--json", "--limit", "100", "--facets", "20"]
                let master = try cli.run(args + ["--index", "Master"]).json
                let replica = try cli.run(args + ["--index", "Replica"]).json
                #expect(replica["total"] as? Int == master["total"] as? Int, "\(words)")
                #expect(RemoteShardTests.ranking(replica) == RemoteShardTests.ranking(master), "\(words)")
                #expect(NSDictionary(dictionary: replica["facets"] as? [String: Any] ?? [:]).isEqual(to: master["facets"] as? [String: Any] ?? [:]))
            }
        }
        try sync()
        try same()
        // an update on the master (changesets), then a full rebuild (new shard generation)
        try "Trade news, edited.\n".write(to: corpus.appendingPathComponent("news-1.txt"), atomically: true, encoding: .utf8)
        #expect(try cli.run(["index", "--index", "Master", "--quiet"], environment: changesets).status == 0)
        try sync()
        try same()
        #expect(try cli.run(["index", "--index", "Master", "--rebuild", "--quiet"], environment: changesets).status == 0)
        try sync()
        try same()
        let names = try FileManager.default.contentsOfDirectory(atPath: cli.directory.appendingPathComponent("Replica").path)
        #expect(!names.contains { $0.hasPrefix("shard-g1-") } && names.filter { $0.hasPrefix("shard-g2-") }.count == 2)
    }
}
