#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
#else
import Foundation
#endif

// The few operating-system services Dossier needs beyond FoundationEssentials, from the C library. Foundation's
// own (NSLock, NSCondition, Thread, Process, NSString paths, String(format:)) live in swift-corelibs-foundation,
// which links CoreFoundation and ICU in: 50 MB more binary and ~0.8 ms more start-up for every command
// (BENCHMARKS.md), for services that are a few lines each here.

/// A mutual-exclusion lock (a `pthread_mutex_t` at a fixed address). Used through `LockedState`.
final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init() {
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// A lock with a condition variable: `wait()` (with the lock held) sleeps until `broadcast()`.
final class Condition: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>

    init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    func lock() { pthread_mutex_lock(mutex) }
    func unlock() { pthread_mutex_unlock(mutex) }
    func wait() { pthread_cond_wait(condition, mutex) }
    func broadcast() { pthread_cond_broadcast(condition) }
}

/// Threads of the C library, for long-running work that wants a stack of a given size (a full build's shards).
enum Threads {
    private final class Body: @unchecked Sendable {
        let run: @Sendable () -> Void
        init(_ run: @escaping @Sendable () -> Void) { self.run = run }
    }

    /// Runs `body` on a new detached thread with a stack of `stackSize` bytes; on the calling thread if no thread
    /// can be started.
    static func start(stackSize: Int, _ body: @escaping @Sendable () -> Void) {
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, stackSize)
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, &attributes, { context in
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        if started != 0 {
            Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
        }
    }
}

/// Paths and files, with `stat` and string operations.
public enum FilePaths {
    /// True for a folder, false for anything else that exists, nil when nothing is there (links followed).
    public static func isDirectory(_ path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT == S_IFDIR
    }

    /// The path with links, `.` and `..` resolved (`realpath`), or as given when it does not exist.
    public static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The folder part of a path (`a/b/c` → `a/b`, `c` → ``, `/c` → `/`), as NSString's
    /// `deletingLastPathComponent` gives it for the paths Dossier handles.
    public static func parent(_ path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    /// What `fd` holds up to its end or `limit` bytes (retrying interrupted reads); nil on a read error.
    /// `expected`: the size to reserve, when known.
    static func readAll(fd: Int32, limit: Int = .max, expected: Int = 0) -> [UInt8]? {
        var bytes: [UInt8] = []
        if expected > 0 { bytes.reserveCapacity(min(expected, limit)) }
        // a file of known size is read in one call (one byte more shows its end) into a buffer of that size, not a
        // zero-filled 64 KB one (a search reads the index's 34-byte stub three times)
        var chunk = [UInt8](repeating: 0, count: min(1 << 16, max(limit, 1), expected > 0 ? expected + 1 : .max))
        while bytes.count < limit {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, min($0.count, limit - bytes.count)) }
            if n < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
            // the file has grown since its size was read: the rest in 64 KB reads
            if n == chunk.count, chunk.count < 1 << 16, limit > bytes.count { chunk = [UInt8](repeating: 0, count: min(1 << 16, limit)) }
        }
        return bytes
    }

    /// The C library's message for an error number.
    static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// A failed `replace(_:with:temporary:)`: the step that failed (`write`, `sync`, `rename`), the file it failed
    /// on, and the C library's error number.
    public struct ReplaceFailure: Error {
        public let step: String
        public let path: String
        public let code: Int32
        public var reason: String { FilePaths.message(code) }
        /// The disk is full or read-only: nothing was replaced.
        public var isFull: Bool { code == ENOSPC || code == EDQUOT || code == EROFS }
    }

    /// Writes `bytes` to `path` durably and atomically: into `temporary` (a path in the same folder), synced, then
    /// renamed over `path`, and the folder synced. A reader sees the old file or the new one, never a part; on failure
    /// the temporary file is removed and `path` is as it was. (The index's stub file and the update journal.)
    public static func replace(_ path: String, with bytes: [UInt8], temporary: String) throws(ReplaceFailure) {
        // the reason is taken from errno before close and unlink can change it
        func failure(_ step: String, _ file: String) -> ReplaceFailure { ReplaceFailure(step: step, path: file, code: errno) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure("write", temporary) }
        func fail(_ step: String) -> ReplaceFailure {
            let error = failure(step, temporary)
            close(fd)
            unlink(temporary)
            return error
        }
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 && errno == EINTR { continue }
            if n == 0 { errno = EIO }  // (no error set: nothing written)
            guard n > 0 else { throw fail("write") }
            written += n
        }
        guard fsync(fd) == 0 else { throw fail("sync") }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let error = failure("rename", temporary)
            unlink(temporary)
            throw error
        }
        let folder = open(parent(path).isEmpty ? "." : parent(path), O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    /// What a file-system error from FoundationEssentials says, in one line.
    public static func describe(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, let posix = cocoa.underlying as? POSIXError {
            return message(posix.code.rawValue)
        }
        if let posix = error as? POSIXError { return message(posix.code.rawValue) }
        return String(describing: error)
    }
}

