import Foundation

/// Lowers the scheduling priority of the calling thread alone, for work that must take spare
/// cycles on a busy host rather than the dispatch path's (the store writer, report rebuilds).
public enum ThreadNiceness {
    /// Sets the calling thread's nice value (Linux: `setpriority` on a thread id affects that
    /// thread only). Does nothing when the thread id cannot be read.
    public static func set(_ nice: Int32) {
        guard let id = threadID() else { return }
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id, nice)
    }

    /// The calling thread's kernel id (Glibc's Swift module does not export `gettid`): the last
    /// component of `/proc/thread-self`'s target.
    static func threadID() -> id_t? {
        let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self")
        return target?.split(separator: "/").last.flatMap { id_t($0) }
    }
}
