import Xapian

/// The dictionary behind the facet keys of `Schema.facetsSlot`: a topic or an entity gets an ordinal the first
/// time it is indexed and keeps it for the life of the index (a full build starts a new dictionary); a year is
/// its own key. Every shard stores the names of the keys in its metadata (`Schema.facetNamePrefix`), so that
/// search can name them whatever shard comes first; the writer's half (`Schema.facetKeyPrefix`, name to key, and
/// `Schema.facetNextKey`) is in the first shard only, which every writer opens. Names no passage carries any
/// more stay in the dictionary; they count zero and are never shown.
///
/// One dictionary serves all the threads of a build: a lock guards it.
final class FacetKeys: Sendable {
    private struct State {
        /// Known names (`t` + topic, `s` + section, `e` + `kind<TAB>name`, `a` + action, `v` + PLOVER type) and their keys.
        var keys: [String: UInt64] = [:]
        /// Next free ordinals; nil until read from the index being updated.
        var next: (topic: Int, entity: Int)?
        /// Names added since the last `write`: the lookup name (with its kind letter), the name search shows.
        var added: [(name: String, display: String, key: UInt64)] = []
    }

    private let state = LockedState(State())

    /// The facet keys of a passage. `stored` is the first shard of the index being updated, whose dictionary is
    /// read for names this object has not seen yet (nil for a new index).
    func keys(years: [Int], topics: [String], section: String?, entities: [Entity], actions: [String] = [], plovers: [String] = [],
              language: String? = nil, stored: Database?) throws -> [UInt64] {
        try state.withLock { s in
            var keys: [UInt64] = []
            keys.reserveCapacity(years.count + topics.count + 1 + entities.count)
            // each key once: a passage counts once per value
            func append(_ key: UInt64) { if !keys.contains(key) { keys.append(key) } }
            for year in years where year >= 0 { append(Schema.facetKey(year, .year)) }
            for topic in topics where !topic.isEmpty { append(try Self.key(&s, "t" + topic, kind: .topic, stored: stored)) }
            if let section, !section.isEmpty { append(try Self.key(&s, "s" + section, kind: .section, stored: stored)) }
            for e in entities {
                append(try Self.key(&s, "e\(e.kind.rawValue)\t\(e.name)", kind: .entity, stored: stored))
            }
            for a in actions { append(try Self.key(&s, "a" + a, kind: .action, stored: stored)) }
            for p in plovers { append(try Self.key(&s, "v" + p, kind: .plover, stored: stored)) }
            if let language { append(try Self.key(&s, "g" + language, kind: .language, stored: stored)) }
            return keys
        }
    }

    /// The key of `name` (its kind letter, then the name search shows), new if neither this run nor `stored` has it.
    private static func key(_ s: inout State, _ name: String, kind: Schema.FacetKind, stored: Database?) throws -> UInt64 {
        if let key = s.keys[name] { return key }
        if let stored, let key = UInt64(try stored.metadata(Schema.facetKeyPrefix + Schema.termSafe(name))) {
            s.keys[name] = key
            return key
        }
        var next = try s.next ?? Self.next(in: stored)
        let key: UInt64
        if kind != .entity {  // topics, sections, actions and PLOVER types share one series of ordinals
            key = Schema.facetKey(next.topic, kind)
            next.topic += 1
        } else {
            key = Schema.facetKey(next.entity, .entity)
            next.entity += 1
        }
        s.next = next
        s.keys[name] = key
        s.added.append((name, String(name.dropFirst()), key))
        return key
    }

    private static func next(in stored: Database?) throws -> (topic: Int, entity: Int) {
        guard let stored else { return (0, 0) }
        let parts = try stored.metadata(Schema.facetNextKey).split(separator: " ").compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : (0, 0)
    }

    /// Stores the names of the keys added by this object in `db`, and with `writersMap` (the first shard) the
    /// name-to-key map and the next free ordinals.
    func write(to db: WritableDatabase, writersMap: Bool) throws {
        let (added, next) = state.withLock { ($0.added, $0.next) }
        guard let next else { return }
        for (name, display, key) in added {
            if writersMap { try db.setMetadata(Schema.facetKeyPrefix + Schema.termSafe(name), String(key)) }
            try db.setMetadata(Schema.facetNamePrefix + String(key), display)
        }
        if writersMap { try db.setMetadata(Schema.facetNextKey, "\(next.topic) \(next.entity)") }
    }
}
