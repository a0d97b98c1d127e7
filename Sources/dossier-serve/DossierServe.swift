import ArgumentParser
import DossierCLI
import DossierCore
import DossierDocuments
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// `dossier-serve`: the web server that `dossier serve` runs (its own program, so that the HTTP stack is not
/// loaded by every other command).
@main
struct DossierServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

    @OptionGroup var options: ServeOptions

    static func main() { CommandErrors.main(DossierServe.self) }

    func run() throws {
        // open once first: a missing or damaged index ends here, in one line, before anything listens
        let paths = options.paths
        _ = try openSearcher(index: options.location.index, corpus: options.corpus, quiet: false, documents: .standard).searcher
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(options.host)
        if !loopback {
            Terminal.error("dossier: warning: listening on \(options.host): anyone who can reach this address can read the index")
        }
        let watcher = options.watch ? CorpusWatcher(corpus: options.corpus, index: paths[0], documents: .standard) : nil
        watcher?.start()
        let app = WebApp(pool: SearchPool(paths: paths), loopbackOnly: loopback)
        let failure = LockedState<Error?>(nil)
        let done = DispatchSemaphore(value: 0)
        let (host, port) = (options.host, options.port)
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
            let reason = String(describing: error)  // SwiftNIO's IOError: "bind(…): Address already in use (errno: 98)"
            if reason.contains("errno: 98") {
                throw DossierError(.other, "port \(port) is in use on \(host): choose another with --port (0: any free port)")
            }
            if reason.contains("errno: 99") {
                throw DossierError(.other, "\(host) is not an address of this machine: use 127.0.0.1 (this machine only) or 0.0.0.0 (every network)")
            }
            throw DossierError(.other, "cannot serve on \(host):\(port): \(reason)")
        }
    }
}
