import CXapian

/// The CPUs this process may run on.
public enum Processors {
    /// The number of CPUs in this process's affinity mask (`taskset`), or nil if it cannot be read.
    public static var allowed: Int? {
        let n = Int(cx_cpus_allowed())
        return n > 0 ? n : nil
    }
}
