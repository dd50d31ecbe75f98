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
            getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(clamping: limit.rlim_cur)
    }
}
