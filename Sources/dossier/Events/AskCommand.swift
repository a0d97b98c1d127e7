import ArgumentParser
import DossierCLI
import DossierCore

extension Dossier {
    /// `dossier ask`: a question answered from the coded events, dates and figures, with the sentences that say so.
    struct AskCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ask",
            abstract: "Answer a question from the events, dates and figures of the texts, with the evidence sentences.",
            discussion: """
            Understands who, when, where, what, which, how much and how many questions, with a year or a range \
            ("in 2015", "since 2016", "before 2010", "between 2010 and 2015"), people, places and organizations by \
            name or alias ("Prime Minister Michel"), and actions (visited, met, signed, called). Answers are ranked by \
            the number of sentences that give them. Without an answer, it says so and lists the passages a search \
            for the question finds. Runs on this machine only: no model and no network.
            """
        )

        @Argument(help: "The question, e.g. \"Who visited Belgium in 2015?\".")
        var question: [String] = []

        @OptionGroup var location: IndexLocation
        @OptionGroup var filters: Filters

        @Option(name: .long, help: "Answers (or passages) to show.")
        var limit = 10

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        }

        func run() throws {
            let text = question.joined(separator: " ").trimming(" \t\n")
            guard !text.isEmpty else { throw DossierError(.usage, "ask needs a question, e.g. dossier ask \"Who visited Belgium in 2015?\"") }
            guard text.count <= 2000 else { throw DossierError(.usage, "the question is longer than 2000 characters") }
            var request = SearchRequest()
            filters.apply(to: &request)
            let index = try openSearcher(location)
            let result = try index.searcher.ask(text, filters: request, limit: limit)
            index.reportStaleness()
            if json {
                Terminal.output(Render.ask(result).text)
                return
            }
            if !result.fallback {
                Terminal.output(Render.answersText(result))
                return
            }
            var out = "No answer in the texts" + (result.question.kind == nil ? " (not a question Dossier reads)" : "") + "."
            if let passages = result.passages, !passages.hits.isEmpty {
                out += " Passages for " + Terminal.bold(passages.query) + ":\n\n" + Render.text(passages, request: SearchRequest(query: passages.query))
            }
            Terminal.output(out)
        }
    }
}
