import Foundation
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

    /// The same from the index's stored corpus path and file stats (no Xapian object: any thread).
    static func notice(corpus: String, stats: String, maxFiles: Int) -> String? {
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

/// A staleness check running on its own thread while the search runs (the `stat` of every corpus file costs
/// ~3 ms at 1,000 files, a tenth of a whole `dossier search`).
public final class PendingNotice: Sendable {
    private let result = LockedState<String?>(nil)
    private let done = DispatchSemaphore(value: 0)

    init(corpus: String, stats: String, maxFiles: Int) {
        let thread = Thread { [result, done] in
            let notice = Staleness.notice(corpus: corpus, stats: stats, maxFiles: maxFiles)
            result.withLock { $0 = notice }
            done.signal()
        }
        thread.start()
    }

    /// The notice, once the check is done (nil: the corpus did not change).
    public func wait() -> String? {
        done.wait()
        done.signal()
        return result.withLock { $0 }
    }
}

extension Searcher {
    /// A one-line notice if corpus files changed since the index was built (sizes and times only), else nil.
    public func staleCorpusNotice(maxFiles: Int = 20_000) -> String? {
        Staleness.notice(database, maxFiles: maxFiles)
    }

    /// Starts `staleCorpusNotice` on another thread; nil when the index names no corpus.
    public func startStaleCorpusCheck(maxFiles: Int = 20_000) -> PendingNotice? {
        guard let (corpus, stats) = Staleness.stored(database) else { return nil }
        return PendingNotice(corpus: corpus, stats: stats, maxFiles: maxFiles)
    }
}
