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
    /// `dossier timeline`: dated events in order.
    struct TimelineCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "timeline",
            abstract: "The dated events of the matching passages, oldest first.",
            discussion: "With --entity, only events whose sentence names that entity; with a year filter, only events of those years."
        )

        @OptionGroup var selection: Selection

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        func run() throws {
            let request = selection.request()
            let index = try openSearcher(selection.location)
            let (events, _) = try index.searcher.timeline(request)
            index.reportStaleness()
            if json {
                Terminal.output(Render.timeline(events).text)
                return
            }
            if events.isEmpty {
                Terminal.output("No dated events match.")
                return
            }
            var lines: [String] = []
            for e in events {
                var line = Terminal.bold(e.date.description.rightPadded(10)) + "  " + e.sentence
                if !e.entities.isEmpty { line += Terminal.dim("  [" + e.entities.map(\.name).joined(separator: ", ") + "]") }
                line += Terminal.dim("  \(e.file):\(e.paragraph)")
                lines.append(line)
            }
            Terminal.output(lines.joined(separator: "\n"))
        }
    }
}
