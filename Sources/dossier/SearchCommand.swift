import ArgumentParser
import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

extension Dossier {
    /// `dossier search`: ranked passages with snippets and facets.
    struct SearchCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search the index: ranked passages with snippets, and facets.",
            discussion: """
            Query language: words (all required; any if no passage has them all), "exact phrases" (the commonest words, such as of and the, are skipped), AND, OR, NOT (any case), -excluded, NEAR, trailing wildcard*, and fields: year:2014, year:2013..2016, topic:culture, person:"Li Keqiang", place:Antwerp, org:"Pairi Daiza", entity:..., file:NAME.

            A question or description in plain words (four or more words besides stop words, no query syntax), such as "how did trade between Belgium and China grow", is matched as a bag of words and ranked with pseudo-relevance feedback.

            Case and accents do not matter; aliases from the gazetteer are expanded (Xi, De Croo). With no query, every passage matches: browse with the filters and facets.

            Exit status: 0 (with or without matches), 1 runtime error, 2 usage or query error.
            """
        )

        @OptionGroup var selection: Selection

        @Option(name: .long, help: "Number of passages to show.")
        var limit = 10

        @Option(name: .long, help: "Number of passages to skip (for paging).")
        var offset = 0

        @Option(name: .long, help: ArgumentHelp("Order: relevance, date (oldest first) or -date (newest first).", valueName: "order"))
        var sort: SearchRequest.Sort = .relevance

        @Option(name: .long, help: ArgumentHelp("Values shown per facet (0 for none).", valueName: "n"))
        var facets = 10

        @Flag(name: .long, help: "With --facets 0: estimate the number of matches instead of counting them all (faster on large indexes).")
        var estimateTotal = false

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        @Option(name: .long, help: ArgumentHelp("Corpus folder to build the index from if there is none yet.", valueName: "dir"))
        var corpus = "Corpus"

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must be 0 or more") }
            guard offset >= 0 else { throw ValidationError("--offset must be 0 or more") }
            guard facets >= 0 else { throw ValidationError("--facets must be 0 or more") }
        }

        /// The search these arguments ask for.
        var invocation: SearchInvocation {
            var request = selection.request()
            request.limit = limit
            request.offset = offset
            request.sort = sort
            request.facetLimit = facets
            request.exactTotal = !estimateTotal
            return SearchInvocation(request: request, index: selection.location.index, corpus: corpus, json: json)
        }

        func run() throws {
            try invocation.run()
        }
    }

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
                Terminal.accent("\(record.file):\(record.paragraph)") + "  " + Terminal.dim("id \(record.id), line \(record.line)"),
                Terminal.bold("Topic: ") + record.topic,
            ]
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

    /// `dossier facets`: every facet value with counts.
    struct FacetsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "facets",
            abstract: "List every year, topic and entity of the matching passages, with counts."
        )

        @OptionGroup var selection: Selection

        @Flag(name: .long, help: "Print one JSON object instead of text.")
        var json = false

        func run() throws {
            let request = selection.request()
            let index = try openSearcher(selection.location)
            let (total, facets) = try index.searcher.allFacets(request)
            index.reportStaleness()
            if json {
                Terminal.output(JSON.object([("total", .int(total)), ("facets", Render.facets(facets))]).text)
                return
            }
            var lines = ["\(total) passage\(total == 1 ? "" : "s")"]
            for (title, values) in [("Years", facets.year), ("Topics", facets.topic), ("Entities", facets.entity)] where !values.isEmpty {
                lines.append("")
                lines.append(Terminal.bold(title))
                for v in values {
                    let kind = v.kind.map { Terminal.dim(" (\($0))") } ?? ""
                    lines.append("  \(String(v.count).leftPadded(5))  \(v.value)\(kind)")
                }
            }
            Terminal.output(lines.joined(separator: "\n"))
        }
    }

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
                Terminal.output(JSON.object([("events", .array(events.map(Render.event)))]).text)
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

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
    func rightPadded(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
}
