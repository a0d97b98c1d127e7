import Foundation
import Xapian

/// Tells whether corpus files changed since the index was built, from file sizes and times only (no reading).
public enum Staleness {
    static func encode(_ states: [String: FileState]) -> String {
        states.keys.sorted().map { "\($0)\t\(states[$0]!.size)\t\(states[$0]!.mtime)" }.joined(separator: "\n")
    }

    /// A one-line notice if the corpus the index was built from has changed, else nil. Gives up quietly on
    /// corpora of more than `maxFiles` files, to keep searches fast.
    public static func notice(index: String, maxFiles: Int = 20_000) -> String? {
        guard let db = try? Database(path: index),
              let corpus = try? db.metadata(Schema.corpusKey), !corpus.isEmpty,
              let stats = try? db.metadata(Schema.statsKey) else { return nil }
        var known: [String: (Int64, Int64)] = [:]
        for line in stats.split(separator: "\n") {
            let f = line.split(separator: "\t")
            guard f.count == 3, let size = Int64(f[1]), let mtime = Int64(f[2]) else { continue }
            known[String(f[0])] = (size, mtime)
        }
        guard known.count <= maxFiles else { return nil }
        var warnings: [Warning] = []
        let files = CorpusReader.scan(URL(fileURLWithPath: corpus), warnings: &warnings)
        var changed = 0
        for file in files {
            if let k = known[file.path], k == (file.size, file.mtime) { continue }
            changed += 1
        }
        let present = Set(files.map(\.path))
        changed += known.keys.filter { !present.contains($0) }.count
        guard changed > 0 else { return nil }
        return "note: \(changed) corpus file\(changed == 1 ? "" : "s") changed since the last index run; run `dossier index` to update"
    }
}
