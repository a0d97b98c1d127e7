#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
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
    /// Shards of the index, and whether this run rebuilt them all (else it updated them in place).
    public var shards = 1
    public var fullBuild = false

    /// Adds the passage counts of one file, or of one shard's build.
    mutating func add(_ o: some PassageCounts) {
        added += o.added
        changed += o.changed
        removed += o.removed
        unchanged += o.unchanged
    }
}

/// Passages added, changed, removed and left unchanged: by one file, one shard or one run.
protocol PassageCounts {
    var added: Int { get }
    var changed: Int { get }
    var removed: Int { get }
    var unchanged: Int { get }
}

extension IndexSummary: PassageCounts {}

/// Brings an index in line with a corpus folder (or one `.jsonl` file), incrementally and safely.
///
/// Two ways, chosen per run:
/// - **Update** (few changed files): reads only files whose size or mtime changed, re-tags only passages whose
///   text changed, and commits each shard in one Xapian transaction. A run killed at any moment leaves every
///   file either as it was or as it is now, and the next run completes the job.
/// - **Full build** (a new index, `--rebuild`, new tagging data or layout, a different shard count, or many
///   changed files): tags and indexes the files on every core, one shard per thread, into a new generation of
///   shards beside the current one, then switches to it by renaming the stub file (atomic). Until then readers
///   see the previous index; a killed build leaves only a folder that the next run deletes.
///
/// One writer at a time: `IndexLock`.
public final class Indexer {
    public struct Options: Sendable {
        public var corpus: URL
        public var index: String
        /// Wait for another writer instead of failing.
        public var waitForLock = false
        /// Without `waitForLock`, how many seconds a run waits for a shard that a program outside Dossier holds
        /// open for writing before it fails (see `shardLockWait`).
        public var shardLockPatience = 10.0
        /// Re-tag every passage even if nothing changed.
        public var rebuild = false
        /// Shards of a full build; nil keeps the current count (for a new index, see `defaultShards`).
        public var shards: Int?
        /// When changed files add up to more than this many bytes, a full build (parallel) is faster than an update.
        public var updateLimitBytes: Int64 = 16 << 20
        /// Shards of at least this many passages get a facet column (see `FacetColumn`). Below, counting facets
        /// from the values costs a few milliseconds at most, and a column would add ~1.5% to the index. The
        /// torture scripts set `DOSSIER_FACET_COLUMNS_FROM=0` to give their small indexes columns.
        /// Reads web pages, Word, OpenDocument and PDF files (`DocumentReader`); without it they are warned about
        /// and keep their passages.
        public var documents: DocumentReader?
        /// How many times a title's words count in its passage's text (`Schema.titleWeight`). An index of JSONL
        /// files (the only ones with titles) written with another weight is built again in full.
        public var titleWeight = Schema.titleWeight
        public var facetColumnsFrom = ProcessInfo.processInfo.environment["DOSSIER_FACET_COLUMNS_FROM"].flatMap { Int($0) }
            ?? Indexer.facetColumnsFrom

        public init(corpus: URL, index: String) {
            self.corpus = corpus
            self.index = index
        }
    }

    /// Shards of a new index: one for a corpus under `singleShardBytes` (every update is then one atomic
    /// transaction, and a build takes seconds anyway); else one per core (at most 8), so that full builds use
    /// every core.
    public static func defaultShards(corpusBytes: Int64) -> Int {
        corpusBytes < singleShardBytes ? 1 : max(1, min(Cores.available, 8))
    }
    public static let singleShardBytes: Int64 = 16 << 20

