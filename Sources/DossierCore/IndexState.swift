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

/// Pairs a file's old passages with its new paragraphs, so ids survive edits elsewhere in the file:
/// identical text keeps its id (moved or not); an edited paragraph between two kept ones takes the id of the
/// old paragraph in the same gap; the rest are added or removed.
public enum PassageMatcher {
    public enum Outcome: Equatable, Sendable {
        /// Same text as old passage `old`.
        case unchanged(old: Int)
        /// Edited version of old passage `old`.
        case changed(old: Int)
        case added
    }

    /// Matching by given ids (JSONL `_id`): the same id is the same passage, changed if its hash differs.
    public static func match(old: [(id: String, hash: String)], new: [(id: String, hash: String)]) -> (outcomes: [Outcome], removed: [Int]) {
        var byID: [String: Int] = [:]
        for (i, p) in old.enumerated() { byID[p.id] = i }
        var used = [Bool](repeating: false, count: old.count)
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(new.count)
        for p in new {
            if let k = byID[p.id], !used[k] {
                used[k] = true
                outcomes.append(old[k].hash == p.hash ? .unchanged(old: k) : .changed(old: k))
            } else {
                outcomes.append(.added)
            }
        }
        return (outcomes, old.indices.filter { !used[$0] })
    }

    /// For each new hash, its outcome; and the old indexes left over (removed).
    public static func match(old: [String], new: [String]) -> (outcomes: [Outcome], removed: [Int]) {
        var byHash: [String: [Int]] = [:]
        for (i, h) in old.enumerated() { byHash[h, default: []].append(i) }
        var used = [Bool](repeating: false, count: old.count)
        var outcomes = [Outcome](repeating: .added, count: new.count)
        // 1. identical text, preferring the old passage nearest in order
        for (j, h) in new.enumerated() {
            guard var candidates = byHash[h], !candidates.isEmpty else { continue }
            let k = candidates.removeFirst()
            byHash[h] = candidates
            used[k] = true
            outcomes[j] = .unchanged(old: k)
        }
        // 2. edited: an unmatched new paragraph takes the first unused old one between its matched neighbours
        var previousOld = -1
        for j in new.indices {
            if case let .unchanged(k) = outcomes[j] {
                previousOld = k
                continue
            }
            var nextOld = old.count
            for jj in (j + 1)..<max(j + 1, new.count) {
                if case let .unchanged(k) = outcomes[jj] { nextOld = k; break }
            }
            if previousOld + 1 < nextOld {
                for k in (previousOld + 1)..<nextOld where !used[k] {
                    used[k] = true
                    outcomes[j] = .changed(old: k)
                    previousOld = k
                    break
                }
            }
        }
        let removed = old.indices.filter { !used[$0] }
        return (outcomes, removed)
    }
}
