import ArgumentParser
import DossierCLI
import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

extension Dossier {
    /// `dossier show`: one passage in full.
    struct ShowCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one passage in full, with its tags and dated events.",
            discussion: "Name the passage by its id (from search results) or as FILE#N, its N-th paragraph."
        )

        @Argument(help: "Passage id, or FILE#N.")
        var passage: String

        @OptionGroup var location: IndexLocation

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        func run() throws {
            let index = try openSearcher(location)
            guard let record = try index.searcher.passage(passage) else {
                throw DossierError(.usage, "no passage \(passage) (use an id from `dossier search`, or FILE#N)")
            }
            index.reportStaleness()
            if json {
                Terminal.output(Render.passage(record).text)
                return
            }
            var lines = [
                Terminal.accent(Render.place(record)) + "  " + Terminal.dim("id \(record.id), line \(record.line)"),
                Terminal.bold(record.topics.count == 1 ? "Topic: " : "Topics: ") + record.topics.joined(separator: ", "),
            ]
            if let section = record.section { lines.append(Terminal.bold("Section: ") + section) }
            if !record.years.isEmpty { lines.append(Terminal.bold("Years: ") + Render.yearList(record.years)) }
            if !record.entities.isEmpty {
                lines.append(Terminal.bold("Entities: ") + record.entities.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", "))
            }
            lines.append("")
            lines.append(record.text)
            if !record.events.isEmpty {
                lines.append("")
                lines.append(Terminal.bold("Dated events:"))
                for e in record.events {
                    lines.append("  \(e.date)  \(record.sentence(of: e))")
                }
            }
            Terminal.output(lines.joined(separator: "\n"))
        }
    }
}
