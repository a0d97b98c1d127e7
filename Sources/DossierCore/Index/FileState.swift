#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// What the index knows about one corpus file, stored in the database metadata under `file:` + path.
public struct FileState: Codable, Sendable, Equatable {
    public struct PassageState: Codable, Sendable, Equatable {
        public let id: String
        public let hash: String
    }

    public var size: Int64
    public var mtime: Int64
    /// Hash of the whole file's bytes.
    public var hash: String
    /// The file's passages in order.
    public var passages: [PassageState]

    static func load(from database: Database) throws -> [String: FileState] {
        var states: [String: FileState] = [:]
        let decoder = JSONDecoder()
        for key in try database.metadataKeys(prefix: Schema.fileStatePrefix) {
            let value = try database.metadata(key)
            guard let state = try? decoder.decode(FileState.self, from: Data(value.utf8)) else { continue }
            states[String(key.dropFirst(Schema.fileStatePrefix.count))] = state
        }
        return states
    }

    /// The state of one file, or nil if the index does not know it.
    static func load(_ path: String, from database: Database) throws -> FileState? {
        let value = try database.metadata(Schema.fileStatePrefix + path)
        guard !value.isEmpty else { return nil }
        return try? JSONDecoder().decode(FileState.self, from: Data(value.utf8))
    }

    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}
