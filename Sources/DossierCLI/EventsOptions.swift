import ArgumentParser
import DossierCore

/// The output formats of `dossier events`.
package enum EventsFormat: String, CaseIterable, ExpressibleByArgument, Sendable {
    case text, json, jsonl, csv
}

extension CodedEvent.Status: ExpressibleByArgument {}

/// `dossier events`' arguments: the passages (query and filters, as for search), the event filters, the page and
/// the format. Shared by `dossier` and `dossier-export` (which writes the CSV).
package struct EventsOptions: ParsableArguments {
    package init() {}

    package static let abstract = "The events the matching passages report, coded in CAMEO and PLOVER, oldest first."
    package static let discussion = """
    Each sentence that reports an event (a visit, a meeting, a call, a signing, a protest, a sanction, …) gives one \
    event: its date, its source and target actors (name, country as ISO 3166 alpha-3, sector, title), the CAMEO code, \
    the PLOVER event, mode and context, Dossier's action name (visit, state visit, meeting, call, phone call, talks, \
    signing, …), where it happened, the amounts the sentence gives, and whether it was done, negated, planned or \
    hypothetical. Every event filter must hold for the same event; values of one filter are alternatives.
    --format csv writes the columns of the ICEWS event files (Event ID, Event Date, Source Name, Source Sectors, \
    Source Country, Event Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target Country, Story ID, \
    Sentence Number, Publisher, City, District, Province, Country, Latitude, Longitude), then Dossier's own.
    """

    @OptionGroup package var selection: Selection

    @Option(name: .long, help: ArgumentHelp("Events of this CAMEO code, or under it (04: every consultation). Repeat: any.", valueName: "code"))
    package var cameo: [String] = []

    @Option(name: .long, help: ArgumentHelp("Events with this person, place or organization (or an alias) as source or target. Repeat: any.", valueName: "name"))
    package var actor: [String] = []

    @Option(name: .long, help: ArgumentHelp("Events with an actor of this country, as an ISO 3166 alpha-3 code (BEL, CHN). Repeat: any.", valueName: "iso3"))
    package var country: [String] = []

    @Option(name: .long, help: ArgumentHelp("Events that happened in this place.", valueName: "name"))
    package var place: String?

    @Option(name: .long, help: ArgumentHelp("Only events of this status: done, negated, planned, hypothetical. Repeat: any.", valueName: "status"))
    package var status: [CodedEvent.Status] = []

    @Option(name: .long, help: "Events to show.")
    package var limit = 20

    @Option(name: .long, help: "Events to skip (for the next page).")
    package var offset = 0

    @Flag(name: .long, help: "Print one JSON object instead of text (the same as --format json).")
    package var json = false

    @Option(name: .long, help: ArgumentHelp("Output: text, json, jsonl (one event a line) or csv.", valueName: "format"))
    package var format: EventsFormat?

    package static let ploverTypes: Set<String> = [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
        "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]

    /// A CAMEO code or root: two to four ASCII digits ("04", "042", "0431").
    package static func isCAMEOCode(_ code: String) -> Bool {
        (2...4).contains(code.count) && code.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// An ISO 3166 alpha-3 code, in either case ("BEL", "chn").
    package static func isCountryCode(_ code: String) -> Bool {
        code.count == 3 && code.allSatisfy { $0.isASCII && $0.isLetter }
    }

    package func validate() throws {
        guard limit >= 0, offset >= 0 else { throw ValidationError("--limit and --offset must not be negative") }
        for c in cameo where !Self.isCAMEOCode(c) {
            throw ValidationError("a CAMEO code is two to four digits (04, 042, 0431), got \(DossierError.quoted(c))")
        }
        for c in country where !Self.isCountryCode(c) {
            throw ValidationError("a country is an ISO 3166 alpha-3 code (BEL, CHN), got \(DossierError.quoted(c))")
        }
        if json, let format, format != .json { throw ValidationError("--json and --format \(format.rawValue) disagree") }
    }

    package var output: EventsFormat { format ?? (json ? .json : .text) }

    package func request() -> EventRequest {
        var r = EventRequest()
        r.search = selection.request()  // --action and --plover are among its filters
        r.search.cameos = cameo
        r.search.countries = country.map { $0.uppercased() }
        r.actors = actor
        r.place = place
        r.statuses = status
        r.limit = limit
        r.offset = offset
        return r
    }
}
