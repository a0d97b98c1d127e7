import Foundation
import Xapian

/// What one `dossier index` run did.
public struct IndexSummary: Codable, Sendable, Equatable {
    /// Files and passages in the index after the run.
    public var files = 0
    public var passages = 0
    /// Passages touched by this run.
    public var added = 0
    public var changed = 0
    public var removed = 0
    public var unchanged = 0
    public var seconds = 0.0
}

/// Brings an index in line with a corpus folder, incrementally and atomically.
///
/// A run reads only files whose size or mtime changed (and of those, re-tags only passages whose text changed);
/// all its changes are committed in one Xapian transaction, so a run killed at any moment leaves the previous
/// state, and the next run completes the job.
public final class Indexer {
    public struct Options: Sendable {
        public var corpus: URL
        public var index: String
        /// Wait for another writer instead of failing.
        public var waitForLock = false
        /// Re-tag every passage even if nothing changed.
        public var rebuild = false

        public init(corpus: URL, index: String) {
            self.corpus = corpus
            self.index = index
        }
    }

    public let options: Options
    /// Called with each warning (one line naming the file).
    public var onWarning: (Warning) -> Void = { _ in }
    /// Called as files are processed: (done, total).
    public var onProgress: (Int, Int) -> Void = { _, _ in }

    public init(options: Options) {
        self.options = options
    }

    /// Loads the gazetteer and topic lexicon from the corpus folder (defaults when absent).
    public static func loadTagger(corpus: URL, warn: (Warning) -> Void) -> Tagger {
        var gazetteer = Gazetteer()
        var lexicon = TopicLexicon.default
        let gazetteerURL = corpus.appendingPathComponent(Gazetteer.fileName)
        if let data = FileManager.default.contents(atPath: gazetteerURL.path) {
            let text = CorpusReader.decode(Array(data), name: Gazetteer.fileName).text
            gazetteer = Gazetteer(parsing: text)
            for p in gazetteer.problems { warn(Warning(file: Gazetteer.fileName, message: "line \(p.line): \(p.message)")) }
        }
        let topicsURL = corpus.appendingPathComponent(TopicLexicon.fileName)
        if let data = FileManager.default.contents(atPath: topicsURL.path) {
            let text = CorpusReader.decode(Array(data), name: TopicLexicon.fileName).text
            lexicon = TopicLexicon(parsing: text)
            for p in lexicon.problems { warn(Warning(file: TopicLexicon.fileName, message: "line \(p.line): \(p.message)")) }
        }
        return Tagger(gazetteer: gazetteer, lexicon: lexicon)
    }

