import ArgumentParser
import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// `dossier index`'s options, help and work, shared by the `index` subcommand of `dossier` and by `dossier-index`,
/// the program it runs (which links the document readers: see `DocumentReader`).
package struct IndexOptions: ParsableArguments {
    package static let abstract = "Index the corpus folder (only what changed since the last run)."
    package static let discussion = """
        Every .txt, .md, .html, .docx, .odt and .pdf file under the corpus folder is split into paragraphs (passages), tagged with section, topics, years, dates, entities, events and language, and written to the index; each passage is stemmed in its language. Web pages are read for their main text (no navigation, scripts, headers or footers). Headings (Markdown # lines, HTML <h1>-<h6>; in plain text, short title-like lines followed by a longer paragraph) are not passages: they give their section to the paragraphs below. A second run reads only changed files. Each run is committed atomically: if it is interrupted, the index keeps its previous state.

        Topics come from a built-in vocabulary (Diplomatic relations, High-level exchanges, Trade, … General). Tagging data in the corpus folder, added to the built-in data: gazetteer.tsv (entities and aliases), topics.tsv (topic keywords: topic<TAB>keyword | keyword* | keyword^2) and languages.tsv (folder<TAB>language, for folders whose language should not be detected: ministere<TAB>fr).

        The indexer is the program dossier-index, installed beside dossier (the libraries that read web pages, Word, OpenDocument and PDF files stay out of every other command's start-up).
        """

    @Option(name: .long, help: ArgumentHelp("The folder of texts to index.", valueName: "dir"))
    package var corpus = "Corpus"

    @Option(name: .long, help: ArgumentHelp("The index folder (created if needed).", valueName: "dir"))
    package var index = "Index"

    @Flag(name: .long, help: "Print one JSON object with the counts instead of a summary.")
    package var json = false

    @Flag(name: .long, help: "No progress bar and no summary (warnings and errors are still shown).")
    package var quiet = false

    @Flag(name: .long, help: "Keep running and reindex whenever a corpus file changes (Ctrl-C to stop).")
    package var watch = false

    @Flag(name: .long, help: "Wait for another process that is updating the index, instead of failing.")
    package var wait = false

    @Flag(name: .long, help: "Tag every passage again, even if nothing changed.")
    package var rebuild = false

    @Option(name: .long, help: ArgumentHelp("Split the index into N shards, built in parallel (default: the current number; for a new index, one under 16 MB of text, else one per core; changing it rebuilds).", valueName: "n"))
    package var shards: Int?

    package init() {}

    package func validate() throws {
        if let shards, !(1...256).contains(shards) { throw ValidationError("--shards must be between 1 and 256") }
    }

    /// Indexes (and with `--watch`, keeps indexing) with `documents` reading web pages, office and PDF files.
    package func run(documents: DocumentReader) throws {
        var options = Indexer.Options(corpus: URL(fileURLWithPath: corpus), index: index)
        options.documents = documents
        options.waitForLock = wait
        options.rebuild = rebuild
        options.shards = shards
        try runOnce(options)
        guard watch else { return }
        options.rebuild = false
        if !quiet && !json { Terminal.error("Watching \(corpus)/ for changes (Ctrl-C to stop)") }
        try CorpusSnapshot.watch(corpus) {
            do {
                try runOnce(options)
            } catch let error as DossierError {
                Terminal.error("dossier: \(error.message)")
            }
            return true  // an error is said once; the next change tries again
        }
    }

    private func runOnce(_ options: Indexer.Options) throws {
        let progress = ProgressBar(label: "Indexing", enabled: !quiet)
        let indexer = Indexer(options: options)
        indexer.onWarning = { Terminal.error($0.description) }
        indexer.onProgress = { progress.update($0, $1) }
        let summary: IndexSummary
        do {
            summary = try indexer.run()
        } catch {
            progress.finish()
            throw error
        }
        progress.finish()
        if json {
            Terminal.output(JSON.object([
                ("files", .int(summary.files)), ("passages", .int(summary.passages)),
                ("added", .int(summary.added)), ("changed", .int(summary.changed)),
                ("removed", .int(summary.removed)), ("unchanged", .int(summary.unchanged)),
                ("seconds", .double(summary.seconds)), ("shards", .int(summary.shards)),
                ("full_build", .bool(summary.fullBuild)),
            ]).text)
        } else if !quiet {
            Terminal.output(
                "Indexed \(summary.files) file\(summary.files == 1 ? "" : "s"), \(summary.passages) passages in \(options.index)/: "
                    + "\(summary.added) added, \(summary.changed) changed, \(summary.removed) removed, \(summary.unchanged) unchanged "
                    + "(\(Formatting.fixed(summary.seconds, places: 2)) s)")
        }
    }
}

/// `dossier check`'s options, help and work, shared as `IndexOptions` are.
package struct CheckOptions: ParsableArguments {
    package static let abstract = "Verify the index against the corpus, and run Xapian's consistency check."
    package static let discussion = """
        Every passage of every corpus file must be in the index with the right text hash, and nothing else; every shard must pass Xapian's own check (as xapian-check does), and its facet column (the copy of its facet values that searches count from) must equal its values. Exit status 0 only when all hold; 1 otherwise, with the differences listed. Waits for a running `dossier index` to finish.
        """

    @Option(name: .long, help: ArgumentHelp("The folder of texts (or .jsonl file) the index was built from.", valueName: "dir"))
    package var corpus = "Corpus"

    @Option(name: .long, help: ArgumentHelp("The index folder.", valueName: "dir"))
    package var index = "Index"

    @Flag(name: .long, help: "Print one JSON object with the findings.")
    package var json = false

    package init() {}

    /// Checks the index against the corpus, reading documents with `documents`.
    package func run(documents: DocumentReader) throws {
        let report = try Checker.check(corpus: URL(fileURLWithPath: corpus), index: index, documents: documents)
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
