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
    var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let length = readlink("/proc/self/exe", &path, Int(PATH_MAX))
    let exe = length > 0 ? String(decoding: path[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    let program = String(exe[..<(exe.lastIndex(of: "/") ?? exe.startIndex)]) + "/" + name
    guard access(program, X_OK) == 0 else {
        throw DossierError(.other, "this needs \(program), which is not there: `swift build -c release` builds it beside dossier")
    }
    let argv = ([program] + arguments).map { strdup($0) } + [nil]
    execv(program, argv)
    throw DossierError(.other, "cannot run \(program): \(String(cString: strerror(errno)))")
}
