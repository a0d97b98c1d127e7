#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// What indexing one file did.
struct FileOutcome: Sendable, PassageCounts {
    var state: FileState
    var added = 0
    var changed = 0
    var removed = 0
    var unchanged = 0
}

/// Indexes one corpus file into one shard: splits it into passages, pairs them with the file's previous passages
/// (so ids survive edits), tags and writes the new and changed ones, deletes the removed ones.
struct FileIndexing {
    let file: CorpusFile
    let text: String
    let old: FileState?
    /// Tag and write every passage, not only new and changed ones.
    let retagAll: Bool
    /// The shard is being built from nothing: add documents instead of replacing them, nothing to delete.
    let fresh: Bool
    let tagger: Tagger
    let warn: (Warning) -> Void
    /// Whether a JSONL `_id` is already used by another file's passage.
    let idTaken: (String) throws -> Bool

    /// `added` is called after each passage added to a fresh shard (a full build flushes its buffers from there).
    func run(into db: WritableDatabase, builder: DocumentBuilder, added: () throws -> Void = {}) throws -> FileOutcome {
        let oldPassages = old?.passages ?? []
        let fileHash = FNV1a.hash(text).hex
        if !retagAll, var unchangedState = old, unchangedState.hash == fileHash {
            // touched, not changed
            unchangedState.size = file.size
            unchangedState.mtime = file.mtime
            return FileOutcome(state: unchangedState, unchanged: oldPassages.count)
        }
        var outcome = FileOutcome(state: FileState(size: file.size, mtime: file.mtime, hash: fileHash, passages: []))
        let read = Self.paragraphs(of: text, path: file.path)
        read.warnings.forEach(warn)
        var paragraphs: [Paragraph]
        let outcomes: [PassageMatcher.Outcome]
        let removed: [Int]
        let hashes: [String]
        if JSONLReader.isJSONL(file.path) {
            let own = Set(oldPassages.map(\.id))
            paragraphs = []
            for p in read.paragraphs {
                if let id = p.id, !own.contains(id), try idTaken(id) {
                    warn(Warning(file: file.path, message: "line \(p.line): _id \"\(id)\" is used by another file, line skipped"))
                } else {
                    paragraphs.append(p)
                }
            }
            hashes = paragraphs.map(Self.passageHash)
            (outcomes, removed) = PassageMatcher.match(old: oldPassages.map { ($0.id, $0.hash) },
                                                       new: zip(paragraphs, hashes).map { ($0.id ?? "", $1) })
        } else {
            paragraphs = read.paragraphs
            hashes = paragraphs.map(Self.passageHash)
            (outcomes, removed) = PassageMatcher.match(old: oldPassages.map(\.hash), new: hashes)
        }
        var known = Set(oldPassages.map(\.id))
        var states: [FileState.PassageState] = []
        states.reserveCapacity(paragraphs.count)
        for (j, paragraph) in paragraphs.enumerated() {
            let id: String
            var retag = retagAll || fresh
            switch outcomes[j] {
            case let .unchanged(k):
                id = oldPassages[k].id
                if !retag, k != j {
                    try Self.movePassage(db, records: builder.records, id: id, paragraph: j + 1, line: paragraph.line)
                }
                outcome.unchanged += 1
            case let .changed(k):
                id = oldPassages[k].id
                retag = true
                outcome.changed += 1
            case .added:
                if let given = paragraph.id {
                    id = given
                    known.insert(given)
                } else {
                    id = Self.newID(file: file.path, hash: hashes[j], known: &known)
                }
                retag = true
                outcome.added += 1
            }
            if retag {
                let tags = tagger.tag(paragraph.text, heading: paragraph.heading)
                let record = PassageRecord(id: id, file: file.path, paragraph: j + 1, source: paragraph, tags: tags, hash: hashes[j])
                let doc = try builder.document(for: record, extraText: paragraph.heading)
                if fresh {
                    try db.add(doc)
                    try added()
                } else {
                    try db.replace(uniqueTerm: Schema.idPrefix + id, with: doc)
                }
            }
            states.append(.init(id: id, hash: hashes[j]))
        }
        for k in removed {
            if !fresh { try db.delete(uniqueTerm: Schema.idPrefix + oldPassages[k].id) }
            outcome.removed += 1
        }
        outcome.state.passages = states
        return outcome
    }

    /// The passages of a file's text: JSONL documents (with warnings for bad lines), or paragraphs.
    static func paragraphs(of text: String, path: String) -> (paragraphs: [Paragraph], warnings: [Warning]) {
        if JSONLReader.isJSONL(path) { return JSONLReader.paragraphs(text, file: path) }
        return (Paragraphs.split(text, markdown: isMarkdown(path)), [])
    }

    /// Hash of what is indexed of a paragraph: a change means it must be tagged again.
    static func passageHash(_ p: Paragraph) -> String {
        guard let title = p.title else { return FNV1a.hash(p.heading ?? "", p.text).hex }
        return FNV1a.hash(p.heading ?? "", p.text, title).hex
    }

    static func isMarkdown(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown")
    }

    /// A short id from the file and text, unique among the file's passages (and, with 48 bits of hash, in the index).
    static func newID(file: String, hash: String, known: inout Set<String>) -> String {
        var salt = 0
        while true {
            let id = String(FNV1a.hash(file, hash, String(salt)).hex.prefix(12))
            if known.insert(id).inserted { return id }
            salt += 1
        }
    }

    /// Updates the position of a passage whose text did not change, without re-tokenizing it.
    static func movePassage(_ db: WritableDatabase, records: RecordWriter, id: String, paragraph: Int, line: Int) throws {
        guard let docid = try db.postings(Schema.idPrefix + id).first else { return }
        let doc = try db.document(docid)
        var record = try records.decode(try doc.data())
        record.paragraph = paragraph
        record.line = line
        try doc.setData(try records.encode(record))
        try db.replace(docid: docid, with: doc)
    }
}

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

    struct Result: Sendable {
        var counts = IndexSummary()
        var states: [String: FileState] = [:]
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
                                                  dictionary: dictionary)
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
                        let read = try CorpusReader.read(file)
                        read.warnings.forEach(shared.warn)
                        text = read.text
                    } catch {
                        shared.warn(error)
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

/// A value behind a lock, shared between threads.
final class LockedState<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = Lock()

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
