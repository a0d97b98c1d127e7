import Xapian

/// The facets search shows, from the facet keys the shim counted (`KeyCount`s of `Schema.facetsSlot`): named,
/// added up, sorted and cut here and nowhere else.
///
/// A year is named by its digits; a topic, a section or an entity by the metadata entry `Schema.facetNamePrefix` + key of
/// the index it was counted in (entities as `kind<TAB>name`). Indexes built separately have dictionaries of their
/// own: each group's keys are named from its own shards, then the names added up (`merged`).
struct FacetNaming {
    /// Counts by name, one table per facet.
    var years: [String: Int] = [:]
    var topics: [String: Int] = [:]
    var sections: [String: Int] = [:]
    var entities: [String: Int] = [:]
    var actions: [String: Int] = [:]
    var plovers: [String: Int] = [:]
    var languages: [String: Int] = [:]

    /// How many values of each facet are shown: `all` of each, but `year` years and `entityPerKind` entities of
    /// each kind when the request says so.
    struct Limits {
        var all: Int
        var year: Int?
        var entityPerKind: Int?

        init(all: Int, year: Int? = nil, entityPerKind: Int? = nil) {
            (self.all, self.year, self.entityPerKind) = (all, year, entityPerKind)
        }

        init(_ request: SearchRequest) {
            (all, year, entityPerKind) = (request.facetLimit, request.yearFacetLimit, request.entityFacetLimit)
        }

        /// The keys of `kind` worth naming: nil for every one (the entities of each kind, whose kind is known only
        /// once named).
        func keys(of kind: Schema.FacetKind) -> Int? {
            switch kind {
            case .year: year ?? all
            case .entity: entityPerKind == nil ? all : nil
            default: all
            }
        }
    }

    /// The counts of `counted`, named from `names` (the database they were counted in). With `limits`, only the
    /// most frequent keys of each facet that can be shown and those tied with the last of them are named.
    /// Keys without a name (never written, or damaged) are left out.
    init(_ counted: [KeyCount], names: Database, limits: Limits?) throws(XapianError) {
        var byKind: [Schema.FacetKind: [KeyCount]] = [:]
        for item in counted {
            guard let kind = Schema.facetKeyParts(item.key)?.kind else { continue }  // a kind Dossier does not write
            byKind[kind, default: []].append(item)
        }
        for (kind, items) in byKind {
            var items = items.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
            let limit = limits?.keys(of: kind)
            if limit == 0 { continue }
            if let limit, items.count > limit {
                var cut = limit
                while cut < items.count && items[cut].count == items[limit - 1].count { cut += 1 }
                items.removeSubrange(cut...)
            }
            for item in items {
                let name = kind == .year ? String(Schema.facetKeyParts(item.key)!.n)
                                         : try names.metadata(Schema.facetNamePrefix + String(item.key))
                guard !name.isEmpty else { continue }
                switch kind {
                case .year: years[name, default: 0] += item.count
                case .topic: topics[name, default: 0] += item.count
                case .section: sections[name, default: 0] += item.count
                case .entity: entities[name, default: 0] += item.count
                case .action: actions[name, default: 0] += item.count
                case .plover: plovers[name, default: 0] += item.count
                case .language: languages[name, default: 0] += item.count
                }
            }
        }
    }

    private init() {}

    /// The counts of several groups added up by name (each named without a limit).
    static func merged(_ parts: [FacetNaming]) -> FacetNaming {
        var result = FacetNaming()
        for part in parts {
            result.years.merge(part.years, uniquingKeysWith: +)
            result.topics.merge(part.topics, uniquingKeysWith: +)
            result.sections.merge(part.sections, uniquingKeysWith: +)
            result.entities.merge(part.entities, uniquingKeysWith: +)
            result.actions.merge(part.actions, uniquingKeysWith: +)
            result.plovers.merge(part.plovers, uniquingKeysWith: +)
            result.languages.merge(part.languages, uniquingKeysWith: +)
        }
        return result
    }

    /// The first values of each facet as `limits` says, most frequent first, ties by name; entities with their kind.
    func facets(_ limits: Limits) -> Facets {
        func sorted(_ counts: [String: Int]) -> [(value: String, count: Int)] {
            counts.map { (value: $0.key, count: $0.value) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        }
        func top(_ counts: [String: Int], _ limit: Int = limits.all) -> [(value: String, count: Int)] {
            Array(sorted(counts).prefix(limit))
        }
        let entities: [(value: String, count: Int)]
        if let perKind = limits.entityPerKind {  // the first of each kind apart
            var shown: [Substring: Int] = [:]
            entities = sorted(self.entities).filter { entity in
                let kind = entity.value.prefix { $0 != "\t" }
                shown[kind, default: 0] += 1
                return shown[kind]! <= perKind
            }
        } else {
            entities = top(self.entities)
        }
        var facets = Facets()
        facets.year = top(years, limits.year ?? limits.all).map { FacetCount(value: $0.value, kind: nil, count: $0.count) }
        facets.topic = top(topics).map { FacetCount(value: $0.value, kind: nil, count: $0.count) }
        facets.section = top(sections).map { FacetCount(value: $0.value, kind: nil, count: $0.count) }
        facets.action = top(actions).map { FacetCount(value: $0.value, kind: nil, count: $0.count) }
        facets.plover = top(plovers).map { FacetCount(value: $0.value, kind: nil, count: $0.count) }
        facets.language = top(languages).map { FacetCount(value: $0.value, kind: nil, count: $0.count) }
        // entities are "kind<TAB>name"; the same name under two kinds stays two values
        facets.entity = entities.map {
            let parts = $0.value.split(separator: "\t", maxSplits: 1)
            let kind = parts.count == 2 ? String(parts[0]) : nil
            let name = parts.count == 2 ? String(parts[1]) : $0.value
            return FacetCount(value: name, kind: kind, count: $0.count)
        }
        return facets
    }
}
