import CXapian

/// Runs a query against a database: Xapian's `Enquire`, with its weighting, sorting, collapsing and match spies.
/// Not `Sendable`.
public final class Enquire {
    let handle: OpaquePointer
    private let database: Database  // kept alive as long as the enquire

    /// How results are ordered.
    public enum Sort: Sendable, Equatable {
        case relevance
        /// By the bytes of a value slot, ascending unless `reverse`; ties broken by relevance.
        case value(slot: UInt32, reverse: Bool)
    }

    public init(_ database: Database) throws(XapianError) {
        var out: OpaquePointer?
        try check { cx_enquire_new(database.handle, &out, $0) }
        handle = out!
        self.database = database
    }

    deinit {
        cx_enquire_free(handle)
    }

    public func setQuery(_ query: Query) throws(XapianError) {
        try check { cx_enquire_set_query(handle, query.handle, $0) }
    }

    /// BM25 weighting (Xapian's defaults: k1 1, k2 0, k3 1, b 0.5, min_normlen 0.5).
    public func setBM25(k1: Double = 1, k2: Double = 0, k3: Double = 1, b: Double = 0.5, minNormLength: Double = 0.5) throws(XapianError) {
        try check { cx_enquire_set_bm25(handle, k1, k2, k3, b, minNormLength, $0) }
    }

    /// Every match weighs the same (pure filtering; fastest).
    public func setBooleanWeighting() throws(XapianError) {
        try check { cx_enquire_set_bool_weight(handle, $0) }
    }

    public func setSort(_ sort: Sort) throws(XapianError) {
        switch sort {
        case .relevance:
            try check { cx_enquire_set_sort(handle, -1, 0, 0, $0) }
        case let .value(slot, reverse):
            try check { cx_enquire_set_sort(handle, Int32(slot), reverse ? 1 : 0, 1, $0) }
        }
    }

    /// Keeps at most `max` results per distinct value of `slot` (nil: no collapsing).
    public func setCollapseKey(_ slot: UInt32?, max: UInt32 = 1) throws(XapianError) {
        try check { cx_enquire_set_collapse_key(handle, slot.map { Int32($0) } ?? -1, max, $0) }
    }

    /// Counts the values of `slot` over every document the match examines.
    public func addValueCountSpy(slot: UInt32) throws(XapianError) -> MatchSpy {
        var out: OpaquePointer?
        try check { cx_enquire_add_value_spy(handle, slot, &out, $0) }
        return MatchSpy(handle: out!, owner: self)
    }

    /// Counts the keys of `slot` (see `KeyList`), each once per matching document; read with
    /// `MatchSpy.keyCounts`. Local databases only (the stock `xapian-tcpsrv` knows only Xapian's own spies: over
    /// remote shards, `addValueCountSpy` on the same slot gives the same facets).
    public func addFacetSpy(slot: UInt32) throws(XapianError) -> MatchSpy {
        var out: OpaquePointer?
        try check { cx_enquire_add_facet_spy(handle, slot, &out, $0) }
        return MatchSpy(handle: out!, owner: self)
    }

    /// Counts every term starting with `prefix` over every document the match examines: facets over
    /// multi-valued fields (years, entities). Counts are the values without the prefix.
    public func addTermCountSpy(prefix: String) throws(XapianError) -> MatchSpy {
        var out: OpaquePointer?
        try check { err in withBytes(prefix) { cx_enquire_add_term_spy(handle, $0, $1, &out, err) } }
        return MatchSpy(handle: out!, owner: self)
    }

    /// Runs the match: results `first ..< first + maxItems`. `checkAtLeast` documents are examined at least
    /// (use the document count for exact totals and facet counts).
    public func mset(first: Int = 0, maxItems: Int = 10, checkAtLeast: Int = 0) throws(XapianError) -> MSet {
        var out: OpaquePointer?
        try check { cx_enquire_get_mset(handle, UInt32(clamping: first), UInt32(clamping: maxItems), UInt32(clamping: checkAtLeast), &out, $0) }
        return MSet(handle: out!, enquire: self)
    }

    /// An upper bound on the number of documents the query matches, from its terms' frequencies (no match is run):
    /// an AND matches no more than its rarest part, an OR no more than its parts together; a value range or a
    /// wildcard may match every document.
    public func matchesUpperBound() throws(XapianError) -> Int {
        var bound: UInt64 = 0
        try check { cx_enquire_matches_upper_bound(handle, &bound, $0) }
        return Int(bound)
    }