    /// How opening a shard for writing waits for Xapian's lock on it. The run holds the index's own lock
    /// (`IndexLock`, taken first, which fails at once or waits as `waitForLock` says), so no other Dossier writer
    /// holds a shard; but a program outside Dossier may (a script with a Xapian `WritableDatabase` open on it), and
    /// a child process another thread of this run is starting (a converter such as pdftotext) shares the lock's
    /// file for an instant, until it runs its program. So: with `waitForLock` as long as it takes; else a few
    /// seconds (`shardLockPatience`), then one line saying the index is being updated by another process.
    var shardLockWait: WritableDatabase.LockWait {
        options.waitForLock ? .forever : .upTo(seconds: options.shardLockPatience)
    }

    public let options: Options
    /// Called with each warning (one line naming the file).
    public var onWarning: (Warning) -> Void = { _ in }
    /// Called as files are processed: (done, total).
    public var onProgress: (Int, Int) -> Void = { _, _ in }

    public init(options: Options) {
        self.options = options
    }

    /// Loads the tagging data: the built-in data, with the corpus folder's files added (the gazetteer, the topic
    /// lexicon, the folders' languages), each bad line of them warned about.
    public static func loadTagger(corpus: URL, warn: (Warning) -> Void) -> Tagger {
        /// The corpus folder's file `name` parsed by `parse`, or nil when there is none.
        func load<T>(_ name: String, _ parse: (String) -> T, problems: (T) -> [(line: Int, message: String)]) -> T? {
            guard let bytes = CorpusReader.readAll(corpus.appendingPathComponent(name).path) else { return nil }
            let parsed = parse(CorpusReader.decode(bytes, name: name).text)
            for p in problems(parsed) { warn(Warning(file: name, message: "line \(p.line): \(p.message)")) }
            return parsed
        }
        return Tagger(
            gazetteer: load(Gazetteer.fileName, Gazetteer.init(parsing:), problems: \.problems) ?? Gazetteer(),
            lexicon: load(TopicLexicon.fileName, TopicLexicon.withUserFile, problems: \.problems) ?? .builtIn,
            folderLanguages: load(FolderLanguages.fileName, FolderLanguages.init(parsing:), problems: \.problems) ?? FolderLanguages())
    }

    public func run() throws -> IndexSummary {
        let started = Date()
        let isDir = FilePaths.isDirectory(options.corpus.path)
        let exists = isDir != nil
        guard exists, isDir == true || JSONLReader.isJSONL(options.corpus.path) else {
            throw DossierError(.corpus, exists ? "corpus must be a folder or a .jsonl file: \(options.corpus.path)"
                                               : "corpus folder not found: \(options.corpus.path)")
        }
        if let n = options.shards, !(1...256).contains(n) {
            throw DossierError(.usage, "--shards must be between 1 and 256")
        }
        // a JSONL corpus takes its tagging data from the folder it is in
        let tagFolder = isDir == true ? options.corpus : options.corpus.deletingLastPathComponent()
        let tagger = Self.loadTagger(corpus: tagFolder, warn: onWarning)
        try prepareFolder()
        let lock = try IndexLock(folder: options.index, wait: options.waitForLock)
        defer { lock.release() }
        // an update killed between the commits of its shards is completed first
        try UpdateJournal.recover(folder: options.index, lockWait: shardLockWait)

        var warnings: [Warning] = []
        let files = CorpusReader.scan(options.corpus, warnings: &warnings)
        warnings.forEach(onWarning)
        let layout = IndexLayout(folder: options.index)
        var summary: IndexSummary
        do {
            switch try plan(layout, tagger: tagger, files: files) {
            case let .full(old):
                summary = try fullBuild(layout, tagger: tagger, files: files, old: old)
            case let .update(shards, stats):
                summary = try update(shards, tagger: tagger, files: files, stats: stats)
            }
        } catch let error as XapianError {
            throw DossierError.from(error, index: options.index)
        }
        refreshFacetColumns(layout)
        summary.seconds = Date().timeIntervalSince(started)
        return summary
    }

