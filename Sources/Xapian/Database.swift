import CXapian

/// A Xapian database opened for reading: one local database, a remote one, or several shards searched as one.
///
/// One `Database` owns one shim handle and frees it in `deinit`. Xapian objects are not thread-safe,
/// so a `Database` is not `Sendable`: use it from one task at a time, or open one per thread.
public class Database {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Opens the database at `path` for reading.
    public convenience init(path: String) throws(XapianError) {
        var out: OpaquePointer?
        try check { err in withBytes(path) { cx_db_open($0, $1, &out, err) } }
        self.init(handle: out!)
    }

    /// Opens a database served by Xapian's `xapian-tcpsrv` at host:port.
    public convenience init(remoteHost host: String, port: UInt16, timeoutMilliseconds: UInt32 = 0) throws(XapianError) {
        var out: OpaquePointer?
        try check { err in withBytes(host) { cx_db_open_remote($0, $1, UInt32(port), timeoutMilliseconds, &out, err) } }
        self.init(handle: out!)
    }

    /// Opens several databases (shards) as one: searches see one ranking with merged statistics.
    /// The shards' handles stay owned by their own objects.
    public convenience init(shards: [Database]) throws(XapianError) {
        guard !shards.isEmpty else {
            throw XapianError(code: .invalidArgument, type: "InvalidArgumentError", message: "no shards given")
        }
        var out: OpaquePointer?
        try check { cx_db_new_combined(&out, $0) }
        self.init(handle: out!)
        for shard in shards {
            try check { cx_db_add_database(handle, shard.handle, $0) }
        }
    }

    deinit {
        cx_db_free(handle)
    }

    /// The shards searched as this database, each as a database of its own (sharing this one's handles:
    /// reopening this database reopens them): one for a single database, several for a stub file or combined
    /// shards, local or remote. Each has its own metadata, where the combined database reads the first shard's.
    public func shards() throws(XapianError) -> [Database] {
        var count = 0
        try check { cx_db_shard_count(handle, &count, $0) }
        var shards: [Database] = []
        for i in 0..<count {
            var out: OpaquePointer?
            try check { cx_db_shard(handle, i, &out, $0) }
            shards.append(Database(handle: out!))
        }
        return shards
    }

    /// Closes the database (and every handle sharing it): later use throws `.closed`.
    public func close() throws(XapianError) {
        try check { cx_db_close(handle, $0) }
    }

    /// Moves to the latest committed revision. Returns true if anything changed.
    @discardableResult
    public func reopen() throws(XapianError) -> Bool {
        var changed: Int32 = 0
        try check { cx_db_reopen(handle, &changed, $0) }
        return changed != 0
    }

    /// The revision of a single database: its number of commits (an error for several shards).
    public func revision() throws(XapianError) -> UInt64 {
        var out: UInt64 = 0
        try check { cx_db_get_revision(handle, &out, $0) }
        return out
    }

