#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// Answers searches, facet listings, timelines and look-ups over a Dossier index (one folder, a stub file, or
/// several shards searched as one). Holds Xapian handles: not `Sendable`, one per task.
public final class Searcher {
    public let paths: [String]
    /// The local Dossier index folders among `paths`: where an interrupted update's journal and the commit
    /// barrier live.
    let indexFolders: [String]
    let database: Database
    /// The shards grouped by facet dictionary: several when indexes built separately are searched as one.
    let groups: ShardGroups
    /// The user's gazetteer stored in the index, read from its metadata the first time a search resolves a name (an
    /// entity field or filter): a plain search never reads or parses it. The built-in gazetteer is not parsed for a
    /// name either: `Gazetteer.resolveBuiltin` scans its text for that one name.
    private(set) lazy var gazetteer = Self.usersGazetteer(database)
    /// The languages of the index's passages (ISO 639-1 codes; English first, and alone for an index without
    /// them): those a query is parsed for (`parse`).
    var languages: [String] { languagePassages.map(\.language) }
    /// Each language of the index with its number of passages.
    private(set) lazy var languagePassages: [(language: String, passages: Int)] = {
        let found = ((try? database.allTerms(prefix: Schema.languagePrefix)) ?? []).map {
            (language: String($0.term.dropFirst(Schema.languagePrefix.count)), passages: $0.frequency)
        }
        return found.isEmpty ? [("en", 0)] : found.sorted { ($0.language == "en" ? 0 : 1, $0.language) < ($1.language == "en" ? 0 : 1, $1.language) }
    }()
    /// The database the query parser expands synonyms and wildcards from. Xapian's remote backend serves no
    /// synonyms, so with remote shards the gazetteer's synonyms (from metadata, which it does serve) come from
    /// a small local database of no documents (`SynonymCache`): the same query as on a local index.
    let parserDatabase: Database
    /// BM25 parameters used for ranking.
    public var ranking = Ranking.default
    /// True when every shard is on this machine: matches and facets are then counted by the shim (`counting`, or
    /// its facet spy), which the stock `xapian-tcpsrv` does not know.
    let isLocal: Bool
    /// Decodes passage records (each index's own compression dictionary).
    let records: RecordReader

    /// The shards each of `indexFolders` named when it was opened (`hasChanged`).
    let openedShards: [[String]]

    /// Opens the index (or indexes, searched as one) at `paths`.
    public init(paths given: [String]) throws {
        // an index given twice (by the same path or another way to it) is searched once
        var seen = Set<String>()
        let paths = given.filter { seen.insert(Self.isRemote($0) ? $0 : FilePaths.canonical($0)).inserted }
        self.paths = paths
        indexFolders = IndexLayout.indexFolders(of: paths)
        openedShards = Self.currentShards(of: indexFolders)
        // an update killed between the commits of its shards is completed before searching
        for folder in indexFolders { UpdateJournal.recoverIfNeeded(folder: folder) }
        do {
            let barrier = CommitBarrier.reading(indexFolders)
            defer { CommitBarrier.release(barrier) }
            if paths.count == 1 {
                database = try Self.open(paths[0])
            } else {
                var opened: [Database] = []
                for path in paths {
                    do {
                        opened.append(try Self.open(path))
                    } catch {
                        throw DossierError.from(error, index: path)  // the one that fails, by name
                    }
                }
                database = try Database(shards: opened)
            }
        } catch let error as XapianError {
            throw DossierError.from(error, index: paths.joined(separator: ", "))
        }
        isLocal = !paths.contains(where: Self.isRemote)
        do {
            groups = try ShardGroups(database, name: "the index at \(paths.joined(separator: ", "))")
        } catch let error as XapianError {
            throw DossierError.from(error, index: paths.joined(separator: ", "))
        }
        records = RecordReader(databases: groups.firstShards)
        if isLocal {
            parserDatabase = database
        } else {
            // without a writable temporary folder, remote searches go on without the aliases
            let gazetteer = Self.storedGazetteer(database)
            parserDatabase = (try? Database(shards: [database, try SynonymCache.database(for: gazetteer)])) ?? database
        }
    }

