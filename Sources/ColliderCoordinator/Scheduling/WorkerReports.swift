import Foundation

/// Usage a worker reports: new since its previous report, never cumulative.
public struct UsageRecord: Sendable, Equatable, Codable {
    /// The pipeline role (task, loss, gradient, optimizer, judge).
    public var role: String
    /// Name of the endpoint in the sweep config.
    public var endpoint: String
    /// Calls made, failed attempts included.
    public var calls: Int
    /// Prompt plus completion tokens.
    public var tokens: Int
    /// Dollars, from the config's price table.
    public var dollars: Double

    public init(role: String, endpoint: String, calls: Int, tokens: Int, dollars: Double) {
        self.role = role
        self.endpoint = endpoint
        self.calls = calls
        self.tokens = tokens
        self.dollars = dollars
    }
}

/// One completed LLM call, keyed by its call key (architecture.md, "the call journal").
public struct JournalEntry: Sendable, Equatable, Codable {
    /// hash(task id, step, stage, item, sample, request body).
    public var callKey: String
    /// The encoded reply, opaque to the coordinator.
    public var entry: Data

    public init(callKey: String, entry: Data) {
        self.callKey = callKey
        self.entry = entry
    }
}

/// A step checkpoint: everything a task needs to continue after `step`.
public struct Checkpoint: Sendable, Equatable, Codable {
    /// The step.
    public var step: Int
    /// The encoded checkpoint, opaque to the coordinator.
    public var blob: Data

    public init(step: Int, blob: Data) {
        self.step = step
        self.blob = blob
    }
}

/// One optimization step's record, as JSON text.
public struct StepRecord: Sendable, Equatable, Codable {
    /// The step.
    public var step: Int
    /// The record, as JSON text.
    public var json: String

    public init(step: Int, json: String) {
        self.step = step
        self.json = json
    }
}

/// What a PROGRESS message carries.
public struct ProgressReport: Sendable, Equatable {
    /// Increases with each report of a lease, so that a resent report counts once.
    public var sequence: Int
    /// The pipeline stage running now.
    public var stage: String
    /// The step.
    public var step: Int
    /// Calls of this attempt so far (cumulative).
    public var calls: Int
    /// Usage since the previous report.
    public var usage: [UsageRecord]
    /// The checkpoint of a step completed since the previous report.
    public var checkpoint: Checkpoint?
    /// Calls completed since the previous report.
    public var journal: [JournalEntry]
    /// Records of steps completed since the previous report.
    public var stepRecords: [StepRecord]

    public init(
        sequence: Int, stage: String, step: Int, calls: Int, usage: [UsageRecord] = [],
        checkpoint: Checkpoint? = nil, journal: [JournalEntry] = [], stepRecords: [StepRecord] = []
    ) {
        self.sequence = sequence
        self.stage = stage
        self.step = step
        self.calls = calls
        self.usage = usage
        self.checkpoint = checkpoint
        self.journal = journal
        self.stepRecords = stepRecords
    }
}

/// What a RESULT message carries.
public struct ResultReport: Sendable, Equatable {
    /// The encoded task result, opaque to the coordinator.
    public var payload: Data
    /// Usage not yet reported in progress.
    public var usage: [UsageRecord]

    public init(payload: Data, usage: [UsageRecord] = []) {
        self.payload = payload
        self.usage = usage
    }
}
