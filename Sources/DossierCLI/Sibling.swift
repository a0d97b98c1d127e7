import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

/// Runs `name`, the program installed beside this one, in this process (`exec`, as git runs its `git-*` programs),
/// with `arguments`. Returns only by throwing.
package func execSibling(_ name: String, arguments: [String]) throws -> Never {
    let program = try sibling(name)
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    execv(program, argv)
    throw DossierError(.other, "cannot run \(program): \(String(cString: strerror(errno)))")
}

/// `execSibling` with the arguments this program was given after `subcommand` (the `dossier` subcommand that runs
/// `name`), and `subcommand` itself first when `name` takes it too (`dossier-index index …`).
package func execSibling(_ name: String, subcommand: String, passingIt: Bool) throws -> Never {
    let rest = CommandLine.arguments.drop { $0 != subcommand }.dropFirst()
    try execSibling(name, arguments: (passingIt ? [subcommand] : []) + rest)
}

/// The path of `name`, the program installed beside this one; throws when it is not there.
package func sibling(_ name: String) throws -> String {
    var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &path, Int(PATH_MAX))
    let exe = length > 0 ? String(decoding: path[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    let program = String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]) + "/" + name
    guard access(program, X_OK) == 0 else {
        throw DossierError(.other, "this needs \(program), which is not there: `swift build -c release` builds it beside dossier")
    }
    return program
}

/// Runs `name`, the program installed beside this one, with `arguments`, and waits for it: what it writes on
/// stderr (warnings) is passed on; its error, if it fails, is this process's (one line, the same exit status).
package func runSibling(_ name: String, arguments: [String]) throws {
    let (status, stderr) = try Subprocess.run(try sibling(name), arguments)
    var lines = stderr.split(separator: "\n").map(String.init)
    guard status != 0 else {
        lines.forEach(Terminal.error)
        return
    }
    let last = lines.popLast() ?? "\(name) failed (exit status \(status))"
    lines.forEach(Terminal.error)
    let message = last.hasPrefix("dossier: ") ? String(last.dropFirst("dossier: ".count)) : last
    throw DossierError(status == 2 ? .usage : .other, message)
}
