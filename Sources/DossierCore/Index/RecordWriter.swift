#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// The dictionary an index compresses its passage records with (layout 2 of `RecordCodec`): zstd's trainer run
/// on a sample of the corpus's own records (up to 1,000 passages from 64 files spread through it) when the index
/// is built, and kept in the index's metadata for readers and later updates. A record of ~800 bytes then stores
/// in ~180 on the generated corpus, and ~140 instead of ~200 on Wikipedia prose (BENCHMARKS.md).

/// Encodes records for one index: compressed with its dictionary when it has one. Owns zstd contexts: one per
/// thread, like the `DocumentBuilder` that holds it.
final class RecordWriter {
    let dictionary: RecordDictionary?
    private let codec: DictionaryCodec?

    init(_ dictionary: RecordDictionary?) throws(XapianError) {
        self.dictionary = dictionary
        codec = try dictionary.map { d throws(XapianError) in try DictionaryCodec(dictionary: d.bytes) }
    }

    func encode(_ record: PassageRecord) throws -> [UInt8] {
        let plain = record.encoded()
        guard let codec, let dictionary else { return plain }
        return try RecordCodec.compress(plain, codec: codec, id: dictionary.id)
    }

    /// Reads a record this index's writer (or an earlier one, in either layout) wrote.
    func decode(_ bytes: [UInt8]) throws -> PassageRecord {
        try PassageRecord.decode(RecordCodec.plain(bytes) { [codec, dictionary] id -> DictionaryCodec? in id == dictionary?.id ? codec : nil })
    }
}
