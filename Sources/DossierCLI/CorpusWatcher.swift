import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// `dossier serve --watch`: as `dossier index --watch`, indexes the corpus again when its files' sizes or times change
/// (looked at four times a second), and once at the start. The server's searchers see each new revision at their
/// next request (`SearchPool`).
package final class CorpusWatcher: Sendable {
    package let corpus: String
    package let index: String
    /// Reads the corpus's web pages, office and PDF files.
    package let documents: DocumentReader
    private let stopped = LockedState(false)
    private let finished = DispatchSemaphore(value: 0)

    package init(corpus: String, index: String, documents: DocumentReader) {
        self.corpus = corpus
        self.index = index
        self.documents = documents
    }

    package func start() {
        DispatchQueue(label: "dossier.watch").async { [self] in
            // the files as they were before the first update: a change made while it runs is indexed next; a change
            // that could not be indexed (another process writing) is tried again
            let before = CorpusSnapshot.take(corpus)
            _ = update()
            CorpusSnapshot.watch(corpus, indexed: before, stopped: { stopped.withLock { $0 } }, update: update)
            finished.signal()
        }
    }

    package func stop() {
        stopped.withLock { $0 = true }
        finished.wait()
    }

    /// Indexes the corpus again; false when another process was writing the index (tried again at the next look).
    private func update() -> Bool {
        var options = Indexer.Options(corpus: URL(fileURLWithPath: corpus), index: index)
        options.documents = documents
        options.waitForLock = false
        let indexer = Indexer(options: options)
        indexer.onWarning = { Terminal.error($0.description) }
        do {
            let summary = try indexer.run()
            if summary.added + summary.changed + summary.removed > 0 {
                Terminal.output("Indexed \(corpus) again: \(summary.added) passages added, \(summary.changed) changed, \(summary.removed) removed")
            }
            return true
        } catch let error as DossierError where error.kind == .locked {
            return false  // another process is indexing: tried again in a moment
        } catch {
            // said once, as dossier index --watch says it: the next change tries again (retried at every look, a
            // full disk would print this four times a second)
            Terminal.error("dossier: watching \(corpus): \(error)")
            return true
        }
    }
}
