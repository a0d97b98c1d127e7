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
        // A text file's passages are tagged together: a surname alone resolves to the full name found elsewhere in
        // the file. So when a text file changed, every passage is tagged again, and an unchanged one is written
        // again when its entities or events came out differently (a JSONL line is a document of its own).
        let fileTags = JSONLReader.isJSONL(file.path) ? nil : tagger.tagFile(paragraphs)
        let language = tagger.folderLanguages.language(of: file.path)
        var known = Set(oldPassages.map(\.id))
        var states: [FileState.PassageState] = []
        states.reserveCapacity(paragraphs.count)
        for (j, paragraph) in paragraphs.enumerated() {
            let id: String
            var retag = retagAll || fresh
            switch outcomes[j] {
            case let .unchanged(k):
                id = oldPassages[k].id
                if !retag, let tags = fileTags?[j] {
                    // a text file: its passage as stored, written again if its names came out differently, or moved
                    // if its place in the file did (a heading or a blank line added or removed above it)
                    if let (docid, stored) = try Self.stored(db, records: builder.records, id: id) {
                        retag = Self.namesChanged(stored, paragraph: j + 1, source: paragraph, tags: tags, hash: hashes[j])
                        if !retag, stored.paragraph != j + 1 || stored.line != paragraph.line || stored.page != paragraph.page {
                            try Self.movePassage(db, records: builder.records, docid: docid, record: stored, to: j + 1, paragraph)
                        }
                    } else {
                        retag = true
                    }
                } else if !retag, k != j, let (docid, stored) = try Self.stored(db, records: builder.records, id: id) {
                    // a JSONL document: its line moves with its rank
                    try Self.movePassage(db, records: builder.records, docid: docid, record: stored, to: j + 1, paragraph)
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
                var tags = fileTags?[j] ?? tagger.tag(paragraph.text, section: paragraph.section)
                if let language { tags.language = language }
                let record = PassageRecord(id: id, file: file.path, paragraph: j + 1, source: paragraph, tags: tags, hash: hashes[j])
                let doc = try builder.document(for: record, extraText: paragraph.section)
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
        return (Paragraphs.split(text, format: DocumentReader.isDocument(path) ? .html : isMarkdown(path) ? .markdown : .plain), [])
    }

    /// Hash of what is indexed of a paragraph: a change means it must be tagged again.
    static func passageHash(_ p: Paragraph) -> String {
        if let page = p.page { return FNV1a.hash(p.section ?? "", p.text, "p. \(page)").hex }  // moved to another page
        guard let title = p.title else { return FNV1a.hash(p.section ?? "", p.text).hex }
        return FNV1a.hash(p.section ?? "", p.text, title).hex
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

    /// A passage as stored (its Xapian document id and record), nil when the index does not hold it.
    static func stored(_ db: WritableDatabase, records: RecordWriter, id: String) throws -> (UInt32, PassageRecord)? {
        guard let docid = try db.postings(Schema.idPrefix + id).first else { return nil }
        return (docid, try records.decode(try db.document(docid).data()))
    }

    /// Whether an unchanged passage's stored entities or events differ from those of its new tags (names resolved
    /// across its file): then it is written again.
    static func namesChanged(_ stored: PassageRecord, paragraph: Int, source: Paragraph, tags: Tags, hash: String) -> Bool {
        let fresh = PassageRecord(id: stored.id, file: stored.file, paragraph: paragraph, source: source, tags: tags, hash: hash)
        return stored.entities != fresh.entities || stored.events != fresh.events
    }

    /// Updates the place of a passage whose text did not change (its paragraph number, line and page), without
    /// re-tokenizing it.
    static func movePassage(_ db: WritableDatabase, records: RecordWriter, docid: UInt32, record: PassageRecord, to paragraph: Int,
                            _ source: Paragraph) throws {
        let doc = try db.document(docid)
        var record = record
        record.paragraph = paragraph
        record.line = source.line
        record.page = source.page
        try doc.setData(try records.encode(record))
        try db.replace(docid: docid, with: doc)
    }
}
