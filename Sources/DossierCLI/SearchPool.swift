import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// The server's searchers. Xapian handles are not thread-safe, so each `Searcher` belongs to one worker: it is
/// opened, used and replaced only on that worker's serial queue, and a request is one closure run there. Before
/// each request a worker asks its searcher whether the index changed (another process reindexed it, or `--watch`
/// did) and opens it again if so: new searches see the new index, and a search in flight finishes on the revision
/// it started with (`Searcher` reopens and retries if a writer commits under it).
package final class SearchPool: Sendable {
    private let workers: [Worker]
    /// Requests queued or running on each worker.
    private let load: LockedState<[Int]>

    package init(paths: [String], workers count: Int = Cores.available) {
        workers = (0..<max(1, count)).map { Worker(paths: paths, label: "dossier.search.\($0)") }
        load = LockedState([Int](repeating: 0, count: max(1, count)))
    }

    /// Runs `body` with a searcher of its own, on the least busy worker (the first of them: with one request at a
    /// time it is always the same searcher, whose Xapian block cache is warm). A search alone counts its matches on
    /// the other cores (`Searcher.countingThreads`); while others run, those cores are busy with them, and it
    /// counts on its own thread.
    package func run<T: Sendable>(_ body: @escaping @Sendable (Searcher) throws -> T) async throws -> T {
        let (index, alone) = load.withLock { load in
            let i = load.indices.min { load[$0] < load[$1] }!
            let alone = load.allSatisfy { $0 == 0 }
            load[i] += 1
            return (i, alone)
        }
        defer { load.withLock { $0[index] -= 1 } }
        return try await workers[index].run(alone: alone, body)
    }

    /// One searcher and the queue it lives on.
    private final class Worker: @unchecked Sendable {  // `searcher` is read and written only on `queue`
        private let queue: DispatchQueue
        private let paths: [String]
        private var searcher: Searcher?

        init(paths: [String], label: String) {
            self.paths = paths
            queue = DispatchQueue(label: label)
        }

        func run<T: Sendable>(alone: Bool, _ body: @escaping @Sendable (Searcher) throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(with: Result {
                        let searcher = try self.current()
                        searcher.countingThreads = alone ? Searcher.defaultCountingThreads : 0
                        return try body(searcher)
                    })
                }
            }
        }

        private func current() throws -> Searcher {
            if let searcher, !searcher.hasChanged() { return searcher }
            searcher = nil  // the old handles close before the new ones open
            let opened = try Searcher(paths: paths)
            searcher = opened
            return opened
        }
    }
}
