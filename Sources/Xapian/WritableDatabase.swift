import CXapian
import Glibc

/// A Xapian database opened for writing: holds the database's write lock until it is closed or freed.
///
/// Changes become visible and durable only through `commit()` or `commitTransaction()`. Xapian's destructor
/// would commit pending changes and swallow any error, so callers commit explicitly; an open transaction is
/// cancelled when the object is freed.
public final class WritableDatabase: Database {
    /// How to open the database.
    public enum Mode: Int32, Sendable {
        case createOrOpen = 1
        case createOrOverwrite = 2
        case create = 3
        case open = 4
    }

    /// A change to documents or metadata, as given to `onChange`. Documents are in Xapian's serialisation.
    public enum Change: Sendable, Equatable {
        case add(document: [UInt8])
        case replace(uniqueTerm: String, document: [UInt8])
        case replaceDocid(UInt32, document: [UInt8])
        case delete(uniqueTerm: String)
        case deleteDocid(UInt32)
        case metadata(key: String, value: String)
    }

    /// Called with each change to documents and metadata made through this object (a journal can replay
    /// them); spelling and synonym changes are not reported. Documents are serialised only when it is set.
    public var onChange: ((Change) -> Void)?

    /// Applies a change reported by `onChange` (to this or another database).
    public func apply(_ change: Change) throws(XapianError) {
        switch change {
        case let .add(bytes): try add(try Document(serialised: bytes))
        case let .replace(term, bytes): try replace(uniqueTerm: term, with: try Document(serialised: bytes))
        case let .replaceDocid(docid, bytes): try replace(docid: docid, with: try Document(serialised: bytes))
        case let .delete(term): try delete(uniqueTerm: term)
        case let .deleteDocid(docid): try delete(docid: docid)
        case let .metadata(key, value): try setMetadata(key, value)
        }
    }

    /// Opens (or creates) the database at `path`. With `waitForLock`, waits for another writer to finish
    /// instead of throwing `.locked`. With `sync: false`, commits are not flushed to the disk (`fsync`): only for
    /// a scratch database that a crash makes the caller rebuild anyway.
    public init(path: String, mode: Mode = .createOrOpen, waitForLock: Bool = false, sync: Bool = true) throws(XapianError) {
        var out: OpaquePointer?
        let flags = mode.rawValue | (waitForLock ? Int32(CX_DB_RETRY_LOCK) : 0) | (sync ? 0 : Int32(CX_DB_NO_SYNC))
        try check { err in withBytes(path) { cx_db_open_writable($0, $1, flags, &out, err) } }
        super.init(handle: out!)
    }

    /// How long opening waits for another writer's lock (Xapian's, on the database's folder).
    public enum LockWait: Sendable, Equatable {
        /// Fails at once with `.locked`.
        case none
        /// Waits for as long as the other writer holds it.
        case forever
        /// Tries again every few milliseconds for up to this many seconds, then fails with `.locked`.
        case upTo(seconds: Double)
    }

    /// Opens (or creates) the database at `path`, waiting for another writer's lock as `lockWait` says.
    public static func open(path: String, mode: Mode = .createOrOpen, lockWait: LockWait) throws(XapianError) -> WritableDatabase {
        guard case let .upTo(seconds) = lockWait else {
            return try WritableDatabase(path: path, mode: mode, waitForLock: lockWait == .forever)
        }
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
        var pause: UInt32 = 5_000
        while true {
            do {
                return try WritableDatabase(path: path, mode: mode, waitForLock: false)
            } catch where error.code == .locked {
                if clock.now >= end { throw error }
                usleep(pause)
                pause = min(pause * 2, 200_000)
            }
        }
    }

    /// Adds a document, returning its id.
    @discardableResult
    public func add(_ document: Document) throws(XapianError) -> UInt32 {
        var id: UInt32 = 0
        try check { cx_db_add_document(handle, document.handle, &id, $0) }
        if let onChange { onChange(.add(document: try document.serialised())) }
        return id
    }

