import Foundation

/// What the scheduler asks its shell to do. `persist` comes first in every batch: the shell
/// commits it before it sends anything else.
public enum SchedulerAction: Sendable, Equatable {
    /// Commit these changes in one transaction before acting on the rest.
    case persist([StoreChange])
    /// Send TASK: the task under a new lease (with its latest checkpoint and journal).
    case lease(taskID: String, to: WorkerID, lease: LeaseID, attempt: Int)
    /// Send ACK for a message of the lease.
    case ack(WorkerID, LeaseID, AckSubject)
    /// Send CANCEL: the worker must drop the lease.
    case cancel(taskID: String, at: WorkerID, lease: LeaseID)
    /// A lease stopped progressing past its stage budget; show it in status.
    case markSuspect(WorkerID, lease: LeaseID, taskID: String, since: Date)
    /// Send DRAIN to a worker.
    case drain(WorkerID)
    /// Ask a worker this coordinator does not know (it restarted, or gave the worker up) to say
    /// HELLO again: PONG with `known: false`.
    case introduce(WorkerID)
    /// Spent plus the projection of leases in flight would pass the ceiling: nothing more is
    /// leased. Emitted once.
    case budgetExhausted(spentUSD: Double, limitUSD: Double)
    /// Nothing is left to do. Emitted once.
    case sweepFinished(SweepSummary)
}

/// Which message an ACK confirms.
public enum AckSubject: Sendable, Equatable {
    /// The PROGRESS report with this sequence number.
    case progress(sequence: Int)
    /// The RESULT of the lease.
    case result
    /// The FAIL of the lease.
    case fail
}
