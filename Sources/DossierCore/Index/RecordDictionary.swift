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
public struct RecordDictionary: Sendable, Equatable {
    public let bytes: [UInt8]
    /// Stored in each compressed record, to find the dictionary when several indexes are searched as one.
    public let id: UInt32

    /// Dictionary size (64 KB made records 1.5% smaller than 32 KB on the generated corpus).
    static let capacity = 64 * 1024

    public init?(bytes: [UInt8]) {
        guard !bytes.isEmpty, bytes.count <= DictionaryCodec.maxDictionary else { return nil }
        self.bytes = bytes
        var h = FNV1a()
        h.combine(bytes)
        id = UInt32(truncatingIfNeeded: h.value ^ (h.value >> 32))
    }

    /// A dictionary for `files`, learnt from the records of a sample of their passages (or, when they are too
    /// few to learn from, those records themselves). Nil for a corpus without passages.
    static func sample(_ files: [CorpusFile], tagger: Tagger) -> RecordDictionary? {
        let samples = sampleRecords(files, tagger: tagger)
        guard !samples.isEmpty else { return nil }
        if let trained = try? DictionaryCodec.train(samples: samples, capacity: capacity), trained.count >= 256 {
            return RecordDictionary(bytes: trained)
        }
        return RecordDictionary(bytes: Array(Array(samples.joined()).suffix(capacity)))
    }

    /// Encoded records of up to `limit` passages: the first passages of up to 64 files spread evenly through the
    /// corpus (from each file's first 64 KB), tagged as the build tags them.
    static func sampleRecords(_ files: [CorpusFile], tagger: Tagger, limit: Int = 1_000) -> [[UInt8]] {
        guard !files.isEmpty else { return [] }
        let count = min(64, files.count)
        let each = max(1, limit / count)
        var samples: [[UInt8]] = []
        for k in 0..<count {
            let file = files[k * files.count / count]
            guard let head = CorpusReader.readAll(file.fullPath, limit: 64 * 1024), !head.isEmpty else { continue }
            let text = CorpusReader.decode(head, name: file.path).text
            var known = Set<String>()
            for (j, paragraph) in FileIndexing.paragraphs(of: text, path: file.path).paragraphs.prefix(each).enumerated() {
                let hash = FileIndexing.passageHash(paragraph)
                let tags = tagger.tag(paragraph.text, section: paragraph.section)
                let record = PassageRecord(id: paragraph.id ?? FileIndexing.newID(file: file.path, hash: hash, known: &known),
                                           file: file.path, paragraph: j + 1, source: paragraph, tags: tags, hash: hash)
                samples.append(record.encoded())
            }
        }
        return samples
    }

    /// The dictionary stored in an index, if it has one (an index built before layout 2 has none).
    static func stored(in db: Database) -> RecordDictionary? {
        guard let text = try? db.metadata(Schema.recordDictionaryKey), let data = Data(base64Encoded: text) else { return nil }
        return RecordDictionary(bytes: Array(data))
    }

    /// Stored as base64: metadata values are text to the update journal.
    func store(in db: WritableDatabase) throws {
        try db.setMetadata(Schema.recordDictionaryKey, Data(bytes).base64EncodedString())
    }
}
