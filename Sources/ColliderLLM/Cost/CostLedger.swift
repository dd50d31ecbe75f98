import ColliderCore
import Synchronization

/// Running totals of attempts, tokens and dollars, by endpoint, role and task. Every attempt is
/// recorded, failed ones included. Safe to share between tasks.
public final class CostLedger: Sendable {
    /// Totals of one slice.
    public struct Totals: Sendable, Equatable {
        /// Attempts, failed ones included.
        public var attempts = 0
        /// Tokens over those attempts.
        public var usage = Usage.zero
        /// Dollars over those attempts.
        public var dollars = 0.0

        public init() {}

        mutating func add(usage: Usage, dollars: Double) {
            attempts += 1
            self.usage = self.usage + usage
            self.dollars += dollars
        }
    }

    /// All totals at one moment.
    public struct Snapshot: Sendable, Equatable {
        /// Everything.
        public var total = Totals()
        /// By endpoint name.
        public var byEndpoint: [String: Totals] = [:]
        /// By pipeline role.
        public var byRole: [Role: Totals] = [:]
        /// By task id; calls without a task id are under "".
        public var byTask: [String: Totals] = [:]

        public init() {}
    }

    private let state = Mutex(Snapshot())

    public init() {}

    /// Adds one attempt.
    public func record(endpoint: String, role: Role, taskID: String, usage: Usage, dollars: Double) {
        state.withLock { snapshot in
            snapshot.total.add(usage: usage, dollars: dollars)
            snapshot.byEndpoint[endpoint, default: Totals()].add(usage: usage, dollars: dollars)
            snapshot.byRole[role, default: Totals()].add(usage: usage, dollars: dollars)
            snapshot.byTask[taskID, default: Totals()].add(usage: usage, dollars: dollars)
        }
    }

    /// The totals now.
    public var snapshot: Snapshot {
        state.withLock { $0 }
    }
}
