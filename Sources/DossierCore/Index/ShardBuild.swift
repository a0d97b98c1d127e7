#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// What indexing one file did.

/// One shard of a full build, run on its own thread: it creates its database, term generator and documents
/// there, and no Xapian object leaves that thread. Results and warnings go through `Shared`.
struct ShardBuild: Sendable {
    let path: String
    /// The index folder, named in errors.
    let index: String
    let files: [CorpusFile]
    let oldStates: [String: FileState]
    let tagger: Tagger
    let facetKeys: FacetKeys
    /// The dictionary records are compressed with, sampled from the corpus before the build.
    let dictionary: RecordDictionary?
    let shared: Shared
    let documents: DocumentReader?
    /// See `Indexer.Options.titleWeight`.
    let titleWeight: Int

    struct Result: Sendable {
        var counts = IndexSummary()
        var states: [String: FileState] = [:]
        /// Files that could not be read (warned about), with no passages: known, so that they are not "changed".
        var unread: [String: FileStat] = [:]
        var error: DossierError?
    }

    /// Progress, warnings and results of every shard, guarded by a lock.
    final class Shared: Sendable {
        private struct State {
            var filesDone = 0
            var warnings: [Warning] = []
            var results: [Result] = []
        }
        private let state = LockedState(State())

        func fileDone() { state.withLock { $0.filesDone += 1 } }
        func warn(_ w: Warning) { state.withLock { $0.warnings.append(w) } }
        func finish(_ r: Result) { state.withLock { $0.results.append(r) } }
        /// Files done so far, and the warnings not taken yet.
        func take() -> (Int, [Warning]) {
            state.withLock { s in
                defer { s.warnings.removeAll() }
                return (s.filesDone, s.warnings)
            }
        }
        func results() -> [Result] { state.withLock { $0.results } }
    }

    /// Passages buffered before a commit. Xapian buffers 10,000 documents' postings in maps whose look-ups then
    /// miss the CPU's caches; 1,000 took 12% less CPU and half the memory for a million passages (BENCHMARKS.md).
    static let flushEvery = 1_000

    func run() {
        var result = Result()
        do {
            // a scratch shard, compacted into the index at the end: a crash makes the next run start again
            let db = try WritableDatabase(path: path, mode: .createOrOverwrite, sync: false)
            do {
                let builder = try DocumentBuilder(spellingInto: db, bufferSpelling: true, facetKeys: facetKeys, stored: nil,
                                                  dictionary: dictionary, titleWeight: titleWeight)
                let shared = self.shared
                var buffered = 0
                let flush = { () throws in
                    buffered += 1
                    if buffered == Self.flushEvery {
                        try db.commit()
                        buffered = 0
                    }
                }
                for file in files {
                    defer { shared.fileDone() }
                    let text: String
                    do {
                        let read = try CorpusReader.read(file, documents: documents)
                        read.warnings.forEach(shared.warn)
                        text = read.text
                    } catch {
                        shared.warn(error)
                        result.unread[file.path] = FileStat(size: file.size, mtime: file.mtime, passages: 0)
                        continue
                    }
                    let outcome = try FileIndexing(file: file, text: text, old: oldStates[file.path], retagAll: true, fresh: true,
                                                   tagger: tagger, warn: shared.warn, idTaken: { _ in false })
                        .run(into: db, builder: builder, added: flush)
                    result.counts.add(outcome)
                    result.states[file.path] = outcome.state
                    try db.setMetadata(Schema.fileStatePrefix + file.path, try outcome.state.encoded())
                }
                try builder.flushSpelling()
                try db.commit()
            }
            try db.close()
        } catch let error as DossierError {
            result.error = error
        } catch let error as XapianError {
            result.error = DossierError.from(error, index: index)
        } catch {
            result.error = DossierError(.other, "\(index): \(error)")
        }
        shared.finish(result)
    }
}
