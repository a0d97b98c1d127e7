import ArgumentParser
import DossierCLI
import DossierCore

extension Dossier {
    /// `dossier events`: the coded events of the matching passages. CSV is written by `dossier-export`, the program
    /// beside this one that links the CSV library (and Foundation, which it needs).
    struct EventsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "events", abstract: EventsOptions.abstract, discussion: EventsOptions.discussion)

        @OptionGroup var options: EventsOptions

        func run() throws {
            if options.output == .csv {
                try execSibling("dossier-export", arguments: Array(CommandLine.arguments.dropFirst()))
            }
            let index = try openSearcher(options.selection.location)
            let result = try index.searcher.events(options.request())
            index.reportStaleness()
            switch options.output {
            case .json: Terminal.output(Render.events(result).text)
            case .jsonl: Terminal.output(result.events.map { Render.codedEvent($0).text }.joined(separator: "\n"))
            default: Terminal.output(Render.eventsText(result, offset: options.offset))
            }
        }
    }
}
