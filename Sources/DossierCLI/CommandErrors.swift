import ArgumentParser
import DossierCore
import Xapian
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// How `dossier` and the programs beside it end: every error as one line on stderr and an exit status, 0 success
/// (help and version too), 1 runtime error, 2 usage or query error.
package enum CommandErrors {
    /// Parses this program's arguments as `Command` and runs it, ending as `run` says.
    package static func main<Command: ParsableCommand>(_ command: Command.Type) {
        run(Command.self) {
            var parsed = try Command.parseAsRoot()
            try parsed.run()
        }
    }

    package static func run<Command: ParsableCommand>(_ command: Command.Type, _ body: () throws -> Void) {
        do {
            try body()
        } catch let error as DossierError {
            Terminal.error("dossier: \(error.message)")
            Glibc.exit(error.exitCode)
        } catch let error as XapianError {
            Terminal.error("dossier: \(error.type): \(error.message)")
            Glibc.exit(1)
        } catch {
            let code = Command.exitCode(for: error)
            if code == .success {
                Terminal.output(Command.fullMessage(for: error))
                Glibc.exit(0)
            }
            let message = Command.message(for: error)
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
            Terminal.error("dossier: \(firstLine)")
            if code == .validationFailure || error is ValidationError {
                Glibc.exit(2)
            }
            Glibc.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
