import CXapian

/// Turns text into terms of a document: Xapian's `TermGenerator`. Not `Sendable`.
public final class TermGenerator {
    let handle: OpaquePointer

    public init() throws(XapianError) {
        var out: OpaquePointer?
        try check { cx_termgen_new(&out, $0) }
        handle = out!
    }

    deinit {
        cx_termgen_free(handle)
    }

    /// Snowball language name ("english"), or "none".
    public func setStemmer(_ language: String) throws(XapianError) {
        try check { err in withBytes(language) { cx_termgen_set_stemmer(handle, $0, $1, err) } }
    }

    public func setStemmingStrategy(_ strategy: StemmingStrategy) throws(XapianError) {
        try check { cx_termgen_set_stemming_strategy(handle, strategy.rawValue, $0) }
    }

    /// Words indexed without positions (lowercase): their terms, counts and spelling data as usual, but the words
    /// around them take adjacent positions. Replaces any stop words. Queries then drop their terms from phrases
    /// (`QueryParser.setPositionlessTerms`).
    public func setPositionlessWords(_ words: some Sequence<String>) throws(XapianError) {
        let joined = nulJoined(words)
        try check { err in withBytes(joined) { cx_termgen_set_positionless(handle, $0, $1, err) } }
    }

    /// Stop words: not stemmed (and with `stopAll`, not indexed at all).
    public func setStopWords(_ words: some Sequence<String>, stopAll: Bool = false) throws(XapianError) {
        let joined = nulJoined(words)
        try check { err in withBytes(joined) { cx_termgen_set_stopper(handle, $0, $1, stopAll ? 1 : 0, err) } }
    }

    /// Chinese, Japanese and Korean text as overlapping one- and two-character terms (Xapian's `FLAG_CJK_NGRAM`):
    /// without it a run of such characters is one term, found only whole. Queries need `QueryParser.Flags.cjkNgram`.
    public func enableCJKNgrams() throws(XapianError) {
        try check { cx_termgen_add_flags(handle, Int32(CX_TG_FLAG_CJK_NGRAM), $0) }
    }

    /// Records spelling data into `database` (which the generator then keeps open: free the generator
    /// before expecting the write lock to be released).
    ///
    /// With `buffered`, the generator counts each distinct word in memory and writes the counts by
    /// `flushSpelling()` (or by itself at 200,000 words) instead of adding every word as it comes, which Xapian
    /// does with a look-up per word after each commit: a tenth of a large build's CPU. The data is the same. It needs
    /// the stemmer and a `.all` or `.allZ` strategy set first, which are then fixed. Call `flushSpelling()` before
    /// each commit that must include the words indexed so far.
    public func enableSpelling(into database: WritableDatabase, buffered: Bool = false) throws(XapianError) {
        if buffered {
            try check { cx_termgen_buffer_spelling(handle, database.handle, $0) }
        } else {
            try check { cx_termgen_set_database(handle, database.handle, $0) }
            try check { cx_termgen_set_flags(handle, Int32(CX_TG_FLAG_SPELLING), $0) }
        }
    }

    /// Writes the buffered spelling data (see `enableSpelling(into:buffered:)`) to its database.
    public func flushSpelling() throws(XapianError) {
        try check { cx_termgen_flush_spelling(handle, $0) }
    }

    /// Where terms go next; resets the term position.
    public func setDocument(_ document: Document) throws(XapianError) {
        try check { cx_termgen_set_document(handle, document.handle, $0) }
    }

    /// Indexes `text` with positions, each term's terms prefixed by `prefix`.
    public func indexText(_ text: String, wdfIncrement: UInt32 = 1, prefix: String = "") throws(XapianError) {
        try check { err in
            withBytes(text) { t, tl in withBytes(prefix) { cx_termgen_index_text(handle, t, tl, wdfIncrement, $0, $1, err) } }
        }
    }

    /// Indexes `text` without positions (no phrase searches, smaller index).
    public func indexTextWithoutPositions(_ text: String, wdfIncrement: UInt32 = 1, prefix: String = "") throws(XapianError) {
        try check { err in
            withBytes(text) { t, tl in
                withBytes(prefix) { cx_termgen_index_text_without_positions(handle, t, tl, wdfIncrement, $0, $1, err) }
            }
        }
    }

    /// Leaves a gap in positions, so phrases do not match across two fields.
    public func increaseTermPosition(by delta: UInt32 = 100) throws(XapianError) {
        try check { cx_termgen_increase_termpos(handle, delta, $0) }
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension TermGenerator: Sendable {}
