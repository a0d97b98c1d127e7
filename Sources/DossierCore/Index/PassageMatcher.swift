#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// What the index knows about one corpus file, stored in the database metadata under `file:` + path.

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
