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
    /// `dossier check`: is the index exactly the corpus, and sound?
    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Verify the index against the corpus, and run Xapian's consistency check.",
            discussion: """
            Every passage of every corpus file must be in the index with the right text hash, and nothing else; every shard must pass Xapian's own check (as xapian-check does), and its facet column (the copy of its facet values that searches count from) must equal its values. Exit status 0 only when all hold; 1 otherwise, with the differences listed. Waits for a running `dossier index` to finish.
            """
        )

        @Option(name: .long, help: ArgumentHelp("The folder of texts (or .jsonl file) the index was built from.", valueName: "dir"))
        var corpus = "Corpus"

        @Option(name: .long, help: ArgumentHelp("The index folder.", valueName: "dir"))
        var index = "Index"

        @Flag(name: .long, help: "Print one JSON object with the findings.")
        var json = false

        func run() throws {
            let report = try Checker.check(corpus: URL(fileURLWithPath: corpus), index: index)
            if json {
                Terminal.output(JSON.object([
                    ("consistent", .bool(report.consistent)), ("xapian_errors", .int(report.xapianErrors)),
                    ("files", .int(report.files)), ("passages", .int(report.passages)),
                    ("stale_files", JSON.strings(report.staleFiles)), ("missing", JSON.strings(report.missing)),
                    ("extra", JSON.strings(report.extra)), ("wrong_hash", JSON.strings(report.wrongHash)),
                    ("facet_column_errors", .int(report.facetColumnErrors)),
                    ("stale_facet_columns", JSON.strings(report.staleFacetColumns)),
                ]).text)
            } else {
                Terminal.output("\(index): \(report.passages) passages from \(report.files) files; Xapian's check: \(report.xapianErrors) errors")
                for f in report.staleFiles.prefix(20) { Terminal.output("stale: \(f) (changed since the last index run)") }
                for id in report.missing.prefix(20) { Terminal.output("missing: passage \(id)") }
                for id in report.extra.prefix(20) { Terminal.output("extra: passage \(id)") }
                for id in report.wrongHash.prefix(20) { Terminal.output("wrong text: passage \(id)") }
                if report.facetColumnErrors > 0 {
                    Terminal.output("facet columns: \(report.facetColumnErrors) passages whose facets differ from the index's values")
                }
                for shard in report.staleFacetColumns {
                    Terminal.output("note: \(shard) has no up-to-date facet column (searches count from its values; the next `dossier index` writes it)")
                }
            }
            if !report.consistent {
                throw DossierError(.other, report.xapianErrors > 0
                    ? "index is damaged (\(report.xapianErrors) errors in Xapian's check); rebuild it with `dossier index --rebuild`"
                    : report.facetColumnErrors > 0
                    ? "facet columns differ from the index (\(report.facetColumnErrors) passages); rebuild them with `dossier index --rebuild`"
                    : "index differs from the corpus; run `dossier index` to update it")
            }
            if !json { Terminal.output("OK: the index matches the corpus") }
        }
    }
}