    /// The user's gazetteer file as the index stores it (empty when it has none).
    static func usersGazetteer(_ database: Database) -> Gazetteer {
        Gazetteer(parsing: (try? database.metadata(Schema.gazetteerKey)) ?? "")
    }

    /// The gazetteer the index was tagged with: the built-in one under the user's file stored in the index.
    static func storedGazetteer(_ database: Database) -> Gazetteer { Gazetteer.withBuiltin(usersGazetteer(database)) }

    /// Opens a local folder or stub file, or `tcp://HOST:PORT` (a shard served by xapian-tcpsrv).
    static func open(_ path: String) throws(XapianError) -> Database {
        if path.hasPrefix("tcp://") {
            let rest = path.dropFirst("tcp://".count)
            let parts = rest.split(separator: ":")
            guard parts.count == 2, let port = UInt16(parts[1]) else {
                throw XapianError(code: .invalidArgument, type: "InvalidArgumentError", message: "expected tcp://HOST:PORT, got \(path)")
            }
            return try Database(remoteHost: String(parts[0]), port: port, timeoutMilliseconds: 10_000)
        }
        // A full build may switch generations between reading the stub file and opening the shards it names:
        // the old shards are then gone, and the stub names the new ones. Read it again.
        var attempt = 0
        while true {
            do {
                return try Database(path: path)
            } catch {
                attempt += 1
                guard attempt < 5, error.code == .notFound || error.code == .opening,
                      FileManager.default.fileExists(atPath: path + "/" + IndexLayout.stubName) else { throw error }
                usleep(20_000)
            }
        }
    }

    /// `tcp://…`, or a stub database (file, or folder with `XAPIANDB`) with a `remote` line.
    static func isRemote(_ path: String) -> Bool {
        if path.hasPrefix("tcp://") { return true }
        guard let isDir = FilePaths.isDirectory(path) else { return false }
        let stub = isDir ? path + "/" + IndexLayout.stubName : path
        guard let data = CorpusReader.readAll(stub), data.count < 1 << 20 else { return false }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").contains { $0.hasPrefix("remote") }
    }

    /// Whether the spelling data's `correction` of `query` corrects a word the corpus does not have. Xapian suggests
    /// a correction for any word within two edits of a commoner one, and in an index of several languages that is
    /// often a word of another language ("commercial" → "commerciaux"): a word the corpus has is not misspelt.
    func corrects(_ query: String, to correction: String) -> Bool {
        let before = Tokenizer.tokenize(query).filter(\.isWord).map(\.folded)
        let after = Tokenizer.tokenize(correction).filter(\.isWord).map(\.folded)
        guard before.count == after.count else { return true }
        return zip(before, after).contains { $0 != $1 && ((try? database.spellingFrequency($0)) ?? 0) == 0 }
    }

    /// Number of passages in the index.
    public func passageCount() throws -> Int {
        try retrying { try database.documentCount() }
    }

    // MARK: Search

    public func search(_ request: SearchRequest) throws -> SearchResult {
        try retrying { try runSearch(request) }
    }

    func runSearch(_ request: SearchRequest) throws -> SearchResult {
        let parsed = try parse(request)
        let filter = try filters(request)
        var query = try combine(parsed.query, filter)
        if parsed.naturalLanguage, request.sort == .relevance {
            query = try withFeedback(parsed.query, filter: filter)
        }
        var relaxed = false
        let count = try database.documentCount()
        let wantFacets = request.wantsFacets
        var (mset, totals, tallies) = try run(query, request, count: count, facets: wantFacets)

        // Nothing had every word: match any of them.
        if totals.upper == 0, let any = parsed.anyQuery?() {
            let q = try combine(any, filter)
            let (m2, t2, f2) = try run(q, request, count: count, facets: wantFacets)
            if t2.upper > 0 {
                (mset, totals, tallies, relaxed) = (m2, t2, f2, true)
            }
        }
        let total = totals.estimated
        // Few or no hits: try the spelling data's correction, keep it only if it finds more.
        if request.correctSpelling, total < 3, let correction = parsed.correction, corrects(request.query, to: correction) {
            var r = request
            r.query = correction
            r.correctSpelling = false
            let alt = try runSearch(r)
            if alt.total > total {
                var result = alt
                result.query = request.query
                result.corrected = correction
                return result
            }
        }
        let snippetMaker = SnippetMaker(queryWords: parsed.highlightWords, languages: request.languages.isEmpty ? languages : request.languages)
        let years = request.filterYears
        var hits: [SearchHit] = []
        for i in 0..<mset.count {
            let match = try mset.match(i)
            let record = try records.decode(try mset.document(i).data(), fields: request.recordFields)
            let snippet = request.snippets ? snippetMaker.snippet(of: record, years: years) : Snippet(text: "", highlights: [])
            hits.append(SearchHit(rank: match.rank + 1, score: match.weight, record: record, snippet: snippet))
        }
        let facets = tallies?.facets(FacetNaming.Limits(request)) ?? Facets()
        return SearchResult(query: request.query, corrected: nil, total: total, totalIsExact: totals.lower == totals.upper, offset: request.offset,
                            limit: request.limit, hits: hits, facets: facets, relaxed: relaxed)
    }