    public func run() throws -> IndexSummary {
        let started = Date()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: options.corpus.path, isDirectory: &isDir), isDir.boolValue else {
            throw DossierError(.corpus, "corpus folder not found: \(options.corpus.path)")
        }
        let tagger = Self.loadTagger(corpus: options.corpus, warn: onWarning)
        let db = try openWritable()
        do {
            let summary = try update(db, tagger: tagger, started: started)
            try db.close()
            return summary
        } catch let error as XapianError {
            throw DossierError.from(error, index: options.index)
        }
    }

    func openWritable() throws -> WritableDatabase {
        let parent = URL(fileURLWithPath: options.index).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: options.index) {
            do {
                try FileManager.default.createDirectory(atPath: options.index, withIntermediateDirectories: true)
            } catch {
                throw DossierError(.other, "cannot create index folder \(options.index) (in \(parent)): \(error.localizedDescription)")
            }
        }
        do {
            return try WritableDatabase(path: options.index, mode: .createOrOpen, waitForLock: options.waitForLock)
        } catch {
            if error.code == .opening, let contents = try? FileManager.default.contentsOfDirectory(atPath: options.index),
               !contents.contains("iamglass"), contents.contains(where: { $0 != "README.md" && !$0.hasPrefix(".") }) {
                throw DossierError(.indexDamaged, "\(options.index) is not a Dossier index (it holds other files); choose another --index folder")
            }
            throw DossierError.from(error, index: options.index)
        }
    }

    func update(_ db: WritableDatabase, tagger: Tagger, started: Date) throws -> IndexSummary {
        var summary = IndexSummary()
        let storedVersion = try db.metadata(Schema.versionKey)
        let storedTagging = try db.metadata(Schema.taggingDataKey)
        let retagAll = options.rebuild || storedVersion != Schema.version || storedTagging != tagger.dataHash
        var states = try FileState.load(from: db)
        var knownIDs = Set(states.values.flatMap { $0.passages.map(\.id) })
        var warnings: [Warning] = []
        let files = CorpusReader.scan(options.corpus, warnings: &warnings)
        warnings.forEach(onWarning)
        let builder = try DocumentBuilder(spellingInto: db)

        try db.beginTransaction()
        do {
            let present = Set(files.map(\.path))
            // Files that disappeared.
            for (path, state) in states where !present.contains(path) {
                for p in state.passages { try db.delete(uniqueTerm: Schema.idPrefix + p.id) }
                summary.removed += state.passages.count
                states[path] = nil
                try db.setMetadata(Schema.fileStatePrefix + path, "")
            }
            for (n, file) in files.enumerated() {
                onProgress(n, files.count)
                let old = states[file.path]
                if !retagAll, let old, old.size == file.size, old.mtime == file.mtime {
                    summary.unchanged += old.passages.count
                    continue
                }
                let text: String
                do {
                    let read = try CorpusReader.read(file)
                    read.warnings.forEach(onWarning)
                    text = read.text
                } catch {
                    onWarning(error)
                    summary.unchanged += old?.passages.count ?? 0
                    continue
                }
                let fileHash = FNV1a.hash(text).hex
                if !retagAll, var old, old.hash == fileHash {
                    old.size = file.size
                    old.mtime = file.mtime
                    states[file.path] = old
                    try db.setMetadata(Schema.fileStatePrefix + file.path, try old.encoded())
                    summary.unchanged += old.passages.count
                    continue
                }
                let paragraphs = Paragraphs.split(text, markdown: Self.isMarkdown(file.path))
                let hashes = paragraphs.map { FNV1a.hash($0.heading ?? "", $0.text).hex }
                let oldPassages = old?.passages ?? []
                let (outcomes, removed) = PassageMatcher.match(old: oldPassages.map(\.hash), new: hashes)
                var newStates: [FileState.PassageState] = []
                for (j, paragraph) in paragraphs.enumerated() {
                    let id: String
                    var retag = retagAll
                    switch outcomes[j] {
                    case let .unchanged(k):
                        id = oldPassages[k].id
                        if !retag, k != j {
                            try movePassage(db, id: id, paragraph: j + 1, line: paragraph.line)
                        }
                        summary.unchanged += 1
                    case let .changed(k):
                        id = oldPassages[k].id
                        retag = true
                        summary.changed += 1
                    case .added:
                        id = Self.newID(file: file.path, hash: hashes[j], known: &knownIDs)
                        retag = true
                        summary.added += 1
                    }
                    if retag {
                        let tags = tagger.tag(paragraph.text, heading: paragraph.heading)
                        let record = PassageRecord(id: id, file: file.path, paragraph: j + 1, source: paragraph, tags: tags, hash: hashes[j])
                        let doc = try builder.document(for: record, extraText: paragraph.heading)
                        try db.replace(uniqueTerm: Schema.idPrefix + id, with: doc)
                    }
                    newStates.append(.init(id: id, hash: hashes[j]))
                }
                for k in removed {
                    try db.delete(uniqueTerm: Schema.idPrefix + oldPassages[k].id)
                    summary.removed += 1
                }
                let state = FileState(size: file.size, mtime: file.mtime, hash: fileHash, passages: newStates)
                states[file.path] = state
                try db.setMetadata(Schema.fileStatePrefix + file.path, try state.encoded())
            }
            onProgress(files.count, files.count)
            let storedGazetteer = try db.metadata(Schema.gazetteerKey)
            if retagAll || storedGazetteer != tagger.gazetteer.source {
                try storeGazetteer(db, tagger.gazetteer)
            }
            try db.setMetadata(Schema.statsKey, Staleness.encode(states))
            try db.setMetadata(Schema.versionKey, Schema.version)
            try db.setMetadata(Schema.taggingDataKey, tagger.dataHash)
            try db.setMetadata(Schema.corpusKey, options.corpus.standardizedFileURL.path)
            try db.commitTransaction()
        } catch {
            try? db.cancelTransaction()
            throw error
        }
        summary.files = states.count
        summary.passages = try db.documentCount()
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Updates the position of a passage whose text did not change, without re-tokenizing it.
    func movePassage(_ db: WritableDatabase, id: String, paragraph: Int, line: Int) throws {
        guard let docid = try db.postings(Schema.idPrefix + id).first else { return }
        let doc = try db.document(docid)
        var record = try PassageRecord.decode(try doc.data())
        record.paragraph = paragraph
        record.line = line
        try doc.setData(Array(record.encoded()))
        try doc.setValue(Schema.paragraphSlot, sortableSerialise(Double(paragraph)))
        try db.replace(docid: docid, with: doc)
    }

    /// Stores the gazetteer (for alias resolution at search time) and its aliases as synonyms of the entity term.
    func storeGazetteer(_ db: WritableDatabase, _ gazetteer: Gazetteer) throws {
        let old = Gazetteer(parsing: try db.metadata(Schema.gazetteerKey))
        for (alias, _) in old.aliasKeys { try db.clearSynonyms(alias) }
        for (alias, entity) in gazetteer.aliasKeys {
            try db.addSynonym(alias, Schema.termSafe(Schema.entityPrefix + entity.key))
        }
        try db.setMetadata(Schema.gazetteerKey, gazetteer.source)
    }

    static func isMarkdown(_ path: String) -> Bool {
        path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown")
    }

    /// A short id from the file and text, unique in the index.
    static func newID(file: String, hash: String, known: inout Set<String>) -> String {
        var salt = 0
        while true {
            let id = String(FNV1a.hash(file, hash, String(salt)).hex.prefix(12))
            if known.insert(id).inserted { return id }
            salt += 1
        }
    }
}
