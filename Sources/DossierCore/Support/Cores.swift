#if canImport(FoundationEssentials)
import FoundationEssentials
import Glibc
import Dispatch
#else
import Foundation
#endif
import Xapian

/// The number of cores this process may use: the CPUs its affinity mask allows (`taskset`), and no more than its
/// cgroup's CPU quota (a container's `--cpus`). `ProcessInfo.activeProcessorCount` reads the quota but not the
/// mask, and its file reading took ~0.2 ms, on every search's path; this is one system call and a small file or
/// two read with POSIX calls.
public enum Cores {
    public static let available: Int = {
        var cpus = Processors.allowed ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        if let quota = quota(), quota < cpus { cpus = quota }
        return max(1, cpus)
    }()

    /// The CPU quota in whole cores (rounded up), from cgroup v2's `cpu.max` or v1's CFS files; nil without one.
    static func quota() -> Int? {
        func numbers(_ path: String) -> [Int]? {
            guard let bytes = CorpusReader.readAll(path, limit: 128) else { return nil }
            return String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Int($0) ?? -1 }
        }
        var limit: (quota: Int, period: Int)?
        if let v2 = numbers("/sys/fs/cgroup/cpu.max"), v2.count == 2 {
            limit = (v2[0], v2[1])  // "max 100000": -1, no quota
        } else if let q = numbers("/sys/fs/cgroup/cpu/cpu.cfs_quota_us"), let p = numbers("/sys/fs/cgroup/cpu/cpu.cfs_period_us"),
                  q.count == 1, p.count == 1 {
            limit = (q[0], p[0])
        }
        guard let (quota, period) = limit, quota > 0, period > 0 else { return nil }
        return (quota + period - 1) / period
    }
}