    typealias Totals = (lower: Int, estimated: Int, upper: Int)

    /// Threads that count every match and its facets over a large local index while the calling thread ranks the
    /// page (0: counted after the page on the calling thread). One core fewer than the machine has: on 2 cores, a second counting
    /// thread slowed the page more than it sped the count (`trade` at 1M: 10.0 against 9.0 ms for the match,
    /// `giant panda` 33 against 28 ms; BENCHMARKS.md). Facets of shards without a facet column (under
    /// `Indexer.facetColumnsFrom` passages) come from their value slots, ~5× the work a match: they get one thread
    /// more (at 100,000 passages in 2 shards, 5.3 against 3.8 ms p50).
    public var countingThreads = defaultCountingThreads
    public static let defaultCountingThreads = max(0, min(8, Cores.available) - 1)
    /// Below this many matches (at most: `Enquire.matchesUpperBound`, from the query's term frequencies), every
    /// match is counted on the calling thread after the page: threads (and the shards they open again) would cost
    /// more than they save. At 100,000 generated passages `trade` has 7,742 matches: counted after the page, its
    /// whole process makes 708 page faults instead of 841 and took 11.6 against 13.1 ms of CPU (`perf stat`, 3 × 40
    /// runs, medians; BENCHMARKS.md).
    public var parallelFacetsFrom = 20_000
    /// True when the last search counted its matches on other threads.
    public private(set) var countedOnThreads = false
    /// Facets and totals counted by Xapian's matcher with a match spy while it ranks the page, as over remote
    /// shards: the reference the counting paths are tested against.
    var countWithTheMatch = false

    /// The page, and every match counted on `countingThreads` threads (see `Enquire.msetCounting`), or after the
    /// page on the calling thread when not `threaded`. The threads are
    /// given the shards one by one, so that they can read the shards' facet columns; a full build may switch
    /// generations (and delete the old shards) between reading the stub file and the threads opening the shards
    /// it names: then it is read again.
    func counting(_ enquire: Enquire, _ request: SearchRequest, facets: Bool, threaded: Bool) throws(XapianError) -> CountedMSet {
        var attempt = 0
        while true {
            do {
                let paths = shardPaths()
                let fromValues = facets && !paths.allSatisfy { access($0 + "/" + FacetColumn.fileName, F_OK) == 0 }
                return try enquire.msetCounting(first: request.offset, maxItems: request.limit, paths: paths,
                                                slot: facets ? Schema.facetsSlot : nil,
                                                threads: !threaded ? 0 : fromValues ? countingThreads + 1 : countingThreads)
            } catch where (error.code == .notFound || error.code == .opening) && attempt < 4 {
                attempt += 1
            }
        }
    }

    /// Background work paused while a match runs (the stale-corpus check, `startStaleCorpusCheck`).
    var heldBackWhileMatching: PauseGate?

    /// True when the last search counted its facets from the shards' facet columns (see `FacetColumn`).
    public private(set) var facetsFromColumns = false
    /// True when the last search's counting threads found its matches from the term postings alone.
    public private(set) var matchesFromPostings = false