    /// The page of best matches (no exact count) and, meanwhile on `threads` other threads (0: on the calling thread
    /// after the page, with this enquire's own handles; the columns of `paths` are read when they are its shards),
    /// the exact number of matches and the count of every key of `slot` over every match (see `KeyList`; none
    /// without a slot). The threads count disjoint docid ranges of the local databases at `paths`, which must be this
    /// enquire's database: each opens its own handles, so this object's handles stay on the calling thread.
    /// When every path is a shard with a fresh `FacetColumn`, facets are read from the columns (`fromColumns`);
    /// a query made only of terms and boolean operators is counted from the term postings, without Xapian's
    /// matcher (`fromPostings`).
    public func msetCounting(first: Int, maxItems: Int, paths: [String], slot: UInt32?, threads: Int) throws(XapianError) -> CountedMSet {
        // every path's bytes in one buffer, kept alive for the call
        let joined = Array(paths.joined().utf8) + [0]
        let lengths = paths.map { $0.utf8.count }
        var result = cx_counting_result()
        try check { err in
            joined.withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { chars in
                    var pointers: [UnsafePointer<CChar>?] = []
                    var offset = 0
                    for length in lengths {
                        pointers.append(chars.baseAddress! + offset)
                        offset += length
                    }
                    return pointers.withUnsafeBufferPointer { paths in
                        lengths.withUnsafeBufferPointer { pathLengths in
                            var request = cx_counting_request(
                                first: UInt32(clamping: first), maxitems: UInt32(clamping: maxItems),
                                paths: paths.baseAddress, path_lengths: pathLengths.baseAddress, npaths: paths.count,
                                slot: slot ?? CX_NO_SLOT, threads: UInt32(max(0, threads)))
                            return cx_enquire_get_mset_counting(handle, &request, &result, err)
                        }
                    }
                }
            }
        }
        let counts = takeKeyCounts(result.keys, result.counts, result.nkeys)
        return CountedMSet(page: MSet(handle: result.page!, enquire: self), matches: Int(result.matches), counts: counts,
                           fromColumns: result.how & CX_COUNTED_FROM_COLUMNS != 0, fromPostings: result.how & CX_COUNTED_FROM_POSTINGS != 0)
    }

    /// Xapian's schemes for weighting expansion terms.
    public enum ExpansionScheme: String, Sendable {
        /// Robertson's probabilistic term selection value (Xapian's default).
        case trad
        /// Bose-Einstein, from the Divergence From Randomness framework.
        case bo1
    }

    /// Terms that best describe the documents `relevant` (pseudo-relevance feedback), best first, excluding the
    /// query's own terms; with `prefix`, only terms that start with it (e.g. `Z` for stemmed words). Weighted
    /// with Xapian's expansion formulas from the relevant documents' term lists and the whole database's exact
    /// statistics, so that one index, local shards and remote shards give the same terms.
    public func expand(relevant: [UInt32], maxTerms: Int, prefix: String = "",
                       scheme: ExpansionScheme = .trad) throws(XapianError) -> [(term: String, weight: Double)] {
        var list: OpaquePointer?
        var weights: UnsafeMutablePointer<Double>?
        try check { err in
            relevant.withUnsafeBufferPointer { ids in
                withBytes(prefix) { p, plen in
                    cx_enquire_expand(handle, ids.baseAddress, ids.count, UInt32(clamping: maxTerms), p, plen,
                                      scheme.rawValue, &list, &weights, err)
                }
            }
        }
        defer { cx_free(weights) }
        let terms = takeList(list)
        return terms.enumerated().map { (term: $0.element.0, weight: weights?[$0.offset] ?? 0) }
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension Enquire: Sendable {}

/// Counts gathered during a match (facets). Owned by its `Enquire`, which this object keeps alive.
public final class MatchSpy {
    let handle: OpaquePointer
    private let owner: Enquire

    init(handle: OpaquePointer, owner: Enquire) {
        self.handle = handle
        self.owner = owner
    }

    /// (value, count) pairs after a match, most frequent first.
    public func counts() throws(XapianError) -> [(value: String, count: Int)] {
        try listResult { cx_spy_values(handle, $0, $1) }.map { (value: $0.0, count: Int($0.1)) }
    }

    /// Every key counted by a facet spy, or by a value spy over a slot of key lists (see `KeyList`), with its
    /// count, in no particular order.
    public func keyCounts() throws(XapianError) -> [KeyCount] {
        var keys: UnsafeMutablePointer<UInt64>?
        var counts: UnsafeMutablePointer<UInt32>?
        var n = 0
        try check { cx_spy_key_counts(handle, &keys, &counts, &n, $0) }
        return takeKeyCounts(keys, counts, n)
    }

    /// How many documents the spy saw.
    public func documentsSeen() throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { cx_spy_documents_seen(handle, &n, $0) }
        return Int(n)
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension MatchSpy: Sendable {}

/// A key and the number of documents counted with it.
public struct KeyCount: Sendable, Equatable {
    public let key: UInt64
    public let count: Int
    public init(key: UInt64, count: Int) { (self.key, self.count) = (key, count) }
}

/// A value slot holding a list of integer keys, each a varint (LEB128), which the shim counts (`addFacetSpy`,
/// `msetCounting`, facet columns) without knowing what they mean. Counting small integers instead of strings is
/// what makes exact facets over a million passages cheap.
public enum KeyList {
    /// The slot value of `keys`.
    public static func encode(_ keys: [UInt64]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(keys.count * 2)
        for key in keys {
            var v = key
            while v >= 0x80 {
                out.append(UInt8(v & 0x7F) | 0x80)
                v >>= 7
            }
            out.append(UInt8(v))
        }
        return out
    }
}

/// The shim's malloc'd arrays of keys and counts, as `KeyCount`s; frees them.
func takeKeyCounts(_ keys: UnsafeMutablePointer<UInt64>?, _ counts: UnsafeMutablePointer<UInt32>?, _ n: Int) -> [KeyCount] {
    defer {
        cx_free(keys)
        cx_free(counts)
    }
    guard let keys, let counts else { return [] }
    return (0..<n).map { KeyCount(key: keys[$0], count: Int(counts[$0])) }
}
