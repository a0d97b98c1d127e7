import CXapian

/// A Xapian document: data, terms (with wdf and positions), boolean terms and values.
/// Owns its shim handle; not `Sendable`.
public final class Document {
    let handle: OpaquePointer

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// A new empty document.
    public init() throws(XapianError) {
        var out: OpaquePointer?
        try check { cx_document_new(&out, $0) }
        handle = out!
    }

    deinit {
        cx_document_free(handle)
    }

    /// The document's stored data (opaque to Xapian).
    /// A document from bytes written by `serialised()`.
    public init(serialised bytes: [UInt8]) throws(XapianError) {
        var out: OpaquePointer?
        try check { err in withBytes(bytes) { cx_document_unserialise($0, $1, &out, err) } }
        handle = out!
    }

    /// The whole document (terms, positions, values, data) in Xapian's serialisation.
    public func serialised() throws(XapianError) -> [UInt8] {
        try bytesResult { cx_document_serialise(handle, $0, $1, $2) }
    }

    public func data() throws(XapianError) -> [UInt8] {
        try bytesResult { cx_document_get_data(handle, $0, $1, $2) }
    }

    public func setData(_ data: [UInt8]) throws(XapianError) {
        try check { err in withBytes(data) { cx_document_set_data(handle, $0, $1, err) } }
    }

    public func setData(_ data: String) throws(XapianError) {
        try check { err in withBytes(data) { cx_document_set_data(handle, $0, $1, err) } }
    }

    /// Adds a term with a within-document frequency increment.
    public func addTerm(_ term: String, wdf: UInt32 = 1) throws(XapianError) {
        try check { err in withBytes(term) { cx_document_add_term(handle, $0, $1, wdf, err) } }
    }

    /// Adds a term that only filters (wdf 0, no effect on length or ranking).
    public func addBooleanTerm(_ term: String) throws(XapianError) {
        try check { err in withBytes(term) { cx_document_add_boolean_term(handle, $0, $1, err) } }
    }

    /// Adds an occurrence of `term` at `position` (for phrase and NEAR searches).
    public func addPosting(_ term: String, position: UInt32, wdf: UInt32 = 1) throws(XapianError) {
        try check { err in withBytes(term) { cx_document_add_posting(handle, $0, $1, position, wdf, err) } }
    }

    /// Sets value slot `slot` (binary-safe).
    public func setValue(_ slot: UInt32, _ value: [UInt8]) throws(XapianError) {
        try check { err in withBytes(value) { cx_document_add_value(handle, slot, $0, $1, err) } }
    }

    public func setValue(_ slot: UInt32, _ value: String) throws(XapianError) {
        try check { err in withBytes(value) { cx_document_add_value(handle, slot, $0, $1, err) } }
    }

    public func value(_ slot: UInt32) throws(XapianError) -> [UInt8] {
        try bytesResult { cx_document_get_value(handle, slot, $0, $1, $2) }
    }

    /// The document's terms with their wdf, in byte order.
    public func terms() throws(XapianError) -> [(term: String, wdf: Int)] {
        try listResult { cx_document_termlist(handle, $0, $1) }.map { (term: $0.0, wdf: Int($0.1)) }
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension Document: Sendable {}
