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
    /// `dossier serve`: runs `dossier-serve`, the program beside this one that holds the web server, with the same
    /// arguments (in this process: `exec`, as git runs its `git-*` programs). Help and argument errors are this
    /// command's own, so they are the same whether or not the server is installed.
    struct ServeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

        @OptionGroup var options: ServeOptions

        func run() throws {
            try execSibling("dossier-serve", subcommand: "serve", passingIt: false)
        }
    }
}
