#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// How a Dossier index sits on disk: a folder holding a Xapian stub database file (`XAPIANDB`) that lists the
/// shards of the current generation (`shard-g<generation>-<k>`, each a glass database), so that Xapian's own
/// tools and `Database(path:)` open the folder as one database.
///
/// A full build writes a new generation beside the current one and switches to it by renaming the stub file
/// into place (atomic); the old generation is then deleted. An index written by Dossier before shards (a single
/// glass database in the folder) is still read, and is replaced by the sharded layout at its next full build.
public struct IndexLayout: Sendable {
    public let folder: String

    public static let stubName = "XAPIANDB"
    public static let lockName = ".dossier-lock"
    static let commitBarrierName = ".dossier-commit"
    static let shardPrefix = "shard-g"

    public init(folder: String) {
        self.folder = folder
    }

    var stubPath: String { folder + "/" + Self.stubName }

    /// True when the folder itself is a single glass database (the layout before shards).
    public var isSingleDatabase: Bool { FileManager.default.fileExists(atPath: folder + "/iamglass") }

    /// The current generation and its shard folders (absolute paths, in order), read from the stub file.
    public func current() -> (generation: Int, shards: [String])? {
        guard let stub = readStub(), !stub.shards.isEmpty else { return nil }
        return (stub.generation, stub.shards)
    }

    /// The shards the stub file names, in its order, when every line of it names a local database (`glass` or
    /// `auto`); nil when there is no stub or it names anything else (a remote shard), so that the shards listed
    /// are exactly the databases Xapian opens from the stub.
    func localShards() -> [String]? {
        guard let stub = readStub(), !stub.shards.isEmpty, stub.otherLines == 0 else { return nil }
        return stub.shards
    }

    /// The stub file's `glass` and `auto` lines (absolute paths), the highest generation they name, and how many
    /// other lines it has (comments and blank lines aside).
    private func readStub() -> (generation: Int, shards: [String], otherLines: Int)? {
        guard let data = CorpusReader.readAll(stubPath) else { return nil }
        var shards: [String] = []
        var generation = 0, otherLines = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let f = line.split(separator: " ", maxSplits: 1)
            guard f.count == 2, f[0] == "glass" || f[0] == "auto" else {
                if !line.allSatisfy(\.isWhitespace) && !line.hasPrefix("#") { otherLines += 1 }
                continue
            }
            let name = String(f[1])
            shards.append(name.hasPrefix("/") ? name : folder + "/" + name)
            if let g = Self.generation(of: name) { generation = max(generation, g) }
        }
        return (generation, shards, otherLines)
    }

    /// The Dossier index folders behind search paths (a folder, or a stub file in one), for their journal and
    /// commit barrier: only local folders holding a stub file, never remote shards or a shard's own database.
    static func indexFolders(of paths: [String]) -> [String] {
        paths.compactMap { path in
            guard !path.hasPrefix("tcp://"), let isDir = FilePaths.isDirectory(path) else { return nil }
            let folder = isDir ? path : FilePaths.parent(path)
            return FileManager.default.fileExists(atPath: folder + "/" + stubName) ? folder : nil
        }
    }

    /// The shard folders of `generation`.
    public func shardPaths(generation: Int, count: Int) -> [String] {
        (0..<count).map { folder + "/" + Self.shardName(generation: generation, index: $0) }
    }

    static func shardName(generation: Int, index: Int) -> String { "\(shardPrefix)\(generation)-\(index)" }

    static func generation(of name: String) -> Int? {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard base.hasPrefix(shardPrefix), let dash = base.lastIndex(of: "-") else { return nil }
        return Int(base[base.index(base.startIndex, offsetBy: shardPrefix.count)..<dash])
    }

    /// Makes `generation` current: writes the stub file under a temporary name, syncs it, renames it into place.
    /// `backend` is the stub's word for the shards: `glass`, or `auto` where each shard is itself a stub (a
    /// replica made by `xapian-replicate`).
    public func switchTo(generation: Int, count: Int, backend: String = "glass") throws {
        let text = (0..<count).map { "\(backend) \(Self.shardName(generation: generation, index: $0))\n" }.joined()
        do {
            try FilePaths.replace(stubPath, with: Array(text.utf8), temporary: stubPath + ".new")
        } catch {
            throw DossierError(.other, error.step == "rename" ? "cannot replace \(stubPath): \(error.reason)" : "cannot write \(error.path): \(error.reason)")
        }
    }

    /// Name of the small Xapian database whose metadata lists the current shards, so that a replica can learn
    /// them through Xapian's own replication (`xapian-replicate -m manifest`).
    public static let manifestName = "manifest"
    public static let manifestKey = "dossier:shards"

    /// Records `generation`'s shard names in the manifest database (committed explicitly).
    public func writeManifest(generation: Int, count: Int, lockWait: WritableDatabase.LockWait) throws {
        let db = try WritableDatabase.open(path: folder + "/" + Self.manifestName, mode: .createOrOpen, lockWait: lockWait)
        try db.setMetadata(Self.manifestKey, (0..<count).map { Self.shardName(generation: generation, index: $0) }.joined(separator: "\n"))
        try db.commit()
        try db.close()
    }

    /// Deletes shard folders of other generations, and the files of a single-database index.
    public func removeAll(except generation: Int) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder) else { return }
        if isSingleDatabase {
            // `iamglass` first: from then on Xapian reads the folder as a stub
            unlink(folder + "/iamglass")
            for name in names where name.hasSuffix(".glass") || name.hasSuffix(".baseA") || name.hasSuffix(".baseB")
                || name == "flintlock" || name == "postlist.tmp" {
                try? fm.removeItem(atPath: folder + "/" + name)
            }
        }
        for name in names where name.hasPrefix(Self.shardPrefix) && Self.generation(of: name) != generation {
            try? fm.removeItem(atPath: folder + "/" + name)
        }
    }

    /// Which shard holds the passages of corpus file `path` (stable for a given shard count).
    public static func shard(of path: String, count: Int) -> Int {
        count <= 1 ? 0 : Int(FNV1a.hash(path).value % UInt64(count))
    }
}
