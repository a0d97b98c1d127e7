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

/// The index's writer lock: a kernel file lock on `.dossier-lock` in the index folder, held for a whole
/// `dossier index` run (Xapian's own locks cover one shard each). The kernel drops it when the process exits,
/// even after `kill -9`: there is never a stale lock to delete.
public final class IndexLock {
    private var fd: Int32

    /// Takes the lock, waiting for another writer with `wait`, else failing at once with `.locked`.
    public init(folder: String, wait: Bool) throws {
        let path = folder + "/" + IndexLayout.lockName
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DossierError(.other, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        while flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
            let code = errno
            if code == EINTR { continue }
            let busy = code == EWOULDBLOCK
            close(fd)
            // deinit still runs after a throw from here: it must not close the number again (another thread may
            // have been given it by then)
            fd = -1
            if busy {
                throw DossierError(.locked, "index is being updated by another process: \(folder) (wait for it, or pass --wait)")
            }
            throw DossierError(.other, "cannot lock \(path): \(String(cString: strerror(code)))")
        }
    }

    /// Releases the lock (also done when the object goes away).
    public func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}

@available(*, unavailable, message: "a lock belongs to the run that took it")
extension IndexLock: Sendable {}
