#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// Keeping each shard's facet column (`FacetColumn`) up to date with the shard: written after a full build's
/// compaction, updated after an update's commits from the changed documents, and checked at the end of every run
/// (a run killed before writing it, a column deleted by hand). Only shards of `Options.facetColumnsFrom`
/// passages or more have one.
extension Indexer {
    /// After an update's commits: each shard's facet column from its column before them and the documents they
    /// changed, one thread per shard. A shard whose column was not up to date before gets a whole new one; one
    /// that cannot be written is left to `refreshFacetColumns`.
    func updateFacetColumns(_ paths: [String], baseRevisions: [UInt64], changed: [[UInt32]]) {
        let columnsFrom = options.facetColumnsFrom
        Self.onEveryCore(paths.count) { k in
            guard Self.wantsFacetColumn(paths[k], from: columnsFrom) else { return }
            try? FacetColumn.update(shard: paths[k], slot: Schema.facetsSlot, baseRevision: baseRevisions[k], changed: changed[k])
        }
    }

    /// Default of `Options.facetColumnsFrom`: a 100,000-passage index in two shards gets columns (a whole `trade`
    /// search 7.7 → 5.0 ms, `giant panda` 13.0 → 7.2 ms, side by side; BENCHMARKS.md), a 10,000-passage one none
    /// (no faster with one).
    public static let facetColumnsFrom = 25_000

    /// True when the shard at `path` has `from` passages or more, and so gets a facet column; else deletes the
    /// column it may have from a larger past.
    static func wantsFacetColumn(_ path: String, from: Int) -> Bool {
        let passages = (try? Database(path: path).documentCount()) ?? 0
        if passages < from { unlink(path + "/" + FacetColumn.fileName) }
        return passages >= from
    }

    /// Brings every shard's facet column up to date with the shard (see `FacetColumn`): after an update's
    /// commits, after an interrupted run, or when a column is missing. A column that cannot be written is a
    /// warning, not a failure: searches then count facets from the value slot, as they do over remote shards.
    func refreshFacetColumns(_ layout: IndexLayout) {
        let shards = layout.current()?.shards ?? (layout.isSingleDatabase ? [options.index] : [])
        let stale = shards.filter {
            Self.wantsFacetColumn($0, from: options.facetColumnsFrom)
                && !((try? FacetColumn.isFresh(shard: $0, slot: Schema.facetsSlot)) ?? false)
        }
        guard !stale.isEmpty else { return }
        let problems = LockedState([Warning]())
        Self.onEveryCore(stale.count) { k in
            do throws(XapianError) {
                try FacetColumn.write(shard: stale[k], slot: Schema.facetsSlot)
            } catch {
                let warning = Warning(file: stale[k] + "/" + FacetColumn.fileName,
                                      message: "not written (\(error.message)); searches count facets from the index's values instead")
                problems.withLock { $0.append(warning) }
            }
        }
        problems.withLock { $0 }.forEach(onWarning)
    }
}