    /// The local paths as the shards they list, in the order Xapian opens them: each folder holding a stub file
    /// as the shards the stub names now; any other path (a glass database, a stub file) as it is.
    func shardPaths() -> [String] {
        paths.flatMap { path in
            IndexLayout(folder: path).localShards() ?? [path]
        }
    }

    /// Runs the match: the page of hits (the MSet keeps its Enquire alive), the totals, and the facet counts.
    func run(_ query: Query, _ request: SearchRequest, count: Int, facets: Bool) throws -> (MSet, Totals, FacetNaming?) {
        (facetsFromColumns, matchesFromPostings, countedOnThreads) = (false, false, false)
        heldBackWhileMatching?.pause()
        defer { heldBackWhileMatching?.resume() }
        let enquire = try Enquire(database)
        try enquire.setQuery(query)
        try ranking.apply(to: enquire)
        switch request.sort {
        case .relevance: try enquire.setSort(.relevance)
        case .date: try enquire.setSort(.value(slot: Schema.dateSlot, reverse: false))
        case .dateDescending: try enquire.setSort(.value(slot: Schema.latestDateSlot, reverse: true))
        }
        if facets, !groups.databases.isEmpty {
            return try runGrouped(enquire, query, request)
        }
        if facets || request.exactTotal, isLocal, !countWithTheMatch {
            // The page needs only the best matches; every match is counted (and its facets) apart, without scores:
            // on a large index meanwhile on the other cores, each thread over its own docid range with its own
            // handles; on a small one after the page, with the page's handles.
            let threaded = try countingThreads > 0 && count >= parallelFacetsFrom && enquire.matchesUpperBound() >= parallelFacetsFrom
            let r = try counting(enquire, request, facets: facets, threaded: threaded)
            countedOnThreads = threaded
            facetsFromColumns = r.fromColumns
            matchesFromPostings = r.fromPostings
            let named = facets ? try FacetNaming(r.counts, names: database, limits: FacetNaming.Limits(request)) : nil
            return (r.page, (r.matches, r.matches, r.matches), named)
        }
        let spy = facets ? try facetSpy(on: enquire) : nil
        // Exact totals and facet counts need every match examined.
        let mset = try enquire.mset(first: request.offset, maxItems: request.limit,
                                    checkAtLeast: facets || request.exactTotal ? count : 0)
        let named = try spy.map { try FacetNaming($0.keyCounts(), names: database, limits: FacetNaming.Limits(request)) }
        return (mset, try mset.totals(), named)
    }

    /// A spy counting the facet keys of every match `enquire` examines. Over remote shards the stock spy counts
    /// whole values (lists of keys), which the shim splits.
    func facetSpy(on enquire: Enquire) throws(XapianError) -> MatchSpy {
        isLocal ? try enquire.addFacetSpy(slot: Schema.facetsSlot) : try enquire.addValueCountSpy(slot: Schema.facetsSlot)
    }

    /// The page ranked over every shard as one, and the totals and facets of indexes built separately counted
    /// index by index (see `ShardGroups`): each group's keys named from its own dictionary, then added up by name.
    func runGrouped(_ enquire: Enquire, _ query: Query, _ request: SearchRequest) throws -> (MSet, Totals, FacetNaming?) {
        let page = try enquire.mset(first: request.offset, maxItems: request.limit)
        var total = 0
        var parts: [FacetNaming] = []
        for group in groups.databases {
            let counting = try Enquire(group)
            try counting.setQuery(query)
            try counting.setBooleanWeighting()
            let spy = try facetSpy(on: counting)
            let all = try counting.mset(first: 0, maxItems: 0, checkAtLeast: try group.documentCount())
            total += try all.totals().upper
            parts.append(try FacetNaming(spy.keyCounts(), names: group, limits: nil))
        }
        return (page, (total, total, total), FacetNaming.merged(parts))
    }

    /// Pseudo-relevance feedback (RM3-style, with Xapian's expansion weights computed by the shim from the
    /// combined database's statistics, the same for every layout): the query plus the best stemmed terms of its
    /// top passages, weighted below the query's own words. Unchanged when feedback is off or nothing matches.
    static let topicWordsStem = Schema.stemPrefix + Schema.topicWordsPrefix

