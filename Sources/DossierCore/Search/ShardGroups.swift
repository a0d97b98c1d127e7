import Xapian

/// The shards a search reads, grouped by the facet dictionary they share (`Schema.facetDictionaryKey`).
///
/// An index built by `dossier index` is one group, whether its shards are local, remote or a replica. Indexes
/// built separately and searched as one (repeated `--index`, or a stub file listing shards of several indexes)
/// are one group each: their facet keys are ordinals in dictionaries of their own, so each group's keys are
/// counted and named apart, then added up by name (`FacetNaming.merged`). Their passage records are compressed with
/// dictionaries of their own too, read from each group's first shard (`firstShards`).
///
/// Shards that cannot be searched as one are refused: one written by another layout, or groups tagged with
/// different tagging data (their entities and topics would not mean the same).
/// Holds Xapian handles: not `Sendable`.
struct ShardGroups {
    /// Each group as a database of its shards, when there are several groups (empty for one).
    let databases: [Database]
    /// The first shard of each group, in order (for one shard: the database itself).
    let firstShards: [Database]

    /// The groups of `database`, the one the search opened; `name` says which index it is, for errors.
    init(_ database: Database, name: String) throws {
        let shards = try database.shards()
        guard shards.count > 1 else {
            try Self.checkLayout(database, name: name)
            (databases, firstShards) = ([], [database])
            return
        }
        var groups: [(id: String, tagging: String, shards: [Database])] = []
        for shard in shards {
            try Self.checkLayout(shard, name: Self.describe(shard, fallback: name))
            let id = try shard.metadata(Schema.facetDictionaryKey)
            if let k = groups.firstIndex(where: { $0.id == id }) {
                groups[k].shards.append(shard)
            } else {
                groups.append((id, try shard.metadata(Schema.taggingDataKey), [shard]))
            }
        }
        if let first = groups.first, let other = groups.first(where: { $0.tagging != first.tagging }) {
            let (a, b) = (Self.describe(first.shards[0], fallback: name), Self.describe(other.shards[0], fallback: name))
            throw DossierError(.indexDamaged, "\(a) and \(b) were tagged with different tagging data (gazetteer.tsv, topics.tsv or Dossier's version) and cannot be searched as one: give both corpus folders the same files and run `dossier index --rebuild` for each")
        }
        firstShards = groups.map { $0.shards[0] }
        databases = groups.count > 1 ? try groups.map { try Database(shards: $0.shards) } : []
    }

    /// The index a shard belongs to, as its corpus folder (every shard stores it), for messages.
    private static func describe(_ shard: Database, fallback: String) -> String {
        guard let corpus = try? shard.metadata(Schema.corpusKey), !corpus.isEmpty else { return "the index at \(fallback)" }
        return "the index of \(corpus)"
    }

    /// Refuses a database written by another layout of Dossier (an empty one, never written, passes).
    /// `name` is read only for the message: a shard's corpus costs a metadata read that every search would pay.
    private static func checkLayout(_ db: Database, name: @autoclosure () -> String) throws {
        let stored = try db.metadata(Schema.versionKey)
        guard stored.isEmpty || stored == Schema.version else {
            throw DossierError(.indexDamaged, "\(name()) was written by another version of Dossier (layout \(stored), this one reads \(Schema.version)); run `dossier index --rebuild` for it")
        }
    }
}
