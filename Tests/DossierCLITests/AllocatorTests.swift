import Foundation
import Testing

@testable import dossier

/// `dossier index` starts itself again with jemalloc preloaded; searches keep glibc's malloc (Allocator).
@Suite struct AllocatorTests {
    let jemalloc = "/usr/lib/x86_64-linux-gnu/libjemalloc.so.2"

    @Test func indexingStartsAgainWithJemallocPreloadedBeforeTheCallersPreloads() {
        #expect(Allocator.plan(environment: [:], jemalloc: jemalloc, loaded: false, sanitized: false)
                == .restart(setting: ["LD_PRELOAD": jemalloc, Allocator.marker: Allocator.unset]))
        #expect(Allocator.plan(environment: ["LD_PRELOAD": "libfoo.so"], jemalloc: jemalloc, loaded: false, sanitized: false)
                == .restart(setting: ["LD_PRELOAD": jemalloc + " libfoo.so", Allocator.marker: "libfoo.so"]))
        #expect(Allocator.plan(environment: ["LD_PRELOAD": ""], jemalloc: jemalloc, loaded: false, sanitized: false)
                == .restart(setting: ["LD_PRELOAD": jemalloc, Allocator.marker: ""]))
    }

    @Test func theStartedAgainProcessGivesTheCallersPreloadsBack() {
        #expect(Allocator.plan(environment: [Allocator.marker: Allocator.unset, "LD_PRELOAD": jemalloc], jemalloc: jemalloc,
                               loaded: true, sanitized: false)
                == .restore(setting: ["LD_PRELOAD": nil, Allocator.marker: nil]))
        #expect(Allocator.plan(environment: [Allocator.marker: "libfoo.so", "LD_PRELOAD": jemalloc + " libfoo.so"],
                               jemalloc: jemalloc, loaded: true, sanitized: false)
                == .restore(setting: ["LD_PRELOAD": "libfoo.so", Allocator.marker: nil]))
    }

    @Test func otherwiseItRunsAsItIs() {
        #expect(Allocator.plan(environment: ["DOSSIER_ALLOCATOR": "system"], jemalloc: jemalloc, loaded: false, sanitized: false) == .stay)
        #expect(Allocator.plan(environment: [:], jemalloc: nil, loaded: false, sanitized: false) == .stay)
        #expect(Allocator.plan(environment: [:], jemalloc: jemalloc, loaded: true, sanitized: false) == .stay)
        #expect(Allocator.plan(environment: [:], jemalloc: jemalloc, loaded: false, sanitized: true) == .stay)
    }

    /// End to end, as the dynamic loader reports it (LD_DEBUG=files): `dossier index` loads jemalloc (unless this
    /// is a sanitizer build, or jemalloc is not installed), `dossier search` and DOSSIER_ALLOCATOR=system do not.
    @Test func onlyIndexingLoadsJemalloc() throws {
        let cli = CLI()
        let loadsJemalloc = { (output: CLI.Output) in
            output.stderr.split(separator: "\n").contains { $0.contains("calling init:") && $0.contains("libjemalloc.so") }
        }
        let sanitized = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "__asan_init") != nil
        let installed = Allocator.installedPath() != nil
        let index = try cli.run(["index"], environment: ["LD_DEBUG": "files"])
        #expect(index.status == 0)
        #expect(loadsJemalloc(index) == (installed && !sanitized))
        let search = try cli.run(["search", "panda", "--json"], environment: ["LD_DEBUG": "files"])
        #expect(search.status == 0)
        #expect(!loadsJemalloc(search))
        let system = try cli.run(["index", "--rebuild"], environment: ["LD_DEBUG": "files", "DOSSIER_ALLOCATOR": "system"])
        #expect(system.status == 0)
        #expect(!loadsJemalloc(system))
    }
}