    func withFeedback(_ query: Query, filter: Query?) throws -> Query {
        let filtered = try combine(query, filter)
        guard ranking.feedbackTerms > 0, ranking.feedbackDocuments > 0, ranking.feedbackWeight > 0 else { return filtered }
        let enquire = try Enquire(database)
        try enquire.setQuery(filtered)
        try ranking.apply(to: enquire)
        // Equal weights are ordered by passage id, and equal expansion weights by term, not by Xapian's docids
        // and term order, so that the same passages give the same feedback however the index is sharded or
        // served (a single index, local shards, remote shards).
        let top = try enquire.mset(first: 0, maxItems: ranking.feedbackDocuments * 4)
        var candidates: [(weight: Double, id: String, docid: UInt32)] = []
        for i in 0..<top.count {
            let match = try top.match(i)
            let id = (try? records.decode(try top.document(i).data()).id) ?? ""
            candidates.append((match.weight, id, match.docid))
        }
        candidates.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.id < $1.id }
        let floor = (candidates.first?.weight ?? 0) * ranking.feedbackMinScore
        let ids = candidates.prefix(ranking.feedbackDocuments).filter { $0.weight >= floor }.map(\.docid)
        guard !ids.isEmpty else { return filtered }
        var terms = try enquire.expand(relevant: Array(ids), maxTerms: ranking.feedbackTerms * 2, prefix: "Z",
                                       scheme: ranking.expansionScheme)
        terms.removeAll { $0.term.hasPrefix(Self.topicWordsStem) }  // the tagger's words, not the passages'
        terms.sort { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
        terms = Array(terms.prefix(ranking.feedbackTerms))
        guard let best = terms.first?.weight, best > 0 else { return filtered }
        var parts: [Query] = []
        for t in terms where t.weight > 0 {
            parts.append(try Query(term: t.term).scaled(by: t.weight / best))
        }
        let expansion = try Query(.or, parts).scaled(by: ranking.feedbackWeight)
        return try combine(try Query(.or, [query, expansion]), filter)
    }

    // MARK: Facets and timeline

    /// Every value of every facet for the passages matching `request`.
    public func allFacets(_ request: SearchRequest) throws -> (total: Int, facets: Facets) {
        var r = request
        r.facetLimit = Int.max
        r.yearFacetLimit = nil
        r.entityFacetLimit = nil
        r.limit = 0
        r.offset = 0
        let result = try search(r)
        return (result.total, result.facets)
    }

    /// The dated events of the matching passages, oldest first. With entity filters, only events whose
    /// sentence names one of them; with year filters, only events in those years.
    public func timeline(_ request: SearchRequest, maxPassages: Int = 100_000) throws -> (events: [TimelineEvent], corrected: String?) {
        var r = request
        r.limit = maxPassages
        r.offset = 0
        r.facetLimit = 0
        r.sort = .relevance
        let result = try search(r)
        let wanted = Set(request.entities.flatMap { entityKeys($0) })
        let years = request.filterYears
        let bounds = request.dateBounds
        var events: [TimelineEvent] = []
        for hit in result.hits {
            let record = hit.record
            for event in record.events {
                let entities = record.entities(of: event)
                if !wanted.isEmpty && !entities.contains(where: { wanted.contains($0.key) }) { continue }
                if let (lo, hi) = bounds {
                    let span = event.date.span
                    if span.hi < lo || span.lo > hi { continue }
                } else if !years.isEmpty && !years.contains(event.date.year) { continue }
                events.append(TimelineEvent(date: event.date, id: record.id, file: record.file, paragraph: record.paragraph,
                                            sentence: record.sentence(of: event), entities: entities))
            }
        }
        events.sort {
            ($0.date.sortKey, $0.file, $0.paragraph, $0.sentence) < ($1.date.sortKey, $1.file, $1.paragraph, $1.sentence)
        }
        return (events, result.corrected)
    }

    // MARK: Look-up

    /// A passage by id, or by `FILE#N` (its N-th paragraph).
    public func passage(_ reference: String) throws -> PassageRecord? {
        try retrying {
            if let ids = try? database.postings(Schema.idPrefix + reference), let docid = ids.first {
                return try records.decode(try database.document(docid).data())
            }
            guard let hash = reference.lastIndex(of: "#"), let n = Int(reference[reference.index(after: hash)...]) else { return nil }
            let file = String(reference[..<hash])
            for docid in try database.postings(Schema.fileTerm(file)) {
                let record = try records.decode(try database.document(docid).data())
                if record.paragraph == n { return record }
            }
            return nil
        }
    }

