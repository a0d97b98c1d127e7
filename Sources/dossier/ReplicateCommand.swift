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
    /// `dossier replicate`: keeps a read replica in sync with a master index, through Xapian's replication.
    struct ReplicateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "replicate",
            abstract: "Keep a read replica of an index in sync with Xapian's replication.",
            discussion: """
            On the master: `XAPIAN_MAX_CHANGESETS=10 dossier index` (keeps changesets, so replicas fetch only changes) and `xapian-replicate-server -p PORT Index`. On the replica: `dossier replicate MASTER:PORT --index Index`, which copies the manifest and every shard with the stock xapian-replicate, then switches the replica's stub file. Search the replica as any index.
            """
        )

        @Argument(help: ArgumentHelp("The master's xapian-replicate-server.", valueName: "host:port"))
        var master: String

        @Option(name: .long, help: ArgumentHelp("The replica's index folder.", valueName: "dir"))
        var index = "Index"

        @Option(name: .long, help: ArgumentHelp("Seconds between passes.", valueName: "n"))
        var interval = 60

        @Flag(name: .long, help: "One pass, then exit.")
        var once = false

        func validate() throws {
            guard master.split(separator: ":").count == 2, Int(master.split(separator: ":")[1]) != nil else {
                throw ValidationError("expected HOST:PORT, got \(master)")
            }
            if interval < 1 { throw ValidationError("--interval must be at least 1") }
        }

        func run() throws {
            let parts = master.split(separator: ":")
            while true {
                let pass = try Replica.syncOnce(host: String(parts[0]), port: Int(parts[1])!, folder: index)
                if once {
                    Terminal.output("Replica \(index)/ in sync with \(master): generation \(pass.generation), \(pass.shards.count) shard\(pass.shards.count == 1 ? "" : "s")")
                    return
                }
                sleep(UInt32(interval))
            }
        }
    }
}
