/// A Bloom filter of words (65,536 bits, two per word), asked before a dictionary of words: most words of a text
/// are in no table a tagger keeps, and a "no" from the screen costs a few byte operations where a dictionary
/// look-up hashes the word with SipHash. A "maybe" still goes to the dictionary, so answers are the same.
struct WordScreen: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)
    /// The longest word's length in bytes: a longer word is surely none of them, before any hashing.
    private var longest = 0

    init(_ words: some Sequence<String>) {
        for word in words {
            longest = max(longest, word.utf8.count)
            let (a, b) = Self.positions(word)
            bits[a >> 6] |= 1 << UInt64(a & 63)
            bits[b >> 6] |= 1 << UInt64(b & 63)
        }
    }

    /// False when `word` is surely not one of the words; true when it may be.
    @inline(__always) func mayContain(_ word: String) -> Bool {
        guard word.utf8.count <= longest else { return false }
        let (a, b) = Self.positions(word)
        return bits[a >> 6] & (1 << UInt64(a & 63)) != 0 && bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }

    /// Two bit positions from one FNV-1a hash of the word's UTF-8 bytes.
    @inline(__always) private static func positions(_ word: String) -> (Int, Int) {
        var hash = FNV1a()
        hash.combine(word.utf8)
        let h = hash.value
        return (Int(truncatingIfNeeded: h & 0xFFFF), Int(truncatingIfNeeded: (h >> 32) & 0xFFFF))
    }
}