    /// Number of documents.
    public func documentCount() throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { cx_db_doccount(handle, &n, $0) }
        return Int(n)
    }

    /// The highest document id in use.
    public func lastDocumentID() throws(XapianError) -> UInt32 {
        var n: UInt32 = 0
        try check { cx_db_lastdocid(handle, &n, $0) }
        return n
    }

    /// Average document length in terms.
    public func averageLength() throws(XapianError) -> Double {
        var n = 0.0
        try check { cx_db_avlength(handle, &n, $0) }
        return n
    }

    /// Number of documents indexed by `term`.
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in withBytes(term) { cx_db_termfreq(handle, $0, $1, &n, err) } }
        return Int(n)
    }

    /// Total occurrences of `term` in the collection.
    public func collectionFrequency(_ term: String) throws(XapianError) -> UInt64 {
        var n: UInt64 = 0
        try check { err in withBytes(term) { cx_db_collection_freq(handle, $0, $1, &n, err) } }
        return n
    }

    public func termExists(_ term: String) throws(XapianError) -> Bool {
        var exists: Int32 = 0
        try check { err in withBytes(term) { cx_db_term_exists(handle, $0, $1, &exists, err) } }
        return exists != 0
    }

    /// The stored document with id `docid` (throws `.notFound` if there is none).
    public func document(_ docid: UInt32) throws(XapianError) -> Document {
        var out: OpaquePointer?
        try check { cx_db_get_document(handle, docid, &out, $0) }
        return Document(handle: out!)
    }

    /// Ids of the documents indexed by `term`, ascending.
    public func postings(_ term: String) throws(XapianError) -> [UInt32] {
        try docidsResult { ids, count, err in withBytes(term) { cx_db_postlist(handle, $0, $1, ids, count, err) } }
    }

    /// Every term beginning with `prefix`, with its term frequency, in byte order.
    public func allTerms(prefix: String = "") throws(XapianError) -> [(term: String, frequency: Int)] {
        try listResult { out, err in withBytes(prefix) { cx_db_allterms(handle, $0, $1, out, err) } }
            .map { (term: $0.0, frequency: Int($0.1)) }
    }

    /// The terms of document `docid` with their wdf.
    public func termList(_ docid: UInt32) throws(XapianError) -> [(term: String, wdf: Int)] {
        try listResult { cx_db_termlist(handle, docid, $0, $1) }.map { (term: $0.0, wdf: Int($0.1)) }
    }

    /// The metadata value stored under `key` ("" if none).
    public func metadata(_ key: String) throws(XapianError) -> String {
        try stringResult { out, len, err in withBytes(key) { cx_db_get_metadata(handle, $0, $1, out, len, err) } }
    }

    /// Metadata keys beginning with `prefix`.
    public func metadataKeys(prefix: String = "") throws(XapianError) -> [String] {
        try listResult { out, err in withBytes(prefix) { cx_db_metadata_keys(handle, $0, $1, out, err) } }.map(\.0)
    }

    /// The spelling data's best correction for `word`, or nil.
    public func spellingSuggestion(_ word: String, maxEditDistance: UInt32 = 2) throws(XapianError) -> String? {
        let s = try stringResult { out, len, err in
            withBytes(word) { cx_db_spelling_suggestion(handle, $0, $1, maxEditDistance, out, len, err) }
        }
        return s.isEmpty ? nil : s
    }

    /// How often the spelling data has seen `word` (0: never).
    public func spellingFrequency(_ word: String) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in withBytes(word) { cx_db_spelling_frequency(handle, $0, $1, &n, err) } }
        return Int(n)
    }

    /// The words of the spelling data with their frequencies, in byte order.
    public func spellings() throws(XapianError) -> [(word: String, frequency: Int)] {
        try listResult { cx_db_spellings(handle, $0, $1) }.map { (word: $0.0, frequency: Int($0.1)) }
    }

    /// Synonyms stored for `term`.
    public func synonyms(of term: String) throws(XapianError) -> [String] {
        try listResult { out, err in withBytes(term) { cx_db_synonyms(handle, $0, $1, out, err) } }.map(\.0)
    }

    /// Writes a compacted copy of this database (all its shards merged) to `destination`.
    public func compact(to destination: String, multipass: Bool = false) throws(XapianError) {
        try check { err in withBytes(destination) { cx_db_compact(handle, $0, $1, multipass ? 1 : 0, err) } }
    }

    /// Runs Xapian's consistency check on the database at `path`. Returns the number of errors and the report.
    public static func consistencyCheck(path: String) throws(XapianError) -> (errors: Int, report: String) {
        var errors: UInt64 = 0
        let report = try stringResult { out, len, err in
            withBytes(path) { cx_db_check($0, $1, &errors, out, len, err) }
        }
        return (Int(errors), report)
    }

    /// Xapian's version, e.g. "1.4.22".
    public static var xapianVersion: String { String(cString: cx_version_string()) }

    /// Live shim handles of every kind (for leak tests).
    public static var liveHandles: Int { cx_live_handles() }

    /// Handles created minus freed on this thread (for leak tests that run beside others).
    public static var liveHandlesOnThisThread: Int { cx_live_handles_this_thread() }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe; open one per task")
extension Database: Sendable {}
