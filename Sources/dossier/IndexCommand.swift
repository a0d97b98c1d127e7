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
    /// `dossier index`: brings the index in line with the corpus folder.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Index the corpus folder (only what changed since the last run).",
            discussion: """
            Every .txt, .md, .html, .docx, .odt and .pdf file under the corpus folder is split into paragraphs (passages), tagged with section, topics, years, dates, entities, events and language, and written to the index; each passage is stemmed in its language. Web pages are read for their main text (no navigation, scripts, headers or footers). Headings (Markdown # lines, HTML <h1>-<h6>; in plain text, short title-like lines followed by a longer paragraph) are not passages: they give their section to the paragraphs below. A second run reads only changed files. Each run is committed atomically: if it is interrupted, the index keeps its previous state.

            Topics come from a built-in vocabulary (Diplomatic relations, High-level exchanges, Trade, … General). Tagging data in the corpus folder, added to the built-in data: gazetteer.tsv (entities and aliases), topics.tsv (topic keywords: topic<TAB>keyword | keyword* | keyword^2) and languages.tsv (folder<TAB>language, for folders whose language should not be detected: ministere<TAB>fr).
            """
        )

        @Option(name: .long, help: ArgumentHelp("The folder of texts to index.", valueName: "dir"))
        var corpus = "Corpus"

        @Option(name: .long, help: ArgumentHelp("The index folder (created if needed).", valueName: "dir"))
        var index = "Index"

        @Flag(name: .long, help: "Print one JSON object with the counts instead of a summary.")
        var json = false

        @Flag(name: .long, help: "No progress bar and no summary (warnings and errors are still shown).")
        var quiet = false

        @Flag(name: .long, help: "Keep running and reindex whenever a corpus file changes (Ctrl-C to stop).")
        var watch = false

        @Flag(name: .long, help: "Wait for another process that is updating the index, instead of failing.")
        var wait = false

        @Flag(name: .long, help: "Tag every passage again, even if nothing changed.")
        var rebuild = false

        @Option(name: .long, help: ArgumentHelp("Split the index into N shards, built in parallel (default: the current number; for a new index, one under 16 MB of text, else one per core; changing it rebuilds).", valueName: "n"))
        var shards: Int?

        func validate() throws {
            if let shards, !(1...256).contains(shards) { throw ValidationError("--shards must be between 1 and 256") }
        }

        func run() throws {
            var options = Indexer.Options(corpus: URL(fileURLWithPath: corpus), index: index)
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

        func runOnce(_ options: Indexer.Options) throws {
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
}