    /// The entity a name refers to and its other names in the gazetteers; nil when neither the gazetteers know it
    /// nor any passage names it. A name the tagger found by its rules alone has the kind it was tagged with.
    public func knownEntity(_ name: String) throws -> (entity: Entity, aliases: [String])? {
        if let entity = gazetteerEntity(name) {
            return (entity, Gazetteer.aliases(of: entity, userSource: gazetteer.source))
        }
        var request = SearchRequest()
        request.entities = [name]
        let key = TextFolding.key(name)
        guard let found = try allFacets(request).facets.entity.first(where: { TextFolding.key($0.value) == key }) else { return nil }
        return (Entity(name: found.value, kind: found.kind.flatMap(EntityKind.init(rawValue:)) ?? .person), [])
    }

    /// The entity a name refers to: the gazetteers' (`gazetteerEntity`), else the name itself as a person's.
    public func resolveEntity(_ name: String) -> Entity {
        gazetteerEntity(name) ?? Entity(name: name, kind: .person)
    }

    /// The entity a name refers to in the user's gazetteer, then the built-in one; nil when neither knows it.
    func gazetteerEntity(_ name: String) -> Entity? {
        gazetteer.resolve(name) ?? Gazetteer.resolveBuiltin(name)
    }

    /// The entities (their keys) a name given to a filter stands for: the one the gazetteers resolve it to, when
    /// the index holds it. Else, as the tagger resolves a surname after the full name within a file, the people of
    /// the index whose name begins or ends with it ("Putin": Vladimir Putin; "Xi": Xi Jinping; "President Putin":
    /// by its last word); all of them when several people share it. The name itself when nothing matches.
    public func entityKeys(_ name: String) -> [String] {
        let key = resolveEntity(name).key
        let indexed = { (key: String) in Schema.entityTerms(key).contains { ((try? self.database.termFrequency($0)) ?? 0) > 0 } }
        guard !key.isEmpty, !indexed(key) else { return [key] }
        var candidates = [key]
        if let space = key.lastIndex(of: " ") { candidates.append(String(key[key.index(after: space)...])) }
        for words in candidates {
            let people = personKeys.filter { $0.hasSuffix(" " + words) || $0.hasPrefix(words + " ") }
            if !people.isEmpty { return people }
        }
        return [key]
    }

    /// The keys of every person the index names (read once, when a name must be resolved by its surname).
    private(set) lazy var personKeys: [String] = {
        let prefix = Schema.entityPrefix(for: .person)
        return ((try? database.allTerms(prefix: prefix)) ?? []).map { String($0.term.dropFirst(prefix.count)) }
    }()

    /// Whether the index changed since this searcher opened it or last asked: a writer committed (an update), or
    /// a full build switched an index folder to a new generation of shards. A long-lived reader (`dossier serve`)
    /// then opens a new `Searcher`, so that its facet dictionaries and record dictionaries are the new ones too.
    public func hasChanged() -> Bool {
        Self.currentShards(of: indexFolders) != openedShards || reopen()
    }

    /// The shards each index folder's stub file names now.
    static func currentShards(of folders: [String]) -> [[String]] {
        folders.map { IndexLayout(folder: $0).current()?.shards ?? [] }
    }

    /// Moves the database to the latest committed revision (with no commit half-done across shards): whether it
    /// changed (true too when it cannot tell).
    @discardableResult
    func reopen() -> Bool {
        let barrier = CommitBarrier.reading(indexFolders)
        defer { CommitBarrier.release(barrier) }
        return (try? database.reopen()) ?? true
    }

    // MARK: Retrying

    /// Runs `body`, reopening the database and retrying when a writer committed meanwhile.
    func retrying<R>(_ body: () throws -> R) throws -> R {
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as XapianError where error.code == .modified && attempt < 5 {
                attempt += 1
                reopen()
            } catch let error as XapianError {
                throw DossierError.from(error, index: paths.joined(separator: ", "))
            }
        }
    }
}
