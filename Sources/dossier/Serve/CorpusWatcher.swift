import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// `dossier serve --watch`: indexes the corpus again every 2 seconds, as `dossier index` would (an unchanged corpus
/// costs a scan of its files' sizes and times, and writes nothing). The server's searchers see each new revision
/// at their next request (`SearchPool`).
final class CorpusWatcher: Sendable {
    let corpus: String
    let index: String
    private let stopped = LockedState(false)
    private let finished = DispatchSemaphore(value: 0)

    init(corpus: String, index: String) {
        self.corpus = corpus
        self.index = index
    }

    func start() {
        DispatchQueue(label: "dossier.watch").async { [self] in
            while !stopped.withLock({ $0 }) {
                update()
                for _ in 0..<20 where !stopped.withLock({ $0 }) { usleep(100_000) }
            }
            finished.signal()
        }
    }

    func stop() {
        stopped.withLock { $0 = true }
        finished.wait()
    }

    private func update() {
        var options = Indexer.Options(corpus: URL(fileURLWithPath: corpus), index: index)
        options.waitForLock = false
        let indexer = Indexer(options: options)
        indexer.onWarning = { Terminal.error($0.description) }
        do {
            let summary = try indexer.run()
            if summary.added + summary.changed + summary.removed > 0 {
                Terminal.output("Indexed \(corpus) again: \(summary.added) passages added, \(summary.changed) changed, \(summary.removed) removed")
            }
        } catch let error as DossierError where error.kind == .locked {
            // another process is indexing: its commit is what the searchers will see
        } catch {
            Terminal.error("dossier: watching \(corpus): \(error)")
        }
    }
}
