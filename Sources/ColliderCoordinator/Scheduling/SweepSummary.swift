import ColliderCore

/// How a sweep ended.
public struct SweepSummary: Sendable, Equatable {
    /// Why the sweep stopped.
    public enum Reason: String, Sendable, Equatable {
        /// Every task is done, failed or blocked.
        case completed
        /// DRAIN stopped it with tasks left.
        case drained
        /// The dollar ceiling stopped it with tasks left.
        case budgetExhausted = "budget_exhausted"
    }

    /// A task that failed for good.
    public struct Failure: Sendable, Equatable {
        /// The task.
        public var taskID: String
        /// The class of its last failure.
        public var failure: FailureClass
        /// What its last failure said.
        public var reason: String
    }

    /// Why the sweep stopped.
    public var reason: Reason
    /// Tasks by state name.
    public var counts: [String: Int]
    /// Dollars spent by the whole sweep.
    public var spentUSD: Double
    /// Failed tasks in plan order.
    public var failures: [Failure]

    /// Whether every task is done.
    public var succeeded: Bool { reason == .completed && counts["done", default: 0] == counts.values.reduce(0, +) }
}