    /// Creates the index folder; refuses a folder that holds something other than a Dossier index.
    func prepareFolder() throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: options.index) {
            do {
                try fm.createDirectory(atPath: options.index, withIntermediateDirectories: true)
            } catch {
                let parent = URL(fileURLWithPath: options.index).deletingLastPathComponent().path
                throw DossierError(.other, "cannot create index folder \(options.index) (in \(parent)): \(FilePaths.describe(error))")
            }
            return
        }
        let contents = (try? fm.contentsOfDirectory(atPath: options.index)) ?? []
        let ours = contents.contains(IndexLayout.stubName) || contents.contains("iamglass")
        let foreign = contents.contains {
            $0 != "README.md" && $0 != IndexLayout.manifestName && !$0.hasPrefix(".") && !$0.hasPrefix(IndexLayout.shardPrefix)
        }
        if !ours && foreign {
            throw DossierError(.indexDamaged, "\(options.index) is not a Dossier index (it holds other files); choose another --index folder")
        }
    }

    // MARK: Planning

    enum Plan {
        /// Rebuild everything; `old` are the current shard paths (to keep passage ids), if any.
        case full(old: [String])
        /// Update these shards in place; `stats` is what the index knows of every file.
        case update(shards: [String], stats: [String: FileStat])
    }

    func plan(_ layout: IndexLayout, tagger: Tagger, files: [CorpusFile]) throws -> Plan {
        let old = layout.current()?.shards ?? (layout.isSingleDatabase ? [options.index] : [])
        guard let first = old.first, !options.rebuild, !layout.isSingleDatabase,
              options.shards == nil || options.shards == old.count else { return .full(old: old) }
        let db = try Database(path: first)
        guard try db.metadata(Schema.versionKey) == Schema.version,
              try db.metadata(Schema.taggingDataKey) == tagger.dataHash,
              try db.metadata(Schema.folderLanguagesKey) == tagger.folderLanguages.hash,
              // titles come from JSONL files only: the weight matters to an index of such files
              Int(try db.metadata(Schema.titleWeightKey)) ?? 1 == options.titleWeight || !files.contains(where: { JSONLReader.isJSONL($0.path) })
        else { return .full(old: old) }
        let stats = FileStat.parse(try db.metadata(Schema.statsKey))
        try db.close()
        var changedBytes: Int64 = 0
        for file in files {
            if let s = stats[file.path], s.size == file.size, s.mtime == file.mtime { continue }
            changedBytes += file.size
        }
        return changedBytes > options.updateLimitBytes ? .full(old: old) : .update(shards: old, stats: stats)
    }

    // MARK: Full build

    func fullBuild(_ layout: IndexLayout, tagger: Tagger, files: [CorpusFile], old: [String]) throws -> IndexSummary {
        let corpusBytes = files.reduce(Int64(0)) { $0 + $1.size }
        let count = options.shards ?? (old.isEmpty || layout.isSingleDatabase ? Self.defaultShards(corpusBytes: corpusBytes) : old.count)
        // passage ids survive a rebuild: read the current per-file states
        // (a damaged shard gives none: `--rebuild` must work on a damaged index; its passages get new ids)
        var oldStates: [String: FileState] = [:]
        for path in old {
            guard let db = try? Database(path: path), let states = try? FileState.load(from: db) else { continue }
            oldStates.merge(states) { a, _ in a }
            try? db.close()
        }
        let generation = (layout.current()?.generation ?? 0) + 1
        let paths = layout.shardPaths(generation: generation, count: count)
        // built in `<shard>.build`, then compacted into `<shard>`
        let building = paths.map { $0 + ".build" }
        func cleanUp() {
            for path in paths + building { try? FileManager.default.removeItem(atPath: path) }
        }
        cleanUp()
        var buckets = [[CorpusFile]](repeating: [], count: count)
        for file in files { buckets[IndexLayout.shard(of: file.path, count: count)].append(file) }

        let shared = ShardBuild.Shared()
        let facetKeys = FacetKeys()
        let facetDictionary = UUID().uuidString
        let dictionary = RecordDictionary.sample(files, tagger: tagger)
        let jobs = (0..<count).map { k in
            ShardBuild(path: building[k], index: options.index, files: buckets[k],
                       oldStates: buckets[k].reduce(into: [:]) { $0[$1.path] = oldStates[$1.path] }, tagger: tagger,
                       facetKeys: facetKeys, dictionary: dictionary, shared: shared, documents: options.documents,
                       titleWeight: options.titleWeight)
        }
        let done = Self.startThreads(count) { jobs[$0].run() }
        var finished = 0
        while finished < count {
            if done.wait(timeout: .now() + .milliseconds(100)) == .success { finished += 1 }
            let (filesDone, warnings) = shared.take()
            warnings.forEach(onWarning)
            onProgress(filesDone, files.count)
        }
        let results = shared.results()
        if let failure = results.compactMap(\.error).first {
            cleanUp()
            throw failure
        }
        var summary = IndexSummary()
        var states: [String: FileState] = [:]
        var unread: [String: FileStat] = [:]
        for r in results {
            summary.add(r.counts)
            states.merge(r.states) { a, _ in a }
            unread.merge(r.unread) { a, _ in a }
        }
        let present = Set(files.map(\.path))
        for (path, state) in oldStates where !present.contains(path) {
            summary.removed += state.passages.count
        }
        // what every shard knows of the whole index, then the switch
        do {
            for (k, path) in building.enumerated() {
                // waits for Xapian's lock (see `shardLockWait`): the shard was closed by its build thread just now
                let db = try WritableDatabase.open(path: path, mode: .open, lockWait: shardLockWait)
                try writeGlobalMetadata(db, states: states, unread: unread, tagger: tagger)
                try storeGazetteer(db, tagger)
                try facetKeys.write(to: db, writersMap: k == 0)
                try db.setMetadata(Schema.facetDictionaryKey, facetDictionary)
                try dictionary?.store(in: db)
                try db.commit()
                summary.passages += try db.documentCount()
                try db.close()
            }
            // compaction: a quarter smaller, and fast (about 1 s per 100,000 passages); one thread per shard
            let failures = LockedState([DossierError]())
            let folder = options.index
            let columnsFrom = options.facetColumnsFrom
            Self.inParallel(count) { k in
                if let failure = Self.compact(building[k], into: paths[k], index: folder) {
                    failures.withLock { $0.append(failure) }
                } else if Self.wantsFacetColumn(paths[k], from: columnsFrom) {
                    // a column the build cannot write is written again at the end of the run, or warned about
                    try? FacetColumn.write(shard: paths[k], slot: Schema.facetsSlot)
                }
            }
            if let failure = failures.withLock({ $0.first }) { throw failure }
            for path in building { try? FileManager.default.removeItem(atPath: path) }
            try layout.writeManifest(generation: generation, count: count, lockWait: shardLockWait)
            try layout.switchTo(generation: generation, count: count)
        } catch {
            cleanUp()
            throw error
        }
        layout.removeAll(except: generation)
        summary.files = states.count
        summary.shards = count
        summary.fullBuild = true
        return summary
    }

    /// Writes a compacted copy of the shard at `source` to `destination`; the error, if any.
    static func compact(_ source: String, into destination: String, index: String) -> DossierError? {
        do {
            let db = try Database(path: source)
            try db.compact(to: destination)
            try db.close()
            return nil
        } catch {
            return DossierError.from(error, index: index)
        }
    }

    /// Starts `body(k)` for k in 0..<count, each on its own thread; the semaphore is signalled once per body done.
    static func startThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        for k in 0..<count {
            Threads.start(stackSize: 8 << 20) {
                body(k)
                done.signal()
            }
        }
        return done
    }

    /// Runs `body(k)` for k in 0..<count on one thread per core at most, and waits for all of them.
    static func onEveryCore(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let next = LockedState(0)
        inParallel(min(count, Cores.available)) { _ in
            while true {
                let k = next.withLock { n in defer { n += 1 }; return n }
                guard k < count else { return }
                body(k)
            }
        }
    }

    /// Runs `body(0..<count)` on `count` threads and waits for all of them.
    static func inParallel(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let done = startThreads(count, body)
        for _ in 0..<count { done.wait() }
    }

    // MARK: Update

    func update(_ paths: [String], tagger: Tagger, files: [CorpusFile], stats: [String: FileStat]) throws -> IndexSummary {
        var summary = IndexSummary()
        var shards: [WritableDatabase] = []
        var builders: [DocumentBuilder] = []
        // the facet dictionary's writer's half (name to key) is in the first shard
        let facetKeys = FacetKeys()
        for path in paths {
            let db = try WritableDatabase.open(path: path, mode: .open, lockWait: shardLockWait)
            try db.trackChangedDocids()
            shards.append(db)
            builders.append(try DocumentBuilder(spellingInto: db, facetKeys: facetKeys, stored: shards[0],
                                                dictionary: RecordDictionary.stored(in: shards[0]), titleWeight: options.titleWeight))
        }
        func shard(_ path: String) -> Int { IndexLayout.shard(of: path, count: shards.count) }
        var states: [String: FileState] = [:]
        func state(_ path: String) throws -> FileState? {
            if let s = states[path] { return s }
            let s = try FileState.load(path, from: shards[shard(path)])
            states[path] = s
            return s
        }
        /// A JSONL `_id` already used by a passage of another file.
        func idTaken(_ id: String) throws -> Bool {
            for db in shards where try db.termExists(Schema.idPrefix + id) { return true }
            return false
        }
        var current: [String: FileStat] = stats
        // Several shards do not commit as one: their changes are journaled first (see UpdateJournal).
        let journaled = shards.count > 1
        var journal = UpdateJournal(shards: paths.map { URL(fileURLWithPath: $0).lastPathComponent })
        if journaled {
            for (k, db) in shards.enumerated() { db.onChange = { journal.changes[k].append($0) } }
        }
        var committed = 0
        // each shard's facet column is brought up to date from its column at this revision and the changed documents
        let baseRevisions = try shards.map { try $0.revision() }

        for db in shards { try db.beginTransaction() }
        do {
            let present = Set(files.map(\.path))
            for path in stats.keys.sorted() where !present.contains(path) {
                let db = shards[shard(path)]
                if let old = try state(path) {
                    for p in old.passages { try db.delete(uniqueTerm: Schema.idPrefix + p.id) }
                    summary.removed += old.passages.count
                }
                try db.setMetadata(Schema.fileStatePrefix + path, "")
                current[path] = nil
            }
            for (n, file) in files.enumerated() {
                onProgress(n, files.count)
                if let s = stats[file.path], s.size == file.size, s.mtime == file.mtime {
                    summary.unchanged += s.passages
                    continue
                }
                let k = shard(file.path)
                let old = try state(file.path)
                let text: String
                do {
                    let read = try CorpusReader.read(file, documents: options.documents)
                    read.warnings.forEach(onWarning)
                    text = read.text
                } catch {
                    // its passages (if any) are kept until it changes again: a save half done reads later
                    onWarning(error)
                    summary.unchanged += old?.passages.count ?? 0
                    current[file.path] = FileStat(size: file.size, mtime: file.mtime, passages: old?.passages.count ?? 0)
                    continue
                }
                let outcome = try FileIndexing(file: file, text: text, old: old, retagAll: false, fresh: false,
                                               tagger: tagger, warn: onWarning, idTaken: idTaken)
                    .run(into: shards[k], builder: builders[k])
                summary.add(outcome)
                try shards[k].setMetadata(Schema.fileStatePrefix + file.path, try outcome.state.encoded())
                current[file.path] = FileStat(size: file.size, mtime: file.mtime, passages: outcome.state.passages.count)
            }
            onProgress(files.count, files.count)
            let statsText = FileStat.encode(current)
            for (k, db) in shards.enumerated() {
                try db.setMetadata(Schema.statsKey, statsText)
                try db.setMetadata(Schema.corpusKey, options.corpus.standardizedFileURL.path)
                try facetKeys.write(to: db, writersMap: k == 0)
            }
            // readers wait while the shards commit (see CommitBarrier)
            let barrier = journaled ? CommitBarrier.committing(folder: options.index) : -1
            defer { CommitBarrier.release([barrier]) }
            if journaled { try journal.write(folder: options.index) }
            Self.faultInjection(afterShardCommits: 0)
            // shard 0 last: its stats decide what the next run thinks is indexed
            for db in shards.reversed() {
                try db.commitTransaction()
                committed += 1
                Self.faultInjection(afterShardCommits: committed)
            }
            if journaled { UpdateJournal.remove(folder: options.index) }
        } catch {
            for db in shards { try? db.cancelTransaction() }
            // Some shards committed: the journal stays, and the next command completes the update from it.
            if journaled && committed == 0 { UpdateJournal.remove(folder: options.index) }
            throw error
        }
        for db in shards { db.onChange = nil }
        for db in shards {
            summary.passages += try db.documentCount()
        }
        updateFacetColumns(paths, baseRevisions: baseRevisions, changed: try shards.map { try $0.takeChangedDocids() })
        builders.removeAll()  // a term generator with spelling holds its database's lock
        for db in shards { try db.close() }
        summary.files = current.count
        summary.shards = shards.count
        return summary
    }

    /// For the crash and concurrency tests only: with `DOSSIER_FAULT_EXIT_AFTER_SHARD_COMMITS=N`, an update dies
    /// (as if killed) right after committing its Nth shard; with `DOSSIER_FAULT_PAUSE_BETWEEN_SHARD_COMMITS_MS=M`,
    /// it waits M ms after each shard commit (widening the window in which readers could see a mix).
    static func faultInjection(afterShardCommits n: Int) {
        let environment = ProcessInfo.processInfo.environment
        if let limit = environment["DOSSIER_FAULT_EXIT_AFTER_SHARD_COMMITS"], Int(limit) == n {
            _exit(137)
        }
        if n > 0, let pause = environment["DOSSIER_FAULT_PAUSE_BETWEEN_SHARD_COMMITS_MS"].flatMap({ Int($0) }) {
            usleep(UInt32(max(0, min(pause, 10_000))) * 1000)
        }
    }

    // MARK: Metadata

    /// Files that could not be read are in the stats too (no passages): until they change, a run does not read
    /// them again, and a search does not call the corpus changed.
    func writeGlobalMetadata(_ db: WritableDatabase, states: [String: FileState], unread: [String: FileStat], tagger: Tagger) throws {
        try db.setMetadata(Schema.statsKey, FileStat.encode(states.mapValues {
            FileStat(size: $0.size, mtime: $0.mtime, passages: $0.passages.count)
        }.merging(unread) { read, _ in read }))
        try db.setMetadata(Schema.versionKey, Schema.version)
        try db.setMetadata(Schema.taggingDataKey, tagger.dataHash)
        try db.setMetadata(Schema.folderLanguagesKey, tagger.folderLanguages.hash)
        try db.setMetadata(Schema.titleWeightKey, String(options.titleWeight))
        try db.setMetadata(Schema.corpusKey, options.corpus.standardizedFileURL.path)
    }

    /// Stores the user's gazetteer (for alias resolution at search time: the built-in one is compiled in) and every
    /// alias and demonym of the merged gazetteer as a synonym of the entity term.
    func storeGazetteer(_ db: WritableDatabase, _ tagger: Tagger) throws {
        try tagger.entityTagger.gazetteer.storeSynonyms(in: db)
        try db.setMetadata(Schema.gazetteerKey, tagger.gazetteer.source)
    }
}
