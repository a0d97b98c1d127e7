import CXapian

/// Parses a user's query string into a `Query`: Xapian's `QueryParser`. Not `Sendable`.
public final class QueryParser {
    let handle: OpaquePointer

    /// Parser features, combined as an option set.
    public struct Flags: OptionSet, Sendable {
        public let rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        /// AND, OR, NOT, XOR, NEAR, ADJ and brackets.
        public static let boolean = Flags(rawValue: 1)
        /// "quoted phrases".
        public static let phrase = Flags(rawValue: 2)
        /// +required and -excluded words.
        public static let loveHate = Flags(rawValue: 4)
        /// and/or/not in any case.
        public static let booleanAnyCase = Flags(rawValue: 8)
        /// Trailing `*` wildcards.
        public static let wildcard = Flags(rawValue: 16)
        /// A query of only NOT terms.
        public static let pureNot = Flags(rawValue: 32)
        /// The last word as a prefix (search as you type).
        public static let partial = Flags(rawValue: 64)
        /// Compute a corrected query string from the spelling data.
        public static let spellingCorrection = Flags(rawValue: 128)
        /// `~word` synonym expansion.
        public static let synonym = Flags(rawValue: 256)
        /// Every single word expanded by its synonyms.
        public static let autoSynonyms = Flags(rawValue: 512)
        /// Word sequences expanded by their synonyms.
        public static let autoMultiwordSynonyms = Flags(rawValue: 1024)
        /// Chinese, Japanese and Korean text as the one- and two-character terms `TermGenerator.enableCJKNgrams`
        /// indexes.
        public static let cjkNgram = Flags(rawValue: 2048)
        /// Xapian's defaults: boolean, phrase, love/hate.
        public static let `default`: Flags = [.boolean, .phrase, .loveHate]
    }

    public init() throws(XapianError) {
        var out: OpaquePointer?
        try check { cx_qparser_new(&out, $0) }
        handle = out!
    }

    deinit {
        cx_qparser_free(handle)
    }

    public func setStemmer(_ language: String) throws(XapianError) {
        try check { err in withBytes(language) { cx_qparser_set_stemmer(handle, $0, $1, err) } }
    }

    public func setStemmingStrategy(_ strategy: StemmingStrategy) throws(XapianError) {
        try check { cx_qparser_set_stemming_strategy(handle, strategy.rawValue, $0) }
    }

    public func setStopWords(_ words: some Sequence<String>) throws(XapianError) {
        let joined = nulJoined(words)
        try check { err in withBytes(joined) { cx_qparser_set_stopper(handle, $0, $1, err) } }
    }

    /// Terms the index holds no positions for (`TermGenerator.setPositionlessWords`): parsed queries drop them
    /// from their phrases and NEAR groups, whose other words are adjacent in the index.
    public func setPositionlessTerms(_ terms: some Sequence<String>) throws(XapianError) {
        let joined = nulJoined(terms)
        try check { err in withBytes(joined) { cx_qparser_set_positionless(handle, $0, $1, err) } }
    }

    /// How words without an explicit operator combine (`.and` or `.or`, also near, phrase, max, synonym).
    public func setDefaultOperator(_ op: Query.Operator) throws(XapianError) {
        try check { cx_qparser_set_default_op(handle, op.rawValue, $0) }
    }

    /// The database used for spelling correction, synonyms, wildcards and term ranges. The parser keeps
    /// its own reference to it.
    public func setDatabase(_ database: Database) throws(XapianError) {
        try check { cx_qparser_set_database(handle, database.handle, $0) }
    }

    /// `field:words` searches free text indexed with `prefix`.
    public func addPrefix(_ field: String, _ prefix: String) throws(XapianError) {
        try check { err in
            withBytes(field) { f, fl in withBytes(prefix) { cx_qparser_add_prefix(handle, f, fl, $0, $1, err) } }
        }
    }

    /// `field:value` filters by the term `prefix + value` without affecting ranking. Several values of the
    /// same field are ORed (`exclusive`) or ANDed.
    public func addBooleanPrefix(_ field: String, _ prefix: String, exclusive: Bool = true) throws(XapianError) {
        try check { err in
            withBytes(field) { f, fl in
                withBytes(prefix) { cx_qparser_add_boolean_prefix(handle, f, fl, $0, $1, exclusive ? 1 : 0, err) }
            }
        }
    }

    /// `field:LO..HI` over numbers stored with `sortableSerialise` in value slot `slot`.
    public func addNumberRange(slot: UInt32, field: String) throws(XapianError) {
        try check { err in withBytes(field) { cx_qparser_add_number_range(handle, slot, $0, $1, err) } }
    }

    /// `field:LO..HI` over integer terms `prefix + N` (a multi-valued field such as a passage's years):
    /// matches documents holding any of the terms in the range, as a filter. Call after `setDatabase`.
    public func addIntegerTermRange(field: String, prefix: String) throws(XapianError) {
        try check { err in
            withBytes(field) { f, fl in
                withBytes(prefix) { cx_qparser_add_integer_term_range(handle, f, fl, $0, $1, err) }
            }
        }
    }

    /// Parses `query`. Throws `.querySyntax` for input Xapian rejects.
    public func parse(_ query: String, flags: Flags = .default, defaultPrefix: String = "") throws(XapianError) -> Query {
        var out: OpaquePointer?
        try check { err in
            withBytes(query) { q, ql in
                withBytes(defaultPrefix) { cx_qparser_parse(handle, q, ql, flags.rawValue, $0, $1, &out, err) }
            }
        }
        return Query(handle: out!)
    }

    /// After parsing with `.spellingCorrection`: the corrected query string, or nil if nothing was corrected.
    public func correctedQuery() throws(XapianError) -> String? {
        let s = try stringResult { cx_qparser_corrected_query(handle, $0, $1, $2) }
        return s.isEmpty ? nil : s
    }

    /// Words of the last parsed query dropped as stop words.
    public func droppedStopWords() throws(XapianError) -> [String] {
        try listResult { cx_qparser_stoplist(handle, $0, $1) }.map(\.0)
    }
}

@available(*, unavailable, message: "Xapian handles are not thread-safe")
extension QueryParser: Sendable {}
