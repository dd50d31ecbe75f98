import ColliderCore

/// Where a task stands (architecture.md, "Tasks").
public enum TaskStatus: Sendable, Equatable {
    /// Waiting for its dependencies, a worker, or the end of a retry backoff.
    case pending
    /// Held by a worker under a lease.
    case leased
    /// Its first committed result is stored.
    case done
    /// Failed for good: not retryable, or out of retries.
    case failed(FailureClass, reason: String)
    /// A dependency failed for good, so it will never run.
    case blocked(dependency: String)
    /// Leased before a coordinator restart, waiting for its worker to re-announce it.
    case unknown

    /// The state's name as the store writes it.
    public var name: String {
        switch self {
        case .pending: "pending"
        case .leased: "leased"
        case .done: "done"
        case .failed: "failed"
        case .blocked: "blocked"
        case .unknown: "unknown"
        }
    }

    /// Whether the task will never change again.
    public var isTerminal: Bool {
        switch self {
        case .done, .failed, .blocked: true
        case .pending, .leased, .unknown: false
        }
    }
}
