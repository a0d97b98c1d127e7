import ArgumentParser
import CSV
import DossierCLI
import DossierCore
import Foundation

/// `dossier events --format csv`, which `dossier` runs (`exec`) so that the CSV library, and the Foundation it is
/// built on, are not loaded by every other command.
@main
struct DossierExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier events", abstract: EventsOptions.abstract, discussion: EventsOptions.discussion)

    @OptionGroup var options: EventsOptions

    static func main() {
        CommandErrors.run(DossierExport.self) {
            // run as `dossier-export events ARGUMENTS...` by `dossier events`
            var arguments = Array(CommandLine.arguments.dropFirst())
            if arguments.first == "events" { arguments.removeFirst() }
            var command = try parseAsRoot(arguments)
            try command.run()
        }
    }

    /// The ICEWS event files' columns, with their meaning there, then Dossier's own.
    static let header = [
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code", "Intensity",
        "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher", "City", "District",
        "Province", "Country", "Latitude", "Longitude",
        "Source Country Code", "Target Country Code", "PLOVER Event", "PLOVER Mode", "PLOVER Context", "Action", "Status",
        "Passage", "File", "Paragraph", "Sentence",
    ]

    /// CAMEO's agent codes as ICEWS names its sectors.
    static let sectorNames = [
        "GOV": "Government", "MIL": "Military", "BUS": "Business", "EDU": "Education", "MED": "Media", "IGO": "International Organization",
        "NGO": "Non-Governmental Organization", "LEG": "Legislative / Parliamentary", "JUD": "Judicial", "OPP": "Opposition",
        "REB": "Rebel", "COP": "Police", "CVL": "Civilian", "HLH": "Health", "AGR": "Agricultural", "ELI": "Elite", "LAB": "Labor",
        "REL": "Religious", "SPY": "Intelligence", "REF": "Refugees", "CRM": "Criminal",
    ]

    func run() throws {
        let index = try openSearcher(options.selection.location)
        let result = try index.searcher.events(options.request())
        index.reportStaleness()
        let stream = OutputStream(toMemory: ())
        stream.open()
        let csv = try CSVWriter(stream: stream)
        try csv.write(row: Self.header)
        let countries = EventTables.countryNames
        for f in result.events {
            let e = f.event
            func names(_ actors: [CodedEvent.Actor]) -> String { actors.map(\.name).joined(separator: "; ") }
            func sectors(_ actors: [CodedEvent.Actor]) -> String {
                actors.map { a in a.sector.map { Self.sectorNames[$0] ?? $0 } ?? "" }.joined(separator: "; ")
            }
            func countryNames(_ actors: [CodedEvent.Actor]) -> String {
                actors.map { a in a.country.map { countries[$0] ?? $0 } ?? "" }.joined(separator: "; ")
            }
            func codes(_ actors: [CodedEvent.Actor]) -> String { actors.map { $0.country ?? "" }.joined(separator: "; ") }
            let placeCountry = e.place.flatMap { EventTables.country(ofPlace: $0) }.map { countries[$0] ?? $0 } ?? ""
            csv.beginNewRow()
            try csv.write(row: [
                f.id, e.date?.description ?? "", names(e.source), sectors(e.source), countryNames(e.source), e.plover?.label ?? e.action,
                e.cameo, "", names(e.target), sectors(e.target), countryNames(e.target), f.passage, "", "", e.place ?? "", "", "",
                placeCountry, "", "",
                codes(e.source), codes(e.target), e.plover?.event ?? "", e.plover?.mode ?? "", e.plover?.context ?? "", e.action,
                e.status.rawValue, f.passage, f.file, String(f.paragraph), f.sentence,
            ])
        }
        csv.stream.close()
        if let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data {
            FileHandle.standardOutput.write(data)
        }
    }
}
