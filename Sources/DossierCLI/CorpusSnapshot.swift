import DossierCore
#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif

/// The sizes and times of a corpus folder's files and tagging data: what `dossier index --watch` and
/// `dossier serve --watch` compare to know that the corpus changed.
package enum CorpusSnapshot {
    /// Calls `update` each time the corpus's files change (looked at four times a second, then 0.1 s later, so
    /// that an editor has finished writing), until `stopped()`. A change `update` says it could not index (false)
    /// is tried again at the next look. `indexed` is what the index holds (the files now, by default).
    package static func watch(_ corpus: String, indexed: [String: [Int64]]? = nil, stopped: () -> Bool = { false },
                              update: () throws -> Bool) rethrows {
        var indexed = indexed ?? take(corpus)
        while !stopped() {
            usleep(250_000)
            guard take(corpus) != indexed else { continue }
            usleep(100_000)
            let settled = take(corpus)
            if try update() { indexed = settled }
        }
    }

    package static func take(_ corpus: String) -> [String: [Int64]] {
        var warnings: [Warning] = []
        var result: [String: [Int64]] = [:]
        for f in CorpusReader.scan(URL(fileURLWithPath: corpus), warnings: &warnings) { result[f.path] = [f.size, f.mtime] }
        for name in [Gazetteer.fileName, TopicLexicon.fileName, FolderLanguages.fileName] {
            var st = stat()
            if stat(corpus + "/" + name, &st) == 0 { result[name] = [Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec)] }
        }
        return result
    }
}
