import CXapian

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

    /// Opens (or creates) the database at `path`. With `waitForLock`, waits for another writer to finish
    /// instead of throwing `.locked`.
    public init(path: String, mode: Mode = .createOrOpen, waitForLock: Bool = false) throws(XapianError) {
        var out: OpaquePointer?
        let flags = mode.rawValue | (waitForLock ? Int32(CX_DB_RETRY_LOCK) : 0)
        try check { err in withBytes(path) { cx_db_open_writable($0, $1, flags, &out, err) } }
        super.init(handle: out!)
    }

    /// Adds a document, returning its id.
    @discardableResult
    public func add(_ document: Document) throws(XapianError) -> UInt32 {
        var id: UInt32 = 0
        try check { cx_db_add_document(handle, document.handle, &id, $0) }
        return id
    }

    /// Replaces the document indexed by the unique `term` (adding it if there is none). `document` must
    /// contain `term` itself, or every replace would add a new document.
    @discardableResult
    public func replace(uniqueTerm term: String, with document: Document) throws(XapianError) -> UInt32 {
        var id: UInt32 = 0
        try check { err in withBytes(term) { cx_db_replace_document_by_term(handle, $0, $1, document.handle, &id, err) } }
        return id
    }

    /// Replaces (or sets) the document with id `docid`.
    public func replace(docid: UInt32, with document: Document) throws(XapianError) {
        try check { cx_db_replace_document(handle, docid, document.handle, $0) }
    }

    /// Deletes every document indexed by `term`.
    public func delete(uniqueTerm term: String) throws(XapianError) {
        try check { err in withBytes(term) { cx_db_delete_document_by_term(handle, $0, $1, err) } }
    }

    /// Deletes the document with id `docid`.
    public func delete(docid: UInt32) throws(XapianError) {
        try check { cx_db_delete_document(handle, docid, $0) }
    }

    /// Stores `value` under `key` ("" deletes it).
    public func setMetadata(_ key: String, _ value: String) throws(XapianError) {
        try check { err in
            withBytes(key) { k, kl in withBytes(value) { v, vl in cx_db_set_metadata(handle, k, kl, v, vl, err) } }
        }
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
