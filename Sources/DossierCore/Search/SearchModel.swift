/// What to search for: the query string and the filters of `dossier search`, `facets` and `timeline`.
public struct SearchRequest: Sendable, Equatable {
    public enum Sort: String, Sendable, CaseIterable {
        case relevance
        case date
        /// Newest first.
        case dateDescending = "-date"
    }

    public var query: String = ""
    /// Match the query as keywords (every word required; any when no passage has them all) even when it reads as
    /// a question or a description, which are matched as a bag of words with feedback: `dossier ask`'s passages for
    /// the question's own words.
    public var keywords = false
    /// Passages mentioning any of these years.
    public var years: [Int] = []
    /// Passages mentioning a date in from...to: each a year, a month or a day. A passage matches by the dates it
    /// mentions: a year wholly inside the range, or a month or a day inside it ("--from 2016-03" takes a passage
    /// that says "April 2016", not one that says only "2016").
    public var from: EventDate?
    public var to: EventDate?

    /// `from` and `to` as the first and last day they cover (yyyymmdd), in order; nil without either.
    public var dateBounds: (lo: Int, hi: Int)? {
        guard from != nil || to != nil else { return nil }
        let lo = from?.span.lo ?? Int.min, hi = to?.span.hi ?? Int.max
        if lo <= hi { return (lo, hi) }
        return (to?.span.lo ?? Int.min, from?.span.hi ?? Int.max)  // given the wrong way round
    }
    /// Any of these topics (exact name, or words of the topic).
    public var topics: [String] = []
    /// Any of these sections: a heading or label as written (any case), which also selects the sections under it.
    public var sections: [String] = []
    /// Any of these entities (canonical names or aliases).
    public var entities: [String] = []
    /// Any of these files (relative paths).
    public var files: [String] = []
    /// Any of these languages (ISO 639-1 codes).
    public var languages: [String] = []
    /// Every one of these entities (`dossier ask`: the names of a question).
    public var allEntities: [String] = []
    /// Passages with a coded event of any of these actions (a broader action finds its kinds: "visit").
    public var actions: [String] = []
    /// … of any of these PLOVER event types ("CONSULT").
    public var plovers: [String] = []
    /// … of any of these CAMEO codes, or their two-digit roots ("042", "04").
    public var cameos: [String] = []
    /// … with an actor of any of these countries (ISO 3166 alpha-3: "BEL").
    public var countries: [String] = []
    public var limit = 10
    public var offset = 0
    public var sort: Sort = .relevance
    /// Values per facet (0: no facets).
    public var facetLimit = 10
    /// Values of the year facet, instead of `facetLimit` (a histogram wants every year).
    public var yearFacetLimit: Int?
    /// Entities of each kind (people, places, organizations apart), instead of `facetLimit` entities of all kinds
    /// together.
    public var entityFacetLimit: Int?
    /// Whether any facet is asked for.
    var wantsFacets: Bool { facetLimit > 0 || (yearFacetLimit ?? 0) > 0 || (entityFacetLimit ?? 0) > 0 }
    /// Try the spelling data's correction when the query finds few passages.
    public var correctSpelling = true
    /// Make a snippet for each hit (off when only the ranking is wanted, as in `dossier eval`).
    public var snippets = true
    /// Count every matching passage, so that `total` is exact. Off, and without facets, Xapian examines only
    /// what the page needs and estimates the total: faster for broad queries on large indexes.
    /// Facets always count every match, so with facets the total is exact either way.
    public var exactTotal = true
    /// The fields of each hit's record that are decoded (`.events` for readers of events only).
    var recordFields = PassageRecord.Fields.all

    public init(query: String = "") {
        self.query = query
    }

    /// The years a year filter selects, for snippets.
    public var filterYears: Set<Int> {
        var set = Set(years)
        if let (lo, hi) = dateBounds {
            let first = lo == Int.min ? hi / 10000 : lo / 10000, last = hi == Int.max ? lo / 10000 : hi / 10000
            if last - first <= 500 { for y in first...last { set.insert(y) } }
        }
        return set
    }
}

/// One facet value and the number of matching passages that have it.
public struct FacetCount: Sendable, Equatable, Codable {
    public let value: String
    /// For entities: person, place or organization.
    public let kind: String?
    public let count: Int
}

/// Facet counts over the whole match set.
public struct Facets: Sendable, Equatable, Codable {
    public var year: [FacetCount] = []
    public var topic: [FacetCount] = []
    public var section: [FacetCount] = []
    public var entity: [FacetCount] = []
    /// Passages by the actions of their coded events (a kind counts under its own name only).
    public var action: [FacetCount] = []
    /// Passages by the PLOVER event types of their coded events.
    public var plover: [FacetCount] = []
    /// Passages by language (ISO 639-1 codes).
    public var language: [FacetCount] = []
}

/// One matching passage.
public struct SearchHit: Sendable, Equatable {
    public let rank: Int
    public let score: Double
    public let record: PassageRecord
    public let snippet: Snippet
}

/// The answer to a `SearchRequest`.
public struct SearchResult: Sendable, Equatable {
    public var query: String
    /// The corrected query actually run, when the spelling data's correction was used.
    public var corrected: String?
    /// Number of matching passages: exact when `totalIsExact`, else Xapian's estimate.
    public var total: Int
    /// False only when the request allowed an estimate and Xapian could not be sure of the count.
    public var totalIsExact = true
    public var offset: Int
    public var limit: Int
    public var hits: [SearchHit]
    public var facets: Facets
    /// True when no passage had every word and the words were matched with OR instead.
    public var relaxed: Bool
}

/// A dated event in a timeline.
public struct TimelineEvent: Sendable, Equatable {
    public let date: EventDate
    public let id: String
    public let file: String
    public let paragraph: Int
    public let sentence: String
    public let entities: [Entity]
}
