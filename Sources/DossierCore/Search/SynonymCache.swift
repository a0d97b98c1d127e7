#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// The gazetteer's synonyms in a small local database of no documents, for searching remote shards.
///
/// Xapian's remote backend serves metadata but not synonyms, so a query parsed against remote shards alone
/// would not find an entity by its aliases. The gazetteer travels in metadata; its synonyms are written once
/// per gazetteer (named by its hash) under the temporary folder and searched together with the shards. The
/// folder is built under a private name and renamed into place, so concurrent searches never see half of one.
enum SynonymCache {
    static func database(for gazetteer: Gazetteer) throws(XapianError) -> Database {
        let key = FNV1a.hash(gazetteer.source, Schema.version, BuiltinGazetteer.version).hex
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dossier-synonyms-\(getuid())-\(key)").path
        if let db = try? Database(path: folder) { return db }
        let building = folder + ".building-\(getpid())"
        try? FileManager.default.removeItem(atPath: building)
        do {
            let db = try WritableDatabase(path: building, mode: .createOrOverwrite)
            try gazetteer.storeSynonyms(in: db)
            try db.commit()
            try db.close()
        } catch {
            try? FileManager.default.removeItem(atPath: building)
            throw error
        }
        // Another search may have put the same folder in place first: keep that one.
        if rename(building, folder) != 0 { try? FileManager.default.removeItem(atPath: building) }
        return try Database(path: folder)
    }
}
