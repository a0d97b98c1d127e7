import CXapian

/// How words are stemmed, shared by the term generator and the query parser.
public enum StemmingStrategy: Int32, Sendable {
    /// No stemming.
    case none = 0
    /// Unstemmed terms with positions, plus stemmed terms prefixed `Z` (Xapian's default).
    case some = 1
    /// Every word stemmed, with positions.
    case all = 2
    /// Every word stemmed, prefixed `Z`.
    case allZ = 3
    /// Like `some`, with positions on the stemmed terms too.
    case someFullPositions = 4
}

/// Stems one lowercased word with Snowball's `language` stemmer ("english"; "none" returns the word).
public func stem(_ word: String, language: String) throws(XapianError) -> String {
    try stringResult { out, len, err in
        withBytes(language) { l, ll in withBytes(word) { cx_stem_word(l, ll, $0, $1, out, len, err) } }
    }
}

/// Xapian's order-preserving encoding of a number as bytes (for value slots sorted as numbers).
public func sortableSerialise(_ value: Double) -> [UInt8] {
    var buffer = [CChar](repeating: 0, count: 24)
    let length = cx_sortable_serialise(value, &buffer)
    return buffer[0..<length].map { UInt8(bitPattern: $0) }
}

/// The inverse of `sortableSerialise`.
public func sortableUnserialise(_ bytes: [UInt8]) -> Double {
    withBytes(bytes) { cx_sortable_unserialise($0, $1) }
}
