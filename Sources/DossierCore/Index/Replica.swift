#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// A read replica kept in sync with Xapian's own replication: the master serves its index folder with
/// `xapian-replicate-server -p PORT Index`; each pass here runs the stock `xapian-replicate` for the manifest
/// (which names the current shards), then for each shard, then switches the replica's stub file to them.
/// With `XAPIAN_MAX_CHANGESETS` set when the master indexes, passes after the first copy only changesets.
public enum Replica {
    public struct Pass: Sendable, Equatable {
        public let generation: Int
        public let shards: [String]
    }

    public static func syncOnce(host: String, port: Int, folder: String,
                                tool: String = "/usr/bin/xapian-replicate") throws -> Pass {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let lock = try IndexLock(folder: folder, wait: true)
        defer { lock.release() }
        try replicate(IndexLayout.manifestName, host: host, port: port, folder: folder, tool: tool)
        let names: [String]
        do {
            let manifest = try Database(path: folder + "/" + IndexLayout.manifestName)
            names = try manifest.metadata(IndexLayout.manifestKey).split(separator: "\n").map(String.init)
            try manifest.close()
        } catch {
            throw DossierError.from(error, index: folder)
        }
        guard !names.isEmpty, let generation = names.compactMap(IndexLayout.generation(of:)).max() else {
            throw DossierError(.indexMissing, "the master at \(host):\(port) has no manifest of shards: run `dossier index --rebuild` there")
        }
        for name in names { try replicate(name, host: host, port: port, folder: folder, tool: tool) }
        let layout = IndexLayout(folder: folder)
        // xapian-replicate keeps each shard as a stub of its own (`replica_N` folders): `auto` lines
        try layout.switchTo(generation: generation, count: names.count, backend: "auto")
        layout.removeAll(except: generation)
        return Pass(generation: generation, shards: names)
    }

    static func replicate(_ name: String, host: String, port: Int, folder: String, tool: String) throws {
        let result: (status: Int32, stderr: String)
        do {
            result = try Subprocess.run(tool, ["-h", host, "-p", String(port), "-m", name, "-o", "-q", "-r", "1", folder + "/" + name])
        } catch {
            throw DossierError(.other, "cannot run \(tool) (install xapian-tools): \(FilePaths.describe(error))")
        }
        guard result.status == 0 else {
            let line = result.stderr.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            throw DossierError(.other, "replicating \(name) from \(host):\(port) failed: \(DossierError.oneLine(line))")
        }
    }
}
