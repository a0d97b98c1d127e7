import Foundation

/// Indexing runs with jemalloc when it is installed; everything else with glibc's malloc.
///
/// Xapian's indexing allocates millions of small map nodes and strings, and a 1M-passage build took 15% less time
/// with jemalloc (BENCHMARKS.md). A search allocates little: there, loading and starting jemalloc cost ~1 ms of
/// every process (`trade` at 1M passages: 13.65 against 12.40 ms), and queries ran no faster with it in process.
/// A malloc must be in place before the first allocation, so `dossier index` and `dossier eval` start themselves
/// again, once, with jemalloc preloaded (`LD_PRELOAD`), and give their children the caller's `LD_PRELOAD` back.
/// `DOSSIER_ALLOCATOR=system` keeps glibc's malloc; so does a build with a sanitizer (whose runtime must be
/// loaded first), or a machine without `libjemalloc2`.
enum Allocator {
    static let library = "libjemalloc.so.2"
    /// Set in the started-again process: the caller's `LD_PRELOAD` (or `unset`).
    static let marker = "DOSSIER_CALLERS_LD_PRELOAD"
    static let unset = "\u{1}unset"

    /// What to do about the environment `environment` (for `execv`), given jemalloc's name or path (nil: not
    /// installed; looked for only when it would be preloaded) and whether it or a sanitizer is loaded.
    enum Plan: Equatable {
        /// Run as is.
        case stay
        /// Start again with these variables set.
        case restart(setting: [String: String])
        /// Started again: set these variables back (nil: unset), then run.
        case restore(setting: [String: String?])
    }

    static func plan(environment: [String: String], jemalloc: @autoclosure () -> String?, loaded: Bool, sanitized: Bool) -> Plan {
        if let callers = environment[marker] { return .restore(setting: restoring(callers)) }
        guard environment["DOSSIER_ALLOCATOR"] != "system", !loaded, !sanitized, let jemalloc = jemalloc() else { return .stay }
        let callers = environment["LD_PRELOAD"]
        let preload = callers.map { $0.isEmpty ? jemalloc : jemalloc + " " + $0 } ?? jemalloc
        return .restart(setting: ["LD_PRELOAD": preload, marker: callers ?? unset])
    }

    /// The variables that give the caller's `LD_PRELOAD` back, from the marker's value.
    static func restoring(_ callers: String) -> [String: String?] {
        ["LD_PRELOAD": callers == unset ? nil : callers, marker: nil]
    }

    /// Starts this process again with jemalloc preloaded, or returns (see `plan`).
    static func useJemallocIfInstalled() {
        let loaded = dlopen(library, RTLD_LAZY | RTLD_NOLOAD) != nil
        let sanitized = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil  // RTLD_DEFAULT
            || dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__tsan_init") != nil
        func set(_ variables: [String: String?]) {
            for (name, value) in variables {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        switch plan(environment: ProcessInfo.processInfo.environment, jemalloc: installedPath(), loaded: loaded, sanitized: sanitized) {
        case .stay:
            return
        case .restore(let variables):
            set(variables)
        case .restart(let variables):
            set(variables)
            execv("/proc/self/exe", CommandLine.unsafeArgv)
            // could not start again: go on as is
            set(restoring(variables[marker] ?? unset))
        }
    }

    /// jemalloc's path: in a folder this process loaded libraries from (the system's library folders), or nil.
    /// (Not found by `dlopen`: jemalloc's thread-local storage often does not fit in a process already started.)
    static func installedPath() -> String? {
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return nil }
        var folders: [Substring] = []
        for line in maps.split(separator: "\n") {
            guard let slash = line.firstIndex(of: "/"), line.contains(".so") else { continue }
            let folder = line[slash...].prefix { $0 != " " }.split(separator: "/", omittingEmptySubsequences: false).dropLast()
                .joined(separator: "/")
            if !folders.contains(Substring(folder)) { folders.append(Substring(folder)) }
        }
        return (folders + ["/usr/local/lib"]).map { $0 + "/" + library }.first { access($0, R_OK) == 0 }
    }
}
