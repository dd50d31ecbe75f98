import ColliderCore
import Foundation

/// A task with its scheduling state: one row of the store's `tasks` table.
public struct TaskRecord: Sendable, Equatable {
    /// What the task is.
    public var task: SweepTask
    /// Where it stands.
    public var status: TaskStatus
    /// 0 for the first attempt; each retry or lost lease adds one.
    public var attempt: Int
    /// How many of those attempts ended with their worker lost (not the task's own failures).
    public var lostLeases: Int
    /// The current lease (also kept while `unknown`), nil otherwise.
    public var lease: LeaseID?
    /// The worker of the current lease.
    public var worker: WorkerID?
    /// Not leased before this time (retry backoff).
    public var nextEligibleAt: Date?
    /// Projected dollars of one attempt, for the dollar ceiling.
    public var estimatedUSD: Double

    public init(
        task: SweepTask, status: TaskStatus = .pending, attempt: Int = 0, lostLeases: Int = 0, lease: LeaseID? = nil,
        worker: WorkerID? = nil, nextEligibleAt: Date? = nil, estimatedUSD: Double = 0
    ) {
        self.task = task
        self.status = status
        self.attempt = attempt
        self.lostLeases = lostLeases
        self.lease = lease
        self.worker = worker
        self.nextEligibleAt = nextEligibleAt
        self.estimatedUSD = estimatedUSD
    }

    /// Attempts that ended in the task's own failure.
    public var failures: Int { attempt - lostLeases }

    /// The task id.
    public var id: String { task.id }
}
