import Foundation

/// One state change for the store; the scheduler's `persist` action carries a batch of them,
/// which the store applies in one transaction.
public enum StoreChange: Sendable, Equatable {
    /// Write the task's scheduling state.
    case task(TaskRecord, at: Date)
    /// A lease began.
    case leaseOpened(Lease)
    /// A lease ended: `outcome` says how (result, fail, expired, cancelled, unclaimed, …).
    case leaseClosed(LeaseID, outcome: String, at: Date)
    /// Append to the event log.
    case event(SweepEvent)
    /// Store a step checkpoint (a later one of the same step replaces it).
    case checkpoint(taskID: String, Checkpoint)
    /// Stored unless an entry with the same call key exists.
    case journal(taskID: String, JournalEntry)
    /// Store a step's record.
    case stepRecord(taskID: String, StepRecord)
    /// The task's first committed result.
    case result(StoredResult)
    /// A result that came after the first: kept for its cost, never counted.
    case duplicateResult(StoredResult)
    /// Append reported usage.
    case usage(taskID: String, UsageRecord, at: Date)
}

/// One line of the append-only event log.
public struct SweepEvent: Sendable, Equatable {
    /// What happened, e.g. `leased`, `retry`, `suspect`.
    public var kind: String
    /// The task concerned, if any.
    public var taskID: String?
    /// The worker concerned, if any.
    public var worker: WorkerID?
    /// The lease concerned, if any.
    public var lease: LeaseID?
    /// Human-readable detail.
    public var detail: String
    /// When it happened.
    public var at: Date

    public init(
        kind: String, taskID: String? = nil, worker: WorkerID? = nil, lease: LeaseID? = nil,
        detail: String = "", at: Date
    ) {
        self.kind = kind
        self.taskID = taskID
        self.worker = worker
        self.lease = lease
        self.detail = detail
        self.at = at
    }
}

/// A task result as stored.
public struct StoredResult: Sendable, Equatable {
    /// The task the result belongs to.
    public var taskID: String
    /// The lease that produced it.
    public var lease: LeaseID
    /// The worker that sent it.
    public var worker: WorkerID
    /// The encoded result, opaque to the coordinator.
    public var payload: Data
    /// Dollars the attempt that produced it spent.
    public var costUSD: Double
    /// When it happened.
    public var at: Date

    public init(taskID: String, lease: LeaseID, worker: WorkerID, payload: Data, costUSD: Double, at: Date) {
        self.taskID = taskID
        self.lease = lease
        self.worker = worker
        self.payload = payload
        self.costUSD = costUSD
        self.at = at
    }
}
