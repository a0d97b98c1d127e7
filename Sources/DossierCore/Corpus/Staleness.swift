#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// Tells whether corpus files changed since the index was built, from file sizes and times only (no reading).
public enum Staleness {
    /// A one-line notice if the corpus the index was built from has changed, else nil. Gives up quietly on
    /// corpora of more than `maxFiles` files, to keep searches fast.
    static func notice(_ db: Database, maxFiles: Int = 20_000) -> String? {
        guard let (corpus, stats) = stored(db) else { return nil }
        return notice(corpus: corpus, stats: stats, maxFiles: maxFiles)
    }

    /// The corpus folder and file stats the index was built from; nil when it names no corpus.
    static func stored(_ db: Database) -> (corpus: String, stats: String)? {
        guard let corpus = try? db.metadata(Schema.corpusKey), !corpus.isEmpty,
              let stats = try? db.metadata(Schema.statsKey) else { return nil }
        return (corpus, stats)
    }

    /// The same from the index's stored corpus path and file stats (no Xapian object: any thread). The walk over
    /// the corpus waits at `gate` while it is paused.
    static func notice(corpus: String, stats: String, maxFiles: Int, gate: PauseGate? = nil) -> String? {
        // First the cheap check: both lists of files, sizes and times as a digest that does not depend on their
        // order (no parsing into a dictionary, no sorting). Only a changed corpus is compared file by file.
        if let stored = Digest(stats: stats) {
            guard stored.files <= maxFiles else { return nil }
            if Digest(corpus: corpus, gate: gate) == stored { return nil }
        }
        let known = FileStat.parse(stats)
        guard known.count <= maxFiles else { return nil }
        var warnings: [Warning] = []
        let files = CorpusReader.scan(URL(fileURLWithPath: corpus), warnings: &warnings)
        var changed = 0
        for file in files {
            if let k = known[file.path], k.size == file.size, k.mtime == file.mtime { continue }
            changed += 1
        }
        let present = Set(files.map(\.path))
        changed += known.keys.filter { !present.contains($0) }.count
        guard changed > 0 else { return nil }
        return "note: \(changed) corpus file\(changed == 1 ? "" : "s") changed since the last index run; run `dossier index` to update"
    }
}

extension Staleness {
    /// A set of (path, size, modification time) entries summed as hashes, so that two lists of the same files, in
    /// any order, give the same digest, and a list with a file added, removed, resized or touched another (but
    /// for a 2^-64 chance). Hashes are seeded per process: digests compare only within one.
    struct Digest: Equatable {
        var files = 0
        var sum: UInt64 = 0

        mutating func add(path: UnsafeRawBufferPointer, size: Int64, mtime: Int64) {
            var hasher = Hasher()
            hasher.combine(bytes: path)
            hasher.combine(size)
            hasher.combine(mtime)
            sum &+= UInt64(truncatingIfNeeded: hasher.finalize())
            files += 1
        }

        /// The stored stats (`FileStat.encode`: escaped path, size, time, passages); nil if a line is not of that form.
        init?(stats: String) {
            guard FileStat.eachLine(stats, { path, size, mtime, _ in add(path: path, size: size, mtime: mtime) }) else { return nil }
        }

        /// The corpus's files as they are now, with paths escaped as the stored stats have them.
        init(corpus: String, gate: PauseGate? = nil) {
            var warnings: [Warning] = []
            CorpusReader.visit(corpus, inOrder: false, warnings: &warnings) { relative, _, _, size, mtime in
                gate?.pass()
                var path = FileStat.escape(relative)
                path.withUTF8 { add(path: UnsafeRawBufferPointer($0), size: size, mtime: mtime) }
            }
        }
    }
}

/// A staleness check running on its own thread while the search runs (the `stat` of every corpus file costs
/// ~2.5 ms of CPU at 1,000 files). It stands aside (`gate`) while the search ranks and counts its matches, and goes
/// on while the search opens, parses the query and writes its output: running throughout, it slowed the match on
/// the other core by more than its own time (at 1M passages, `trade` 1.1 ms; with `--facets 0 --estimate-total`,
/// 1.5 ms).
public final class PendingNotice: Sendable {
    private let result = LockedState<String?>(nil)
    private let done = DispatchSemaphore(value: 0)
    let gate = PauseGate()

    init(corpus: String, stats: String, maxFiles: Int) {
        let check: @Sendable () -> Void = { [result, done, gate] in
            let notice = Staleness.notice(corpus: corpus, stats: stats, maxFiles: maxFiles, gate: gate)
            result.withLock { $0 = notice }
            done.signal()
        }
        // on another core, or it would take turns with the search on this one
        if !Processors.startThreadElsewhere(check) { check() }
    }

    /// The notice, once the check is done (nil: the corpus did not change).
    public func wait() -> String? {
        gate.resume()
        done.wait()
        done.signal()
        return result.withLock { $0 }
    }
}

/// Holds background work back: `pass()` blocks while the gate is paused.
final class PauseGate: @unchecked Sendable {
    private let condition = Condition()
    private var paused = false

    func pause() {
        condition.lock()
        paused = true
        condition.unlock()
    }

    func resume() {
        condition.lock()
        paused = false
        condition.broadcast()
        condition.unlock()
    }

    func pass() {
        condition.lock()
        while paused { condition.wait() }
        condition.unlock()
    }
}

extension Searcher {
    /// A one-line notice if corpus files changed since the index was built (sizes and times only), else nil.
    public func staleCorpusNotice(maxFiles: Int = 20_000) -> String? {
        Staleness.notice(database, maxFiles: maxFiles)
    }

    /// Starts `staleCorpusNotice` on another thread, which stands aside while this searcher matches; nil when the
    /// index names no corpus.
    public func startStaleCorpusCheck(maxFiles: Int = 20_000) -> PendingNotice? {
        guard let (corpus, stats) = Staleness.stored(database) else { return nil }
        let notice = PendingNotice(corpus: corpus, stats: stats, maxFiles: maxFiles)
        heldBackWhileMatching = notice.gate
        return notice
    }
}
