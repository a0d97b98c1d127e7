import CXapian

/// A shard's facet column: the facet keys of one value slot of every document, decoded into a file in the
/// shard's folder and laid out for counting (an offset a document, then 16- or 32-bit keys), which counting
/// threads read through a map of the file instead of Xapian's value B-tree (`Enquire.msetCounting`). The column names the uuid and revision of the shard it was
/// made from, and is read only while the shard is still at that revision: a column left stale by a commit, or
/// copied beside another database, is ignored and the value slot is read instead.
///
/// A cache, written by the one writer after its commits: nothing here is shared state.
public enum FacetColumn {
    /// The column's file name inside a shard's folder.
    public static let fileName = CX_FACET_COLUMN

    /// Writes the column of `slot` for the single (glass) database at `shard`, as it is now: under a temporary
    /// name, synced, then renamed into place.
    public static func write(shard: String, slot: UInt32) throws(XapianError) {
        try check { err in withBytes(shard) { cx_facet_column_write($0, $1, slot, err) } }
    }

    /// Writes the column of `shard` from its column at `baseRevision` (the revision before the commit that
    /// changed the documents `changed`: `WritableDatabase.takeChangedDocids`) and those documents' values; from
    /// every value, as `write`, when the column is not at that revision.
    public static func update(shard: String, slot: UInt32, baseRevision: UInt64, changed: [UInt32]) throws(XapianError) {
        try check { err in
            withBytes(shard) { path, length in
                changed.withUnsafeBufferPointer {
                    cx_facet_column_update(path, length, slot, baseRevision, $0.baseAddress, $0.count, err)
                }
            }
        }
    }

    /// Compares the column of `shard` with the values of `slot`: nil when there is no column made from the shard
    /// as it is now, else the number of documents whose keys differ from their value's.
    public static func mismatches(shard: String, slot: UInt32) throws(XapianError) -> Int? {
        var fresh: Int32 = 0
        var mismatched: UInt32 = 0
        try check { err in withBytes(shard) { cx_facet_column_verify($0, $1, slot, &fresh, &mismatched, err) } }
        return fresh != 0 ? Int(mismatched) : nil
    }

    /// True when `shard` has a column of `slot` made from it as it is now.
    public static func isFresh(shard: String, slot: UInt32) throws(XapianError) -> Bool {
        var fresh: Int32 = 0
        try check { err in withBytes(shard) { cx_facet_column_fresh($0, $1, slot, &fresh, err) } }
        return fresh != 0
    }
}
