import DossierCore

/// The parameters of an API request (`?q=giant+panda&year=2014&year=2015`), decoded and checked: what the server's
/// endpoints read instead of command-line options. A bad or unknown parameter is a `DossierError(.usage)`, which the
/// server answers with 400 and one line of JSON.
package struct QueryParameters {
    /// Limits that protect the server (the command line has none).
    package static let maxQueryLength = 1_000
    package static let maxValueLength = 500
    package static let maxLimit = 100
    package static let maxOffset = 10_000
    package static let maxFacets = 1_000
    package static let maxParameters = 100

    private(set) var values: [(name: String, value: String)] = []

    /// Parses a raw query string: `&`-separated `name=value` pairs, `+` and `%20` as spaces, percent-escapes
    /// decoded; a value that is not UTF-8 once decoded is refused.
    package init(query: String?) throws {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw DossierError(.usage, "a parameter is not valid UTF-8 once decoded")
            }
            values.append((name, value))
        }
        guard values.count <= Self.maxParameters else { throw DossierError(.usage, "too many parameters (at most \(Self.maxParameters))") }
    }

    /// Refuses any parameter not in `known`: a misspelt filter must not silently match everything.
    package func check(known: Set<String>) throws {
        for (name, _) in values where !known.contains(name) {
            throw DossierError(.usage, "unknown parameter \(DossierError.quoted(name)) (known: \(known.sorted().joined(separator: ", ")))")
        }
    }

    package func all(_ name: String) throws -> [String] {
        let found = values.filter { $0.name == name }.map(\.value)
        for v in found where v.count > Self.maxValueLength && name != "q" {
            throw DossierError(.usage, "\(name) is longer than \(Self.maxValueLength) characters")
        }
        return found
    }

    package func one(_ name: String) throws -> String? {
        let found = try all(name)
        guard found.count <= 1 else { throw DossierError(.usage, "\(name) is given more than once") }
        return found.first
    }

    package func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try one(name) else { return nil }
        return try Self.int(text, name: name, in: range)
    }

    package static func int(_ text: String, name: String, in range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw DossierError(.usage, "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), got \(DossierError.quoted(String(text.prefix(40))))")
        }
        return n
    }

    /// A date parameter: a year, a month (2016-03) or a day (2016-03-14).
    package func date(_ name: String) throws -> EventDate? {
        guard let text = try one(name) else { return nil }
        guard let d = EventDate(text), (0...9999).contains(d.year) else {
            throw DossierError(.usage, "\(name) must be a year, a month (2016-03) or a day (2016-03-14), got \(DossierError.quoted(String(text.prefix(40))))")
        }
        return d
    }

    /// The query and filters that search, facets and timeline share (the command line's `Selection`).
    package func selection() throws -> SearchRequest {
        var request = SearchRequest()
        let q = try one("q") ?? ""
        guard q.count <= Self.maxQueryLength else { throw DossierError(.usage, "the query is longer than \(Self.maxQueryLength) characters") }
        request.query = q
        request.years = try all("year").map { try Self.int($0, name: "year", in: 0...9999) }
        request.from = try date("from")
        request.to = try date("to")
        if let problem = EventDate.rangeProblem(from: request.from, to: request.to, names: ("from", "to")) {
            throw DossierError(.usage, problem)
        }
        request.topics = try all("topic")
        request.sections = try all("section")
        request.entities = try all("entity")
        request.files = try all("file")
        request.actions = try all("action")
        request.plovers = try all("plover").map { $0.uppercased() }
        for p in request.plovers where !EventsOptions.ploverTypes.contains(p) {
            throw DossierError(.usage, "unknown PLOVER type \(DossierError.quoted(String(p.prefix(40))))")
        }
        request.languages = try all("language").map { l in
            guard let code = LanguageDetector.code(l) else {
                throw DossierError(.usage, "unknown language \(DossierError.quoted(String(l.prefix(40))))")
            }
            return code
        }
        return request
    }

    /// `/api/facets`' and `/api/timeline`'s request: the query and filters only.
    package func selectionRequest() throws -> SearchRequest {
        try check(known: Self.selectionNames)
        return try selection()
    }

    package static let selectionNames: Set<String> = ["q", "year", "from", "to", "topic", "section", "entity", "file", "action", "plover", "language"]
    package static let searchNames = selectionNames.union(["limit", "offset", "sort", "facets", "year-facets", "entity-facets"])

    /// `/api/search`'s request: the selection, and paging, order and facets as `dossier search` takes them.
    package func searchRequest() throws -> SearchRequest {
        try check(known: Self.searchNames)
        var request = try selection()
        request.limit = try int("limit", in: 0...Self.maxLimit) ?? request.limit
        request.offset = try int("offset", in: 0...Self.maxOffset) ?? 0
        request.facetLimit = try int("facets", in: 0...Self.maxFacets) ?? request.facetLimit
        request.yearFacetLimit = try int("year-facets", in: 0...10_000)  // years are 0 to 9999: every one
        request.entityFacetLimit = try int("entity-facets", in: 0...Self.maxFacets)
        if let sort = try one("sort") {
            guard let order = SearchRequest.Sort(rawValue: sort) else {
                throw DossierError(.usage, "sort must be relevance, date or -date, got \(DossierError.quoted(String(sort.prefix(40))))")
            }
            request.sort = order
        }
        return request
    }

    package static let eventNames = selectionNames.union(["cameo", "actor", "country", "place", "status", "limit", "offset"])

    /// `/api/events`' request: the selection, the event filters and the page, as `dossier events` takes them.
    package func eventsRequest() throws -> EventRequest {
        try check(known: Self.eventNames)
        var r = EventRequest()
        r.search = try selection()
        r.search.cameos = try all("cameo")
        for c in r.search.cameos where !EventsOptions.isCAMEOCode(c) {
            throw DossierError(.usage, "a CAMEO code is two to four digits, got \(DossierError.quoted(String(c.prefix(40))))")
        }
        r.search.countries = try all("country").map { $0.uppercased() }
        for c in r.search.countries where !EventsOptions.isCountryCode(c) {
            throw DossierError(.usage, "a country is an ISO 3166 alpha-3 code, got \(DossierError.quoted(String(c.prefix(40))))")
        }
        r.actors = try all("actor")
        r.place = try one("place")
        r.statuses = try all("status").map { s in
            guard let status = CodedEvent.Status(rawValue: s) else {
                throw DossierError(.usage, "status must be done, negated, planned or hypothetical, got \(DossierError.quoted(String(s.prefix(40))))")
            }
            return status
        }
        r.limit = try int("limit", in: 0...Self.maxLimit) ?? r.limit
        r.offset = try int("offset", in: 0...Self.maxOffset) ?? 0
        return r
    }

    /// Percent-decoding of one name or value (`+` is a space); nil if the bytes are not UTF-8.
    package static func decode(_ text: Substring) -> String? {
        guard text.utf8.contains(where: { $0 == 0x25 || $0 == 0x2B }) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var it = Array(text.utf8)[...]
        while let b = it.popFirst() {
            if b == 0x2B {
                bytes.append(0x20)
            } else if b == 0x25, it.count >= 2, let hi = hex(it[it.startIndex]), let lo = hex(it[it.startIndex + 1]) {
                bytes.append(hi << 4 | lo)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// A path segment's percent-escapes decoded (`+` stays a plus there).
    package static func decodePath(_ text: Substring) -> String? {
        decode(Substring(text.replacing("+", with: "%2B")))
    }

    private static func hex(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
}
