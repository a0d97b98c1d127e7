import CXapian

/// The CPUs this process may run on.
public enum Processors {
    /// The number of CPUs in this process's affinity mask (`taskset`), or nil if it cannot be read.
    public static var allowed: Int? {
        let n = Int(cx_cpus_allowed())
        return n > 0 ? n : nil
    }

    /// Starts `body` on a new thread, on another core than the calling thread's when the process may use one, then
    /// free to move. (Linux tends to queue a new thread on its parent's core, where the two take turns while the
    /// other cores idle: a background task started so would slow the work it was meant to run beside.) False,
    /// and `body` not run, when no thread could be started.
    @discardableResult
    public static func startThreadElsewhere(_ body: @escaping @Sendable () -> Void) -> Bool {
        let context = Unmanaged.passRetained(Callback(body)).toOpaque()
        guard cx_thread_start_elsewhere(Callback.callAndRelease, context) == 0 else {
            Unmanaged<Callback>.fromOpaque(context).release()
            return false
        }
        return true
    }
}
