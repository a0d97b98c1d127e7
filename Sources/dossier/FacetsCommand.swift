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
    /// `dossier facets`: every facet value with counts.
    struct FacetsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "facets",
            abstract: "List every year, topic, section and entity of the matching passages, with counts."
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
                Terminal.output(Render.facetListing(total: total, facets: facets).text)
                return
            }
            var lines = ["\(total) passage\(total == 1 ? "" : "s")"]
            for (title, values) in [("Years", facets.year), ("Topics", facets.topic), ("Sections", facets.section), ("Entities", facets.entity)] where !values.isEmpty {
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
}
