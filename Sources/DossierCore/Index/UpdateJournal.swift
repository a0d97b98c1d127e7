#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// The changes of an update that spans several shards, made durable before any shard commits.
///
/// Xapian commits one database atomically, not several. An update of a sharded index therefore writes its
/// changes here (then fsyncs and renames the file into place), commits the shards one by one, and deletes the
/// file. If the process dies between two shard commits, the next Dossier command that opens the index (a
/// writer under its lock, or a search, check or show, which take the lock for it) replays the whole journal:
/// every change is idempotent (replace by unique term or docid, delete, set metadata), so shards that had
/// already committed are unchanged by it and the others catch up. A journal that never reached its final
/// name was written before any commit: it is discarded, and the index is the previous state.
///
/// Spelling data is not journaled: after a replay, "did you mean" may miss the words of that update until the
/// next full build.
struct UpdateJournal {
    static let name = ".dossier-journal"
    static let magic = Array("DOSSIER-JOURNAL 1\n".utf8)

    /// Shard folders, relative to the index folder.
    var shards: [String]
    /// The changes of each shard, in order.
    var changes: [[WritableDatabase.Change]]

    init(shards: [String]) {
        self.shards = shards
        changes = Array(repeating: [], count: shards.count)
    }

    // MARK: Writing and removing

    /// Writes the journal durably under its final name (a temporary file, fsync, rename, fsync of the folder).
    func write(folder: String) throws {
        do {
            try FilePaths.replace(folder + "/" + Self.name, with: encoded(), temporary: folder + "/" + Self.name + ".tmp")
        } catch {
            throw DossierError(.other, "cannot \(error.step) the update journal \(error.path): \(error.reason)\(error.isFull ? "; the index is as it was" : "")")
        }
    }

    /// Deletes the journal once every shard has committed.
    static func remove(folder: String) {
        unlink(folder + "/" + name)
        syncFolder(folder)
    }

    static func exists(in folder: String) -> Bool {
        access(folder + "/" + name, F_OK) == 0
    }

    private static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    // MARK: Recovery

    /// Replays an interrupted update's journal into its shards, then deletes it; false when there is none.
    /// The caller holds the index's writer lock; Xapian's lock on each shard is waited for as `lockWait` says (a
    /// program outside Dossier may hold it).
    @discardableResult
    static func recover(folder: String, lockWait: WritableDatabase.LockWait) throws -> Bool {
        unlink(folder + "/" + name + ".tmp")  // written before any commit: the index is the previous state
        let path = folder + "/" + name
        guard let bytes = CorpusReader.readAll(path) else { return false }
        guard let journal = decode(bytes) else {
            throw DossierError(.indexDamaged, "the update journal \(path) is damaged; run `dossier index --rebuild`")
        }
        for (shard, changes) in zip(journal.shards, journal.changes) where !changes.isEmpty {
            let shardPath = folder + "/" + shard
            do {
                let db = try WritableDatabase.open(path: shardPath, mode: .open, lockWait: lockWait)
                try db.beginTransaction()
                for change in changes { try db.apply(change) }
                try db.commitTransaction()
                try db.close()
            } catch {
                throw DossierError.from(error, index: shardPath)
            }
        }
        remove(folder: folder)
        return true
    }

    /// For readers: if an update was interrupted between shard commits, completes it under the writer lock.
    /// While a writer holds the lock, waits for the journal to go (the writer's commit phase ends, or the writer
    /// replays it first), up to 30 s. Does nothing when the lock cannot be taken (a read-only index) or the
    /// replay fails: the search then sees each file's previous or new passages.
    static func recoverIfNeeded(folder: String) {
        let deadline = Date().addingTimeInterval(30)
        while exists(in: folder) {
            do {
                let lock = try IndexLock(folder: folder, wait: false)
                _ = try? recover(folder: folder, lockWait: .upTo(seconds: 2))
                lock.release()
                return
            } catch let error as DossierError where error.kind == .locked && Date() < deadline {
                usleep(10_000)
            } catch {
                return
            }
        }
    }

    // MARK: Encoding

    /// Magic line, shards with their changes, then an FNV-1a checksum of everything before it.
    func encoded() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
        func bytes(_ b: [UInt8]) { u32(b.count); out.append(contentsOf: b) }
        func string(_ s: String) { bytes(Array(s.utf8)) }
        u32(shards.count)
        for (shard, changes) in zip(shards, changes) {
            string(shard)
            u32(changes.count)
            for change in changes {
                switch change {
                case let .add(doc): out.append(1); bytes(doc)
                case let .replace(term, doc): out.append(2); string(term); bytes(doc)
                case let .replaceDocid(docid, doc): out.append(3); u32(Int(docid)); bytes(doc)
                case let .delete(term): out.append(4); string(term)
                case let .deleteDocid(docid): out.append(5); u32(Int(docid))
                case let .metadata(key, value): out.append(6); string(key); string(value)
                }
            }
        }
        var hash = FNV1a()
        hash.combine(out)
        withUnsafeBytes(of: hash.value.littleEndian) { out.append(contentsOf: $0) }
        return out
    }

    /// The journal in `data`, or nil if it is truncated or damaged.
    static func decode(_ data: [UInt8]) -> UpdateJournal? {
        guard data.count >= magic.count + 12, data.starts(with: magic) else { return nil }
        let body = data.count - 8
        var hash = FNV1a()
        hash.combine(data[0..<body])
        let stored = data[body...].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard stored == hash.value else { return nil }
        var at = magic.count
        func u32() -> Int? {
            guard at + 4 <= body else { return nil }
            defer { at += 4 }
            return (0..<4).reduce(0) { $0 | Int(data[at + $1]) << (8 * $1) }
        }
        func bytes() -> [UInt8]? {
            guard let n = u32(), at + n <= body else { return nil }
            defer { at += n }
            return Array(data[at..<(at + n)])
        }
        func string() -> String? { bytes().map { String(decoding: $0, as: UTF8.self) } }
        guard let count = u32() else { return nil }
        var journal = UpdateJournal(shards: [])
        for _ in 0..<count {
            guard let shard = string(), let n = u32() else { return nil }
            var changes: [WritableDatabase.Change] = []
            for _ in 0..<n {
                guard at < body else { return nil }
                let tag = data[at]
                at += 1
                switch tag {
                case 1: guard let d = bytes() else { return nil }; changes.append(.add(document: d))
                case 2: guard let t = string(), let d = bytes() else { return nil }; changes.append(.replace(uniqueTerm: t, document: d))
                case 3: guard let i = u32(), let d = bytes() else { return nil }; changes.append(.replaceDocid(UInt32(i), document: d))
                case 4: guard let t = string() else { return nil }; changes.append(.delete(uniqueTerm: t))
                case 5: guard let i = u32() else { return nil }; changes.append(.deleteDocid(UInt32(i)))
                case 6: guard let k = string(), let v = string() else { return nil }; changes.append(.metadata(key: k, value: v))
                default: return nil
                }
            }
            journal.shards.append(shard)
            journal.changes.append(changes)
        }
        return at == body ? journal : nil
    }
}
