/// A read-only table from words to values, for the tables the taggers ask about every token of every passage
/// (the entity rules' word classes, the stop words of the languages, the event coder's verb forms, demonyms and
/// pattern words).
///
/// Most words of a text are in none of them. A `Dictionary` hashes each word with SipHash, from the process's seed
/// at every look-up: a fifth of the tagging time. Here a word is hashed once with FNV-1a over its UTF-8 bytes, and an
/// empty slot of an open-addressing table (linear probing, at most half full) answers "no"; a word found is compared
/// once. Words are compared byte for byte, not as a `Dictionary` compares strings (canonically equivalent: "é" and
/// "e" with a combining accent): keys and words are folded first (`TextFolding.fold`), which writes each text one
/// way. Words longer than the longest key are not hashed at all.
struct WordTable<Value: Sendable>: Sendable {
    /// Each slot: the index of its entry in `entries`, or -1.
    private var slots: [Int32]
    private var entries: [(hash: UInt64, word: String, value: Value)] = []
    private let shift: UInt64
    private var longest = 0

    init(_ table: [String: Value]) {
        var bits: UInt64 = 4
        while 1 << bits < table.count * 2 { bits += 1 }
        shift = 64 - bits
        slots = [Int32](repeating: -1, count: 1 << bits)
        entries.reserveCapacity(table.count)
        for (word, value) in table {
            let hash = Self.hash(word)
            var i = slot(of: hash)
            while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
            slots[i] = Int32(entries.count)
            entries.append((hash, word, value))
            longest = max(longest, word.utf8.count)
        }
    }

    /// The number of words.
    var count: Int { entries.count }

    /// The words, in no particular order.
    var words: [String] { entries.map(\.word) }

    subscript(word: String) -> Value? {
        guard word.utf8.count <= longest else { return nil }
        let hash = Self.hash(word)
        var i = slot(of: hash)
        while true {
            let e = Int(slots[i])
            if e < 0 { return nil }
            if entries[e].hash == hash && entries[e].word == word { return entries[e].value }
            i = (i + 1) & (slots.count - 1)
        }
    }

    @inline(__always) private static func hash(_ word: String) -> UInt64 {
        var h = FNV1a()
        h.combine(word.utf8)
        return h.value
    }

    /// The slot a hash starts from: its bits mixed (Fibonacci hashing), as FNV-1a's low bits alone cluster.
    @inline(__always) private func slot(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: ((hash ^ hash >> 32) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
