import Foundation
import Xapian

/// Tells whether corpus files changed since the index was built, from file sizes and times only (no reading).
public enum Staleness {
    /// A one-line notice if the corpus the index was built from has changed, else nil. Gives up quietly on
    /// corpora of more than `maxFiles` files, to keep searches fast.
    static func notice(_ db: Database, maxFiles: Int = 20_000) -> String? {
        guard let corpus = try? db.metadata(Schema.corpusKey), !corpus.isEmpty,
              let stats = try? db.metadata(Schema.statsKey) else { return nil }
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

extension Searcher {
    /// A one-line notice if corpus files changed since the index was built (sizes and times only), else nil.
    public func staleCorpusNotice(maxFiles: Int = 20_000) -> String? {
        Staleness.notice(database, maxFiles: maxFiles)
    }
}
