import ArgumentParser
import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// Where the index is.
package struct IndexLocation: ParsableArguments {
    package init() {}

    @Option(name: .long, help: ArgumentHelp("Index folder, Xapian stub file, or tcp://HOST:PORT; repeat to search several as one.", valueName: "dir"))
    package var index: [String] = []
}

/// Filters shared by search, facets and timeline.
package struct Filters: ParsableArguments {
    package init() {}

    @Option(name: .long, help: ArgumentHelp("Passages mentioning this year (repeat: any of them).", valueName: "year"))
    package var year: [Int] = []

    @Option(name: .long, help: ArgumentHelp("Passages mentioning a date from this one (a year, a month 2016-03 or a day 2016-03-14)…", valueName: "date"))
    package var from: EventDate?

    @Option(name: .long, help: ArgumentHelp("…up to this one.", valueName: "date"))
    package var to: EventDate?

    @Option(name: .long, help: ArgumentHelp("Passages with this topic (one of the vocabulary's, e.g. Trade, \"High-level exchanges\"; or topic words), repeat: any of them.", valueName: "topic"))
    package var topic: [String] = []

    @Option(name: .long, help: ArgumentHelp("Passages of this section: the file's own heading or label, as written (any case); a heading selects the sections under it too. Repeat: any of them.", valueName: "section"))
    package var section: [String] = []

    @Option(name: .long, help: ArgumentHelp("Passages naming this person, place or organization, or an alias (repeat: any).", valueName: "name"))
    package var entity: [String] = []

    @Option(name: .long, help: ArgumentHelp("Passages of this file (path relative to the corpus; a folder ending in / for all its files).", valueName: "path"))
    package var file: [String] = []

    @Option(name: .long, help: ArgumentHelp("Passages reporting an event of this action (visit, state visit, meeting, call, signing, …; a broader one finds its kinds). Repeat: any.", valueName: "action"))
    package var action: [String] = []

    @Option(name: .long, help: ArgumentHelp("Passages reporting an event of this PLOVER type (CONSULT, AGREE, SANCTION, …). Repeat: any.", valueName: "type"))
    package var plover: [String] = []

    @Option(name: .long, help: ArgumentHelp("Passages in this language: en, fr, nl, de, es, it, pt, zh (or its name: French); the query is stemmed for it. Repeat: any.", valueName: "code"))
    package var language: [String] = []

    package func validate() throws {
        for l in language where LanguageDetector.code(l) == nil {
            throw ValidationError("unknown language \(DossierError.quoted(l)); one of \(LanguageDetector.codes.joined(separator: ", "))")
        }
        for p in plover where !EventsOptions.ploverTypes.contains(p.uppercased()) {
            throw ValidationError("unknown PLOVER type \(DossierError.quoted(p)); one of \(EventsOptions.ploverTypes.sorted().joined(separator: ", "))")
        }
        for y in year + [from, to].compactMap({ $0?.year }) where !(0...9999).contains(y) {
            throw ValidationError("a year must be between 0 and 9999, got \(y)")
        }
        if let problem = EventDate.rangeProblem(from: from, to: to, names: ("--from", "--to")) { throw ValidationError(problem) }
    }

    package func apply(to request: inout SearchRequest) {
        request.years = year
        request.from = from
        request.to = to
        request.topics = topic
        request.sections = section
        request.entities = entity
        request.files = file
        request.actions = action
        request.plovers = plover.map { $0.uppercased() }
        request.languages = language.compactMap(LanguageDetector.code)
    }
}

/// The query, the index and the filters: what search, facets and timeline select passages by.
package struct Selection: ParsableArguments {
    package init() {}

    @Argument(help: "Words to search for (optional).")
    package var query: [String] = []

    @OptionGroup package var location: IndexLocation
    @OptionGroup package var filters: Filters

    package func request() -> SearchRequest {
        var request = SearchRequest(query: query.joined(separator: " "))
        filters.apply(to: &request)
        return request
    }
}

extension SearchRequest.Sort: ExpressibleByArgument {}

extension EventDate {
    /// Why `from`…`to` cannot select passages: a day not in the calendar (2016-02-30), or a range the wrong way
    /// round (from 2016 to 2010); nil when it can. The command line's and the API's one check, `names` being
    /// theirs for the two bounds.
    package static func rangeProblem(from: EventDate?, to: EventDate?, names: (from: String, to: String)) -> String? {
        for (date, name) in [(from, names.from), (to, names.to)] {
            if let date, !date.exists { return "\(name) \(date) is not a day of the calendar" }
        }
        if let from, let to, from.span.lo > to.span.hi {
            return "\(names.from) \(from) is after \(names.to) \(to): give the earlier date first"
        }
        return nil
    }
}

extension EventDate: ExpressibleByArgument {
    /// A year, a month or a day: `2016`, `2016-03`, `2016-03-14`.
    public init?(argument: String) {
        self.init(argument)
    }
}

/// An open index, and the check for corpus files changed since it was built (running meanwhile).
package struct OpenIndex {
    package let searcher: Searcher
    package let stale: PendingNotice?

    /// Prints the staleness notice, if any, on stderr, waiting for the check (call it after the search, before
    /// the command's output: the check runs meanwhile).
    package func reportStaleness() {
        if let notice = stale?.wait() { Terminal.error(notice) }
    }
}

/// Opens the index for reading, building the default Index/ first from Corpus/ when it does not exist yet, and
/// checking (on another thread) whether the corpus changed since it was built.
package func openSearcher(_ location: IndexLocation, corpus: String = "Corpus", quiet: Bool = false) throws -> OpenIndex {
    try openSearcher(index: location.index, corpus: corpus, quiet: quiet)
}

/// The same for the `--index` values given (none: the default Index/), building a missing Index/ with `documents`
/// reading the corpus's documents; without them (in `dossier`, which does not link their readers), by running
/// `dossier-index`.
package func openSearcher(index: [String], corpus: String = "Corpus", quiet: Bool = false, documents: DocumentReader? = nil) throws -> OpenIndex {
    let paths = index.isEmpty ? ["Index"] : index
    if paths.count == 1, !paths[0].hasPrefix("tcp://") {
        let path = paths[0]
        let exists = FileManager.default.fileExists(atPath: path + "/" + IndexLayout.stubName)
            || FileManager.default.fileExists(atPath: path + "/iamglass") || isFile(path)
        if !exists {
            // only the default Index/ is built on the fly: a missing --index path is more likely a typo
            guard index.isEmpty, FilePaths.isDirectory(corpus) == true else {
                throw DossierError(.indexMissing, "no index at \(path): build it with `dossier index --corpus DIR --index \(path)`")
            }
            if !quiet { Terminal.error("dossier: no index at \(path); building it from \(corpus)/ first") }
            if let documents {
                var options = Indexer.Options(corpus: URL(fileURLWithPath: corpus), index: path)
                options.documents = documents
                let indexer = Indexer(options: options)
                indexer.onWarning = { Terminal.error($0.description) }
                _ = try indexer.run()
            } else {
                try runSibling("dossier-index", arguments: ["index", "--corpus", corpus, "--index", path, "--quiet"])
            }
            return OpenIndex(searcher: try Searcher(paths: paths), stale: nil)
        }
        let searcher = try Searcher(paths: paths)
        return OpenIndex(searcher: searcher, stale: quiet ? nil : searcher.startStaleCorpusCheck())
    }
    return OpenIndex(searcher: try Searcher(paths: paths), stale: nil)
}

package func isFile(_ path: String) -> Bool {
    FilePaths.isDirectory(path) == false
}
