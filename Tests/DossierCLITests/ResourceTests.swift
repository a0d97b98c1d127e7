import Foundation
import Testing

/// A tiny tmpfs, mounted for one test (root only).
final class TinyDisk {
    let path: String

    init(kilobytes: Int) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-disk-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path])
    }

    func remountReadOnly() throws { try Self.mount(["-o", "remount,ro", path]) }

    static func mount(_ args: [String]) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = args
        try p.run()
        p.waitUntilExit()
        if p.terminationStatus != 0 { throw CocoaError(.fileWriteNoPermission) }
    }

    deinit {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = [path]
        try? p.run()
        p.waitUntilExit()
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Full and read-only disks: one clear error line, exit 1, and the previous index intact and searchable.
@Suite(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct ResourceTests {
    @Test func fullAndReadOnlyDisks() throws {
        let cli = CLI()
        let disk = try TinyDisk(kilobytes: 1536)  // the bundled corpus's build needs ~1.2 MB at its peak (its index: 440 KB)
        let index = disk.path + "/Index"
        #expect(try cli.run("index", "--index", index, "--quiet").status == 0)
        let before = try cli.run("search", "giant", "panda", "--index", index, "--json").json
        #expect(before["total"] as? Int == 1)

        // about 3 MB of new text into a 1.5 MB disk: an update (in place), then a full build (new generation)
        let corpus = cli.directory.appendingPathComponent("Corpus")
        let sentence = "Trade between Belgium and China grew again in 2019, with new routes for rail freight and shipping. "
        for f in 0..<3 {
            let text = (0..<1000).map { "\(sentence)Paragraph \($0) of file \(f)." }.joined(separator: "\n\n")
            try text.write(to: corpus.appendingPathComponent("big-\(f).txt"), atomically: true, encoding: .utf8)
        }
        for extra in [[String](), ["--rebuild"]] {
            let out = try cli.run(["index", "--index", index, "--quiet"] + extra)
            #expect(out.status == 1, "\(extra): \(out.stderr)")
            let lines = out.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("dossier: "), "\(extra): \(out.stderr)")
            #expect(out.stderr.contains("disk full") && out.stderr.contains("as it was"), "\(out.stderr)")
            // the previous index answers as before
            let after = try cli.run("search", "giant", "panda", "--index", index, "--json")
            #expect(after.status == 0 && after.json["total"] as? Int == 1, "\(after.stderr)")
        }
        // and it is still exactly the previous corpus, passing Xapian's check
        for f in 0..<3 { try FileManager.default.removeItem(at: corpus.appendingPathComponent("big-\(f).txt")) }
        let check = try cli.run("check", "--index", index)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // read-only: indexing fails with one line; searching works
        try "A new paragraph about pandas.\n".write(to: corpus.appendingPathComponent("small.txt"), atomically: true, encoding: .utf8)
        try disk.remountReadOnly()
        let ro = try cli.run("index", "--index", index, "--quiet")
        #expect(ro.status == 1 && ro.stderr.split(separator: "\n").count == 1, "\(ro.stderr)")
        #expect(ro.stderr.contains("Read-only"), "\(ro.stderr)")
        let search = try cli.run("search", "giant", "panda", "--index", index, "--json")
        #expect(search.status == 0 && search.json["total"] as? Int == 1, "\(search.stderr)")
    }
}

/// Updates of a sharded index killed between the commits of their shards (Xapian commits one database at a
/// time): the journal written before the first commit lets the next command finish the update, so readers
/// see every file's new passages, never a mix of old and new files.
@Suite struct CrashRecoveryTests {
    static func prepare() throws -> CLI {
        let cli = CLI()
        let corpus = cli.directory.appendingPathComponent("Corpus")
        for f in 0..<8 {
            let text = (0..<5).map { "Old passage \($0) of file \(f) about quokkas in 2001." }.joined(separator: "\n\n")
            try text.write(to: corpus.appendingPathComponent("news-\(f).txt"), atomically: true, encoding: .utf8)
        }
        #expect(try cli.run("index", "--shards", "2", "--quiet").status == 0)
        for f in 0..<8 {
            let text = (0..<5).map { "New passage \($0) of file \(f) about zebrafish in 2002." }.joined(separator: "\n\n")
            try text.write(to: corpus.appendingPathComponent("news-\(f).txt"), atomically: true, encoding: .utf8)
        }
        return cli
    }

    static func total(_ cli: CLI, _ words: String...) throws -> Int? {
        try cli.run(["search"] + words + ["--json", "--facets", "0", "--limit", "100"]).json["total"] as? Int
    }

    @Test(arguments: ["1", "0"])
    func killedUpdateIsCompletedByTheNextCommand(afterCommits: String) throws {
        let cli = try Self.prepare()
        let out = try cli.run(["index", "--quiet"], environment: ["DOSSIER_FAULT_EXIT_AFTER_SHARD_COMMITS": afterCommits])
        #expect(out.status == 137, "\(out.stderr)")
        let journal = cli.directory.appendingPathComponent("Index/.dossier-journal").path
        #expect(FileManager.default.fileExists(atPath: journal))
        if afterCommits == "1" {
            // on disk, one shard is new and the other old: Xapian's own tool, which knows no journal, sees it
            let stub = try String(contentsOfFile: cli.directory.appendingPathComponent("Index/XAPIANDB").path, encoding: .utf8)
            let shards = stub.split(separator: "\n").map { cli.directory.appendingPathComponent("Index/" + $0.split(separator: " ")[1]).path }
            let newInShard = try shards.map { shard -> Bool in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/xapian-delve")
                p.arguments = ["-t", "Zzebrafish", shard]
                let pipe = Pipe()
                p.standardOutput = pipe
                p.standardError = FileHandle.nullDevice
                try p.run()
                let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                return p.terminationStatus == 0 && text.contains("Posting List")
            }
            #expect(Set(newInShard) == [true, false], "\(newInShard)")
        }
        // the next search completes the update first: every file new
        #expect(try Self.total(cli, "zebrafish") == 40)
        #expect(try Self.total(cli, "quokkas") == 0)
        #expect(!FileManager.default.fileExists(atPath: journal))
        let check = try cli.run("check")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        // and the next index run has nothing left to do
        let again = try cli.run("index", "--json")
        #expect(again.json["changed"] as? Int == 0 && again.json["added"] as? Int == 0, "\(again.stdout)")
    }
}