    /// Replaces the document indexed by the unique `term` (adding it if there is none). `document` must
    /// contain `term` itself, or every replace would add a new document.
    @discardableResult
    public func replace(uniqueTerm term: String, with document: Document) throws(XapianError) -> UInt32 {
        var id: UInt32 = 0
        try check { err in withBytes(term) { cx_db_replace_document_by_term(handle, $0, $1, document.handle, &id, err) } }
        if let onChange { onChange(.replace(uniqueTerm: term, document: try document.serialised())) }
        return id
    }

    /// Replaces (or sets) the document with id `docid`.
    public func replace(docid: UInt32, with document: Document) throws(XapianError) {
        try check { cx_db_replace_document(handle, docid, document.handle, $0) }
        if let onChange { onChange(.replaceDocid(docid, document: try document.serialised())) }
    }

    /// Deletes every document indexed by `term`.
    public func delete(uniqueTerm term: String) throws(XapianError) {
        try check { err in withBytes(term) { cx_db_delete_document_by_term(handle, $0, $1, err) } }
        onChange?(.delete(uniqueTerm: term))
    }

    /// Deletes the document with id `docid`.
    public func delete(docid: UInt32) throws(XapianError) {
        try check { cx_db_delete_document(handle, docid, $0) }
        onChange?(.deleteDocid(docid))
    }

    /// Stores `value` under `key` ("" deletes it).
    public func setMetadata(_ key: String, _ value: String) throws(XapianError) {
        try check { err in
            withBytes(key) { k, kl in withBytes(value) { v, vl in cx_db_set_metadata(handle, k, kl, v, vl, err) } }
        }
        onChange?(.metadata(key: key, value: value))
    }

    /// Adds `word` to the spelling data.
    public func addSpelling(_ word: String, frequency: UInt32 = 1) throws(XapianError) {
        try check { err in withBytes(word) { cx_db_add_spelling(handle, $0, $1, frequency, err) } }
    }

    /// Adds `synonym` as a synonym of `term` (a term, or several words joined by spaces).
    public func addSynonym(_ term: String, _ synonym: String) throws(XapianError) {
        try check { err in
            withBytes(term) { t, tl in withBytes(synonym) { s, sl in cx_db_add_synonym(handle, t, tl, s, sl, err) } }
        }
    }

    /// Removes every synonym of `term`.
    public func clearSynonyms(_ term: String) throws(XapianError) {
        try check { err in withBytes(term) { cx_db_clear_synonyms(handle, $0, $1, err) } }
    }

    /// Makes every change so far durable and visible to new readers, atomically.
    public func commit() throws(XapianError) {
        try check { cx_db_commit(handle, $0) }
    }

    /// From now on, notes the id of every document added, replaced or deleted through this object (by term:
    /// every document the term indexed), for `takeChangedDocids`.
    public func trackChangedDocids() throws(XapianError) {
        try check { cx_db_track_docids(handle, 1, $0) }
    }

    /// The ids noted since `trackChangedDocids` or the last call (in no order, repeats possible); clears them.
    public func takeChangedDocids() throws(XapianError) -> [UInt32] {
        try docidsResult { cx_db_take_touched_docids(handle, $0, $1, $2) }
    }

    /// Starts a transaction: nothing is written until `commitTransaction()`; `cancelTransaction()` drops it.
    /// With `flushed` (the default), committing the transaction also commits to disk.
    public func beginTransaction(flushed: Bool = true) throws(XapianError) {
        try check { cx_db_begin_transaction(handle, flushed ? 1 : 0, $0) }
    }

    public func commitTransaction() throws(XapianError) {
        try check { cx_db_commit_transaction(handle, $0) }
    }

    public func cancelTransaction() throws(XapianError) {
        try check { cx_db_cancel_transaction(handle, $0) }
    }

    /// Runs `body` in a transaction: committed if it returns, cancelled if it throws.
    public func inTransaction<R>(flushed: Bool = true, _ body: () throws -> R) throws -> R {
        try beginTransaction(flushed: flushed)
        do {
            let result = try body()
            try commitTransaction()
            return result
        } catch {
            try? cancelTransaction()
            throw error
        }
    }
}
