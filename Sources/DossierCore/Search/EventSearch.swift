/// What `dossier events` asks for: the passages (query and filters, as for search, with the event filters that
/// narrow them by their terms), then the events themselves, each checked against every event filter at once.
public struct EventRequest: Sendable, Equatable {
    /// Query words and passage filters; its `actions`, `plovers`, `cameos` and `countries` select events too.
    public var search = SearchRequest()
    /// Events with any of these actors (a name or an alias) as source or target.
    public var actors: [String] = []
    /// Events that happened in this place (or name it as a party).
    public var place: String?
    /// Only these statuses (all when empty).
    public var statuses: [CodedEvent.Status] = []
    public var limit = 20
    public var offset = 0

    public init() {}
}

/// A coded event found by `Searcher.events`, with where it comes from.
public struct FoundEvent: Sendable, Equatable {
    /// `passage-id/n`: the passage and the event's place among its events.
    public let id: String
    public let passage: String
    public let file: String
    public let paragraph: Int
    public let page: Int?
    public let sentence: String
    /// Where `sentence` is in the passage's text, in Unicode scalars (code points, as Python and JavaScript
    /// index strings outside the astral planes), end exclusive.
    public let span: (start: Int, end: Int)
    public let event: CodedEvent

    public static func == (a: FoundEvent, b: FoundEvent) -> Bool {
        a.id == b.id && a.sentence == b.sentence && a.span == b.span && a.event == b.event && a.file == b.file
    }
}

extension PassageRecord {
    /// A coded event's sentence (spaces trimmed), and its span in Unicode scalars; `utf8` is the text's bytes.
    func sentenceAndSpan(of event: CodedEvent, utf8: [UInt8]) -> (sentence: String, span: (start: Int, end: Int)) {
        var lo = max(0, min(event.start, utf8.count)), hi = max(lo, min(event.end, utf8.count))
        while lo < hi, utf8[lo] == 0x20 || utf8[lo] == 0x09 { lo += 1 }
        while hi > lo, utf8[hi - 1] == 0x20 || utf8[hi - 1] == 0x09 { hi -= 1 }
        // a scalar starts at every byte that is not a continuation byte (10xxxxxx)
        let start = utf8[..<lo].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        let length = utf8[lo..<hi].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (String(decoding: utf8[lo..<hi], as: UTF8.self), (start, start + length))
    }
}

public struct EventsResult: Sendable, Equatable {
    /// Every matching event (`events` is the requested page of them).
    public var total: Int
    public var events: [FoundEvent]
}

extension EventDate {
    /// The first and last day it covers, as yyyymmdd.
    public var span: (lo: Int, hi: Int) {
        let lo = year * 10000 + (month ?? 1) * 100 + (day ?? 1)
        let hi = year * 10000 + (month ?? 12) * 100 + (day ?? 31)
        return (lo, hi)
    }
}

extension Searcher {
    /// The passages `request.search` selects (at most `maxPassages`), and where in them the coded events that match
    /// every event filter are: each as its passage's place in `records` and its own among the passage's events.
    func matchingEvents(_ request: EventRequest, maxPassages: Int) throws -> (records: [PassageRecord], events: [(record: Int, event: Int)]) {
        var r = request.search
        r.limit = maxPassages
        r.offset = 0
        r.facetLimit = 0
        r.sort = .relevance
        r.snippets = false
        r.exactTotal = false  // the events are counted, not the passages
        r.recordFields = .events
        // events dated from … to … (`search.from`, `search.to`: a year, a month or a day) are in passages that
        // mention a year of the range: an event at a coarser precision matches when its period overlaps
        r.from = r.from.map { EventDate(year: $0.year) }
        r.to = r.to.map { EventDate(year: $0.year) }
        // every actor must be named in the passage: its entity terms narrow the passages first
        if !request.actors.isEmpty, r.entities.isEmpty { r.entities = request.actors }
        let records = try search(r).hits.map(\.record)
        let actors = Set(request.actors.flatMap { entityKeys($0) })
        let place = request.place.map { resolveEntity($0).key }
        let actions = Set(request.search.actions.map { TextFolding.key($0) })
        let plovers = Set(request.search.plovers.map { $0.uppercased() })
        let countries = Set(request.search.countries.map { $0.uppercased() })
        let years = request.search.filterYears
        let bounds = request.search.dateBounds
        var found: [(record: Int, event: Int)] = []
        let needsParties = !countries.isEmpty || !actors.isEmpty || place != nil
        for i in records.indices {
            for (n, e) in records[i].codedEvents.enumerated() {
                if !actions.isEmpty, !EventActions.withParents(e.action).contains(where: { actions.contains(TextFolding.key($0)) }) { continue }
                if !plovers.isEmpty, !plovers.contains(e.plover?.event ?? "") { continue }
                if !request.search.cameos.isEmpty, !request.search.cameos.contains(where: { e.cameo.hasPrefix($0) }) { continue }
                let parties = needsParties ? e.source + e.target : []
                if !countries.isEmpty, !parties.contains(where: { countries.contains($0.country ?? "") }) { continue }
                if !actors.isEmpty, !parties.contains(where: { actors.contains(TextFolding.key($0.name)) }) { continue }
                if let place, TextFolding.key(e.place ?? "") != place, !parties.contains(where: { TextFolding.key($0.name) == place }) { continue }
                if !request.statuses.isEmpty, !request.statuses.contains(e.status) { continue }
                if let (lo, hi) = bounds {
                    guard let span = e.date?.span, span.hi >= lo, span.lo <= hi else { continue }
                } else if !years.isEmpty {
                    guard let y = e.date?.year, years.contains(y) else { continue }
                }
                found.append((i, n))
            }
        }
        return (records, found)
    }

    /// The order of events: oldest first (undated ones last), then by file, paragraph and place in the passage.
    static func eventOrder(_ records: [PassageRecord], _ events: [(record: Int, event: Int)]) -> [Int] {
        // compared by their keys alone (copying events in the comparison was a tenth of `dossier ask`)
        let dates = events.map { records[$0.record].codedEvents[$0.event].date?.sortKey ?? Int.max }
        return events.indices.sorted {
            let a = events[$0], b = events[$1]
            if dates[$0] != dates[$1] { return dates[$0] < dates[$1] }
            return (records[a.record].file, records[a.record].paragraph, a.event) < (records[b.record].file, records[b.record].paragraph, b.event)
        }
    }

    /// The event `n` of `record` as found, with its sentence.
    static func found(_ record: PassageRecord, _ n: Int, utf8: [UInt8]) -> FoundEvent {
        let e = record.codedEvents[n]
        let (sentence, span) = record.sentenceAndSpan(of: e, utf8: utf8)
        return FoundEvent(id: "\(record.id)/\(n + 1)", passage: record.id, file: record.file, paragraph: record.paragraph,
                          page: record.page, sentence: sentence, span: span, event: e)
    }

    /// The coded events of the passages `request.search` selects, oldest first (undated ones last), each matching
    /// every event filter. Reads at most `maxPassages` passages.
    public func events(_ request: EventRequest, maxPassages: Int = 100_000) throws -> EventsResult {
        let (records, events) = try matchingEvents(request, maxPassages: maxPassages)
        let order = Self.eventOrder(records, events)
        let page = order.dropFirst(request.offset).prefix(request.limit).map { i in
            Self.found(records[events[i].record], events[i].event, utf8: Array(records[events[i].record].text.utf8))
        }
        return EventsResult(total: events.count, events: page)
    }
}
