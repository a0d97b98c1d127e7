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
            let arguments = Array(CommandLine.arguments.drop { $0 != "serve" }.dropFirst())
            var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink("/proc/self/exe", &path, Int(PATH_MAX))
            let exe = length > 0 ? String(decoding: path[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
            let program = String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]) + "/dossier-serve"
            guard access(program, X_OK) == 0 else {
                throw DossierError(.other, "dossier serve runs \(program), which is not there: `swift build -c release` builds it beside dossier")
            }
            let argv = ([program] + arguments).map { strdup($0) } + [nil]
            execv(program, argv)
            throw DossierError(.other, "cannot run \(program): \(String(cString: strerror(errno)))")
        }
    }
}
