import Xapian

extension Searcher {
    /// Documents having any of `terms`.
    func anyOf(_ terms: [String]) throws -> Query {
        if terms.isEmpty { return try Query.matchNothing() }
        var queries: [Query] = []
        for term in terms { queries.append(try Query(term: term)) }
        return try Query(.or, queries)
    }

    /// The filters of a request as one boolean query (nil: no filter). Values of one flag are ORed, flags ANDed.
    func filters(_ request: SearchRequest) throws -> Query? {
        var parts: [Query] = []
        if !request.years.isEmpty {
            parts.append(try anyOf(request.years.map { Schema.yearPrefix + String($0) }))
        }
        if let (lo, hi) = request.dateBounds {
            // a year, month or day the passage mentions, wholly inside the range
            func inside(_ prefix: String) throws -> [String] {
                try database.allTerms(prefix: prefix).map(\.term).filter {
                    guard let span = EventDate(String($0.dropFirst(prefix.count)))?.span else { return false }
                    return span.lo >= lo && span.hi <= hi
                }
            }
            var terms = try inside(Schema.yearPrefix)
            let fine = [request.from, request.to].contains { $0?.month != nil }
            if fine { terms += try inside(Schema.monthPrefix) }
            if [request.from, request.to].contains(where: { $0?.day != nil }) { terms += try inside(Schema.dayPrefix) }
            parts.append(try anyOf(terms))
        }
        if !request.topics.isEmpty {
            var options: [Query] = []
            for topic in request.topics {
                let exact = Schema.termSafe(Schema.topicPrefix + TextFolding.key(topic))
                if try database.termExists(exact) {
                    options.append(try Query(term: exact))
                } else {
                    // words of the topic: "--topic trade" matches "Bilateral trade"
                    let qp = try makeParser(defaultOperator: .and)
                    let q = try qp.parse(TextFolding.stripDiacritics(topic), flags: [], defaultPrefix: Schema.topicWordsPrefix)
                    if !q.isEmpty { options.append(q) }
                }
            }
            parts.append(options.isEmpty ? try Query.matchNothing() : try Query(.or, options))
        }
        if !request.sections.isEmpty {
            parts.append(try anyOf(request.sections.map { Schema.termSafe(Schema.sectionPrefix + TextFolding.key($0)) }))
        }
        if !request.entities.isEmpty {
            parts.append(try anyOf(request.entities.flatMap { entityKeys($0).flatMap(Schema.entityTerms) }))
        }
        if !request.languages.isEmpty {
            parts.append(try anyOf(request.languages.map { Schema.languagePrefix + $0 }))
        }
        for name in request.allEntities {
            parts.append(try anyOf(entityKeys(name).flatMap(Schema.entityTerms)))
        }
        if !request.files.isEmpty {
            var terms: [String] = []
            for file in request.files {
                if file.hasSuffix("/") {
                    terms += try database.allTerms(prefix: Schema.fileTerm(file)).map(\.term)
                } else {
                    terms.append(Schema.fileTerm(file))
                }
            }
            parts.append(try anyOf(terms))
        }
        for (values, prefix) in [(request.actions, Schema.actionPrefix), (request.plovers, Schema.ploverPrefix),
                                 (request.cameos, Schema.cameoPrefix), (request.countries, Schema.eventCountryPrefix)] where !values.isEmpty {
            parts.append(try anyOf(values.map { Schema.termSafe(prefix + (prefix == Schema.cameoPrefix ? $0 : TextFolding.key($0))) }))
        }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : try Query(.and, parts)
    }

    /// `query FILTER filter`: the filter narrows without changing scores.
    func combine(_ query: Query, _ filter: Query?) throws -> Query {
        guard let filter else { return query }
        return try Query(.filter, [query, filter])
    }
}
