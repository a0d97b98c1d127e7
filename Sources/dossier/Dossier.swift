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
import Xapian

/// The `dossier` command: index and search bilateral-relations texts.
@main
struct Dossier: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Index and search texts about relations between countries.",
        discussion: """
        Put .txt, .md, .html, .docx, .odt and .pdf files in Corpus/, run `dossier index`, then `dossier search WORDS`. Passages are tagged with section, topics, years and dates, people, places and organizations, so searches can be narrowed with --year, --topic, --section and --entity.
        """,
        version: "dossier \(version) (Xapian \(Database.xapianVersion))",
        subcommands: [Index.self, SearchCommand.self, ShowCommand.self, FacetsCommand.self, TimelineCommand.self, EventsCommand.self, AskCommand.self, ServeCommand.self, EvalCommand.self, CheckCommand.self, ReplicateCommand.self]
    )

    /// Runs the command; every error ends as one line on stderr and an exit status:
    /// 0 success, 1 runtime error, 2 usage or query error.
    static func main() {
        CommandErrors.run(Dossier.self) {
            // the plainest searches skip ArgumentParser's reflection (see SearchInvocation)
            let arguments = CommandLine.arguments.dropFirst()
            if arguments.first == "search", let search = SearchInvocation(quickParsing: arguments.dropFirst()) {
                try search.run()
                return
            }
            var command = try parseAsRoot()
            try command.run()
        }
    }
}
