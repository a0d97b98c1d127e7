#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// What `dossier check` found.
public struct CheckReport: Sendable, Equatable {
    /// Errors reported by Xapian's own consistency check, over every shard.
    public var xapianErrors = 0
    public var files = 0
    public var passages = 0
    /// Corpus files whose passages differ from the index (changed, new or deleted since the last run).
    public var staleFiles: [String] = []
    /// Passages the index's file states list but whose document is missing.
    public var missing: [String] = []
    /// Documents no file state lists.
    public var extra: [String] = []
    /// Documents whose stored text hash differs from the file state.
    public var wrongHash: [String] = []
    /// Shards with a facet column not made from them as they are, or large enough for one and without (searches
    /// then read the values; the next `dossier index` writes it): not an inconsistency.
    public var staleFacetColumns: [String] = []
    /// Documents whose keys in their shard's (up-to-date) facet column differ from their facet value.
    public var facetColumnErrors = 0

    public var consistent: Bool {
        xapianErrors == 0 && staleFiles.isEmpty && missing.isEmpty && extra.isEmpty && wrongHash.isEmpty && facetColumnErrors == 0
    }
}

/// Compares an index with its corpus: every passage of every file present, with the right hash, and nothing
/// else; runs Xapian's consistency check (`Database::check`) on every shard, and compares each shard's facet
/// column with its values. Read-only; it takes the writer lock so that it never looks at a half-updated index,
/// waiting for a running `dossier index`.
public enum Checker {
    public static func check(corpus: URL, index: String, documents: DocumentReader?) throws -> CheckReport {
        let layout = IndexLayout(folder: index)
        let shards = layout.current()?.shards ?? (layout.isSingleDatabase ? [index] : [])
        guard !shards.isEmpty else {
            throw DossierError(.indexMissing, "no index at \(index): build it with `dossier index --index \(index)`")
        }
        let lock = try IndexLock(folder: index, wait: true)
        defer { lock.release() }
        try UpdateJournal.recover(folder: index, lockWait: .upTo(seconds: 10))
        var report = CheckReport()
        var states: [String: FileState] = [:]
        var listed: [String: String] = [:]  // id -> hash
        do {
            for path in shards {
                report.xapianErrors += try Database.consistencyCheck(path: path).errors
                let db = try Database(path: path)
                if let errors = try FacetColumn.mismatches(shard: path, slot: Schema.facetsSlot) {
                    report.facetColumnErrors += errors
                } else if try FileManager.default.fileExists(atPath: path + "/" + FacetColumn.fileName)
                            || db.documentCount() >= Indexer.facetColumnsFrom {
                    report.staleFacetColumns.append(path)
                }
                let records = RecordReader(databases: [db])
                let shardStates = try FileState.load(from: db)
                var ids = Set<String>()
                for (file, state) in shardStates {
                    states[file] = state
                    for p in state.passages {
                        listed[p.id] = p.hash
                        ids.insert(p.id)
                        guard let docid = try db.postings(Schema.idPrefix + p.id).first else {
                            report.missing.append(p.id)
                            continue
                        }
                        let record = try? records.decode(try db.document(docid).data())
                        if record?.hash != p.hash { report.wrongHash.append(p.id) }
                    }
                }
                for (term, _) in try db.allTerms(prefix: Schema.idPrefix) {
                    let id = String(term.dropFirst(Schema.idPrefix.count))
                    if !ids.contains(id) { report.extra.append(id) }
                }
                report.passages += try db.documentCount()
                try db.close()
            }
        } catch let error as XapianError {
            throw DossierError.from(error, index: index)
        }
        // the corpus as it is now, split exactly as the indexer splits it
        var warnings: [Warning] = []
        let files = CorpusReader.scan(corpus, warnings: &warnings)
        let present = Set(files.map(\.path))
        for file in files {
            guard let text = try? CorpusReader.read(file, documents: documents).text else { continue }  // unreadable: keeps its passages
            let hashes = FileIndexing.paragraphs(of: text, path: file.path).paragraphs.map(FileIndexing.passageHash)
            if states[file.path]?.passages.map(\.hash) != hashes { report.staleFiles.append(file.path) }
        }
        report.staleFiles += states.keys.filter { !present.contains($0) }
        report.staleFiles.sort()
        report.files = states.count
        return report
    }
}
