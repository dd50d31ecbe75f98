import Synchronization

/// The server's counters, shared by all request handlers.
final class SimStats: Sendable {
    private let state = Mutex(SimStatsSnapshot())

    /// A request arrived: counts it and its concurrency.
    func begin() {
        state.withLock { stats in
            stats.requests += 1
            stats.inFlight += 1
            stats.peakConcurrency = max(stats.peakConcurrency, stats.inFlight)
        }
    }

    /// The request's role is known.
    func count(role: SimRole) {
        state.withLock { $0.byRole[role.rawValue, default: 0] += 1 }
    }

    /// A request finished with `status` (nil: no response was sent).
    func end(status: Int?) {
        state.withLock { stats in
            stats.inFlight -= 1
            if let status { stats.byStatus[String(status), default: 0] += 1 }
        }
    }

    /// A fault was injected.
    func record(_ fault: Fault) {
        state.withLock { $0.faults[fault.rawValue, default: 0] += 1 }
    }

    /// An answered request used these tokens.
    func addUsage(prompt: Int, completion: Int) {
        state.withLock { stats in
            stats.promptTokens += prompt
            stats.completionTokens += completion
        }
    }

    /// The counters now.
    var snapshot: SimStatsSnapshot {
        state.withLock { $0 }
    }
}
