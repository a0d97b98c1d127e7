import ArgumentParser
import DossierCore

/// `dossier serve`'s options and help, shared by the `serve` subcommand of `dossier` and by `dossier-serve`, the
/// program it runs.
package struct ServeOptions: ParsableArguments {
    package static let abstract = "Serve the search page and its JSON API (open the address it prints in a browser)."
    package static let discussion = """
        The page searches as you type, with facets to click (years, topics, sections, people, places, organizations), each passage in full with its neighbours, each entity's timeline, and a timeline of any search. Every state has its own address: bookmark it or share it.

        The API answers as the command line's --json: GET /api/search?q=…&year=…&topic=…&entity=…&limit=…, /api/facets?…, /api/timeline?…, /api/passage/ID, /api/entity?name=….

        Serves until interrupted (Ctrl-C). Only this machine can connect unless --host says otherwise. Nothing is written: with --watch, the corpus is indexed again when its files change.

        The server is the program dossier-serve, installed beside dossier (the HTTP stack stays out of every other command's start-up).
        """

    @OptionGroup package var location: IndexLocation

    @Option(name: .long, help: ArgumentHelp("Corpus folder: built into the default Index/ if there is none yet, and watched with --watch.", valueName: "dir"))
    package var corpus = "Corpus"

    @Option(name: .long, help: ArgumentHelp("Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).", valueName: "address"))
    package var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("Port to listen on (0: any free port).", valueName: "n"))
    package var port = 8080

    @Flag(name: .long, help: "Index the corpus again whenever its files change, as `dossier index --watch` does.")
    package var watch = false

    package init() {}

    package func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        if watch, location.index.count > 1 || location.index.contains(where: { $0.hasPrefix("tcp://") }) {
            throw ValidationError("--watch keeps one local index up to date: give one --index (or none, for Index/)")
        }
    }

    /// The index paths to serve (none given: the default Index/).
    package var paths: [String] { location.index.isEmpty ? ["Index"] : location.index }
}