/// Numbers as the C library's `printf` writes them (`%.6f`, `%.4f`): the same digits as `String(format:)`.
public enum Formatting {
    public static func fixed(_ value: Double, places: Int) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let n = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.\(places)f", $0) }
        guard n >= 0, n < buffer.count else { return String(value) }
        return String(decoding: buffer[0..<Int(n)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Runs other programs (`xapian-replicate`, the converters) with `posix_spawn`.
package enum Subprocess {
    /// Runs `tool` with `arguments` and this process's environment, its output discarded; its exit status and
    /// what it wrote to stderr. Throws when it cannot be started.
    package static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let (started, code, output) = spawn([tool] + arguments, capture: STDERR_FILENO, discard: STDOUT_FILENO, searchPath: false)
        guard started == 0 else { throw POSIXError(POSIXErrorCode(rawValue: started) ?? .EIO) }
        return (code, String(decoding: output, as: UTF8.self))
    }

    package enum Failure: Error, Equatable {
        /// The program is not installed (or not executable).
        case notFound
        /// It ran and failed (its exit status; 128 + the signal if killed), or could not be started.
        case failed(Int32)
    }

    /// Runs a program looked up in `PATH` (the converters: pdftotext) and returns what it wrote on its standard
    /// output; its standard error is discarded, its standard input empty.
    package static func output(_ arguments: [String]) throws(Failure) -> [UInt8] {
        let (started, code, output) = spawn(arguments, capture: STDOUT_FILENO, discard: STDERR_FILENO, searchPath: true)
        guard started == 0 else { throw started == ENOENT || started == EACCES ? .notFound : .failed(-1) }
        guard code == 0 else { throw .failed(code) }
        return output
    }

    /// Starts `arguments` (the program and its arguments; looked up in `PATH` with `searchPath`) with this
    /// process's environment and an empty standard input, collects what it writes on `capture` and discards its
    /// `discard`, and waits for it: posix_spawn's error (0 when it started), its exit status as a shell says it
    /// (128 + the signal if killed), and what it wrote.
    private static func spawn(_ arguments: [String], capture: Int32, discard: Int32, searchPath: Bool)
        -> (started: Int32, code: Int32, output: [UInt8]) {
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { return (errno, -1, []) }
        defer { close(pipe[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, discard, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, pipe[1], capture)
        posix_spawn_file_actions_addclose(&actions, pipe[0])
        posix_spawn_file_actions_addclose(&actions, pipe[1])
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid = pid_t()
        let started = searchPath ? posix_spawnp(&pid, arguments[0], &actions, nil, argv, envp)
                                 : posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
        close(pipe[1])
        guard started == 0 else { return (started, -1, []) }
        let output = FilePaths.readAll(fd: pipe[0]) ?? []
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (0, code, output)
    }
}
