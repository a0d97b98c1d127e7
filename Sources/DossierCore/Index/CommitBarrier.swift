#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// How a Dossier index sits on disk: a folder holding a Xapian stub database file (`XAPIANDB`) that lists the
/// shards of the current generation (`shard-g<generation>-<k>`, each a glass database), so that Xapian's own
/// tools and `Database(path:)` open the folder as one database.
///
/// A full build writes a new generation beside the current one and switches to it by renaming the stub file
/// into place (atomic); the old generation is then deleted. An index written by Dossier before shards (a single
/// glass database in the folder) is still read, and is replaced by the sharded layout at its next full build.

/// Keeps readers from opening a sharded index while an update commits its shards one by one: the update holds
/// an exclusive kernel lock on `.dossier-commit` from writing its journal to deleting it, and readers hold it
/// shared while they open (or reopen) the shards. Readers thus see every shard before the update or every shard
/// after it. Both waits are short: a commit phase, or the opening of a few databases.
enum CommitBarrier {
    /// Takes the barrier shared for each of `folders` (see `IndexLayout.indexFolders`; skipped when the lock file
    /// cannot be opened, as on a read-only index without one); give the result to `release`.
    static func reading(_ folders: [String]) -> [Int32] {
        folders.map { lock($0, LOCK_SH) }.filter { $0 >= 0 }
    }

    static func release(_ fds: [Int32]) {
        for fd in fds where fd >= 0 { close(fd) }
    }

    /// Takes the barrier exclusively for an update's commit phase; give the result to `release`.
    static func committing(folder: String) -> Int32 {
        lock(folder, LOCK_EX)
    }

    /// The barrier of `folder` locked with `operation`, or -1 when its file cannot be opened (readers open it
    /// read-only when they cannot create it).
    private static func lock(_ folder: String, _ operation: Int32) -> Int32 {
        let file = folder + "/" + IndexLayout.commitBarrierName
        var fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 && operation == LOCK_SH { fd = open(file, O_RDONLY | O_CLOEXEC) }
        guard fd >= 0 else { return -1 }
        while flock(fd, operation) != 0 && errno == EINTR {}
        return fd
    }
}
