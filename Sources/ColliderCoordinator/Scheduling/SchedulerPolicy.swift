import ColliderCore
import Foundation

/// The scheduler's knobs: liveness, retries, stall detection, reconciliation, dollar ceiling.
public struct SchedulerPolicy: Sendable, Equatable {
    /// Seconds between a worker's heartbeats.
    public var heartbeatInterval: TimeInterval
    /// Missed heartbeats after which a worker and its leases are given up.
    public var liveness: Int
    /// Retries allowed per task by failure class, counting the task's own failures (FAIL
    /// reports and stalls, which count as `infra`); a class not listed is never retried.
    public var retryLimits: [FailureClass: Int]
    /// Leases a task may lose to its worker's loss (killed, silent, cut off, back without the
    /// lease) before it fails as `infra`. Kept apart from `retryLimits`: losing a worker is the
    /// fleet's fault, not the task's, yet a task that takes down every worker that runs it must
    /// still end.
    public var lostLeaseLimit: Int
    /// Backoff before the first retry; doubles with each further retry.
    public var backoffBase: TimeInterval
    /// Longest backoff.
    public var backoffCap: TimeInterval
    /// Seconds a stage may go without progress before its worker is suspect, by stage name.
    public var stageBudgets: [String: TimeInterval]
    /// Budget of a stage not in `stageBudgets`.
    public var defaultStageBudget: TimeInterval
    /// Seconds a suspect lease is given before its task is cancelled and leased elsewhere.
    public var suspectCancelAfter: TimeInterval
    /// How long after a restart leases wait for their workers to re-announce them.
    public var reconciliationWindow: TimeInterval
    /// How long a worker whose connection closed keeps its leases: a worker that reconnects
    /// (ZeroMQ reconnects by itself) is heard from within one heartbeat and keeps them.
    public var disconnectGrace: TimeInterval
    /// The sweep's dollar ceiling (`budget.max_usd`), nil for none.
    public var maxUSD: Double?
    /// Seconds a drain waits for the leases in flight to finish before it cancels them; their
    /// tasks keep their checkpoints and journal and go back to pending.
    public var drainTimeout: TimeInterval

    public init(
        heartbeatInterval: TimeInterval = 1, liveness: Int = 5,
        retryLimits: [FailureClass: Int] = [.infra: 3, .model: 3], lostLeaseLimit: Int = 10, backoffBase: TimeInterval = 2,
        backoffCap: TimeInterval = 60, stageBudgets: [String: TimeInterval] = [:],
        defaultStageBudget: TimeInterval = 300, suspectCancelAfter: TimeInterval = 120,
        reconciliationWindow: TimeInterval? = nil, disconnectGrace: TimeInterval? = nil, maxUSD: Double? = nil,
        drainTimeout: TimeInterval = 60
    ) {
        self.heartbeatInterval = heartbeatInterval
        self.liveness = liveness
        self.retryLimits = retryLimits
        self.lostLeaseLimit = lostLeaseLimit
        self.backoffBase = backoffBase
        self.backoffCap = backoffCap
        self.stageBudgets = stageBudgets
        self.defaultStageBudget = defaultStageBudget
        self.suspectCancelAfter = suspectCancelAfter
        self.reconciliationWindow = reconciliationWindow ?? 2 * heartbeatInterval * Double(liveness)
        self.disconnectGrace = disconnectGrace ?? 2 * heartbeatInterval
        self.maxUSD = maxUSD
        self.drainTimeout = drainTimeout
    }

    /// How long a worker may stay silent before its leases expire.
    public var leaseTimeout: TimeInterval { heartbeatInterval * Double(liveness) }

    /// The shortest time from an event to a deadline it gives a worker or a lease: its silence
    /// (`leaseTimeout`), a closed connection's grace, a stage's budget or a suspect's grace.
    public var shortestDelay: TimeInterval {
        min(leaseTimeout, disconnectGrace, suspectCancelAfter, defaultStageBudget, stageBudgets.values.min() ?? .infinity)
    }

    /// Whether a task that failed with `failure`, after `failures` earlier failures of its own,
    /// runs again.
    public func retries(_ failure: FailureClass, retryable: Bool, failures: Int) -> Bool {
        retryable && failures < retryLimits[failure, default: 0]
    }

    /// Whether a task that lost its lease with its worker, after `lost` earlier such losses,
    /// runs again.
    public func retriesLostLease(lost: Int) -> Bool {
        lost < lostLeaseLimit
    }

    /// The wait before retry number `retry` (1 for the first retry): base × 2^(retry−1), capped.
    /// No jitter: the machine stays deterministic, and tasks fail at different times anyway.
    public func backoff(retry: Int) -> TimeInterval {
        let exponent = Double(max(0, min(retry - 1, 30)))
        return min(backoffCap, backoffBase * pow(2, exponent))
    }

    /// The no-progress budget of a stage.
    public func budget(forStage stage: String?) -> TimeInterval {
        stage.flatMap { stageBudgets[$0] } ?? defaultStageBudget
    }
}
