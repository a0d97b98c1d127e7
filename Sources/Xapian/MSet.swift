import CXapian

/// One result of a match: a plain value, safe to pass between threads.
public struct Match: Sendable, Equatable {
    /// 0-based position in the whole result list.
    public let rank: Int
    public let docid: UInt32
    public let weight: Double
    public let percent: Int
}

/// A page of results from `Enquire.mset`. Not `Sendable`.
public final class MSet {
    let handle: OpaquePointer
    private let enquire: Enquire

    init(handle: OpaquePointer, enquire: Enquire) {
        self.handle = handle
        self.enquire = enquire
    }

    deinit {
        cx_mset_free(handle)
    }

    /// Number of results in this page.
    public var count: Int { cx_mset_size(handle) }

    /// Lower bound, estimate and upper bound of the total number of matches (equal when exact).
    public func totals() throws(XapianError) -> (lower: Int, estimated: Int, upper: Int) {
        var lower: UInt32 = 0, estimated: UInt32 = 0, upper: UInt32 = 0
        try check { cx_mset_counts(handle, &lower, &estimated, &upper, $0) }
        return (Int(lower), Int(estimated), Int(upper))
    }

    /// The result at `index` of this page.
    public func match(_ index: Int) throws(XapianError) -> Match {
        var docid: UInt32 = 0, rank: UInt32 = 0, weight = 0.0, percent: Int32 = 0
        try check { cx_mset_item(handle, index, &docid, &rank, &weight, &percent, $0) }
        return Match(rank: Int(rank), docid: docid, weight: weight, percent: Int(percent))
    }

    /// Every result of this page.
    public func matches() throws(XapianError) -> [Match] {
        var result: [Match] = []
        result.reserveCapacity(count)
        for i in 0..<count { result.append(try match(i)) }
        return result
    }

    /// The document of the result at `index`.
    public func document(_ index: Int) throws(XapianError) -> Document {
        var out: OpaquePointer?
        try check { cx_mset_document(handle, index, &out, $0) }
        return Document(handle: out!)
    }

    /// Term frequency of `term` as seen by this match (across every shard).
    public func termFrequency(_ term: String) throws(XapianError) -> Int {
        var n: UInt32 = 0
        try check { err in withBytes(term) { cx_mset_termfreq(handle, $0, $1, &n, err) } }
        return Int(n)
    }

    /// Xapian's snippet of `text`: about `length` bytes around the query's terms, highlighted with the markers.
    /// `language` must be the stemmer used for indexing, or stemmed words are not highlighted.
    public func snippet(
        of text: String, length: Int = 200, language: String = "english",
        highlight: (start: String, end: String) = ("<b>", "</b>"), omit: String = "..."
    ) throws(XapianError) -> String {
        try stringResult { out, len, err in
            withBytes(text) { t, tl in
                withBytes(language) { l, ll in
                    withBytes(highlight.start) { hs, hsl in
                        withBytes(highlight.end) { he, hel in
                            withBytes(omit) { o, ol in
                                cx_mset_snippet(handle, t, tl, length, l, ll, hs, hsl, he, hel, o, ol, 0, out, len, err)
                            }
                        }
                    }
                }
            }
        }
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension MSet: Sendable {}

/// What `Enquire.msetCounting` gives: the page, and every match counted on other threads.
public struct CountedMSet {
    /// The page of best matches (no exact count).
    public let page: MSet
    /// The exact number of matches.
    public let matches: Int
    /// Every key of the slot counted over every match, with its count (empty without a slot).
    public let counts: [KeyCount]
    /// The counts came from the shards' facet columns (`FacetColumn`) rather than the value slot.
    public let fromColumns: Bool
    /// The matches were found from the term postings alone, without Xapian's matcher.
    public let fromPostings: Bool
}
