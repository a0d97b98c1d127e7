import CXapian

/// An immutable Xapian query tree. Not `Sendable` (Xapian's reference counts are not atomic).
public final class Query {
    let handle: OpaquePointer

    /// How subqueries combine.
    public enum Operator: Int32, Sendable {
        case and = 0, or = 1, andNot = 2, xor = 3, andMaybe = 4, filter = 5, near = 6, phrase = 7
        case synonym = 13, max = 14
    }

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        cx_query_free(handle)
    }

    /// A single term, with a within-query frequency.
    public convenience init(term: String, wqf: UInt32 = 1, position: UInt32 = 0) throws(XapianError) {
        var out: OpaquePointer?
        try check { err in withBytes(term) { cx_query_term($0, $1, wqf, position, &out, err) } }
        self.init(handle: out!)
    }

    /// Subqueries combined with `op` (`window` for NEAR and PHRASE; 0 means the number of subqueries).
    public convenience init(_ op: Operator, _ subqueries: [Query], window: UInt32 = 0) throws(XapianError) {
        var out: OpaquePointer?
        let handles: [OpaquePointer?] = subqueries.map { Optional($0.handle) }
        try check { err in
            handles.withUnsafeBufferPointer { buffer in
                cx_query_combine(op.rawValue, buffer.baseAddress, buffer.count, window, &out, err)
            }
        }
        self.init(handle: out!)
        withExtendedLifetime(subqueries) {}
    }

    /// Documents whose value in `slot` lies between `lower` and `upper` (compared as bytes).
    public convenience init(valueRange slot: UInt32, _ lower: [UInt8], _ upper: [UInt8]) throws(XapianError) {
        var out: OpaquePointer?
        try check { err in
            withBytes(lower) { l, ll in withBytes(upper) { cx_query_value_range(slot, l, ll, $0, $1, &out, err) } }
        }
        self.init(handle: out!)
    }

    /// Every document.
    public static func matchAll() throws(XapianError) -> Query {
        var out: OpaquePointer?
        try check { cx_query_match_all(&out, $0) }
        return Query(handle: out!)
    }

    /// No document.
    public static func matchNothing() throws(XapianError) -> Query {
        var out: OpaquePointer?
        try check { cx_query_match_nothing(&out, $0) }
        return Query(handle: out!)
    }

    /// This query with its weights multiplied by `factor` (0 makes it a pure filter).
    public func scaled(by factor: Double) throws(XapianError) -> Query {
        var out: OpaquePointer?
        try check { cx_query_scale(handle, factor, &out, $0) }
        return Query(handle: out!)
    }

    /// `self AND other`, `self FILTER other`, … as a new query.
    public func combined(_ op: Operator, _ other: Query) throws(XapianError) -> Query {
        try Query(op, [self, other])
    }

    /// True for a query with no terms (from an empty query string).
    public var isEmpty: Bool { cx_query_is_empty(handle) != 0 }

    /// Xapian's description, e.g. `Query((panda@1 AND 2014@2))`.
    public var description: String {
        (try? stringResult { cx_query_description(handle, $0, $1, $2) }) ?? "Query(?)"
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension Query: Sendable {}
