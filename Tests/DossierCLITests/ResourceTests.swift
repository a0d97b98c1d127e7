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
        let disk = try TinyDisk(kilobytes: 1024)
        let index = disk.path + "/Index"
        #expect(try cli.run("index", "--index", index, "--quiet").status == 0)
        let before = try cli.run("search", "giant", "panda", "--index", index, "--json").json
        #expect(before["total"] as? Int == 1)

        // about 3 MB of new text into a 1 MB disk: an update (in place), then a full build (new generation)
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
