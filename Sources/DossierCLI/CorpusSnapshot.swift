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
    package static func take(_ corpus: String) -> [String: [Int64]] {
        var warnings: [Warning] = []
        var result: [String: [Int64]] = [:]
        for f in CorpusReader.scan(URL(fileURLWithPath: corpus), warnings: &warnings) { result[f.path] = [f.size, f.mtime] }
        for name in [Gazetteer.fileName, TopicLexicon.fileName] {
            var st = stat()
            if stat(corpus + "/" + name, &st) == 0 { result[name] = [Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec)] }
        }
        return result
    }
}
