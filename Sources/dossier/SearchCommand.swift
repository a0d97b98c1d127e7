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

        // unconditional: `--sort -date` is a value, not an option
        @Option(name: .long, parsing: .unconditional,
                help: ArgumentHelp("Order: relevance, date (oldest first) or -date (newest first).", valueName: "order"))
        var sort: SearchRequest.Sort = .relevance

        @Option(name: .long, help: ArgumentHelp("Values shown per facet (0 for none).", valueName: "n"))
        var facets = 10

        @Option(name: .long, help: ArgumentHelp("Values of the year facet, instead of --facets (10000: every year).", valueName: "n"))
        var yearFacets: Int?

        @Option(name: .long, help: ArgumentHelp("Entities per kind (people, places, organizations apart), instead of --facets for all kinds together.", valueName: "n"))
        var entityFacets: Int?

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
            guard (yearFacets ?? 0) >= 0 else { throw ValidationError("--year-facets must be 0 or more") }
            guard (entityFacets ?? 0) >= 0 else { throw ValidationError("--entity-facets must be 0 or more") }
        }

        /// The search these arguments ask for.
        var invocation: SearchInvocation {
            var request = selection.request()
            request.limit = limit
            request.offset = offset
            request.sort = sort
            request.facetLimit = facets
            request.yearFacetLimit = yearFacets
            request.entityFacetLimit = entityFacets
            request.exactTotal = !estimateTotal
            return SearchInvocation(request: request, index: selection.location.index, corpus: corpus, json: json)
        }

        func run() throws {
            try invocation.run()
        }
    }
}
