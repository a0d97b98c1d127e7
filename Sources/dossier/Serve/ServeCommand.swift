import ArgumentParser
import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

extension Dossier {
    /// `dossier serve`: the search page and its JSON API, on this machine.
    struct ServeCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the search page and its JSON API (open the address it prints in a browser).",
            discussion: """
            The page searches as you type, with facets to click (years, topics, sections, people, places, organizations), each passage in full with its neighbours, each entity's timeline, and a timeline of any search. Every state has its own address: bookmark it or share it.

            The API answers as the command line's --json: GET /api/search?q=…&year=…&topic=…&entity=…&limit=…, /api/facets?…, /api/timeline?…, /api/passage/ID.

            Serves until interrupted (Ctrl-C). Only this machine can connect unless --host says otherwise. Nothing is written: with --watch, the corpus is indexed again when its files change.
            """
        )

        @OptionGroup var location: IndexLocation

        @Option(name: .long, help: ArgumentHelp("Corpus folder: built into the default Index/ if there is none yet, and watched with --watch.", valueName: "dir"))
        var corpus = "Corpus"

        @Option(name: .long, help: ArgumentHelp("Address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network).", valueName: "address"))
        var host = "127.0.0.1"

        @Option(name: .long, help: ArgumentHelp("Port to listen on (0: any free port).", valueName: "n"))
        var port = 8080

        @Flag(name: .long, help: "Index the corpus again whenever its files change, as `dossier index --watch` does.")
        var watch = false

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            if watch, location.index.count > 1 || location.index.contains(where: { $0.hasPrefix("tcp://") }) {
                throw ValidationError("--watch keeps one local index up to date: give one --index (or none, for Index/)")
            }
        }

        func run() throws {
            // open once first: a missing or damaged index ends here, in one line, before anything listens
            let paths = location.index.isEmpty ? ["Index"] : location.index
            _ = try openSearcher(index: location.index, corpus: corpus, quiet: false).searcher
            if !["127.0.0.1", "localhost", "::1"].contains(host) {
                Terminal.error("dossier: warning: listening on \(host): anyone who can reach this address can read the index")
            }
            let watcher = watch ? CorpusWatcher(corpus: corpus, index: paths[0]) : nil
            watcher?.start()
            let app = WebApp(pool: SearchPool(paths: paths))
            let failure = LockedState<Error?>(nil)
            let done = DispatchSemaphore(value: 0)
            let (host, port) = (self.host, self.port)
            Task {
                do {
                    try await app.serve(host: host, port: port) { address in
                        Terminal.output("Serving \(paths.joined(separator: ", ")) on \(address)  (Ctrl-C to stop)")
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
                done.signal()
            }
            done.wait()
            watcher?.stop()
            if let error = failure.withLock({ $0 }) {
                throw DossierError(.other, "cannot serve on \(host):\(port): \(error)")
            }
        }
    }
}
