import ArgumentParser
import DossierCLI
import DossierCore

extension Dossier {
    /// `dossier index`: runs `dossier-index`, the program beside this one that reads documents, with the same
    /// arguments (in this process: `exec`, as `dossier serve` runs `dossier-serve`). Help and argument errors are
    /// this command's own.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: IndexOptions.abstract, discussion: IndexOptions.discussion)

        @OptionGroup var options: IndexOptions

        func run() throws {
            try execSibling("dossier-index", subcommand: "index", passingIt: true)
        }
    }

    /// `dossier check`: runs `dossier check` in `dossier-index`, as `dossier index` does.
    struct CheckCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "check", abstract: CheckOptions.abstract, discussion: CheckOptions.discussion)

        @OptionGroup var options: CheckOptions

        func run() throws {
            try execSibling("dossier-index", subcommand: "check", passingIt: true)
        }
    }
}
