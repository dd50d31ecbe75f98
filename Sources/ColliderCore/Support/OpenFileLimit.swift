import Foundation

/// The process's limit on open files. A coordinator holds one descriptor per connected worker,
/// so the limit caps its fleet; many systems start processes with a soft limit of 1,024.
public enum OpenFileLimit {
    /// Raises the soft limit to the hard one (which an unprivileged process may do) and returns
    /// the limit in force afterwards.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return current
    }
}

extension OpenFileLimit {
    /// The soft limit in force.
    public static var current: Int {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return Int(clamping: limit.rlim_cur)
    }

    /// How many descriptors this process has open (the entries of `/proc/self/fd`, less the one
    /// reading it): all of them (`current`) when none is left to read it with; nil where that
    /// folder cannot be read.
    public static func inUse() -> Int? {
        guard let directory = opendir("/proc/self/fd") else { return errno == EMFILE ? current : nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { count += 1 }
        }
        return max(0, count - 1)
    }

    /// The warning a coordinator logs when `inUse` descriptors come within a tenth of `limit`
    /// (nil below that): one per connected worker, and a worker past the limit cannot connect at
    /// all. libzmq reports a failed accept to no one and retries it in a loop.
    public static func warning(inUse: Int, limit: Int) -> String? {
        guard inUse * 10 >= limit * 9 else { return nil }
        return "\(inUse) of this process's \(limit) file descriptors are open, one per connected worker: workers past "
            + "the limit cannot connect; raise the hard limit (`ulimit -Hn`, systemd `LimitNOFILE=`) and restart the "
            + "coordinator (it resumes from its store)"
    }
}
