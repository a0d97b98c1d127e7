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

/// Decodes the records of one or several indexes searched as one, each with its own dictionary. Holds Xapian
/// handles and zstd contexts: not `Sendable`, one per thread.
public final class RecordReader {
    private let databases: [Database]
    private var dictionaries: [UInt32: RecordDictionary] = [:]
    private var codecs: [UInt32: DictionaryCodec] = [:]

    /// A reader of the records of `databases` (each a whole index, or a stub of its shards, or a remote shard;
    /// the shards of one index share its dictionary). Their dictionaries are read at the first compressed record.
    public init(databases: [Database]) {
        self.databases = databases
    }

    /// A reader of records compressed with `dictionaries` only.
    init(dictionaries: [RecordDictionary]) {
        databases = []
        for d in dictionaries { self.dictionaries[d.id] = d }
    }

    private func load() {
        for d in databases.compactMap({ RecordDictionary.stored(in: $0) }) { dictionaries[d.id] = d }
    }

    public func decode(_ bytes: [UInt8], fields: PassageRecord.Fields = .all) throws -> PassageRecord {
        try RecordCodec.decode(try RecordCodec.plain(bytes) { id -> DictionaryCodec? in
            if let codec = codecs[id] { return codec }
            if dictionaries[id] == nil { load() }  // the first record, or a database reopened on an index rebuilt since
            guard let d = dictionaries[id] else { return nil }
            let codec = try DictionaryCodec(dictionary: d.bytes)
            codecs[id] = codec
            return codec
        }, fields: fields)
    }
}
