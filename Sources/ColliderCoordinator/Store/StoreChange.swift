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
    case checkpoint(taskID: String, Checkpoint)
    /// Stored unless an entry with the same call key exists.
    case journal(taskID: String, JournalEntry)
    case stepRecord(taskID: String, StepRecord)
    /// The task's first committed result.
    case result(StoredResult)
    /// A result that came after the first: kept for its cost, never counted.
    case duplicateResult(StoredResult)
    case usage(taskID: String, UsageRecord, at: Date)
}

/// One line of the append-only event log.
public struct SweepEvent: Sendable, Equatable {
    public var kind: String
    public var taskID: String?
    public var worker: WorkerID?
    public var lease: LeaseID?
    public var detail: String
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
    public var taskID: String
    public var lease: LeaseID
    public var worker: WorkerID
    public var payload: Data
    /// Dollars the attempt that produced it spent.
    public var costUSD: Double
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
