import ArgumentParser
import DossierCLI
import DossierCore
import DossierDocuments

/// `dossier-index`: `dossier index` and `dossier check`, which `dossier` runs (their own program, the one that links
/// the readers of web pages, Word, OpenDocument and PDF files: see `DocumentReader`).
@main
struct DossierIndex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier", abstract: "Index the corpus, or check the index against it.", subcommands: [Index.self, Check.self])

    static func main() { CommandErrors.main(DossierIndex.self) }

    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: IndexOptions.abstract, discussion: IndexOptions.discussion)

        @OptionGroup var options: IndexOptions

        func run() throws { try options.run(documents: .standard) }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: CheckOptions.abstract, discussion: CheckOptions.discussion)

        @OptionGroup var options: CheckOptions

        func run() throws { try options.run(documents: .standard) }
    }
}
