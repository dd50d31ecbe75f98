import Foundation

/// One live lease: a task's attempt held by a worker, with what its progress reports said.
public struct Lease: Sendable, Equatable {
    /// The lease.
    public var id: LeaseID
    /// The task it runs.
    public var taskID: String
    /// The worker that holds it.
    public var worker: WorkerID
    /// The task's attempt number this lease runs (0 for the first).
    public var attempt: Int
    /// When it was granted (or reclaimed after a restart).
    public var grantedAt: Date
    /// The pipeline stage of the latest progress report, nil before the first.
    public var stage: String?
    /// The step of the latest progress report, nil before the first.
    public var step: Int?
    /// LLM calls the worker reported for this attempt so far.
    public var calls: Int
    /// Dollars the worker reported for this attempt so far.
    public var dollars: Double
    /// The highest progress sequence number seen, so that a resent report counts once.
    public var progressSequence: Int
    /// When stage, step or calls last moved (or when the lease began).
    public var lastProgressAt: Date
    /// When the lease was found stalled, nil while it moves.
    public var suspectSince: Date?

    public init(id: LeaseID, taskID: String, worker: WorkerID, attempt: Int, grantedAt: Date) {
        self.id = id
        self.taskID = taskID
        self.worker = worker
        self.attempt = attempt
        self.grantedAt = grantedAt
        self.stage = nil
        self.step = nil
        self.calls = 0
        self.dollars = 0
        self.progressSequence = -1
        self.lastProgressAt = grantedAt
        self.suspectSince = nil
    }
}
